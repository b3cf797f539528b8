"""Wage figures (`careercli salary`, the compare salary row) and scripts/build_wages.py.

Expected figures are read from data/wages.json, data/wages-states.json and data/roles/*.yaml in
the test; listing ranges
from the job fixtures (jobdata.py); the extraction script runs on a tiny OEWS-shaped SQLite file.
"""

from __future__ import annotations

import json
import re
import sqlite3
import statistics
from pathlib import Path

import pytest

from careercli.errors import CareerError
from careercli.salary import Wages
from clihelp import ok_json
from jobdata import CSV_FILE, JSON_FILE, YAML_FILE, bundled, universe, year_max, year_min
from reference import load_yaml
from scriptload import load

ROOT = Path(__file__).resolve().parent.parent
WAGES = json.loads((ROOT / "data" / "wages.json").read_text(encoding="utf-8"))
STATE_WAGES = json.loads((ROOT / "data" / "wages-states.json").read_text(encoding="utf-8"))
OCC = WAGES["occupations"]
ROLES = {p.stem: load_yaml(p) for p in sorted((ROOT / "data" / "roles").glob("*.yaml"))}
PCT = ("p10", "p25", "p50", "p75", "p90")
SEED_TITLES = ["Data Analyst", "Machine Learning Engineer", "Engineer", "Analyst"]
STATES = sorted(STATE_WAGES["areas"])
# The issue's reading of seniority as a percentile band.
# The README's bands (issue 13: the same band applied to every proxy, a role's figure the range
# across its proxies).
BANDS = {"junior": ("p10", "p25"), "mid": ("p25", "p75"), "senior": ("p50", "p90"),
         "lead": ("p75", "p90")}  # fmt: skip


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def roles_named(word: str) -> set[str]:
    return {rid for rid, r in ROLES.items() if word.lower() in r["name"].lower().split()}


def figures(soc: str, area: str) -> dict | None:
    """One area's published figures for a SOC code, by column name; None if there are none."""
    row = OCC[soc][1] if area == "US" else STATE_WAGES["areas"].get(area, {}).get(soc)
    return None if row is None else dict(zip(WAGES["columns"], row, strict=True))


def assert_bls_row(row: dict, area: str) -> None:
    figures_ = figures(row["soc"], area)
    assert row["title"] == OCC[row["soc"]][0]
    assert row["area"] == area
    assert row["employment"] == figures_["employment"]
    for key in PCT:
        assert row[key] == figures_[key], (row["soc"], area, key)


# --------------------------------------------------------------------------- data


def test_every_role_soc_code_has_national_figures():
    for rid, role in ROLES.items():
        assert role.get("soc"), f"{rid} names no SOC code"
        for soc in role["soc"]:
            assert soc in OCC, f"{rid}: SOC {soc} missing from data/wages.json"
            assert any(figures(soc, "US")[k] for k in PCT)


def test_wages_json_holds_every_detailed_occupation_and_the_soc_codes_the_data_names():
    named = set()
    for role in ROLES.values():
        named.update(role["soc"])
        for fig in (role.get("outlook") or {}).get("figures") or []:
            if fig.get("soc"):
                named.add(str(fig["soc"]))
    assert named <= set(OCC)
    assert len(OCC) >= 800  # every detailed OEWS occupation, not only the roles' proxies
    assert all(re.fullmatch(r"\d\d-\d{4}", soc) for soc in OCC)
    assert list(OCC) == sorted(OCC)
    width = len(WAGES["columns"])
    assert all(isinstance(title, str) and len(row) == width for title, row in OCC.values())
    for rows in STATE_WAGES["areas"].values():
        assert set(rows) <= set(OCC)
        assert all(len(row) == width for row in rows.values())


def test_wages_files_agree_on_columns_and_states():
    assert WAGES["columns"] == STATE_WAGES["columns"] == [
        "employment", "mean", "p10", "p25", "p50", "p75", "p90"
    ]  # fmt: skip
    assert WAGES["states"] == STATES


def test_no_published_wage_is_top_coded():
    assert WAGES["top_coding"]["top_coded_values"] == 0
    assert WAGES["top_coding"]["values_above_cap"]["national"] > 0
    assert "flags" not in json.dumps(WAGES) + json.dumps(STATE_WAGES)
    assert not any("≥" in note for note in WAGES["notes"])


