"""Score the skill matcher against a labelled evaluation set; always exits 0 (it is a report).

Usage: python scripts/eval_matching.py [tests/data/matching_eval.tsv]

Each TSV row is `input, expected, kind, note, level, years`. `expected` is a canonical skill
name, `-` when the input must match nothing, or `?A|B` for a short form that must resolve to
nothing as ambiguous, with at least A and B among its suggestions. `level` and `years`, when
given, are what the matcher must read around the skill ("SQL (advanced, 5+ years)").

A true positive is the expected skill (or the expected ambiguity); a false positive is any
returned skill other than the expected one; a false negative is an expected skill or
ambiguity not returned.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

from careercli.catalog import load_catalog
from careercli.matching import Resolver

DEFAULT = Path(__file__).resolve().parent.parent / "tests" / "data" / "matching_eval.tsv"


def read_cases(path: Path) -> list[dict]:
    lines = path.read_text(encoding="utf-8").split("\n")[1:]
    cases = []
    for line in lines:
        if not line:
            continue
        cells = [*line.split("\t"), "", "", "", ""][:6]  # inputs keep their spaces
        text, expected, kind, note, level, years = cells
        cases.append(
            {
                "input": text,
                "expected": expected,
                "kind": kind,
                "note": note,
                "level": level or None,
                "years": float(years) if years else None,
            }
        )
    return cases


def _outcome(case: dict, got: str | None, reason: str | None, suggestions: tuple) -> str:
    expected = case["expected"]
    if expected.startswith("?"):
        wanted = set(expected[1:].split("|"))
        if got is not None:
            return "fp"
        return "tp" if reason == "ambiguous" and wanted <= set(suggestions) else "fn"
    if expected == "-":
        return "fp" if got is not None else "tn"
    if got == expected:
        return "tp"
    return "fp" if got is not None else "fn"


def counts(rows: list[dict]) -> dict:
    tally = defaultdict(int)
    for r in rows:
        tally[r["outcome"]] += 1
    tp, fp, fn = tally["tp"], tally["fp"], tally["fn"]
    return {
        "cases": len(rows),
        "correct": tally["tp"] + tally["tn"],
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": f"{tp / (tp + fp):.3f}" if tp + fp else "-",
        "recall": f"{tp / (tp + fn):.3f}" if tp + fn else "-",
        "qualifier_errors": sum(1 for r in rows if r["qualifier_error"]),
    }


def evaluate(path: Path = DEFAULT) -> tuple[list[dict], dict[str, list[dict]]]:
    """Every case with what the matcher returned, and the same rows grouped by kind."""
    resolver = Resolver(load_catalog())
    rows: list[dict] = []
    by_kind: dict[str, list[dict]] = defaultdict(list)
    for case in read_cases(path):
        try:
            res = resolver.resolve(case["input"])
            got, how, score = res.skill, res.how, res.score
            reason, suggestions, level, years = res.reason, res.suggestions, res.level, res.years
        except Exception as exc:  # a crash is a miss, not the end of the report
            got, how, score, reason, suggestions = None, f"error: {exc!r}", None, None, ()
            level = years = None
        row = {**case, "got": got, "how": how, "score": score, "reason": reason}
        row["suggestions"] = suggestions
        row["outcome"] = _outcome(case, got, reason, suggestions)
        row["qualifier_error"] = bool(
            (case["level"] and case["level"] != level)
            or (case["years"] is not None and case["years"] != years)
        )
        row["read"] = (level, years)
        rows.append(row)
        by_kind[case["kind"]].append(row)
    return rows, by_kind


def main() -> int:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    rows, by_kind = evaluate(path)
    cols = ["cases", "correct", "tp", "fp", "fn", "precision", "recall", "qualifier_errors"]
    print(f"{'kind':<20}" + "".join(f"{c:>10}" for c in cols[:-1]) + "  qualifier errors")
    for kind, group in [*sorted(by_kind.items()), ("overall", rows)]:
        c = counts(group)
        print(f"{kind:<20}" + "".join(f"{c[k]!s:>10}" for k in cols))
    for kind in ("confusable", "ambiguous"):
        print(f"false matches among {kind} cases: {counts(by_kind.get(kind, []))['fp']}")
    wrong = [r for r in rows if r["outcome"] in ("fp", "fn") or r["qualifier_error"]]
    print(f"\nwrong rows: {len(wrong)}")
    for r in wrong:
        got = r["got"] or (f"?{'|'.join(r['suggestions'])}" if r["reason"] == "ambiguous" else "-")
        print(
            f"  {r['kind']:<14} {r['input']!r:<34} expected={r['expected']:<24} got={got:<24} "
            f"how={r['how']} read={r['read']}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
