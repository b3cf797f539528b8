"""`careercli gap` and `careercli skills` through the real Typer app (stdout and stderr apart).

Expected values come from data/*.yaml, the README's JSON documentation and issue 3's words.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

import clihelp
from clihelp import no_traceback
from reference import fit as ref_fit
from reference import load_yaml, professional, technical, weight

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
ANSI = re.compile("\x1b")
WIDE = {"COLUMNS": "250"}


def ok_json(result):
    assert clihelp.ok(result).stderr == ""
    return json.loads(result.stdout)


_load = load_yaml


TAXONOMY = _load(DATA / "skills.yaml")
SKILLS = {s["name"]: s for s in TAXONOMY["skills"]}
ROLES = {p.stem: _load(p) for p in sorted((DATA / "roles").glob("*.yaml"))}
WEIGHT = {"required": 3, "nice-to-have": 1}

# Keys issue 3 names for `gap --format json`.
ISSUE_TOP = {"inputs", "unrecognized", "roles"}
ISSUE_ROLE = {
    "id", "name", "fit", "required_met", "required_total", "matched", "missing",
    "certifications", "steps", "next_best",
}  # fmt: skip
ISSUE_MATCHED = {"input", "skill", "score", "how", "credit", "from"}
ISSUE_MISSING = {"skill", "importance", "certifications"}
RESOLVED_KEYS = {"input", "skill", "how", "score", "credit", "from", "suggestions"}
HOW = {"exact", "alias", "fuzzy", "kind_of", "implied"}


def words(text: str) -> str:
    """Table cells wrap; compare with all runs of whitespace folded to one space."""
    return " ".join(text.split())


def failed(result, code: int = 1) -> str:
    no_traceback(result)
    assert result.exit_code == code, (result.stdout, result.stderr)
    assert result.stdout == ""
    assert result.stderr.strip()
    return result.stderr


def gap_json(run, *args, **kw):
    return ok_json(run("gap", *args, "--format", "json", **kw))


# --------------------------------------------------------------------------- inputs


def test_skills_comma_separated(run):
    data = gap_json(run, "--skills", "sql, python,tableau")
    assert data["inputs"] == ["sql", "python", "tableau"]


def test_skills_repeatable(run):
    data = gap_json(run, "--skills", "sql, python", "--skills", "tableau", "-s", "excel")
    assert data["inputs"] == ["sql", "python", "tableau", "excel"]


def test_skills_file_one_per_line_and_comma_separated(run, tmp_path):
    lines = tmp_path / "lines.txt"
    lines.write_text("sql\npython\n\n  tableau  \n", encoding="utf-8")
    assert gap_json(run, "--skills-file", str(lines))["inputs"] == ["sql", "python", "tableau"]
    commas = tmp_path / "commas.txt"
    commas.write_text("sql, python; tableau\r\nexcel,\n", encoding="utf-8")
    assert gap_json(run, "--skills-file", str(commas))["inputs"] == [
        "sql",
        "python",
        "tableau",
        "excel",
    ]


def test_skills_file_with_byte_order_mark(run, tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffsql\npython\n".encode())
    data = gap_json(run, "--skills-file", str(path))
    assert data["inputs"] == ["sql", "python"]
    assert data["unrecognized"] == []


def test_skills_file_dash_reads_stdin(run):
    data = gap_json(run, "--skills-file", "-", input="sql\npython, tableau\n")
    assert data["inputs"] == ["sql", "python", "tableau"]


def test_skills_and_skills_file_together(run, tmp_path):
    path = tmp_path / "more.txt"
    path.write_text("tableau\nexcel\n", encoding="utf-8")
    data = gap_json(run, "--skills", "sql", "--skills", "python", "--skills-file", str(path))
    assert sorted(data["inputs"]) == sorted(["sql", "python", "tableau", "excel"])


@pytest.mark.parametrize("args", [[], ["--skills", ""], ["--skills", " , ;  ,"]])
def test_no_skills_is_an_error(run, args):
    err = failed(run("gap", *args))
    assert "skill" in err.lower()


def test_empty_skills_file_is_an_error(run, tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("\n \n,\n", encoding="utf-8")
    err = failed(run("gap", "--skills-file", str(path), "--format", "json"))
    assert "skill" in err.lower()


def test_binary_skills_file_is_refused(run, tmp_path):
    path = tmp_path / "skills.bin"
    path.write_bytes(b"python\x00\x01\x02sql\x00\xff\xfe")
    err = failed(run("gap", "--skills-file", str(path)))
    assert "binary" in err.lower()


def test_binary_stdin_is_refused(run):
    err = failed(run("gap", "--skills-file", "-", input=b"sql\x00python"))
    assert "binary" in err.lower()


def test_non_utf8_skills_file_is_refused(run, tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("sql\ncafé\nexcel\n".encode("latin-1"))
    err = failed(run("gap", "--skills-file", str(path), "--format", "json"))
    assert "utf-8" in err.lower()


@pytest.mark.parametrize("name", ["missing.txt", "."])
def test_unreadable_skills_file_is_a_clear_error(run, tmp_path, name):
    target = tmp_path / name
    err = failed(run("gap", "--skills-file", str(target)))
    assert "cannot read" in err.lower() or str(target) in err


def test_very_long_messy_input_answers(run, tmp_path):
    rng = random.Random(3)
    known = [n for s in SKILLS.values() for n in (s["name"], *(s.get("aliases") or ()))]
    known = [k for k in known if not set(",;") & set(k)]
    items = []
    for n in range(3000):
        kind = n % 4
        if kind == 0:
            items.append(rng.choice(known))
        elif kind == 1:
            items.append(rng.choice(known).upper())
        elif kind == 2:
            items.append(f"xx{rng.randrange(10**6)}junk")
        else:
            items.append(rng.choice(["SQL", "python", "Ｐｙｔｈｏｎ", "pyhton", "“Excel”", "k8s"]))
    path = tmp_path / "many.txt"
    path.write_text("\n".join(items) + "\n", encoding="utf-8")
    data = gap_json(run, "--skills-file", str(path), "--top", "0")
    assert data["inputs"] == items
    junk = {i for i in items if i.startswith("xx")}
    assert junk <= {u["input"] for u in data["unrecognized"]}
    assert len(data["roles"]) == len(ROLES)
    # the same list as one --skills value, as a table
    result = run("gap", "--skills", ", ".join(items))
    no_traceback(result)
    assert result.exit_code == 0, result.stderr


# --------------------------------------------------------------------------- JSON


def test_gap_json_has_every_key_the_issue_names(run):
    data = gap_json(run, "--skills", "sql, postgres, pyhton, exel, cooking", "--top", "0")
    assert set(data) >= ISSUE_TOP
    assert data["inputs"] == ["sql", "postgres", "pyhton", "exel", "cooking"]
    assert [u["input"] for u in data["unrecognized"]] == ["exel", "cooking"]
    for u in data["unrecognized"]:
        assert set(u) == {"input", "suggestions", "reason"}
        assert u["reason"] == "unknown"
        assert isinstance(u["suggestions"], list)
    assert "Excel" in data["unrecognized"][0]["suggestions"]
    assert len(data["roles"]) == len(ROLES)
    for role in data["roles"]:
        assert set(role) >= ISSUE_ROLE
        assert role["name"] == ROLES[role["id"]]["name"]
        assert 0 <= role["fit"] <= 100
        required = [s for s in technical(role["id"]) if s["importance"] == "required"]
        assert role["required_total"] == len(required)
        pro = [s for s in ROLES[role["id"]]["skills"] if professional(s)]
        assert [p["skill"] for p in role["professional_skills"]] == [s["skill"] for s in pro]
        assert 0 <= role["required_met"] <= role["required_total"]
        for m in role["matched"]:
            assert set(m) >= ISSUE_MATCHED
            assert m["how"] in HOW
            assert m["from"] == "input"
            assert (m["credit"] == 1.0) == (m["how"] != "implied")
        for g in role["missing"]:
            assert set(g) >= ISSUE_MISSING
            assert g["importance"] in {"required", "nice-to-have"}
            assert isinstance(g["certifications"], list)
        assert isinstance(role["certifications"], list)
        assert role["steps"] == ROLES[role["id"]]["steps"]
        assert role["next_best"] is None or {"skill", "fit"} <= set(role["next_best"])


def _readme_gap_keys() -> set[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.find("- `gap`:")
    assert start >= 0, "README documents no gap JSON"
    end = text.find("\n- `", start + 1)
    quoted = re.findall(r'"([a-z_]+)"|`([a-z_]+)`', text[start:end])
    return {a or b for a, b in quoted} - {"gap"}


def test_gap_json_keys_are_exactly_the_documented_ones(run, tmp_path):
    skills = "sql, postgres, pyhton, exel, tf, Python (advanced, 5 years), pytorch"
    listings = _analyst_listings(tmp_path / "da.json", 10, {"Excel": 10})
    assert run("jobs", "import", str(listings)).exit_code == 0  # so that `demand` has keys
    data = gap_json(
        run, "--skills", skills, "--top", "3", "--role", "lead ml engineer", "--role", "da",
        "--years", "2",
    )  # fmt: skip
    documented = _readme_gap_keys()
    emitted = set(data) | set(data["background"])
    for role in data["roles"]:
        emitted |= set(role)
        for part in ("matched", "missing", "professional_skills", "gates", "certifications"):
            for entry in role[part]:
                emitted |= set(entry)
        for gap in role["missing"]:
            for cert in gap["certifications"]:
                emitted |= set(cert)
            emitted |= set(gap["demand"] or ())
        emitted |= set(role["next_best"] or ())
    for part in ("unrecognized", "resolved"):
        for entry in data.get(part, ()):
            emitted |= set(entry)
    assert emitted - documented == set(), "undocumented keys"
    assert documented - emitted == set(), "documented keys missing"
    assert documented >= ISSUE_TOP | ISSUE_ROLE | ISSUE_MATCHED | ISSUE_MISSING


def test_gap_roles_sorted_by_fit_descending(run):
    data = gap_json(run, "--skills", "python, pytorch, docker, sql, statistics", "--top", "0")
    fits = [r["fit"] for r in data["roles"]]
    assert fits == sorted(fits, reverse=True)
    assert fits[0] > fits[-1]


def test_gap_json_matched_records_how(run):
    data = gap_json(run, "--skills", "sql, pyhton, postgres", "--role", "data analyst")
    (role,) = data["roles"]
    how = {m["skill"]: m for m in role["matched"]}
    assert (how["SQL"]["input"], how["SQL"]["how"]) == ("sql", "exact")
    assert how["Python"]["how"] == "fuzzy"
    assert 0 < how["Python"]["score"] < 100
    # postgres is an alias of PostgreSQL, which data-analyst does not list, so it adds nothing
    assert "PostgreSQL" not in how


def test_gap_json_derived_skills_say_how_and_credit(run):
    role_id = next(
        r
        for r, d in ROLES.items()
        if "SQL" in {s.get("skill") for s in d["skills"]}
        and "PostgreSQL" not in {s.get("skill") for s in d["skills"]}
    )
    data = gap_json(run, "--skills", "PostgreSQL", "--role", role_id)
    (role,) = data["roles"]
    (sql,) = [m for m in role["matched"] if m["skill"] == "SQL"]
    assert "SQL" in SKILLS["PostgreSQL"]["kind_of"]
    assert (sql["input"], sql["how"], sql["credit"], sql["via"]) == (
        "PostgreSQL",
        "kind_of",
        1.0,
        "PostgreSQL",
    )
    data = gap_json(run, "--skills", "PyTorch", "--role", "machine-learning-engineer")
    (role,) = data["roles"]
    (dl,) = [m for m in role["matched"] if m["skill"] == "deep learning"]
    assert (dl["how"], dl["credit"], dl["via"]) == ("implied", 0.5, "PyTorch")


def test_gap_json_fit_matches_documented_formula(run):
    role_id = "data-analyst"
    data = gap_json(run, "--skills", "SQL, Python, Excel, R", "--role", role_id)
    (role,) = data["roles"]
    expected = ref_fit(role_id, {"SQL", "Python", "Excel", "R"})
    assert role["fit"] == pytest.approx(expected, abs=0.051)


def test_gap_json_retired_certifications_never_appear(run):
    certs = _load(DATA / "certifications.yaml")["certifications"]
    retired = {c["name"] for c in certs if c["status"] != "current"}
    assert retired
    data = gap_json(run, "--skills", "python", "--top", "0")

    def names(certs):
        return {c["name"] for c in certs}

    for role in data["roles"]:
        assert not names(role["certifications"]) & retired, role["id"]
        for g in role["missing"]:
            assert not names(g["certifications"]) & retired, (role["id"], g["skill"])
        if role["next_best"]:
            assert not names(role["next_best"].get("certifications") or ()) & retired


# --------------------------------------------------------------------------- --role / --top


def test_role_restricts_and_is_repeatable_and_fuzzy(run):
    data = gap_json(run, "--skills", "sql", "--role", "data scientist")
    assert [r["id"] for r in data["roles"]] == ["data-scientist"]
    data = gap_json(run, "--skills", "sql", "--role", "data scientst")  # typo
    assert [r["id"] for r in data["roles"]] == ["data-scientist"]
    assert "MLE" in ROLES["machine-learning-engineer"]["aliases"]
    data = gap_json(run, "--skills", "sql", "-r", "MLE", "--role", "Data Analyst")
    assert sorted(r["id"] for r in data["roles"]) == ["data-analyst", "machine-learning-engineer"]


def test_role_details_shown_for_each_role_in_table(run):
    result = run("gap", "-s", "sql, python", "-r", "data analyst", "-r", "data engineer", env=WIDE)
    assert result.exit_code == 0, result.stderr
    text = words(result.stdout)
    for role_id in ("data-analyst", "data-engineer"):
        assert words(ROLES[role_id]["steps"][0]) in text


def test_unknown_role_exits_1_with_suggestions(run):
    err = failed(run("gap", "--skills", "sql", "--role", "senior"))
    assert "did you mean" in err.lower()
    seniors = [d["name"] for d in ROLES.values() if d["name"].startswith("Senior")]
    assert seniors
    assert any(name in err for name in seniors)


def test_unknown_role_without_near_name(run):
    err = failed(run("gap", "--skills", "sql", "--role", "astronaut"))
    assert "astronaut" in err


@pytest.mark.parametrize("n", [1, 3, 7])
def test_top_limits_the_ranking(run, n):
    everything = gap_json(run, "--skills", "sql, python, statistics", "--top", "0")
    assert len(everything["roles"]) == len(ROLES)
    data = gap_json(run, "--skills", "sql, python, statistics", "--top", str(n))
    assert [r["id"] for r in data["roles"]] == [r["id"] for r in everything["roles"][:n]]


def test_negative_top_is_a_usage_error(run):
    result = run("gap", "--skills", "sql", "--top", "-1")
    assert result.exit_code == 2
    no_traceback(result)


# --------------------------------------------------------------------------- table / markdown


def test_table_shows_ranking_details_next_best_steps_and_unrecognised(run):
    skills = "sql, python, tableau, postgres, pyhton, exel"
    data = gap_json(run, "--skills", skills)
    best = data["roles"][0]
    result = run("gap", "--skills", skills, env=WIDE)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert not ANSI.search(result.stdout)
    text = words(result.stdout)
    for role in data["roles"]:
        assert role["name"] in text
    assert f"{best['required_met']} of {best['required_total']}" in text
    for g in best["missing"]:
        assert g["skill"] in text
    assert best["next_best"]["skill"] in text
    for step in best["steps"]:
        assert words(step) in text
    (exel,) = [line for line in result.stdout.splitlines() if "exel" in line]
    assert "Excel" in exel


def test_explain_shows_resolution_and_fit_formula(run):
    args = ["gap", "--skills", "sql, k8s, pyhton, cooking", "--role", "data analyst"]
    plain = run(*args, env=WIDE)
    explained = run(*args, "--explain", env=WIDE)
    assert plain.exit_code == explained.exit_code == 0
    # k8s (Kubernetes) is no data-analyst skill: only the resolution table can show it
    assert "Kubernetes" not in plain.stdout
    (k8s,) = [line for line in explained.stdout.splitlines() if "k8s" in line]
    assert "Kubernetes" in k8s and "alias" in k8s
    (typo,) = [line for line in explained.stdout.splitlines() if "pyhton" in line][:1]
    assert "Python" in typo and "fuzzy" in typo
    total = sum(weight(s) for s in technical("data-analyst"))
    fit = round(ref_fit("data-analyst", {"SQL", "Python"}), 1)
    formula = [
        line
        for line in explained.stdout.splitlines()
        if str(total) in line and f"{fit:g}" in line and "100" in line
    ]
    assert formula, explained.stdout
    assert not [
        line
        for line in plain.stdout.splitlines()
        if str(total) in line and f"{fit:g}" in line and "100" in line
    ]


def test_markdown_output(run):
    data = gap_json(run, "--skills", "sql, python, exel", "--top", "3")
    result = run("gap", "--skills", "sql, python, exel", "--top", "3", "--format", "markdown")
    assert result.exit_code == 0, result.stderr
    assert not ANSI.search(result.stdout)
    rows = [line for line in result.stdout.splitlines() if line.startswith("|")]
    for role in data["roles"]:
        assert any(role["name"] in row for row in rows), role["name"]
    assert any("exel" in row and "Excel" in row for row in rows)
    assert re.search(r"^\|\s*-+\s*\|", result.stdout, re.M)


# --------------------------------------------------------------------------- skills


def test_skills_without_argument_lists_taxonomy_json(run):
    data = ok_json(run("skills", "--format", "json"))
    assert set(data) == {"categories", "skills", "ambiguous"}
    assert data["categories"] == TAXONOMY["categories"]
    assert data["ambiguous"] == TAXONOMY["ambiguous"]
    assert {s["name"] for s in data["skills"]} == set(SKILLS)
    professional = set(TAXONOMY["professional_categories"])
    for s in data["skills"]:
        assert set(s) == {
            "name",
            "category",
            "aliases",
            "kind_of",
            "implies",
            "prerequisites",
            "effort_hours",
            "professional",
        }
        src = SKILLS[s["name"]]
        assert s["category"] == src["category"]
        assert s["category"] in data["categories"]
        assert s["aliases"] == list(src.get("aliases") or ())
        assert s["kind_of"] == list(src.get("kind_of") or ())
        assert s["implies"] == list(src.get("implies") or ())
        assert s["prerequisites"] == list(src.get("prerequisites") or ())
        assert s["effort_hours"] == src["effort_hours"]
        assert s["professional"] == (src["category"] in professional)


def test_skills_without_argument_table_by_category(run):
    result = run("skills", env=WIDE)
    assert result.exit_code == 0, result.stderr
    assert not ANSI.search(result.stdout)
    text = words(result.stdout)
    for title in TAXONOMY["categories"].values():
        assert title in text
    for name in SKILLS:
        assert name in text


def test_skills_with_arguments_json(run):
    data = ok_json(run("skills", "pyhton, k8s, cooking", "--format", "json"))
    assert set(data) == {"resolved"}
    resolved = data["resolved"]
    assert [r["input"] for r in resolved] == ["pyhton", "k8s", "cooking"]
    for r in resolved:
        assert set(r) == RESOLVED_KEYS | ({"reason"} if r["skill"] is None else set())
    pyhton, k8s, cooking = resolved
    assert (pyhton["skill"], pyhton["how"]) == ("Python", "fuzzy")
    assert 0 < pyhton["score"] < 100
    assert "k8s" in SKILLS["Kubernetes"]["aliases"]
    assert (k8s["skill"], k8s["how"]) == ("Kubernetes", "alias")
    assert (cooking["skill"], cooking["how"], cooking["score"]) == (None, None, None)
    assert isinstance(cooking["suggestions"], list)


def test_skills_several_arguments_and_suggestions(run):
    data = ok_json(run("skills", "exel", "ＳＱＬ; C#", "--format", "json"))
    got = {r["input"]: r for r in data["resolved"]}
    assert list(got) == ["exel", "ＳＱＬ", "C#"]
    assert got["exel"]["skill"] is None
    assert "Excel" in got["exel"]["suggestions"]
    assert (got["ＳＱＬ"]["skill"], got["ＳＱＬ"]["how"]) == ("SQL", "exact")
    assert (got["C#"]["skill"], got["C#"]["how"]) == ("C#", "exact")


def test_skills_with_arguments_table(run):
    result = run("skills", "pyhton, k8s, cooking", env=WIDE)
    assert result.exit_code == 0, result.stderr
    assert not ANSI.search(result.stdout)
    lines = result.stdout.splitlines()
    (pyhton,) = [line for line in lines if "pyhton" in line]
    assert "Python" in pyhton and "fuzzy" in pyhton
    (k8s,) = [line for line in lines if "k8s" in line]
    assert "Kubernetes" in k8s and "alias" in k8s
    (cooking,) = [line for line in lines if "cooking" in line]
    assert "Python" not in cooking and "Kubernetes" not in cooking


def test_skills_markdown(run):
    result = run("skills", "pyhton, cooking", "--format", "markdown")
    assert result.exit_code == 0, result.stderr
    rows = [line for line in result.stdout.splitlines() if line.startswith("|")]
    assert any("pyhton" in row and "Python" in row for row in rows)
    assert any("cooking" in row for row in rows)


# --------------------------------------------------------------------------- demand


def _analyst_listings(path: Path, count: int, asks: dict[str, int]) -> Path:
    """`count` Data Analyst listings in careercli's JSON layout; skill k is asked for by the
    first asks[k] of them."""
    listings = []
    for n in range(count):
        named = [skill for skill, k in asks.items() if n < k]
        listings.append(
            {
                "id": f"da-{n}",
                "title": "Data Analyst",
                "company": f"Testco {n}",
                "location": "Remote",
                "posted": "2026-10-01",
                "description": "Requirements: " + ", ".join(named) + ".",
            }
        )
    path.write_text(json.dumps(listings), encoding="utf-8")
    return path


def _analyst_gaps(run) -> list[dict]:
    data = gap_json(run, "--skills", "statistics", "--role", "data analyst")
    return data["roles"][0]["missing"]


def test_gaps_follow_the_demand_in_your_listings(run, tmp_path):
    before = [g["skill"] for g in _analyst_gaps(run)]
    asks = {"Excel": 12, "Python": 9, "SQL": 3}
    assert [s for s in before if s in asks] != list(asks), "the default order already agrees"
    imported = run("jobs", "import", str(_analyst_listings(tmp_path / "da.json", 12, asks)))
    assert imported.exit_code == 0, imported.stderr
    missing = _analyst_gaps(run)
    required = [g for g in missing if g["importance"] == "required"]
    assert [g["skill"] for g in required[:3]] == list(asks)
    for g in required[:3]:
        assert g["demand"] == {
            "count": asks[g["skill"]],
            "share": round(asks[g["skill"]] / 12, 4),
            "listings": 12,
        }
    assert all(g["demand"]["count"] == 0 for g in required[3:])
    md = run("gap", "--skills", "statistics", "--role", "data analyst", "--format", "markdown")
    assert "most asked for in your 12 listings first" in md.stdout
    assert "| Python<br>in 75% of your listings |" in md.stdout  # 9 of 12


def test_too_few_listings_leave_the_order_and_say_so(run, tmp_path):
    before = _analyst_gaps(run)
    listings = _analyst_listings(tmp_path / "da.json", 4, {"SQL": 4})
    assert run("jobs", "import", str(listings)).exit_code == 0
    after = _analyst_gaps(run)
    assert [g["skill"] for g in after] == [g["skill"] for g in before]
    assert all(g["demand"] is None for g in after)
    table = " ".join(run("gap", "--skills", "statistics", "--role", "data analyst").stdout.split())
    assert "Only 4 of your stored listings are Data Analyst listings" in table