def test_hourly_only_occupations_have_no_annual_wage():
    assert WAGES["hourly_only"], "BLS publishes some occupations (actors) only hourly"
    for soc, hourly in WAGES["hourly_only"].items():
        assert len(hourly) == len(WAGES["hourly_columns"])
        assert all(figures(soc, "US")[k] is None for k in ("mean", *PCT))
    for area, rows in STATE_WAGES["hourly_only"].items():
        for soc in rows:
            assert all(figures(soc, area)[k] is None for k in ("mean", *PCT))


def test_wages_lookup_api():
    wages = Wages.load()
    assert wages.states() == STATES
    assert wages.titles()["15-2051"] == OCC["15-2051"][0]
    national = wages.national("15-2051")
    assert national is not None and national.area == "US"
    assert national.values["p50"] == figures("15-2051", "US")["p50"]
    assert wages.national("99-9999") is None
    ca = wages.wage("15-2051", "CA")
    assert ca is not None and ca.values["p50"] == figures("15-2051", "CA")["p50"]


def test_state_wages_load_only_when_a_state_is_asked_for(tmp_path):
    (tmp_path / "wages.json").write_text(json.dumps(WAGES), encoding="utf-8")
    wages = Wages.load(tmp_path / "wages.json")  # no wages-states.json next to it
    assert wages.national("15-2051") is not None and wages.states() == STATES
    with pytest.raises(CareerError, match=r"wages-states\.json"):
        wages.wage("15-2051", "CA")


def test_wages_json_records_its_source():
    assert "Bureau of Labor Statistics" in WAGES["source"]
    assert WAGES["release"] == "May 2025"
    for key in ("published", "retrieved", "url"):
        assert WAGES[key]
    assert {"CA", "NY", "TX"} <= set(STATES)


# --------------------------------------------------------------------------- careercli salary


@pytest.mark.parametrize("title", SEED_TITLES)
def test_the_seed_salary_titles_all_answer_with_bls_figures(run, title):
    doc = ok_json(run("salary", title, "--format", "json"))
    assert doc["area"] == "US"
    assert doc["roles"], title
    for role in doc["roles"]:
        assert role["bls"], f"{title}: {role['id']} has no BLS row"
        socs = [row["soc"] for row in role["bls"]]
        assert socs == [s for s in ROLES[role["id"]]["soc"] if figures(s, "US")]
        for row in role["bls"]:
            assert_bls_row(row, "US")


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Data Analyst", {"data-analyst"}),
        ("Machine Learning Engineer", {"machine-learning-engineer"}),
        ("Engineer", roles_named("engineer")),
        ("Analyst", roles_named("analyst")),
    ],
)
def test_which_roles_a_salary_title_reaches(run, title, expected):
    doc = ok_json(run("salary", title, "--format", "json"))
    assert {r["id"] for r in doc["roles"]} == expected


@pytest.mark.parametrize("title", SEED_TITLES)
def test_the_seed_salary_titles_as_a_table(run, title):
    roles = ok_json(run("salary", title, "--format", "json"))["roles"]
    result = run("salary", title)
    assert result.exit_code == 0, result.stderr
    assert "\x1b" not in result.stdout
    text = flat(result.stdout)
    assert "Median" in text
    for role in roles:
        assert role["bls"][0]["soc"] in text, role["id"]


def test_no_roles_means_every_role(run):
    doc = ok_json(run("salary", "--format", "json"))
    assert {r["id"] for r in doc["roles"]} == set(ROLES)
    assert all(r["bls"] for r in doc["roles"])


def test_an_unknown_title_exits_1(run):
    result = run("salary", "xyzzy plumber")
    assert result.exit_code == 1
    assert result.stdout == "" and result.stderr


@pytest.mark.parametrize("state", ["CA", "ca", "NY", "TX"])
def test_a_state_uses_that_states_rows(run, state):
    doc = ok_json(run("salary", "data analyst", "--state", state, "--format", "json"))
    code = state.upper()
    assert doc["area"] == code
    (role,) = doc["roles"]
    socs = [s for s in ROLES["data-analyst"]["soc"] if figures(s, code)]
    assert [row["soc"] for row in role["bls"]] == socs
    for row in role["bls"]:
        assert_bls_row(row, code)
        assert row["p50"] != figures(row["soc"], "US")["p50"]


def test_a_state_table_names_the_state(run):
    result = run("salary", "data analyst", "--state", "CA")
    assert result.exit_code == 0, result.stderr
    assert "CA" in result.stdout


