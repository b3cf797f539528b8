"""`careercli plan` and `careercli progress` (issue 5): order, stages, certifications, steps,
and progress remembered across separate invocations.

Expected orders, items, certifications and fits are derived from data/skills.yaml,
data/certifications.yaml and data/roles/ (the fit formula is the one the README documents),
never from the code under test.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import yaml

import clihelp
from clihelp import ok
from reference import fit as ref_fit
from reference import group_labels, label, load_yaml, options, professional, technical

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


def refused(result):
    assert clihelp.refused(result).stdout == ""
    return result


_load = load_yaml


TAXONOMY = {s["name"]: s for s in _load(DATA / "skills.yaml")["skills"]}
PREREQS = {n: list(s.get("prerequisites") or []) for n, s in TAXONOMY.items()}
IMPLIES = {n: list(s.get("implies") or []) for n, s in TAXONOMY.items()}
CERTS = _load(DATA / "certifications.yaml")["certifications"]
ROLES = {p.stem: _load(p) for p in sorted((DATA / "roles").glob("*.yaml"))}
GROUP_LABELS = group_labels(ROLES)
GROUP_OPTIONS = {label(r): options(r) for d in ROLES.values() for r in d["skills"]}
ALIAS_OF = {a.casefold(): n for n, s in TAXONOMY.items() for a in s.get("aliases") or []}


def current_certs_covering(skill: str) -> set[str]:
    """Current certifications covering the skill, or any option of a one-of group."""
    names = GROUP_OPTIONS.get(skill, [skill])
    return {
        c["name"]
        for c in CERTS
        if c["status"] == "current" and set(names) & set(c.get("skills", []))
    }


def prereqs(name: str) -> list[str]:
    """A skill's direct prerequisites; a one-of group has none of its own."""
    return [] if name in GROUP_LABELS else PREREQS[name]


def weight(req: dict) -> int:
    return req.get("weight") or (3 if req["importance"] == "required" else 1)


def expected_fit(role_id: str, known: set[str]) -> float:
    """The README's formula (tests/reference.py), rounded as the JSON is."""
    return round(ref_fit(role_id, known), 1)


def all_prereqs(skill: str) -> set[str]:
    out: set[str] = set()
    stack = list(prereqs(skill))
    while stack:
        name = stack.pop()
        if name not in out:
            out.add(name)
            stack.extend(PREREQS[name])
    return out


def progress_file() -> Path:
    return Path(os.environ["CAREERCLI_CONFIG_DIR"]) / "progress.yaml"


def saved_progress() -> dict:
    doc = yaml.safe_load(progress_file().read_text(encoding="utf-8"))
    return {"skills": doc.get("skills") or {}, "steps": doc.get("steps") or {}}


def plan_json(run, *args: str) -> dict:
    return json.loads(ok(run("plan", *args, "--format", "json")).stdout)


def items_of(plan: dict) -> list[dict]:
    return [i for stage in plan["stages"] for i in stage["items"]]


def skills_of(plan: dict) -> list[str]:
    return [i["skill"] for i in items_of(plan)]


def gap_fit(run, role_id: str, *skills: str) -> float:
    args = ["gap", "--role", role_id, "--format", "json"]
    if skills:
        args += ["--skills", ", ".join(skills)]
    data = json.loads(ok(run(*args)).stdout)
    [role] = [r for r in data["roles"] if r["id"] == role_id]
    return role["fit"]


# --------------------------------------------------------------------------- the plan itself

# Every role in the full run; the quick loop (-m "not slow") checks the seed's two roles and
# one from each end of the catalog.
QUICK_ROLES = {"data-analyst", "lead-machine-learning-engineer", "quantitative-analyst"}
ALL_ROLES = [
    pytest.param(r, marks=() if r in QUICK_ROLES else pytest.mark.slow, id=r) for r in sorted(ROLES)
]
KNOWN_SETS = {"nothing": [], "python-sql": ["Python", "SQL"], "ml": ["machine learning", "Docker"]}


