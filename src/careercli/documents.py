"""Text out of documents. HTML for now: a linear scanner rather than html.parser, because on
Python 3.11 HTMLParser takes about 4 s on 100 KB of unclosed tags ("<a<a<a...") and
descriptions come from whoever runs the job board."""

from __future__ import annotations

import html
import re
from typing import Any

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
    from careercli.jobs.normalize import MAX_DESCRIPTION, clean

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

    markup = markup[: MAX_HTML_INPUT * 5]
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
            marks = " ".join(
                v or "" for k, v in attrs if k in ("class", "id", "role", "aria-label")
            )
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
                    if not skipped and (tag in _BLOCKS or (tag[:1] == "h" and tag[1:].isdigit())):
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


_KINDS = {
    ".pdf": "pdf", ".docx": "docx", ".doc": "doc", ".html": "html", ".htm": "html",
    ".xhtml": "html", ".txt": "text", ".md": "text", ".markdown": "text", ".text": "text",
}  # fmt: skip
_BINARY_NAMES = {"pdf": "a PDF", "docx": "a Word document (.docx)", "doc": "a Word 97-2003 file"}


def read_document(source: str, *, stdin: Any = None) -> Document:
    """A document from a file path, or '-' for standard input, recognised by its content.

    CareerError for a file that cannot be read, is too large, is not what its name says, is a
    password-protected or scanned PDF, or holds no text."""
    import sys
    from pathlib import Path

    from careercli.errors import CareerError

    if source == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        raw = stream.read(MAX_DOCUMENT_BYTES + 1)
        name = "standard input"
        said = None
    else:
        path = Path(source)
        name = source
        said = _KINDS.get(path.suffix.lower())
        try:
            with open(path, "rb") as fh:
                raw = fh.read(MAX_DOCUMENT_BYTES + 1)
        except IsADirectoryError:
            raise CareerError(f"{source} is a folder, not a file.") from None
        except OSError as exc:
            raise CareerError(f"Cannot read {source}: {exc.strerror or exc}") from None
    if isinstance(raw, str):
        raw = raw.encode("utf-8")
    if len(raw) > MAX_DOCUMENT_BYTES:
        raise CareerError(f"{name} is larger than {MAX_DOCUMENT_BYTES // 1024 // 1024} MiB.")
    kind = sniff(raw)
    if said in _BINARY_NAMES and kind != said:
        found = _BINARY_NAMES.get(kind, "text" if kind in ("text", "html") else "something else")
        raise CareerError(
            f"{name} is named like {_BINARY_NAMES[said]} but is {found}.",
            hint="Check the file; save it again from the program that made it.",
        )
    if said in ("text", "html") and kind in _BINARY_NAMES:
        raise CareerError(
            f"{name} is named like a text file but is {_BINARY_NAMES[kind]}.",
            hint="Rename it with the right extension.",
        )
    if kind == "pdf":
        text, title = pdf_text(raw, name), ""
    elif kind == "docx":
        text, title = docx_text(raw, name), ""
    elif kind == "doc":
        raise CareerError(
            f"{name} is a Word 97-2003 file or a password-protected Office file.",
            hint="Save it as .docx (without a password) or PDF and try again.",
        )
    elif kind == "binary":
        raise CareerError(f"{name} is a binary file, not a document careercli can read.")
    else:
        text = _decode(raw)
        title = ""
        if kind == "html" or said == "html":
            kind = "html"
            title, text = html_document(text)
    if not text.strip():
        raise CareerError(f"{name} holds no text.")
    return Document(text, kind, name, title)


def sniff(raw: bytes) -> str:
    """pdf | docx | doc | zip | html | text | binary, from the first bytes."""
    head = raw[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if raw.startswith(b"PK\x03\x04"):
        return "docx" if b"word/" in raw[:65536] or _zip_has(raw, "word/document.xml") else "zip"
    if raw.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "doc"
    if b"\0" in raw[:8192] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "binary"
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<body" in head.lower():
        return "html"
    return "text"


def _zip_has(raw: bytes, member: str) -> bool:
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as zf:
            return member in zf.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def _decode(raw: bytes) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16", "replace")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", "replace")