def test_a_state_without_figures_for_a_role_says_so(run):
    socs = ROLES["data-analyst"]["soc"]
    state = next(st for st in STATES if all(figures(soc, st) is None for soc in socs))
    (role,) = ok_json(run("salary", "data analyst", "--state", state, "--format", "json"))["roles"]
    assert role["bls"] == [] and role["band"]["range"] is None
    result = run("salary", "data analyst", "--state", state)
    assert result.exit_code == 0, result.stderr
    assert "no BLS figures" in flat(result.stdout)


@pytest.mark.parametrize("state", ["ZZ", "California", "U", "XX1"])
def test_an_unknown_state_lists_the_valid_codes(run, state):
    result = run("salary", "data analyst", "--state", state)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert state in result.stderr
    for code in STATES:
        assert re.search(rf"\b{code}\b", result.stderr), code
    assert "Traceback" not in result.stderr


def test_the_level_band_follows_the_issue(run):
    levels = {}
    for rid, role in ROLES.items():
        levels.setdefault(role["level"], rid)
    assert set(BANDS) <= set(levels), "the catalog lacks a level the bands cover"
    for level, (low_key, high_key) in BANDS.items():
        rid = levels[level]
        doc = ok_json(run("salary", rid, "--format", "json"))
        (role,) = doc["roles"]
        assert (role["level"], role["band"]["from"], role["band"]["to"]) == (
            level,
            low_key,
            high_key,
        )
        bands = [
            (f[low_key], f[high_key])
            for s in ROLES[rid]["soc"]
            if (f := figures(s, "US")) and f[low_key] and f[high_key]
        ]
        across = [min(b[0] for b in bands), max(b[1] for b in bands)]
        assert [p["soc"] for p in role["proxies"]] == [
            s for s in ROLES[rid]["soc"] if figures(s, "US")
        ]
        if ROLES[rid].get("soc_match") == "weak":
            assert role["band"]["range"] is None and role["nearest"] == across
        else:
            assert role["band"]["range"] == across and role["nearest"] is None


def test_the_table_has_the_chart_the_proxy_notes_and_the_citation(run):
    result = run("salary", "data analyst", "lead machine learning engineer")
    assert result.exit_code == 0, result.stderr
    text = flat(result.stdout)
    assert "━" in result.stdout and "┃" in result.stdout  # bars and median marks
    chart = [x for x in result.stdout.splitlines() if "━" in x and "┃" in x]
    assert len(chart) >= 2  # one bar per role, on one scale
    # At 80 columns a name may wrap between its words; at 120 each is whole in the table.
    wide = flat(run("salary", "data analyst", "lead machine learning engineer",
                    env={"COLUMNS": "120"}).stdout)  # fmt: skip
    assert "Lead Machine Learning Engineer" in wide and "Data Analyst" in wide
    assert "Lead Machine Learning Engineer" in text  # the chart's label
    assert "SOC" in text and "percentile" in text
    for piece in (WAGES["source"], WAGES["release"], WAGES["retrieved"], WAGES["url"]):
        assert piece in text, piece
    # the lead role's band is p75-p90 of its first SOC proxy, shown in thousands
    lead = figures(ROLES["lead-machine-learning-engineer"]["soc"][0], "US")
    assert f"{round(lead['p75'] / 1000)}K" in text and f"{round(lead['p90'] / 1000)}K" in text


def test_json_carries_the_citation(run):
    doc = ok_json(run("salary", "data analyst", "--format", "json"))
    assert WAGES["release"] in doc["source"] and WAGES["retrieved"] in doc["source"]
    assert doc["release"] == WAGES["release"]


def test_markdown(run):
    result = run("salary", "statistician", "--format", "markdown")
    assert result.exit_code == 0, result.stderr
    assert "| " in result.stdout and WAGES["url"] in result.stdout


# --------------------------------------------------------------------------- top-coded values


def _wages() -> Wages:
    return Wages(
        {
            "source": "Test source",
            "release": "May 2025",
            "published": "2026-05-15",
            "retrieved": "2026-09-26",
            "url": "https://www.bls.gov/oes/",
            "columns": ["employment", "mean", "p10", "p25", "p50", "p75", "p90"],
            "states": [],
            "occupations": {"11-3021": ["Computer and Information Systems Managers", [1000] * 7]},
        }
    )


