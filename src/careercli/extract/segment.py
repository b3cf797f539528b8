"""Free text into units: the sentences, list items and table cells a match may not cross.

A unit knows the section it sits in (a "Nice to have" heading makes what follows nice), the
parts of it an inline marker makes nice ("JAX a plus", "Preferred: ..."), and, in a table, its
row and the header of its column. Markdown escapes (`C\\#`, `\\-`), bold markers, links, e-mail
addresses and web addresses are cleaned first; a line wrapped inside a sentence is joined to it,
and nothing else is.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

from careercli.extract.lexicon import NICE_CELLS, NICE_CLAUSE, NICE_HEADINGS, REQUIRED_CELLS

NICE = "nice-to-have"
MAX_TEXT = 1_000_000  # characters read from one document; the rest is ignored

_ESCAPE = re.compile(r"\\+([!-/:-@\[-`{-~])")
_BOLD = re.compile(r"\*\*|__")
_ITALIC = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_LINK = re.compile(r"!?\[([^\]\n]{0,300})\]\([^)\s]{0,500}\)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(
    r"(?:https?://|www\.)[^\s<>()]+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|io|dev|example)(?:/[^\s<>()]*)?\b"
)
_BULLET = re.compile(r"^(?:[-*•·▪►◦‣+]|\d{1,2}[.)])\s+")
_COLUMNS = re.compile(r"\s{2,}|\s*\.{3,}\s*|\t+")
_DASHES = re.compile(r"^:?-{2,}:?$|^=+$")
_SENTENCE = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"“'(\[]?[A-Z0-9À-Ý])")
_ABBREV = frozenset(
    "e.g i.e etc vs dr mr ms mrs st inc co ltd jr sr no u.s u.k ph d approx dept fig al "
    "jan feb mar apr jun jul aug sep sept oct nov dec mt ft".split()
)
_HEADING_WORDS = 7
_ENTRY = re.compile(r"^[\w .&/+#-]{1,30}?\s*(?:—|–|--|:|\.{3,})\s")


class Unit(NamedTuple):
    text: str
    section: str  # required | nice: the section it is in
    kind: str  # heading | bullet | cell | prose
    nice_from: int  # characters from here on are nice to have (len(text): none)
    nice_spans: tuple[tuple[int, int], ...]  # clauses an inline marker makes nice
    row: int | None = None  # the table row of a cell
    column: str | None = None  # the header of a cell's column
    row_nice: bool | None = None  # the row's own marker: True nice, False required

    def importance(self, at: int) -> str:
        """required | nice-to-have, for a mention at this offset."""
        if self.row_nice is not None:
            return NICE if self.row_nice else "required"
        if at >= self.nice_from or any(a <= at < b for a, b in self.nice_spans):
            return NICE
        return NICE if self.section == "nice" else "required"


class Segmented(NamedTuple):
    title: str
    units: list[Unit]


def clean_text(text: str) -> str:
    """The document with escapes, emphasis, links, addresses and odd spaces cleaned."""
    text = unicodedata.normalize("NFKC", text[:MAX_TEXT])
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ")
    if "\\" in text:
        text = _ESCAPE.sub(r"\1", text)
    if "](" in text:
        text = _LINK.sub(r"\1", text)
    if "@" in text:
        text = _EMAIL.sub(lambda m: " " * len(m.group()), text)
    if _URL_HINT.search(text):
        text = _URL.sub(_mask_url, text)
    return text


_URL_HINT = re.compile(r"://|www\.|\.(?:com|net|org|io|dev|example)\b", re.IGNORECASE)
_KEEP_DOMAINS = re.compile(r"^(?:asp|vb|ado|node|vue|react|next|ray|heap|d3|chart|three)\.", re.I)


def _mask_url(m: re.Match[str]) -> str:
    found = m.group()
    if "/" not in found and _KEEP_DOMAINS.match(found):
        return found  # ASP.NET, Node.js: names that look like addresses
    return " " * len(found)


def _plain(line: str) -> str:
    if "*" in line or "_" in line:
        line = _BOLD.sub("", line)
        if "*" in line:
            line = _ITALIC.sub(r"\1", line)
    return line.replace("`", "").strip()


def _is_heading(stripped: str, nxt: str | None) -> str | None:
    """The heading's text, or None when the line is not a heading."""
    if stripped.startswith("#"):
        return _plain(stripped.lstrip("#")).strip()
    m = re.fullmatch(r"(?:\*\*|__)(.+?)(?:\*\*|__)\s*:?", stripped)
    if m:
        return _plain(m.group(1)).rstrip(":").strip()
    plain = _plain(stripped)
    words = plain.split()
    if not words or len(words) > _HEADING_WORDS or len(plain) > 60:
        return None
    letters = [c for c in plain if c.isalpha()]
    if not letters or plain[-1] in ".,;!?)" or not (plain[0].isupper() or plain[0].isdigit()):
        return None
    if plain.isupper() and len(letters) >= 3:
        return plain.rstrip(":").strip()
    if plain.endswith(":") or (nxt is not None and _BULLET.match(nxt)):
        return plain.rstrip(":").strip()
    return None


