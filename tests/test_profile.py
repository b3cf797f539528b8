"""The saved profile (issue 5): profile set/add/remove/show/clear, the fallbacks in gap, jobs,
plan and salary, corrupt files, atomic writes and an unwritable config folder.

Expected values come from data/skills.yaml, data/roles/, data/wages.json and the inputs the
tests type, never from the code under test.
"""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest
import yaml

from clihelp import ok, ok_json, refused
from reference import load_yaml, options

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


_load = load_yaml


TAXONOMY = _load(DATA / "skills.yaml")["skills"]
SKILL_NAMES = {s["name"] for s in TAXONOMY}
ALIAS_OF = {a.casefold(): s["name"] for s in TAXONOMY for a in s.get("aliases") or []}
ROLES = {p.stem: _load(p) for p in sorted((DATA / "roles").glob("*.yaml"))}
WAGES = json.loads((DATA / "wages.json").read_text(encoding="utf-8"))
STATES = set(WAGES["states"])


def role_with_alias(alias: str) -> str:
    owners = [i for i, r in ROLES.items() if alias.casefold() in map(str.casefold, r["aliases"])]
    assert len(owners) == 1, (alias, owners)
    return owners[0]


def config_dir() -> Path:
    return Path(os.environ["CAREERCLI_CONFIG_DIR"])


def profile_file() -> Path:
    return config_dir() / "profile.yaml"


def saved() -> dict:
    return yaml.safe_load(profile_file().read_text(encoding="utf-8"))


def notes_stay_off_stdout(result) -> None:
    for line in result.stderr.splitlines():
        if line.strip():
            assert line.strip() not in result.stdout


# Inputs whose reading is known from the taxonomy: an exact name in another case, an alias, a
# one-letter transposition, and a word that is no skill at all.
ALIAS_INPUT = "k8s"
TYPO_INPUT, TYPO_SKILL = "pyhton", "Python"
UNKNOWN_INPUT = "cooking"
TYPED = ["Sql", ALIAS_INPUT, TYPO_INPUT, UNKNOWN_INPUT]


def test_fixture_inputs_mean_what_the_tests_assume():
    assert "SQL" in SKILL_NAMES and "sql" != "Sql"
    assert ALIAS_INPUT in ALIAS_OF
    assert TYPO_SKILL in SKILL_NAMES and TYPO_INPUT not in ALIAS_OF
    assert UNKNOWN_INPUT not in ALIAS_OF
    assert UNKNOWN_INPUT not in {n.casefold() for n in SKILL_NAMES}


# --------------------------------------------------------------------------- set / show


def test_set_stores_skills_as_typed(run):
    ok(run("profile", "set", "--skills", ", ".join(TYPED)))
    assert profile_file().is_file()
    assert saved()["skills"] == TYPED


def test_show_json_gives_what_each_skill_resolves_to(run):
    ok(run("profile", "set", "--skills", ", ".join(TYPED)))
    data = ok_json(run("profile", "show", "--format", "json"))
    assert data["profile"]["skills"] == TYPED
    resolved = {r["input"]: r["skill"] for r in data["profile"]["resolved"]}
    assert resolved == {
        "Sql": "SQL",
        ALIAS_INPUT: ALIAS_OF[ALIAS_INPUT],
        TYPO_INPUT: TYPO_SKILL,
        UNKNOWN_INPUT: None,
    }
    assert Path(data["file"]) == profile_file()


def test_show_table_gives_typed_and_resolved_names(run):
    ok(run("profile", "set", "--skills", ", ".join(TYPED)))
    out = ok(run("profile", "show")).stdout
    for text in ("SQL", ALIAS_INPUT, ALIAS_OF[ALIAS_INPUT], TYPO_INPUT, TYPO_SKILL, UNKNOWN_INPUT):
        assert text in out, text
    line = next(ln for ln in out.splitlines() if UNKNOWN_INPUT in ln)
    assert "not recognised" in line
    assert profile_file().name in out


def test_show_gives_the_background_and_a_path_under_home_as_tilde(run, monkeypatch):
    ok(run("profile", "set", "--years", "1", "--education", "master"))
    out = " ".join(ok(run("profile", "show")).stdout.split())
    assert "1 year of experience" in out and "education: master" in out
    ok(run("profile", "set", "--years", "6.5", "--level", "senior"))
    out = " ".join(ok(run("profile", "show")).stdout.split())
    assert "6.5 years of experience" in out and "level: senior" in out

    from careercli import paths

    monkeypatch.setenv("HOME", str(profile_file().parent.parent))
    assert paths.shown(profile_file()) == f"~/{profile_file().parent.name}/{profile_file().name}"
    monkeypatch.setenv("HOME", "/nonexistent-home")
    assert paths.shown(profile_file()) == str(profile_file())