def test_every_salary_view_says_what_oews_pay_excludes_and_that_nothing_is_top_coded(run):
    data = json.loads(run("salary", "data-analyst", "--format", "json").stdout)
    notes = data["notes"]
    assert "bonus" in notes["excludes"] and "stock" in notes["excludes"]
    assert "none as top-coded" in notes["top_coding"]
    assert f"{WAGES['top_coding']['cap_in_footnote']:,}" in notes["top_coding"]
    table = run("salary", "data-analyst", env={"COLUMNS": "200"}).stdout
    assert "exclude" in table and "stock" in table and "≥" not in table
    compare = run("compare", "-s", "salary", env={"COLUMNS": "200"}).stdout
    assert "excludes year-end bonuses and stock" in " ".join(compare.split())


def test_wages_from_the_data_are_the_published_figures(cat_role_manager):
    from careercli.salary import role_salary

    rs = role_salary(cat_role_manager, Wages.load())
    assert rs.wages and all("top_coded" not in w.to_dict() for w in rs.wages)
    assert all("≥" not in w.text(k) for w in rs.wages for k in ("p10", "p50", "p90"))


@pytest.fixture
def cat_role_manager():
    from careercli.catalog import load_catalog

    role = load_catalog().role("data-science-manager")
    assert "11-3021" in role.soc
    return role


# --------------------------------------------------------------------------- listing ranges


def _stats(pairs: list[tuple[float, float]]) -> dict:
    return {
        "count": len(pairs),
        "min": min(lo for lo, _ in pairs),
        "median": statistics.median((lo + hi) / 2 for lo, hi in pairs),
        "max": max(hi for _, hi in pairs),
    }


def test_listing_ranges_next_to_the_wages(run, tmp_path):
    items = [
        {"id": "s1", "title": "Statistician", "role": "statistician",
         "salary": {"min": 80000, "max": 100000, "currency": "USD", "period": "year"}},
        {"id": "s2", "title": "Statistician", "role": "statistician",
         "salary": {"min": 40, "max": 50, "currency": "USD", "period": "hour"}},
        {"id": "s3", "title": "Statistician", "role": "statistician",
         "salary": {"min": 7000, "max": 9000, "currency": "USD", "period": "month"}},
        {"id": "s4", "title": "Statistician", "role": "statistician",
         "salary": {"min": 60000, "max": 70000, "currency": "EUR", "period": "year"}},
        {"id": "s5", "title": "Statistician", "role": "statistician"},
    ]  # fmt: skip
    assert not [b for b in bundled() if b.get("role") == "statistician"]
    path = tmp_path / "stats.json"
    path.write_text(json.dumps(items), encoding="utf-8")
    assert run("jobs", "import", str(path)).exit_code == 0
    usd = [i["salary"] for i in items if i.get("salary") and i["salary"]["currency"] == "USD"]
    want = _stats([(year_min(s), year_max(s)) for s in usd])
    doc = ok_json(run("salary", "statistician", "--format", "json"))
    got = doc["roles"][0]["listings"]
    assert (got["count"], got["min"], got["max"]) == (want["count"], want["min"], want["max"])
    assert got["median"] == pytest.approx(want["median"], abs=1)
    table = run("salary", "statistician")
    assert table.exit_code == 0, table.stderr
    text = flat(table.stdout)
    assert "Listings" in text or "listings" in text
    assert f"{round(want['max'] / 1000)}K" in text


def test_listing_ranges_from_imported_fixtures(run):
    for path in (CSV_FILE, JSON_FILE, YAML_FILE):
        assert run("jobs", "import", str(path)).exit_code == 0
    known = universe()
    for rid in ("data-analyst", "data-engineer", "senior-data-scientist"):
        pairs = [
            (year_min(j["salary"]), year_max(j["salary"]))
            for j in known.values()
            if j["role"] == rid and j["salary"] and j["salary"]["currency"] == "USD"
        ]
        assert pairs, rid
        want = _stats(pairs)
        (role,) = ok_json(run("salary", rid, "--format", "json"))["roles"]
        got = role["listings"]
        assert (got["count"], got["min"], got["max"]) == (want["count"], want["min"], want["max"])
        assert got["median"] == pytest.approx(want["median"], abs=1), rid


def test_no_listings_means_no_listing_stats(run):
    (role,) = ok_json(run("salary", "statistician", "--format", "json"))["roles"]
    assert role["listings"] is None


# --------------------------------------------------------------------------- compare


def test_compare_json_has_the_salary_comparison(run):
    doc = ok_json(run("compare", "--format", "json"))
    pay = doc["comparison"]["salary"]
    assert [p["id"] for p in pay] == [r["id"] for r in doc["roles"]]
    for entry in pay:
        assert entry["bls"]
        for row in entry["bls"]:
            assert_bls_row(row, "US")


