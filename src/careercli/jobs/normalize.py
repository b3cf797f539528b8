"""One cleaner per listing field, used by every importer and every board parser alike.

Values arrive as whatever a CSV cell, a JSON field or a board's API holds: text in any case,
numbers as text, epoch times, Python-style booleans. Each function here returns the one form the
store keeps, or None when the value says nothing; `amount` raises ValueError for a value that is
there but cannot be a number, so the caller can say which field was wrong.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import re
import unicodedata
from typing import Any

from careercli.catalog.schema import JOB_LEVELS, JOB_TYPES, PERIODS
from careercli.text import normalize

MAX_FIELD = {"native_id": 200, "title": 300, "company": 200, "location": 300}
MAX_DESCRIPTION = 20_000
PERIOD_FACTOR = {"year": 1, "month": 12, "week": 52, "day": 260, "hour": 2080}

# --------------------------------------------------------------------------- text

_BIDI = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


def clean(text: str) -> str:
    """Collapse whitespace and drop control characters (terminal escapes, bidi overrides)."""
    text = text.translate(_BIDI)
    if not text.isprintable():
        text = "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in text)
    return " ".join(text.split())


def field(value: Any, name: str) -> str | None:
    """A short text field (title, company, location), cleaned and cut to its limit."""
    if value is None or isinstance(value, (bool, dict, list)):
        return None
    text = clean(str(value))[: MAX_FIELD[name]].rstrip()
    return text or None


def ident(value: Any) -> str | None:
    """A listing's own id at its source: text or a whole number, short, printable."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return None
    text = clean(str(value))
    if not text or len(text) > MAX_FIELD["native_id"]:
        return None
    return text


def url(value: Any) -> str | None:
    """An http(s) URL with a host, or None."""
    from urllib.parse import urlsplit

    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text or len(text) > 2000 or not text.isprintable() or " " in text:
        return None
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return text


# --------------------------------------------------------------------------- job type

# The most specific arrangement wins when a listing names several ("Full-time, Contract" is a
# contract; "parttime, fulltime" offers full-time work).
_TYPE_PRIORITY = ("internship", "contract", "temporary", "full-time", "part-time")
_TYPE_WORDS = {
    "fulltime": "full-time",
    "permanent": "full-time",
    "parttime": "part-time",
    "contract": "contract",
    "contractor": "contract",
    "freelance": "contract",
    "freelancer": "contract",
    "intern": "internship",
    "internship": "internship",
    "apprentice": "internship",
    "apprenticeship": "internship",
    "coop": "internship",
    "temporary": "temporary",
    "temp": "temporary",
    "seasonal": "temporary",
    "fixedterm": "temporary",
}
assert set(_TYPE_WORDS.values()) == set(JOB_TYPES) == set(_TYPE_PRIORITY)


def job_type(value: Any) -> str | None:
    """One of JOB_TYPES from a JobSpy or board value ('fulltime', 'FullTime', 'full_time',
    'Permanent', 'Fixed-term', 'parttime, fulltime'), or None when it names none of them."""
    if not isinstance(value, str) or not value.strip():
        return None
    # Words and adjacent pairs, so "Full-time", "full time", "FullTime" and "fixed term" all count.
    words = re.findall(r"[a-z]+", re.sub(r"(?<=[a-z])(?=[A-Z])", " ", value).lower())
    keys = [*words, *(a + b for a, b in itertools.pairwise(words))]
    found = {_TYPE_WORDS[k] for k in keys if k in _TYPE_WORDS}
    return next((t for t in _TYPE_PRIORITY if t in found), None)


# --------------------------------------------------------------------------- dates


def posted(value: Any, *, millis: bool = False) -> str | None:
    """An ISO date from a date, an ISO timestamp or an epoch number (seconds, or milliseconds
    with `millis`); None for anything else or an impossible date."""
    if value is None or value == "" or isinstance(value, bool):
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (int, float)):
        if not math.isfinite(value) or value <= 0:
            return None
        try:
            seconds = value / 1000 if millis else value
            moment = dt.datetime.fromtimestamp(seconds, tz=dt.timezone.utc)
        except (OverflowError, OSError, ValueError):
            return None
        return moment.date().isoformat()
    m = re.match(r"^\s*(\d{4})-(\d{2})-(\d{2})", str(value))
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
    except ValueError:
        return None


# --------------------------------------------------------------------------- remote


_REMOTE_WORDS = {
    "true": True, "yes": True, "y": True, "1": True, "remote": True, "fullyremote": True,
    "false": False, "no": False, "n": False, "0": False, "onsite": False, "inperson": False,
    "inoffice": False, "office": False,
    "hybrid": "hybrid",
}  # fmt: skip