@pytest.mark.parametrize("known", list(KNOWN_SETS))
@pytest.mark.parametrize("role_id", ALL_ROLES)
def test_prerequisites_come_in_earlier_stages(run, role_id, known):
    args = [role_id] + (["--skills", ", ".join(KNOWN_SETS[known])] if KNOWN_SETS[known] else [])
    plan = plan_json(run, *args)
    stage = {i["skill"]: i["stage"] for i in items_of(plan)}
    assert len(stage) == len(items_of(plan)), "an item is listed twice"
    for n, block in enumerate(plan["stages"], 1):
        assert block["stage"] == n
        assert block["items"], f"stage {n} is empty"
        assert all(i["stage"] == n for i in block["items"])
    for skill in stage:
        # Every prerequisite reachable through other plan items comes strictly earlier.
        seen: set[str] = set()
        stack = [p for p in prereqs(skill) if p in stage]
        while stack:
            pre = stack.pop()
            if pre in seen:
                continue
            seen.add(pre)
            assert stage[pre] < stage[skill], f"{pre} (stage {stage[pre]}) before {skill}"
            stack.extend(p for p in PREREQS[pre] if p in stage)


@pytest.mark.parametrize("role_id", ALL_ROLES)
def test_plan_from_nothing_has_every_role_skill_and_every_prerequisite(run, role_id):
    plan = plan_json(run, role_id)
    role_skills = {label(r): r["importance"] for r in technical(role_id)}
    pro = [r["skill"] for r in ROLES[role_id]["skills"] if professional(r)]
    assert [p["skill"] for p in plan["professional_skills"]] == pro
    expected = set(role_skills)
    for name in role_skills:
        expected |= all_prereqs(name)
    assert set(skills_of(plan)) == expected
    assert plan["known"] == []
    for item in items_of(plan):
        assert item["importance"] == role_skills.get(item["skill"], "foundation")
        assert item["status"] == "todo"
        assert sorted(item["prerequisites"]) == sorted(prereqs(item["skill"]))
    assert plan["fit"] == 0
    assert plan["fit_after"] == 100


@pytest.mark.parametrize("role_id", ALL_ROLES)
def test_required_before_nice_to_have_within_each_stage(run, role_id):
    plan = plan_json(run, role_id, "--skills", "sql")
    for block in plan["stages"]:
        kinds = [i["importance"] for i in block["items"]]
        if "required" in kinds and "nice-to-have" in kinds:
            last_required = max(n for n, k in enumerate(kinds) if k == "required")
            first_nice = kinds.index("nice-to-have")
            assert last_required < first_nice, (block["stage"], kinds)


@pytest.mark.parametrize("role_id", ALL_ROLES)
def test_each_item_lists_current_certifications_covering_it(run, role_id):
    plan = plan_json(run, role_id)
    retired = {c["name"] for c in CERTS if c["status"] != "current"}
    for item in items_of(plan):
        covering = current_certs_covering(item["skill"])
        listed = [c["name"] for c in item["certifications"]]
        for c in item["certifications"]:
            assert set(c) == {"name", "code", "level", "prerequisites", "fits", "why"}
        assert len(listed) == len(set(listed))
        assert set(listed) <= covering, (item["skill"], set(listed) - covering)
        assert not set(listed) & retired
        if covering:
            assert listed, f"{item['skill']}: no certification listed, though {covering}"


@pytest.mark.parametrize("role_id", ALL_ROLES)
def test_steps_are_the_roles_steps_with_ids(run, role_id):
    plan = plan_json(run, role_id)
    steps = ROLES[role_id]["steps"]
    assert [s["id"] for s in plan["steps"]] == [f"{role_id}:{n}" for n in range(1, len(steps) + 1)]
    assert [s["text"] for s in plan["steps"]] == steps
    assert {s["status"] for s in plan["steps"]} == {"todo"}


def test_known_skills_are_left_out_and_fit_follows_the_formula(run):
    plan = plan_json(run, "data-analyst", "--skills", "sql, excel, tableau")
    assert {"SQL", "Excel", "Tableau"} <= set(plan["known"])
    assert not {"SQL", "Excel", "Tableau"} & set(skills_of(plan))
    assert plan["fit"] == expected_fit("data-analyst", {"SQL", "Excel", "Tableau"})
    assert plan["fit_after"] == 100
    # Tableau implies data visualization: still to learn, but partly known.
    [viz] = [i for i in items_of(plan) if i["skill"] == "data visualization"]
    assert "data visualization" in IMPLIES["Tableau"]
    assert viz["partial"] is True


def test_table_shows_stages_certifications_and_step_ids(run):
    result = ok(run("plan", "data-analyst", "--skills", "sql"))
    out = result.stdout
    plan = plan_json(run, "data-analyst", "--skills", "sql")
    for n in range(1, len(plan["stages"]) + 1):
        assert f"Stage {n}" in out
    for step in plan["steps"]:
        assert step["id"] in out
    assert "Data Analyst" in out
    assert "\x1b" not in out


