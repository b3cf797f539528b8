"""Build careercli's compact O*NET data files (data/onet/) from an O*NET database text release.

Usage (from the repository root):
    python scripts/build_onet.py /work/shared/onet/29.3        # writes data/onet/
    python scripts/build_onet.py RELEASE_DIR --out DIR         # writes DIR instead

Input: a folder of O*NET's tab-delimited text files (header row, UTF-8, no quoting) as published
at https://www.onetcenter.org/database.html: Read Me.txt, Occupation Data.txt, Alternate
Titles.txt, Sample of Reported Titles.txt, Task Statements.txt, Technology Skills.txt,
Skills.txt, Knowledge.txt, "Education, Training, and Experience.txt", Job Zones.txt,
Job Zone Reference.txt and Related Occupations.txt.

Output (compact JSON, one trailing newline, rows sorted, so a re-run gives byte-identical files):
    meta.json            release, licence, attribution, counts, job zones, the education mapping
    occupations.json     {"columns", "rows"}: code, title, job zone, typical education, number of
                         Hot Technologies, for every occupation, sorted by code
    details/<MM>.json    one file per 2-digit SOC major group: {code: description, tasks,
                         technology, skills, knowledge, education, job_zone, related}
    titles.json          {"columns", "rows"}: every occupation, alternate, short and reported
                         title with its occupation code, kind, number of O*NET sources listing
                         it and whether My Next Move shows it
"built" in meta.json is the date the content last changed: a re-run that produces the same
content keeps the previous date.

Licence: the O*NET database is licensed under Creative Commons Attribution 4.0 (CC BY 4.0,
https://www.onetcenter.org/license_db.html). Anything that shows this information must carry
O*NET's attribution statement, which meta.json holds ("attribution") together with the list of
changes careercli makes ("modifications"). Standard library only.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "onet"

LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
SOURCE_URL = "https://www.onetcenter.org/database.html"
ATTRIBUTION_URL = "https://www.onetcenter.org/license_db.html"
# O*NET's wording "If you make edits or additions to O*NET information" (How to Credit Us), with
# "This page" read as "This product", the release number filled in, and careercli as the editor.
ATTRIBUTION = (
    "This product includes information from the O*NET {release} Database by the U.S. "
    "Department of Labor, Employment and Training Administration (USDOL/ETA). Used under the "
    "CC BY 4.0 license. O*NET® is a trademark of USDOL/ETA. careercli has modified all or some "
    "of this information. USDOL/ETA has not approved, endorsed, or tested these modifications."
)

MAX_TASKS = 8
MAX_RATED = 10  # skills and knowledge areas kept per occupation

EDUCATION_LEVELS = ("none", "high-school", "associate", "bachelor", "master", "phd")
# O*NET's Required Level of Education categories (element 2.D.1, scale RL), from the release's
# "Education, Training, and Experience Categories" file, which this release folder lacks. Each
# category maps to the highest degree a person in it holds.
RL_CATEGORIES: dict[int, tuple[str, str]] = {
    1: ("Less than a High School Diploma", "none"),
    2: ("High School Diploma - or the equivalent (for example, GED)", "high-school"),
    3: (
        "Post-Secondary Certificate - awarded for training completed after high school (for "
        "example, in agriculture or natural resources, computer services, personal or culinary "
        "services, engineering technologies, healthcare, construction trades, mechanic and "
        "repair technologies, or precision production)",
        "high-school",
    ),
    4: ("Some College Courses", "high-school"),
    5: ("Associate's Degree (or other 2-year degree)", "associate"),
    6: ("Bachelor's Degree", "bachelor"),
    7: (
        "Post-Baccalaureate Certificate - awarded for completion of an organized program of "
        "study; designed for people who have completed a Baccalaureate degree but do not meet "
        "the requirements of academic degrees carrying the title of Master.",
        "bachelor",
    ),
    8: ("Master's Degree", "master"),
    9: (
        "Post-Master's Certificate - awarded for completion of an organized program of study; "
        "designed for people who have completed a Master's degree but do not meet the "
        "requirements of academic degrees at the doctoral level.",
        "master",
    ),
    10: (
        "First Professional Degree - awarded for completion of a program that: requires at "
        "least 2 years of college work before entrance into the program, includes a total of at "
        "least 6 academic years of work to complete, and provides all remaining academic "
        "requirements to begin practice in a profession.",
        "phd",
    ),
    11: ("Doctoral Degree", "phd"),
    12: ("Post-Doctoral Training", "phd"),
}
EDUCATION_NOTE = (
    "Each O*NET Required Level of Education (RL) category counts toward the highest degree it "
    "implies: certificates and some college without a degree toward the diploma or degree "
    "already held (3-4 high-school, 7 bachelor, 9 master); first professional degrees (for "
    "example MD, JD), doctoral degrees and post-doctoral training toward phd, as BLS groups "
    "them in 'Doctoral or professional degree'. distribution is the summed percentage of "
    "respondents per level; typical is the level with the largest share (ties: the lower level)."
)
CATEGORIES_SOURCE = (
    "Category descriptions verbatim from O*NET's 'Education, Training, and Experience "
    "Categories' file (element 2.D.1, scale RL, categories 1-12), which the RL ratings refer to "
    "(https://www.onetcenter.org/dictionary/29.0/text/education_training_experience.html); "
    "that file is not in the release folder this was built from."
)
TIER_ORDER = ("Primary-Short", "Primary-Long", "Supplemental")
# A title listed under several kinds keeps the first: every reported title is also an alternate
# title, and "reported" says more (incumbents use it).
KIND_ORDER = ("title", "reported", "alt", "short")
# sources: how many of O*NET's title sources list the title for the occupation (the Source(s)
# column of Alternate Titles; a short title counts those of its row); shown: 1 for a reported
# title O*NET shows in My Next Move. Both say how typical a title is of an occupation.
TITLE_COLUMNS = ["title", "code", "kind", "sources", "shown"]


def read(folder: Path, name: str) -> Iterator[dict[str, str]]:
    with open(folder / name, encoding="utf-8", newline="") as f:
        # The release is tab-separated without quoting; task texts contain literal quotes.
        yield from csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)


def dump(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
    path.write_text(text, encoding="utf-8", newline="\n")


def release_info(folder: Path) -> tuple[str, str]:
    text = (folder / "Read Me.txt").read_text(encoding="utf-8")
    release = re.search(r"O\*NET ([\d.]+) Database", text)
    published = re.search(r"^(\w+ \d{4}) Release", text, re.M)
    if not release or not published:
        raise SystemExit(f"{folder / 'Read Me.txt'}: no release number or date")
    return release.group(1), published.group(1)


def flag(value: str) -> int:
    return 1 if value == "Y" else 0


def job_zones(folder: Path) -> tuple[dict[str, int], dict[str, dict[str, str]]]:
    zones = {r["O*NET-SOC Code"]: int(r["Job Zone"]) for r in read(folder, "Job Zones.txt")}
    reference = {}
    for r in read(folder, "Job Zone Reference.txt"):
        reference[r["Job Zone"]] = {
            "title": r["Name"].split(": ", 1)[-1],
            "experience": r["Experience"].split(". ", 1)[0].rstrip(".") + ".",
            "education": r["Education"],
        }
    return zones, dict(sorted(reference.items()))


def tasks(folder: Path) -> dict[str, list[str]]:
    core: dict[str, list[str]] = defaultdict(list)
    untyped: dict[str, list[str]] = defaultdict(list)
    for r in read(folder, "Task Statements.txt"):
        kind = {"Core": core, "": untyped}.get(r["Task Type"])
        if kind is not None:
            kind[r["O*NET-SOC Code"]].append(r["Task"])
    # Tasks of occupations O*NET has not yet rated carry no type; they stand in for Core there.
    out = {code: found[:MAX_TASKS] for code, found in untyped.items()}
    out.update({code: found[:MAX_TASKS] for code, found in core.items()})
    return out


def technology(folder: Path) -> dict[str, list[list[Any]]]:
    found: dict[str, list[list[Any]]] = defaultdict(list)
    for r in read(folder, "Technology Skills.txt"):
        found[r["O*NET-SOC Code"]].append(
            [r["Example"], r["Commodity Title"], flag(r["Hot Technology"]), flag(r["In Demand"])]
        )
    for rows in found.values():
        rows.sort(key=lambda t: (-(t[2] or t[3]), -t[3], -t[2], t[0].casefold(), t[0], t[1]))
    return found


def rated(folder: Path, name: str) -> dict[str, list[list[Any]]]:
    found: dict[str, list[list[Any]]] = defaultdict(list)
    for r in read(folder, name):
        if r["Scale ID"] == "IM":
            found[r["O*NET-SOC Code"]].append([r["Element Name"], round(float(r["Data Value"]), 2)])
    return {
        code: sorted(rows, key=lambda e: (-e[1], e[0]))[:MAX_RATED] for code, rows in found.items()
    }


def education(folder: Path) -> dict[str, dict[str, Any]]:
    shares: dict[str, dict[str, float]] = {}
    for r in read(folder, "Education, Training, and Experience.txt"):
        if r["Scale ID"] != "RL":
            continue
        level = RL_CATEGORIES[int(r["Category"])][1]
        dist = shares.setdefault(r["O*NET-SOC Code"], dict.fromkeys(EDUCATION_LEVELS, 0.0))
        dist[level] += float(r["Data Value"])
    out = {}
    for code, dist in shares.items():
        dist = {level: round(share, 2) for level, share in dist.items()}
        # max() keeps the first of equal shares, and the levels run from lowest to highest.
        typical = max(EDUCATION_LEVELS, key=lambda level: dist[level])
        out[code] = {"typical": typical, "distribution": dist}
    return out


def related(folder: Path) -> dict[str, list[list[str]]]:
    found: dict[str, list[tuple[int, str, str]]] = defaultdict(list)
    for r in read(folder, "Related Occupations.txt"):
        tier = r["Relatedness Tier"]
        if tier not in TIER_ORDER:
            raise SystemExit(f"Related Occupations.txt: unknown tier {tier!r}")
        found[r["O*NET-SOC Code"]].append((int(r["Index"]), r["Related O*NET-SOC Code"], tier))
    return {code: [[c, t] for _, c, t in sorted(rows)] for code, rows in found.items()}


def titles(folder: Path, occupations: dict[str, dict[str, str]]) -> list[list[Any]]:
    seen: dict[tuple[str, str], str] = {}
    sources: dict[tuple[str, str], set[str]] = defaultdict(set)
    shown: set[tuple[str, str]] = set()

    def add(title: str, code: str, kind: str) -> tuple[str, str] | None:
        title = title.strip()
        if not title or code not in occupations:
            return None
        seen.setdefault((title, code), kind)
        return title, code

    for code, occ in occupations.items():
        add(occ["Title"], code, "title")
    for r in read(folder, "Sample of Reported Titles.txt"):
        key = add(r["Reported Job Title"], r["O*NET-SOC Code"], "reported")
        if key and r.get("Shown in My Next Move") == "Y":
            shown.add(key)
    alternates = list(read(folder, "Alternate Titles.txt"))
    for r in alternates:
        found = {s.strip() for s in (r.get("Source(s)") or "").split(",") if s.strip()}
        for title, kind in ((r["Alternate Title"], "alt"), (r["Short Title"], "short")):
            key = add(title, r["O*NET-SOC Code"], kind)
            if key:
                sources[key] |= found
    rank = {kind: n for n, kind in enumerate(KIND_ORDER)}
    rows: list[list[Any]] = [
        [title, code, kind, len(sources.get((title, code), ())), int((title, code) in shown)]
        for (title, code), kind in seen.items()
    ]
    rows.sort(key=lambda r: (r[1], rank[r[2]], r[0].casefold(), r[0]))
    return rows


def build(folder: Path, out: Path) -> dict[str, Any]:
    release, published = release_info(folder)
    occupations = {r["O*NET-SOC Code"]: r for r in read(folder, "Occupation Data.txt")}
    occupations = dict(sorted(occupations.items()))
    zones, zone_reference = job_zones(folder)
    task_lists = tasks(folder)
    tech = technology(folder)
    skills = rated(folder, "Skills.txt")
    knowledge = rated(folder, "Knowledge.txt")
    schooling = education(folder)
    relations = related(folder)
    for source, codes in (("Job Zones", zones), ("Technology Skills", tech), ("Tasks", task_lists)):
        unknown = sorted(set(codes) - set(occupations))
        if unknown:
            raise SystemExit(f"{source}: codes not in Occupation Data: {unknown[:5]}")

    files: dict[str, int] = {}
    index = []
    groups: dict[str, dict[str, Any]] = defaultdict(dict)
    for code, occ in occupations.items():
        edu = schooling.get(code)
        index.append(
            [
                code,
                occ["Title"],
                zones.get(code),
                edu["typical"] if edu else None,
                sum(1 for t in tech.get(code, []) if t[2]),
            ]
        )
        groups[code[:2]][code] = {
            "description": occ["Description"],
            "tasks": task_lists.get(code, []),
            "technology": tech.get(code, []),
            "skills": skills.get(code, []),
            "knowledge": knowledge.get(code, []),
            "education": edu or {"typical": None, "distribution": {}},
            "job_zone": zones.get(code),
            "related": relations.get(code, []),
        }

    columns = ["code", "title", "job_zone", "typical_education", "hot_tech_count"]
    dump(out / "occupations.json", {"columns": columns, "rows": index})
    files["occupations.json"] = len(index)
    for major, group in sorted(groups.items()):
        dump(out / "details" / f"{major}.json", group)
        files[f"details/{major}.json"] = len(group)
    stale = {p.name for p in (out / "details").glob("*.json")} - {f"{m}.json" for m in groups}
    for name in stale:
        (out / "details" / name).unlink()
    title_rows = titles(folder, occupations)
    dump(out / "titles.json", {"columns": TITLE_COLUMNS, "rows": title_rows})
    files["titles.json"] = len(title_rows)

    meta = {
        "release": release,
        "published": published,
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "source_url": SOURCE_URL,
        "attribution": ATTRIBUTION.format(release=release),
        "attribution_source": (
            f"{ATTRIBUTION_URL}, 'How to Credit Us', the statement for edits or additions to "
            "O*NET information (wording as published there for release 28.2, the copy "
            f"consulted), with the release number {release}, 'This page' read as 'This "
            "product' and '[Your name or company]' as careercli"
        ),
        "modifications": [
            "Selected fields only; occupations grouped by SOC major group.",
            f"Tasks: the first {MAX_TASKS} Core tasks in release order (the first "
            f"{MAX_TASKS} untyped tasks where the release rates none as Core or Supplemental).",
            f"Skills and knowledge: the {MAX_RATED} highest importance (IM) ratings, rounded to "
            "2 decimal places.",
            "Technology: all examples, Hot Technology and In Demand first, then by name.",
            "Education: RL category percentages summed into careercli's six levels "
            "(education_levels).",
            "Titles: exact duplicates of title and occupation dropped, keeping the first of "
            "title, reported, alt, short (every reported title is also an alternate title); "
            "sources counts the distinct Source(s) codes of the alternate-title rows naming the "
            "title for the occupation; shown is 1 for a reported title shown in My Next Move.",
        ],
        "built": dt.date.today().isoformat(),
        "files": files,
        "job_zones": zone_reference,
        "education_levels": {
            "levels": list(EDUCATION_LEVELS),
            "categories": {
                str(n): {"category": name, "level": level}
                for n, (name, level) in RL_CATEGORIES.items()
            },
            "source": CATEGORIES_SOURCE,
            "note": EDUCATION_NOTE,
        },
    }
    previous = out / "meta.json"
    if previous.exists():
        old = json.loads(previous.read_text(encoding="utf-8"))
        if {**old, "built": meta["built"]} == meta:
            meta["built"] = old["built"]
    dump(out / "meta.json", meta)
    return meta


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("release", type=Path, help="folder of an O*NET text release")
    parser.add_argument("--out", type=Path, default=OUT, help=f"output folder (default {OUT})")
    args = parser.parse_args()
    if not (args.release / "Occupation Data.txt").is_file():
        sys.exit(f"{args.release}: not an O*NET text release (no 'Occupation Data.txt')")
    meta = build(args.release, args.out)
    counts = Counter({"details": sum(n for f, n in meta["files"].items() if "/" in f)})
    print(
        f"wrote {args.out}: O*NET {meta['release']}, {meta['files']['occupations.json']} "
        f"occupations ({counts['details']} in {len(meta['files']) - 2} detail files), "
        f"{meta['files']['titles.json']} titles"
    )


if __name__ == "__main__":
    main()
