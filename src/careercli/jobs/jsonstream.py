"""The items of a JSON list, one at a time: a top-level list, or the list under one key of a
top-level object ({"jobs": [...]}).

`json.loads` of a 60 MB file of empty objects holds twenty million dicts at once (3.6 GB);
decoding one item at a time holds one. Nesting is bounded by the decoder's recursion limit and
reported as an error, never a RecursionError; NaN, Infinity and integers too long to convert
are errors with their position, as are surrogates left for the caller to clean.
"""

from __future__ import annotations

import json
import re
from collections.abc import Generator, Iterator
from typing import Any

_WS = re.compile(r"[ \t\n\r]*")


class JSONStreamError(ValueError):
    """Not JSON, or not the expected shape; the message says where."""


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


_DECODER = json.JSONDecoder(parse_constant=_reject_constant)


def _where(text: str, pos: int) -> str:
    line = text.count("\n", 0, pos) + 1
    col = pos - (text.rfind("\n", 0, pos) + 1) + 1
    return f"line {line} column {col}"


def _decode(text: str, pos: int) -> tuple[Any, int]:
    try:
        return _DECODER.raw_decode(text, pos)
    except RecursionError:
        raise JSONStreamError(f"a value nested too deeply at {_where(text, pos)}") from None
    except json.JSONDecodeError as exc:
        raise JSONStreamError(f"{exc.msg} at {_where(text, exc.pos)}") from None
    except ValueError as exc:  # NaN, Infinity, an integer of more than 4,300 digits
        reason = str(exc).split(";")[0].split(": use")[0]
        if "Exceeds the limit" in reason:
            reason = "a number with more than 4,300 digits"
        raise JSONStreamError(f"{reason} at or after {_where(text, pos)}") from None


def _skip(text: str, pos: int) -> int:
    m = _WS.match(text, pos)
    return m.end() if m else pos


def shape(text: str) -> str:
    """'list', 'object', 'empty' or 'other': what the document starts with."""
    pos = _skip(text, 0)
    if pos >= len(text):
        return "empty"
    return {"[": "list", "{": "object"}.get(text[pos], "other")


def items(text: str, key: str | None = "jobs", *, allow_list: bool = True) -> Iterator[Any]:
    """Each item of the top-level list (when `allow_list`), or of the list under `key` in a
    top-level object. Raises JSONStreamError for broken JSON (at the point it is reached) or
    another shape."""
    pos = _skip(text, 0)
    if text.startswith("[", pos) and (allow_list or key is None):
        end = yield from _array(text, pos)
    elif text.startswith("{", pos) and key is not None:
        end = yield from _object(text, pos, key)
    else:
        what = (
            "nothing"
            if pos >= len(text)
            else {"[": "a list", "{": "an object"}.get(text[pos], "a single value")
        )
        if pos < len(text):
            _decode(text, pos)  # a syntax error is said as such
        want = (
            "a list"
            if key is None
            else f"a list, or an object with a {key!r} list"
            if allow_list
            else f"an object with a {key!r} list"
        )
        raise JSONStreamError(f"expected {want}, found {what}")
    end = _skip(text, end)
    if end != len(text):
        raise JSONStreamError(f"extra data after the JSON value at {_where(text, end)}")


def _array(text: str, pos: int) -> Generator[Any, None, int]:
    pos = _skip(text, pos + 1)
    if text.startswith("]", pos):
        return pos + 1
    while True:
        item, pos = _decode(text, pos)
        yield item
        pos = _skip(text, pos)
        if text.startswith(",", pos):
            pos = _skip(text, pos + 1)
        elif text.startswith("]", pos):
            return pos + 1
        else:
            raise JSONStreamError(f"expected ',' or ']' at {_where(text, pos)}")


def _object(text: str, pos: int, key: str) -> Generator[Any, None, int]:
    pos = _skip(text, pos + 1)
    found = False
    if text.startswith("}", pos):
        pos += 1
    else:
        while True:
            if not text.startswith('"', pos):
                raise JSONStreamError(f"expected a key at {_where(text, pos)}")
            name, pos = _decode(text, pos)
            pos = _skip(text, pos)
            if not text.startswith(":", pos):
                raise JSONStreamError(f"expected ':' at {_where(text, pos)}")
            pos = _skip(text, pos + 1)
            if name == key and not found and text.startswith("[", pos):
                found = True
                pos = yield from _array(text, pos)
            else:
                _, pos = _decode(text, pos)
            pos = _skip(text, pos)
            if text.startswith(",", pos):
                pos = _skip(text, pos + 1)
            elif text.startswith("}", pos):
                pos += 1
                break
            else:
                raise JSONStreamError(f"expected ',' or '}}' at {_where(text, pos)}")
    if not found:
        raise JSONStreamError(f"an object without a {key!r} list")
    return pos
