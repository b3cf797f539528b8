"""Your own data (issue 5): --data-dir and CAREERCLI_DATA_DIR overlay the bundled catalog.

These tests go through the everyday commands (show, compare, roles, gap, plan, skills, jobs);
the loader's own problem kinds are covered in test_catalog.py. Overlay files are written under
tmp_path from the bundled files or from text in this module.
"""

from __future__ import annotations

import copy
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from clihelp import ok, ok_json, refused
from reference import load_yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


_load = load_yaml


ROLES = {p.stem: _load(p) for p in sorted((DATA / "roles").glob("*.yaml"))}
TAXONOMY = _load(DATA / "skills.yaml")
CATEGORY = next(iter(TAXONOMY["categories"]))
BUNDLED_JOB = _load(DATA / "jobs.yaml")["jobs"][0]
DA = "data-analyst"


def line_of(text: str, needle: str) -> int:
    hits = [n for n, line in enumerate(text.splitlines(), 1) if needle in line]
    assert len(hits) == 1, (needle, hits)
    return hits[0]


@pytest.fixture(params=["option", "env"])
def with_overlay(request, run):
    """Run a command with the overlay given by --data-dir or by CAREERCLI_DATA_DIR."""

    def invoke(folder: Path, *args: str):
        if request.param == "option":
            return run("--data-dir", str(folder), *args)
        return run(*args, env={"CAREERCLI_DATA_DIR": str(folder)})

    return invoke