def test_set_skills_replaces_and_other_fields_keep_them(run):
    ok(run("profile", "set", "--skills", "sql, python"))
    ok(run("profile", "set", "--skills", "tableau"))
    assert saved()["skills"] == ["tableau"]
    ok(run("profile", "set", "--state", "CA", "--location", "Remote, US"))
    doc = saved()
    assert doc["skills"] == ["tableau"]
    assert doc["state"] == "CA"
    assert doc["location"] == "Remote, US"


def test_set_skills_from_file(run, tmp_path):
    f = tmp_path / "mine.txt"
    f.write_text("sql\nPower BI\n", encoding="utf-8")
    ok(run("profile", "set", "--skills-file", str(f)))
    assert saved()["skills"] == ["sql", "Power BI"]


def test_set_nothing_is_an_error_and_writes_nothing(run):
    refused(run("profile", "set"))
    assert not profile_file().exists()


def test_show_without_a_profile(run):
    data = ok_json(run("profile", "show", "--format", "json"))
    assert data["profile"]["skills"] == []
    assert data["profile"]["targets"] == []
    assert not profile_file().exists()


# --------------------------------------------------------------------------- target and state


@pytest.mark.parametrize("typed", ["lead ml engineer", "MLE", "data analist", "Data Scientist"])
def test_target_resolves_fuzzily_and_stores_the_id(run, typed):
    expected = {
        "lead ml engineer": role_with_alias("lead ml engineer"),
        "MLE": role_with_alias("MLE"),
        "data analist": "data-analyst",
        "Data Scientist": "data-scientist",
    }[typed]
    assert expected in ROLES
    data = ok_json(run("profile", "set", "--target", typed, "--format", "json"))
    assert data["profile"]["targets"] == [expected]
    assert saved()["targets"] == [expected]


def test_several_targets(run):
    ok(run("profile", "set", "-t", "data analyst", "-t", "lead mle"))
    assert saved()["targets"] == ["data-analyst", role_with_alias("lead mle")]


def test_unknown_target_is_refused_and_nothing_saved(run):
    ok(run("profile", "set", "--skills", "sql"))
    before = profile_file().read_bytes()
    result = refused(run("profile", "set", "--target", "underwater basket weaver"))
    assert "underwater basket weaver" in result.stderr
    assert profile_file().read_bytes() == before


@pytest.mark.parametrize("typed", ["CA", "ca", " ny "])
def test_state_is_validated_and_stored_as_a_code(run, typed):
    code = typed.strip().upper()
    assert code in STATES
    ok(run("profile", "set", "--state", typed))
    assert saved()["state"] == code


@pytest.mark.parametrize("typed", ["ZZ", "California", "C"])
def test_unknown_state_is_refused(run, typed):
    result = refused(run("profile", "set", "--state", typed))
    assert typed in result.stderr
    assert not profile_file().exists()


# --------------------------------------------------------------------------- add / remove


def test_add_appends_as_typed_without_duplicates(run):
    ok(run("profile", "set", "--skills", "sql"))
    ok(run("profile", "add", "Docker", "SQL", "apache airflow, docker"))
    assert saved()["skills"] == ["sql", "Docker", "apache airflow"]


def test_add_creates_a_profile(run):
    ok(run("profile", "add", "excel"))
    assert saved()["skills"] == ["excel"]


def test_remove_by_typed_text_or_by_resolved_name(run):
    ok(run("profile", "set", "--skills", f"sql, {ALIAS_INPUT}, {TYPO_INPUT}, excel"))
    ok(run("profile", "remove", ALIAS_OF[ALIAS_INPUT]))  # by what it resolves to
    assert saved()["skills"] == ["sql", TYPO_INPUT, "excel"]
    ok(run("profile", "remove", TYPO_INPUT.upper()))  # by what was typed, any case
    assert saved()["skills"] == ["sql", "excel"]


def test_remove_something_not_saved_is_an_error(run):
    ok(run("profile", "set", "--skills", "sql"))
    before = profile_file().read_bytes()
    refused(run("profile", "remove", "tableau"))
    assert profile_file().read_bytes() == before