def test_compare_table_has_salary_and_outlook_rows(run):
    compact = flat(run("compare", "data analyst", "data engineer").stdout)
    assert "Salary" in compact and "Outlook" in compact
    result = run("compare", "data analyst", "data engineer", "--full")
    assert result.exit_code == 0, result.stderr
    text = flat(result.stdout)
    assert "Salary" in text and "Outlook" in text
    for rid in ("data-analyst", "data-engineer"):
        soc = ROLES[rid]["soc"][0]
        assert soc in text
    assert "Salary" in flat(run("compare", "-s", "salary").stdout)


# --------------------------------------------------------------------------- build_wages.py


def _load_script():
    return load("build_wages")


# OEWS datatype codes (BLS oe.datatype): 01 employment, 03 hourly mean, 04 annual mean,
# 06-10 hourly p10..p90, 11-15 annual p10..p90.
def _cell(values: dict[int, str], notes: dict[int, str] | None = None) -> list[str]:
    notes = notes or {}
    return [values.get(n, "-") for n in range(1, 18)] + [notes.get(n, "") for n in range(1, 18)]


TOP_NOTE = "This wage is equal to or greater than $115.00 per hour or $239,200 per year."


def _oews_sqlite(path: Path, extra_rows: list[tuple] = ()) -> None:
    con = sqlite3.connect(path)
    cols = ", ".join(
        [f"v{n:02d} TEXT" for n in range(1, 18)] + [f"f{n:02d} TEXT" for n in range(1, 18)]
    )
    con.execute(f"CREATE TABLE cell (key TEXT PRIMARY KEY, {cols})")
    con.execute(
        "CREATE TABLE occupation (occupation_code TEXT, occupation_name TEXT, display_level INT)"
    )
    con.execute(
        "CREATE TABLE area (area_code TEXT, areatype_code TEXT, state_code TEXT, area_name TEXT)"
    )
    con.execute("CREATE TABLE footnote (footnote_code TEXT, footnote_text TEXT)")
    con.execute("CREATE TABLE meta (name TEXT, value TEXT)")
    con.executemany(
        "INSERT INTO occupation VALUES (?, ?, ?)",
        [("152051", "Data Scientists", 3), ("113021", "Computer and Information Systems Managers", 3),
         ("272011", "Actors", 3), ("152000", "Mathematical Science Occupations", 1)],
    )  # fmt: skip
    con.executemany(
        "INSERT INTO area VALUES (?, ?, ?, ?)",
        [("0000000", "N", "00", "National"), ("0600000", "S", "06", "California"),
         ("5600000", "S", "56", "Wyoming")],
    )  # fmt: skip
    con.executemany(
        "INSERT INTO footnote VALUES (?, ?)",
        [("5", TOP_NOTE), ("2", "Annual wages have been calculated by multiplying by 2,080."),
         ("4", "Wages for some occupations are reported either as hourly or annual.")],
    )  # fmt: skip
    con.executemany(
        "INSERT INTO meta VALUES (?, ?)", [("release", "May 2025"), ("release_code", "2025A01")]
    )
    # series keys: OEU + N (national) / S (state) + 7-digit area + 6-digit industry + SOC
    ds_us = _cell({1: "245900", 3: "62.18", 4: "129330", 6: "32.33", 11: "67240", 12: "85660",
                   13: "120230", 14: "158880", 15: "199130"})  # fmt: skip
    # a footnote-5 cell without a value is not published; a value above $239,200 is published
    ds_ca = _cell({1: "41000", 4: "160000", 11: "-", 12: "101000", 13: "150000", 14: "190000",
                   15: "-"}, {15: "5"})  # fmt: skip
    ds_wy = _cell({})  # nothing published: left out
    mgr_us = _cell({1: "670570", 4: "192160", 11: "107550", 12: "138060", 13: "175140",
                    14: "220730", 15: "297510"})  # fmt: skip
    actors_us = _cell({1: "55000", 3: "58.29", 6: "16.50", 7: "20.34", 8: "29.05", 9: "97.95",
                       10: "143.68"}, {n: "4" for n in (4, 11, 12, 13, 14, 15)})  # fmt: skip
    rows = [
        ("OEUN" + "0000000" + "000000" + "152051", *ds_us),
        ("OEUS" + "0600000" + "000000" + "152051", *ds_ca),
        ("OEUS" + "5600000" + "000000" + "152051", *ds_wy),
        ("OEUN" + "0000000" + "000000" + "113021", *mgr_us),
        ("OEUN" + "0000000" + "000000" + "272011", *actors_us),
        *extra_rows,
    ]
    con.executemany(f"INSERT INTO cell VALUES ({', '.join('?' * 35)})", rows)
    con.commit()
    con.close()


