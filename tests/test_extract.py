"""The free-text extractor's rules, one shape each: boundaries, joined names, escapes, names that
need context, terms that name several skills, plural forms, evidence, the whole text read.
Expected skills are canonical names of data/skills.yaml, written here by hand."""

from __future__ import annotations

import pytest

from careercli.catalog import load_catalog
from careercli.documents import html_document
from careercli.extract import extract
from careercli.extract.requirements import title_level


@pytest.fixture(scope="module")
def cat():
    return load_catalog()


def skills(cat, text: str) -> set[str]:
    return {f.skill for f in extract(cat, text).found}


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        (
            "We modernise legacy applications and systems.\n* Design and build services",
            "system design",
        ),
        ("Experience in cloud, security and compliance reviews.", "cloud security"),
        ("Keep delivery risk low.\n- Management reporting to the board", "risk management"),
        (
            "Keep drawings current for each project.\n- Management of deliveries",
            "project management",
        ),
        ("Install wiring to plan and to code.\n- Review the work with the foreman", "code review"),
        ("Treasurer, Big Brothers Big              data issues now surface early", "big data"),
        ("## Skills\nPython\nBig\nData pipelines", "big data"),
    ],
)
def test_no_match_crosses_a_sentence_bullet_cell_or_line(cat, text, absent):
    assert absent not in skills(cat, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Production experience with PyTorch or Tensorflow/Keras.",
            {"PyTorch", "TensorFlow", "Keras"},
        ),
        ("Deep Unix/Linux knowledge.", {"Unix", "Linux"}),
        ("Build backend services in Python/Java", {"Python", "Java"}),
        ("Maintain the Prometheus/Grafana stack", {"Prometheus", "Grafana"}),
        ("3+ years of professional experience with C\\# and \\.NET", {"C#", ".NET"}),
        ("Develop perception software in C/C\\+\\+ on Linux", {"C", "C++", "Linux"}),
        (
            "Hands-on experience with LLMs, RAG and prompt engineering",
            {"large language models", "retrieval-augmented generation", "prompt engineering"},
        ),
        ("Help us replace our recommendation engine.", {"recommender systems"}),
        ("Strong excel: VLOOKUP, pivot tables", {"Excel", "VLOOKUP", "pivot tables"}),
        ("Python plus one compiled language: Go or Rust.", {"Python", "Go", "Rust"}),
        ("Fluency in R for statistical analysis", {"R", "statistics"}),
        ("A Go developer for our booking platform", {"Go"}),
        ("Docker-based deployment on AWS", {"Docker", "AWS"}),
        ("Construire des tableaux de bord dans Power BI", {"dashboard design", "Power BI"}),
        ("Write and tune SQL against Snowflake", {"SQL", "performance tuning", "Snowflake"}),
        ("Senior Software Engineer — Fintech startup (2021–present)", {"software engineering"}),
        ("Backend Developer, Acme Insurance, 2018-2021", {"software engineering"}),
        ("Built REST microservices in Java", {"REST APIs", "microservices", "Java"}),
    ],
)
def test_names_are_read_in_their_many_forms(cat, text, expected):
    assert expected <= skills(cat, text)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("We are the go-to place for numbers. Go to job sites daily.", "Go"),
        ("People who excel in ambiguity; she excels at it; an Excel-lent team player.", "Excel"),
        ("Spark your career with us. Spark plugs and coils.", "Apache Spark"),
        ("We reinvest in R&D and R\\&D every year.", "R"),
        ("The C-suite and a Class C licence; keep it at 2 °C.", "C"),
        ("Ask about our Dodge Dart and the Suzuki Swift in the shop.", "Dart"),
        ("Questions? Julia Okafor in Talent Acquisition can help.", "Julia"),
        ("Ruby the red panda and Ray, our cownose stingray.", "Ray"),
        ("Grew up in the Rust Belt.", "Rust"),
        ("Prepare 10 ml saline flushes.", "machine learning"),
        ("Reports to the ICU Nurse Manager.", "reporting"),
        ("Continuous hemodynamic monitoring of patients.", "monitoring and observability"),
        ("Regional networking events every month.", "computer networking"),
        ("Send your CV to us; an active TS/SCI clearance; PD days.", "computer vision"),
        ("Allergic to snowflake servers; HVAC airflow; Latex gloves.", "Snowflake"),
        ("Pay is $38/hr DOE.", "experimental design"),
        ("Maintain the Python enclosure for our reticulated python.", "Python"),
        ("Ironbridge Analytics Group is a federal contractor.", "data analysis"),
        ("Collect specimens for laboratory testing.", "testing"),
        ("Ability to prioritize tasks and react to changing priorities.", "React"),
        ("Rest and recovery matter; the rest of the week is yours.", "REST APIs"),
        ("Prototyped a model with the data science team.", "data science"),
        ("Join our machine learning team in Leeds.", "machine learning"),
    ],
)
def test_ordinary_words_are_not_read_as_names(cat, text, absent):
    assert absent not in skills(cat, text)


