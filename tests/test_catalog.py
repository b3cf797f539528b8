"""The loader and validator: every problem kind names its file, field and line.

Each test writes a small overlay folder (the layout of data/) under tmp_path and checks the
problem three ways: `validate(overlay)`, `load_catalog(overlay)` (which must refuse) and
`careercli validate DIR --format json`.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import yaml

from careercli.catalog import load_catalog, validate
from careercli.errors import CareerError

DATA = Path(__file__).resolve().parent.parent / "data"
ROLE_ID = "overlay-test-role"


def _first_certification() -> str:
    doc = yaml.safe_load((DATA / "certifications.yaml").read_text(encoding="utf-8"))
    return next(c["name"] for c in doc["certifications"] if c["status"] == "current")


CERT = _first_certification()

ROLE_TEMPLATE = """\
id: @ID@
name: Overlay Test Role
aliases: [overlay tester]
track: analytics
level: mid
summary: A role written by the test suite.
definition: >-
  A role the test suite writes to exercise the loader and its
  problem reports.
responsibilities:
  - Write queries.
  - Explain results.
skills:
  - {skill: SQL, importance: required}
  - {skill: Python, importance: required, weight: 4}
  - {skill: communication, importance: nice-to-have}
education:
  - A degree in a quantitative field.
certifications:
  - "@CERT@"
tools:
  Databases: [SQL]
  Languages: [Python]
industries:
  - Retail
  - Healthcare
outlook:
  summary: Steady demand.
  figures:
    - metric: Projected employment growth
      value: 10%
      period: 2024-2034
      soc: 15-2051
      source: Test fixture
steps:
  - Learn SQL.
related:
  - {role: data-analyst, relation: sideways}
soc: [15-2051]
sources:
  - Test fixture
reviewed: 2026-01-01
"""


def role_text(role_id: str = ROLE_ID) -> str:
    return ROLE_TEMPLATE.replace("@ID@", role_id).replace("@CERT@", CERT)


def mutate(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"fixture text {old!r} must occur exactly once"
    return text.replace(old, new)


def line_of(text: str, needle: str, nth: int = 1) -> int:
    """1-based line of the nth line containing needle, in the fixture text we wrote."""
    hits = [n for n, line in enumerate(text.splitlines(), 1) if needle in line]
    assert len(hits) >= nth, f"{needle!r} not in the fixture text"
    return hits[nth - 1]


def write_overlay(root: Path, roles: dict[str, str | bytes]) -> Path:
    (root / "roles").mkdir(parents=True, exist_ok=True)
    for name, content in roles.items():
        path = root / "roles" / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def write_role(root: Path, content: str | bytes) -> Path:
    """The test role's file, roles/ROLE_ID.yaml in the overlay `root`; returns its path."""
    file = root / "roles" / f"{ROLE_ID}.yaml"
    write_overlay(root, {file.name: content})
    return file


@pytest.fixture
def overlay(tmp_path):
    return tmp_path / "overlay"


def _same_file(a: str, b: Path) -> bool:
    return Path(a).resolve() == b.resolve()


def assert_problem(run, folder: Path, file: Path, field: str | None, line: int, *words: str):
    """The problem is reported by validate(), load_catalog() and `careercli validate`."""
    problems, _ = validate(folder)
    hits = [p for p in problems if _same_file(p.file, file) and p.line == line]
    if field is not None:
        hits = [p for p in hits if p.field == field]
    assert hits, (
        f"no problem at {file.name}:{line} field {field!r}; got {[str(p) for p in problems]}"
    )
    text = " ".join(f"{p.field} {p.message}" for p in hits).lower()
    for word in words:
        assert word.lower() in text, f"{word!r} not in {text!r}"

    with pytest.raises(CareerError) as err:
        load_catalog(folder)
    assert f"{file}:{line}" in str(err.value)

    result = run("validate", str(folder), "--format", "json")
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    assert report["valid"] is False
    assert any(
        _same_file(p["file"], file) and p["line"] == line and (field is None or p["field"] == field)
        for p in report["problems"]
    ), report["problems"]