def pdf_text(raw: bytes, name: str) -> str:
    """The text layer of a PDF (pypdf), page by page."""
    import contextlib
    import io
    import logging

    from careercli.errors import CareerError

    try:
        from pypdf import PdfReader
        from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError
    except ImportError:  # pragma: no cover - pypdf is a dependency
        raise CareerError("Reading PDF needs the pypdf package: pip install pypdf") from None
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted:
            opened: Any = 0
            with contextlib.suppress(DependencyError, NotImplementedError):
                opened = reader.decrypt("")
            if not opened:
                raise CareerError(
                    f"{name} is password-protected.",
                    hint="Save a copy without a password (or export it as text) and try again.",
                )
        pages = []
        for page in list(reader.pages)[:MAX_PAGES]:
            pages.append(page.extract_text() or "")
    except CareerError:
        raise
    except (FileNotDecryptedError, DependencyError):
        raise CareerError(f"{name} is password-protected.") from None
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError,
            RecursionError, OSError, AssertionError, ZeroDivisionError) as exc:  # fmt: skip
        raise CareerError(f"{name} is not a readable PDF ({type(exc).__name__}).") from None
    text = "\n\n".join(p.strip("\n") for p in pages)
    if not text.strip():
        raise CareerError(
            f"{name} has no text layer: it looks like a scanned image.",
            hint="Run it through OCR, or export the document again as text or DOCX.",
        )
    return text


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_text(raw: bytes, name: str) -> str:
    """The text of a .docx: its paragraphs (headings as Markdown headings, list paragraphs as
    bullets) and table rows, read with zipfile and ElementTree; no dependency."""
    import io
    import zipfile
    from xml.etree import ElementTree

    from careercli.errors import CareerError

    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as zf:
            info = zf.getinfo("word/document.xml")
            if info.file_size > MAX_DOCX_XML:
                raise CareerError(f"{name} is too large once unpacked.")
            with zf.open(info) as fh:
                xml = fh.read(MAX_DOCX_XML + 1)
    except CareerError:
        raise
    except KeyError:
        raise CareerError(f"{name} is a zip archive but not a Word document.") from None
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError, EOFError):
        raise CareerError(f"{name} is not a readable Word document.") from None
    if b"<!DOCTYPE" in xml[:4096] or b"<!ENTITY" in xml:
        raise CareerError(f"{name} is not a readable Word document (it declares entities).")
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError:
        raise CareerError(f"{name} is not a readable Word document (bad XML).") from None
    body = root.find(f"{_W}body")
    if body is None:
        return ""
    lines: list[str] = []
    for block in body:
        if block.tag == f"{_W}p":
            lines.append(_docx_paragraph(block))
        elif block.tag == f"{_W}tbl":
            for row in block.iter(f"{_W}tr"):
                cells = [
                    " ".join(_docx_paragraph(p) for p in cell.iter(f"{_W}p")).strip()
                    for cell in row.iter(f"{_W}tc")
                ]
                lines.append("| " + " | ".join(cells) + " |")
            lines.append("")
    return "\n".join(lines)


def _docx_paragraph(p: Any) -> str:
    parts: list[str] = []
    for node in p.iter():
        if node.tag == f"{_W}t" and node.text:
            parts.append(node.text)
        elif node.tag == f"{_W}tab":
            parts.append("\t")
        elif node.tag in (f"{_W}br", f"{_W}cr"):
            parts.append("\n")
    text = "".join(parts).strip()
    if not text:
        return ""
    props = p.find(f"{_W}pPr")
    if props is not None:
        style = props.find(f"{_W}pStyle")
        value = (style.get(f"{_W}val") or "") if style is not None else ""
        if value.lower().startswith(("heading", "title")):
            return "\n# " + text
        if props.find(f"{_W}numPr") is not None or "list" in value.lower():
            return "- " + text
    return text
