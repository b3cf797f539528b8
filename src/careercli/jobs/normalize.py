"""One cleaner per listing field, used by every importer and every board parser alike.

Values arrive as whatever a CSV cell, a JSON field or a board's API holds: text in any case,
numbers as text, epoch times, Python-style booleans. Each function here returns the one form the
store keeps, or None when the value says nothing; `amount`, `salary` and `posted_strict` raise
ValueError for a value that is there but cannot be used, so the caller can say which field was
wrong and keep the rest of the listing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import math
import re
import unicodedata
from typing import Any

from careercli.text import MONTHS, LazyPattern, normalize
from careercli.vocab import MAX_PAY, JobLevel, JobType, PayPeriod

JOB_TYPES = JobType.values()
JOB_LEVELS = JobLevel.values()
PERIODS = PayPeriod.values()

MAX_FIELD = {"native_id": 200, "title": 300, "company": 200, "location": 300}
MAX_DESCRIPTION = 20_000
MIN_FINGERPRINT_TEXT = 100
PERIOD_FACTOR = {"year": 1, "month": 12, "week": 52, "day": 260, "hour": 2080}

# --------------------------------------------------------------------------- text

_BIDI = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))
_SURROGATE = LazyPattern("[\ud800-\udfff]")
# UTF-8 read as Latin-1/Windows-1252 and encoded again ("Youâ\x80\x99ll", "ZÃ³calo"): a lead
# byte's character followed by one or more continuation bytes' characters.
_MOJIBAKE = LazyPattern(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)


def unsurrogate(text: str) -> str:
    """Text that can be written as UTF-8: lone surrogates (from a JSON \\ud800 escape) become
    U+FFFD instead of failing the write."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def clean(text: str) -> str:
    """Collapse whitespace and drop control characters (terminal escapes, bidi overrides)."""
    text = unsurrogate(text).translate(_BIDI)
    if not text.isprintable():
        text = "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in text)
    return " ".join(text.split())


def repair_mojibake(text: str) -> str:
    """UTF-8 text that was decoded as Latin-1/Windows-1252 somewhere upstream, decoded right;
    text that is not such a double encoding is returned as it was."""
    if not _MOJIBAKE.search(text):
        return text
    for codec in ("cp1252", "latin-1"):
        try:
            fixed = text.encode(codec).decode("utf-8")
        except UnicodeError:
            continue
        return fixed

    # Mixed text: repair each run that is itself a clean double encoding.
    def one(m: re.Match[str]) -> str:
        for codec in ("cp1252", "latin-1"):
            try:
                return m.group(0).encode(codec).decode("utf-8")
            except UnicodeError:
                continue
        return m.group(0)

    return re.sub("[\u00c2-\u00f4][^\x00-\x7f\u00c2-\u00f4]{1,3}", one, text)


def field(value: Any, name: str) -> str | None:
    """A short text field (title, company, location), cleaned and cut to its limit."""
    if value is None or isinstance(value, (bool, dict, list)):
        return None
    text = clean(str(value))[: MAX_FIELD[name]].rstrip()
    return text or None


def description(value: Any) -> str | None:
    """A description: line breaks kept, control characters and lone surrogates dropped, cut to
    MAX_DESCRIPTION characters."""
    if value is None or isinstance(value, (bool, dict, list)):
        return None
    text = unsurrogate(str(value)[:MAX_DESCRIPTION]).translate(_BIDI)
    if not text.isprintable():
        text = "".join(
            ch if ch in "\n\t" or unicodedata.category(ch) != "Cc" else " " for ch in text
        )
    text = text.strip()
    return text or None