# --------------------------------------------------------------------------- a valid overlay


def test_the_fixture_role_is_valid(overlay, run):
    write_overlay(overlay, {f"{ROLE_ID}.yaml": role_text()})
    problems, counts = validate(overlay)
    assert problems == []
    bundled_roles = len(list((DATA / "roles").glob("*.yaml")))
    assert counts["roles"] == bundled_roles + 1
    result = run("validate", str(overlay))
    assert result.exit_code == 0, result.output
    assert "OK" in result.stdout


# --------------------------------------------------------------------------- one test per kind


def test_unknown_key(overlay, run):
    text = mutate(role_text(), "level: mid\n", "level: mid\nsalary: 100000\n")
    file = write_role(overlay, text)
    assert_problem(run, overlay, file, "salary", line_of(text, "salary:"), "unknown key")


def test_unknown_key_nested(overlay, run):
    text = mutate(
        role_text(),
        "  - {skill: SQL, importance: required}",
        "  - {skill: SQL, importance: required, level: expert}",
    )
    file = write_role(overlay, text)
    line = line_of(text, "level: expert")
    assert_problem(run, overlay, file, "skills[0].level", line, "unknown key")


@pytest.mark.parametrize(
    ("old", "new", "field", "line_needle"),
    [
        (
            "  - {skill: communication, importance: nice-to-have}",
            "  - {skill: communication}",
            "skills[2].importance",
            "{skill: communication}",
        ),
        (
            "      period: 2024-2034\n",
            "",
            "outlook.figures[0].period",
            "- metric: Projected",
        ),
        # A top-level key is missing from the mapping that starts on line 1.
        (
            "definition: >-\n  A role the test suite writes to exercise the loader and its\n"
            "  problem reports.\n",
            "",
            "definition",
            None,
        ),
    ],
    ids=["skill-importance", "outlook-figure-period", "top-level-definition"],
)
def test_missing_key(overlay, run, old, new, field, line_needle):
    text = mutate(role_text(), old, new)
    file = write_role(overlay, text)
    line = 1 if line_needle is None else line_of(text, line_needle)
    assert_problem(run, overlay, file, field, line, "missing")


@pytest.mark.parametrize(
    ("old", "new", "field", "needle", "word"),
    [
        (
            "responsibilities:\n  - Write queries.\n  - Explain results.\n",
            "responsibilities: Write queries and explain results.\n",
            "responsibilities",
            "responsibilities:",
            "list",
        ),
        ("name: Overlay Test Role", "name: [Overlay, Test]", "name", "name:", "text"),
        ("weight: 4", "weight: four", "skills[1].weight", "weight: four", "number"),
        ("reviewed: 2026-01-01", "reviewed: last spring", "reviewed", "reviewed:", "date"),
        ("  Databases: [SQL]", "  Databases: SQL", "tools.Databases", "Databases: SQL", "list"),
    ],
    ids=["list-as-text", "text-as-list", "weight-not-number", "date", "tools-not-list"],
)
def test_wrong_type(overlay, run, old, new, field, needle, word):
    text = mutate(role_text(), old, new)
    file = write_role(overlay, text)
    assert_problem(run, overlay, file, field, line_of(text, needle), word)


