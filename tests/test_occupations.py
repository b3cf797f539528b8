"""The O*NET tier through the command line (issue 15): occupations, show of an occupation,
compare with occupations, gap --all, title and next; listings' occupations; the crosswalk.

Expected values come from the built data files (data/onet/, data/wages.json, data/roles/,
data/crosswalk.yaml) and the issue's words, not from the code under test."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from scriptload import load

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
META = json.loads((DATA / "onet" / "meta.json").read_text(encoding="utf-8"))
INDEX = json.loads((DATA / "onet" / "occupations.json").read_text(encoding="utf-8"))["rows"]
TITLES = {row[0]: row[1] for row in INDEX}
WAGES = json.loads((DATA / "wages.json").read_text(encoding="utf-8"))
ATTRIBUTION = META["attribution"]

ISSUE_TITLE_KEYS = {"title", "matches"}
ISSUE_MATCH_KEYS = {"kind", "id", "soc", "name", "score", "via"}
ISSUE_OCCUPATION_KEYS = {"code", "title", "description", "job_zone", "tasks", "technology",
                         "education", "wages", "related"}  # fmt: skip
ISSUE_TECHNOLOGY_KEYS = {"name", "hot", "in_demand", "skill"}
ISSUE_MOVE_KEYS = {"id", "kind", "name", "fit", "missing", "wage_change", "relatedness"}


def details(code: str) -> dict:
    group = json.loads((DATA / "onet" / "details" / f"{code[:2]}.json").read_text("utf-8"))
    return group[code]


def role(role_id: str) -> dict:
    return yaml.safe_load((DATA / "roles" / f"{role_id}.yaml").read_text(encoding="utf-8"))


def national_median(soc: str) -> int | None:
    occ = WAGES["occupations"].get(soc)
    return None if occ is None else occ[1][WAGES["columns"].index("p50")]


def ok_json(result):
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


# --------------------------------------------------------------------------- occupations


def test_occupations_lists_a_major_group_with_job_zone_and_median(run):
    data = ok_json(run("occupations", "--family", "15", "--format", "json"))
    rows = data["occupations"]
    assert [r["code"] for r in rows] == [c for c in TITLES if c.startswith("15-")]
    for r in rows:
        assert set(r) == {"code", "title", "job_zone", "typical_education", "median_wage"}
        assert r["title"] == TITLES[r["code"]]
    ds = next(r for r in rows if r["code"] == "15-2051.00")
    assert ds["median_wage"] == national_median("15-2051")
    assert ds["job_zone"] == details("15-2051.00")["job_zone"]
    assert data["attribution"] == ATTRIBUTION


def test_occupations_search_matches_title_words(run):
    rows = ok_json(run("occupations", "--search", "nurses", "--format", "json"))["occupations"]
    codes = {r["code"] for r in rows}
    assert "29-1141.00" in codes
    assert all("nurse" in r["title"].lower() for r in rows)
    expected = {c for c, t in TITLES.items() if re.search(r"\bnurses?\b", t, re.I)}
    assert codes == expected


def test_occupations_table_ends_with_the_attribution(run):
    result = run("occupations", "--family", "29-11")
    assert result.exit_code == 0
    assert "Registered Nurses" in result.stdout
    assert " ".join(ATTRIBUTION.split()) in " ".join(result.stdout.split())


def test_occupations_bad_family_is_a_clear_error(run):
    result = run("occupations", "--family", "nurses")
    assert result.exit_code == 1
    assert "--family" in result.stderr and "Traceback" not in result.stderr


# --------------------------------------------------------------------------- show


def test_show_occupation_json_is_the_issues_shape(run):
    data = ok_json(run("show", "15-2051.00", "--format", "json"))
    assert set(data) == {"occupation"}
    occ = data["occupation"]
    assert set(occ) == ISSUE_OCCUPATION_KEYS
    src = details("15-2051.00")
    assert occ["code"] == "15-2051.00" and occ["title"] == "Data Scientists"
    assert occ["description"] == src["description"] and occ["tasks"] == src["tasks"]
    assert occ["job_zone"] == src["job_zone"] and occ["education"] == src["education"]
    assert [t["name"] for t in occ["technology"]] == [t[0] for t in src["technology"]]
    for t, (_, _, hot, demand) in zip(occ["technology"], src["technology"], strict=True):
        assert set(t) == ISSUE_TECHNOLOGY_KEYS
        assert (t["hot"], t["in_demand"]) == (bool(hot), bool(demand))
    python = next(t for t in occ["technology"] if t["name"] == "Python")
    assert python["skill"] == "Python"
    assert occ["wages"]["soc"] == "15-2051" and occ["wages"]["p50"] == national_median("15-2051")
    assert [(r["code"], r["tier"]) for r in occ["related"]] == [tuple(r) for r in src["related"]]
    assert all(r["title"] == TITLES[r["code"]] for r in occ["related"])


@pytest.mark.parametrize("query", ["registered nurse", "Registered Nurses", "29-1141", "RN"])
def test_show_takes_a_code_a_title_or_an_alternate_title(run, query):
    result = run("show", query)
    assert result.exit_code == 0, result.stderr
    assert "Registered Nurses" in result.stdout and "29-1141.00" in result.stdout
    assert " ".join(ATTRIBUTION.split()) in " ".join(result.stdout.split())


def test_show_markdown_of_an_occupation_has_the_attribution(run):
    result = run("show", "29-1141.00", "--format", "markdown")
    assert result.exit_code == 0
    assert "O\\*NET 29.3 Database" in result.stdout  # Markdown escapes the star


def test_show_of_a_role_is_unchanged_by_occupations(run):
    data = ok_json(run("show", "data analyst", "--format", "json"))
    assert data["role"]["id"] == "data-analyst" and data["role"]["kind"] == "role"


def test_show_unknown_code_is_a_clear_error(run):
    result = run("show", "99-9999.00")
    assert result.exit_code == 1
    assert "99-9999.00" in result.stderr and "Traceback" not in result.stderr


def test_show_yaml_of_an_occupation_is_refused(run):
    result = run("show", "29-1141.00", "--format", "yaml")
    assert result.exit_code == 1 and "yaml" in result.stderr


# --------------------------------------------------------------------------- compare


def test_compare_mixes_roles_and_occupations(run):
    data = ok_json(run("compare", "data-analyst", "15-2051.01", "--format", "json"))
    first, second = data["roles"]
    assert (first["id"], first["kind"]) == ("data-analyst", "role")
    assert (second["id"], second["kind"]) == ("15-2051.01", "occupation")
    assert second["name"] == TITLES["15-2051.01"]
    assert second["definition"] == details("15-2051.01")["description"]
    salaries = data["comparison"]["salary"]
    assert salaries[1]["bls"][0]["soc"] == "15-2051"


# --------------------------------------------------------------------------- gap --all


def test_gap_all_ranks_occupations_with_roles(run):
    data = ok_json(
        run("gap", "--skills", "sql, python, tableau, excel", "--all", "--top", "0",
            "--format", "json")
    )  # fmt: skip
    kinds = {r["kind"] for r in data["roles"]}
    assert kinds == {"role", "occupation"}
    fits = [r["fit"] for r in data["roles"]]
    assert fits == sorted(fits, reverse=True)
    assert data["ranked"] == len(data["roles"]) > 29
    occ = next(r for r in data["roles"] if r["kind"] == "occupation")
    role_entry = next(r for r in data["roles"] if r["kind"] == "role")
    assert set(occ) == set(role_entry)
    assert occ["name"] == TITLES[occ["id"]]
    # requirements are taxonomy skills of the occupation's technology (crosswalk)
    crosswalk = json.loads((DATA / "crosswalk.json").read_text(encoding="utf-8"))
    skills = {s for s, _ in crosswalk["occupations"][occ["id"]]}
    assert {g["skill"] for g in occ["missing"]} <= skills
    assert {m["skill"] for m in occ["matched"] if m["how"] in ("exact", "alias")} <= skills


def test_gap_without_all_ranks_roles_only(run):
    data = ok_json(run("gap", "--skills", "sql", "--top", "0", "--format", "json"))
    assert {r["kind"] for r in data["roles"]} == {"role"}


def test_gap_all_table_names_occupations(run):
    result = run("gap", "--skills", "sql, python, r, sas, excel", "--all", "--top", "40")
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    assert "Statisticians (O*NET" in text and "Data Analyst" in text


# --------------------------------------------------------------------------- title


def test_title_json_is_the_issues_shape(run):
    data = ok_json(run("title", "Senior Data Engineer - London - £75,000-£85,000", "-f", "json"))
    assert set(data) == ISSUE_TITLE_KEYS
    assert data["title"] == "Senior Data Engineer - London - £75,000-£85,000"
    assert data["matches"]
    for m in data["matches"]:
        assert set(m) == ISSUE_MATCH_KEYS
        assert m["kind"] in ("role", "occupation")
        assert 0 < m["score"] <= 100
        assert set(m["via"]) == {"kind", "text"}
    best = data["matches"][0]
    assert (best["kind"], best["id"]) == ("role", "senior-data-engineer")
    assert best["via"] == {"kind": "role name", "text": "senior data engineer"}
    assert best["soc"] == "15-1243"  # the role's own O*NET code for data engineers


@pytest.mark.parametrize(
    ("title", "soc"),
    [
        ("Registered Nurse (RN) – ICU – $5,000 Sign-On Bonus", "29-1141"),
        ("Infirmier(ère) de bloc (H/F)", "29-1141"),
        ("Krankenpfleger (m/w/d)", "29-1141"),
        ("Enfermero/a de Urgencias - Turno de Noche", "29-1141"),
        ("Electrician - Commercial - $38/hr", "47-2111"),
        ("Développeur DevOps confirmé", "15-1252"),
    ],
)
def test_title_reads_noise_and_other_languages(run, title, soc):
    # labels from tests/data/title_eval.tsv
    data = ok_json(run("title", title, "--format", "json"))
    assert data["matches"][0]["soc"] == soc, data["matches"][:2]


@pytest.mark.parametrize(
    "title", ["Gas Engineer", "Law Engineer", "QA Engineer - Injection Moulding Plant",
              "AV Engineer", "EV Engineer", "Bid Analyst"],
)  # fmt: skip
def test_the_issues_bad_fallbacks_no_longer_happen(run, title):
    """Issue 15: the fuzzy fallback mapped these to cloud, AI, vision and BI roles."""
    data = ok_json(run("title", title, "--format", "json"))
    assert all(m["kind"] == "occupation" for m in data["matches"])
    assert all(not m["soc"].startswith("15-") for m in data["matches"][:1])


@pytest.mark.parametrize("title", ["Ninja", "Remote - $25/hr", "Engineer", "Intern (m/w/d)"])
def test_title_says_when_nothing_is_close(run, title):
    result = run("title", title, "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"title": title, "matches": []}
    assert "Nothing close" in result.stderr


def test_title_table_shows_what_matched(run):
    result = run("title", "Staff Nurse")
    assert result.exit_code == 0
    assert "Registered Nurses" in result.stdout and "reported title" in result.stdout


# --------------------------------------------------------------------------- next


def test_next_json_is_the_issues_shape(run):
    data = ok_json(run("next", "data-analyst", "--format", "json", "--top", "0"))
    assert set(data) == {"from", "moves"}
    assert data["from"]["id"] == "data-analyst" and data["from"]["kind"] == "role"
    for move in data["moves"]:
        assert set(move) == ISSUE_MOVE_KEYS
        assert move["fit"] is None  # no skills given, none saved
    ids = {m["id"] for m in data["moves"]}
    related_roles = {r["role"] for r in role("data-analyst")["related"]}
    assert related_roles <= ids
    onet_related = {c for code in role("data-analyst")["onet"] for c, _ in details(code)["related"]}
    assert ids - related_roles <= onet_related
    assert (ids - related_roles) == onet_related - set(role("data-analyst")["onet"])


def test_next_with_skills_gives_fits_and_wage_changes(run):
    data = ok_json(run("next", "data-analyst", "--skills", "sql, excel, tableau", "-f", "json"))
    assert data["moves"] and all(isinstance(m["fit"], float) for m in data["moves"])
    bi = next(m for m in data["moves"] if m["id"] == "business-intelligence-analyst")
    assert bi["relatedness"] == "sideways"
    assert data["from"]["median_wage"] == national_median("15-2031")  # the role's first SOC
    for m in data["moves"]:
        if m["kind"] == "occupation" and m["wage_change"] is not None:
            soc = m["id"][:7]
            if soc in WAGES["occupations"]:
                assert m["wage_change"] == national_median(soc) - data["from"]["median_wage"]


def test_next_from_a_title(run):
    data = ok_json(run("next", "--title", "Registered Nurse - ICU", "--format", "json"))
    assert data["from"]["id"] == "29-1141.00"
    tiers = [m["relatedness"] for m in data["moves"]]
    assert tiers[0] == "Primary-Short"


def test_next_needs_a_place_to_start(run):
    result = run("next")
    assert result.exit_code == 1
    assert "--title" in result.stderr and "Traceback" not in result.stderr


def test_next_table_has_the_attribution(run):
    result = run("next", "29-1141.00")
    assert result.exit_code == 0
    assert "O*NET 29.3 Database" in " ".join(result.stdout.split())


# --------------------------------------------------------------------------- listings


@pytest.fixture(scope="module")
def tagger():
    from careercli.catalog import load_catalog
    from careercli.jobs.tagger import Tagger

    return Tagger(load_catalog())


@pytest.mark.parametrize(
    ("title", "role_id", "soc"),
    [
        ("Data Engineer II | Remote (US)", "data-engineer", "15-1243"),
        ("Staff Nurse", None, "29-1141"),
        ("Gas Engineer - Domestic Boilers", None, None),
        ("Barista - Part Time + Tips", None, "35-3023"),
    ],
)
def test_listings_carry_role_soc_and_occupation(tagger, title, role_id, soc):
    from careercli.jobs.model import make_listing

    listing = make_listing({"title": title}, "test", tagger)
    assert listing.role == role_id
    if soc is not None:
        assert listing.soc == soc and listing.occupation.startswith(soc)
    else:
        assert not (listing.soc or "").startswith("15-")
    out = listing.to_dict()
    assert (out["soc"], out["occupation"]) == (listing.soc, listing.occupation)


def test_a_listing_with_a_given_role_takes_that_roles_occupation(tagger):
    from careercli.jobs.model import make_listing

    listing = make_listing({"title": "Anything", "role": "data-scientist"}, "test", tagger)
    assert listing.role == "data-scientist"
    assert listing.occupation == role("data-scientist")["onet"][0]


def test_role_for_never_guesses_fuzzily(tagger):
    """The issue's examples: each got a data/software role from the old fuzzy fallback."""
    for title in ("Gas Engineer", "Law Engineer", "QA Engineer", "AV Engineer", "EV Engineer",
                  "Bid Analyst"):  # fmt: skip
        assert tagger.role_for(title) == (None, None), title


