"""Text normalisation shared by skill matching, role lookup and job titles.

Keeps the symbols that carry meaning in tech names (C++, C#, .NET, Node.js, CI/CD, A/B) while
folding case, width (fullwidth ＳＱＬ is SQL), dashes, and invisible or control characters.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

_SPACE_LIKE = re.compile(r"[\s_\-‐-―−]+")
_AROUND_SLASH = re.compile(r"\s*/\s*")
_LEAD = "\"'`([{<•·‣◦*▪►-–—:;,“”‘’«»„‚‹›"
_TRAIL = "\"'`)]}>.,;:!?…“”‘’«»„‚‹›®™"
_DETACHED_SUFFIX = re.compile(r"(?<=\w)\s+(\+\+|#)(?=\s|$)")
_DROP = {"Cf"}  # zero-width and bidi marks vanish
_BLANK = {"Cc", "Cs", "Co", "Cn", "Zl", "Zp"}  # controls and the like separate words


def normalize(text: str) -> str:
    """Fold a name to the form used for exact lookups; '' when nothing meaningful is left."""
    text = unicodedata.normalize("NFKC", text)
    if not text.isprintable():
        text = "".join(_visible(ch) for ch in text)
    text = text.casefold()
    text = _SPACE_LIKE.sub(" ", text)
    text = _AROUND_SLASH.sub("/", text).strip()
    text = _DETACHED_SUFFIX.sub(r"\1", text)
    trail = _TRAIL
    if "(" in text and text.endswith(")"):
        trail = trail.replace(")", "")  # "python (basic)" keeps the bracket it closes
    text = text.lstrip(_LEAD).rstrip(trail).strip()
    return text


def _visible(ch: str) -> str:
    cat = unicodedata.category(ch)
    if cat in _DROP:
        return ""
    return " " if cat in _BLANK else ch


def slug(text: str) -> str:
    """A lowercase hyphenated id for a display name."""
    return re.sub(r"[^a-z0-9]+", "-", normalize(text)).strip("-")


MIN_TYPO_LEN = 5


def typo_budget(length: int) -> int:
    """How many edits may separate a typo from the name it means: none below five
    characters, one up to eight, two up to fourteen, three beyond."""
    if length < MIN_TYPO_LEN:
        return 0
    if length <= 8:
        return 1
    return 2 if length <= 14 else 3


def shorten(text: str, limit: int = 80) -> str:
    """Text for a one-line message: at most `limit` characters, an ellipsis where it was cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


class LazyPattern:
    """A regular expression compiled on first use: a module of many patterns then costs nothing
    to import for the commands that never use them. After the first use each method is looked
    up once and kept, so a call costs what it does on a compiled pattern."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._args = (pattern, flags)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name == "_args":
            raise AttributeError(name)
        compiled = self.__dict__.get("_compiled")
        if compiled is None:
            compiled = self.__dict__["_compiled"] = re.compile(*self._args)
        value = getattr(compiled, name)
        self.__dict__[name] = value
        return value


# Month names and their numbers (1-12), as dates in listings and résumés write them.
MONTHS = {
    m: n
    for n, names in enumerate(
        [
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
            ("dec", "december"),
        ],
        1,
    )
    for m in names
}  # fmt: skip