# --------------------------------------------------------------------------- clear


def _backups() -> list[Path]:
    return sorted(config_dir().glob("profile.yaml*.bak"))


def test_clear_moves_the_profile_to_a_bak_file(run):
    ok(run("profile", "set", "--skills", "sql, python", "--state", "CA"))
    before = profile_file().read_bytes()
    result = ok(run("profile", "clear", "--yes"))
    assert not profile_file().exists()
    [bak] = _backups()
    assert bak.read_bytes() == before
    assert bak.name in result.stderr
    assert ok_json(run("profile", "show", "--format", "json"))["profile"]["skills"] == []


def test_clear_asks_first(run):
    ok(run("profile", "set", "--skills", "sql"))
    before = profile_file().read_bytes()
    assert run("profile", "clear", input="n\n").exit_code == 1
    assert profile_file().read_bytes() == before
    assert _backups() == []
    ok(run("profile", "clear", input="y\n"))
    assert not profile_file().exists()
    assert [b.read_bytes() for b in _backups()] == [before]


def test_clear_without_a_profile_is_fine(run):
    ok(run("profile", "clear", "--yes"))
    assert _backups() == []


def test_clearing_twice_in_the_same_second_keeps_both_old_profiles(run, frozen_clock):
    ok(run("profile", "set", "--skills", "first"))
    first = profile_file().read_bytes()
    ok(run("profile", "clear", "--yes"))
    ok(run("profile", "set", "--skills", "second"))
    second = profile_file().read_bytes()
    ok(run("profile", "clear", "--yes"))
    kept = sorted(b.read_bytes() for b in _backups())
    assert kept == sorted([first, second]), "a .bak file was overwritten"


# --------------------------------------------------------------------------- fallbacks


def test_gap_uses_the_profile_and_says_so_on_stderr(run):
    ok(run("profile", "set", "--skills", "sql, python, tableau"))
    result = ok(run("gap", "--format", "json"))
    data = json.loads(result.stdout)
    assert data["inputs"] == ["sql", "python", "tableau"]
    assert "profile" in result.stderr.lower()
    assert str(profile_file()) in result.stderr
    notes_stay_off_stdout(result)


def test_gap_table_uses_the_profile_too(run):
    ok(run("profile", "set", "--skills", "sql, python, tableau"))
    result = ok(run("gap"))
    assert "profile" in result.stderr.lower()
    assert "Roles ranked by fit" in result.stdout
    notes_stay_off_stdout(result)


def test_gap_includes_profile_targets_beyond_the_top(run):
    target = "professor-applied-mathematics-ai"
    ok(run("profile", "set", "--skills", "sql, tableau", "--target", target))
    plain = ok_json(run("gap", "--skills", "sql, tableau", "--top", "1", "--format", "json"))
    assert target not in [r["id"] for r in plain["roles"]]
    data = ok_json(run("gap", "--top", "1", "--format", "json"))
    assert target in [r["id"] for r in data["roles"]]


def test_explicit_skills_win_over_the_profile(run):
    ok(run("profile", "set", "--skills", "sql, python"))
    result = ok(run("gap", "--skills", "excel", "--format", "json"))
    assert json.loads(result.stdout)["inputs"] == ["excel"]
    assert "profile" not in result.stderr.lower()


def test_gap_without_skills_or_profile_hints_at_profile_set(run):
    result = refused(run("gap"))
    assert "profile set" in result.stderr
    assert result.stdout == ""


def test_jobs_adds_a_fit_column_from_the_profile(run):
    bare = ok_json(run("jobs", "--format", "json"))
    assert bare["jobs"]
    assert all("fit" not in j for j in bare["jobs"])

    ok(run("profile", "set", "--skills", "sql, python, statistics"))
    result = ok(run("jobs", "--format", "json"))
    data = json.loads(result.stdout)
    assert {j["id"] for j in data["jobs"]} == {j["id"] for j in bare["jobs"]}
    assert all("fit" in j for j in data["jobs"])
    assert "profile" in result.stderr.lower()
    notes_stay_off_stdout(result)

    table = ok(run("jobs"))
    header = "\n".join(table.stdout.splitlines()[:4])
    assert "Fit" in header


def test_jobs_table_has_no_fit_column_without_skills(run):
    out = ok(run("jobs")).stdout
    assert "Fit" not in "\n".join(out.splitlines()[:4])


