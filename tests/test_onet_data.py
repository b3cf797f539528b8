"""The built O*NET files (data/onet/) and scripts/build_onet.py.

The data tests read data/onet/ as shipped; the script runs on a tiny release folder written here.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from scriptload import load

ROOT = Path(__file__).resolve().parent.parent
ONET = ROOT / "data" / "onet"
META = json.loads((ONET / "meta.json").read_text(encoding="utf-8"))
INDEX = json.loads((ONET / "occupations.json").read_text(encoding="utf-8"))
CODES = [row[0] for row in INDEX["rows"]]
LEVELS = META["education_levels"]["levels"]


def details() -> dict[str, dict]:
    out: dict[str, dict] = {}
    for path in sorted((ONET / "details").glob("*.json")):
        group = json.loads(path.read_text(encoding="utf-8"))
        assert all(code[:2] == path.stem for code in group), path
        assert not set(out) & set(group)
        out.update(group)
    return out


DETAILS = details()


# --------------------------------------------------------------------------- data


def test_meta_records_release_licence_and_attribution():
    assert (META["release"], META["published"]) == ("29.3", "May 2025")
    assert META["licence"] == "CC BY 4.0"
    assert META["licence_url"] == "https://creativecommons.org/licenses/by/4.0/"
    text = META["attribution"]
    for piece in ("O*NET 29.3 Database", "USDOL/ETA", "CC BY 4.0 license", "O*NET® is a trademark",
                  "careercli has modified", "has not approved, endorsed, or tested"):  # fmt: skip
        assert piece in text, piece
    assert "license_db" in META["attribution_source"]
    assert META["modifications"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", META["built"])
    assert set(META["job_zones"]) == {"1", "2", "3", "4", "5"}


def test_meta_counts_every_file_it_lists():
    files = {p.relative_to(ONET).as_posix() for p in ONET.rglob("*.json")} - {"meta.json"}
    assert set(META["files"]) == files
    assert META["files"]["occupations.json"] == len(INDEX["rows"])
    titles = json.loads((ONET / "titles.json").read_text(encoding="utf-8"))
    assert META["files"]["titles.json"] == len(titles["rows"])
    for name, count in META["files"].items():
        if name.startswith("details/"):
            assert count == len(json.loads((ONET / name).read_text(encoding="utf-8")))


def test_the_files_are_compact_json_with_one_trailing_newline():
    for path in ONET.rglob("*.json"):
        text = path.read_text(encoding="utf-8")
        compact = json.dumps(json.loads(text), ensure_ascii=False, separators=(",", ":"))
        assert text == compact + "\n", path


def test_index_lists_every_occupation_once_sorted():
    assert INDEX["columns"] == ["code", "title", "job_zone", "typical_education", "hot_tech_count"]
    assert len(CODES) == 1016 and sorted(set(CODES)) == CODES
    assert set(CODES) == set(DETAILS)
    for code, title, zone, education, hot in INDEX["rows"]:
        assert re.fullmatch(r"\d\d-\d{4}\.\d\d", code) and title
        assert zone in (None, 1, 2, 3, 4, 5)
        assert education is None or education in LEVELS
        assert hot == sum(t[2] for t in DETAILS[code]["technology"])
        assert zone == DETAILS[code]["job_zone"]
        assert education == DETAILS[code]["education"]["typical"]


def test_details_follow_the_documented_shape():
    known = set(CODES)
    for code, occ in DETAILS.items():
        assert occ["description"]
        assert len(occ["tasks"]) <= 8
        flagged = [t[2] or t[3] for t in occ["technology"]]
        assert flagged == sorted(flagged, reverse=True), code  # Hot/In Demand first
        for kind in ("skills", "knowledge"):
            scores = [s for _, s in occ[kind]]
            assert len(scores) <= 10 and scores == sorted(scores, reverse=True)
        edu = occ["education"]
        if edu["typical"] is not None:
            dist = edu["distribution"]
            assert list(dist) == LEVELS
            assert sum(dist.values()) == pytest.approx(100, abs=0.1)
            assert dist[edu["typical"]] == max(dist.values())
        for other, tier in occ["related"]:
            assert other in known and tier in ("Primary-Short", "Primary-Long", "Supplemental")


def test_data_scientists_have_the_tools_data_roles_need():
    occ = DETAILS["15-2051.00"]
    names = {t[0] for t in occ["technology"]}
    assert {"Python", "Apache Airflow", "PySpark"} <= names
    assert occ["tasks"] and occ["job_zone"] == 4


def test_titles_cover_every_occupation_without_duplicates():
    titles = json.loads((ONET / "titles.json").read_text(encoding="utf-8"))
    assert titles["columns"] == ["title", "code", "kind", "sources", "shown"]
    rows = titles["rows"]
    assert len({(t, c) for t, c, *_ in rows}) == len(rows)
    assert {k for _, _, k, *_ in rows} == {"title", "alt", "short", "reported"}
    assert {c for _, c, k, *_ in rows if k == "title"} == set(CODES)
    assert {c for _, c, *_ in rows} <= set(CODES)
    assert ["Data Scientists", "15-2051.00", "title", 0, 0] in rows
    assert all(isinstance(n, int) and n >= 0 and shown in (0, 1) for *_, n, shown in rows)
    assert all(shown == 0 for _, _, k, _, shown in rows if k != "reported")
    # O*NET's Alternate Titles list "Store Manager" for retail supervisors from five sources
    # (01,02,04,06,10) and for general managers from three (01,02,04)
    store = {c: n for t, c, _, n, _ in rows if t == "Store Manager"}
    assert store == {"41-1011.00": 5, "11-1021.00": 3}


# --------------------------------------------------------------------------- build_onet.py


def _load_script():
    return load("build_onet")


def _write(folder: Path, name: str, header: str, rows: list[str]) -> None:
    lines = [header.replace("|", "\t"), *(r.replace("|", "\t") for r in rows)]
    (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")


def _release(folder: Path) -> Path:
    folder.mkdir()
    (folder / "Read Me.txt").write_text("O*NET 29.3 Database\nMay 2025 Release\n", encoding="utf-8")
    _write(folder, "Occupation Data.txt", "O*NET-SOC Code|Title|Description", [
        "15-2051.00|Data Scientists|Develop and implement analytics.",
        "15-2051.01|Business Intelligence Analysts|Produce reports.",
        "11-1031.00|Legislators|Develop laws.",
    ])  # fmt: skip
    _write(folder, "Job Zones.txt", "O*NET-SOC Code|Title|Job Zone|Date|Domain Source", [
        "15-2051.00|Data Scientists|4|08/2024|Analyst",
    ])  # fmt: skip
    _write(folder, "Job Zone Reference.txt",
           "Job Zone|Name|Experience|Education|Job Training|Examples|SVP Range",
           [f"{n}|Job Zone {n}: Zone {n} Needed|Some experience is needed. More text.|"
            f"Education {n}.|Training.|Examples.|(x)" for n in range(1, 6)])  # fmt: skip
    _write(folder, "Task Statements.txt",
           "O*NET-SOC Code|Title|Task ID|Task|Task Type|Incumbents Responding|Date|Domain Source",
           [*(f"15-2051.00|Data Scientists|{n}|Core task {n}.|Core|20|08/2024|Incumbent"
              for n in range(1, 11)),
            "15-2051.00|Data Scientists|99|A supplemental task.|Supplemental|20|08/2024|Incumbent",
            '11-1031.00|Legislators|7|Conduct "head counts" before votes.|||06/2006|Analyst'])  # fmt: skip
    _write(folder, "Technology Skills.txt",
           "O*NET-SOC Code|Title|Example|Commodity Code|Commodity Title|Hot Technology|In Demand",
           ["15-2051.00|Data Scientists|Apache Airflow|1|Platform software|N|N",
            "15-2051.00|Data Scientists|Python|2|Object software|Y|Y",
            "15-2051.00|Data Scientists|Tableau|3|BI software|Y|N"])  # fmt: skip
    header = ("O*NET-SOC Code|Title|Element ID|Element Name|Scale ID|Scale Name|Data Value|N|"
              "Standard Error|Lower CI Bound|Upper CI Bound|Recommend Suppress|Not Relevant|Date|"
              "Domain Source")  # fmt: skip
    skills = [f"15-2051.01|BI Analysts|2.A.{n}|Skill {n:02d}|IM|Importance|{n / 4:.3f}|8|0.1|1|2|N||"
              "08/2024|Analyst" for n in range(1, 13)]  # fmt: skip
    skills.append(
        "15-2051.01|BI Analysts|2.A.1|Skill 01|LV|Level|6.5|8|0.1|1|2|N|N|08/2024|Analyst"
    )
    _write(folder, "Skills.txt", header, skills)
    _write(folder, "Knowledge.txt", header, [])
    ete = (
        "O*NET-SOC Code|Title|Element ID|Element Name|Scale ID|Scale Name|Category|Data Value|N|"
        "Standard Error|Lower CI Bound|Upper CI Bound|Recommend Suppress|Date|Domain Source"
    )
    shares = {1: 0, 2: 20, 3: 10, 4: 10, 5: 0, 6: 40, 7: 0, 8: 20, 9: 0, 10: 0, 11: 0, 12: 0}
    _write(folder, "Education, Training, and Experience.txt", ete, [
        *(f"15-2051.01|BI Analysts|2.D.1|Required Level of Education|RL|RL|{c}|{v}|9|1|1|1|N|"
          "08/2024|Incumbent" for c, v in shares.items()),
        "15-2051.01|BI Analysts|3.A.1|Related Work Experience|RW|RW|1|100|9|1|1|1|N|08/2024|Inc",
    ])  # fmt: skip
    _write(folder, "Related Occupations.txt",
           "O*NET-SOC Code|Title|Related O*NET-SOC Code|Related Title|Relatedness Tier|Index",
           ["15-2051.00|Data Scientists|11-1031.00|Legislators|Supplemental|2",
            "15-2051.00|Data Scientists|15-2051.01|BI Analysts|Primary-Short|1"])  # fmt: skip
    _write(folder, "Alternate Titles.txt",
           "O*NET-SOC Code|Title|Alternate Title|Short Title|Source(s)",
           ["15-2051.00|Data Scientists|Data Scientist||04",
            "15-2051.00|Data Scientists|Data Scientist||08",
            "15-2051.00|Data Scientists|Machine Learning Scientist|ML Scientist|04",
            "15-2051.01|BI Analysts|BI Developer|BI Dev|04"])  # fmt: skip
    _write(folder, "Sample of Reported Titles.txt",
           "O*NET-SOC Code|Title|Reported Job Title|Shown in My Next Move",
           ["15-2051.00|Data Scientists|Data Scientist|Y"])  # fmt: skip
    return folder


def test_build_onet_on_a_small_release(tmp_path):
    script = _load_script()
    out = tmp_path / "onet"
    meta = script.build(_release(tmp_path / "release"), out)
    assert meta["release"] == "29.3" and "O*NET 29.3 Database" in meta["attribution"]
    assert meta["files"] == {"occupations.json": 3, "details/11.json": 1, "details/15.json": 2,
                             "titles.json": 8}  # fmt: skip
    assert meta["job_zones"]["4"] == {"title": "Zone 4 Needed",
                                      "experience": "Some experience is needed.",
                                      "education": "Education 4."}  # fmt: skip
    index = json.loads((out / "occupations.json").read_text(encoding="utf-8"))
    assert index["rows"] == [
        ["11-1031.00", "Legislators", None, None, 0],
        ["15-2051.00", "Data Scientists", 4, None, 2],
        ["15-2051.01", "Business Intelligence Analysts", None, "high-school", 0],
    ]
    group = json.loads((out / "details" / "15.json").read_text(encoding="utf-8"))
    ds, bi = group["15-2051.00"], group["15-2051.01"]
    assert ds["tasks"] == [f"Core task {n}." for n in range(1, 9)]  # Core only, at most 8
    assert ds["technology"] == [["Python", "Object software", 1, 1],
                                ["Tableau", "BI software", 1, 0],
                                ["Apache Airflow", "Platform software", 0, 0]]  # fmt: skip
    assert ds["related"] == [["15-2051.01", "Primary-Short"], ["11-1031.00", "Supplemental"]]
    assert ds["education"] == {"typical": None, "distribution": {}}
    assert [s for s, _ in bi["skills"]] == [f"Skill {n:02d}" for n in range(12, 2, -1)]
    assert bi["skills"][0][1] == 3.0  # IM rows only, rounded to 2 places
    # certificate and some college count as high-school: 20+10+10 = 40 ties bachelor's 40 → lower
    assert bi["education"]["distribution"] == {"none": 0.0, "high-school": 40.0,
        "associate": 0.0, "bachelor": 40.0, "master": 20.0, "phd": 0.0}  # fmt: skip
    assert bi["education"]["typical"] == "high-school"
    legislators = json.loads((out / "details" / "11.json").read_text(encoding="utf-8"))
    assert legislators["11-1031.00"]["tasks"] == ['Conduct "head counts" before votes.']
    titles = json.loads((out / "titles.json").read_text(encoding="utf-8"))["rows"]
    # not also as "alt"; the two alternate-title rows' sources (04, 08) are counted once each
    assert ["Data Scientist", "15-2051.00", "reported", 2, 1] in titles
    assert sum(1 for t, c, *_ in titles if (t, c) == ("Data Scientist", "15-2051.00")) == 1
    assert ["ML Scientist", "15-2051.00", "short", 1, 0] in titles
    assert ["Machine Learning Scientist", "15-2051.00", "alt", 1, 0] in titles


def test_build_onet_is_byte_identical_on_a_rerun(tmp_path):
    script = _load_script()
    release, out = _release(tmp_path / "release"), tmp_path / "onet"
    script.build(release, out)
    meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    meta["built"] = "2000-01-01"  # an earlier build of the same content keeps its date
    (out / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    script.build(release, out)
    first = {p: p.read_bytes() for p in out.rglob("*.json")}
    script.build(release, out)
    assert {p: p.read_bytes() for p in out.rglob("*.json")} == first
    assert json.loads((out / "meta.json").read_text(encoding="utf-8"))["built"] == "2000-01-01"