@pytest.mark.parametrize(
    ("old", "new", "field", "needle"),
    [
        (
            "responsibilities:\n  - Write queries.\n  - Explain results.\n",
            "responsibilities: []\n",
            "responsibilities",
            "responsibilities:",
        ),
        (
            "skills:\n  - {skill: SQL, importance: required}\n"
            "  - {skill: Python, importance: required, weight: 4}\n"
            "  - {skill: communication, importance: nice-to-have}\n",
            "skills: []\n",
            "skills",
            "skills:",
        ),
        (
            "education:\n  - A degree in a quantitative field.\n",
            "education: []\n",
            "education",
            "education:",
        ),
        ("tools:\n  Databases: [SQL]\n  Languages: [Python]\n", "tools: {}\n", "tools", "tools:"),
        (
            "industries:\n  - Retail\n  - Healthcare\n",
            "industries: []\n",
            "industries",
            "industries:",
        ),
        ("steps:\n  - Learn SQL.\n", "steps: []\n", "steps", "steps:"),
        ("sources:\n  - Test fixture\n", "sources: []\n", "sources", "sources:"),
        ("soc: [15-2051]", "soc: []", "soc", "soc: []"),
        ("  Databases: [SQL]", "  Databases: []", "tools.Databases", "Databases:"),
    ],
    ids=[
        "responsibilities",
        "skills",
        "education",
        "tools",
        "industries",
        "steps",
        "sources",
        "soc",
        "tool-category",
    ],
)
def test_empty_required_section(overlay, run, old, new, field, needle):
    text = mutate(role_text(), old, new)
    file = write_role(overlay, text)
    assert_problem(run, overlay, file, field, line_of(text, needle), "empty")


def test_duplicate_role_id(overlay, run):
    # Two files with the same stem give two roles with the same id in one folder.
    text = role_text()
    first = overlay / "roles" / f"{ROLE_ID}.yaml"
    second = overlay / "roles" / f"{ROLE_ID}.yml"
    write_overlay(overlay, {first.name: text, second.name: text})
    assert_problem(run, overlay, second, "id", line_of(text, "id:"), "duplicate", ROLE_ID)


@pytest.mark.parametrize(
    ("old", "new", "field", "needle", "nth"),
    [
        (
            "name: Overlay Test Role\n",
            "name: Overlay Test Role\nname: Another Name\n",
            "name",
            "name:",
            2,
        ),
        (
            "  summary: Steady demand.\n",
            "  summary: Steady demand.\n  summary: Strong demand.\n",
            "outlook.summary",
            "  summary:",
            2,
        ),
    ],
    ids=["top-level", "nested"],
)
def test_duplicate_mapping_key(overlay, run, old, new, field, needle, nth):
    text = mutate(role_text(), old, new)
    file = write_role(overlay, text)
    assert_problem(run, overlay, file, field, line_of(text, needle, nth), "duplicate")


@pytest.mark.parametrize(
    ("old", "new", "field", "needle", "word"),
    [
        (
            "{skill: Python,",
            "{skill: Pythonesque Wizardry,",
            "skills[1].skill",
            "Pythonesque",
            "unknown skill",
        ),
        (
            "  Languages: [Python]",
            "  Languages: [Python, Quantum Abacus]",
            "tools.Languages[1]",
            "Quantum Abacus",
            "unknown skill",
        ),
        (
            f'  - "{CERT}"',
            '  - "Certified Imaginary Practitioner"',
            "certifications[0]",
            "Imaginary",
            "unknown certification",
        ),
        (
            "{role: data-analyst,",
            "{role: chief-dreamer,",
            "related[0].role",
            "chief-dreamer",
            "unknown role",
        ),
    ],
    ids=["skill", "tool", "certification", "related-role"],
)
def test_unknown_reference(overlay, run, old, new, field, needle, word):
    text = mutate(role_text(), old, new)
    file = write_role(overlay, text)
    assert_problem(run, overlay, file, field, line_of(text, needle), word)


@pytest.mark.parametrize(
    ("old", "new", "field", "needle"),
    [
        ("track: analytics", "track: astrology", "track", "track:"),
        ("level: mid", "level: grand-wizard", "level", "level:"),
        ("importance: nice-to-have}", "importance: optional}", "skills[2].importance", "optional"),
        ("relation: sideways}", "relation: diagonal}", "related[0].relation", "diagonal"),
    ],
    ids=["track", "level", "importance", "relation"],
)
def test_bad_enum_value(overlay, run, old, new, field, needle):
    text = mutate(role_text(), old, new)
    file = write_role(overlay, text)
    bad = new.split(": ")[-1].rstrip("}")
    assert_problem(run, overlay, file, field, line_of(text, needle), "one of", bad)


