"""roles / show / compare / validate through the real Typer app (CliRunner, stdout and stderr apart).

Expected values come from the YAML data files and the issue's words, not from the code under test.
"""

from __future__ import annotations

import json
import re
from importlib import metadata
from pathlib import Path

import pytest
import typer.main
import yaml

from careercli.catalog import load_catalog, validate
from careercli.cli import app
from clihelp import ok_json
from reference import label, load_yaml

DATA = Path(__file__).resolve().parent.parent / "data"
DEFAULT_PAIR = ["data-analyst", "lead-machine-learning-engineer"]
ROLE_KEYS = {
    "id", "name", "track", "level", "definition", "responsibilities", "skills", "education",
    "certifications", "tools", "industries", "outlook", "steps", "related", "sources", "reviewed",
}  # fmt: skip
ANSI = re.compile("\x1b")


_load = load_yaml


ROLES = {p.stem: _load(p) for p in sorted((DATA / "roles").glob("*.yaml"))}
CERTS = {c["name"]: c for c in _load(DATA / "certifications.yaml")["certifications"]}
TRACKS = sorted({d["track"] for d in ROLES.values()})


def flat(text: str) -> str:
    """Table text with borders and line breaks squeezed out, for finding wrapped phrases."""
    text = re.sub(r"[│┃|╭╮╰╯├┤┼┬┴─━═╇╈┡┩]", " ", text)
    return re.sub(r"\s+", " ", text)


def assert_plain_80(result):
    assert result.exit_code == 0, result.stderr
    assert not ANSI.search(result.stdout), "ANSI escape codes in piped output"
    long = [line for line in result.stdout.splitlines() if len(line) > 80]
    assert long == [], f"{len(long)} line(s) wider than 80 columns, e.g. {long[0]!r}"


def skill_names(role_id: str) -> list[str]:
    """Requirement names as the code gives them (a one-of group by its label)."""
    return [label(s) for s in ROLES[role_id]["skills"]]


# --------------------------------------------------------------------------- roles


def test_roles_table_lists_every_role(run):
    result = run("roles")
    assert_plain_80(result)
    out = result.stdout
    for role_id in ROLES:
        # ids longer than the column fold onto the next line; their start is always intact
        assert role_id[:16] in out, role_id
    assert f"{len(ROLES)} roles" in out
    for track in TRACKS:
        assert track in out


def test_roles_json_shape(run):
    data = ok_json(run("roles", "--format", "json"))
    assert list(data) == ["roles"]
    assert sorted(r["id"] for r in data["roles"]) == sorted(ROLES)
    for role in data["roles"]:
        assert set(role) >= ROLE_KEYS, ROLE_KEYS - set(role)
        doc = ROLES[role["id"]]
        assert role["name"] == doc["name"]
        assert role["track"] == doc["track"]
        assert role["level"] == doc["level"]
        assert role["reviewed"] == doc["reviewed"].isoformat()
        assert role["sources"] == doc["sources"]
        assert [s["skill"] for s in role["skills"]] == skill_names(role["id"])
        assert [s["importance"] for s in role["skills"]] == [s["importance"] for s in doc["skills"]]
        assert role["responsibilities"] == doc["responsibilities"]
        assert role["steps"] == doc["steps"]
        assert role["industries"] == doc["industries"]
        assert [r["role"] for r in role["related"]] == [r["role"] for r in doc["related"]]


@pytest.mark.parametrize("track", TRACKS)
def test_roles_track_filter(run, track):
    data = ok_json(run("roles", "--track", track, "--format", "json"))
    expected = sorted(i for i, d in ROLES.items() if d["track"] == track)
    assert sorted(r["id"] for r in data["roles"]) == expected


def test_roles_track_filter_table_and_repeat(run):
    wanted = {"ml", "cloud"}
    expected = [i for i, d in ROLES.items() if d["track"] in wanted]
    result = run("roles", "--track", "ml", "--track", "cloud")
    assert_plain_80(result)
    assert f"{len(expected)} roles" in result.stdout
    data = ok_json(run("roles", "-t", "ml", "-t", "cloud", "-f", "json"))
    assert sorted(r["id"] for r in data["roles"]) == sorted(expected)


def test_roles_unknown_track_is_a_usage_error(run):
    result = run("roles", "--track", "astrology")
    assert result.exit_code == 2
    assert result.stdout == ""


