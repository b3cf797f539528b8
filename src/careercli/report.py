"""Reports people send (`--export FILE.html` or `.md`): the same document as the terminal's,
as a standalone web page or Markdown file that says what it was made from (the command, the
skills or profile, the data folder), when, by which careercli, and which sources its facts
come from.

The HTML page has real tables, links only to http(s) addresses, no script, a layout that
reflows on a phone (each table row becomes a card) and print styles. Everything from data files
or the user is escaped.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass, field

from careercli.render import Bars, Doc, Table, Text, clean, md_text

_URL = re.compile(r"https?://[^\s<>\"')\]]+[^\s<>\"')\].,;:]")
# Ids, codes and amounts a browser must not break (at a hyphen or a slash): data-analyst,
# 15-1221, PL-300, $104K–$189K, $45/hr.
_WHOLE = re.compile(r"[$£€₹¥]?[\w.$£€₹¥]+(?:[-–/][\w.$£€₹¥]+)+|[$£€₹¥][\w.,]+")


@dataclass
class ReportMeta:
    """What a report was made from."""

    title: str
    command: str
    version: str
    made: dt.datetime
    inputs: list[tuple[str, str]] = field(default_factory=list)  # (what, value)

    @property
    def made_text(self) -> str:
        return self.made.strftime("%Y-%m-%d %H:%M")


# --------------------------------------------------------------------------- HTML


def _whole(text: str) -> str:
    """Escaped text whose ids, codes and amounts never wrap."""
    out, pos = [], 0
    for m in _WHOLE.finditer(text):
        out.append(html.escape(text[pos : m.start()]))
        out.append(f'<span class="nb">{html.escape(m.group())}</span>')
        pos = m.end()
    out.append(html.escape(text[pos:]))
    return "".join(out)


def _linked(text: str) -> str:
    """Escaped text with its http(s) addresses as links (nothing else becomes one)."""
    out, pos = [], 0
    for m in _URL.finditer(text):
        out.append(_whole(text[pos : m.start()]))
        url = html.escape(m.group(), quote=True)
        out.append(f'<a href="{url}">{url}</a>')
        pos = m.end()
    out.append(_whole(text[pos:]))
    return "".join(out)


def _cell_html(text: str) -> str:
    lines = clean(text).split("\n")
    if len(lines) > 1 and all(line.startswith("• ") for line in lines):
        items = "".join(f"<li>{_linked(line[2:])}</li>" for line in lines)
        return f"<ul>{items}</ul>"
    return "<br>".join(_linked(line) for line in lines)


def _table_html(block: Table) -> list[str]:
    heads = [clean(c) for c in block.columns]
    out = ['<div class="table"><table>']
    if block.first_column_is_header:
        out.append("<thead><tr><td></td>")
        out += [f'<th scope="col">{html.escape(h)}</th>' for h in heads[1:]]
        out.append("</tr></thead><tbody>")
        for row in block.rows:
            out.append(f'<tr><th scope="row">{_cell_html(row[0])}</th>')
            out += [
                f'<td data-label="{html.escape(h, quote=True)}">{_cell_html(c)}</td>'
                for h, c in zip(heads[1:], row[1:], strict=True)
            ]
            out.append("</tr>")
    else:
        out.append("<thead><tr>")
        out += [f'<th scope="col">{html.escape(h)}</th>' for h in heads]
        out.append("</tr></thead><tbody>")
        for row in block.rows:
            out.append("<tr>")
            out += [
                f'<td data-label="{html.escape(h, quote=True)}">{_cell_html(c)}</td>'
                for h, c in zip(heads, row, strict=True)
            ]
            out.append("</tr>")
    out.append("</tbody></table></div>")
    return out


def _bars_html(block: Bars) -> list[str]:
    rows = [r for r in block.rows if r[2] > 0]
    if not rows:
        return ["<p>No figures.</p>"]
    base = max(0.0, min(min(r[1], r[3] if r[3] is not None else r[1]) for r in rows) * 0.9)
    top = max(max(r[2], r[3] or 0) for r in rows)
    span = max(top - base, 1.0)

    def pct(value: float) -> str:
        return f"{100 * (value - base) / span:.1f}%"

    out = ['<div class="table"><table class="bars"><thead><tr>']
    out += ['<th scope="col">Role</th><th scope="col">Range</th><th scope="col">Chart</th>']
    out.append("</tr></thead><tbody>")
    for label, low, high, mark in rows:
        span_text = f"${low:,.0f}–${high:,.0f}" + (block.unit or "")
        if mark is not None:
            span_text += f"; median ${mark:,.0f}"
        left, width = pct(low), f"{100 * (high - low) / span:.1f}%"
        marker = f'<span class="mark" style="left:{pct(mark)}"></span>' if mark is not None else ""
        out.append(
            f'<tr><td data-label="Role">{html.escape(clean(label))}</td>'
            f'<td data-label="Range">{html.escape(span_text)}</td>'
            f'<td data-label="Chart" aria-hidden="true"><span class="track">'
            f'<span class="bar" style="left:{left};width:{width}"></span>{marker}</span></td></tr>'
        )
    out.append("</tbody></table></div>")
    return out


_STYLE = """
:root { color-scheme: light; --ink: #1d2330; --muted: #5b6472; --line: #d8dde6;
  --head: #f2f4f8; --accent: #1f5fbf; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 72rem; padding: 1.5rem; color: var(--ink);
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.15rem; margin: 2rem 0 .5rem; }
a { color: var(--accent); overflow-wrap: anywhere; }
.nb { white-space: nowrap; }
.made { color: var(--muted); margin: 0 0 1rem; }
dl.inputs { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem;
  margin: 0 0 1.5rem; padding: .75rem 1rem; background: var(--head); border-radius: .5rem; }