def test_id_not_matching_file_name(overlay, run):
    text = role_text()
    file = overlay / "roles" / "some-other-name.yaml"
    write_overlay(overlay, {file.name: text})
    assert_problem(run, overlay, file, "id", line_of(text, "id:"), "some-other-name")


def test_non_utf8_bytes(overlay, run):
    text = role_text()
    raw = mutate(text, "  - Healthcare", "  - Health\xffcare").encode("latin-1")
    file = write_role(overlay, raw)
    assert_problem(run, overlay, file, None, line_of(text, "Healthcare"), "utf-8")


@pytest.mark.parametrize(
    ("old", "new", "needle"),
    [
        # a continuation line that looks like a key: "mapping values are not allowed here"
        ("name: Overlay Test Role\n", "name: Overlay Test Role\n  track: ml\n", "  track: ml"),
        ("soc: [15-2051]", "soc: [15-2051", "sources:"),
    ],
    ids=["stray-mapping", "unclosed-bracket"],
)
def test_yaml_syntax_error(overlay, run, old, new, needle):
    text = mutate(role_text(), old, new)
    file = write_role(overlay, text)
    line = line_of(text, needle)
    problems, _ = validate(overlay)
    mine = [p for p in problems if _same_file(p.file, file)]
    assert len(mine) == 1, [str(p) for p in problems]
    # libyaml reports the unclosed bracket where it gives up: the broken line or the next one
    assert mine[0].line in {line - 1, line}, str(mine[0])
    assert "yaml" in mine[0].message.lower()
    assert_problem(run, overlay, file, None, mine[0].line, "yaml")


def test_file_is_a_list_not_a_mapping(overlay, run):
    text = "- id: overlay-test-role\n- name: Overlay Test Role\n"
    file = write_role(overlay, text)
    assert_problem(run, overlay, file, "", 1, "mapping", "list")


@pytest.mark.parametrize(
    ("edits", "anchor", "alias"),
    [
        (
            [
                ("industries:\n", "industries: &places\n"),
                ("steps:\n  - Learn SQL.\n", "steps: *places\n"),
            ],
            "&places",
            "*places",
        ),
        (
            [
                (
                    "  - {skill: SQL, importance: required}",
                    "  - &req {skill: SQL, importance: required}",
                ),
                (
                    "  - {skill: Python, importance: required, weight: 4}",
                    "  - {<<: *req, skill: Python, weight: 4}",
                ),
            ],
            "&req",
            "*req",
        ),
    ],
    ids=["alias", "merge-key"],
)
def test_anchors_and_aliases_rejected(overlay, run, edits, anchor, alias):
    text = role_text()
    for old, new in edits:
        text = mutate(text, old, new)
    # the same document is perfectly valid YAML for a plain safe loader
    assert isinstance(yaml.safe_load(text), dict)
    file = write_role(overlay, text)
    problems, _ = validate(overlay)
    mine = [p for p in problems if _same_file(p.file, file)]
    assert mine, "anchors/aliases were accepted"
    assert mine[0].line in {line_of(text, anchor), line_of(text, alias)}, str(mine[0])
    assert_problem(run, overlay, file, None, mine[0].line, "alias")


def test_every_problem_is_listed_not_only_the_first(overlay, run):
    bad_enum = mutate(role_text("second-role"), "track: analytics", "track: astrology")
    bad_enum = mutate(bad_enum, "name: Overlay Test Role", "name: Second Role")
    bad_enum = mutate(bad_enum, "aliases: [overlay tester]", "aliases: []")
    unknown = mutate(role_text(), "level: mid\n", "level: mid\nsalary: 1\n")
    write_overlay(overlay, {f"{ROLE_ID}.yaml": unknown, "second-role.yaml": bad_enum})
    problems, _ = validate(overlay)
    files = {Path(p.file).name for p in problems}
    assert files == {f"{ROLE_ID}.yaml", "second-role.yaml"}, [str(p) for p in problems]


