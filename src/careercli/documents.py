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