def test_markdown_plan(run):
    out = ok(run("plan", "data-analyst", "--format", "markdown")).stdout
    assert "## Stage 1" in out
    for n in range(1, len(ROLES["data-analyst"]["steps"]) + 1):
        assert f"| data-analyst:{n} |" in out


def test_plan_role_resolves_fuzzily(run):
    plan = plan_json(run, "data analist")
    assert plan["role"] == {"id": "data-analyst", "name": ROLES["data-analyst"]["name"]}


def test_plan_unknown_role(run):
    result = refused(run("plan", "underwater basket weaver"))
    assert "underwater basket weaver" in result.stderr


def test_plan_without_role_or_target_is_an_error_with_a_hint(run):
    result = refused(run("plan"))
    assert "careercli plan" in result.stderr
    assert "profile set --target" in result.stderr
    ok(run("profile", "set", "--skills", "sql"))
    result = refused(run("plan", "--format", "json"))
    assert "profile set --target" in result.stderr


# --------------------------------------------------------------------------- progress marks


def test_done_skill_counts_as_known_in_plan_and_gap(run):
    before_plan = plan_json(run, "data-analyst", "--skills", "excel")
    assert "statistics" in skills_of(before_plan)
    before_fit = gap_fit(run, "data-analyst", "excel")
    assert before_fit == expected_fit("data-analyst", {"Excel"})

    result = ok(run("progress", "done", "statistics"))
    assert "statistics" in result.stderr
    assert saved_progress()["skills"] == {"statistics": "done"}

    after_plan = plan_json(run, "data-analyst", "--skills", "excel")
    assert "statistics" not in skills_of(after_plan)
    assert "statistics" in after_plan["known"]
    assert after_plan["fit"] == expected_fit("data-analyst", {"Excel", "statistics"})
    after_fit = gap_fit(run, "data-analyst", "excel")
    assert after_fit == expected_fit("data-analyst", {"Excel", "statistics"})
    assert after_fit > before_fit


def test_done_skills_are_stored_by_canonical_name(run):
    alias = "k8s"
    ok(run("progress", "done", alias, "pyhton, SQL"))
    assert saved_progress()["skills"] == {
        ALIAS_OF[alias]: "done",
        "Python": "done",
        "SQL": "done",
    }


def test_skip_removes_an_item(run):
    before = plan_json(run, "data-analyst")
    assert "R" in skills_of(before)
    ok(run("progress", "skip", "R"))
    assert saved_progress()["skills"] == {"R": "skip"}
    after = plan_json(run, "data-analyst")
    assert "R" not in skills_of(after)
    assert after["skipped"] == ["R"]
    assert set(skills_of(after)) == set(skills_of(before)) - {"R"}
    everything_but_r = {r["skill"] for r in ROLES["data-analyst"]["skills"]} - {"R"}
    assert after["fit_after"] == expected_fit("data-analyst", everything_but_r)


def test_learning_shows_as_status(run):
    ok(run("progress", "learning", "python"))
    assert saved_progress()["skills"] == {"Python": "learning"}
    plan = plan_json(run, "data-analyst")
    status = {i["skill"]: i["status"] for i in items_of(plan)}
    assert status["Python"] == "learning"
    assert {s for s, v in status.items() if v == "learning"} == {"Python"}
    line = next(ln for ln in ok(run("plan", "data-analyst")).stdout.splitlines() if "Python" in ln)
    assert "learning" in line


def test_gap_shows_a_skill_being_learned(run):
    ok(run("progress", "learning", "python"))
    out = ok(run("gap", "--skills", "excel", "--role", "data-analyst")).stdout
    lines = [ln for ln in out.splitlines() if "Python" in ln]
    assert any("learning" in ln for ln in lines), lines


def test_step_ids_mark_steps(run):
    ok(run("progress", "done", "data-analyst:2"))
    ok(run("progress", "learning", "data-analyst:1"))
    assert saved_progress()["steps"] == {"data-analyst:2": "done", "data-analyst:1": "learning"}
    assert saved_progress()["skills"] == {}
    plan = plan_json(run, "data-analyst")
    status = {s["id"]: s["status"] for s in plan["steps"]}
    assert status["data-analyst:1"] == "learning"
    assert status["data-analyst:2"] == "done"
    assert all(
        v == "todo" for k, v in status.items() if k not in ("data-analyst:1", "data-analyst:2")
    )
    other = plan_json(run, "data-scientist")
    assert {s["status"] for s in other["steps"]} == {"todo"}


