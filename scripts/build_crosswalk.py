"""Build data/crosswalk.json: O*NET technology examples read as skills of careercli's taxonomy.

Usage (from the repository root):
    PYTHONPATH=src python scripts/build_crosswalk.py            # writes data/crosswalk.json
    PYTHONPATH=src python scripts/build_crosswalk.py --check    # exit 1 if the file is stale

Input: the built O*NET files (data/onet/details/*.json, from scripts/build_onet.py), the skills
taxonomy (data/skills.yaml, read through careercli's own loader and Resolver) and the curated
table data/crosswalk.yaml. Each distinct example name is read, first rule that answers wins:

    curated   the name is in crosswalk.yaml's `map`
    exact     the name is a taxonomy skill or alias: "Python", "Microsoft Excel"
    suffix    the same without a trailing "software": "SAP software" -> SAP
    acronym   the trailing acronym, when it spells the words before it (each word giving its
              first letter and maybe later ones, small words and a leading vendor nothing)
              and the skill is called exactly that or has a name beginning with those words:
              "Structured query language SQL" -> SQL
    vendor    the name without a vendor of crosswalk.yaml's `vendors`: "Oracle Java" -> Java

Only exact lookups of names and curated aliases count; a fuzzy (typo) match never does, and the
names in crosswalk.yaml's `never` stay unmapped.

Output (compact JSON, one trailing newline, keys sorted):
    names         {example: [skill, rule]} for every mapped example
    occupations   {O*NET-SOC code: [[skill, weight], ...]}: the distinct skills an occupation's
                  technology rows map to, weight 1 + Hot Technology + In Demand (1-3, the
                  highest of the rows naming the skill), heaviest first
    coverage      rows and distinct names mapped, overall and for the 15-xxxx family
The script prints the coverage.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
OUT = DATA / "crosswalk.json"
SMALL_WORDS = {"and", "for", "of", "the", "to", "on", "in", "with", "a", "an"}
_ACRONYM = re.compile(r"^(?P<words>.+?)\s+\(?(?P<acronym>[A-Z][A-Za-z0-9]*[A-Z0-9])\)?$")


def spells(acronym: str, words: list[str]) -> bool:
    """Whether the acronym is made of each word in turn giving its first letter and maybe more
    of its letters in order (small words may give nothing): "HTML" spells Hypertext (H, t)
    markup language; "SQL" spells structured query language."""
    target = acronym.casefold()
    folded = [w.casefold() for w in words]

    def walk(i: int, w: int) -> bool:
        if w == len(folded):
            return i == len(target)
        word = folded[w]
        if word in SMALL_WORDS and walk(i, w + 1):
            return True
        if i == len(target) or word[0] != target[i]:
            return False
        # the first letter, then any later letters of the word in order
        ends = [i + 1]
        j = i + 1
        for ch in word[1:]:
            if j < len(target) and ch == target[j]:
                j += 1
                ends.append(j)
        return any(walk(end, w + 1) for end in reversed(ends))

    return len(target) >= 2 and walk(0, 0)


def spelled_by(acronym: str, words: list[str]) -> str | None:
    """The words the acronym spells, ending the name; a vendor before them gives nothing
    ("Microsoft Visual Basic for Applications VBA")."""
    for start in range(len(words)):
        if spells(acronym, words[start:]):
            return " ".join(words[start:])
    return None


def load_curated(path: Path) -> dict[str, Any]:
    import yaml

    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(doc, dict) or not isinstance(doc.get("map"), dict):
        raise SystemExit(f"{path}: expected a mapping with `map`, `never` and `vendors`")
    return doc


class Reader:
    """Reads one example name as a taxonomy skill, saying which rule did it."""

    def __init__(self, catalog: Any, curated: dict[str, Any]):
        from careercli.matching import Resolver

        self.resolver = Resolver(catalog)
        self.skills = catalog.skills
        self.curated: dict[str, str] = curated["map"]
        self.never = set(curated.get("never") or ())
        self.vendors = sorted(curated.get("vendors") or (), key=len, reverse=True)
        unknown = sorted(s for s in self.curated.values() if s not in self.skills)
        if unknown:
            raise SystemExit(f"crosswalk.yaml maps to skills not in the taxonomy: {unknown}")

    def exact(self, text: str) -> str | None:
        found = self.resolver.resolve(text)
        if found.skill is None or found.how not in ("exact", "alias"):
            return None
        if found.level is not None or found.years is not None:
            return None  # "Basic" or "5 years" read off the name: not the product's own name
        return found.skill

    def same_expansion(self, skill: str, acronym: str, words: str) -> bool:
        """An acronym names the skill only if the skill is called exactly that (SQL, AWS) or
        one of its names begins with the words spelled out: EDA is exploratory data analysis,
        not "Electronic design automation EDA"; REACT here is not React."""
        from careercli.text import normalize

        if skill == acronym:
            return True
        spelled = normalize(words)
        entry = self.skills[skill]
        return any(normalize(n).startswith(spelled) for n in (skill, *entry.aliases))

    def read(self, name: str) -> tuple[str, str] | None:
        if name in self.never:
            return None
        if name in self.curated:
            return self.curated[name], "curated"
        hit = self.exact(name)
        if hit:
            return hit, "exact"
        base = re.sub(r"\s+software$", "", name)
        if base != name:
            hit = self.exact(base)
            if hit:
                return hit, "suffix"
        m = _ACRONYM.match(base)
        spelled = spelled_by(m.group("acronym"), m.group("words").split()) if m else None
        if m and spelled:
            hit = self.exact(m.group("acronym"))
            if hit and self.same_expansion(hit, m.group("acronym"), spelled):
                return hit, "acronym"
        for vendor in self.vendors:
            if base.startswith(vendor + " ") and len(base) > len(vendor) + 1:
                hit = self.exact(base[len(vendor) + 1 :])
                if hit:
                    return hit, "vendor"
                break
        return None


def technology_rows(onet: Path) -> list[tuple[str, str, int, int]]:
    rows = []
    for path in sorted((onet / "details").glob("*.json")):
        for code, occ in json.loads(path.read_text(encoding="utf-8")).items():
            for name, _commodity, hot, in_demand in occ["technology"]:
                rows.append((code, name, hot, in_demand))
    return rows


def coverage(rows: list[tuple[str, str, int, int]], names: dict[str, Any]) -> dict[str, Any]:
    mapped = [r for r in rows if r[1] in names]
    distinct = {r[1] for r in rows}
    hot = [r for r in rows if r[2]]
    return {
        "rows": len(rows),
        "rows_mapped": len(mapped),
        "share": round(len(mapped) / len(rows), 4) if rows else 0.0,
        "hot_rows": len(hot),
        "hot_share": round(sum(1 for r in hot if r[1] in names) / len(hot), 4) if hot else 0.0,
        "names": len(distinct),
        "names_mapped": sum(1 for n in distinct if n in names),
    }


def build(data: Path = DATA) -> dict[str, Any]:
    from careercli.catalog import load_catalog

    catalog = load_catalog(None, use_cache=False)
    reader = Reader(catalog, load_curated(data / "crosswalk.yaml"))
    meta = json.loads((data / "onet" / "meta.json").read_text(encoding="utf-8"))
    rows = technology_rows(data / "onet")
    names: dict[str, list[str]] = {}
    for name in sorted({r[1] for r in rows}):
        hit = reader.read(name)
        if hit:
            names[name] = list(hit)
    weights: dict[str, dict[str, int]] = defaultdict(dict)
    for code, name, hot, in_demand in rows:
        if name in names:
            skill = names[name][0]
            weights[code][skill] = max(weights[code].get(skill, 0), 1 + hot + in_demand)
    occupations = {
        code: [[s, w] for s, w in sorted(found.items(), key=lambda kv: (-kv[1], kv[0]))]
        for code, found in sorted(weights.items())
    }
    family = [r for r in rows if r[0].startswith("15-")]
    return {
        "onet_release": meta["release"],
        "method": (
            "Each O*NET technology example read as a taxonomy skill by exact lookup of names and "
            "aliases (curated table, then the name, then without 'software', then its acronym, "
            "then without the vendor); weight = 1 + Hot Technology + In Demand."
        ),
        "coverage": {"all": coverage(rows, names), "15": coverage(family, names)},
        "names": names,
        "occupations": occupations,
    }


def dump(path: Path, data: dict[str, Any]) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"
    return text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--check", action="store_true", help="exit 1 if the file is stale")
    args = parser.parse_args()
    data = build()
    previous = json.loads(args.out.read_text(encoding="utf-8")) if args.out.exists() else {}
    data["built"] = previous.get("built") or dt.date.today().isoformat()
    if {**previous, "built": data["built"]} != data:
        data["built"] = dt.date.today().isoformat()
    text = dump(args.out, data)
    stale = not args.out.exists() or args.out.read_text(encoding="utf-8") != text
    if args.check:
        print(f"{args.out}: {'stale' if stale else 'up to date'}")
        return 1 if stale else 0
    args.out.write_text(text, encoding="utf-8", newline="\n")
    for label, key in (("all occupations", "all"), ("15-xxxx (computer and mathematical)", "15")):
        c = data["coverage"][key]
        print(
            f"{label}: {c['rows_mapped']:,} of {c['rows']:,} technology rows mapped "
            f"({c['share']:.1%}); Hot Technology rows {c['hot_share']:.1%}; "
            f"{c['names_mapped']:,} of {c['names']:,} distinct names"
        )
    print(f"wrote {args.out}: {len(data['names'])} names, {len(data['occupations'])} occupations")
    return 0


if __name__ == "__main__":
    sys.exit(main())
