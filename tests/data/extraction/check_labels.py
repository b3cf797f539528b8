#!/usr/bin/env python3
"""Check the labelled extraction set (job ads and résumés) against its labels.

Usage:
    python3 check_labels.py NAMES_FILE [SET_DIR]

NAMES_FILE is the Markdown list of canonical skill names (one "category: A, B, C" line per
category, then a comma-separated list of names being added); the names are read from it at run
time and nothing is copied into this repository. SET_DIR defaults to the folder of this script
(it holds ads/, resumes/ and labels.yaml).

Checks: every labelled file exists and every file is labelled; every field has an allowed
value; every evidence string is an exact substring of its file; every skill name is a
canonical name; no skill is both expected and forbidden; the title appears in the ad; and the
minimum counts per kind of file. Standard library and PyYAML only. Exit status 1 on any error.
"""

from __future__ import annotations

import html
import re
import sys
from collections import Counter
from pathlib import Path

import yaml

LEVELS = {"intern", "junior", "mid", "senior", "lead", "executive", None}
DEGREES = {"none", "associate", "bachelor", "master", "phd", None}
AD_KEYS = {
    "title",
    "level",
    "required",
    "nice",
    "must_not",
    "years",
    "years_evidence",
    "degree",
    "degree_evidence",
    "authorization",
    "sponsorship",
    "sponsorship_evidence",
    "clearance",
    "clearance_evidence",
    "tags",
}
RESUME_KEYS = {"skills", "must_not", "years", "tags"}
AD_TAGS = {"jobspy", "french", "table", "non-data", "long"}
RESUME_TAGS = {"french", "two-column", "skills-table"}
# minimum counts the set promises (README): kind -> minimum
MINIMUMS = {
    "ads": 42,
    "resumes": 16,
    "ads .html": 5,
    "ads tagged jobspy": 5,
    "ads tagged french": 3,
    "ads tagged table": 3,
    "ads tagged non-data": 5,
    "ads tagged long": 2,
    "ads with must_not": 30,
    "resumes with must_not": 10,
}
SUFFIXES = {"ads": {".md", ".txt", ".html"}, "resumes": {".md", ".txt"}}
NAME_RE = re.compile(r"^\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*\.[a-z]+$")


def read_names(path: Path) -> set[str]:
    """Canonical names from the names file: 'category: A, B' lines and plain comma lists.
    A parenthesised note is dropped; 'X (replaces "Y")' adds X and removes Y."""
    names: set[str] = set()
    replaced: set[str] = set()
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if re.match(r"^[\w -]+(\([^)]*\))?:\s", line):  # "language: SQL, ..." / "soft (...): ..."
            line = line.split(":", 1)[1]
        for item in line.split(","):
            item = item.strip()
            note = re.search(r"\(([^)]*)\)\s*$", item)
            if note:
                replaced.update(re.findall(r'replaces\s+"([^"]+)"', note.group(1)))
                item = item[: note.start()].strip()
            if item:
                names.add(item)
    return names - replaced


def plain(text: str, suffix: str) -> str:
    """The file as a reader sees it, for the title check only: entities decoded, markdown
    backslash escapes and bold markers removed, whitespace collapsed."""
    if suffix == ".html":
        text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    text = re.sub(r"\\+([\\`*_{}\[\]()#+\-.!|&<>$~])", r"\1", text)
    text = text.replace("**", "")
    return re.sub(r"\s+", " ", text)