def test_progress_show_lists_the_marks_in_every_format(run):
    empty = ok(run("progress", "show"))
    assert "Nothing marked yet" in empty.stdout
    assert json.loads(ok(run("progress", "show", "--format", "json")).stdout)["progress"] == {
        "skills": {},
        "steps": {},
    }
    ok(run("progress", "done", "sql", "data-analyst:2"))
    ok(run("progress", "learning", "pytorch"))
    ok(run("progress", "skip", "R"))
    doc = json.loads(ok(run("progress", "show", "--format", "json")).stdout)
    assert doc["progress"] == saved_progress()
    assert doc["file"] == str(progress_file())
    table = ok(run("progress", "show")).stdout
    rows = {ln.split()[0]: ln for ln in table.splitlines() if ln.strip()}
    assert "SQL" in rows["done"] and "data-analyst:2" in rows["done"]
    assert "PyTorch" in rows["learning"] and "R" in rows["skipped"]
    assert "Nothing marked" not in table
    md = ok(run("progress", "show", "--format", "markdown")).stdout
    assert "| done | SQL | data-analyst:2 |" in md


@pytest.mark.parametrize("item", ["data-analyst:0", "data-analyst:99"])
def test_step_out_of_range(run, item):
    assert len(ROLES["data-analyst"]["steps"]) < 99
    result = refused(run("progress", "done", item))
    assert "data-analyst" in result.stderr
    assert not progress_file().exists()


def test_unknown_item_is_an_error_with_suggestions(run):
    assert "scapy" not in ALIAS_OF and "SciPy" in TAXONOMY
    result = refused(run("progress", "done", "scapy"))
    assert "scapy" in result.stderr
    assert "SciPy" in result.stderr
    assert not progress_file().exists()


def test_one_unknown_item_saves_none_of_the_others(run):
    ok(run("progress", "done", "excel"))
    before = progress_file().read_bytes()
    refused(run("progress", "done", "sql", "no-such-skill-at-all"))
    assert progress_file().read_bytes() == before


def test_reset_one_item(run):
    ok(run("progress", "done", "sql", "python", "data-analyst:1"))
    ok(run("progress", "reset", "sql", "data-analyst:1"))
    assert saved_progress() == {"skills": {"Python": "done"}, "steps": {}}
    plan = plan_json(run, "data-analyst")
    assert "SQL" in skills_of(plan)
    assert "Python" not in skills_of(plan)


def test_reset_everything(run):
    ok(run("progress", "done", "sql", "data-analyst:1"))
    before = progress_file().read_bytes()
    assert run("progress", "reset", input="n\n").exit_code == 1
    assert progress_file().read_bytes() == before
    ok(run("progress", "reset", "--yes"))
    assert not progress_file().exists()
    [bak] = progress_file().parent.glob("progress.yaml*.bak")
    assert bak.read_bytes() == before
    plan = plan_json(run, "data-analyst")
    assert "SQL" in skills_of(plan)
    assert {s["status"] for s in plan["steps"]} == {"todo"}
    ok(run("progress", "reset", "--yes"))  # nothing left to reset is fine


def test_resetting_twice_in_the_same_second_keeps_both_old_files(run, frozen_clock):
    ok(run("progress", "done", "sql"))
    first = progress_file().read_bytes()
    ok(run("progress", "reset", "--yes"))
    ok(run("progress", "done", "python"))
    second = progress_file().read_bytes()
    ok(run("progress", "reset", "--yes"))
    kept = sorted(b.read_bytes() for b in progress_file().parent.glob("progress.yaml*.bak"))
    assert kept == sorted([first, second]), "a .bak file was overwritten"


def test_corrupt_progress_file_is_reported_and_kept(run):
    progress_file().parent.mkdir(parents=True, exist_ok=True)
    progress_file().write_bytes(b"skills:\n  SQL: finished\n")
    for args in (
        ("plan", "data-analyst"),
        ("progress", "done", "python"),
        ("gap", "--skills", "x"),
    ):
        result = refused(run(*args))
        assert str(progress_file()) in result.stderr
    assert progress_file().read_bytes() == b"skills:\n  SQL: finished\n"


# --------------------------------------------------------------------------- several days


