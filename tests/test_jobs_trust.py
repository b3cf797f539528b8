"""Jobs you can trust (issue 16): money in its own currency, imports that never lose or invent a
row, one listing once, complete board parsers, level and search, demand, age and provenance.

Expected values are written by hand next to each fixture (the files are made here, in JobSpy's
layout and the boards' recorded layouts), never taken from the code under test.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

import pytest

from careercli.catalog import load_catalog
from careercli.jobs import model
from careercli.jobs.boards import parse_listings, parse_spec
from careercli.jobs.demand import sections, skill_demand
from careercli.jobs.normalize import infer_level, salary
from clihelp import ok, ok_json, refused
from httpserver import DATA as BOARDS

JOBSPY_HEADER = [
    "id", "site", "job_url", "job_url_direct", "title", "company", "location", "job_type",
    "date_posted", "salary_source", "interval", "min_amount", "max_amount", "currency",
    "is_remote", "job_level", "job_function", "company_industry", "listing_type", "emails",
    "description", "company_url", "logo_photo_url",
]  # fmt: skip


def jobspy_row(**cells) -> list:
    base = dict.fromkeys(JOBSPY_HEADER, "")
    base.update(site="indeed", is_remote="False")
    base.update(cells)
    return [base[h] for h in JOBSPY_HEADER]


def jobspy_bytes(rows: list[list]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\n")
    writer.writerow(JOBSPY_HEADER)
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8")


def jobs_json(run, *args) -> dict:
    return ok_json(run("jobs", *args, "--format", "json"))


# --------------------------------------------------------------------------- money


@pytest.mark.parametrize(
    ("pay", "shown"),
    [
        ({"min": 162000, "max": 225000, "currency": "CAD", "period": "year"}, "CA$162K–CA$225K/yr"),
        ({"min": 255000, "max": 325000, "currency": "GBP", "period": "year"}, "£255K–£325K/yr"),
        ({"min": 1800000, "max": 2600000, "currency": "INR", "period": "year"}, "₹1.8M–₹2.6M/yr"),
        ({"min": 25, "max": 35, "currency": "GBP", "period": "hour"}, "£25–£35/hr"),
        ({"min": 4000, "max": 5500, "currency": "USD", "period": "month"}, "$4K–$5.5K/mo"),
        ({"min": 1800, "max": 2300, "currency": "USD", "period": "week"}, "$1.8K–$2.3K/wk"),
        ({"min": 60000, "max": 70000, "currency": "EUR", "period": "year"}, "€60K–€70K/yr"),
        ({"min": 12000, "max": 15000, "currency": "PLN", "period": "month"}, "PLN 12K–PLN 15K/mo"),
    ],
)
def test_money_is_shown_in_its_own_currency_and_never_overstated(run, tmp_path, pay, shown):
    path = tmp_path / "pay.json"
    path.write_text(json.dumps([{"id": "p", "title": "Data Analyst", "salary": pay}]))
    ok(run("jobs", "import", str(path)))
    table = ok(run("jobs", "--source", "import:pay", "--format", "markdown"))
    assert shown in table.stdout
    (job,) = jobs_json(run, "--source", "import:pay")["jobs"]
    per_year = {"year": 1, "month": 12, "week": 52, "hour": 2080}[pay["period"]]
    assert job["salary"]["currency"] == pay["currency"]
    assert job["salary"]["interval"] == pay["period"]
    assert (job["salary"]["min"], job["salary"]["max"]) == (pay["min"], pay["max"])
    assert job["salary"]["yearly_max"] == pay["max"] * per_year


PAID = [
    ("usd", 150000, 190000, "USD"),
    ("inr", 1800000, 2600000, "INR"),
    ("cad", 162000, 225000, "CAD"),
    ("cad-low", 60000, 70000, "CAD"),
    ("none", None, None, None),
]


@pytest.fixture
def paid(run, tmp_path):
    items = [
        {"id": n, "title": "Data Engineer", "company": "Example Co",
         "salary": {"min": lo, "max": hi, "currency": c, "period": "year"} if lo else None}
        for n, lo, hi, c in PAID
    ]  # fmt: skip
    path = tmp_path / "paid.json"
    path.write_text(json.dumps(items))
    ok(run("jobs", "import", str(path)))


def test_min_salary_compares_one_currency_and_says_how_many_are_left_out(run, paid):
    result = run("jobs", "--source", "import:paid", "--min-salary", "150000", "--format", "json")
    found = {j["id"].rsplit(":", 1)[1] for j in ok_json(result)["jobs"]}
    assert found == {"usd"}  # INR 1.8M (about $21K) is not a $150K salary
    assert "3 listing(s) paid in other currencies were left out" in result.stderr
    cad = run("jobs", "--source", "import:paid", "--min-salary", "150000", "--currency", "CAD",
              "--format", "json")  # fmt: skip
    assert {j["id"].rsplit(":", 1)[1] for j in ok_json(cad)["jobs"]} == {"cad"}


def test_sort_salary_ranks_one_currency_and_puts_the_rest_after(run, paid):
    found = [j["id"].rsplit(":", 1)[1] for j in jobs_json(
        run, "--source", "import:paid", "--sort", "salary", "--currency", "CAD", "--limit", "0"
    )["jobs"]]  # fmt: skip
    assert found[:2] == ["cad", "cad-low"]
    assert set(found[2:]) == {"usd", "inr", "none"}


def test_unknown_interval_drops_the_salary_with_a_warning_and_keeps_the_listing(run, tmp_path):
    rows = [
        jobspy_row(id="f1", title="Data Analyst", interval="fortnightly", min_amount=2000.0,
                   max_amount=2600.0, currency="AUD"),
        jobspy_row(id="q1", title="Data Analyst", interval="quarterly", min_amount=9000.0,
                   max_amount=9000.0, currency="USD"),
    ]  # fmt: skip
    path = tmp_path / "intervals.csv"
    path.write_bytes(jobspy_bytes(rows))
    result = ok(run("jobs", "import", str(path)))
    assert "quarterly" in result.stderr and "salary left out" in result.stderr
    jobs = {j["id"]: j for j in jobs_json(run, "--source", "jobspy:indeed")["jobs"]}
    fortnight = jobs["jobspy:indeed:f1"]["salary"]
    assert (fortnight["interval"], fortnight["min"], fortnight["max"]) == ("week", 1000, 1300)
    assert fortnight["currency"] == "AUD"
    assert jobs["jobspy:indeed:q1"]["salary"] is None


def test_plausibility_reads_a_yearly_thirty_as_hourly_on_every_source():
    assert salary(30, 30, "USD", "year")["period"] == "hour"
    with pytest.raises(ValueError):
        salary(90000, 100000, "USD", "hour")
    remoteok = [{"legal": "notice"}, {"id": 7, "position": "Data Analyst", "salary_min": 30,
                                      "salary_max": 30}]  # fmt: skip
    (listing,) = parse_listings(parse_spec("remoteok"), remoteok)
    assert listing["salary"]["period"] == "hour"


def test_salary_ranges_take_a_currency(run, paid):
    from careercli.jobs.store import Store

    cat = load_catalog()
    with Store(cat) as store:
        usd = store.salary_ranges("data-engineer")
        cad = store.salary_ranges("data-engineer", "CAD")
    assert (150000.0, 190000.0) in usd and (162000.0, 225000.0) not in usd
    assert sorted(cad) == [(60000.0, 70000.0), (162000.0, 225000.0)]


# --------------------------------------------------------------------------- damaged JobSpy files


def damaged_file(path: Path) -> dict:
    """A JobSpy export damaged the ways real ones are, and what a careful reader gets from it."""
    eeo = "We hire without regard to race, color, religion, national origin, age, or disability."
    rows = [
        jobspy_row(id="d1", title="Data Analyst", company="Acme", location="New York, NY",
                   job_url="https://www.indeed.com/viewjob?jk=d1", date_posted="9/13/2024",
                   description=f"SQL and Excel.\n{eeo}"),
        jobspy_row(id="d2", title="Café Manager", company="Bistro", location="Brooklyn, NY",
                   job_url="https://www.indeed.com/viewjob?jk=d2", date_posted="9/11/2024",
                   description=eeo),
        jobspy_row(id="d3", title="Logo Designer", company="Acme", location="New York, NY",
                   job_url="https://www.indeed.com/viewjob?jk=d3", date_posted="2024-02-30",
                   min_amount="competitive", max_amount=90000.0, interval="yearly",
                   currency="USD", description="x" * 170_000,
                   logo_photo_url="https://logo.example/acme.png"),
        jobspy_row(id="d4", title="", company="Nameless", location="NY",
                   job_url="https://www.indeed.com/viewjob?jk=d4", description=eeo),
        jobspy_row(id="d5", title="Data Engineer", company="Pipes", location="NY",
                   job_url="https://www.indeed.com/viewjob?jk=d5", date_posted="Sep 12, 2024",
                   description="Airflow.\n\"Quoted\" words and, commas."),
    ]  # fmt: skip
    data = jobspy_bytes(rows).replace("Café".encode(), "Caf\xe9".encode("latin-1"))
    broken = (
        b'"d6","indeed","https://www.indeed.com/viewjob?jk=d6","","Broken quote","X","NY","",'
        b'"","","","","","","False","","","","","","this description never closes\n'
        + eeo.encode()
        + b"\n"
    )
    last = jobspy_row(id="d7", title="Data Scientist", company="Zeta", location="NY",
                      job_url="https://www.indeed.com/viewjob?jk=d7", date_posted="9/10/2024",
                      description="Python.")  # fmt: skip
    path.write_bytes(data + broken + jobspy_bytes([last]).split(b"\n", 1)[1])
    lines = path.read_bytes().split(b"\n")
    start = {m: n + 1 for n, line in enumerate(lines) for m in re.findall(rb'^"(d\d)"', line)}
    return {
        "imported": {"d1": "2024-09-13", "d2": "2024-09-11", "d3": None, "d5": "2024-09-12",
                     "d7": "2024-09-10"},
        "titles": {"d2": "Café Manager"},
        "skipped": {start[b"d4"]: "missing title", start[b"d6"]: "never closed"},
        "warned": {start[b"d2"]: "not UTF-8", start[b"d3"]: "competitive"},
    }  # fmt: skip


def test_a_damaged_jobspy_file_loses_no_row_and_invents_none(run, tmp_path):
    path = tmp_path / "damaged.csv"
    key = damaged_file(path)
    result = run("jobs", "import", str(path), "--format", "json")
    report = ok_json(result)
    assert report["records"] == report["imported"] + report["skipped_total"] + report["duplicates"]
    assert (report["records"], report["imported"], report["skipped_total"]) == (7, 5, 2)
    for skip in report["skipped"]:
        assert key["skipped"][skip["line"]] in skip["problem"], skip
    assert sorted(s["line"] for s in report["skipped"]) == sorted(key["skipped"])
    for line, words in key["warned"].items():
        assert any(w["line"] == line and words in w["problem"] for w in report["warnings"])
    jobs = {j["id"]: j for j in jobs_json(run, "--source", "jobspy", "--limit", "0")["jobs"]}
    assert {i.rsplit(":", 1)[1] for i in jobs} == set(key["imported"])  # no junk listing
    assert {j["source"] for j in jobs.values()} == {"jobspy:indeed"}  # no "jobspy:color"
    for ident, posted in key["imported"].items():
        job = jobs[f"jobspy:indeed:{ident}"]
        assert job["posted"] == posted, ident
        assert job["url"] == f"https://www.indeed.com/viewjob?jk={ident}"
    assert jobs["jobspy:indeed:d2"]["title"] == "Café Manager"
    designer = jobs["jobspy:indeed:d3"]
    assert designer["title"] == "Logo Designer" and designer["salary"] is None
    assert designer["description"] == "x" * 20_000


@pytest.mark.parametrize(
    ("dates", "order", "expected", "words"),
    [
        (["3/4/2025", "5/6/2025"], None, [None, None], "could be month/day or day/month"),
        (["3/4/2025", "5/6/2025"], "mdy", ["2025-03-04", "2025-05-06"], None),
        (["3/4/2025", "5/6/2025"], "dmy", ["2025-04-03", "2025-06-05"], None),
        (["3/4/2025", "25/6/2025"], None, ["2025-04-03", "2025-06-25"], "day/month/year"),
        (["3/4/2025", "6/25/2025"], None, ["2025-03-04", "2025-06-25"], "month/day/year"),
        (["11-Sep-2024", "2024-09-11 08:00:00"], None, ["2024-09-11", "2024-09-11"], None),
        (["11.09.2024", "2024/09/11"], None, ["2024-09-11", "2024-09-11"], None),
    ],
)
def test_dates_are_read_in_the_order_the_file_allows(run, tmp_path, dates, order, expected, words):
    rows = [
        jobspy_row(id=f"t{n}", title="Data Analyst", date_posted=d) for n, d in enumerate(dates)
    ]
    path = tmp_path / "dates.csv"
    path.write_bytes(jobspy_bytes(rows))
    args = ["--dates", order] if order else []
    report = ok_json(run("jobs", "import", str(path), *args, "--format", "json"))
    if words:
        assert any(words in n for n in report["notes"]), report["notes"]
    jobs = {
        j["id"]: j["posted"] for j in jobs_json(run, "--source", "jobspy", "--limit", "0")["jobs"]
    }
    assert [jobs[f"jobspy:indeed:t{n}"] for n in range(len(dates))] == expected


def test_a_file_without_ids_reimported_is_not_doubled(run, tmp_path):
    rows = [
        jobspy_row(
            title=f"Analyst {n}", company="Acme", job_url=f"https://jobs.example/{n}?utm_source=x"
        )
        for n in range(10)
    ]
    path = tmp_path / "noid.csv"
    path.write_bytes(jobspy_bytes(rows))
    ok(run("jobs", "import", str(path)))
    ok(run("jobs", "import", str(path)))
    counts = {
        s["source"]: s["count"] for s in ok_json(run("jobs", "sources", "-f", "json"))["sources"]
    }
    assert counts["jobspy:indeed"] == 10


# --------------------------------------------------------------------------- one listing once


def test_the_same_job_from_two_sources_is_shown_once_with_both(run, server, tmp_path):
    lever = json.loads((BOARDS / "lever.json").read_text(encoding="utf-8"))
    ok(run("jobs", "sync", "lever:example-co", "--base-url", server.base))
    first = lever[0]
    rows = [jobspy_row(id="same", title=first["text"], company="Example Co",
                       job_url=first["hostedUrl"] + "?utm_source=indeed")]  # fmt: skip
    path = tmp_path / "again.csv"
    path.write_bytes(jobspy_bytes(rows))
    ok(run("jobs", "import", str(path)))
    found = jobs_json(run, "--limit", "0", "--search", first["text"])
    ours = [j for j in found["jobs"] if first["text"] == j["title"]]
    assert len(ours) == 1
    assert sorted(ours[0]["sources"]) == ["jobspy:indeed", "lever:example-co"]
    # asked by source, each source still lists its own copy
    assert len(jobs_json(run, "--source", "jobspy:indeed")["jobs"]) == 1
    sources = {s["source"]: s for s in ok_json(run("jobs", "sources", "-f", "json"))["sources"]}
    assert sources["jobspy:indeed"]["duplicates"] + sources["lever:example-co"]["duplicates"] == 1


def test_sources_list_every_file_imported_into_a_source(run, tmp_path):
    for name, ident in (("first", "a"), ("second", "b")):
        path = tmp_path / f"{name}.csv"
        path.write_bytes(jobspy_bytes([jobspy_row(id=ident, title="Data Analyst")]))
        ok(run("jobs", "import", str(path)))
    (indeed,) = [s for s in ok_json(run("jobs", "sources", "-f", "json"))["sources"]
                 if s["source"] == "jobspy:indeed"]  # fmt: skip
    assert [(Path(o["origin"]).name, o["count"]) for o in indeed["origins"]] == [
        ("first.csv", 1),
        ("second.csv", 1),
    ]


# --------------------------------------------------------------------------- board parsers


def test_greenhouse_location_type_outranks_remote_words_in_the_location():
    job = {"id": 1, "title": "Data Engineer", "location": {"name": "Remote-Friendly, NYC"},
           "metadata": [{"id": 9, "name": "Location Type", "value": "On-Site",
                         "value_type": "single_select"}]}  # fmt: skip
    (listing,) = parse_listings(parse_spec("greenhouse:x"), {"jobs": [job]})
    assert listing["remote"] is False


def test_lever_keeps_every_location():
    job = {
        "id": "l",
        "text": "Data Engineer",
        "categories": {"location": "London", "allLocations": ["London", "Stockholm"]},
    }
    (listing,) = parse_listings(parse_spec("lever:x"), [job])
    assert listing["location"] == "London; Stockholm"


def test_ashby_company_is_the_organisations_own_name():
    job = {
        "id": "a",
        "title": "Research Engineer",
        "descriptionHtml": "<h2>About OpenAI</h2><p>We build models.</p>",
    }
    (listing,) = parse_listings(parse_spec("ashby:openai"), {"jobs": [job]})
    assert listing["company"] == "OpenAI"
    plain = {"id": "b", "title": "Engineer", "descriptionHtml": "<p>No heading.</p>"}
    (other,) = parse_listings(parse_spec("ashby:example-co"), {"jobs": [plain]})
    assert other["company"] == "Example Co"


def test_remotive_tags_become_skills(run, server):
    body = {"job-count": 1, "jobs": [{"id": 5, "title": "Analyst", "company_name": "Acme",
            "tags": ["sql", "tableau", "data entry"], "description": "<p>Reports.</p>"}]}  # fmt: skip
    server.routes["/api/remote-jobs"] = (200, json.dumps(body).encode(), {})
    ok(run("jobs", "sync", "remotive", "--base-url", server.base))
    (job,) = jobs_json(run, "--source", "remotive")["jobs"]
    assert {"SQL", "Tableau"} <= set(job["skills"])


def test_remoteok_text_is_repaired_and_untitled_entries_are_counted(run, server):
    body = [
        {"legal": "API terms"},
        {"id": 1, "position": "What Youâ\x80\x99ll Do", "company": "ZÃ³calo Health",
         "description": "<p>Join ZÃ³calo.</p>"},
        {"id": 2, "position": "", "company": "Blank"},
    ]  # fmt: skip
    server.routes["/api"] = (200, json.dumps(body).encode(), {})
    result = ok(run("jobs", "sync", "remoteok", "--base-url", server.base, "--format", "json"))
    (synced,) = json.loads(result.stdout)["synced"]
    assert (synced["listings"], synced["skipped"]) == (1, 1)
    assert any("without a title" in n for n in synced["notes"])
    (job,) = jobs_json(run, "--source", "remoteok")["jobs"]
    assert (job["title"], job["company"]) == ("What You’ll Do", "Zócalo Health")
    assert "Zócalo" in job["description"]


# --------------------------------------------------------------------------- level and search


@pytest.mark.parametrize(
    ("title", "level"),
    [
        ("Staff Nurse", None),
        ("Staff Nurse - Med/Surg", None),
        ("Associate Product Manager", "entry"),
        ("Assistant Manager", None),
        ("Staff Accountant", None),
        ("School Principal", None),
        ("Lead Generation Specialist", None),
        ("Staff Engineer", "lead"),
        ("Staff Software Engineer, Payments", "lead"),
        ("Principal Data Scientist", "lead"),
        ("Senior Staff Machine Learning Engineer", "lead"),
        ("Engineering Manager", "lead"),
        ("Tech Lead", "lead"),
    ],
)
def test_level_is_read_from_words_in_context(title, level):
    assert infer_level(title) == level


@pytest.fixture
def languages(run, tmp_path):
    items = [
        {"id": "cpp", "title": "C++ Developer", "description": "Modern C++ and CMake."},
        {"id": "cs", "title": "Backend Developer", "description": "C# and .NET services."},
        {"id": "fs", "title": "Quant Developer", "description": "F# for pricing."},
        {"id": "c", "title": "Embedded Engineer", "description": "Plain C on microcontrollers."},
        {"id": "surveyor", "title": "Land Surveyor", "description": "Field work, class C licence."},
    ]
    path = tmp_path / "langs.json"
    path.write_text(json.dumps(items))
    ok(run("jobs", "import", str(path)))


@pytest.mark.parametrize(
    ("term", "ids"),
    [("C++", {"cpp"}), ("C#", {"cs"}), ("F#", {"fs"}), (".NET", {"cs"}), ("c++ cmake", {"cpp"})],
)
def test_search_keeps_cpp_csharp_fsharp_and_dotnet(run, languages, term, ids):
    found = jobs_json(run, "--source", "import:langs", "--search", term, "--limit", "0")["jobs"]
    assert {j["id"].rsplit(":", 1)[1] for j in found} == ids


def test_a_search_without_a_word_says_so_and_finds_nothing(run, languages):
    result = run("jobs", "--search", "£", "--format", "json")
    assert ok_json(result)["jobs"] == []
    assert "no word to search for" in result.stderr


# --------------------------------------------------------------------------- counts, age, provenance


def test_jobs_says_how_many_of_how_many(run, tmp_path):
    items = [{"id": f"n{i}", "title": f"Data Analyst {i}"} for i in range(30)]
    path = tmp_path / "thirty.json"
    path.write_text(json.dumps(items))
    ok(run("jobs", "import", str(path)))
    table = ok(run("jobs", "--limit", "8"))
    assert "8 of 35 listing(s)" in re.sub(r"\s+", " ", table.stdout)
    doc = jobs_json(run, "--limit", "8")
    assert (doc["total"], doc["shown"], len(doc["jobs"])) == (35, 8, 8)


def test_bundled_listings_are_labelled_aged_and_say_they_have_no_url(run, monkeypatch):
    monkeypatch.setattr(model, "today", lambda: dt.date(2026, 11, 29))
    jobs = jobs_json(run, "--source", "seed-article", "--limit", "0")["jobs"]
    assert len(jobs) == 5
    for job in jobs:
        assert job["age_days"] == (dt.date(2026, 11, 29) - dt.date(2024, 10, 30)).days
        assert any("seed article (October 2024)" in n for n in job["notes"])
        assert "no URL given" in job["notes"]
    interns = [j for j in jobs if j["type"] == "internship"]
    assert interns and all("intern" in j["salary"]["note"] for j in interns)
    table = ok(run("jobs", "--source", "seed-article", "--format", "markdown"))
    assert "2024-10-30 (2 years old)" in table.stdout
    assert "no URL given" in table.stdout and "(as listed)" in table.stdout
    assert "seed article (October 2024)" in table.stdout


# --------------------------------------------------------------------------- demand


def test_sections_split_required_from_nice_to_have():
    text = "About us. Requirements: SQL and Python. Nice to have: Spark. Benefits: lunch."
    kinds = [k for k, _ in sections(text)]
    assert kinds == [None, "required", "nice"]


@pytest.fixture
def analysts(run, tmp_path):
    items = [
        {"id": "a1", "title": "Data Analyst", "posted": "2026-09-03",
         "description": "Requirements: SQL and Excel. Nice to have: Tableau."},
        {"id": "a2", "title": "Data Analyst", "posted": "2026-10-05",
         "description": "Qualifications: SQL. Preferred: Python."},
        {"id": "a3", "title": "Senior Data Analyst", "posted": "2026-10-09",
         "description": "You will use Excel daily."},
        {"id": "a4", "title": "Data Analyst", "posted": "2026-10-20",
         "description": "What you'll need: SQL, Python. Bonus: Tableau."},
    ]  # fmt: skip
    path = tmp_path / "analysts.json"
    path.write_text(json.dumps(items))
    ok(run("jobs", "import", str(path)))
    return items


def test_demand_counts_skills_in_the_listings_of_a_role(run, analysts):
    doc = ok_json(run("demand", "data analyst", "--format", "json"))
    assert (doc["role"], doc["listings"]) == ("data-analyst", 3)  # a3 maps to senior-data-analyst
    skills = {s["skill"]: s for s in doc["skills"]}
    assert (skills["SQL"]["count"], skills["SQL"]["share"]) == (3, 1.0)
    assert (skills["SQL"]["required"], skills["SQL"]["nice_to_have"]) == (3, 0)
    assert (skills["Tableau"]["count"], skills["Tableau"]["nice_to_have"]) == (2, 2)
    assert skills["Python"]["count"] == 2 and skills["Python"]["required"] == 1
    assert [m["month"] for m in doc["months"]] == ["2026-09", "2026-10"]
    assert doc["skills"][0]["skill"] == "SQL"
    table = ok(run("demand", "data analyst"))
    assert "3 Data Analyst listing(s)" in re.sub(r"\s+", " ", table.stdout)


def test_demand_core_function_and_refusals(run, analysts):
    found = skill_demand(load_catalog(), role_id="data-analyst")
    assert found.listings == 3 and not found.enough
    assert found.share_of("SQL") == 1.0
    refused(run("demand", "no such role at all xyz"))
    refused(run("demand"))  # no role and no profile target