def ident(value: Any) -> str | None:
    """A listing's own id at its source: text or a whole number, short, printable."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return None
    if isinstance(value, int) and value.bit_length() > 640:
        return None  # a 200-digit "id" is not an id, and str() of 5,000 digits raises
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
    if _SURROGATE.search(text):
        return None
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return text


# Query parameters that track a click, not name a job.
_TRACKING = LazyPattern(
    r"^(utm_.*|gclid|fbclid|msclkid|mc_[a-z]+|ref|refid|referrer|src|source|trk|trkinfo|"
    r"trackingid|lipi|from|vjs|tk|sjdu|acatk|pub|_ga|gh_src|lever-source|lever-origin)$",
    re.IGNORECASE,
)


def canonical_url(value: str | None) -> str | None:
    """The form of a job URL two sources share: lowercase scheme and host without www., no
    fragment, no tracking parameters, parameters sorted, no trailing slash."""
    from urllib.parse import parse_qsl, urlencode, urlsplit

    if not value:
        return None
    try:
        parts = urlsplit(value)
        host = (parts.hostname or "").lower().removeprefix("www.")
        port = parts.port
    except ValueError:
        return None
    if not host:
        return None
    if port and port not in (80, 443):
        host = f"{host}:{port}"
    query = sorted((k, v) for k, v in parse_qsl(parts.query) if not _TRACKING.match(k))
    path = parts.path.rstrip("/") or "/"
    text = f"https://{host}{path}"
    return text + ("?" + urlencode(query) if query else "")


_NOT_WORD = LazyPattern(r"[\W_]+")


def fingerprint(title: str, company: str | None, location: str | None, text: str | None) -> str:
    """A content fingerprint: the same job posted on two boards, whatever the spacing, case,
    punctuation or markup of its text."""

    def fold(value: str | None, limit: int = 300) -> str:
        return _NOT_WORD.sub(" ", (value or "")[:limit].casefold()).strip()

    basis = "\x1f".join((fold(title), fold(company), fold(location), fold(text, 1500)))
    return hashlib.sha1(basis.encode("utf-8", "replace")).hexdigest()[:20]


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
    words = re.findall(r"[a-z]+", re.sub(r"(?<=[a-z])(?=[A-Z])", " ", value[:200]).lower())
    keys = [*words, *(a + b for a, b in itertools.pairwise(words))]
    found = {_TYPE_WORDS[k] for k in keys if k in _TYPE_WORDS}
    return next((t for t in _TYPE_PRIORITY if t in found), None)


# --------------------------------------------------------------------------- dates


_ISO = LazyPattern(r"^\s*(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:$|[T\s])")
_SLASH = LazyPattern(
    r"^\s*(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})(?:$|\s+\d{1,2}:\d{2}(?::\d{2})?\s*(?:[AP]M)?\s*$)", re.I
)
_DOTTED = LazyPattern(r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$")
_NAMED_DMY = LazyPattern(r"^\s*(\d{1,2})[\s-]+([A-Za-z]{3,9})\.?,?[\s-]+(\d{4})\s*$")
_NAMED_MDY = LazyPattern(r"^\s*([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\s*$")
MIN_YEAR = 1990


def _year(text: str) -> int:
    year = int(text)
    return year + 2000 if len(text) == 2 else year


def _date(year: int, month: int, day: int) -> str:
    if year < MIN_YEAR or year > 2100:
        raise ValueError(f"year {year} is out of range")
    return dt.date(year, month, day).isoformat()


def posted(value: Any, *, millis: bool = False, order: str | None = None) -> str | None:
    """An ISO date, or None when the value is absent or unusable (see `posted_strict`)."""
    try:
        return posted_strict(value, millis=millis, order=order)
    except ValueError:
        return None


def posted_strict(value: Any, *, millis: bool = False, order: str | None = None) -> str | None:
    """An ISO date from a date, an ISO timestamp, an epoch number (seconds, or milliseconds with
    `millis`), 2024/09/11, 11.09.2024, 11-Sep-2024, Sep 11, 2024 or 9/11/2024 (month first when
    `order` is 'mdy', day first when 'dmy'). None when absent; ValueError when present but
    impossible or unreadable; `SlashDate` when it is d/m or m/d and `order` is not given."""
    if value is None or value == "" or isinstance(value, bool):
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (int, float)):
        if isinstance(value, int) and value.bit_length() > 64:
            raise ValueError("date number is out of range")
        if not math.isfinite(value) or value <= 0:
            raise ValueError(f"date {value!r} is not a time")
        try:
            seconds = value / 1000 if millis else value
            moment = dt.datetime.fromtimestamp(seconds, tz=dt.timezone.utc)
        except (OverflowError, OSError, ValueError):
            raise ValueError(f"date {value!r} is out of range") from None
        return _date(moment.year, moment.month, moment.day)
    text = str(value)[:60]
    if not text.strip():
        return None
    try:
        if m := _ISO.match(text):
            return _date(int(m[1]), int(m[2]), int(m[3]))
        if m := _SLASH.match(text):
            a, b, year = int(m[1]), int(m[2]), _year(m[3])
            if order is None:
                raise SlashDate(a, b, year)
            month, day = (a, b) if order == "mdy" else (b, a)
            return _date(year, month, day)
        if m := _DOTTED.match(text):
            return _date(int(m[3]), int(m[2]), int(m[1]))
        if (m := _NAMED_DMY.match(text)) and m[2].lower() in MONTHS:
            return _date(int(m[3]), MONTHS[m[2].lower()], int(m[1]))
        if (m := _NAMED_MDY.match(text)) and m[1].lower() in MONTHS:
            return _date(int(m[3]), MONTHS[m[1].lower()], int(m[2]))
    except SlashDate:
        raise
    except ValueError:
        raise ValueError(f"date {text.strip()[:40]!r} is not a real date") from None
    raise ValueError(f"date {text.strip()[:40]!r} is not in a form careercli reads")


class SlashDate(ValueError):
    """A date written a/b/yyyy: which of a and b is the month is decided per file."""

    def __init__(self, a: int, b: int, year: int):
        super().__init__(f"{a}/{b}/{year}")
        self.a, self.b, self.year = a, b, year

    @property
    def evidence(self) -> str | None:
        """'mdy' or 'dmy' when only one reading is a real date, None when both are."""
        if self.a > 12 >= self.b:
            return "dmy"
        if self.b > 12 >= self.a:
            return "mdy"
        return None

    def resolve(self, order: str) -> str:
        month, day = (self.a, self.b) if order == "mdy" else (self.b, self.a)
        return _date(self.year, month, day)


# --------------------------------------------------------------------------- remote


_REMOTE_WORDS: dict[str, bool | str] = {
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
    key = re.sub(r"[^a-z0-9]", "", str(value)[:40].lower())
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


# A title's own segments ("HR Business Partner - 13 month Contract - Hybrid", "Receiver
# (Part-time)") may say the type and the workplace when the source's fields do not. Only a whole
# segment counts: "Contract Manager", "Hybrid Cloud Engineer" and "Remote Sensing Analyst" say
# nothing of the kind.
_SEGMENTS = LazyPattern(r"\s*(?:[–—|(),/:;]|\s-\s)\s*")
_TITLE_TYPE = LazyPattern(
    r"(?:\d+[\s-]*(?:months?|mo|weeks?|years?)\s+|fixed[\s-]term\s+|seasonal\s+)?"
    r"(part[\s-]?time|full[\s-]?time|contract|temporary|temp|internship|co[\s-]?op)"
    r"(?:\s+(?:role|position|job|contract|opportunity))?",
    re.I,
)
_TITLE_PLACE = LazyPattern(
    r"(?:fully\s+|100%\s+)?(remote|hybrid)(?:\s+(?:role|position|job|work|working|option))?",
    re.I,
)
_LEADING_TYPE = LazyPattern(r"^\s*(part[\s-]?time|temporary|seasonal)\b", re.I)


def from_title(title: str) -> tuple[str | None, bool | str | None]:
    """(job type, remote) that a title's own segments state, each None when they do not."""
    kind: str | None = None
    place: bool | str | None = None
    for segment in _SEGMENTS.split(title[:300]):
        if not segment:
            continue
        m = _TITLE_TYPE.fullmatch(segment)
        if m and kind is None:
            kind = job_type(m.group(1))
        m = _TITLE_PLACE.fullmatch(segment)
        if m and place is None:
            place = "hybrid" if m.group(1).lower() == "hybrid" else True
    if kind is None:
        m = _LEADING_TYPE.match(title)
        kind = job_type(m.group(1)) if m else None
    return kind, place


