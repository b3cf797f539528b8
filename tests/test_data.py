"""The bundled catalog is data, and data is code: complete, consistent, current and sourced.

Expectations come from the data files themselves (read here with a plain safe loader), the issue's
wording and the seed article, never from what the code under test computes.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

import pytest

from careercli.catalog import load_catalog, validate
from reference import load_yaml

DATA = Path(__file__).resolve().parent.parent / "data"

# Issue 2, "Catalog content": the roles it names, by id.
ISSUE_ROLE_IDS = [
    "data-analyst",
    "lead-machine-learning-engineer",
    "data-scientist",
    "senior-data-scientist",
    "data-engineer",
    "analytics-engineer",
    "business-intelligence-analyst",
    "business-analyst",
    "product-analyst",
    "machine-learning-engineer",
    "mlops-engineer",
    "ai-engineer",
    "research-scientist-ml",
    "nlp-engineer",
    "computer-vision-engineer",
    "data-architect",
    "database-administrator",
    "statistician",
    "quantitative-analyst",
    "cloud-engineer",
    "software-development-engineer",
    "devops-engineer",
    "data-science-manager",
    "professor-applied-mathematics-ai",
]

# Issue 2: "It contains at least: ..." (copied verbatim).
ISSUE_SKILLS = [
    "SQL", "NoSQL", "PostgreSQL", "MySQL", "Python", "R", "Java", "JavaScript", "TypeScript",
    "Scala", "Go", "C", "C++", "C#", "Rust", "MATLAB", "Excel", "Google Sheets", "Tableau",
    "Power BI", "Looker Studio", "Looker", "pandas", "NumPy", "Matplotlib", "scikit-learn",
    "TensorFlow", "PyTorch", "Keras", "Jupyter", "Git", "Docker", "Kubernetes", "AWS", "Azure",
    "Google Cloud", "AWS SageMaker", "Azure Machine Learning", "Vertex AI", "Apache Spark",
    "Apache Airflow", "dbt", "Apache Kafka", "Snowflake", "Databricks", "ETL", "data modeling",
    "data cleaning", "statistics", "data visualization", "machine learning", "deep learning",
    "natural language processing", "computer vision", "MLOps", "feature engineering",
    "A/B testing", "communication", "leadership", "project management", "critical thinking",
    "stakeholder management", "PowerPoint",
]  # fmt: skip

# Sections a complete role fills (certifications may be empty for academic roles).
SECTIONS = [
    "name",
    "track",
    "level",
    "summary",
    "definition",
    "responsibilities",
    "skills",
    "education",
    "tools",
    "industries",
    "outlook",
    "steps",
    "related",
    "soc",
    "sources",
    "reviewed",
]
ACADEMIC_TRACKS = {"academia"}


_load = load_yaml


@cache
def role_docs() -> dict[str, dict]:
    out = {}
    for path in sorted((DATA / "roles").glob("*.y*ml")):
        out[path.stem] = _load(path)
    return out


@cache
def skill_docs() -> list[dict]:
    return _load(DATA / "skills.yaml")["skills"]


@cache
def cert_docs() -> dict[str, dict]:
    return {c["name"]: c for c in _load(DATA / "certifications.yaml")["certifications"]}


ROLE_FILES = sorted(role_docs())


# --------------------------------------------------------------------------- loader


def test_every_bundled_file_validates():
    problems, counts = validate(None)
    assert [str(p) for p in problems] == []
    assert counts["roles"] == len(role_docs())
    assert counts["skills"] == len(skill_docs())
    assert counts["certifications"] == len(cert_docs())


def test_bundled_catalog_loads_every_role():
    cat = load_catalog(None, use_cache=False)
    assert sorted(cat.role_ids) == sorted(d["id"] for d in role_docs().values())


# --------------------------------------------------------------------------- roles


def test_at_least_22_roles():
    assert len(role_docs()) >= 22


@pytest.mark.parametrize("role_id", ISSUE_ROLE_IDS)
def test_issue_role_exists(role_id):
    assert role_id in role_docs(), f"data/roles/{role_id}.yaml is missing"


def test_role_ids_unique_and_match_file_names():
    ids = [d["id"] for d in role_docs().values()]
    assert len(ids) == len(set(ids))
    for stem, doc in role_docs().items():
        assert doc["id"] == stem


def test_role_names_and_aliases_are_unambiguous():
    owner: dict[str, str] = {}
    clashes = []
    for doc in role_docs().values():
        for name in {doc["name"].casefold(), *(a.casefold() for a in doc.get("aliases") or ())}:
            if name in owner and owner[name] != doc["id"]:
                clashes.append((name, owner[name], doc["id"]))
            owner.setdefault(name, doc["id"])
    assert clashes == []


def _empty(value) -> bool:
    if value is None:
        return True
    if isinstance(value, (str, list, dict)):
        return not value or (isinstance(value, str) and not value.strip())
    return False


@pytest.mark.parametrize("role_id", ROLE_FILES)
def test_role_is_complete(role_id):
    doc = role_docs()[role_id]
    empty = [s for s in SECTIONS if _empty(doc.get(s))]
    assert empty == [], f"{role_id}: empty sections {empty}"
    if doc["track"] not in ACADEMIC_TRACKS:
        assert doc.get("certifications"), f"{role_id}: no certifications"
    assert isinstance(doc["reviewed"], dt.date)
    assert doc["outlook"]["summary"].strip()
    assert doc["outlook"]["figures"], f"{role_id}: outlook has no figures"
    for figure in doc["outlook"]["figures"]:
        assert figure["source"].strip() and figure["period"].strip()
    for category, tools in doc["tools"].items():
        assert tools, f"{role_id}: tools category {category!r} is empty"
    assert len(doc["responsibilities"]) >= 3
    assert len(doc["steps"]) >= 3
    assert any(s["importance"] == "required" for s in doc["skills"])


@pytest.mark.parametrize("role_id", ROLE_FILES)
def test_role_names_only_known_skills_and_certifications(role_id):
    doc = role_docs()[role_id]
    skills = {s["name"] for s in skill_docs()}
    named = [name for s in doc["skills"] for name in s.get("one_of") or [s["skill"]]]
    named += [t for tools in doc["tools"].values() for t in tools]
    assert [s for s in named if s not in skills] == []
    assert [c for c in doc.get("certifications") or () if c not in cert_docs()] == []


def test_no_role_relates_to_itself():
    selfish = [
        d["id"] for d in role_docs().values() if d["id"] in {r["role"] for r in d["related"]}
    ]
    assert selfish == []


def test_related_roles_exist():
    missing = [
        (d["id"], r["role"])
        for d in role_docs().values()
        for r in d["related"]
        if r["role"] not in role_docs()
    ]
    assert missing == []


def test_ladders_link_both_ways():
    """If A says B is one step up, B says A is one step down, and the other way round."""
    opposite = {"up": "down", "down": "up"}
    docs = role_docs()
    broken = []
    for doc in docs.values():
        for rel in doc["related"]:
            if rel["relation"] not in opposite or rel["role"] not in docs:
                continue
            back = [r["relation"] for r in docs[rel["role"]]["related"] if r["role"] == doc["id"]]
            if opposite[rel["relation"]] not in back:
                broken.append(
                    f"{doc['id']} says {rel['role']} is {rel['relation']}; "
                    f"{rel['role']} says {doc['id']} is {back or 'nothing'}"
                )
    assert broken == [], "\n".join(broken)


def test_ladder_variants_exist_where_the_ladder_matters():
    # "Include junior/senior/lead variants where the ladder matters, linked through related."
    levels = {d["level"] for d in role_docs().values()}
    assert {"junior", "senior", "lead"} <= levels
    for doc in role_docs().values():
        if doc["level"] in {"junior", "senior", "lead"}:
            assert any(r["relation"] in {"up", "down"} for r in doc["related"]), doc["id"]


# --------------------------------------------------------------------------- skills


def test_taxonomy_contains_every_skill_the_issue_lists():
    names = {s["name"] for s in skill_docs()}
    assert [s for s in ISSUE_SKILLS if s not in names] == []


def test_skill_names_and_aliases_unique():
    seen: dict[str, str] = {}
    clashes = []
    for skill in skill_docs():
        for key in {skill["name"].casefold(), *(a.casefold() for a in skill.get("aliases") or ())}:
            if key in seen and seen[key] != skill["name"]:
                clashes.append((key, seen[key], skill["name"]))
            seen.setdefault(key, skill["name"])
    assert clashes == []


# --------------------------------------------------------------------------- certifications


def test_retired_certifications_have_a_retired_date_and_current_ones_do_not():
    for cert in cert_docs().values():
        if cert["status"] == "retired":
            assert isinstance(cert.get("retired"), dt.date), cert["name"]
        else:
            assert cert["status"] == "current", cert["name"]
            assert not cert.get("retired"), cert["name"]


def test_successors_exist_and_are_current():
    for cert in cert_docs().values():
        for successor in cert.get("replaced_by") or ():
            assert successor in cert_docs(), (cert["name"], successor)
            assert cert_docs()[successor]["status"] == "current", (cert["name"], successor)


def test_certifications_are_sourced_and_reviewed():
    for cert in cert_docs().values():
        assert cert["sources"], cert["name"]
        assert isinstance(cert["reviewed"], dt.date), cert["name"]
        assert cert["skills"], cert["name"]


# --------------------------------------------------------------------------- seed facts


def _tools(role_id: str) -> set[str]:
    return {t for tools in role_docs()[role_id]["tools"].values() for t in tools}


def _skills(role_id: str) -> set[str]:
    """Every skill a role names, counting each member of a one-of group."""
    return {
        name for s in role_docs()[role_id]["skills"] for name in s.get("one_of") or [s["skill"]]
    }


def test_data_analyst_uses_looker_studio_not_google_data_studio():
    assert "Looker Studio" in _tools("data-analyst")
    names = {s["name"].casefold() for s in skill_docs()}
    assert "google data studio" not in names
    looker = next(s for s in skill_docs() if s["name"] == "Looker Studio")
    # people still type the old name: it should resolve to Looker Studio
    assert "google data studio" in {a.casefold() for a in looker.get("aliases") or ()}
    doc = role_docs()["data-analyst"]
    assert "Google Data Studio" not in _tools("data-analyst") | _skills("data-analyst")
    assert "Google Data Studio" not in " ".join(doc["education"] + doc["steps"])


def test_data_analyst_has_the_pl300_certification():
    codes = {cert_docs()[c].get("code") for c in role_docs()["data-analyst"]["certifications"]}
    assert "PL-300" in codes
    pl300 = next(c for c in cert_docs().values() if c.get("code") == "PL-300")
    assert pl300["status"] == "current"
    assert "Power BI Data Analyst Associate" in pl300["name"]


def test_lead_mle_aws_ml_specialty_is_retired_and_its_successor_is_listed_instead():
    # The seed article named AWS Machine Learning - Specialty; it retired on 2026-03-31, so the
    # role now lists its current successor instead (retired certifications are never recommended).
    name = "AWS Certified Machine Learning - Specialty"
    cert = cert_docs()[name]
    assert cert["status"] == "retired"
    assert cert["retired"] == dt.date(2026, 3, 31)
    successors = cert.get("replaced_by") or []
    assert successors
    assert all(cert_docs()[s]["status"] == "current" for s in successors)
    listed = role_docs()["lead-machine-learning-engineer"]["certifications"]
    assert name not in listed
    assert set(successors) & set(listed)


def test_no_role_lists_a_retired_certification():
    for role_id, doc in role_docs().items():
        retired = [
            c for c in doc.get("certifications") or () if cert_docs()[c]["status"] != "current"
        ]
        assert retired == [], role_id


def test_certification_names_do_not_repeat_their_code():
    # The UI shows "name (code)"; a name that already ends in "(code)" would show it twice.
    for cert in cert_docs().values():
        code = cert.get("code")
        if code:
            assert f"({code})" not in cert["name"], cert["name"]


# The seed article's sections, as canonical names (Google Data Studio is now Looker Studio,
# Google Cloud AI is Vertex AI, "Jupyter Notebooks" is Jupyter).
SEED_TOOLS = {
    "data-analyst": {
        "Tableau", "Power BI", "Looker Studio", "R", "Python", "pandas", "Matplotlib", "SQL",
        "Excel", "Google Sheets",
    },
    "lead-machine-learning-engineer": {
        "TensorFlow", "PyTorch", "scikit-learn", "Jupyter", "Git", "Docker", "AWS SageMaker",
        "Vertex AI", "Azure Machine Learning",
    },
}  # fmt: skip
SEED_SKILLS = {
    "data-analyst": {
        "statistics", "data visualization", "SQL", "Python", "R", "communication",
        "critical thinking",
    },
    "lead-machine-learning-engineer": {
        "machine learning", "TensorFlow", "PyTorch", "Python", "Java", "C++",
        "feature engineering", "AWS", "Azure", "leadership", "project management",
    },
}  # fmt: skip
SEED_INDUSTRIES = {
    "data-analyst": ["finance", "marketing", "healthcare", "retail", "government"],
    "lead-machine-learning-engineer": [
        "technology", "automotive", "healthcare", "finance", "telecommunications",
    ],
}  # fmt: skip


@pytest.mark.parametrize("role_id", sorted(SEED_TOOLS))
def test_seed_tools_skills_and_industries_carried_over(role_id):
    assert SEED_TOOLS[role_id] <= _tools(role_id)
    assert SEED_SKILLS[role_id] <= _skills(role_id)
    industries = " ".join(role_docs()[role_id]["industries"]).casefold()
    assert [i for i in SEED_INDUSTRIES[role_id] if i not in industries] == []


@pytest.mark.parametrize("role_id", sorted(SEED_TOOLS))
def test_seed_sections_are_all_there(role_id):
    doc = role_docs()[role_id]
    # the seed has five responsibilities, two education lines and three steps per role
    assert len(doc["responsibilities"]) >= 5
    assert len(doc["education"]) >= 2
    assert len(doc["steps"]) >= 3
    assert len(doc["industries"]) >= 5


def test_seed_outlook_figure_is_attributed_to_its_source_and_period():
    figures = role_docs()["data-analyst"]["outlook"]["figures"]
    seed = [f for f in figures if str(f["value"]).startswith("25")]
    assert seed, "the seed's 25% projection is missing"
    assert seed[0]["period"] == "2020-2030"
    assert "seed" in seed[0]["source"].casefold() or "bls" in seed[0]["source"].casefold()


@pytest.mark.parametrize("role_id", sorted(SEED_TOOLS))
def test_current_bls_projection_with_period_and_soc(role_id):
    figures = role_docs()[role_id]["outlook"]["figures"]
    bls = [f for f in figures if "bls" in f["source"].casefold() and f.get("soc")]
    assert bls, f"{role_id}: no BLS figure with a SOC code"
    assert all(f["period"] != "2020-2030" for f in bls)
    assert {f["soc"] for f in bls} <= set(role_docs()[role_id]["soc"])
