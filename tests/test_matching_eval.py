"""The labelled evaluation set (tests/data/matching_eval.tsv) through the real matcher."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _eval_module():
    spec = importlib.util.spec_from_file_location(
        "eval_matching", ROOT / "scripts/eval_matching.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_evaluation_set_is_large_and_covers_every_kind():
    cases = _eval_module().read_cases(ROOT / "tests/data/matching_eval.tsv")
    kinds = {kind for _, _, kind in cases}
    assert len(cases) >= 150
    assert {"exact", "alias", "case_punct_unicode", "typo", "confusable", "not_a_skill"} <= kinds


def test_no_false_match_among_confusables_and_recall_at_least_095():
    module = _eval_module()
    rows, by_kind = module.evaluate()
    confusable = module.counts(by_kind["confusable"])
    overall = module.counts(rows)
    wrong = [
        (r["input"], r["expected"], r["got"])
        for r in by_kind["confusable"]
        if r["got"] != r["expected"]
    ]
    assert confusable["fp"] == 0, wrong
    assert overall["tp"] / (overall["tp"] + overall["fn"]) >= 0.95
    assert overall["fp"] == 0, [
        (r["input"], r["got"]) for r in rows if r["got"] and r["got"] != r["expected"]
    ]