def _cells(stripped: str) -> list[str] | None:
    if stripped.count("|") >= 2 or (stripped.startswith("|") and stripped.endswith("|")):
        return [c.strip() for c in stripped.strip("|").split("|")]
    if " | " in stripped:
        return [c.strip() for c in stripped.split(" | ")]
    if _COLUMNS.search(stripped):
        return [c.strip() for c in _COLUMNS.split(stripped)]
    return None


def _row_marker(cells: list[str]) -> bool | None:
    for cell in cells:
        key = _plain(cell).casefold().strip(" .")
        if key in NICE_CELLS:
            return True
        if key in REQUIRED_CELLS:
            return False
    return None


def sentences(text: str) -> list[str]:
    """A block split into sentences, not after abbreviations or initials."""
    out: list[str] = []
    start = 0
    for m in _SENTENCE.finditer(text):
        before = text[start : m.start()].rstrip("\"'”’)]")
        word = before.rsplit(None, 1)[-1] if before.split() else ""
        word = word.rstrip(".!?").lstrip("(\"'“").casefold()
        if word in _ABBREV or (len(word) == 1 and word.isalpha()):
            continue
        out.append(text[start : m.start()].strip())
        start = m.end()
    out.append(text[start:].strip())
    return [s for s in out if s]


def _nice_parts(text: str) -> tuple[int, tuple[tuple[int, int], ...]]:
    """Where an inline label makes the rest nice ("Preferred: R or SAS"), and the clauses a
    marker makes nice ("Strong PyTorch; JAX a plus")."""
    nice_from = len(text)
    m = re.match(r"^\s*([^:]{2,40}):\s", text)
    if m and NICE_HEADINGS.search(m.group(1)) and len(m.group(1).split()) <= 4:
        nice_from = m.end()
    spans = []
    start = 0
    for part in re.split(r"(;|\(|\)|\s[–—]\s)", text + ";"):
        end = start + len(part)
        if part not in (";", "(", ")") and NICE_CLAUSE.search(part):
            spans.append((start, end))
        start = end
    return nice_from, tuple(spans)


def segment(text: str, importance: bool = True) -> Segmented:
    """Units of a cleaned document (see clean_text), in order, and its title. Without
    `importance`, inline nice-to-have markers are not looked for (quicker)."""
    lines = text.split("\n")
    units: list[Unit] = []
    title = ""
    section = "required"
    block: list[str] = []
    block_kind = "prose"
    headers: list[str] | None = None
    prev_cells: list[str] | None = None
    row_id = 0

    def flush() -> None:
        nonlocal block
        if block:
            joined = _plain(" ".join(block))
            for sentence in sentences(joined):
                add(sentence, block_kind)
        block = []

    def add(piece: str, kind: str, **extra: object) -> None:
        piece = piece.strip()
        if not piece:
            return
        nice_from, spans = _nice_parts(piece) if importance else (len(piece), ())
        units.append(Unit(piece, section, kind, nice_from, spans, **extra))  # type: ignore[arg-type]

    for n, raw in enumerate(lines):
        stripped = raw.strip()
        if not stripped:
            flush()
            prev_cells = None
            continue
        nxt = next((ln.strip() for ln in lines[n + 1 : n + 3] if ln.strip()), None)
        if not title:
            title = _plain(stripped.lstrip("#")).strip()
        heading = _is_heading(stripped, nxt)
        if heading is not None and not _cells(stripped):
            flush()
            prev_cells = headers = None
            section = "nice" if NICE_HEADINGS.search(heading) else "required"
            add(heading, "heading")
            continue
        cells = _cells(stripped)
        if cells is not None and len([c for c in cells if c]) >= 2:
            flush()
            if all(_DASHES.match(c) or not c for c in cells):
                headers = [_plain(c).casefold() for c in (prev_cells or [])]
                continue
            row_id += 1
            marker = _row_marker(cells)
            for k, cell in enumerate(cells):
                column = headers[k] if headers and k < len(headers) else None
                for sentence in sentences(_plain(cell)):
                    add(sentence, "cell", row=row_id, column=column, row_nice=marker)
            prev_cells = cells
            continue
        bullet = _BULLET.match(stripped)
        if bullet:
            flush()
            block, block_kind = [stripped[bullet.end() :]], "bullet"
            continue
        if block and _continues(block[-1], stripped):
            block.append(stripped)
            continue
        flush()
        block, block_kind = [stripped], "prose"
    flush()
    return Segmented(title, units)


def _continues(previous: str, line: str) -> bool:
    """A line wrapped inside a sentence: the previous line does not end one, and this one starts
    in lower case or the previous was long enough to have been wrapped."""
    if previous.rstrip().endswith((".", "!", "?", ":", ")")):
        return False
    if line[:1].islower():
        return True
    if _ENTRY.match(line):
        return False  # a new entry of a list: "SQL — PostgreSQL", "Tools: Jupyter"
    return len(previous) >= 60