# --------------------------------------------------------------------------- money

_CURRENCY_SIGNS = {
    "$": "USD", "US$": "USD", "USD": "USD", "£": "GBP", "€": "EUR", "₹": "INR", "RS": "INR",
    "CA$": "CAD", "C$": "CAD", "CAD$": "CAD", "A$": "AUD", "AU$": "AUD", "NZ$": "NZD",
    "¥": "JPY", "S$": "SGD", "HK$": "HKD", "R$": "BRL", "CHF": "CHF", "ZAR": "ZAR",
}  # fmt: skip
# Roughly how many units of a currency buy one US dollar: only to scale the plausibility
# bounds below, never to convert or compare pay (careercli shows pay in its own currency).
_SCALE = {
    "USD": 1, "CAD": 1.4, "AUD": 1.5, "NZD": 1.7, "GBP": 0.8, "EUR": 0.9, "CHF": 0.9,
    "SGD": 1.35, "HKD": 7.8, "INR": 85, "JPY": 150, "CNY": 7.2, "KRW": 1400, "BRL": 5.5,
    "MXN": 18, "ZAR": 18, "PLN": 4, "SEK": 10.5, "NOK": 10.8, "DKK": 6.9, "CZK": 23,
    "HUF": 360, "TRY": 40, "PHP": 58, "IDR": 16000, "VND": 25000, "THB": 35, "MYR": 4.5,
    "TWD": 32, "ILS": 3.7, "AED": 3.7, "SAR": 3.75, "PKR": 280, "NGN": 1500, "EGP": 50,
    "ARS": 1000, "CLP": 950, "COP": 4000,
}  # fmt: skip


