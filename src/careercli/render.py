"""Output: one document model, rendered as a Rich table, Markdown or CSV; JSON comes straight
from the command's data. Rich is imported only when a table is actually printed."""

from __future__ import annotations

import json
import os
import re
import sys
from dataclasses import dataclass, field
from typing import Any, TextIO

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean(text: Any) -> str:
    """Text safe for a terminal: no escape sequences, other control characters or bidi
    overrides (lone surrogates, which no stream can encode, become U+FFFD)."""
    text = _CONTROL.sub("", str(text))
    if not text.isascii():
        text = text.encode("utf-8", "replace").decode("utf-8")  # lone surrogates
    return text


# Spreadsheet tools run a cell that starts with one of these as a formula; OWASP's advice is to
# prefix such a cell with a single quote, which the tools show as text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """A CSV cell that no spreadsheet will run: text starting like a formula gets a quote."""
    if not isinstance(value, str):
        return value
    text = clean(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
_ENTITY = re.compile(r"&(#?\w+;)")  # "&lt;" must stay those four characters, not become "<"


def md_text(value: Any) -> str:
    """Text for Markdown: no live HTML, links or emphasis from data; entities stay text."""
    text = _ENTITY.sub(r"&amp;\1", _MD_SPECIAL.sub(r"\\\1", clean(value)))
    return "\\" + text if text.startswith("#") else text


@dataclass
class Table:
    columns: list[str]
    rows: list[list[str]] = field(default_factory=list)
    title: str | None = None
    note: str | None = None
    first_column_is_header: bool = False
    flexible: int | None = None  # the column that takes spare width in a terminal
    # In a terminal, columns listed together are shown as one, their values on separate lines;
    # Markdown and CSV keep every column. The data is the same either way.
    stack: list[list[int]] | None = None


@dataclass
class Text:
    text: str
    title: str | None = None
    wrap: bool = True  # False: each line whole (file:line messages stay greppable)


@dataclass
class Bars:
    """A terminal bar chart of ranges on one shared scale."""

    title: str
    rows: list[tuple[str, float, float, float | None]]  # label, low, high, mark (median)
    unit: str = ""


Block = Table | Text | Bars


@dataclass
class Doc:
    blocks: list[Block] = field(default_factory=list)
    title: str | None = None
    sources: list[str] = field(default_factory=list)  # of the facts shown (reports list them)


def bullets(items: list[str] | tuple[str, ...]) -> str:
    return "\n".join(f"• {i}" for i in items)


# --------------------------------------------------------------------------- plain formats


def to_json(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _md_cell(text: str) -> str:
    return md_text(text).replace("\n", "<br>")


def to_markdown(doc: Doc) -> str:
    out: list[str] = []
    if doc.title:
        out += [f"# {md_text(doc.title)}", ""]
    for block in doc.blocks:
        if block.title:
            out += [f"## {md_text(block.title)}", ""]
        if isinstance(block, Table):
            if not block.rows:
                out += ["_(none)_", ""] + ([md_text(block.note), ""] if block.note else [])
                continue
            out.append("| " + " | ".join(_md_cell(c) for c in block.columns) + " |")
            out.append("|" + "|".join("---" for _ in block.columns) + "|")
            for row in block.rows:
                out.append("| " + " | ".join(_md_cell(c) for c in row) + " |")
            out.append("")
            if block.note:
                out += [md_text(block.note), ""]
        elif isinstance(block, Bars):
            out += ["| | low | median | high |", "|---|---|---|---|"]
            for label, low, high, mark in block.rows:
                med = "" if mark is None else f"{mark:,.0f}"
                out.append(f"| {_md_cell(label)} | {low:,.0f} | {med} | {high:,.0f} |")
            out.append("")
        else:
            out += [md_text(block.text).replace("\n", "  \n"), ""]
    return "\n".join(out).rstrip() + "\n"


def to_csv(doc: Doc) -> str:
    import csv
    import io

    table = next((b for b in doc.blocks if isinstance(b, Table)), None)
    buf = io.StringIO()
    if table is not None:
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow([csv_cell(c) for c in table.columns])
        writer.writerows([csv_cell(c) for c in row] for row in table.rows)
    return buf.getvalue()


def records_csv(records: list[dict[str, Any]]) -> str:
    import csv
    import io

    buf = io.StringIO()
    if records:
        writer = csv.DictWriter(buf, fieldnames=list(records[0]), lineterminator="\n")
        writer.writeheader()
        for record in records:
            writer.writerow({k: csv_cell(v) for k, v in record.items()})
    return buf.getvalue()


# --------------------------------------------------------------------------- terminal


def plain_terminal() -> bool:
    return bool(os.environ.get("NO_COLOR")) or os.environ.get("TERM") == "dumb"


def make_console(
    file: TextIO | None = None,
    *,
    record: bool = False,
    width: int | None = None,
    force_color: bool = False,
):
    from rich.console import Console

    kwargs: dict[str, Any] = {"highlight": False, "record": record}
    if force_color:
        kwargs["color_system"] = "truecolor"
        kwargs["force_terminal"] = True
    elif plain_terminal():
        kwargs["color_system"] = None
    if width is not None:
        kwargs["width"] = width

    class PipeAwareConsole(Console):
        # Rich exits 1 when the reader goes away; careercli treats a closed pipe as success.
        def on_broken_pipe(self) -> None:
            self.quiet = True
            raise BrokenPipeError

    console = PipeAwareConsole(file=file or sys.stdout, **kwargs)
    if width is None:
        # COLUMNS=0 printed nothing and COLUMNS=100000 one 264,000-character line: a width no
        # terminal has is read as the usual 80; a huge one is capped.
        w = console.width
        console.width = 80 if w < MIN_WIDTH else min(w, MAX_WIDTH)
    return console


MIN_WIDTH, MAX_WIDTH = 10, 400


def show_doc(doc: Doc, console: Any, pager: bool = True) -> None:
    """Print to the terminal; output longer than the screen goes through $PAGER (less -FRX by
    default, as git does) when both stdin and stdout are terminals and `pager` is on; never on a
    dumb terminal, which cannot run one."""
    if not (
        pager
        and console.is_terminal
        and not console.is_dumb_terminal
        and sys.stdin is not None
        and sys.stdin.isatty()
    ):
        print_doc(doc, console)
        return
    with console.capture() as captured:
        print_doc(doc, console)
    text = captured.get()
    if text.count("\n") < console.height:
        console.file.write(text)
        return
    import pydoc

    os.environ.setdefault("LESS", "FRX")  # keep colours, quit at once if it fits after all
    pydoc.pager(text)


def print_doc(doc: Doc, console: Any) -> None:
    from rich import box
    from rich.table import Table as RichTable
    from rich.text import Text as RichText

    if doc.title:
        console.print(RichText(clean(doc.title), style="bold"))
    for n, block in enumerate(doc.blocks):
        if n:
            console.print()
        if block.title and not isinstance(block, Bars):
            console.print(RichText(clean(block.title), style="bold"))
        if isinstance(block, Table):
            if not block.rows:
                console.print(RichText("(none)", style="dim"))
                if block.note:
                    console.print(RichText(clean(block.note), style="dim"))
                continue
            block = _stacked(block)
            framed = block.first_column_is_header
            columns = [clean(c) for c in block.columns]
            rows = [[clean(c) for c in row] for row in block.rows]
            n = len(columns)
            layout = fit_columns(
                columns,
                rows,
                console.width - (3 * n + 1 if framed else 3 * n - 1),
                whole=0 if framed else None,
            )
            if layout is None:
                for record in _records(columns, rows, console.width):
                    console.print(record, end="", no_wrap=True, overflow="ignore", crop=False)
                if block.note:
                    console.print(RichText(clean(block.note), style="dim"))
                continue
            widths, rows = layout
            table = RichTable(
                box=box.ROUNDED if framed else box.SIMPLE_HEAVY,
                show_lines=framed,
                show_edge=framed,
                expand=False,
            )
            for i, col in enumerate(columns):
                style = "bold" if (i == 0 and framed) else None
                # A header from data (a role's name) is text, never Rich markup.
                table.add_column(
                    RichText(col),
                    overflow="fold",
                    style=style,
                    min_width=widths[i] if widths else None,
                    max_width=widths[i] if widths else None,
                )
            for row in rows:
                table.add_row(*(RichText(c) for c in row))
            console.print(table)
            if block.note:
                console.print(RichText(clean(block.note), style="dim"))
        elif isinstance(block, Bars):
            console.print(_bars(block, console.width), end="")
        elif block.wrap:
            console.print(_hanging(clean(block.text), console), no_wrap=True, crop=False)
        else:
            console.print(RichText(clean(block.text)), no_wrap=True, overflow="ignore", crop=False)


_MARKER = re.compile(r"\s*(?:(?:\d+\.|[-*•])\s+)?")


def _hanging(text: str, console: Any) -> Any:
    """Wrap each line between words, its continuation lines indented under the text after a
    list marker ("  2. ", "- "), so a numbered step reads as one item."""
    from rich.text import Text as RichText

    out = RichText()
    for n, line in enumerate(text.split("\n")):
        if n:
            out.append("\n")
        indent = len(_MARKER.match(line).group())  # type: ignore[union-attr]
        if indent * 2 >= console.width:
            indent = 0
        body = RichText(line[indent:])
        wrapped = body.wrap(console, max(console.width - indent, 1))
        for k, part in enumerate(wrapped):
            if k:
                out.append("\n")
            out.append(line[:indent] if k == 0 else " " * indent)
            part.rstrip()
            out.append(part)
    return out


# Below this width nothing fits whole: tables fall back to Rich's own folding.
NARROWEST = 40
# Tokens that may be shortened (with an ellipsis in the middle) when nothing else fits: web
# addresses and paths. Ids, codes, money and words are never cut.
_SHORTENABLE = re.compile(r"://|^www\.|/")
_SHORTEST = 20


def _longest_token(text: str) -> int:
    return max((len(t) for t in text.split()), default=0)


def _longest_line(text: str) -> int:
    return max((len(line) for line in text.split("\n")), default=0)


def _shorten(token: str, width: int) -> str:
    if len(token) <= width:
        return token
    head = (width - 1) // 2
    return token[:head] + "…" + token[len(token) - (width - 1 - head) :]


def fit_columns(
    columns: list[str], rows: list[list[str]], room: int, whole: int | None = None
) -> tuple[list[int] | None, list[list[str]]] | None:
    """Column widths that never cut an id, a code, an amount or a word: each column is at least
    as wide as its longest token, and spare room goes where the text is longest. A web address
    too long for any layout is shortened in the middle. None when the tokens cannot fit side
    by side (the caller then lists each row as a record); (None, rows) when the terminal is too
    narrow for any of this to help. Column `whole` (a framed table's row titles), a first
    column of names and short columns are kept unwrapped when there is room."""
    if room < NARROWEST - 3 * len(columns):
        return None, rows
    cells = [[*columns], *rows]
    least = [max(_longest_token(r[i]) for r in cells) for i in range(len(columns))]
    most = [max(_longest_line(r[i]) for r in cells) for i in range(len(columns))]
    if sum(most) <= room:
        return None, rows
    if sum(least) > room:
        # Only web addresses may give way, never below _SHORTEST characters.
        keep = [
            max(
                (len(t) for r in cells for t in r[i].split() if not _SHORTENABLE.search(t)),
                default=0,
            )
            for i in range(len(columns))
        ]
        over = sum(least) - room
        for i in sorted(range(len(columns)), key=lambda k: -least[k]):
            floor = max(keep[i], _SHORTEST, _longest_token(columns[i]))
            cut = min(over, least[i] - floor)
            if cut > 0:
                least[i] -= cut
                over -= cut
        if over > 0:
            return None
    widths = list(least)
    # Row titles, then a first column of names that takes at most half the room, then short
    # columns are kept whole when they fit.
    first = [0] if whole == 0 or most[0] <= room // 2 else []
    short = first + sorted(
        (i for i in range(len(columns)) if i not in first and most[i] <= room // 4),
        key=lambda i: most[i],
    )
    for i in short:
        if sum(widths) - widths[i] + most[i] <= room:
            widths[i] = most[i]
    spare = room - sum(widths)
    if spare > 0:
        widths = _spread(widths, most, rows, spare)
    rows = [[_shorten_cell(cell, widths[i]) for i, cell in enumerate(row)] for row in rows]
    return widths, rows


def _wrapped(parts: list[list[int]], width: int) -> int:
    """Lines a cell takes at `width`, wrapped between words (each part: its words' lengths)."""
    lines = 0
    for words in parts:
        lines += 1
        used = -1
        for n in words:
            if used < 0:
                used = n
            elif used + 1 + n <= width:
                used += 1 + n
            else:
                lines += 1
                used = n
    return lines


def _spread(widths: list[int], most: list[int], rows: list[list[str]], spare: int) -> list[int]:
    """Give spare room where it saves the most table lines per character (a row is as tall as
    its tallest cell); once no column can save a line, the rest goes to the columns with the
    most text."""
    columns = list(zip(*rows, strict=True))
    cells = [
        [[[len(w) for w in part.split()] for part in cell.split("\n")] for cell in column]
        for column in columns
    ]
    volume = [sum(len(c) for c in col) + 1 for col in columns]
    memo: dict[tuple[int, int], list[int]] = {}

    def lines(i: int, w: int) -> list[int]:
        if (i, w) not in memo:
            memo[(i, w)] = [_wrapped(c, w) for c in cells[i]]
        return memo[(i, w)]

    widths = list(widths)
    n = len(widths)
    while spare > 0:
        current = [lines(i, widths[i]) for i in range(n)]
        now = sum(map(max, zip(*current, strict=True)))
        best: tuple[float, int, int] | None = None
        for i in range(n):
            if widths[i] >= most[i]:
                continue
            others = [max((current[j][r] for j in range(n) if j != i), default=0)
                      for r in range(len(rows))]  # fmt: skip
            for d in range(1, min(spare, most[i] - widths[i]) + 1):
                h = sum(max(o, x) for o, x in zip(others, lines(i, widths[i] + d), strict=True))
                if h < now:
                    gain = (now - h) / d
                    if best is None or gain > best[0]:
                        best = (gain, i, d)
                    break
        if best is None:
            break
        _, i, d = best
        widths[i] += d
        spare -= d
    while spare > 0:
        wanting = [i for i in range(n) if widths[i] < most[i]]
        if not wanting:
            break
        i = max(wanting, key=lambda k: volume[k] / widths[k] ** 2)
        widths[i] += 1
        spare -= 1
    return widths


def _shorten_cell(cell: str, width: int) -> str:
    if _longest_token(cell) <= width:
        return cell
    return "\n".join(
        " ".join(_shorten(t, width) if _SHORTENABLE.search(t) else t for t in line.split(" "))
        for line in cell.split("\n")
    )


def _records(columns: list[str], rows: list[list[str]], width: int) -> list[Any]:
    """A table too wide for the terminal, one row at a time: the first cell on its own line,
    then each other cell under its column's name. Lines are wrapped here, between words only,
    and printed as they are, so a token longer than the screen stays one line."""
    import textwrap

    from rich.text import Text as RichText

    out = []
    for n, row in enumerate(rows):
        text = RichText()
        if n:
            text.append("\n")
        for line in row[0].split("\n"):
            text.append(line + "\n", style="bold")
        for head, cell in zip(columns[1:], row[1:], strict=True):
            if not cell.strip():
                continue
            parts = cell.split("\n")
            if all(len(p) <= 24 and not p.startswith("•") for p in parts):
                parts = [" · ".join(p for p in parts if p)]  # short stacked values: one line
            for k, part in enumerate(parts):
                lines = textwrap.wrap(
                    part,
                    width=max(20, width - 4),
                    initial_indent=f"  {head}: " if k == 0 else "    ",
                    subsequent_indent="    ",
                    break_long_words=False,
                    break_on_hyphens=False,
                )
                for line in lines:
                    text.append(line + "\n")
        out.append(text)
    return out


def _stacked(block: Table) -> Table:
    if not block.stack:
        return block
    columns = [" / ".join(block.columns[i] for i in group) for group in block.stack]
    rows = [
        ["\n".join(row[i] for i in group if row[i]) for group in block.stack] for row in block.rows
    ]
    flexible = next((n for n, group in enumerate(block.stack) if block.flexible in group), None)
    return Table(columns, rows, block.title, block.note, block.first_column_is_header, flexible)


def _bars(block: Bars, width: int) -> Any:
    from rich.text import Text as RichText

    out = RichText()
    out.append(clean(block.title) + "\n", style="bold")
    rows = [r for r in block.rows if r[2] > 0]
    if not rows:
        out.append("no figures\n", style="dim")
        return out
    label_w = min(max(28, width // 2 - 8), max(len(clean(r[0])) for r in rows))
    bar_w = max(10, width - label_w - 16)
    lows = [min(r[1], r[3]) if r[3] is not None else r[1] for r in rows]
    base = max(0.0, (min(lows) // 10_000) * 10_000 - 10_000)
    top = max(max(r[2], r[3] or 0) for r in rows)
    span = max(top - base, 1.0)

    def pos(value: float) -> int:
        return min(bar_w - 1, max(0, round((value - base) / span * (bar_w - 1))))

    for label, low, high, mark in rows:
        line = [" "] * bar_w
        for i in range(pos(low), pos(high) + 1):
            line[i] = "━"
        if mark is not None:
            line[pos(mark)] = "┃"
        name = clean(label)
        name = name if len(name) <= label_w else name[: label_w - 1] + "…"
        out.append(f"{name:<{label_w}} ")
        out.append("".join(line), style="cyan")
        out.append(f" {short_number(low)}–{short_number(high)}{block.unit}\n")
    left, right = short_number(base), short_number(top)
    out.append(f"{'':<{label_w}} {left}{right:>{bar_w - len(left)}}\n", style="dim")
    return out


def short_number(value: float) -> str:
    """120K for 120,000; plain below a thousand."""
    if value >= 1000:
        return f"{value / 1000:,.0f}K"
    return f"{value:,.0f}"


def report(doc: Doc, kind: str, title: str, meta: Any = None) -> str:
    """The document as a standalone report: 'html' or 'md' (see careercli.report; `meta` says
    what it was made from), or 'svg', the terminal picture recorded by Rich."""
    if kind in ("html", "md"):
        import datetime as dt

        from careercli import __version__
        from careercli.report import ReportMeta, html_report, markdown_report

        meta = meta or ReportMeta(title, "careercli", __version__, dt.datetime.now())
        return (html_report if kind == "html" else markdown_report)(doc, meta)
    import io

    console = make_console(io.StringIO(), record=True, width=100)
    if console.color_system is None:
        console = make_console(io.StringIO(), record=True, width=100, force_color=True)
    print_doc(Doc(doc.blocks, doc.title or title), console)
    return console.export_svg(title=clean(title))


# --------------------------------------------------------------------------- streams


def stream_json(head: dict[str, Any], key: str, items: Any, out: TextIO | None = None) -> None:
    """Write {**head, key: [items...]} as `to_json` would, one item at a time, so a list of
    100,000 listings is never held whole."""
    write = (out or sys.stdout).write
    write("{\n")
    for name, value in head.items():
        write(f"  {json.dumps(name)}: {json.dumps(value, ensure_ascii=False)},\n")
    write(f"  {json.dumps(key)}: [")
    first = True
    for item in items:
        text = json.dumps(item, indent=2, ensure_ascii=False).replace("\n", "\n    ")
        write(("\n    " if first else ",\n    ") + text)
        first = False
    write("]\n}\n" if first else "\n  ]\n}\n")
    (out or sys.stdout).flush()


def stream_records_csv(records: Any, out: TextIO | None = None) -> None:
    """`records_csv`, a chunk of rows at a time (the header once)."""
    write = (out or sys.stdout).write
    chunk: list[dict[str, Any]] = []
    header = True
    for record in records:
        chunk.append(record)
        if len(chunk) >= 500:
            text = records_csv(chunk)
            write(text if header else text.split("\n", 1)[1])
            header, chunk = False, []
    if chunk:
        text = records_csv(chunk)
        write(text if header else text.split("\n", 1)[1])
    (out or sys.stdout).flush()