MANIFEST = {
    "sources": {"oe.data.0.Current": {"last_modified": "2026-05-15"}},
    "retrieved": "2026-09-26",
}


def test_build_wages_extract(tmp_path, monkeypatch):
    script = _load_script()
    monkeypatch.setattr(script, "soc_codes", lambda: ["11-3021", "15-2051"])
    db = tmp_path / "oews.sqlite"
    _oews_sqlite(db)
    out, states = script.extract(db, MANIFEST)
    assert "Bureau of Labor Statistics" in out["source"]
    assert (out["release"], out["release_code"]) == ("May 2025", "2025A01")
    assert (out["published"], out["retrieved"]) == ("2026-05-15", "2026-09-26")
    cols = out["columns"]
    assert cols == states["columns"] == ["employment", "mean", "p10", "p25", "p50", "p75", "p90"]
    occ = out["occupations"]
    assert list(occ) == ["11-3021", "15-2051", "27-2011"]  # every detailed occupation, sorted
    assert occ["15-2051"] == ["Data Scientists", [245900, 129330, 67240, 85660, 120230, 158880,
                                                  199130]]  # fmt: skip
    assert out["states"] == ["CA"] and set(states["areas"]) == {"CA"}  # Wyoming published nothing
    ca = dict(zip(cols, states["areas"]["CA"]["15-2051"], strict=True))
    assert ca["p10"] is None  # "-": not published
    assert ca["p90"] is None  # footnote 5 without a value: not published, nothing invented
    assert ca["p25"] == 101000
    assert occ["11-3021"][1][-1] == 297510  # above the old cap: published as is
    top = out["top_coding"]
    assert top["top_coded_values"] == 0 and top["cap_in_footnote"] == 239200
    assert top["values_above_cap"] == {"national": 1, "state": 0}
    assert top["footnoted_cells_without_value"] == {"national": 0, "state": 1}
    assert "$239,200" in out["notes"][0] and "not published" in out["notes"][0]
    # actors: BLS publishes hourly wages only; annual stays null, hourly is kept as published
    assert occ["27-2011"][1] == [55000, None, None, None, None, None, None]
    assert out["hourly_only"] == {"27-2011": [58.29, 16.5, 20.34, 29.05, 97.95, 143.68]}
    assert out["hourly_columns"] == ["mean", "p10", "p25", "p50", "p75", "p90"]
    assert "flags" not in json.dumps(out) + json.dumps(states)
    # careercli reads what the script writes
    wages = Wages(out, states)
    assert wages.wage("15-2051", "CA").text("p90") == "n/a"
    assert wages.wage("15-2051", "CA").text("p25") == "$101,000"
    assert wages.wage("11-3021").text("p90") == "$297,510"
    assert wages.wage("15-2051", "WY") is None
    json.dumps(out)  # the output is plain JSON


def test_build_wages_refuses_a_value_marked_top_coded(tmp_path, monkeypatch):
    script = _load_script()
    monkeypatch.setattr(script, "soc_codes", lambda: ["15-2051"])
    db = tmp_path / "oews.sqlite"
    flagged = _cell({1: "100", 4: "250000", 15: "239200"}, {15: "5"})
    _oews_sqlite(db, [("OEUS" + "0600000" + "000000" + "113021", *flagged)])
    with pytest.raises(SystemExit) as excinfo:
        script.extract(db, MANIFEST)
    assert "top-coding footnote" in str(excinfo.value)


def test_build_wages_refuses_a_soc_missing_from_the_release(tmp_path, monkeypatch):
    script = _load_script()
    monkeypatch.setattr(script, "soc_codes", lambda: ["15-2051", "15-9999"])
    db = tmp_path / "oews.sqlite"
    _oews_sqlite(db)
    with pytest.raises(SystemExit) as excinfo:
        script.extract(db, {"sources": {}})
    assert "15-9999" in str(excinfo.value)


def test_build_wages_soc_codes_are_in_the_data():
    script = _load_script()
    assert set(script.soc_codes()) <= set(OCC)
