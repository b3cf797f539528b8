"""Score the skill matcher against a labelled evaluation set; always exits 0 (it is a report).

Usage: python scripts/eval_matching.py [tests/data/matching_eval.tsv]

Each TSV row is `input, expected, kind, note`; `expected` is a canonical skill name or `-` when the
input must match nothing. A false positive is any returned skill other than the expected one.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

from careercli.catalog import load_catalog
from careercli.matching import Resolver

DEFAULT = Path(__file__).resolve().parent.parent / "tests" / "data" / "matching_eval.tsv"


def read_cases(path: Path) -> list[tuple[str, str, str]]:
    lines = path.read_text(encoding="utf-8").split("\n")[1:]
    return [tuple(line.split("\t")[:3]) for line in lines if line]  # inputs keep their spaces


def counts(rows: list[dict]) -> dict:
    tp = sum(r["got"] is not None and r["got"] == r["expected"] for r in rows)
    fp = sum(r["got"] is not None and r["got"] != r["expected"] for r in rows)
    fn = sum(r["expected"] is not None and r["got"] != r["expected"] for r in rows)
    return {
        "cases": len(rows),
        "correct": sum(r["got"] == r["expected"] for r in rows),
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": f"{tp / (tp + fp):.3f}" if tp + fp else "-",
        "recall": f"{tp / (tp + fn):.3f}" if tp + fn else "-",
    }


def evaluate(path: Path = DEFAULT) -> tuple[list[dict], dict[str, list[dict]]]:
    """Every case with what the matcher returned, and the same rows grouped by kind."""
    resolver = Resolver(load_catalog())
    rows: list[dict] = []
    by_kind: dict[str, list[dict]] = defaultdict(list)
    for text, expected, kind in read_cases(path):
        try:
            res = resolver.resolve(text)
            got, how, score = res.skill, res.how, res.score
        except Exception as exc:  # a crash is a miss, not the end of the report
            got, how, score = None, f"error: {exc!r}", None
        row = {"input": text, "expected": None if expected == "-" else expected}
        row.update(kind=kind, got=got, how=how, score=score)
        rows.append(row)
        by_kind[kind].append(row)
    return rows, by_kind


def main() -> int:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    rows, by_kind = evaluate(path)
    cols = ["cases", "correct", "tp", "fp", "fn", "precision", "recall"]
    print(f"{'kind':<20}" + "".join(f"{c:>10}" for c in cols))
    for kind, group in [*sorted(by_kind.items()), ("overall", rows)]:
        c = counts(group)
        print(f"{kind:<20}" + "".join(f"{c[k]!s:>10}" for k in cols))
    confusable_fp = counts(by_kind.get("confusable", []))["fp"]
    print(f"\nfalse matches among confusables: {confusable_fp}")

    wrong = [r for r in rows if r["got"] != r["expected"]]
    print(f"\nwrong rows: {len(wrong)}")
    for r in wrong:
        print(
            f"  {r['kind']:<19} {r['input']!r:<32} expected={r['expected'] or '-'!s:<24} "
            f"got={r['got'] or '-'!s:<24} how={r['how']} score={r['score']}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
