"""Text out of documents. HTML for now: a linear scanner rather than html.parser, because on
Python 3.11 HTMLParser takes about 4 s on 100 KB of unclosed tags ("<a<a<a...") and
descriptions come from whoever runs the job board."""

from __future__ import annotations

import html
import re
from typing import Any

from careercli.jobs.normalize import MAX_DESCRIPTION, clean

MAX_HTML_INPUT = 400_000

_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)[^<>]*>")
_INLINE = frozenset(
    {"a", "abbr", "b", "bdi", "bdo", "cite", "code", "em", "font", "i", "kbd", "mark", "q", "s",
     "samp", "small", "span", "strong", "sub", "sup", "u", "var"}
)  # fmt: skip


def html_to_text(markup: Any) -> str:
    if not isinstance(markup, str) or not markup:
        return ""
    markup = markup[:MAX_HTML_INPUT]
    lower = markup.lower()
    out: list[str] = []
    i, n = 0, len(markup)
    while i < n:
        lt = markup.find("<", i)
        if lt < 0:
            out.append(markup[i:])
            break
        out.append(markup[i:lt])
        if markup.startswith("<!--", lt):
            end = markup.find("-->", lt + 4)
            i = n if end < 0 else end + 3
            continue
        m = _TAG.match(markup, lt)
        if m is None:
            out.append("<")
            i = lt + 1
            continue
        closing, name = m.group(1), m.group(2).lower()
        i = m.end()
        if name in ("script", "style") and not closing:
            end = lower.find(f"</{name}", i)
            gt = markup.find(">", end) if end >= 0 else -1
            i = n if gt < 0 else gt + 1
        out.append("" if name in _INLINE else " ")
    return plain_text(html.unescape("".join(out)))


def plain_text(text: Any) -> str:
    if not isinstance(text, str):
        return ""
    cleaned = clean(text[:MAX_HTML_INPUT])
    if len(cleaned) > MAX_DESCRIPTION:
        cleaned = cleaned[:MAX_DESCRIPTION].rstrip()
    return cleaned


# --------------------------------------------------------------------------- documents
#
# A résumé or a job ad from a file: plain text, Markdown, HTML saved from a browser, PDF or
# DOCX, recognised by its first bytes (a name that says otherwise is an error). Nothing is sent
# anywhere: the readers are local (pypdf for PDF, the standard library for the rest).

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
MAX_PAGES = 60
MAX_DOCX_XML = 40 * 1024 * 1024

_SKIP = frozenset(
    {"script", "style", "noscript", "template", "svg", "nav", "footer", "aside", "head",
     "iframe", "object", "button", "select", "form", "dialog", "canvas", "math"}
)  # fmt: skip
_BLOCKS = frozenset(
    {"p", "div", "section", "article", "main", "header", "ul", "ol", "table", "thead", "tbody",
     "blockquote", "pre", "dl", "dt", "dd", "figure", "figcaption", "address", "hr", "fieldset",
     "details", "summary"}
)  # fmt: skip
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
     "source", "track", "wbr"}
)  # fmt: skip
_BANNER = re.compile(r"cookie|consent|gdpr-banner|newsletter|skip-link", re.IGNORECASE)
_UNSAFE_LT = re.compile(r"<(?![A-Za-z/!?])")
_UNCLOSED_TAG = re.compile(r"<([A-Za-z/!?][^<>]*)(?=<|\Z)")


class Document:
    """Text read from a file, with the title its markup gives (an HTML page's h1)."""

    __slots__ = ("kind", "name", "text", "title")

    def __init__(self, text: str, kind: str, name: str, title: str = ""):
        self.text, self.kind, self.name, self.title = text, kind, name, title


def html_document(markup: str) -> tuple[str, str]:
    """(title, text) of an HTML page: the main content (<main>/<article> when the page has one),
    without scripts, styles, navigation, footers or cookie banners; headings become Markdown
    headings, list items bullets, table rows pipe-separated. Tags that never close are read as
    text first, so input like "<a<a<a..." costs linear time."""
    from html.parser import HTMLParser

    markup = markup[:MAX_HTML_INPUT * 5]
    markup = _UNSAFE_LT.sub("&lt;", markup)
    markup = _UNCLOSED_TAG.sub(r"&lt;\1", markup)

    class _Reader(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.stack: list[tuple[str, bool, bool]] = []  # tag, skipped, main
            self.all: list[str] = []
            self.main: list[str] = []
            self.h1 = ""
            self.title = ""
            self._in_title = False
            self._in_h1 = False

        @property
        def skipping(self) -> bool:
            return bool(self.stack) and self.stack[-1][1]

        @property
        def in_main(self) -> bool:
            return bool(self.stack) and self.stack[-1][2]

        def emit(self, text: str) -> None:
            self.all.append(text)
            if self.in_main:
                self.main.append(text)

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag == "title":
                self._in_title = True
            if tag in _VOID:
                if tag == "br" and not self.skipping:
                    self.emit("\n")
                return
            marks = " ".join(v or "" for k, v in attrs if k in ("class", "id", "role", "aria-label"))
            skip = self.skipping or tag in _SKIP or bool(_BANNER.search(marks))
            main = self.in_main or tag in ("main", "article") or "main" in marks.split()
            self.stack.append((tag, skip, main))
            if len(self.stack) > 400:
                del self.stack[:100]
            if skip:
                return
            if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                self.emit("\n\n# ")
                self._in_h1 = tag == "h1" and not self.h1
            elif tag == "li":
                self.emit("\n- ")
            elif tag == "tr":
                self.emit("\n| ")
            elif tag in ("td", "th"):
                self.emit(" | ")
            elif tag in _BLOCKS:
                self.emit("\n\n")

        def handle_endtag(self, tag: str) -> None:
            if tag == "title":
                self._in_title = False
            if tag in _VOID:
                return
            for k in range(len(self.stack) - 1, max(-1, len(self.stack) - 40), -1):
                if self.stack[k][0] == tag:
                    skipped = self.stack[k][1]
                    del self.stack[k:]
                    if not skipped and (tag in _BLOCKS or tag[:1] == "h" and tag[1:].isdigit()):
                        self.emit("\n\n")
                    if tag == "h1":
                        self._in_h1 = False
                    return

        def handle_data(self, data: str) -> None:
            if self._in_title:
                self.title += data
            if self.skipping:
                return
            if self._in_h1:
                self.h1 += data
            self.emit(data.replace("\n", " "))

    reader = _Reader()
    reader.feed(markup)
    reader.close()
    text = "".join(reader.main) if "".join(reader.main).strip() else "".join(reader.all)
    lines = [" ".join(line.split()) for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if line in ("-", "|", "#"):
            continue
        if not line and out and not out[-1]:
            continue
        out.append(line)
    title = " ".join((reader.h1 or reader.title).split())
    return title, "\n".join(out).strip()