def test_plan_uses_profile_skills_and_target(run):
    target = role_with_alias("lead ml engineer")
    role_skills = {name for s in ROLES[target]["skills"] for name in options(s)}
    assert "Python" in role_skills
    ok(run("profile", "set", "--skills", "python", "--target", "lead ml engineer"))
    result = ok(run("plan", "--format", "json"))
    data = json.loads(result.stdout)
    assert data["role"]["id"] == target
    assert "Python" in data["known"]
    items = [i["skill"] for s in data["stages"] for i in s["items"]]
    assert "Python" not in items
    assert "profile" in result.stderr.lower()
    assert ROLES[target]["name"] in result.stderr
    notes_stay_off_stdout(result)


def test_plan_with_a_role_still_takes_profile_skills(run):
    ok(run("profile", "set", "--skills", "sql"))
    result = ok(run("plan", "data-analyst", "--format", "json"))
    assert json.loads(result.stdout)["known"] == ["SQL"]
    assert "profile" in result.stderr.lower()


def test_salary_uses_profile_targets_and_state(run):
    targets = ["data-analyst", role_with_alias("lead mle")]
    ok(run("profile", "set", "-t", "data-analyst", "-t", "lead mle", "--state", "ny"))
    result = ok(run("salary", "--format", "json"))
    data = json.loads(result.stdout)
    assert data["area"] == "NY"
    assert [r["id"] for r in data["roles"]] == targets
    assert "profile" in result.stderr.lower()
    assert "NY" in result.stderr
    notes_stay_off_stdout(result)


def test_salary_options_win_over_the_profile(run):
    ok(run("profile", "set", "-t", "data-analyst", "--state", "NY"))
    result = ok(run("salary", "data-scientist", "--state", "TX", "--format", "json"))
    data = json.loads(result.stdout)
    assert data["area"] == "TX"
    assert [r["id"] for r in data["roles"]] == ["data-scientist"]
    assert "profile" not in result.stderr.lower()


def test_salary_table_with_profile_state(run):
    ok(run("profile", "set", "--state", "CA"))
    result = ok(run("salary", "data-analyst"))
    assert "CA" in result.stdout
    assert "CA" in result.stderr
    notes_stay_off_stdout(result)


# --------------------------------------------------------------------------- corrupt profile

CORRUPT = {
    "invalid-yaml": b"skills: [sql, python\ntargets: [\n",
    "a-list": b"- sql\n- python\n",
    "skills-a-number": b"skills: 5\n",
    "targets-a-string": b"skills: [sql]\ntargets: data-analyst\n",
    "state-a-list": b"state: [CA, NY]\n",
    "not-utf8": b"skills: [\xff\xfe]\n",
}

USES_PROFILE = [
    ("profile", "show"),
    ("profile", "show", "--format", "json"),
    ("profile", "set", "--skills", "docker"),
    ("profile", "set", "--state", "CA"),
    ("profile", "add", "docker"),
    ("profile", "remove", "sql"),
    ("gap",),
    ("gap", "--format", "json"),
    ("jobs",),
    ("plan", "data-analyst"),
    ("plan", "--format", "json"),
    ("salary",),
]


def _write_corrupt(kind: str) -> bytes:
    config_dir().mkdir(parents=True, exist_ok=True)
    profile_file().write_bytes(CORRUPT[kind])
    return CORRUPT[kind]


@pytest.mark.parametrize("args", USES_PROFILE, ids=" ".join)
@pytest.mark.parametrize("kind", list(CORRUPT))
def test_corrupt_profile_is_a_clear_error_and_never_overwritten(run, kind, args):
    before = _write_corrupt(kind)
    result = refused(run(*args))
    assert str(profile_file()) in result.stderr
    assert result.stdout == ""
    assert profile_file().read_bytes() == before
    assert os.listdir(config_dir()) == ["profile.yaml"]


@pytest.mark.parametrize("kind", list(CORRUPT))
def test_corrupt_profile_survives_a_set_attempt_and_clear_keeps_it(run, kind):
    before = _write_corrupt(kind)
    refused(run("profile", "set", "--skills", "sql", "--target", "data analyst"))
    assert profile_file().read_bytes() == before
    result = refused(run("profile", "show"))
    assert "profile clear" in result.stderr
    ok(run("profile", "clear", "--yes"))
    [bak] = _backups()
    assert bak.read_bytes() == before
    ok(run("profile", "set", "--skills", "sql"))
    assert saved()["skills"] == ["sql"]