def write_role(folder: Path, role: dict) -> Path:
    (folder / "roles").mkdir(parents=True, exist_ok=True)
    path = folder / "roles" / f"{role['id']}.yaml"
    path.write_text(yaml.safe_dump(role, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def new_role(role_id: str, skills: list[tuple[str, str]]) -> dict:
    """A complete role built from the bundled data analyst, with its own id, name and skills."""
    role = _load(DATA / "roles" / f"{DA}.yaml")
    role.update(
        id=role_id,
        name="Overlay Test Wizard",
        aliases=["test wizard"],
        summary="A role that exists only in the test overlay.",
        skills=[{"skill": s, "importance": imp} for s, imp in skills],
        related=[{"role": DA, "relation": "sideways"}],
    )
    role["tools"] = {"Tools": [skills[0][0]]}
    return role


# --------------------------------------------------------------------------- replace and add

MARKER = "Zanzibar-flavoured overlay definition"


def test_role_with_existing_id_replaces_the_bundled_one(with_overlay, run, tmp_path):
    folder = tmp_path / "mine"
    role = _load(DATA / "roles" / f"{DA}.yaml")
    role["definition"] = f"{MARKER}: a Data Analyst as my company sees it."
    role["steps"] = ["Read the overlay's own first step."]
    write_role(folder, role)

    shown = ok_json(with_overlay(folder, "show", DA, "--format", "json"))["role"]
    assert shown["definition"] == role["definition"]
    assert shown["steps"] == role["steps"]
    assert MARKER in ok(with_overlay(folder, "show", DA)).stdout

    compared = ok(with_overlay(folder, "compare", DA, "data-scientist", "--format", "markdown"))
    assert MARKER in compared.stdout
    assert ROLES[DA]["definition"].split(".")[0] not in compared.stdout
    table = ok(with_overlay(folder, "compare", "--full")).stdout
    assert "Zanzibar-flavoured" in table

    listed = ok_json(with_overlay(folder, "roles", "--format", "json"))["roles"]
    assert sorted(r["id"] for r in listed) == sorted(ROLES)
    # Without the overlay, the bundled role is back.
    bundled = ok_json(run("show", DA, "--format", "json"))["role"]
    assert bundled["definition"] != role["definition"]


def test_role_with_a_new_id_is_added_listed_and_ranked(with_overlay, run, tmp_path):
    folder = tmp_path / "mine"
    skills = [("SQL", "required"), ("Excel", "required"), ("Tableau", "nice-to-have")]
    write_role(folder, new_role("overlay-wizard", skills))

    listed = ok_json(with_overlay(folder, "roles", "--format", "json"))["roles"]
    assert sorted(r["id"] for r in listed) == sorted([*ROLES, "overlay-wizard"])
    assert "Overlay Test Wizard" in ok(with_overlay(folder, "roles")).stdout
    assert ok_json(with_overlay(folder, "show", "test wizard", "--format", "json"))["role"][
        "id"
    ] == ("overlay-wizard")

    # Every skill of the new role is given, so it fits 100% and ranks first.
    gap = ok_json(
        with_overlay(folder, "gap", "--skills", "sql, excel, tableau", "--format", "json")
    )
    assert gap["roles"][0]["id"] == "overlay-wizard"
    assert gap["roles"][0]["fit"] == 100
    bundled = ok_json(
        run("gap", "--skills", "sql, excel, tableau", "--top", "0", "--format", "json")
    )
    assert "overlay-wizard" not in [r["id"] for r in bundled["roles"]]

    plan = ok_json(
        with_overlay(folder, "plan", "test wizard", "--skills", "sql", "--format", "json")
    )
    assert plan["role"]["id"] == "overlay-wizard"
    items = {i["skill"] for s in plan["stages"] for i in s["items"]}
    assert items == {"Excel", "Tableau"}


NEW_SKILL = "basket weaving"
NEW_ALIAS = "weaving baskets"
NEW_CERT = "Certified Basket Weaver"


def _skill_overlay(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    skills = {
        "skills": [
            {
                "name": NEW_SKILL,
                "category": CATEGORY,
                "aliases": [NEW_ALIAS],
                "prerequisites": ["Python"],
            }
        ]
    }
    (folder / "skills.yaml").write_text(yaml.safe_dump(skills), encoding="utf-8")
    cert = {
        "name": NEW_CERT,
        "provider": "Weavers Guild",
        "code": "CBW-1",
        "level": "associate",
        "url": "https://example.org/cbw",
        "status": "current",
        "skills": [NEW_SKILL],
        "sources": ["Test fixture"],
        "reviewed": "2026-01-01",
    }
    (folder / "certifications.yaml").write_text(
        yaml.safe_dump({"certifications": [cert]}, sort_keys=False), encoding="utf-8"
    )
    write_role(
        folder, new_role("basket-analyst", [(NEW_SKILL, "required"), ("Python", "required")])
    )


def test_overlay_skill_is_used_by_an_overlay_role(with_overlay, run, tmp_path):
    folder = tmp_path / "mine"
    _skill_overlay(folder)
    ok(run("validate", str(folder)))

    bundled = ok_json(run("skills", NEW_ALIAS, "--format", "json"))["resolved"][0]
    assert bundled["skill"] is None
    resolved = ok_json(with_overlay(folder, "skills", NEW_ALIAS, "--format", "json"))["resolved"]
    assert resolved[0]["skill"] == NEW_SKILL
    assert resolved[0]["how"] == "alias"

    gap = ok_json(
        with_overlay(
            folder, "gap", "--skills", NEW_ALIAS, "--role", "basket-analyst", "--format", "json"
        )
    )
    [row] = gap["roles"]
    assert [m["skill"] for m in row["matched"]] == [NEW_SKILL]
    assert [m["skill"] for m in row["missing"]] == ["Python"]

    plan = ok_json(with_overlay(folder, "plan", "basket-analyst", "--format", "json"))
    stage = {i["skill"]: i for s in plan["stages"] for i in s["items"]}
    assert stage["Python"]["stage"] < stage[NEW_SKILL]["stage"]  # the overlay's prerequisite
    assert NEW_CERT in [c["name"] for c in stage[NEW_SKILL]["certifications"]]


def test_overlay_listing_is_added(with_overlay, tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    job = dict(BUNDLED_JOB, id="overlay-job-1", title="Overlay Data Wrangler")
    (folder / "jobs.yaml").write_text(
        yaml.safe_dump({"jobs": [job]}, sort_keys=False), encoding="utf-8"
    )
    jobs = ok_json(with_overlay(folder, "jobs", "--limit", "0", "--format", "json"))["jobs"]
    assert "overlay-job-1" in [j["id"] for j in jobs]
    assert BUNDLED_JOB["id"] in [j["id"] for j in jobs]


def test_missing_data_folder_is_named(with_overlay, tmp_path):
    result = refused(with_overlay(tmp_path / "nowhere", "roles"))
    assert "nowhere" in result.stderr
    assert result.stdout == ""


# --------------------------------------------------------------------------- errors


def _bad_role(folder: Path) -> tuple[Path, str]:
    role = new_role("bad-role", [("SQL", "required"), ("Python", "required")])
    path = write_role(folder, role)
    text = path.read_text(encoding="utf-8").replace("skill: Python", "skill: Pythonesque Wizardry")
    path.write_text(text, encoding="utf-8")
    return path, "Pythonesque Wizardry"


def _bad_skill_category(folder: Path) -> tuple[Path, str]:
    path = folder / "skills.yaml"
    path.write_text(
        "skills:\n  - name: basket weaving\n    category: no-such-category\n", encoding="utf-8"
    )
    return path, "no-such-category"


def _skill_without_category(folder: Path) -> tuple[Path, str]:
    path = folder / "skills.yaml"
    path.write_text("skills:\n  - name: basket weaving\n    aliases: [weaving]\n", encoding="utf-8")
    return path, "basket weaving"


def _cert(folder: Path, status: str = "current", skills: bool = True) -> Path:
    """A certifications file with one certification, valid unless the arguments spoil it."""
    path = folder / "certifications.yaml"
    path.write_text(
        "certifications:\n"
        "  - name: Basket Cert\n"
        "    provider: Weavers\n"
        "    code: BW-1\n"
        "    level: associate\n"
        "    url: https://example.org/\n"
        f"    status: {status}\n"
        + ("    skills: [SQL]\n" if skills else "")
        + "    sources: [Test fixture]\n"
        "    reviewed: 2026-01-01\n",
        encoding="utf-8",
    )
    return path


def _cert_bad_status(folder: Path) -> tuple[Path, str]:
    return _cert(folder, status="expired"), "expired"


def _cert_without_skills(folder: Path) -> tuple[Path, str]:
    return _cert(folder, skills=False), "Basket Cert"


def _job_bad_level(folder: Path) -> tuple[Path, str]:
    path = folder / "jobs.yaml"
    job = dict(BUNDLED_JOB, id="overlay-job-2", level="galactic")
    path.write_text(yaml.safe_dump({"jobs": [job]}, sort_keys=False), encoding="utf-8")
    return path, "galactic"


def _invalid_yaml_skills(folder: Path) -> tuple[Path, str]:
    path = folder / "skills.yaml"
    path.write_text("skills:\n  - name: [unclosed\n", encoding="utf-8")
    return path, "[unclosed"


BROKEN = {
    "role-unknown-skill": (_bad_role, "skills[1].skill"),
    "skill-unknown-category": (_bad_skill_category, "skills[0].category"),
    "skill-without-category": (_skill_without_category, "skills[0]"),
    "cert-bad-status": (_cert_bad_status, "certifications[0].status"),
    "cert-without-skills": (_cert_without_skills, "certifications[0]"),
    "job-bad-level": (_job_bad_level, "jobs[0].level"),
    "skills-invalid-yaml": (_invalid_yaml_skills, None),
}


@pytest.mark.parametrize("kind", list(BROKEN))
@pytest.mark.parametrize(
    "args", [("gap", "--skills", "sql"), ("jobs", "--remote")], ids=lambda a: a[0]
)
def test_errors_name_the_overlay_file_field_and_line(run, tmp_path, kind, args):
    folder = tmp_path / "broken"
    folder.mkdir()
    make, field = BROKEN[kind]
    path, needle = make(folder)
    text = path.read_text(encoding="utf-8")
    result = refused(run("--data-dir", str(folder), *args))
    assert result.stdout == ""
    if kind == "skills-invalid-yaml":
        assert str(path) in result.stderr
        assert "yaml" in result.stderr.lower()
    else:
        assert f"{path}:" in result.stderr
        assert field in result.stderr
        line = line_of(text, needle)
        assert f"{path}:{line}" in result.stderr


@pytest.mark.parametrize("kind", list(BROKEN))
def test_validate_reports_the_overlay_file_field_and_line(run, tmp_path, kind):
    folder = tmp_path / "broken"
    folder.mkdir()
    make, field = BROKEN[kind]
    path, needle = make(folder)
    result = refused(run("validate", str(folder), "--format", "json"))
    report = json.loads(result.stdout)
    assert report["valid"] is False
    mine = [p for p in report["problems"] if Path(p["file"]) == path]
    assert mine, report["problems"]
    assert all(isinstance(p["line"], int) and p["line"] >= 1 for p in mine)
    if field is not None:
        line = line_of(path.read_text(encoding="utf-8"), needle)
        assert any(
            p["field"] and p["field"].startswith(field) and p["line"] == line for p in mine
        ), mine


# --------------------------------------------------------------------------- show --format yaml


def test_show_yaml_saved_into_an_overlay_loads_back_equal(run, tmp_path):
    shown = ok(run("show", DA, "--format", "yaml")).stdout
    folder = tmp_path / "mine"
    (folder / "roles").mkdir(parents=True)
    (folder / "roles" / f"{DA}.yaml").write_text(shown, encoding="utf-8")

    valid = ok_json(run("validate", str(folder), "--format", "json"))
    assert valid["valid"] is True
    assert valid["counts"]["roles"] == len(ROLES)

    bundled = ok_json(run("show", DA, "--format", "json"))
    mine = ok_json(run("--data-dir", str(folder), "show", DA, "--format", "json"))
    assert mine == bundled
    # Printing it again from the overlay gives the same text: the format is stable.
    assert ok(run("--data-dir", str(folder), "show", DA, "--format", "yaml")).stdout == shown
    assert [s["skill"] for s in yaml.safe_load(shown)["skills"]] == [
        s["skill"] for s in ROLES[DA]["skills"]
    ]


def test_copy_and_edit_a_shown_role_as_a_new_one(run, tmp_path):
    shown = ok(run("show", DA, "--format", "yaml")).stdout
    doc = yaml.safe_load(shown)
    edited = shown.replace(f"id: {DA}\n", "id: my-analyst\n", 1).replace(
        f"name: {doc['name']}\n", "name: My Own Analyst\n", 1
    )
    assert edited.count("my-analyst") == 1 and "My Own Analyst" in edited
    # The bundled aliases would now name two roles; give the copy its own.
    edited, n = re.subn(
        r"^aliases:(?: \[.*\]\n|\n(?:- .*\n)+)", "aliases: [my analyst]\n", edited, flags=re.M
    )
    assert n == 1
    folder = tmp_path / "mine"
    (folder / "roles").mkdir(parents=True)
    (folder / "roles" / "my-analyst.yaml").write_text(edited, encoding="utf-8")

    ok(run("validate", str(folder)))
    shown_mine = run("--data-dir", str(folder), "show", "my analyst", "--format", "json")
    mine = ok_json(shown_mine)["role"]
    bundled = ok_json(run("show", DA, "--format", "json"))["role"]
    assert mine["id"] == "my-analyst" and mine["name"] == "My Own Analyst"
    for key in ("skills", "definition", "steps", "certifications", "outlook"):
        assert mine[key] == bundled[key], key
    listed = ok_json(run("--data-dir", str(folder), "roles", "--format", "json"))["roles"]
    assert len(listed) == len(ROLES) + 1


def test_a_copy_of_the_bundled_data_is_a_valid_overlay(run, tmp_path):
    """The README says an existing id replaces the bundled one: a copy of data/ is valid and
    every command works with it (it used to fail on 5 'duplicate job id' errors)."""
    copy = tmp_path / "copy"
    shutil.copytree(DATA, copy)
    result = run("validate", str(copy))
    assert result.exit_code == 0, result.stdout
    jobs = json.loads(run("--data-dir", str(copy), "jobs", "--format", "json").stdout)["jobs"]
    bundled = load_yaml(DATA / "jobs.yaml")["jobs"]
    assert sorted(j["id"] for j in jobs) == sorted(j["id"] for j in bundled)


def test_an_overlay_listing_with_a_bundled_id_replaces_it(run, tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    doc = load_yaml(DATA / "jobs.yaml")
    first = dict(doc["jobs"][0], title="Data Engineer (overlay)")
    (folder / "jobs.yaml").write_text(
        yaml.safe_dump({"jobs": [first]}, sort_keys=False), encoding="utf-8"
    )
    assert run("validate", str(folder)).exit_code == 0
    jobs = json.loads(run("--data-dir", str(folder), "jobs", "--format", "json").stdout)["jobs"]
    titles = {j["id"]: j["title"] for j in jobs}
    assert len(titles) == len(doc["jobs"])
    assert titles[first["id"]] == "Data Engineer (overlay)"


def test_the_same_listing_id_twice_in_one_folder_is_a_problem(run, tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    job = load_yaml(DATA / "jobs.yaml")["jobs"][0]
    (folder / "jobs.yaml").write_text(
        yaml.safe_dump({"jobs": [job, copy.deepcopy(job)]}, sort_keys=False), encoding="utf-8"
    )
    result = run("validate", str(folder))
    assert result.exit_code == 1 and "duplicate job id" in result.stdout


def test_validate_reports_every_kind_of_problem_in_one_run(run, tmp_path):
    """Misspelled keys do not hide a name clash or an unknown skill in the same file."""
    folder = tmp_path / "mine"
    (folder / "roles").mkdir(parents=True)
    text = (DATA / "roles" / "data-scientist.yaml").read_text(encoding="utf-8")
    text = text.replace("id: data-scientist", "id: my-role", 1)
    text = re.sub(r"^name: ", "nmae: ", text, count=1, flags=re.M)
    text = re.sub(r"^track: ", "trak: ", text, count=1, flags=re.M)
    text = re.sub(r"^aliases: .*$", "aliases: [data analyst]", text, count=1, flags=re.M)
    text = text.replace("{skill: statistics,", "{skill: statisticz,", 1)
    (folder / "roles" / "my-role.yaml").write_text(text, encoding="utf-8")
    data = json.loads(run("validate", str(folder), "--format", "json").stdout)
    messages = [f"{p['field']}: {p['message']}" for p in data["problems"]]
    assert any(m.startswith("nmae: unknown key (did you mean 'name'?") for m in messages)
    assert any(m.startswith("trak: unknown key (did you mean 'track'?") for m in messages)
    assert any("'data analyst' already names role 'data-analyst'" in m for m in messages)
    assert any("unknown skill 'statisticz'" in m for m in messages)