def test_terms_that_name_several_skills_need_a_cue(cat):
    assert "computer networking" in skills(cat, "Working knowledge of networking: DNS, TCP.")
    assert "monitoring and observability" in skills(cat, "Own the monitoring stack and its alerts.")
    assert not skills(cat, "Experience with slides and sheets.") & {
        "PowerPoint", "Google Slides", "Google Sheets", "spreadsheets"}  # fmt: skip


def test_every_skill_carries_the_sentence_it_came_from(cat):
    text = "About us. We sell books.\n\n## Requirements\n- Strong SQL and Python.\n\n## Nice to have\n- dbt."
    found = {f.skill: f for f in extract(cat, text).found}
    assert found["SQL"].evidence == "Strong SQL and Python."
    assert found["SQL"].importance == "required"
    assert found["dbt"].importance == "nice-to-have"
    assert found["dbt"].evidence == "dbt."


def test_inline_markers_make_a_clause_nice_to_have(cat):
    found = {f.skill: f.importance for f in extract(cat, "Strong PyTorch; JAX a plus.").found}
    assert found == {"PyTorch": "required", "JAX": "nice-to-have"}


def test_years_next_to_a_skill(cat):
    text = "Backend developer with 6 years of Java.\nLanguages: Kotlin (1 year), SQL (5+ years)\n5+ yrs Excel"
    years = {f.skill: f.years for f in extract(cat, text).found}
    # "Backend developer" is the work held (software engineering), with no years of its own
    assert years == {
        "Java": 6.0, "Kotlin": 1.0, "SQL": 5.0, "Excel": 5.0, "software engineering": None
    }  # fmt: skip


def test_the_whole_text_is_read(cat):
    text = ("Our company has a long history. " * 400) + "\n- Experience with Apache Flink."
    assert len(text) > 6000
    assert "Apache Flink" in skills(cat, text)


def test_html_pages_lose_scripts_styles_navigation_and_banners():
    title, text = html_document(
        "<html><head><title>Job | Acme</title><style>.graph-node{}</style>"
        "<script>gtag('js')</script></head><body><nav><a>Blog: why we left Hadoop</a></nav>"
        "<div class='cookie-banner'>We use site analytics</div><main><h1>Data Engineer</h1>"
        "<ul><li>Spark &amp; Kafka</li></ul></main><footer>Privacy</footer></body></html>"
    )
    assert title == "Data Engineer"
    assert "Hadoop" not in text and "analytics" not in text and "gtag" not in text
    assert "- Spark & Kafka" in text and "# Data Engineer" in text


def test_unclosed_tags_are_read_as_text_not_parsed_again_and_again():
    # HTMLParser rescans "<a<a<a..." from every "<"; such a "<" is turned into text first.
    _, text = html_document("<p>SQL</p>" + "<a" * 50_000)
    assert text.startswith("SQL") and "<a<a" in text
    _, text = html_document("<!--" * 20_000 + "<p>Python</p>")
    assert "Python" in text or text.startswith("<!--")


@pytest.mark.parametrize(
    ("title", "level"),
    [
        ("Senior Data Analyst — Retail", "senior"),
        ("SDE III – Backend (Java)", "senior"),
        ("Data Engineer II - Payments", "mid"),
        ("Journeyman Electrician", "mid"),
        ("Staff ML Platform Engineer", "lead"),
        ("Head of Data", "executive"),
        ("Account Executive, Mid-Market", None),
        ("DATA ANALYST INTERN (SUMMER 2027)", "intern"),
        ("Warehouse Associate", None),
    ],
)
def test_seniority_comes_from_the_title_only(title, level):
    assert title_level(title) == level