class Checker:
    def __init__(self, names: set[str], root: Path):
        self.names, self.root = names, root
        self.errors: list[str] = []
        self.counts: Counter[str] = Counter()

    def err(self, where: str, msg: str) -> None:
        self.errors.append(f"{where}: {msg}")

    def skill_list(self, where: str, value, field: str) -> list[str]:
        if value is None:
            value = []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.err(where, f"{field} must be a list of skill names")
            return []
        for name in value:
            if name not in self.names:
                self.err(where, f"{field}: {name!r} is not a canonical skill name")
        dup = [n for n, c in Counter(value).items() if c > 1]
        if dup:
            self.err(where, f"{field}: listed twice: {', '.join(dup)}")
        return value

    def evidence(
        self, where: str, text: str, lab: dict, field: str, value_field: str | None
    ) -> None:
        ev = lab.get(field)
        if value_field is not None and (lab.get(value_field) is None) != (ev is None):
            self.err(where, f"{field} must be null exactly when {value_field} is null")
        if ev is None:
            return
        if not isinstance(ev, str) or not ev.strip():
            self.err(where, f"{field} must be a non-empty string or null")
        elif ev not in text:
            self.err(where, f"{field} is not an exact substring of the file: {ev!r}")

    def check_ad(self, fn: str, lab: dict, text: str, suffix: str) -> None:
        where = f"ads/{fn}"
        unknown = set(lab) - AD_KEYS
        if unknown:
            self.err(where, f"unknown keys: {sorted(unknown)}")
        title = lab.get("title")
        if not isinstance(title, str) or not title.strip():
            self.err(where, "title is missing")
        elif " ".join(title.split()) not in plain(text, suffix):
            self.err(where, f"title {title!r} does not appear in the ad")
        if lab.get("level", "missing") not in LEVELS:
            self.err(where, f"level {lab.get('level')!r} is not one of {sorted(map(str, LEVELS))}")
        req = self.skill_list(where, lab.get("required"), "required")
        nice = self.skill_list(where, lab.get("nice"), "nice")
        must_not = self.skill_list(where, lab.get("must_not"), "must_not")
        for name in sorted(set(req) & set(nice)):
            self.err(
                where, f"{name!r} is both required and nice (a skill in both counts as required)"
            )
        for name in sorted((set(req) | set(nice)) & set(must_not)):
            self.err(where, f"{name!r} is both expected and in must_not")
        years = lab.get("years")
        if years is not None and (
            not isinstance(years, int) or isinstance(years, bool) or years < 0
        ):
            self.err(where, "years must be a non-negative integer or null")
        self.evidence(where, text, lab, "years_evidence", "years")
        if lab.get("degree", "missing") not in DEGREES:
            self.err(
                where, f"degree {lab.get('degree')!r} is not one of {sorted(map(str, DEGREES))}"
            )
        self.evidence(where, text, lab, "degree_evidence", "degree")
        self.evidence(where, text, lab, "authorization", None)
        if lab.get("sponsorship", "missing") not in (True, False, None):
            self.err(where, "sponsorship must be true, false or null")
        self.evidence(where, text, lab, "sponsorship_evidence", "sponsorship")
        clearance = lab.get("clearance", "missing")
        if clearance is not None and (not isinstance(clearance, str) or not clearance.strip()):
            self.err(where, "clearance must be a string or null")
        self.evidence(where, text, lab, "clearance_evidence", "clearance")
        for key in ("years", "degree", "authorization", "sponsorship", "clearance"):
            if key not in lab:
                self.err(where, f"{key} is missing (write null when the ad does not state it)")
        tags = lab.get("tags") or []
        for tag in tags:
            if tag not in AD_TAGS:
                self.err(where, f"unknown tag {tag!r}")
            self.counts[f"ads tagged {tag}"] += 1
        self.tag_sanity(where, text, suffix, tags)
        self.counts["ads"] += 1
        self.counts[f"ads {suffix}"] += 1
        if must_not:
            self.counts["ads with must_not"] += 1
        if not req and not nice:
            self.counts["ads with no skills"] += 1

    def tag_sanity(self, where: str, text: str, suffix: str, tags: list) -> None:
        if "jobspy" in tags and not re.search(r"\\[-.#+&()]", text):
            self.err(where, "tagged jobspy but has no markdown backslash escapes")
        if "long" in tags and len(text) <= 6000:
            self.err(where, "tagged long but is not longer than 6,000 characters")
        if suffix == ".html":
            for part in ("<head", "<main", "<nav"):
                if part not in text.lower():
                    self.err(where, f"an HTML ad should be a saved page with {part}>")

    def check_resume(self, fn: str, lab: dict, text: str) -> None:
        where = f"resumes/{fn}"
        unknown = set(lab) - RESUME_KEYS
        if unknown:
            self.err(where, f"unknown keys: {sorted(unknown)}")
        skills = self.skill_list(where, lab.get("skills"), "skills")
        must_not = self.skill_list(where, lab.get("must_not"), "must_not")
        for name in sorted(set(skills) & set(must_not)):
            self.err(where, f"{name!r} is both in skills and in must_not")
        years = lab.get("years") or {}
        if not isinstance(years, dict):
            self.err(where, "years must be a mapping of skill name to a number of years")
            years = {}
        for name, n in years.items():
            if name not in skills:
                self.err(where, f"years names {name!r}, which is not in skills")
            if not isinstance(n, int) or isinstance(n, bool) or n < 0:
                self.err(where, f"years[{name!r}] must be a non-negative integer")
        if "example.com" not in text:
            self.err(where, "contact data should use example.com addresses")
        for tag in lab.get("tags") or []:
            if tag not in RESUME_TAGS:
                self.err(where, f"unknown tag {tag!r}")
            self.counts[f"resumes tagged {tag}"] += 1
        self.counts["resumes"] += 1
        self.counts[f"resumes {Path(fn).suffix}"] += 1
        if must_not:
            self.counts["resumes with must_not"] += 1

    def run(self) -> int:
        labels_path = self.root / "labels.yaml"
        labels = yaml.safe_load(labels_path.read_text(encoding="utf-8")) or {}
        for kind in ("ads", "resumes"):
            folder = self.root / kind
            entries = labels.get(kind) or {}
            on_disk = (
                {p.name for p in folder.iterdir() if p.is_file()} if folder.is_dir() else set()
            )
            for fn in sorted(on_disk - set(entries)):
                self.err(f"{kind}/{fn}", "file is not labelled")
            for fn in sorted(set(entries) - on_disk):
                self.err(f"{kind}/{fn}", "labelled file does not exist")
            for fn in sorted(on_disk):
                if not NAME_RE.match(fn) or Path(fn).suffix not in SUFFIXES[kind]:
                    self.err(
                        f"{kind}/{fn}",
                        f"name should be NN-short-slug with one of {sorted(SUFFIXES[kind])}",
                    )
            for fn in sorted(set(entries) & on_disk):
                lab = entries[fn]
                if not isinstance(lab, dict):
                    self.err(f"{kind}/{fn}", "label must be a mapping")
                    continue
                path = folder / fn
                text = path.read_text(encoding="utf-8")
                if kind == "ads":
                    self.check_ad(fn, lab, text, path.suffix)
                else:
                    self.check_resume(fn, lab, text)
        for kind, minimum in MINIMUMS.items():
            if self.counts[kind] < minimum:
                self.err("counts", f"{kind}: {self.counts[kind]} (at least {minimum} expected)")
        for key in sorted(self.counts):
            print(f"{key:28} {self.counts[key]}")
        for e in self.errors:
            print("ERROR", e, file=sys.stderr)
        print(f"{len(self.errors)} error(s)")
        return 1 if self.errors else 0


def main(argv: list[str]) -> int:
    if len(argv) not in (2, 3) or argv[1] in ("-h", "--help"):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    names_file = Path(argv[1])
    root = Path(argv[2]) if len(argv) == 3 else Path(__file__).resolve().parent
    names = read_names(names_file)
    if not names:
        print(f"no skill names found in {names_file}", file=sys.stderr)
        return 2
    return Checker(names, root).run()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
