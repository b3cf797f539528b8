"""Reports people send (issue 17): `--export x.html` is a standalone page with real tables,
http(s) links only, the inputs it was made from, the date and version, its sources and print
styles; `--export x.md` carries the same content as Markdown. The page is parsed here; its
layout in a real browser is checked by scripts/check_report.py (see the README).
"""

from __future__ import annotations

import datetime as dt
import re
import shlex
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from careercli import __version__
from reference import load_yaml

ROOT = Path(__file__).resolve().parent.parent
ROLES = {p.stem: load_yaml(p) for p in sorted((ROOT / "data" / "roles").glob("*.yaml"))}
URL = re.compile(r"https?://[^\s)]+")


class Page(HTMLParser):
    """The parts of a report the tests look at."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.links: list[str] = []
        self.text: list[str] = []
        self.style = ""
        self._style = False
        self.feed(text)

    BLOCKS = frozenset("p li td th dt dd h1 h2 br tr div ul table section header footer".split())

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in self.BLOCKS:
            self.text.append(" ")
        if tag == "a":
            self.links.append(dict(attrs).get("href") or "")
        self._style = tag == "style"

    def handle_endtag(self, tag):
        if tag == "style":
            self._style = False

    def handle_data(self, data):
        if self._style:
            self.style += data
        else:
            self.text.append(data)

    @property
    def words(self) -> str:
        return " ".join("".join(self.text).split())

    def count(self, tag: str) -> int:
        return sum(1 for t, _ in self.tags if t == tag)


def export(run, tmp_path: Path, *args: str, suffix: str = ".html") -> str:
    target = tmp_path / f"report{suffix}"
    result = run(*args, "--export", str(target))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    return target.read_text(encoding="utf-8")


REPORTS = [
    ("compare",),
    ("compare", "data scientist", "ml engineer", "analytics engineer"),
    ("gap", "--skills", "sql, python, tableau", "--years", "3", "--education", "bachelor"),
    ("plan", "data-analyst", "--skills", "sql", "--hours-per-week", "6"),
    ("salary", "data analyst", "lead ml engineer", "--state", "CA"),
    ("salary",),
]


@pytest.mark.parametrize("args", REPORTS, ids=" ".join)
def test_html_report_is_a_standalone_page_with_real_tables(run, tmp_path, args):
    page = Page(export(run, tmp_path, *args))
    assert page.count("table") >= 1
    for tag, attrs in page.tags:
        assert tag not in ("script", "iframe", "object", "embed", "pre", "link", "img"), tag
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
    assert page.count("thead") == page.count("table")
    assert page.count("th") >= page.count("table")
    assert ("meta", {"name": "viewport", "content": "width=device-width, initial-scale=1"}) in [
        (t, {k: v for k, v in a.items() if k in ("name", "content")}) for t, a in page.tags
    ]
    assert "@media print" in page.style and "@media screen and (max-width" in page.style
    assert page.links and all(link.startswith(("https://", "http://")) for link in page.links)


@pytest.mark.parametrize("args", REPORTS, ids=" ".join)
def test_report_says_what_it_was_made_from_and_when(run, tmp_path, args):
    page = Page(export(run, tmp_path, *args))
    words = page.words
    today = dt.date.today().isoformat()
    assert f"Made by careercli {__version__} on {today}" in words
    assert any(t == "time" and (a.get("datetime") or "").startswith(today) for t, a in page.tags)
    assert "careercli " + shlex.join(args) in words  # the command, as typed
    assert "Data careercli's bundled data (no data folder of your own)" in words
    if args[0] in ("gap", "plan"):
        assert "Skills sql" in words
    if args[0] == "gap":
        assert "Background 3 years, bachelor" in words


def test_a_data_folder_is_named_in_the_report(run, tmp_path):
    folder = tmp_path / "mine"
    (folder / "roles").mkdir(parents=True)
    page = Page(export(run, tmp_path, "--data-dir", str(folder), "compare"))
    assert f"with your data folder {folder}" in page.words


def test_compare_report_lists_the_roles_sources_as_links(run, tmp_path):
    page = Page(export(run, tmp_path, "compare"))
    for role_id in ("data-analyst", "lead-machine-learning-engineer"):
        for source in ROLES[role_id]["sources"]:
            for url in URL.findall(source):
                assert url in page.links, url
    assert "Sources" in page.words
    assert "https://www.bls.gov/oes/" in page.links  # the wages the salary row uses


def test_gap_report_lists_the_certifications_it_suggests_with_their_sources(run, tmp_path):
    page = Page(export(run, tmp_path, "gap", "--skills", "sql", "--role", "data analyst"))
    assert re.search(
        r"Google Data Analytics Professional Certificate: .*\(reviewed \d{4}-", page.words
    )


def test_ids_codes_and_amounts_never_wrap_in_the_page(run, tmp_path):
    raw = export(run, tmp_path, "salary", "data analyst", "lead ml engineer")
    assert '<span class="nb">15-2051</span>' in raw
    assert re.search(r'<span class="nb">\$\d+K</span>', raw)
    assert ".nb { white-space: nowrap; }" in raw


def test_only_http_addresses_become_links(run, tmp_path):
    folder = tmp_path / "mine"
    (folder / "roles").mkdir(parents=True)
    role = dict(ROLES["data-analyst"])
    role["sources"] = [
        "A page (https://example.org/careers)",
        "Not a link (javascript:alert(1))",
        "Nor this (file:///etc/passwd) or (data:text/html,hi)",
    ]
    (folder / "roles" / "data-analyst.yaml").write_text(
        yaml.safe_dump(role, sort_keys=False, allow_unicode=True), encoding="utf-8"
    )
    page = Page(export(run, tmp_path, "--data-dir", str(folder), "compare", "da", "ds"))
    assert "https://example.org/careers" in page.links
    assert not [link for link in page.links if not link.startswith(("http://", "https://"))]
    assert "javascript:alert(1)" in page.words  # shown as text


def test_markdown_report_has_the_same_content(run, tmp_path):
    args = ("gap", "--skills", "sql, python", "--role", "data analyst", "--years", "2")
    md = export(run, tmp_path, *args, suffix=".md")
    html_words = Page(export(run, tmp_path, *args)).words
    assert md.startswith("# careercli: skills gap\n")
    assert f"Made by careercli {__version__} on {dt.date.today().isoformat()}" in md
    assert "- **Command:** `careercli " + shlex.join(args) + " --export " in md
    assert "- **Skills:** sql, python" in md
    assert "- **Background:** 2 years" in md
    assert "## Sources" in md
    tables = [ln for ln in md.splitlines() if ln.startswith("|---")]
    assert len(tables) >= 3  # ranking, what you have, what is missing
    for source in ROLES["data-analyst"]["sources"]:
        for url in URL.findall(source):
            assert url in md and url in html_words