# --------------------------------------------------------------------------- crosswalk


def test_crosswalk_is_built_from_the_current_data():
    script = load("build_crosswalk")
    built = script.build()
    shipped = json.loads((DATA / "crosswalk.json").read_text(encoding="utf-8"))
    shipped.pop("built")
    assert built == shipped, "data/crosswalk.json is stale: run scripts/build_crosswalk.py"


def test_crosswalk_maps_the_issues_examples_and_curated_names():
    names = json.loads((DATA / "crosswalk.json").read_text(encoding="utf-8"))["names"]
    assert names["Microsoft Excel"][0] == "Excel"
    assert names["Amazon Web Services AWS software"][0] == "AWS"
    assert names["Oracle PL/SQL"][0] == "PL/SQL"
    curated = yaml.safe_load((DATA / "crosswalk.yaml").read_text(encoding="utf-8"))
    for name, skill in curated["map"].items():
        if name in names:
            assert names[name] == [skill, "curated"]
    for name in curated["never"]:
        assert name not in names


def test_crosswalk_coverage_is_in_the_readme():
    coverage = json.loads((DATA / "crosswalk.json").read_text(encoding="utf-8"))["coverage"]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for key in ("all", "15"):
        c = coverage[key]
        assert f"{c['rows_mapped']:,} of {c['rows']:,}" in readme, key
        assert f"{c['share']:.1%}" in readme, key