dl.inputs dt { font-weight: 600; }
dl.inputs dd { margin: 0; overflow-wrap: break-word; min-width: 0; }
.table { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .95rem; }
th, td { border: 1px solid var(--line); padding: .4rem .6rem; text-align: left;
  vertical-align: top; }
thead th { background: var(--head); }
tbody th { background: var(--head); white-space: nowrap; }
td ul { margin: 0; padding-left: 1.1rem; }
.note { color: var(--muted); font-size: .9rem; }
.bars .track { position: relative; display: block; height: .9rem; min-width: 8rem;
  background: var(--head); border-radius: .45rem; }
.bars .bar { position: absolute; top: 0; bottom: 0; background: var(--accent);
  border-radius: .45rem; opacity: .75; }
.bars .mark { position: absolute; top: -.2rem; bottom: -.2rem; width: 3px; background: #000; }
footer { margin-top: 2.5rem; color: var(--muted); font-size: .85rem; }
@media screen and (max-width: 40rem) {
  body { padding: .75rem; }
  dl.inputs { grid-template-columns: 1fr; }
  table, thead, tbody, tr, th, td { display: block; width: 100%; }
  thead { position: absolute; left: -9999px; }
  tr { border: 1px solid var(--line); border-radius: .5rem; margin: 0 0 .75rem;
    overflow: hidden; }
  th, td { border: 0; border-top: 1px solid var(--line); }
  tbody th { white-space: normal; }
  td[data-label]::before { content: attr(data-label); display: block; font-weight: 600;
    color: var(--muted); font-size: .85rem; }
}
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  .table { overflow: visible; }
  tr, .bars .track { break-inside: avoid; }
  thead { display: table-header-group; }
  a { color: inherit; text-decoration: none; }
  td a[href]::after, p a[href]::after, li a[href]::after { content: ""; }
  .bars .bar, .bars .mark { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  footer { break-before: avoid; }
}
"""


def html_report(doc: Doc, meta: ReportMeta) -> str:
    title = html.escape(clean(doc.title or meta.title))
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="careercli ' + html.escape(meta.version) + '">',
        f"<title>{title}</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{title}</h1>",
        f'<p class="made">Made by careercli {html.escape(meta.version)} on '
        f'<time datetime="{meta.made.isoformat(timespec="minutes")}">'
        f"{html.escape(meta.made_text)}</time></p>",
        '<dl class="inputs">',
        f"<dt>Command</dt><dd><code>{html.escape(clean(meta.command))}</code></dd>",
    ]
    out += [f"<dt>{html.escape(clean(k))}</dt><dd>{_linked(clean(v))}</dd>" for k, v in meta.inputs]
    out += ["</dl>", "</header>", "<main>"]
    for block in doc.blocks:
        if block.title:
            out.append(f"<h2>{html.escape(clean(block.title))}</h2>")
        if isinstance(block, Table):
            if block.rows:
                out += _table_html(block)
            else:
                out.append("<p>(none)</p>")
            if block.note:
                out.append(f'<p class="note">{_linked(clean(block.note))}</p>')
        elif isinstance(block, Bars):
            out += _bars_html(block)
        elif isinstance(block, Text):
            paragraphs = [p for p in clean(block.text).split("\n") if p.strip()]
            out += [f"<p>{_linked(p)}</p>" for p in paragraphs]
    out.append("</main>")
    if doc.sources:
        out.append('<section class="sources"><h2>Sources</h2><ul>')
        out += [f"<li>{_linked(clean(s))}</li>" for s in doc.sources]
        out.append("</ul></section>")
    out += [
        "<footer><p>Wages: U.S. Bureau of Labor Statistics (public domain). Occupations: O*NET "
        "29.3 by the U.S. Department of Labor, Employment and Training Administration, "
        'used under <a href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>. '
        "Figures are a guide, not an offer: check each source for the latest.</p></footer>",
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(out)


# --------------------------------------------------------------------------- Markdown


def markdown_report(doc: Doc, meta: ReportMeta) -> str:
    from careercli.render import to_markdown

    head = [
        f"# {md_text(doc.title or meta.title)}",
        "",
        f"Made by careercli {md_text(meta.version)} on {meta.made_text}.",
        "",
        "- **Command:** `" + clean(meta.command).replace("`", "'") + "`",
    ]
    head += [f"- **{md_text(k)}:** {md_text(v)}" for k, v in meta.inputs]
    body = to_markdown(Doc(doc.blocks))
    tail = []
    if doc.sources:
        tail = ["## Sources", ""] + [f"- {md_text(s)}" for s in doc.sources] + [""]
    tail += [
        "Wages: U.S. Bureau of Labor Statistics (public domain). Occupations: O*NET 29.3 by the "
        "U.S. Department of Labor, Employment and Training Administration, used under CC BY 4.0 "
        "(https://creativecommons.org/licenses/by/4.0/).",
    ]
    return "\n".join([*head, "", body.rstrip(), "", *tail]).rstrip() + "\n"