def test_roles_markdown(run):
    result = run("roles", "--format", "markdown")
    assert result.exit_code == 0, result.stderr
    rows = [line for line in result.stdout.splitlines() if line.startswith("|")]
    assert re.fullmatch(r"\|(-+\|)+", rows[1].replace(" ", "")), rows[1]
    body = rows[2:]
    assert len(body) == len(ROLES)
    for role_id, doc in ROLES.items():
        assert any(doc["name"] in row and role_id in row for row in body), role_id
    assert not ANSI.search(result.stdout)


# --------------------------------------------------------------------------- show


def test_show_table(run):
    result = run("show", "data-analyst")
    assert_plain_80(result)
    text = flat(result.stdout)
    doc = ROLES["data-analyst"]
    assert doc["name"] in text
    for title in ("Definition", "Responsibilities", "Skills", "Education", "Certifications"):
        assert title in text
    for title in ("Tools", "Industries", "Outlook", "Sources"):
        assert title in text
    for responsibility in doc["responsibilities"]:
        assert responsibility in text
    for step in doc["steps"]:
        assert step in text
    assert doc["reviewed"].isoformat() in text


def test_show_section_keeps_only_those_sections_in_order(run):
    result = run("show", "data-analyst", "--section", "steps", "-s", "tools")
    assert_plain_80(result)
    text = flat(result.stdout)
    doc = ROLES["data-analyst"]
    assert text.index("First steps") < text.index("Tools")
    for step in doc["steps"]:
        assert step in text
    for gone in ("Definition", "Responsibilities", "Sources", doc["summary"]):
        assert gone not in text
    md = run("show", "data-analyst", "-s", "education", "--format", "markdown").stdout
    titles = [ln.split("|")[1].strip() for ln in md.splitlines() if ln.startswith("|")][2:]
    assert titles == ["Education"]
    assert run("show", "data-analyst", "--section", "horoscope").exit_code == 2


def test_show_gives_the_entry_gates_in_words(run):
    text = flat(run("show", "lead-machine-learning-engineer").stdout)
    gates = ROLES["lead-machine-learning-engineer"]["gates"]
    assert f"typically {gates['years']['typical']:g}+ years of experience" in text


@pytest.mark.parametrize("role_id", sorted(ROLES))
def test_show_every_role_fits_80_columns(run, role_id):
    result = run("show", role_id)
    assert_plain_80(result)
    assert ROLES[role_id]["summary"] in flat(result.stdout)


def test_show_marks_retired_certification_with_its_successor(run, tmp_path):
    # No bundled role lists a retired certification any more (they are replaced by their
    # successors), so a user's own data adds the retired AWS ML Specialty back to the role.
    role = dict(ROLES["lead-machine-learning-engineer"])
    role["certifications"] = [*role["certifications"], "AWS Certified Machine Learning - Specialty"]
    overlay = tmp_path / "overlay"
    (overlay / "roles").mkdir(parents=True)
    (overlay / "roles" / "lead-machine-learning-engineer.yaml").write_text(
        yaml.safe_dump(role, sort_keys=False, allow_unicode=True), encoding="utf-8"
    )
    result = run("--data-dir", str(overlay), "show", "lead-machine-learning-engineer")
    assert_plain_80(result)
    text = flat(result.stdout)
    retired = [c for c in role["certifications"] if CERTS[c]["status"] == "retired"]
    assert retired, "the overlay should name the retired AWS ML Specialty"
    for name in retired:
        assert name in text
        assert CERTS[name]["retired"].isoformat() in text
        for successor in CERTS[name]["replaced_by"]:
            assert successor in text
    assert "retired" in text.lower()


def test_show_json(run):
    data = ok_json(run("show", "lead-machine-learning-engineer", "--format", "json"))
    assert list(data) == ["role"]
    role = data["role"]
    doc = ROLES["lead-machine-learning-engineer"]
    assert set(role) >= ROLE_KEYS
    assert role["id"] == doc["id"]
    assert role["name"] == doc["name"]
    assert role["definition"].split() == doc["definition"].split()
    assert role["education"] == doc["education"]
    assert role["reviewed"] == doc["reviewed"].isoformat()
    assert role["outlook"]["summary"].split() == doc["outlook"]["summary"].split()
    assert len(role["outlook"]["figures"]) == len(doc["outlook"]["figures"])
    assert {k: list(v) for k, v in role["tools"].items()} == doc["tools"]
    # never present a retired certification as current
    certs = role["certifications"]
    assert len(certs) == len(doc["certifications"])
    for entry, name in zip(certs, doc["certifications"], strict=True):
        assert isinstance(entry, dict), "certifications in JSON should carry their status"
        assert entry["name"] == name
        assert entry["status"] == CERTS[name]["status"]