def test_following_a_plan_across_several_days(run):
    role = "data-analyst"
    name = ROLES[role]["name"]
    nice = [r["skill"] for r in ROLES[role]["skills"] if r["importance"] == "nice-to-have"]
    assert "R" in nice

    # Day 1: save skills and a target once, look at the plan, start on statistics.
    ok(run("profile", "set", "--skills", "sql, excel", "--target", "data analyst"))
    day1 = run("plan", "--format", "json")
    plan = json.loads(ok(day1).stdout)
    assert plan["role"]["id"] == role
    assert name in day1.stderr
    assert set(plan["known"]) == {"SQL", "Excel"}
    assert plan["fit"] == expected_fit(role, {"SQL", "Excel"})
    assert "statistics" in skills_of(plan)
    ok(run("progress", "learning", "statistics"))
    assert saved_progress()["skills"] == {"statistics": "learning"}

    # Day 2: the plan remembers; finish statistics and the first step.
    plan = plan_json(run)
    assert {i["skill"]: i["status"] for i in items_of(plan)}["statistics"] == "learning"
    ok(run("progress", "done", "statistics", f"{role}:1"))
    assert saved_progress() == {"skills": {"statistics": "done"}, "steps": {f"{role}:1": "done"}}
    plan = plan_json(run)
    assert "statistics" not in skills_of(plan)
    assert "statistics" in plan["known"]
    assert plan["steps"][0]["status"] == "done"
    assert plan["fit"] == expected_fit(role, {"SQL", "Excel", "statistics"})
    gap = json.loads(ok(run("gap", "--format", "json")).stdout)
    [row] = [r for r in gap["roles"] if r["id"] == role]
    assert row["fit"] == expected_fit(role, {"SQL", "Excel", "statistics"})
    table = ok(run("plan")).stdout
    known_line = next(ln for ln in table.splitlines() if ln.startswith("Already known"))
    assert "statistics" in known_line

    # Day 3: Python learned, R not wanted.
    ok(run("progress", "learning", "python"))
    ok(run("progress", "done", "python"))
    ok(run("progress", "skip", "R"))
    assert saved_progress() == {
        "skills": {"statistics": "done", "Python": "done", "R": "skip"},
        "steps": {f"{role}:1": "done"},
    }
    plan = plan_json(run)
    assert not {"statistics", "Python", "R"} & set(skills_of(plan))
    assert plan["skipped"] == ["R"]
    known = {"SQL", "Excel", "statistics", "Python"}
    assert set(plan["known"]) == known
    assert plan["fit"] == expected_fit(role, known)
    wanted = {r["skill"] for r in ROLES[role]["skills"]} - {"R"}
    assert plan["fit_after"] == expected_fit(role, wanted)

    # Day 4: changed their mind about R; a fresh start keeps nothing but the profile.
    ok(run("progress", "reset", "R"))
    assert "R" in skills_of(plan_json(run))
    ok(run("progress", "reset", "--yes"))
    plan = plan_json(run)
    assert set(plan["known"]) == {"SQL", "Excel"}
    assert {s["status"] for s in plan["steps"]} == {"todo"}


def test_plan_puts_what_your_listings_ask_for_first_within_a_stage(run, tmp_path):
    def stage_one() -> list[dict]:
        return plan_json(run, "data-analyst")["stages"][0]["items"]

    before = stage_one()
    required = [i["skill"] for i in before if i["importance"] == "required"]
    assert len(required) >= 2
    favourite = required[-1]  # the default order puts it last among the required
    listings = [
        {"id": f"p-{n}", "title": "Data Analyst", "company": f"Planco {n}",
         "description": f"Requirements: {favourite}."}
        for n in range(10)
    ]  # fmt: skip
    path = tmp_path / "da.json"
    path.write_text(json.dumps(listings), encoding="utf-8")
    assert run("jobs", "import", str(path)).exit_code == 0
    doc = plan_json(run, "data-analyst")
    assert doc["demand_listings"] == 10
    after = doc["stages"][0]["items"]
    assert after[0]["skill"] == favourite
    assert after[0]["demand"] == {"count": 10, "share": 1.0, "listings": 10}
    assert sorted(i["skill"] for i in after) == sorted(i["skill"] for i in before)
    markdown = ok(run("plan", "data-analyst", "--format", "markdown")).stdout
    assert f"| {favourite} | required; in 100% of your listings |" in markdown
    assert "your 10 stored Data Analyst listings" in " ".join(markdown.split())
