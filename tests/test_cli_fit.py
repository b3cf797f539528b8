"""`careercli fit JOB`, `gap --resume` and `profile set --resume` through the real app: files of
every kind (made here: text, Markdown, HTML, PDF with a text layer, DOCX), standard input, a
stored listing, the JSON keys issue 14 names, and clear errors for files that cannot be read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from docmaker import encrypt_pdf, make_docx, make_pdf
from reference import load_yaml

ROOT = Path(__file__).resolve().parent.parent
ADS = ROOT / "tests" / "data" / "extraction" / "ads"
CVS = ROOT / "tests" / "data" / "extraction" / "resumes"
LABELS = load_yaml(ADS.parent / "labels.yaml")
_TAXONOMY = load_yaml(ROOT / "data" / "skills.yaml")
CATEGORY = {s["name"]: s["category"] for s in _TAXONOMY["skills"]}
PROFESSIONAL = set(_TAXONOMY["professional_categories"])

AD_LINES = [
    "Senior Data Engineer",
    "Requirements",
    "- 5+ years of experience in data engineering",
    "- Strong Python and SQL; Apache Airflow",
    "- Bachelor's degree in Computer Science",
    "Nice to have",
    "- Terraform",
    "Must be authorized to work in the United States.",
]


def ok(result):
    assert result.exit_code == 0, result.stderr
    return result


def ok_json(result):
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def failed(result):
    assert result.exit_code == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    return result.stderr


def test_fit_json_has_the_keys_the_issue_names(run):
    ad = ADS / "01-senior-data-analyst-retail.md"
    data = ok_json(run("fit", str(ad), "--skills", "sql, tableau", "--format", "json"))
    assert {"job", "inputs", "fit", "matched", "missing", "gates"} <= set(data)
    job = data["job"]
    assert {"title", "level", "skills", "years", "education", "authorization"} <= set(job)
    label = LABELS["ads"][ad.name]
    assert job["title"] == label["title"]
    assert job["level"] == label["level"]
    assert (
        job["years"]["min"] == label["years"]
        and label["years_evidence"] in job["years"]["evidence"]
    )
    assert job["education"]["level"] == label["degree"]
    assert label["authorization"] in job["authorization"]["text"]
    for s in job["skills"]:
        assert set(s) == {"skill", "importance", "evidence"}
        assert s["importance"] in ("required", "nice-to-have")
    named = {s["skill"]: s["importance"] for s in job["skills"]}
    assert named["Python"] == "nice-to-have" and named["SQL"] == "required"
    for m in data["matched"]:
        assert {"skill", "how", "credit", "from"} <= set(m)
    assert {m["skill"] for m in data["matched"]} >= {"SQL", "Tableau"}
    for g in data["missing"]:
        assert {"skill", "importance", "certifications"} <= set(g)
    for g in data["gates"]:
        assert set(g) >= {"kind", "need", "met"}
    assert 0 < data["fit"] < 100


def test_fit_uses_gaps_formula_over_the_ads_technical_skills(run):
    data = ok_json(
        run("fit", "-", "--skills", "python", "--format", "json", input="\n".join(AD_LINES))
    )
    weights = {"required": 3, "nice-to-have": 1}
    named = {s["skill"] for s in data["job"]["skills"]}
    assert {"Python", "SQL", "Apache Airflow", "Terraform"} <= named
    techn = [s for s in data["job"]["skills"] if CATEGORY[s["skill"]] not in PROFESSIONAL]
    total = sum(weights[s["importance"]] for s in techn)
    # Python is the only skill given, and none of the others is a kind of it or evidenced by it
    assert data["fit"] == round(100 * 3 / total, 1)
    assert [g["skill"] for g in data["missing"]][-1] == "Terraform"  # nice-to-have last


def test_fit_reads_html_pdf_and_docx(run, tmp_path):
    html = ADS / "06-mlops-engineer-insurance.html"
    data = ok_json(run("fit", str(html), "--skills", "python", "--format", "json"))
    assert data["job"]["title"] == "MLOps Engineer"
    assert "Google Analytics" not in {s["skill"] for s in data["job"]["skills"]}
    pdf = tmp_path / "ad.pdf"
    pdf.write_bytes(make_pdf([AD_LINES[:4], AD_LINES[4:]]))
    data = ok_json(run("fit", str(pdf), "--skills", "python", "--format", "json"))
    assert {"Python", "SQL", "Apache Airflow", "Terraform"} <= {
        s["skill"] for s in data["job"]["skills"]
    }
    assert data["job"]["years"]["min"] == 5
    docx = tmp_path / "ad.docx"
    docx.write_bytes(
        make_docx(
            [
                ("h", "Requirements"),
                ("li", "Strong Python and SQL"),
                ("h", "Nice to have"),
                ("li", "Terraform"),
            ]
        )
    )
    data = ok_json(run("fit", str(docx), "--skills", "python", "--format", "json"))
    named = {s["skill"]: s["importance"] for s in data["job"]["skills"]}
    assert named == {"Python": "required", "SQL": "required", "Terraform": "nice-to-have"}


def test_fit_a_stored_listing_by_id(run):
    listing = ok_json(run("jobs", "--format", "json", "--limit", "1"))["jobs"][0]
    data = ok_json(run("fit", listing["id"], "--skills", "sql", "--format", "json"))
    assert data["job"]["title"] == listing["title"]
    assert data["job"]["source"] == listing["id"]


def test_fit_with_a_resume_labels_its_inputs_and_evidence(run, tmp_path):
    cv = tmp_path / "cv.pdf"
    cv.write_bytes(
        make_pdf([["Jane Example", "Skills: Python (5 years), SQL", "Built Airflow DAGs"]])
    )
    data = ok_json(
        run("fit", "-", "--resume", str(cv), "--format", "json", input="\n".join(AD_LINES))
    )
    by_skill = {i["skill"]: i for i in data["inputs"]}
    assert by_skill["Python"]["from"] == "resume" and by_skill["Python"]["years"] == 5
    assert by_skill["Python"]["evidence"] == "Skills: Python (5 years), SQL"
    assert {m["from"] for m in data["matched"]} == {"resume"}


def test_fit_falls_back_to_the_profile_and_says_so(run):
    assert run("profile", "set", "--skills", "python, sql").exit_code == 0
    result = run("fit", str(ADS / "01-senior-data-analyst-retail.md"), "--format", "json")
    data = ok_json(result)
    assert "profile" in result.stderr
    assert {i["from"] for i in data["inputs"]} == {"profile"}


def test_fit_table_markdown_explain_and_export(run, tmp_path):
    ad = str(ADS / "11-site-reliability-engineer.txt")
    table = run("fit", ad, "--skills", "python, kubernetes", "--explain")
    assert table.exit_code == 0 and "At least five years" in table.stdout
    md = run("fit", ad, "--skills", "python", "--format", "markdown")
    assert md.exit_code == 0 and md.stdout.startswith("## The ad")
    out = tmp_path / "fit.html"
    assert run("fit", ad, "--skills", "python", "--export", str(out)).exit_code == 0
    assert "Terraform" in out.read_text(encoding="utf-8")


def test_gates_use_the_profile_when_it_says(run, tmp_path, monkeypatch):
    from careercli import jobfit
    from careercli.background import Person
    from careercli.extract.requirements import Degree, Requirements, Years

    req = Requirements("x", None, Years(5, "5+ years"), Degree("bachelor", "BS"), None, None, None)
    gates = {g.kind: g.met for g in jobfit._gates(req, Person(2.0, "master"))}
    assert gates == {"years": False, "education": True}
    # a stated level stands for its years when no years are given (senior: 6)
    gates = {g.kind: g.met for g in jobfit._gates(req, Person(None, "phd", "senior"))}
    assert gates == {"years": True, "education": True}
    assert {g.kind: g.met for g in jobfit._gates(req, None)} == {"years": None, "education": None}


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("scan.pdf", make_pdf([["x"]], text=False), "no text layer"),
        ("locked.pdf", encrypt_pdf(make_pdf([["Python"]])), "password-protected"),
        ("fake.pdf", b"just some text", "named like a PDF"),
        ("fake.docx", b"%PDF-1.4 not really", "named like a Word document"),
        ("notes.txt", make_pdf([["Python"]]), "named like a text file"),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "Word 97-2003"),
    ],
)
def test_unreadable_files_are_clear_errors(run, tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    assert message in failed(run("fit", str(path), "--skills", "sql"))
    assert message in failed(run("gap", "--resume", str(path)))


def test_unknown_job_is_a_clear_error(run):
    assert "neither a file nor the id" in failed(run("fit", "no-such-listing", "--skills", "sql"))


def test_gap_resume_labels_inputs_from_the_resume_with_evidence(run):
    cv = CVS / "13-software-engineer-to-ml.txt"
    data = ok_json(run("gap", "--resume", str(cv), "--format", "json"))
    resolved = {r["skill"]: r for r in data["resolved"]}
    assert resolved["Java"]["from"] == "resume" and resolved["Java"]["years"] == 5
    assert resolved["Java"]["evidence"] == "Java -- 5+ yrs Java (Spring Boot, JUnit)"
    assert "Rust" not in resolved  # "Grew up in the Rust Belt"
    for r in data["resolved"]:
        assert "evidence" in r
    typed = ok_json(run("gap", "--resume", str(cv), "--skills", "tableau", "--format", "json"))
    froms = {r["skill"]: r["from"] for r in typed["resolved"]}
    assert froms["Tableau"] == "input" and froms["Java"] == "resume"
    assert "evidence" not in next(r for r in typed["resolved"] if r["skill"] == "Tableau")


def test_gap_resume_reads_stdin_and_shows_evidence_with_explain(run):
    text = (CVS / "06-bootcamp-graduate.txt").read_text(encoding="utf-8")
    result = run("gap", "--resume", "-", "--explain", "--top", "1", input=text)
    assert result.exit_code == 0, result.stderr
    assert "Evidence" in result.stdout and "your résumé" in result.stdout


def test_profile_set_resume_saves_skills_never_the_text(run, tmp_path):
    cv = CVS / "12-analytics-engineer-skills-table.md"
    result = run("profile", "set", "--resume", str(cv), "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert "SQL (8 years)" in result.stderr  # shown before saving
    saved = json.loads(result.stdout)["profile"]["skills"]
    assert "SQL (8 years)" in saved and "dbt (4 years)" in saved
    config = Path(next(iter([p for p in tmp_path.glob("user-config/*.yaml")]), tmp_path))
    text = config.read_text(encoding="utf-8")
    assert "Kafka & Sons" not in text and "Booksellers" not in text
    assert "Apache Kafka" not in text


def test_an_ad_whose_title_maps_to_no_role_still_suggests_certifications(run, tmp_path):
    ad = tmp_path / "camp.md"
    ad.write_text(
        "Overnight Camp Assistant Manager\n\nRequirements\n"
        "- Project management of the summer programme\n- Clear communication with parents\n",
        encoding="utf-8",
    )
    ok(run("profile", "set", "--years", "1", "--education", "high-school"))
    data = ok_json(run("fit", str(ad), "--skills", "python", "--format", "json"))
    gap = next(g for g in data["missing"] if g["skill"] == "project management")
    pmp = next(c for c in gap["certifications"] if c["code"] == "PMP")
    assert pmp["fits"] is False and pmp["why"]  # PMP asks years this person has not got
    table = run("fit", str(ad), "--skills", "python")
    assert table.exit_code == 0, table.stderr
    out = " ".join(table.stdout.split())
    assert "over the ad's 1 technical skills" in out and "Project Management Professional" in out
    assert "communication" in out.split("Professional skills asked for")[1]


def test_a_resume_credits_what_was_done_not_where_the_person_is_heading(run, tmp_path):
    cv = tmp_path / "cv.txt"
    cv.write_text(
        "Backend engineer moving toward machine learning engineering.\n"
        "Seeking a first role in computer vision.\n"
        "- Built Kafka consumers in Java\n"
        "- Analysed churn with SQL; next goal is deep learning\n",
        encoding="utf-8",
    )
    data = ok_json(run("gap", "--resume", str(cv), "--format", "json"))
    inputs = {r["skill"] for r in data["resolved"] if r["from"] == "resume"}
    assert {"Java", "Apache Kafka", "SQL", "software engineering"} <= inputs
    assert not inputs & {"machine learning", "computer vision", "deep learning"}


CV_WITH_BACKGROUND = (
    "EXPERIENCE\nData Analyst, Acme, Jan 2021 - Present\n- SQL and Tableau dashboards\n"
    "EDUCATION\nB.Sc. Economics, 2020\n"
)


def test_a_resume_states_the_background_when_nothing_else_does(run, tmp_path):
    cv = tmp_path / "cv.txt"
    cv.write_text(CV_WITH_BACKGROUND, encoding="utf-8")
    result = run("gap", "--resume", str(cv), "--format", "json")
    data = ok_json(result)
    assert data["background"]["education"] == "bachelor"
    assert data["background"]["years"] >= 5  # January 2021 to today
    assert "From your résumé:" in result.stderr and "B.Sc. Economics, 2020" in result.stderr
    # what the command line says comes first, and is not said to come from the résumé
    data = ok_json(run("gap", "--resume", str(cv), "--years", "1", "--format", "json"))
    assert data["background"]["years"] == 1 and data["background"]["education"] == "bachelor"
    ad = tmp_path / "ad.md"
    ad.write_text("\n".join(AD_LINES), encoding="utf-8")  # 5+ years, a bachelor's degree
    gates = {
        g["kind"]: g
        for g in ok_json(run("fit", str(ad), "--resume", str(cv), "-f", "json"))["gates"]
    }
    assert gates["education"]["met"] is True and gates["years"]["met"] is True
    gates = {
        g["kind"]: g
        for g in ok_json(run("fit", str(ad), "--resume", str(cv), "--years", "2", "-f", "json"))[
            "gates"
        ]
    }
    assert gates["years"]["met"] is False


def test_profile_set_resume_saves_the_background_it_states(run, tmp_path):
    cv = tmp_path / "cv.txt"
    cv.write_text(CV_WITH_BACKGROUND, encoding="utf-8")
    result = run("profile", "set", "--resume", str(cv), "--education", "master")
    assert result.exit_code == 0, result.stderr
    saved = ok_json(run("profile", "show", "--format", "json"))["profile"]
    assert saved["education"] == "master"  # the option wins over the résumé
    assert saved["years"] >= 5
    assert "Background read from" in result.stderr and "years of experience" in result.stderr