def test_show_markdown(run):
    result = run("show", "data-analyst", "--format", "markdown")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert out.lstrip().startswith("|")
    assert "Data Analyst" in out.splitlines()[0]
    for title in ("Definition", "Responsibilities", "Skills", "Certifications", "Tools", "Outlook"):
        assert f"| {title} |" in out
    assert not ANSI.search(out)


def test_show_yaml_is_the_data_format(run):
    result = run("show", "data-analyst", "--format", "yaml")
    assert result.exit_code == 0, result.stderr
    doc = yaml.safe_load(result.stdout)
    src = ROLES["data-analyst"]
    assert set(doc) == set(src)
    for key in ("id", "name", "aliases", "track", "level", "responsibilities", "education"):
        assert doc[key] == src[key]
    assert doc["certifications"] == src["certifications"]
    assert [s["skill"] for s in doc["skills"]] == skill_names("data-analyst")
    assert doc["reviewed"] == src["reviewed"]


@pytest.mark.parametrize(
    "role_id",
    ["data-analyst", "lead-machine-learning-engineer", "professor-applied-mathematics-ai"],
)
def test_show_yaml_round_trips_through_an_overlay(run, tmp_path, role_id):
    result = run("show", role_id, "--format", "yaml")
    assert result.exit_code == 0, result.stderr
    overlay = tmp_path / "mine"
    (overlay / "roles").mkdir(parents=True)
    (overlay / "roles" / f"{role_id}.yaml").write_text(result.stdout, encoding="utf-8")
    problems, _ = validate(overlay)
    assert [str(p) for p in problems] == []
    assert run("validate", str(overlay)).exit_code == 0
    bundled = load_catalog(None)
    merged = load_catalog(overlay)
    assert merged.role(role_id).to_dict(merged) == bundled.role(role_id).to_dict(bundled)
    assert merged.role(role_id).file != bundled.role(role_id).file
    assert sorted(merged.role_ids) == sorted(bundled.role_ids)


# --------------------------------------------------------------------------- fuzzy resolution


def _alias_owner(alias: str) -> str:
    owners = [
        i for i, d in ROLES.items() if alias.casefold() in {a.casefold() for a in d["aliases"]}
    ]
    assert len(owners) == 1, (alias, owners)
    return owners[0]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("data-analyst", "data-analyst"),
        ("lead-machine-learning-engineer", "lead-machine-learning-engineer"),
        ("Data Analyst", "data-analyst"),
        ("Lead Machine Learning Engineer", "lead-machine-learning-engineer"),
        ("  DATA   ANALYST ", "data-analyst"),
        ("MLE", _alias_owner("MLE")),
        ("ml engineer", _alias_owner("ml engineer")),
        ("data analist", "data-analyst"),
        ("data scientst", "data-scientist"),
        ("Professor of Applied Mathematics & AI", "professor-applied-mathematics-ai"),
    ],
)
def test_role_resolution(run, query, expected):
    assert ok_json(run("show", query, "--format", "json"))["role"]["id"] == expected