# --------------------------------------------------------------------------- lazy loading

MODULES_AFTER = """
import json, sys
sys.argv = ["careercli", *json.loads(sys.argv[1])]
import careercli.cli
try:
    careercli.cli.main()
except SystemExit:
    pass
print("MODULES=" + json.dumps(sorted(sys.modules)))
"""


@pytest.mark.slow
@pytest.mark.parametrize("args", [["roles"], ["gap", "--skills", "sql"], ["compare"]])
def test_commands_without_occupations_read_no_onet_data(args, isolated_env):
    result = subprocess.run(
        [sys.executable, "-c", MODULES_AFTER, json.dumps(args)],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    line = next(x for x in result.stdout.splitlines() if x.startswith("MODULES="))
    modules = set(json.loads(line.removeprefix("MODULES=")))
    assert "careercli.occupations.titles" not in modules
    assert "careercli.occupations.data" not in modules or args == ["compare"]


def test_next_table_shows_the_first_skills_to_learn_and_counts_the_rest(run):
    args = ("next", "data-analyst", "--skills", "sql, excel, tableau")
    moves = ok_json(run(*args, "-f", "json"))["moves"]
    result = run(*args, "-f", "markdown")
    assert result.exit_code == 0, result.stderr
    out = " ".join(result.stdout.split())
    long = next(m for m in moves if len(m["missing"]) > 4)
    assert f"{', '.join(long['missing'][:4])} (+{len(long['missing']) - 4} more)" in out
    for m in moves:
        if 0 < len(m["missing"]) <= 4:
            assert f"| {', '.join(m['missing'])} |" in out