def remote(value: Any) -> bool | str | None:
    """True (remote), False (on-site), 'hybrid', or None (not said): from booleans, JobSpy's
    'True'/'False', and board words ('remote', 'on-site', 'In office', 'Hybrid')."""
    if isinstance(value, bool) or value is None:
        return value
    key = re.sub(r"[^a-z0-9]", "", str(value).lower())
    return _REMOTE_WORDS.get(key)


def remote_from_location(text: str | None) -> bool | str | None:
    """What a location line says about remote work ('Remote - US', 'Hybrid, London')."""
    if not text:
        return None
    low = text.lower()
    if "hybrid" in low:
        return "hybrid"
    if "remote" in low:
        return True
    return None


# --------------------------------------------------------------------------- money


def amount(value: Any) -> float | None:
    """A pay figure: None when absent; ValueError when present but not a usable number."""
    if value is None or value == "" or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        number = float(value)
    else:
        text = str(value).replace(",", "").replace("$", "").strip()
        if not text:
            return None
        try:
            number = float(text)
        except ValueError:
            raise ValueError(f"salary {str(value)[:40]!r} is not a number") from None
    if not math.isfinite(number) or number < 0 or number > 1e9:
        raise ValueError(f"salary {str(value)[:40]!r} is out of range")
    return number


_PERIOD_WORDS = {
    "year": "year", "yearly": "year", "annual": "year", "annually": "year", "annum": "year",
    "yr": "year", "peryear": "year", "1year": "year",
    "month": "month", "monthly": "month", "mo": "month", "permonth": "month", "1month": "month",
    "week": "week", "weekly": "week", "wk": "week", "perweek": "week", "1week": "week",
    "day": "day", "daily": "day", "perday": "day", "1day": "day",
    "hour": "hour", "hourly": "hour", "hr": "hour", "perhour": "hour", "1hour": "hour",
}  # fmt: skip
assert set(_PERIOD_WORDS.values()) == set(PERIODS)


def pay_period(value: Any) -> str | None:
    """One of PERIODS from an interval word ('yearly', 'HOURLY', '1 YEAR', 'per hour')."""
    if not isinstance(value, str):
        return None
    return _PERIOD_WORDS.get(re.sub(r"[^a-z0-9]", "", value.lower()))


_PLAUSIBLE = {
    "year": (1_000, 10_000_000),
    "month": (100, 1_000_000),
    "week": (20, 200_000),
    "day": (5, 50_000),
    "hour": (1, 5_000),
}


def plausible(low: float, high: float, period: str) -> bool:
    floor, ceiling = _PLAUSIBLE[period]
    return floor <= low <= high <= ceiling


def salary(low: Any, high: Any, currency: Any, period: Any) -> dict[str, Any] | None:
    """A salary range in one form: {min, max, currency, period}; None when it has no figure.
    Raises ValueError for a figure that is not a number or a period that is not known."""
    lo, hi = amount(low), amount(high)
    if lo is None and hi is None:
        return None
    word = str(period or "year")
    unit = word if word in PERIODS else pay_period(word)
    if unit is None:
        raise ValueError(f"salary period {word[:40]!r} is not one of {', '.join(PERIODS)}")
    if lo is not None and hi is not None and lo > hi:
        lo, hi = hi, lo
    code = str(currency or "USD").strip().upper()[:3] or "USD"
    return {"min": lo, "max": hi, "currency": code, "period": unit}


def annualize(value: float | None, period: str | None) -> float | None:
    """A yearly figure: hourly x 2,080 hours (BLS's convention), daily x 260, weekly x 52..."""
    if value is None:
        return None
    return float(value) * PERIOD_FACTOR.get(period or "year", 1)


# --------------------------------------------------------------------------- level

_LEVEL_RULES = (
    ("intern", re.compile(r"\b(intern|internship|co-?op)\b")),
    ("executive", re.compile(r"\b(director|vp|vice president|head of|chief|cto|cdo)\b")),
    ("lead", re.compile(r"\b(lead|principal|staff|manager)\b")),
    ("senior", re.compile(r"\b(senior|sr\.?|iii|iv)\b")),
    ("entry", re.compile(r"\b(junior|jr\.?|entry|graduate|associate|trainee|i)\b")),
)
assert {name for name, _ in _LEVEL_RULES} | {"mid"} == set(JOB_LEVELS)


def level(value: Any, title: str) -> str | None:
    """The level a source gives, if it is one of ours; else what the title's words say."""
    if value in JOB_LEVELS:
        return str(value)
    return infer_level(title)


def infer_level(title: str) -> str | None:
    """A level read from the title's words, or None: never a guess beyond what it says."""
    text = normalize(title)
    for name, rule in _LEVEL_RULES:
        if rule.search(text):
            return name
    return None
