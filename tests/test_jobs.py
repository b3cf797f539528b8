"""The job store and listing logic in careercli.jobs, tested through its public functions.

Expected values come from the fixture files in tests/data/jobs/ (see jobdata.py), data/jobs.yaml,
data/skills.yaml and data/roles/, never from the code under test.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from careercli.catalog import load_catalog
from careercli.errors import CareerError
from careercli.jobs.files import read_listing_file
from careercli.jobs.model import Listing, Query, make_listing
from careercli.jobs.normalize import infer_level, job_type
from careercli.jobs.query import listing_fit
from careercli.jobs.store import Store, store_path
from careercli.jobs.tagger import Tagger
from jobdata import (
    BUNDLED_FILE,
    CSV_BAD_LINES,
    CSV_EXPECT,
    CSV_FILE,
    CSV_SOURCE,
    CSV_WARNED_LINES,
    JSON_FILE,
    JSON_SOURCE,
    PER_YEAR,
    YAML_FILE,
    YAML_SOURCE,
    bundled,
    json_items,
    universe,
    yaml_items,
    year_max,
)
from reference import load_yaml

ROOT = Path(__file__).resolve().parent.parent
SKILLS = load_yaml(ROOT / "data" / "skills.yaml")["skills"]


def canonical(name: str) -> str:
    """The skill data/skills.yaml files `name` under (by name or alias)."""
    key = name.casefold()
    for skill in SKILLS:
        if key == skill["name"].casefold() or key in (
            a.casefold() for a in skill.get("aliases", [])
        ):
            return skill["name"]
    raise KeyError(name)


def role_skills(role_id: str) -> list[str]:
    role = yaml.safe_load((ROOT / "data" / "roles" / f"{role_id}.yaml").read_text("utf-8"))
    return [s["skill"] for s in role["skills"]]


@pytest.fixture(scope="module")
def cat():
    return load_catalog(use_cache=False)


@pytest.fixture(scope="module")
def tagger(cat):
    return Tagger(cat)


def import_file(cat, path: Path):
    source, rows = read_listing_file(path)
    with Store(cat, write=True) as store:
        return store.import_rows(rows, str(path), source)


def stored(cat, **query) -> dict[str, Listing]:
    with Store(cat) as store:
        return {j.id: j for j in store.search(Query(limit=None, **query))}


# --------------------------------------------------------------------------- bundled listings


def test_bundled_listings_with_no_store_file_and_none_created(cat):
    assert not store_path().exists()
    found = stored(cat)
    expected = {b["id"]: b for b in bundled()}
    assert set(found) == set(expected)
    for job_id, want in expected.items():
        got = found[job_id]
        assert (got.title, got.company, got.location) == (
            want["title"],
            want["company"],
            want["location"],
        )
        assert (got.remote, got.level) == (want["remote"], want["level"])
        assert got.type in want["type"]
        assert got.salary == want["salary"]
        assert got.posted == want["posted"]
        assert got.role == want["role"]
    assert not store_path().exists(), "a read created the job store"
    assert not store_path().parent.exists() or list(store_path().parent.iterdir()) == []


def test_bundled_file_is_the_seed_articles_five_jobs():
    doc = yaml.safe_load(BUNDLED_FILE.read_text(encoding="utf-8"))
    assert len(doc["jobs"]) == 5
    assert doc["sources"] and doc["reviewed"]


# --------------------------------------------------------------------------- JobSpy CSV


def test_csv_good_rows_import_and_bad_rows_report_their_starting_line(cat):
    lines = CSV_FILE.read_text(encoding="utf-8").split("\n")
    # The answer key itself: each bad row really starts on the line given.
    for job_id, line in CSV_BAD_LINES.items():
        assert lines[line - 1].startswith(f'"{job_id}",'), (job_id, line)
    result = import_file(cat, CSV_FILE)
    assert result.imported == len(CSV_EXPECT)
    problems = dict(result.problems)
    assert sorted(problems) == sorted(CSV_BAD_LINES.values())
    assert "title" in problems[CSV_BAD_LINES["bad-notitle"]]
    assert "field" in problems[CSV_BAD_LINES["bad-extra"]]
    warned = dict(result.warnings)
    assert "competitive" in warned[CSV_WARNED_LINES["bad-amount"]]
    assert result.records == result.imported + result.skipped + result.duplicates == 11
    assert result.sources == [CSV_SOURCE]
    assert {j.id.rsplit(":", 1)[1] for j in stored(cat, source=CSV_SOURCE).values()} == set(
        CSV_EXPECT
    )


def test_csv_fields_are_read_as_a_person_reads_the_row(cat):
    import_file(cat, CSV_FILE)
    found = stored(cat, source=CSV_SOURCE)
    want = {k: v for k, v in universe().items() if v["source"] == CSV_SOURCE}
    assert set(found) == set(want)
    for job_id, w in want.items():
        got = found[job_id]
        assert got.title == w["title"]  # Unicode dashes and quotes kept
        assert (got.company, got.location, got.url, got.posted) == (
            w["company"],
            w["location"],
            w["url"],
            w["posted"],
        )
        assert got.remote is w["remote"], (got.title, got.remote)
        assert got.type in w["type"], (got.title, got.type)
        assert got.level == w["level"], (got.title, got.level)
        assert got.role == w["role"], (got.title, got.role)
        assert got.salary == w["salary"], got.title
        assert got.description == w["description"]  # multi-line text intact


def test_csv_reimport_is_idempotent(cat):
    first = import_file(cat, CSV_FILE)
    before = stored(cat, source=CSV_SOURCE)
    second = import_file(cat, CSV_FILE)
    after = stored(cat, source=CSV_SOURCE)
    assert second.imported == first.imported
    assert sorted(second.problems) == sorted(first.problems)
    assert set(after) == set(before)
    with Store(cat) as store:
        ids = [r[0] for r in store.db.execute("SELECT id FROM main.jobs")]
        (count,) = [s["count"] for s in store.sources() if s["source"] == CSV_SOURCE]
    assert len(ids) == len(set(ids)) == len(CSV_EXPECT)
    assert count == len(CSV_EXPECT)


def test_skills_found_in_csv_descriptions(cat):
    import_file(cat, CSV_FILE)
    found = stored(cat, source=CSV_SOURCE)
    ds = found[f"{CSV_SOURCE}:qf-ds-1"]  # "Build models in Python, SQL and Spark"
    assert {canonical("python"), canonical("sql"), canonical("spark")} <= set(ds.skills)
    vet = found[f"{CSV_SOURCE}:bp-vt-7"]  # "excel at teamwork", "the spark that ignites"
    assert vet.skills == []


def test_a_file_that_is_not_jobspy_csv_is_refused(tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("name,age\nAda,36\n", encoding="utf-8")
    with pytest.raises(CareerError) as excinfo:
        read_listing_file(path)
    assert "JobSpy" in str(excinfo.value)


# --------------------------------------------------------------------------- JSON and YAML


@pytest.mark.parametrize("suffix", [".json", ".yaml"])
@pytest.mark.parametrize("shape", ["list", "mapping"])
def test_json_and_yaml_with_careercli_keys(cat, tmp_path, suffix, shape):
    items = json_items()
    doc = items if shape == "list" else {"jobs": items}
    path = tmp_path / f"board{suffix}"
    text = json.dumps(doc) if suffix == ".json" else yaml.safe_dump(doc, allow_unicode=True)
    path.write_text(text, encoding="utf-8")
    result = import_file(cat, path)
    assert (result.imported, result.problems) == (len(items), [])
    found = stored(cat, source="import:board")
    assert set(found) == {f"import:board:{i['id']}" for i in items}
    for item in items:
        got = found[f"import:board:{item['id']}"]
        assert (got.title, got.company, got.location, got.url) == (
            item["title"],
            item["company"],
            item["location"],
            item["url"],
        )
        assert got.remote == item["remote"]
        assert got.type == item["type"]
        assert got.posted == item["posted"]
        assert got.salary == {k: item["salary"][k] for k in ("min", "max", "currency", "period")}
        if "level" in item:
            assert got.level == item["level"]
        if "role" in item:
            assert got.role == item["role"]


def test_fixture_json_and_yaml_files_import(cat):
    for path, source, items in (
        (JSON_FILE, JSON_SOURCE, json_items()),
        (YAML_FILE, YAML_SOURCE, yaml_items()),
    ):
        result = import_file(cat, path)
        assert (result.imported, result.problems, result.sources) == (len(items), [], [source])
    want = {k: v for k, v in universe().items() if v["source"] in (JSON_SOURCE, YAML_SOURCE)}
    found = {**stored(cat, source=JSON_SOURCE), **stored(cat, source=YAML_SOURCE)}
    assert set(found) == set(want)
    for job_id, w in want.items():
        assert found[job_id].level == w["level"], job_id
        assert found[job_id].role == w["role"], job_id
        assert found[job_id].posted == w["posted"], job_id


def test_reimporting_listings_without_ids_adds_no_duplicates(cat, tmp_path):
    items = [{k: v for k, v in item.items() if k != "id"} for item in json_items()]
    path = tmp_path / "noids.json"
    path.write_text(json.dumps(items), encoding="utf-8")
    import_file(cat, path)
    first = stored(cat, source="import:noids")
    import_file(cat, path)
    assert stored(cat, source="import:noids").keys() == first.keys()
    assert len(first) == len(items)


def test_bad_items_in_a_json_list_are_reported_by_position(cat, tmp_path):
    path = tmp_path / "mixed.json"
    items = [{"title": "Data Analyst", "company": "Example Co"}, "not a listing", {"company": "X"}]
    path.write_text(json.dumps(items), encoding="utf-8")
    result = import_file(cat, path)
    assert result.imported == 1
    assert [line for line, _ in result.problems] == [2, 3]


@pytest.mark.parametrize("text", ["{not json", '{"jobs": 3}', '"a string"'])
def test_unusable_json_is_one_clear_error(cat, tmp_path, text):
    path = tmp_path / "broken.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CareerError) as excinfo:
        _source, rows = read_listing_file(path)
        list(rows)
    assert str(path) in str(excinfo.value)


# --------------------------------------------------------------------------- yearly salaries


PAY = [
    ("hourly-60", {"min": 40, "max": 60, "currency": "USD", "period": "hour"}),
    ("weekly-2500", {"min": 2000, "max": 2500, "currency": "USD", "period": "week"}),
    ("monthly-11000", {"min": 9000, "max": 11000, "currency": "USD", "period": "month"}),
    ("yearly", {"min": 100000, "max": 124799, "currency": "USD", "period": "year"}),
    ("none", None),
]


@pytest.mark.parametrize("floor", [120000, 124800, 124801, 130000, 132000, 132001])
def test_min_salary_compares_the_yearly_maximum(cat, tmp_path, floor):
    path = tmp_path / "pay.json"
    items = [
        {"id": name, "title": "Data Analyst", "company": "Example Co", "salary": salary}
        for name, salary in PAY
    ]
    path.write_text(json.dumps(items), encoding="utf-8")
    import_file(cat, path)
    # $60/hr x 2,080 = 124,800; $2,500/wk x 52 = 130,000; $11,000/mo x 12 = 132,000
    expected = {
        f"import:pay:{name}"
        for name, salary in PAY
        if salary and salary["max"] * PER_YEAR[salary["period"]] >= floor
    }
    assert set(stored(cat, source="import:pay", min_salary=floor)) == expected


def test_hourly_example_from_the_issue(cat, tmp_path):
    path = tmp_path / "hourly.json"
    salary = {"min": 45, "max": 60, "currency": "USD", "period": "hour"}
    path.write_text(json.dumps([{"id": "h", "title": "Analyst", "salary": salary}]), "utf-8")
    import_file(cat, path)
    assert set(stored(cat, source="import:hourly", min_salary=120000)) == {"import:hourly:h"}
    assert set(stored(cat, source="import:hourly", min_salary=130000)) == set()


def test_min_salary_over_the_csv_fixture(cat):
    import_file(cat, CSV_FILE)
    want = {k: v for k, v in universe().items() if v["source"] == CSV_SOURCE}
    for floor in (100000, 120000, 124800, 130000, 130001):
        expected = {k for k, v in want.items() if (year_max(v["salary"]) or 0) >= floor}
        assert set(stored(cat, source=CSV_SOURCE, min_salary=floor)) == expected, floor


# --------------------------------------------------------------------------- titles to roles


@pytest.mark.parametrize(
    ("title", "role"),
    [
        ("Senior Data Scientist, Marketing", "senior-data-scientist"),
        ("Veterinary Technician", None),
        ("Data Engineer II", "data-engineer"),
        ("Data Analyst", "data-analyst"),
        ("Machine Learning Engineer", "machine-learning-engineer"),
        ("Sr. Data Analyst — “Insights”", "senior-data-analyst"),
        ("Senior Data Scientist – Growth", "senior-data-scientist"),
        ("Business Intelligence Analyst", "business-intelligence-analyst"),
        ("Data Engineer (Remote)", "data-engineer"),
        ("Assistant Store Manager – Night Operations", None),
        ("Security Officer - Healthcare Facility - Pelham Bay - Bronx", None),
        ("Quality Assurance Auditor", None),
        ("Operations Manager", None),
        ("Night Auditor", None),
        ("Pharmacy Technician (Overnight)", None),
    ],
)
def test_title_to_role(tagger, title, role):
    assert tagger.role_for(title)[0] == role


def test_role_mapping_keeps_a_score_only_when_mapped(tagger):
    role, score = tagger.role_for("Data Engineer II")
    assert role is not None and score is not None and 0 < score <= 100
    assert tagger.role_for("Veterinary Technician") == (None, None)


def test_make_listing_maps_the_title_and_keeps_an_explicit_catalog_role(tagger):
    mapped = make_listing({"title": "Senior Data Scientist, Marketing"}, "test", tagger)
    assert mapped.role == "senior-data-scientist"
    explicit = make_listing({"title": "Quant", "role": "quantitative-analyst"}, "test", tagger)
    assert explicit.role == "quantitative-analyst"
    unknown = make_listing({"title": "Veterinary Technician", "role": "no-such"}, "test", tagger)
    assert unknown.role is None


def test_make_listing_refuses_only_a_listing_without_a_title(tagger):
    with pytest.raises(ValueError):
        make_listing({"title": "  "}, "test", tagger)
    for pay in ({"min": "lots", "max": 3}, {"min": 1, "period": "quarterly"}):
        said: list[str] = []
        listing = make_listing({"title": "Analyst", "salary": pay}, "test", tagger, said)
        assert listing.title == "Analyst" and listing.salary is None
        assert len(said) == 1 and "salary left out" in said[0]


# --------------------------------------------------------------------------- skills in prose


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Python, SQL and Spark", ["python", "sql", "spark"]),
        ("You will work in Python and SQL with Spark.", ["python", "sql", "spark"]),
        # "dashboards" is an alias of dashboard design in data/skills.yaml
        ("Excel and Tableau dashboards", ["excel", "tableau", "dashboards"]),
        ("the spark that ignites our team", []),
        ("daily reports", []),
        ("excel at teamwork", []),
        ("We go to market fast and excel at reports.", []),
    ],
)
def test_description_skills_use_a_conservative_vocabulary(tagger, text, names):
    assert set(tagger.skills_in(text)) == {canonical(n) for n in names}


# --------------------------------------------------------------------------- level and type


@pytest.mark.parametrize(
    ("title", "level"),
    [
        ("Senior Data Scientist", "senior"),
        ("Sr. Data Analyst", "senior"),
        ("Lead Machine Learning Engineer", "lead"),
        ("Principal Data Engineer", "lead"),
        ("Data Analyst Intern", "intern"),
        ("Junior Data Analyst", "entry"),
        ("Director of Data Science", "executive"),
        ("Data Analyst", None),
        ("Veterinary Technician", None),
    ],
)
def test_infer_level_reads_only_what_the_title_says(title, level):
    assert infer_level(title) == level


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("fulltime", {"full-time"}),
        ("parttime", {"part-time"}),
        ("contract", {"contract"}),
        ("internship", {"internship"}),
        ("temporary", {"temporary"}),
        ("Full-time", {"full-time"}),
        ("full_time", {"full-time"}),
        ("parttime, fulltime", {"full-time", "part-time"}),
        ("", {None}),
        (None, {None}),
    ],
)
def test_job_type_reads_jobspy_values(value, expected):
    assert job_type(value) in expected


# --------------------------------------------------------------------------- fit


def test_listing_fit(cat):
    role = "data-analyst"
    needed = role_skills(role)
    assert "Rust" not in needed and "Go" not in needed
    everything = {s: 1.0 for s in needed}

    def listing(role_id, skills):
        return Listing(id="t:1", source="t", title="x", role=role_id, skills=skills)

    assert listing_fit(cat, listing(None, []), everything) is None
    # the description's share counts over at least five named skills
    assert listing_fit(cat, listing(None, ["Python", "SQL"]), {"Python": 1.0}) == 20.0
    assert listing_fit(cat, listing(None, ["Excel"]), {"Excel": 1.0}) == 20.0
    assert listing_fit(cat, listing(None, ["Python", "SQL"]), {}) == 0.0
    six = ["Python", "SQL", "Excel", "Tableau", "R", "Git"]
    assert listing_fit(cat, listing(None, six), {s: 1.0 for s in six}) == 100.0
    assert listing_fit(cat, listing(None, six), {s: 1.0 for s in six[:3]}) == 50.0
    assert listing_fit(cat, listing(role, []), {}) == 0.0
    assert listing_fit(cat, listing(role, []), everything) == 100.0
    # the role's fit and the share of the description's skills, averaged
    assert listing_fit(cat, listing(role, ["Rust", "Go"]), everything) == 50.0
    assert listing_fit(cat, listing(role, ["Python", "Rust"]), everything) == 60.0
    partial = listing_fit(cat, listing(role, []), {needed[0]: 1.0})
    assert 0.0 < partial < 100.0