@pytest.mark.parametrize(
    "query",
    ["machine learning enginer", "machne learning engineer"],
)
def test_one_letter_typo_of_a_role_name_resolves(run, query):
    # "Role arguments resolve by ... typo": one edit away from "Machine Learning Engineer"
    # and further from every other role name or alias.
    result = run("show", query, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["role"]["id"] == "machine-learning-engineer"


def test_aliases_resolve_in_compare(run):
    data = ok_json(run("compare", "data analist", "MLE", "--format", "json"))
    assert [r["id"] for r in data["roles"]] == ["data-analyst", _alias_owner("MLE")]


@pytest.mark.parametrize("args", [("show", "xyzzy"), ("compare", "data-analyst", "xyzzy")])
def test_unknown_role(run, args):
    result = run(*args)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "xyzzy" in result.stderr
    assert "did you mean" in result.stderr.lower() or "careercli roles" in result.stderr
    assert "Traceback" not in result.stderr


def test_ambiguous_role_lists_candidates(run):
    # "scientist" is part of several role names and none in particular
    candidates = [i for i, d in ROLES.items() if "scientist" in d["name"].lower()]
    assert len(candidates) >= 2
    result = run("show", "scientist")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "did you mean" in result.stderr.lower()
    assert sum(c in result.stderr for c in candidates) >= 2


def test_typo_suggests_the_intended_role(run):
    result = run("show", "xyzzy analyst")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "data-analyst" in result.stderr or "Data Analyst" in result.stderr


# --------------------------------------------------------------------------- compare


def test_compare_default_is_data_analyst_vs_lead_mle(run):
    data = ok_json(run("compare", "--format", "json"))
    assert [r["id"] for r in data["roles"]] == DEFAULT_PAIR
    result = run("compare")
    assert_plain_80(result)
    text = flat(result.stdout)
    assert "Data Analyst" in text
    assert "Lead Machine Learning" in text
    assert "required skills shared" in text
    # The default table is a summary; --full shows every section.
    assert "Responsibilities" not in text and "Skills in common" not in text
    assert "--full" in text
    assert len(result.stdout.splitlines()) < 60
    full = run("compare", "--full")
    assert_plain_80(full)
    full_text = flat(full.stdout)
    assert "Responsibilities" in full_text and "Skills in common" in full_text
    assert len(full.stdout.splitlines()) > len(result.stdout.splitlines())


def _expected_comparison(ids: list[str]) -> tuple[set[str], list[tuple[list[str], int]]]:
    """Skills every role names; and per pair, the required skills both ask for and how many
    required skills either asks for."""
    sets = [set(skill_names(i)) for i in ids]
    common = set.intersection(*sets)
    pairs = []
    for n, a in enumerate(ids):
        for b in ids[n + 1 :]:
            ra = [label(r) for r in ROLES[a]["skills"] if r["importance"] == "required"]
            rb = {label(r) for r in ROLES[b]["skills"] if r["importance"] == "required"}
            pairs.append(([s for s in ra if s in rb], len(set(ra) | rb)))
    return common, pairs


@pytest.mark.parametrize(
    "ids",
    [
        DEFAULT_PAIR,
        ["data-scientist", "machine-learning-engineer"],
        ["data-analyst", "data-scientist", "statistician"],
        ["data-engineer", "analytics-engineer", "data-architect", "database-administrator"],
    ],
    ids=len,
)
def test_compare_json_two_to_four_roles(run, ids):
    data = ok_json(run("compare", *ids, "--format", "json"))
    assert [r["id"] for r in data["roles"]] == ids
    for role in data["roles"]:
        assert set(role) >= ROLE_KEYS
    comparison = data["comparison"]
    common, pairs = _expected_comparison(ids)
    assert set(comparison["skills_in_common"]) == common
    assert len(comparison["skills_in_common"]) == len(common)
    assert len(comparison["pairs"]) == len(ids) * (len(ids) - 1) // 2
    for got, (shared, of) in zip(comparison["pairs"], pairs, strict=True):
        assert got["shared_required"] == shared and got["shared"] == len(shared)
        assert got["of"] == of and 0 <= got["shared"] <= got["of"]


@pytest.mark.parametrize("n", [2, 3, 4])
def test_compare_table_fits_80_columns(run, n):
    ids = ["data-analyst", "lead-machine-learning-engineer", "statistician", "data-engineer"][:n]
    result = run("compare", *ids)
    assert_plain_80(result)
    text = flat(result.stdout)
    # the row titles may wrap in a narrow first column; the pairwise line is always there
    assert "required skills shared" in text
    assert "Statistician" in text if n >= 3 else "Statistician" not in text


def test_compare_markdown_has_a_row_per_section_and_the_common_rows(run):
    result = run("compare", "--format", "markdown")
    assert result.exit_code == 0, result.stderr
    rows = [line for line in result.stdout.splitlines() if line.startswith("|")]
    header = rows[0]
    assert "Data Analyst" in header and "Lead Machine Learning Engineer" in header
    titles = [row.split("|")[1].strip() for row in rows[2:]]
    for title in ("Definition", "Responsibilities", "Skills", "Education", "Certifications",
                  "Tools", "Industries", "Outlook", "Skills in common"):  # fmt: skip
        assert title in titles, titles
    common, pairs = _expected_comparison(DEFAULT_PAIR)
    common_row = rows[2 + titles.index("Skills in common")]
    for skill in common:
        assert skill in common_row
    ((shared, of),) = pairs
    assert f"{len(shared)} of {of} required skills shared" in common_row


def test_compare_section_filter(run):
    result = run("compare", "--section", "skills", "--section", "tools", "--format", "markdown")
    assert result.exit_code == 0, result.stderr
    rows = [line for line in result.stdout.splitlines() if line.startswith("|")]
    titles = [row.split("|")[1].strip() for row in rows[2:]]
    assert titles == ["Skills", "Tools"]
    table = run("compare", "-s", "common")
    assert_plain_80(table)
    text = flat(table.stdout)
    assert "Skills in common" in text
    assert "Definition" not in text and "Responsibilities" not in text


def test_compare_unknown_section_is_a_usage_error(run):
    result = run("compare", "--section", "horoscope")
    assert result.exit_code == 2
    assert result.stdout == ""


@pytest.mark.parametrize(
    "ids",
    [
        ["data-analyst"],
        ["data-analyst", "data-scientist", "statistician", "data-engineer", "business-analyst"],
    ],
    ids=["one", "five"],
)
def test_compare_needs_two_to_four_roles(run, ids):
    for fmt in ("table", "json"):
        result = run("compare", *ids, "--format", fmt)
        assert result.exit_code == 1
        assert result.stdout == ""
        assert "Error" in result.stderr or "error" in result.stderr
        assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "ids",
    [["data-analyst", "data-analyst"], ["data-analyst", "Data Analyst"], ["MLE", "ml engineer"]],
    ids=["same-id", "id-and-name", "two-aliases"],
)
def test_compare_role_named_twice(run, ids):
    result = run("compare", *ids, "--format", "json")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.strip()


