"""Check the labelled job-title set (tests/data/title_eval.tsv); exits 1 on any problem.

Usage: python scripts/check_title_eval.py [TSV] [--onet DIR]

Standard library only. Checks that the header is `title, soc, role, family, notes`; every row has
five fields; titles are unique (ignoring case and spacing) and have no stray spaces; every `soc` is
`none` or a code in O*NET's `Occupation Data.txt` (DIR defaults to $ONET_DIR or
/work/shared/onet/29.3); every `role` is empty or an `id` in data/roles/*.yaml; `family` is one of
the allowed values; `none` rows have family none and no role (and only they); and each group of
families has at least the agreed number of titles. Prints the counts per family.
"""

from __future__ import annotations

import os
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TSV = ROOT / "tests" / "data" / "title_eval.tsv"
DEFAULT_ONET = Path(os.environ.get("ONET_DIR", "/work/shared/onet/29.3"))
HEADER = ["title", "soc", "role", "family", "notes"]
FAMILIES = {
    "data", "software", "health", "trade", "finance", "business",
    "public", "education", "legal", "other", "none",
}
# Minimum titles per group of families, as agreed for issue 15.
MINIMUMS = {
    ("data", "software"): 70,
    ("health",): 60,
    ("trade",): 60,
    ("finance", "business"): 50,
    ("public", "education", "legal"): 40,
    ("other",): 30,
    ("none",): 20,
}
SOC = re.compile(r"^\d{2}-\d{4}\.\d{2}$")


def onet_codes(onet_dir: Path) -> set[str]:
    lines = (onet_dir / "Occupation Data.txt").read_text(encoding="utf-8").splitlines()
    return {line.split("\t")[0] for line in lines[1:] if line.strip()}


def role_ids(roles_dir: Path) -> set[str]:
    ids = set()
    for path in roles_dir.glob("*.yaml"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("id:"):
                ids.add(line.split(":", 1)[1].strip())
    return ids


def check(tsv: Path, onet_dir: Path, roles_dir: Path) -> tuple[list[str], Counter]:
    problems: list[str] = []
    lines = tsv.read_text(encoding="utf-8").split("\n")
    if lines[0].split("\t") != HEADER:
        problems.append(f"header is {lines[0]!r}, expected {chr(9).join(HEADER)!r}")
    codes, roles = onet_codes(onet_dir), role_ids(roles_dir)
    seen: dict[str, int] = {}
    families: Counter = Counter()
    for number, line in enumerate(lines[1:], start=2):
        if not line:
            continue
        fields = line.split("\t")
        if len(fields) != len(HEADER):
            problems.append(f"line {number}: {len(fields)} fields, expected {len(HEADER)}")
            continue
        title, soc, role, family, _notes = fields
        where = f"line {number} ({title!r})"
        if not title or title != title.strip() or "  " in title:
            problems.append(f"{where}: empty title or stray spaces")
        key = " ".join(title.lower().split())
        if key in seen:
            problems.append(f"{where}: duplicate of line {seen[key]}")
        seen[key] = number
        if soc != "none" and not SOC.match(soc):
            problems.append(f"{where}: soc {soc!r} is not NN-NNNN.NN or none")
        elif soc != "none" and soc not in codes:
            problems.append(f"{where}: soc {soc} is not in O*NET Occupation Data.txt")
        if role and role not in roles:
            problems.append(f"{where}: role {role!r} is not a curated role id")
        if family not in FAMILIES:
            problems.append(f"{where}: family {family!r} is not one of {sorted(FAMILIES)}")
        if (soc == "none") != (family == "none"):
            problems.append(f"{where}: soc none and family none go together")
        if soc == "none" and role:
            problems.append(f"{where}: a none row has no role")
        if family in ("health", "trade") and soc.startswith("15-"):
            problems.append(f"{where}: a {family} title is labelled with a 15-xxxx code")
        families[family] += 1
    for group, minimum in MINIMUMS.items():
        count = sum(families[f] for f in group)
        if count < minimum:
            problems.append(f"{'+'.join(group)}: {count} titles, at least {minimum} wanted")
    return problems, families


def main(argv: list[str]) -> int:
    args = list(argv)
    onet_dir = DEFAULT_ONET
    if "--onet" in args:
        at = args.index("--onet")
        onet_dir = Path(args[at + 1])
        del args[at : at + 2]
    tsv = Path(args[0]) if args else DEFAULT_TSV
    problems, families = check(tsv, onet_dir, ROOT / "data" / "roles")
    total = sum(families.values())
    print(f"{tsv}: {total} titles")
    for family, count in sorted(families.items(), key=lambda item: (-item[1], item[0])):
        print(f"  {family:<10} {count}")
    for problem in problems:
        print(f"PROBLEM: {problem}")
    print("OK" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