def currency(value: Any) -> str | None:
    """An ISO 4217 code from a code or a sign ('usd', '$', '£', 'CA$'); None when absent;
    ValueError when it is neither."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    text = str(value).strip().upper()[:10]
    if text in _CURRENCY_SIGNS:
        return _CURRENCY_SIGNS[text]
    if re.fullmatch(r"[A-Z]{3}", text):
        return text
    raise ValueError(f"currency {str(value)[:20]!r} is not an ISO code such as USD")


def amount(value: Any) -> float | None:
    """A pay figure: None when absent; ValueError when present but not a usable number."""
    if value is None or value == "" or isinstance(value, bool):
        return None
    if isinstance(value, int):
        if value.bit_length() > 64:
            raise ValueError("salary figure is out of range")
        number = float(value)
    elif isinstance(value, float):
        number = value
    else:
        text = str(value)[:60]
        shown = text.strip()[:40]
        text = re.sub(r"[,\s$£€₹¥]", "", text)
        if not text:
            return None
        try:
            number = float(text)
        except (ValueError, OverflowError):
            raise ValueError(f"salary {shown!r} is not a number") from None
    if not math.isfinite(number) or number < 0 or number > MAX_PAY:
        raise ValueError(f"salary {str(value)[:40]!r} is out of range")
    return number


# Every interval word JobSpy (its CompensationInterval), Lever, Ashby and job ads use, with
# the factor that turns an amount per that interval into an amount per the period kept.
_PERIOD_WORDS: dict[str, tuple[str, float]] = {
    **dict.fromkeys(
        "year yearly annual annually annum yr yrs peryear perannum pa 1year salary".split(),
        ("year", 1.0),
    ),
    **dict.fromkeys("month monthly mo mth permonth 1month".split(), ("month", 1.0)),
    **dict.fromkeys(
        "semimonthly semimonth twicemonthly semimonthsalary bimonthly".split(), ("month", 2.0)
    ),
    **dict.fromkeys("week weekly wk perweek 1week".split(), ("week", 1.0)),
    **dict.fromkeys(
        "biweekly biweek fortnight fortnightly 2week 2weeks everytwoweeks biweeksalary".split(),
        ("week", 0.5),
    ),
    **dict.fromkeys("day daily perday 1day diem perdiem".split(), ("day", 1.0)),
    **dict.fromkeys("hour hourly hr hrs perhour 1hour".split(), ("hour", 1.0)),
}
assert {p for p, _ in _PERIOD_WORDS.values()} == set(PERIODS)
# "bimonthly" is read as twice a month, as payroll uses it; Lever's own "bi-month-salary" is
# ambiguous (twice a month or every two months?) and is not mapped.
_PERIOD_WORDS.pop("bimonthly")


def pay_period(value: Any) -> str | None:
    """One of PERIODS from an interval word ('yearly', 'HOURLY', '1 YEAR', 'per hour'); None
    for a word that names none (or a multiple, such as 'fortnightly': see `pay_interval`)."""
    found = pay_interval(value)
    return found[0] if found and found[1] == 1.0 else None


def pay_interval(value: Any) -> tuple[str, float] | None:
    """(period, factor) for any interval word: 'fortnightly' is ('week', 0.5)."""
    if not isinstance(value, str):
        return None
    key = re.sub(r"[^a-z0-9]", "", value[:40].lower()).removeprefix("per").removesuffix("wage")
    key = key.removesuffix("salary") if key not in ("salary",) else key
    return _PERIOD_WORDS.get(key) or _PERIOD_WORDS.get("per" + key)


_PLAUSIBLE = {  # in US dollars; scaled for other currencies by _SCALE (x3 slack either way)
    "year": (1_000, 10_000_000),
    "month": (100, 1_000_000),
    "week": (20, 200_000),
    "day": (5, 50_000),
    "hour": (1, 5_000),
}


def plausible(low: float, high: float, period: str, code: str = "USD") -> bool:
    floor, ceiling = _PLAUSIBLE[period]
    scale = _SCALE.get(code)
    if scale is None:  # a currency we know nothing about: only the ceiling of all
        return 0 < low <= high <= MAX_PAY
    if scale != 1:
        return floor * scale / 3 <= low <= high <= ceiling * scale * 3
    return floor <= low <= high <= ceiling


def salary(
    low: Any, high: Any, code: Any, period: Any, *, default_currency: str | None = "USD"
) -> dict[str, Any] | None:
    """A salary range in one form: {min, max, currency, period}; None when it has no figure.

    Raises ValueError for a figure that is not a number, an interval that is not known, a
    currency that is not a code, or a range that is not plausible for its interval. A yearly
    range that is only plausible as an hourly one (30-30 a "year") is read as hourly, and the
    returned dict says so in "reread"."""
    lo, hi = amount(low), amount(high)
    if lo is None and hi is None:
        return None
    word = str(period or "year")
    found = pay_interval(word) if word not in PERIODS else (word, 1.0)
    if found is None:
        raise ValueError(f"pay interval {word[:40]!r} is not one careercli knows")
    unit, factor = found
    if factor != 1.0:
        lo = None if lo is None else round(lo * factor, 2)
        hi = None if hi is None else round(hi * factor, 2)
    if lo is not None and hi is not None and lo > hi:
        lo, hi = hi, lo
    cur = currency(code) or default_currency
    if cur is None:
        raise ValueError("salary has no currency")
    first = lo if lo is not None else hi
    last = hi if hi is not None else lo
    assert first is not None and last is not None
    out: dict[str, Any] = {"min": lo, "max": hi, "currency": cur, "period": unit}
    if not plausible(first, last, unit, cur):
        if unit == "year" and plausible(first, last, "hour", cur):
            out["period"] = "hour"
            out["reread"] = f"{_num(first)}–{_num(last)} a year is not a salary; read as hourly"
            return out
        raise ValueError(
            f"salary {_num(first)}–{_num(last)} {cur} per {unit} is not plausible for that interval"
        )
    return out


def _num(value: float) -> str:
    return f"{value:,.2f}".removesuffix(".00")


def annualize(value: float | None, period: str | None) -> float | None:
    """A yearly figure: hourly x 2,080 hours (BLS's convention), daily x 260, weekly x 52..."""
    if value is None:
        return None
    return float(value) * PERIOD_FACTOR.get(period or "year", 1)


# --------------------------------------------------------------------------- level

# "Staff" and "principal" mean seniority only before a word that names the holder's craft
# ("Staff Engineer", "Principal Data Scientist"), not in "Staff Nurse", "Staff Accountant" or
# "School Principal"; "lead" and "manager" not after assistant, associate or deputy.
_CRAFT = (
    r"(?:engineer|engineering|scientist|science|developer|architect|analyst|researcher|"
    r"designer|programmer|software|data|machine|ml|ai|swe|sre|backend|back-end|frontend|"
    r"front-end|full-stack|fullstack|platform|infrastructure|security|product|site|cloud|"
    r"devops|research|applied|quantitative|quant|statistician|economist|technical|solutions|"
    r"systems|database|analytics|mobile|ios|android|web|qa|test|hardware|firmware|network|"
    r"consultant|member of technical staff)"
)
_INTERN = LazyPattern(r"\b(intern|internship|co-?op)\b")
_EXECUTIVE = LazyPattern(r"\b(director|vp|vice president|head of|chief|cto|cdo|cio|ciso)\b")
_STAFF = LazyPattern(rf"\b(?:staff|principal)\s+(?:[\w/&+.-]+\s+){{0,2}}?{_CRAFT}\b")
_UNDER = LazyPattern(r"\b(assistant|asst\.?|associate|assoc\.?|deputy|junior|jr\.?|trainee)\b")
_LEAD = LazyPattern(r"\blead\b(?!\s*-?\s*(?:generation|gen|generator|qualification|free)\b)")
_MANAGER = LazyPattern(r"\bmanager\b")
_SENIOR = LazyPattern(r"\b(senior|sr\.?|iii|iv)\b")
_ENTRY = LazyPattern(
    r"\b(junior|jr\.?|entry|entry-level|graduate|new grad|trainee|i)\b"
    r"|^associate\b(?!\s+(?:director|principal|professor|partner|dean)\b)"
)
LEVEL_ORDER = ("intern", "executive", "lead", "senior", "entry")
assert set(LEVEL_ORDER) | {"mid"} == set(JOB_LEVELS)


def level(value: Any, title: str) -> str | None:
    """The level a source gives, if it is one of ours; else what the title's words say."""
    if value in JOB_LEVELS:
        return str(value)
    return infer_level(title)


def infer_level(title: str) -> str | None:
    """A level read from the title's words in context, or None: never a guess beyond what it
    says ("Staff Nurse", "Assistant Manager" and "Associate Product Manager" are not leads)."""
    text = normalize(title[:300])
    if _INTERN.search(text):
        return "intern"
    if _EXECUTIVE.search(text):
        return "executive"
    if _STAFF.search(text):
        return "lead"
    if not _UNDER.search(text) and (_LEAD.search(text) or _MANAGER.search(text)):
        return "lead"
    if _SENIOR.search(text):
        return "senior"
    if _ENTRY.search(text):
        return "entry"
    return None