# --------------------------------------------------------------------------- formats, help


@pytest.mark.parametrize(
    "args",
    [("roles",), ("show", "data-analyst"), ("compare",), ("validate",)],
    ids=lambda a: a[0],
)
def test_invalid_format_is_a_usage_error(run, args):
    result = run(*args, "--format", "xml")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "xml" in result.stderr


def test_no_arguments_shows_help(run):
    result = run()
    # Click treats a missing command as a usage error (exit 2) and prints the help
    assert result.exit_code in (0, 2)
    out = result.stdout + result.stderr
    assert "Usage" in out
    for command in ("roles", "show", "compare", "validate"):
        assert command in out
    assert "Example" in out
    assert "Traceback" not in out


def _command_names() -> list[str]:
    group = typer.main.get_command(app)
    return sorted(group.commands)


def test_the_issue_commands_exist():
    assert {"roles", "show", "compare", "validate"} <= set(_command_names())


@pytest.mark.parametrize("flag", ["--help", "-h"])
@pytest.mark.parametrize("command", [None, *_command_names()])
def test_every_command_help_has_an_example(run, command, flag):
    result = run(flag) if command is None else run(command, flag)
    assert result.exit_code == 0
    assert "Usage" in result.stdout
    assert "Example" in result.stdout
    assert "careercli" in result.stdout.split("Example", 1)[1]


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version(run, flag):
    result = run(flag)
    assert result.exit_code == 0
    assert result.stdout.strip() == f"careercli {metadata.version('careercli')}"
    assert result.stderr == ""


# --------------------------------------------------------------------------- plain output


@pytest.mark.parametrize(
    "args",
    [("roles",), ("show", "mle"), ("compare",), ("validate",)],
    ids=lambda a: a[0],
)
def test_tables_plain_with_no_color(run, args):
    result = run(*args, env={"NO_COLOR": "1"})
    assert_plain_80(result)


def test_validate_bundled_catalog(run):
    result = run("validate")
    assert_plain_80(result)
    assert "OK" in result.stdout
    data = ok_json(run("validate", "--format", "json"))
    assert data["valid"] is True
    assert data["problems"] == []
    assert data["counts"]["roles"] == len(ROLES)
    assert data["counts"]["certifications"] == len(CERTS)