def test_validate_table_prints_file_line_field(tmp_path, run, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = mutate(role_text(), "{skill: Python,", "{skill: Pythonesque,")
    write_overlay(tmp_path / "ov", {f"{ROLE_ID}.yaml": text})
    result = run("validate", "ov")
    assert result.exit_code == 1
    line = line_of(text, "Pythonesque")
    assert f"ov/roles/{ROLE_ID}.yaml:{line}: skills[1].skill:" in result.stdout
    assert "Traceback" not in result.output


def test_validate_missing_folder_exits_1(tmp_path, run):
    result = run("validate", str(tmp_path / "nowhere"))
    assert result.exit_code == 1
    assert "nowhere" in result.stderr
    assert result.stdout == ""


# --------------------------------------------------------------------------- overlay semantics


def test_overlay_role_with_existing_id_replaces_bundled(overlay):
    bundled = load_catalog(None)
    text = mutate(role_text("data-analyst"), "name: Overlay Test Role", "name: Data Analyst (mine)")
    text = mutate(text, "aliases: [overlay tester]", "aliases: []")
    text = mutate(
        text,
        "{role: data-analyst, relation: sideways}",
        "{role: data-scientist, relation: sideways}",
    )
    write_overlay(overlay, {"data-analyst.yaml": text})
    assert validate(overlay)[0] == []
    merged = load_catalog(overlay)
    assert sorted(merged.role_ids) == sorted(bundled.role_ids)
    role = merged.role("data-analyst")
    assert role.name == "Data Analyst (mine)"
    assert role.summary == "A role written by the test suite."
    assert [r.skill for r in role.skills] == ["SQL", "Python", "communication"]
    assert bundled.role("data-analyst").name != role.name


def test_overlay_role_with_new_id_adds_one(overlay, run):
    bundled = load_catalog(None)
    write_overlay(overlay, {f"{ROLE_ID}.yaml": role_text()})
    merged = load_catalog(overlay)
    assert sorted(merged.role_ids) == sorted([*bundled.role_ids, ROLE_ID])
    assert merged.role(ROLE_ID).name == "Overlay Test Role"
    assert merged.find_role("overlay tester").id == ROLE_ID

    result = run("--data-dir", str(overlay), "show", ROLE_ID, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["role"]["name"] == "Overlay Test Role"
    result = run("roles", "--format", "json", env={"CAREERCLI_DATA_DIR": str(overlay)})
    assert ROLE_ID in [r["id"] for r in json.loads(result.stdout)["roles"]]


# --------------------------------------------------------------------------- compiled cache


@pytest.fixture
def compile_spy(monkeypatch):
    calls: list[int] = []
    from careercli.catalog import compiler

    real = compiler.compile_sources

    def spy(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(compiler, "compile_sources", spy)
    return calls


def _cache_files() -> list[Path]:
    folder = Path(os.environ["CAREERCLI_CACHE_DIR"])
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def test_cache_is_written_to_cache_dir_and_reused(compile_spy):
    assert _cache_files() == []
    first = load_catalog(None)
    files = _cache_files()
    assert files, "no compiled cache in $CAREERCLI_CACHE_DIR"
    stamps = {p: p.stat().st_mtime_ns for p in files}
    assert len(compile_spy) == 1
    second = load_catalog(None)
    assert len(compile_spy) == 1, "the second load compiled the YAML again"
    assert {p: p.stat().st_mtime_ns for p in _cache_files()} == stamps
    assert second.role_ids == first.role_ids
    assert second.role("data-analyst") == first.role("data-analyst")


def test_cache_rebuilt_when_a_file_is_modified(overlay, compile_spy):
    path = write_role(overlay, role_text())
    assert load_catalog(overlay).role(ROLE_ID).summary == "A role written by the test suite."
    load_catalog(overlay)
    assert len(compile_spy) == 1
    path.write_text(
        mutate(role_text(), "summary: A role written by the test suite.", "summary: Changed."),
        encoding="utf-8",
    )
    assert load_catalog(overlay).role(ROLE_ID).summary == "Changed."
    assert len(compile_spy) == 2


def test_cache_rebuilt_when_a_file_is_touched(overlay, compile_spy):
    path = write_role(overlay, role_text())
    load_catalog(overlay)
    load_catalog(overlay)
    assert len(compile_spy) == 1
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))
    load_catalog(overlay)
    assert len(compile_spy) == 2


def test_cache_rebuilt_when_an_overlay_file_is_added_or_removed(overlay, compile_spy):
    write_overlay(overlay, {f"{ROLE_ID}.yaml": role_text()})
    assert load_catalog(overlay).has_role(ROLE_ID)
    (overlay / "roles" / f"{ROLE_ID}.yaml").unlink()
    assert not load_catalog(overlay).has_role(ROLE_ID)
    assert len(compile_spy) == 2


def test_overlay_that_becomes_invalid_is_not_served_from_cache(overlay):
    path = write_role(overlay, role_text())
    load_catalog(overlay)
    path.write_text(mutate(role_text(), "track: analytics", "track: astrology"), encoding="utf-8")
    with pytest.raises(CareerError) as err:
        load_catalog(overlay)
    assert f"{path}:{line_of(role_text(), 'track:')}" in str(err.value)


@pytest.mark.parametrize(
    "garbage",
    [b"this is not a cache", b"", b"\x00\xff" * 64, "truncate"],
    ids=["text", "empty", "binary", "truncated"],
)
def test_cache_rebuilt_when_corrupt(compile_spy, garbage):
    expected = load_catalog(None).role_ids
    files = _cache_files()
    assert files
    for p in files:
        blob = p.read_bytes()
        p.write_bytes(blob[: len(blob) // 2] if garbage == "truncate" else garbage)
    again = load_catalog(None)
    assert again.role_ids == expected
    assert again.role("lead-machine-learning-engineer").name == "Lead Machine Learning Engineer"
    assert len(compile_spy) == 2
    load_catalog(None)
    assert len(compile_spy) == 2, "the rebuilt cache was not written back"


def test_corrupt_cache_under_the_cli(run):
    assert run("roles", "--format", "json").exit_code == 0
    for p in _cache_files():
        p.write_bytes(b"garbage")
    result = run("roles", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert len(json.loads(result.stdout)["roles"]) == len(list((DATA / "roles").glob("*.yaml")))


# --------------------------------------------------------------------------- invalid overlay, CLI


@pytest.mark.parametrize(
    "args",
    [
        ("roles",),
        ("roles", "--format", "json"),
        ("show", "data-analyst"),
        ("show", "data-analyst", "--format", "json"),
        ("show", "data-analyst", "--format", "yaml"),
        ("compare",),
        ("compare", "--format", "json"),
        ("compare", "data-scientist", "data-engineer", "--format", "markdown"),
    ],
    ids=" ".join,
)
@pytest.mark.parametrize("how", ["option", "env"])
def test_invalid_overlay_fails_every_catalog_command(overlay, run, args, how):
    text = mutate(role_text(), "{skill: Python,", "{skill: Pythonesque Wizardry,")
    file = write_role(overlay, text)
    if how == "option":
        result = run("--data-dir", str(overlay), *args)
    else:
        result = run(*args, env={"CAREERCLI_DATA_DIR": str(overlay)})
    assert result.exit_code == 1
    assert result.stdout == ""
    assert f"{file}:{line_of(text, 'Pythonesque')}" in result.stderr
    assert "skills[1].skill" in result.stderr
    assert "Traceback" not in result.stderr
