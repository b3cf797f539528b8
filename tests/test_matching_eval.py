"""The labelled evaluation set (tests/data/matching_eval.tsv) through the real matcher."""

from __future__ import annotations

from pathlib import Path

from scriptload import load

ROOT = Path(__file__).resolve().parent.parent


def _eval_module():
    return load("eval_matching")


def test_evaluation_set_is_large_and_covers_every_kind():
    cases = _eval_module().read_cases(ROOT / "tests/data/matching_eval.tsv")
    kinds = {c["kind"] for c in cases}
    assert len(cases) >= 303 + 100
    assert {
        "exact",
        "alias",
        "case_punct_unicode",
        "typo",
        "confusable",
        "not_a_skill",
        "proficiency",
        "ambiguous",
    } <= kinds
    assert sum(c["level"] is not None or c["years"] is not None for c in cases) >= 25


def test_precision_one_on_confusables_and_ambiguous_forms_and_recall_at_least_097():
    module = _eval_module()
    rows, by_kind = module.evaluate()
    for kind in ("confusable", "ambiguous"):
        wrong = [
            (r["input"], r["expected"], r["got"], r["suggestions"])
            for r in by_kind[kind]
            if r["outcome"] == "fp"
        ]
        assert not wrong, (kind, wrong)
    overall = module.counts(rows)
    assert overall["fp"] == 0, [(r["input"], r["got"]) for r in rows if r["outcome"] == "fp"]
    assert overall["tp"] / (overall["tp"] + overall["fn"]) >= 0.97
    ambiguous = module.counts(by_kind["ambiguous"])
    assert ambiguous["tp"] == ambiguous["cases"], [
        (r["input"], r["suggestions"]) for r in by_kind["ambiguous"] if r["outcome"] != "tp"
    ]


def test_levels_and_years_are_read_as_labelled():
    rows, _ = _eval_module().evaluate()
    wrong = [(r["input"], r["level"], r["years"], r["read"]) for r in rows if r["qualifier_error"]]
    labelled = [r for r in rows if r["level"] is not None or r["years"] is not None]
    assert labelled and not wrong, wrong
