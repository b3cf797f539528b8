"""Accuracy of job-title mapping against the labelled set tests/data/title_eval.tsv.

Usage (from the repository root):
    PYTHONPATH=src python scripts/eval_titles.py            # accuracy by level and family
    PYTHONPATH=src python scripts/eval_titles.py --misses   # and every title mapped wrongly

A title counts as right at the 6-digit SOC when the occupation careercli maps it to (the
listing's `soc`) has the label's first 7 characters, at the major group when the first 2 agree;
a `none` label is right when nothing is mapped. Health and trade titles mapped to a 15-xxxx
occupation or to a curated role are counted apart: the tests require none.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "tests" / "data" / "title_eval.tsv"


def load_rows(path: Path = EVAL) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def evaluate(mapper: Any, rows: list[dict[str, str]]) -> dict[str, Any]:
    results = []
    for row in rows:
        got = mapper.map(row["title"])
        want = row["soc"]
        soc = got.occupation
        if want == "none":
            six = major = soc is None
        else:
            six = soc is not None and soc[:7] == want[:7]
            major = soc is not None and soc[:2] == want[:2]
        unsafe = row["family"] in ("health", "trade") and (
            (soc is not None and soc.startswith("15-")) or got.role is not None
        )
        results.append({**row, "got": soc, "role_got": got.role, "six": six, "major": major,
                        "unsafe": unsafe, "mapping": got})  # fmt: skip
    n = len(results)
    return {
        "rows": results,
        "n": n,
        "six": sum(r["six"] for r in results) / n,
        "major": sum(r["major"] for r in results) / n,
        "unsafe": [r for r in results if r["unsafe"]],
    }


def mapper_for_eval() -> Any:
    from careercli.catalog import load_catalog
    from careercli.occupations.titles import TitleMapper

    return TitleMapper(load_catalog())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list every wrong title")
    args = parser.parse_args()
    report = evaluate(mapper_for_eval(), load_rows())
    rows = report["rows"]
    print(f"{report['n']} titles from {EVAL.relative_to(ROOT)}")
    print(f"accuracy at the 6-digit SOC:  {report['six']:.3f}  (floor 0.90)")
    print(f"accuracy at the major group:  {report['major']:.3f}  (floor 0.97)")
    print(f"health/trade titles mapped to 15-xxxx or a role: {len(report['unsafe'])}  (must be 0)")
    totals, right = (
        Counter(r["family"] for r in rows),
        Counter(r["family"] for r in rows if r["six"]),
    )
    print(
        "by family (6-digit): " + ", ".join(f"{f} {right[f]}/{totals[f]}" for f in sorted(totals))
    )
    if args.misses:
        for r in rows:
            if not r["six"]:
                m = r["mapping"].matches[:1]
                via = f"{m[0].via_kind} {m[0].via_text!r} {m[0].score}" if m else "-"
                print(f"  {r['title']!r}: want {r['soc']}, got {r['got']} ({via})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