AD_FILE = Path(__file__).parent / "data" / "extraction" / "ads" / "01-senior-data-analyst-retail.md"


@pytest.mark.parametrize(
    "args",
    [
        ("gap", "--skills", "sql", "--format", "json"),
        ("fit", str(AD_FILE), "--skills", "sql", "--format", "json"),
        ("plan", "data-analyst", "--skills", "sql", "--format", "json"),
        ("salary", "data-analyst", "--state", "CA", "--format", "json"),
        ("roles",),
    ],
    ids=" ".join,
)
def test_explicit_inputs_do_not_need_a_readable_profile(run, args):
    before = _write_corrupt("invalid-yaml")
    json_out = ok(run(*args)).stdout
    if "json" in args:
        json.loads(json_out)
    assert profile_file().read_bytes() == before


def test_empty_profile_file_is_an_empty_profile(run):
    config_dir().mkdir(parents=True)
    profile_file().write_bytes(b"")
    assert ok_json(run("profile", "show", "--format", "json"))["profile"]["skills"] == []
    ok(run("profile", "add", "sql"))
    assert saved()["skills"] == ["sql"]


# --------------------------------------------------------------------------- atomic writes


def _failing_replace(monkeypatch):
    """os.replace fails like a full disk would; records what it was asked to rename."""
    calls: list[tuple[Path, Path, bytes]] = []

    def boom(src, dst, *args, **kwargs):
        calls.append((Path(src), Path(dst), Path(src).read_bytes()))
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    return calls


def test_failed_write_keeps_the_old_profile_and_no_temp_file(run, monkeypatch):
    ok(run("profile", "set", "--skills", "sql, python"))
    before = profile_file().read_bytes()
    real_replace = os.replace
    calls = _failing_replace(monkeypatch)
    result = refused(run("profile", "add", "docker"))
    monkeypatch.setattr(os, "replace", real_replace)
    assert str(profile_file()) in result.stderr
    assert profile_file().read_bytes() == before
    assert os.listdir(config_dir()) == ["profile.yaml"]
    # The new content was written in full to another file in the same folder first.
    [(src, dst, content)] = calls
    assert dst == profile_file()
    assert src != dst and src.parent == dst.parent
    assert yaml.safe_load(content)["skills"] == ["sql", "python", "docker"]


def test_failed_first_write_leaves_nothing(run, monkeypatch):
    _failing_replace(monkeypatch)
    refused(run("profile", "set", "--skills", "sql"))
    assert not config_dir().exists() or os.listdir(config_dir()) == []


def test_failed_progress_write_keeps_the_old_progress(run, monkeypatch):
    ok(run("progress", "done", "sql"))
    progress = config_dir() / "progress.yaml"
    before = progress.read_bytes()
    real_replace = os.replace
    _failing_replace(monkeypatch)
    result = refused(run("progress", "done", "python"))
    monkeypatch.setattr(os, "replace", real_replace)
    assert str(progress) in result.stderr
    assert progress.read_bytes() == before
    assert os.listdir(config_dir()) == ["progress.yaml"]


def test_saved_file_is_plain_yaml_with_known_keys(run):
    ok(run("profile", "set", "--skills", "sql", "-t", "data analyst", "--state", "CA"))
    doc = saved()
    assert {"skills", "targets", "state"} <= set(doc)
    assert doc["targets"] == ["data-analyst"]
    assert b"!!" not in profile_file().read_bytes()  # no Python-specific tags


# --------------------------------------------------------------------------- unwritable folder

READ_ONLY_COMMANDS = [
    ("roles",),
    ("show", "data-analyst"),
    ("compare",),
    ("gap", "--skills", "sql, python"),
    ("profile", "show"),
]


def _check_unwritable(run) -> None:
    for args in (
        ("profile", "set", "--skills", "sql"),
        ("profile", "add", "docker"),
        ("progress", "done", "sql"),
    ):
        result = refused(run(*args))
        assert "CAREERCLI_CONFIG_DIR" in result.stderr
        assert "Cannot save" in result.stderr or "cannot" in result.stderr.lower()
    for args in READ_ONLY_COMMANDS:
        ok(run(*args))


def test_config_dir_that_cannot_be_created(run, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder\n", encoding="utf-8")
    monkeypatch.setenv("CAREERCLI_CONFIG_DIR", str(blocker / "careercli"))
    _check_unwritable(run)
    assert blocker.read_text(encoding="utf-8") == "not a folder\n"
