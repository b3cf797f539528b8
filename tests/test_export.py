"""`--export FILE` on compare, gap, plan and salary (issue 5): HTML, SVG and Markdown reports.

The reports are parsed (html.parser, xml.etree) and checked for role names, section titles and
figures taken from data/roles/, data/wages.json and data/certifications.yaml. Hostile text in an
overlay data folder (a <script> tag, terminal escape sequences) must come out inert.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from reference import fit as ref_fit
from reference import load_yaml

# A whole matrix: in the full run, not in the quick loop (-m "not slow").
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


_load = load_yaml


ROLES = {p.stem: _load(p) for p in sorted((DATA / "roles").glob("*.yaml"))}
CERTS = {c["name"]: c for c in _load(DATA / "certifications.yaml")["certifications"]}
WAGES = json.loads((DATA / "wages.json").read_text(encoding="utf-8"))
TAXONOMY = {s["name"]: s for s in _load(DATA / "skills.yaml")["skills"]}


def us_wage(soc: str) -> dict:
    return dict(zip(WAGES["columns"], WAGES["occupations"][soc][1], strict=True))


def money_forms(value: int) -> tuple[str, ...]:
    """How a yearly wage may be written in a report: $120,230, 120,230 or $120K."""
    return (f"${value:,}", f"{value:,}", f"${value / 1000:.0f}K")


def fit_pct(role_id: str, known: set[str]) -> str:
    return f"{ref_fit(role_id, known):.0f}%"


# --------------------------------------------------------------------------- parsing


class _Html(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []
        self.title: list[str] = []
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self._in_title = tag == "title"

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        (self.title if self._in_title else self.text).append(data)


def parse_html(raw: str) -> tuple[str, list[str], str]:
    """(visible text, tags, <title>)."""
    parser = _Html()
    parser.feed(raw)
    parser.close()
    return "".join(parser.text), parser.tags, "".join(parser.title)


def parse_svg(raw: str) -> tuple[str, list[str]]:
    """(the text of every <text> element, one per line; every tag name without namespace)."""
    root = ET.fromstring(raw)
    tags = [el.tag.rsplit("}", 1)[-1] for el in root.iter()]
    texts = [
        "".join(el.itertext()).replace("\xa0", " ")
        for el in root.iter()
        if el.tag.rsplit("}", 1)[-1] == "text"
    ]
    return "\n".join(texts), tags


def report_text(path: Path) -> str:
    raw = path.read_text(encoding="utf-8")
    kind = path.suffix.lower()
    if kind == ".html":
        text, tags, title = parse_html(raw)
        assert tags[:1] == ["html"], tags[:3]
        assert {"head", "body", "title"} <= set(tags)
        assert "script" not in tags
        assert title.startswith("careercli")
        return text
    if kind == ".svg":
        text, tags = parse_svg(raw)
        assert tags[0] == "svg"
        assert "script" not in tags
        return text
    assert raw.startswith("# careercli")
    return raw


# --------------------------------------------------------------------------- the four commands

DA, LEAD = "data-analyst", "lead-machine-learning-engineer"


def _compare_expect() -> list[str]:
    out = [ROLES[DA]["name"], ROLES[LEAD]["name"]]
    out += ["Definition", "Responsibilities", "Skills", "Certifications", "Outlook"]
    for role_id in (DA, LEAD):
        out += [f["value"] for f in ROLES[role_id]["outlook"]["figures"]]
        out += [CERTS[c]["code"] for c in ROLES[role_id]["certifications"] if CERTS[c]["code"]]
    return out


def _compare_money() -> list[tuple[str, ...]]:
    return [money_forms(us_wage(ROLES[r]["soc"][0])["p50"]) for r in (DA, LEAD)]


def _gap_expect() -> list[str]:
    name = ROLES[DA]["name"]
    missing = [r["skill"] for r in ROLES[DA]["skills"] if r["skill"] not in ("SQL", "Python")]
    return [
        f"{name}: what you have",
        f"{name}: what is missing",
        "SQL",
        "Python",
        *missing[:3],
        fit_pct(DA, {"SQL", "Python"}),
    ]


def _plan_expect() -> list[str]:
    name = ROLES[DA]["name"]
    return [
        f"Plan toward {name}",
        "Stage 1",
        "Getting started",
        *[f"{DA}:{n}" for n in range(1, len(ROLES[DA]["steps"]) + 1)],
        "statistics",
        fit_pct(DA, {"SQL"}),
    ]


def _salary_expect() -> list[str]:
    out = [ROLES[DA]["name"], WAGES["release"]]
    for soc in ROLES[DA]["soc"]:
        # A long occupation title may wrap inside its table cell, so word by word.
        out += [soc, *WAGES["occupations"][soc][0].split()]
    return out


def _salary_money() -> list[tuple[str, ...]]:
    return [money_forms(us_wage(soc)["p50"]) for soc in ROLES[DA]["soc"]]


CASES = {
    "compare": (["compare"], _compare_expect, _compare_money),
    "gap": (["gap", "--skills", "sql, python", "--role", DA], _gap_expect, list),
    "plan": (["plan", DA, "--skills", "sql"], _plan_expect, list),
    "salary": (["salary", DA, LEAD], _salary_expect, _salary_money),
}
SUFFIXES = [".html", ".svg", ".md"]


@pytest.mark.parametrize("suffix", SUFFIXES)
@pytest.mark.parametrize("command", list(CASES))
def test_export_writes_a_report_and_prints_only_saved(run, tmp_path, command, suffix):
    args, expect, money = CASES[command]
    target = tmp_path / f"report{suffix}"
    result = run(*args, "--export", str(target))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr.strip() == f"Saved {target}"
    assert target.is_file()
    raw = target.read_text(encoding="utf-8")
    assert "\x1b" not in raw
    text = report_text(target)
    for needle in expect():
        assert needle in text, f"{needle!r} missing from the {suffix} report of {command}"
    for forms in money():
        assert any(f in text for f in forms), f"none of {forms} in the {suffix} report"


def test_compare_html_title_names_both_roles(run, tmp_path):
    target = tmp_path / "r.html"
    assert run("compare", DA, LEAD, "--export", str(target)).exit_code == 0
    _, _, title = parse_html(target.read_text(encoding="utf-8"))
    assert ROLES[DA]["name"] in title
    assert ROLES[LEAD]["name"] in title


def test_markdown_export_is_the_markdown_format(run, tmp_path):
    target = tmp_path / "r.md"
    assert run("gap", "--skills", "sql", "--role", DA, "--export", str(target)).exit_code == 0
    body = run("gap", "--skills", "sql", "--role", DA, "--format", "markdown").stdout
    report = target.read_text(encoding="utf-8")
    assert body.strip() in report
    assert report.startswith("# careercli")


def test_export_ignores_format_and_still_prints_nothing(run, tmp_path):
    target = tmp_path / "r.html"
    result = run("plan", DA, "--format", "json", "--export", str(target))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "Stage 1" in report_text(target)


@pytest.mark.parametrize("name", ["REPORT.HTML", "report.htm"])
def test_html_suffix_in_any_case(run, tmp_path, name):
    target = tmp_path / name
    assert run("compare", "--export", str(target)).exit_code == 0
    text, tags, _ = parse_html(target.read_text(encoding="utf-8"))
    assert "html" in tags
    assert ROLES[DA]["name"] in text


@pytest.mark.parametrize("name", ["report.pdf", "report.txt", "report", "report.html.gz"])
@pytest.mark.parametrize("command", list(CASES))
def test_unsupported_suffix_is_refused(run, tmp_path, command, name):
    out = tmp_path / "out"
    out.mkdir()
    target = out / name
    result = run(*CASES[command][0], "--export", str(target))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert ".html" in result.stderr and ".md" in result.stderr
    assert "Traceback" not in result.stderr
    assert list(out.iterdir()) == []


def test_unwritable_export_path_is_a_clear_error(run, tmp_path):
    target = tmp_path / "no" / "such" / "folder" / "r.html"
    result = run("compare", "--export", str(target))
    assert result.exit_code == 1
    assert str(target) in result.stderr
    assert "Traceback" not in result.stderr
    assert not target.exists()


# --------------------------------------------------------------------------- hostile data

SCRIPT = "<script>alert(1)</script>"
SKILL_SCRIPT = "<script>alert(2)</script>"
JOB_SCRIPT = "<script>alert(3)</script>"
ESC = "\x1b[31m"
EVIL = "evil-role"


@pytest.fixture
def hostile(tmp_path) -> Path:
    """An overlay with a role, a skill and a listing whose text carries HTML and escapes."""
    folder = tmp_path / "hostile"
    (folder / "roles").mkdir(parents=True)
    role = _load(DATA / "roles" / f"{DA}.yaml")
    role["id"] = EVIL
    role["name"] = f"Evil {SCRIPT} {ESC}Red\x1b[0m Analyst"
    role["aliases"] = ["evil analyst"]
    role["summary"] = f"{ESC}Summary\x07 with a bell and {SCRIPT}."
    role["steps"] = [f"{ESC}Step one\x1b[0m {SCRIPT}", *role["steps"][1:]]
    role["skills"] = [*role["skills"], {"skill": SKILL_SCRIPT, "importance": "required"}]
    role["related"] = []
    (folder / "roles" / f"{EVIL}.yaml").write_text(
        yaml.safe_dump(role, sort_keys=False, allow_unicode=True), encoding="utf-8"
    )
    skills = {"skills": [{"name": SKILL_SCRIPT, "category": "soft", "aliases": ["evil skill"]}]}
    (folder / "skills.yaml").write_text(yaml.safe_dump(skills), encoding="utf-8")
    job = dict(_load(DATA / "jobs.yaml")["jobs"][0])
    job.update(id="evil-job-1", title=f"{JOB_SCRIPT} {ESC}Engineer", company=f"{ESC}Evil Corp")
    job["role"] = EVIL
    (folder / "jobs.yaml").write_text(
        yaml.safe_dump({"jobs": [job]}, sort_keys=False), encoding="utf-8"
    )
    return folder


def test_hostile_overlay_is_valid_data(run, hostile):
    result = run("validate", str(hostile))
    assert result.exit_code == 0, result.stdout + result.stderr
    data = json.loads(run("--data-dir", str(hostile), "show", EVIL, "--format", "json").stdout)
    assert SCRIPT in data["role"]["name"]


HOSTILE_EXPORTS = [
    ("compare", EVIL, DA),
    ("gap", "--skills", "sql", "--role", EVIL),
    ("plan", EVIL, "--skills", "sql"),
    ("salary", EVIL),
]


@pytest.mark.parametrize("suffix", [".html", ".svg"])
@pytest.mark.parametrize("args", HOSTILE_EXPORTS, ids=lambda a: a[0])
def test_script_tags_in_data_are_escaped_in_reports(run, hostile, tmp_path, args, suffix):
    target = tmp_path / f"r{suffix}"
    result = run("--data-dir", str(hostile), *args, "--export", str(target))
    assert result.exit_code == 0, result.stderr
    raw = target.read_text(encoding="utf-8")
    assert "<script" not in raw.lower()
    assert "\x1b" not in raw and "\x07" not in raw
    text = report_text(target)  # also asserts that no <script> element was parsed
    assert SCRIPT in text  # shown as text, not dropped
    if args[0] in ("gap", "plan"):
        assert SKILL_SCRIPT in text


@pytest.mark.parametrize("args", HOSTILE_EXPORTS, ids=lambda a: a[0])
def test_escape_sequences_in_data_never_reach_a_markdown_report(run, hostile, tmp_path, args):
    target = tmp_path / "r.md"
    assert run("--data-dir", str(hostile), *args, "--export", str(target)).exit_code == 0
    raw = target.read_text(encoding="utf-8")
    assert "\x1b" not in raw and "\x07" not in raw
    assert "Red" in raw


@pytest.mark.parametrize(
    "args",
    [
        ("show", EVIL),
        ("show", EVIL, "--format", "markdown"),
        ("roles",),
        ("compare", EVIL, DA),
        ("compare", EVIL, DA, "--format", "markdown"),
        ("gap", "--skills", "sql", "--role", EVIL),
        ("plan", EVIL, "--skills", "sql"),
        ("plan", EVIL, "--skills", "sql", "--format", "markdown"),
        ("salary", EVIL),
        ("jobs",),
        ("jobs", "--format", "csv"),
        ("skills", "evil skill"),
    ],
    ids=" ".join,
)
def test_escape_sequences_in_data_never_reach_the_terminal(run, hostile, args):
    result = run("--data-dir", str(hostile), *args)
    assert result.exit_code == 0, result.stderr
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "\x1b" not in result.stderr
    assert any(word in result.stdout for word in ("Evil", "evil", "alert"))


def test_escape_sequences_in_data_never_reach_the_terminal_with_colour(run, hostile):
    """With colours forced on, the only escape sequences are Rich's own styling (SGR codes
    Rich emits around whole cells), never the red the data asked for mid-word."""
    result = run(
        "--data-dir", str(hostile), "show", EVIL, env={"FORCE_COLOR": "1", "TERM": "xterm"}
    )
    assert result.exit_code == 0, result.stderr
    assert f"{ESC}Red" not in result.stdout
    assert f"{ESC}Summary" not in result.stdout
    assert "\x07" not in result.stdout


# --------------------------------------------------------------------------- pager


def _terminal(monkeypatch, height: int):
    import io
    import pydoc
    import sys

    from rich.console import Console

    paged: list[str] = []
    monkeypatch.setattr(pydoc, "pager", paged.append)
    monkeypatch.setattr(sys, "stdin", type("Tty", (io.StringIO,), {"isatty": lambda self: True})())
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=80, height=height)
    return console, out, paged


def _doc(lines: int):
    from careercli.render import Doc, Text

    return Doc([Text("\n".join(f"line {n}" for n in range(lines)))])


@pytest.mark.parametrize("pager, lines, pages", [(True, 50, True), (True, 5, False),
                                                 (False, 50, False)])  # fmt: skip
def test_long_output_on_a_terminal_goes_through_the_pager(monkeypatch, pager, lines, pages):
    from careercli import render

    console, out, paged = _terminal(monkeypatch, height=20)
    render.show_doc(_doc(lines), console, pager=pager)
    text = "".join(paged) if pages else out.getvalue()
    assert bool(paged) == pages
    assert "line 0" in text and f"line {lines - 1}" in text


def test_piped_output_never_pages(monkeypatch):
    import io

    from rich.console import Console

    from careercli import render

    _, _, paged = _terminal(monkeypatch, height=5)
    out = io.StringIO()
    render.show_doc(_doc(50), Console(file=out, width=80, height=5), pager=True)
    assert not paged and "line 49" in out.getvalue()


def test_no_pager_is_a_global_option(run):
    result = run("--no-pager", "compare")
    assert result.exit_code == 0, result.stderr
    assert "Data Analyst" in result.stdout
