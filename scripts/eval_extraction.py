"""Score the free-text extractor against the labelled set; always exits 0 (it is a report).

Usage: python scripts/eval_extraction.py [--names skill-names.md] [--show]

The set is tests/data/extraction/ (45 job ads, 17 résumés, labels.yaml; see its README). For
skills: precision and recall over every file (ads: required and nice labels; résumés: skills),
the traps hit (a `must_not` skill found), and for ads how often required vs nice is right. For
job ads' requirements: years, degree and authorisation found in the ads that state them, and
what was read in ads that state none; sponsorship, clearance and seniority too. For résumés: the
years written next to a skill.

The labels use the names of the taxonomy their authors had (the names in labels.yaml, or the
file given with --names). A skill found that is not among those names is scored as the nearest
names it is a kind of (dashboard design → data visualization, XGBoost → gradient boosting); one
that is a kind of none of them is not scored, and listed with --show.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from careercli.catalog import Catalog, load_catalog
from careercli.documents import html_document
from careercli.extract import extract
from careercli.extract.requirements import read_requirements

SET = Path(__file__).resolve().parent.parent / "tests" / "data" / "extraction"
LEVELS = {"junior": "entry"}  # the set says junior where careercli's JobLevel says entry


def load_set(folder: Path = SET) -> tuple[dict[str, Any], dict[str, Any]]:
    labels = yaml.safe_load((folder / "labels.yaml").read_text(encoding="utf-8"))
    return labels["ads"], labels["resumes"]


def read_file(path: Path) -> tuple[str, str]:
    """(title from markup, text) of a file of the set."""
    raw = path.read_text(encoding="utf-8")
    if path.suffix == ".html":
        return html_document(raw)
    return "", raw


def names_file(path: Path) -> set[str]:
    """Canonical names from a names file ('category: A, B' lines and plain comma lists)."""
    names: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if re.match(r"^[\w -]+(\([^)]*\))?:\s", line):
            line = line.split(":", 1)[1]
        for item in line.split(","):
            item = re.sub(r"\s*\([^)]*\)\s*$", "", item.strip())
            if item:
                names.add(item)
    return names


def label_vocabulary(ads: dict[str, Any], resumes: dict[str, Any]) -> set[str]:
    out: set[str] = set()
    for lab in ads.values():
        out |= set(lab.get("required") or []) | set(lab.get("nice") or [])
        out |= set(lab.get("must_not") or [])
    for lab in resumes.values():
        out |= set(lab.get("skills") or []) | set(lab.get("must_not") or [])
    return out


def project(catalog: Catalog, skill: str, vocabulary: set[str]) -> set[str]:
    """The skill as the labels name it: itself, else the nearest names it is a kind of."""
    if skill in vocabulary:
        return {skill}
    skills = catalog.skills
    out: set[str] = set()
    frontier = [skill]
    seen = {skill}
    while frontier and not out:
        nxt = []
        for name in frontier:
            for parent in skills[name].kind_of if name in skills else ():
                if parent in vocabulary:
                    out.add(parent)
                elif parent not in seen:
                    seen.add(parent)
                    nxt.append(parent)
        frontier = nxt
    return out


def score_file(
    catalog: Catalog, path: Path, label: dict[str, Any], vocabulary: set[str], ad: bool
) -> dict[str, Any]:
    title, text = read_file(path)
    result = extract(catalog, text)
    expected = set(label.get("skills") or []) if not ad else set()
    if ad:
        expected = set(label.get("required") or []) | set(label.get("nice") or [])
    got: dict[str, str] = {}
    unscored = []
    for f in result.found:
        names = project(catalog, f.skill, vocabulary)
        if not names:
            unscored.append(f.skill)
        for name in names:
            if name not in got or f.importance == "required":
                got[name] = f.importance
    tp = expected & set(got)
    out: dict[str, Any] = {
        "file": path.name,
        "tp": sorted(tp),
        "fp": sorted(set(got) - expected),
        "fn": sorted(expected - set(got)),
        "traps": sorted(set(got) & set(label.get("must_not") or [])),
        "unscored": sorted(unscored),
    }
    if ad:
        nice = set(label.get("nice") or [])
        out["importance_right"] = sum((got[s] != "required") == (s in nice) for s in tp)
        out["importance_wrong"] = sorted(s for s in tp if (got[s] != "required") != (s in nice))
        req = read_requirements(catalog, text, result, title or result.title)
        out["requirements"] = req
    else:
        years = {f.skill: f.years for f in result.found if f.years is not None}
        out["years"] = years
    return out


def _norm(text: str | None) -> str:
    text = re.sub(r"\\+([!-/:-@\[-`{-~])", r"\1", text or "")
    return " ".join(text.replace("’", "'").casefold().split())


def requirement_rows(ads: dict[str, Any], results: list[dict[str, Any]]) -> dict[str, Counter]:
    """Per field: stated (in labels), found right, wrong, missed, and read where none is stated."""
    fields: dict[str, Counter] = {
        f: Counter()
        for f in ("years", "degree", "authorization", "sponsorship", "clearance", "level")
    }
    for r in results:
        lab = ads[r["file"]]
        req = r["requirements"]
        got = {
            "years": req.years.min if req.years else None,
            "degree": req.education.level if req.education else None,
            "authorization": req.authorization.text if req.authorization else None,
            "sponsorship": req.sponsorship.offered if req.sponsorship else None,
            "clearance": req.clearance.level if req.clearance else None,
            "level": req.level,
        }
        want = {
            "years": lab.get("years"),
            "degree": lab.get("degree"),
            "authorization": lab.get("authorization"),
            "sponsorship": lab.get("sponsorship"),
            "clearance": lab.get("clearance"),
            "level": LEVELS.get(lab.get("level"), lab.get("level")),
        }
        for f, counter in fields.items():
            w, g = want[f], got[f]
            if w is None:
                counter["not stated"] += 1
                if g is not None:
                    counter["read where none is stated"] += 1
                    counter.update([f"extra:{r['file']}={g!r}"]) if False else None
                continue
            counter["stated"] += 1
            if f == "authorization":
                right = g is not None and (_norm(w) in _norm(g) or _norm(g) in _norm(w))
            elif f == "years":
                right = g is not None and float(g) == float(w)
            else:
                right = g == w
            counter["right" if right else ("wrong" if g is not None else "missed")] += 1
    return fields


def evaluate(vocabulary: set[str] | None = None) -> dict[str, Any]:
    catalog = load_catalog()
    ads, resumes = load_set()
    vocab = vocabulary or label_vocabulary(ads, resumes)
    ad_results = [score_file(catalog, SET / "ads" / f, lab, vocab, True) for f, lab in ads.items()]
    cv_results = [
        score_file(catalog, SET / "resumes" / f, lab, vocab, False) for f, lab in resumes.items()
    ]
    totals = Counter()
    for r in ad_results + cv_results:
        totals["tp"] += len(r["tp"])
        totals["fp"] += len(r["fp"])
        totals["fn"] += len(r["fn"])
        totals["traps"] += len(r["traps"])
        totals["unscored"] += len(r["unscored"])
    years_right = years_wrong = years_labelled = 0
    for r in cv_results:
        want = resumes[r["file"]].get("years") or {}
        years_labelled += len(want)
        for skill, n in want.items():
            if r["years"].get(skill) == float(n):
                years_right += 1
            else:
                years_wrong += 1
    return {
        "ads": ad_results,
        "resumes": cv_results,
        "totals": totals,
        "precision": totals["tp"] / max(1, totals["tp"] + totals["fp"]),
        "recall": totals["tp"] / max(1, totals["tp"] + totals["fn"]),
        "importance_right": sum(r["importance_right"] for r in ad_results),
        "importance_total": sum(
            r["importance_right"] + len(r["importance_wrong"]) for r in ad_results
        ),
        "requirements": requirement_rows(ads, ad_results),
        "resume_years": (years_right, years_labelled),
    }


def main(argv: list[str]) -> int:
    vocabulary = None
    if "--names" in argv:
        vocabulary = names_file(Path(argv[argv.index("--names") + 1]))
    show = "--show" in argv
    report = evaluate(vocabulary)
    t = report["totals"]
    print(
        f"skills: precision {report['precision']:.3f}  recall {report['recall']:.3f}  "
        f"(tp {t['tp']}, fp {t['fp']}, fn {t['fn']}; traps hit {t['traps']}; "
        f"not scored {t['unscored']})"
    )
    print(
        f"required vs nice right for {report['importance_right']} of "
        f"{report['importance_total']} skills found in ads"
    )
    right, total = report["resume_years"]
    print(f"résumé years next to a skill: {right} of {total}")
    for field, c in report["requirements"].items():
        stated = c["stated"]
        share = c["right"] / stated if stated else 0.0
        print(
            f"{field:<14} right {c['right']:>2} of {stated:>2} stated ({share:.0%}); "
            f"wrong {c['wrong']}, missed {c['missed']}; "
            f"read where none stated: {c['read where none is stated']} of {c['not stated']}"
        )
    if show:
        for r in report["ads"] + report["resumes"]:
            bits = []
            for key in ("fp", "fn", "traps", "unscored", "importance_wrong"):
                if r.get(key):
                    bits.append(f"{key}={r[key]}")
            if bits:
                print(f"  {r['file']}: " + "; ".join(bits))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
