"""Fetch and parse the public job-board APIs that need no key: Lever, Greenhouse, Ashby,
Remotive and RemoteOK.

Only `careercli jobs sync` calls this module, so nothing here touches the network at import
time and the HTTP machinery (http.client, ssl, socket, threading) is imported inside the
functions that use it. Every failure a user or a server can cause is a CareerError with a
one-line message naming the URL.

Response formats, as documented by each board (and checked against published captures):

- Lever `GET /v0/postings/{site}?mode=json`: a JSON list of postings with `id`, `text` (the
  title), `categories` {location, commitment, team, department, allLocations}, `createdAt`
  (epoch milliseconds), `description` / `descriptionPlain`, `lists` [{text, content}],
  `additional`, `hostedUrl`, `applyUrl`, `workplaceType` (unspecified, on-site, remote, hybrid)
  and an optional `salaryRange` {currency, interval, min, max}.
- Greenhouse `GET /v1/boards/{board}/jobs?content=true`: {"jobs": [...], "meta": {...}}, each
  job with `id`, `title`, `location.name`, `absolute_url`, `updated_at`, `first_published`,
  `company_name` and `content` (HTML that is itself entity-escaped). Pay ranges come as
  `pay_input_ranges` [{min_cents, max_cents, currency_type, title, blurb}] only when
  `pay_transparency=true` is asked for; the period is named only in the free-text `title`.
- Ashby `GET /posting-api/job-board/{board}?includeCompensation=true`: {"apiVersion", "jobs"},
  each job with `id`, `title`, `location`, `employmentType` (FullTime, PartTime, Intern, Contract,
  Temporary), `isRemote`, `workplaceType`, `publishedAt`, `isListed`, `jobUrl`,
  `descriptionHtml` / `descriptionPlain` and `compensation.summaryComponents`
  [{compensationType, interval ("1 YEAR", "1 HOUR", ...), currencyCode, minValue, maxValue}].
- Remotive `GET /api/remote-jobs[?search=]`: {"job-count", "jobs": [...]}, each job with `id`,
  `url`, `title`, `company_name`, `job_type` (full_time, part_time, contract, freelance,
  internship), `publication_date`, `candidate_required_location`, `salary` (free text) and
  `description` (HTML).
- RemoteOK `GET /api`: a JSON list whose first element is a legal notice; jobs carry `id`,
  `position`, `company`, `location`, `date`, `epoch`, `description` (HTML), `url`, `apply_url`
  and `salary_min` / `salary_max` (yearly USD, 0 when not given).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlsplit

from careercli.documents import html_to_text, plain_text
from careercli.errors import CareerError
from careercli.jobs import normalize as norm
from careercli.jobs.http import fetch_json, show_url, shown

KINDS = ("lever", "greenhouse", "ashby", "remotive", "remoteok")

_SLUG = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")
_ACCEPTED_FORMS = (
    "lever:COMPANY, greenhouse:BOARD, ashby:BOARD, remotive, remotive:SEARCH or remoteok"
)
_REAL_BASE = {
    "lever": "https://api.lever.co",
    "greenhouse": "https://boards-api.greenhouse.io",
    "ashby": "https://api.ashbyhq.com",
    "remotive": "https://remotive.com",
    "remoteok": "https://remoteok.com",
}
_FIXED_NAME = {"remotive": "remotive", "remoteok": "remoteok"}


# ---------------------------------------------------------------------------------------------
# Sources


@dataclass(frozen=True)
class SourceSpec:
    kind: str
    name: str

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise CareerError(
                f"unknown job source kind {shown(self.kind)}", hint=f"Use {_ACCEPTED_FORMS}."
            )
        if not isinstance(self.name, str) or not _SLUG.fullmatch(self.name):
            raise CareerError(
                f"invalid {self.kind} name {shown(self.name)}: use letters, digits, '-', '_' "
                "or '.' (at most 100, starting with a letter or digit)"
            )
        if self.kind == "remoteok" and self.name != "remoteok":
            raise CareerError("remoteok takes no board name", hint=f"Use {_ACCEPTED_FORMS}.")

    @property
    def key(self) -> str:
        if self.name == _FIXED_NAME.get(self.kind):
            return self.kind
        return f"{self.kind}:{self.name}"

    @property
    def search(self) -> str | None:
        """The Remotive search term, if one was given."""
        if self.kind == "remotive" and self.name != "remotive":
            return self.name
        return None


def parse_spec(text: str) -> SourceSpec:
    """Read 'lever:acme', 'greenhouse:stripe', 'ashby:linear', 'remotive[:SEARCH]' or 'remoteok'."""
    raw = text.strip() if isinstance(text, str) else ""
    kind, sep, name = raw.partition(":")
    kind = kind.strip().lower()
    name = name.strip()
    if kind not in KINDS:
        raise CareerError(
            f"unknown job source {shown(raw)}", hint=f"Accepted forms: {_ACCEPTED_FORMS}."
        )
    if kind in _FIXED_NAME:
        if not sep:
            return SourceSpec(kind, _FIXED_NAME[kind])
        if kind == "remoteok":
            raise CareerError(
                f"remoteok takes no board name (got {shown(raw)})",
                hint=f"Accepted forms: {_ACCEPTED_FORMS}.",
            )
    if not name:
        raise CareerError(
            f"job source {shown(raw)} needs a {'search term' if kind == 'remotive' else 'name'}",
            hint=f"Accepted forms: {_ACCEPTED_FORMS}.",
        )
    return SourceSpec(kind, name)


def source_url(spec: SourceSpec, base_url: str | None = None) -> str:
    """The board's public endpoint, or the same path and query under `base_url`."""
    name = quote(spec.name, safe="")
    if spec.kind == "lever":
        path = f"/v0/postings/{name}?mode=json"
    elif spec.kind == "greenhouse":
        # Without pay_transparency=true the list leaves pay_input_ranges out entirely.
        path = f"/v1/boards/{name}/jobs?content=true&pay_transparency=true"
    elif spec.kind == "ashby":
        path = f"/posting-api/job-board/{name}?includeCompensation=true"
    elif spec.kind == "remotive":
        term = spec.search
        path = "/api/remote-jobs" + (f"?search={quote(term, safe='')}" if term else "")
    else:
        path = "/api"
    if base_url is None:
        return _REAL_BASE[spec.kind] + path
    return _check_base_url(base_url) + path


def _check_base_url(base_url: str) -> str:
    text = base_url.strip() if isinstance(base_url, str) else ""
    if not text or not text.isprintable() or " " in text:
        raise CareerError(f"invalid base URL {shown(base_url)}")
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 - raises ValueError for a bad port
    except ValueError:
        raise CareerError(f"invalid base URL {shown(text)}") from None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise CareerError(
            f"base URL must be an http:// or https:// URL with a host, not {shown(text)}"
        )
    if parts.query or parts.fragment:
        raise CareerError(f"base URL must not carry a query or fragment: {shown(text)}")
    return text.rstrip("/")


# ---------------------------------------------------------------------------------------------
# Parsing


def fetch_listings(
    spec: SourceSpec, base_url: str | None = None, **fetch_kwargs: Any
) -> list[dict]:
    """Fetch one source and return its listings (see `parse_listings`)."""
    url = source_url(spec, base_url)
    payload = fetch_json(url, **fetch_kwargs)
    try:
        return parse_listings(spec, payload)
    except CareerError as exc:
        problem = exc.message.removeprefix(f"{spec.key}: ")
        raise CareerError(f"{show_url(url)}: {problem}", hint=exc.hint) from None


def parse_listings(spec: SourceSpec, payload: Any) -> list[dict]:
    """Map a board's JSON to listing dicts with the keys the job store expects."""
    stats = ParseStats()
    listings: list[dict] = []
    seen: set[str] = set()
    for listing in _parse_items(spec, _items(spec, payload), stats):
        if listing["native_id"] not in seen:
            seen.add(listing["native_id"])
            listings.append(listing)
    return listings


@dataclass
class ParseStats:
    """What parsing a response met: entries considered, and those left out, by reason."""

    considered: int = 0
    unlisted: int = 0
    untitled: int = 0
    other: int = 0

    @property
    def skipped(self) -> int:
        return self.untitled + self.other


def stream_listings(
    spec: SourceSpec,
    text: str,
    url: str,
    content_type: str | None,
    stats: ParseStats,
    check: Any = None,
) -> Iterator[dict]:
    """The listings of a response body, parsed one entry at a time (a 19 MB body of 500,000
    listings is never held decoded all at once); `check` is called every 500 entries (a
    deadline). Errors name the URL."""
    from careercli.jobs import jsonstream
    from careercli.jobs.http import not_json

    if jsonstream.shape(text) in ("empty", "other"):
        raise not_json(url, content_type)
    wants_list = spec.kind in ("lever", "remoteok")
    items = jsonstream.items(text, None if wants_list else "jobs", allow_list=wants_list)

    def guarded() -> Iterator[Any]:
        try:
            for n, item in enumerate(items):
                if check is not None and n % 500 == 0:
                    check()
                yield item
        except jsonstream.JSONStreamError as exc:
            what = str(exc)
            if what.startswith(("expected a list", "expected an object", "an object without")):
                raise CareerError(f"{show_url(url)}: {_shape_message(spec, what)}") from None
            raise CareerError(f"{show_url(url)}: the response is not valid JSON ({what})") from None

    try:
        yield from _parse_items(spec, guarded(), stats)
    except CareerError as exc:
        if exc.message.startswith(f"{spec.key}: "):
            problem = exc.message.removeprefix(f"{spec.key}: ")
            raise CareerError(f"{show_url(url)}: {problem}", hint=exc.hint) from None
        raise


def _shape_message(spec: SourceSpec, what: str) -> str:
    if spec.kind in ("lever", "remoteok"):
        return f"expected a JSON list of jobs ({what})"
    return f"expected a JSON object with a 'jobs' list ({what})"


def _parse_items(spec: SourceSpec, items: Iterable[Any], stats: ParseStats) -> Iterator[dict]:
    parse = _PARSERS[spec.kind]
    found = 0
    context: dict[str, Any] = {}
    for item in items:
        if not isinstance(item, dict):
            stats.other += 1
            continue
        if spec.kind == "remoteok" and "legal" in item and "position" not in item:
            continue
        stats.considered += 1
        if spec.kind == "ashby" and item.get("isListed") is False:
            stats.unlisted += 1
            continue
        listing = parse(spec, item, context)
        if listing is None:
            if not norm.field(_title_of(spec, item), "title"):
                stats.untitled += 1
            else:
                stats.other += 1
            continue
        found += 1
        yield listing
    if stats.considered and not found and stats.unlisted != stats.considered:
        raise CareerError(
            f"{spec.key}: none of the {stats.considered} entries looks like a {spec.kind} job "
            "listing"
        )


def _title_of(spec: SourceSpec, item: dict) -> Any:
    key = {"lever": "text", "remoteok": "position"}.get(spec.kind, "title")
    return _entity_text(item.get(key))


def _items(spec: SourceSpec, payload: Any) -> list:
    if spec.kind in ("lever", "remoteok"):
        if not isinstance(payload, list):
            raise CareerError(
                f"{spec.key}: expected a JSON list of jobs, got {_json_kind(payload)}"
            )
        return payload
    if not isinstance(payload, dict) or not isinstance(payload.get("jobs"), list):
        got = _json_kind(payload)
        if isinstance(payload, dict):
            got = "an object without a 'jobs' list"
        raise CareerError(f"{spec.key}: expected a JSON object with a 'jobs' list, got {got}")
    return payload["jobs"]


def _json_kind(value: Any) -> str:
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "null"
    return f"a {type(value).__name__}"


def _listing(
    *,
    native_id: Any,
    title: Any,
    company: str,
    location: Any = None,
    remote: bool | str | None = None,
    type: str | None = None,
    salary: dict | None = None,
    url: Any = None,
    posted: str | None = None,
    description: str = "",
    tags: list[str] | None = None,
) -> dict | None:
    ident = norm.ident(native_id)
    name = norm.field(title, "title")
    if ident is None or not name:
        return None
    place = norm.field(location, "location")
    return {
        "native_id": ident,
        "title": name,
        "company": norm.field(company, "company") or "Unknown",
        "location": place,
        "remote": remote,
        "type": type,
        "level": None,
        "salary": salary,
        "url": norm.url(url),
        "posted": posted,
        "description": description,
        **({"tags": tags} if tags else {}),
    }


def _parse_lever(spec: SourceSpec, job: dict, context: dict[str, Any]) -> dict | None:
    cats: dict[str, Any] = job["categories"] if isinstance(job.get("categories"), dict) else {}
    location = cats.get("location")
    every = cats.get("allLocations")
    if isinstance(every, list):
        places = [x.strip() for x in every if isinstance(x, str) and x.strip()]
        if isinstance(location, str) and location.strip() and location.strip() not in places:
            places.insert(0, location.strip())
        if places:
            location = "; ".join(dict.fromkeys(places))
    parts = [job.get("description")]
    blocks: list[Any] = job["lists"] if isinstance(job.get("lists"), list) else []
    for block in blocks:
        if isinstance(block, dict):
            parts += [_block_heading(block.get("text")), _list_html(block.get("content"))]
    parts.append(job.get("additional"))
    description = html_to_text(" ".join(p for p in parts if isinstance(p, str)))
    if not description:
        description = plain_text(job.get("descriptionPlain"))
    salary = None
    rng = job.get("salaryRange")
    if isinstance(rng, dict):
        salary = _lever_salary(rng)
    return _listing(
        native_id=job.get("id"),
        title=job.get("text"),
        company=_prettify(spec.name),
        location=location,
        remote=norm.remote(job.get("workplaceType") or cats.get("workplaceType")),
        type=norm.job_type(cats.get("commitment")),
        salary=salary,
        url=job.get("hostedUrl") or job.get("applyUrl"),
        posted=norm.posted(job.get("createdAt"), millis=True),
        description=description,
    )


_LEVER_INTERVAL = {
    "per-year-salary": ("year", 1.0),
    "per-month-salary": ("month", 1.0),
    "semi-month-salary": ("month", 2.0),  # paid twice a month
    "per-week-salary": ("week", 1.0),
    "bi-week-salary": ("week", 0.5),  # paid every two weeks
    "per-day-wage": ("day", 1.0),
    "per-hour-wage": ("hour", 1.0),
    # "bi-month-salary" (twice a month or every two months?) and "one-time" are not mapped.
}


def _lever_salary(rng: dict) -> dict | None:
    mapped = _LEVER_INTERVAL.get(str(rng.get("interval") or "").strip().lower())
    if mapped is None:
        return None
    period, factor = mapped
    low, high = _number(rng.get("min")), _number(rng.get("max"))
    if low is None or high is None:
        return None
    return _salary(low * factor, high * factor, rng.get("currency"), period)


def _parse_greenhouse(spec: SourceSpec, job: dict, context: dict[str, Any]) -> dict | None:
    loc = job.get("location")
    location = loc.get("name") if isinstance(loc, dict) else loc
    content = job.get("content")
    # The list endpoint escapes the description's HTML once more (&lt;p&gt;).
    description = html_to_text(html.unescape(content)) if isinstance(content, str) else ""
    company = job.get("company_name")
    return _listing(
        native_id=job.get("id"),
        title=job.get("title"),
        company=company if isinstance(company, str) and company.strip() else _prettify(spec.name),
        location=location,
        remote=_greenhouse_location_type(job.get("metadata")),
        url=job.get("absolute_url"),
        posted=norm.posted(job.get("first_published")) or norm.posted(job.get("updated_at")),
        salary=_greenhouse_salary(job.get("pay_input_ranges")),
        description=description,
    )


def _greenhouse_location_type(metadata: Any) -> bool | str | None:
    """What the employer's "Location Type" custom field says (Remote, On-Site, Hybrid): it
    outranks words such as "Remote-Friendly" in the location line."""
    if not isinstance(metadata, list):
        return None
    for entry in metadata:
        if not isinstance(entry, dict):
            continue
        name = entry.get("name")
        if isinstance(name, str) and re.sub(r"[^a-z]", "", name.lower()) in (
            "locationtype", "workplacetype", "worklocationtype", "remotestatus", "workplace",
        ):  # fmt: skip
            value = entry.get("value")
            if isinstance(value, list):
                value = value[0] if len(value) == 1 else None
            found = norm.remote(value) if isinstance(value, str) else None
            if found is not None:
                return found
    return None


def _greenhouse_salary(ranges: Any) -> dict | None:
    if not isinstance(ranges, list) or not ranges:
        return None
    lows, highs, currencies, periods = [], [], set(), set()
    for rng in ranges:
        if not isinstance(rng, dict):
            return None
        low, high = _number(rng.get("min_cents")), _number(rng.get("max_cents"))
        if low is None or high is None:
            return None
        lows.append(low / 100)
        highs.append(high / 100)
        currencies.add(str(rng.get("currency_type") or "").strip().upper())
        periods.add(_period_from_words(rng.get("title")))
    # One job may post a range per pay zone; report the span when they all agree.
    if len(currencies) != 1 or len(periods) != 1:
        return None
    period = periods.pop()
    low, high = min(lows), max(highs)
    if period is None:
        return None
    if period == "salary":
        period = "year"
    if not norm.plausible(low, high, period):
        return None
    return _salary(low, high, currencies.pop(), period)


def _parse_ashby(spec: SourceSpec, job: dict, context: dict[str, Any]) -> dict | None:
    if job.get("isListed") is False:
        return None
    remote = norm.remote(job.get("workplaceType"))
    if remote is None and isinstance(job.get("isRemote"), bool):
        remote = job["isRemote"]
    description = html_to_text(job.get("descriptionHtml"))
    description = description or plain_text(job.get("descriptionPlain"))
    return _listing(
        native_id=job.get("id"),
        title=job.get("title"),
        company=_ashby_company(spec, job, context),
        location=job.get("location"),
        remote=remote,
        type=norm.job_type(job.get("employmentType")),
        salary=_ashby_salary(job.get("compensation")),
        url=job.get("jobUrl") or job.get("applyUrl"),
        posted=norm.posted(job.get("publishedAt")),
        description=description,
    )


def _ashby_company(spec: SourceSpec, job: dict, context: dict[str, Any]) -> str:
    """The organisation's own name: an `organizationName` when the response has one, else the
    "About <Name>" heading of a description when <Name> is the board's slug spelled properly
    ("About OpenAI" on board openai), else the slug made readable."""
    if "ashby_company" in context:
        return str(context["ashby_company"])
    for key in ("organizationName", "organization_name", "companyName"):
        value = job.get(key)
        if isinstance(value, str) and value.strip():
            return value
    slug = re.sub(r"[^a-z0-9]", "", spec.name.lower())
    for text in (job.get("descriptionHtml"), job.get("descriptionPlain")):
        if not isinstance(text, str):
            continue
        for m in re.finditer(
            r"\bAbout\s+(?:<[^>]+>\s*)*([A-Z][\w.&'’ -]{0,40}?)\s*(?:<|\n|:|$)", text[:5000]
        ):
            name = html.unescape(m.group(1)).strip(" .:")
            if re.sub(r"[^a-z0-9]", "", name.lower()) == slug and not name.isupper():
                context["ashby_company"] = name
                return name
            if re.sub(r"[^a-z0-9]", "", name.lower()) == slug:
                context.setdefault("ashby_upper", name)
    return _prettify(spec.name)


_ASHBY_INTERVAL = {
    "1 YEAR": "year",
    "1 MONTH": "month",
    "1 WEEK": "week",
    "1 DAY": "day",
    "1 HOUR": "hour",
}


def _ashby_salary(compensation: Any) -> dict | None:
    if not isinstance(compensation, dict):
        return None
    parts = compensation.get("summaryComponents")
    if not isinstance(parts, list):
        return None
    for part in parts:
        if not isinstance(part, dict) or part.get("compensationType") != "Salary":
            continue
        period = _ASHBY_INTERVAL.get(str(part.get("interval") or "").strip().upper())
        low, high = _number(part.get("minValue")), _number(part.get("maxValue"))
        if period and low is not None and high is not None:
            return _salary(low, high, part.get("currencyCode"), period)
    return None


def _parse_remotive(spec: SourceSpec, job: dict, context: dict[str, Any]) -> dict | None:
    return _listing(
        native_id=job.get("id"),
        title=_entity_text(job.get("title")),
        company=_entity_text(job.get("company_name")),
        location=_entity_text(job.get("candidate_required_location")),
        remote=True,
        type=norm.job_type(job.get("job_type")),
        salary=_text_salary(job.get("salary")),
        url=job.get("url"),
        posted=norm.posted(job.get("publication_date")),
        description=html_to_text(job.get("description")),
        tags=[t for t in job.get("tags") or [] if isinstance(t, str)][:50]
        if isinstance(job.get("tags"), list)
        else [],
    )


def _parse_remoteok(spec: SourceSpec, job: dict, context: dict[str, Any]) -> dict | None:
    salary = None
    low, high = _number(job.get("salary_min")), _number(job.get("salary_max"))
    if low and high:  # 0 means "not given"
        salary = _salary(low, high, "USD", "year")
    # RemoteOK's API sends much of its text encoded twice ("Youâ\x80\x99ll", "ZÃ³calo").
    return _listing(
        native_id=job.get("id"),
        title=_repaired(_entity_text(job.get("position"))),
        company=_repaired(_entity_text(job.get("company"))),
        location=_repaired(_entity_text(job.get("location"))),
        remote=True,
        salary=salary,
        url=job.get("url") or job.get("apply_url"),
        posted=norm.posted(job.get("date")) or norm.posted(job.get("epoch"), millis=False),
        description=_repaired(html_to_text(_repaired(job.get("description")))),
        tags=[t for t in job.get("tags") or [] if isinstance(t, str)][:50]
        if isinstance(job.get("tags"), list)
        else [],
    )


_PARSERS = {
    "lever": _parse_lever,
    "greenhouse": _parse_greenhouse,
    "ashby": _parse_ashby,
    "remotive": _parse_remotive,
    "remoteok": _parse_remoteok,
}


# ---------------------------------------------------------------------------------------------
# Field helpers: board-specific shapes; every value is cleaned by jobs.normalize


def _repaired(value: Any) -> Any:
    return norm.repair_mojibake(value) if isinstance(value, str) else value


def _entity_text(value: Any) -> Any:
    return html.unescape(value) if isinstance(value, str) else value


def _prettify(slug: str) -> str:
    words = re.split(r"[-_\s]+", slug)
    return " ".join(w[:1].upper() + w[1:] for w in words if w)


def _number(value: Any) -> float | None:
    """A positive pay figure, or None: a board's bad or zero figure only loses the salary."""
    try:
        number = norm.amount(value)
    except ValueError:
        return None
    return number if number else None


def _salary(low: float, high: float, currency: Any, period: str) -> dict | None:
    code = str(currency or "").strip().upper()
    if not re.fullmatch(r"[A-Z]{3}", code):
        return None
    try:
        found = norm.salary(low, high, code, period)
    except ValueError:
        return None
    if found is not None:
        found.pop("reread", None)
    return found


_PERIOD_WORDS = (
    ("hour", r"hour|hourly|/\s*hr\b|per\s+hr\b"),
    ("day", r"\bday\b|daily|per\s+diem"),
    ("week", r"\bweek\b|weekly"),
    ("month", r"month|monthly"),
    ("year", r"\byear\b|yearly|annual|annually|annum|/\s*yr\b"),
    ("salary", r"salary"),
)


def _period_from_words(text: Any) -> str | None:
    """The pay period a free-text label names ('Annual Salary:', 'Hourly Base Pay Range')."""
    if not isinstance(text, str):
        return None
    low = html.unescape(text).lower()
    found = [period for period, pattern in _PERIOD_WORDS if re.search(pattern, low)]
    named = [p for p in found if p != "salary"]
    if len(named) == 1:
        return named[0]
    if not named and found:
        return "salary"  # "Salary Range" alone: a yearly figure in US postings
    return None


_AMOUNT = r"(?P<{0}>\d{{1,3}}(?:,\d{{3}})+|\d+)(?P<{0}f>\.\d+)?\s*(?P<{0}k>[kK])?"
_CUR = r"\$|US\$|USD"
_TEXT_SALARY = re.compile(
    rf"(?P<c1>{_CUR})?\s*{_AMOUNT.format('a')}\s*(?:-|–|—|to)\s*(?P<c2>{_CUR})?\s*"
    rf"{_AMOUNT.format('b')}\s*(?P<c3>USD)?\s*"
    r"(?:(?:/|per|an|a)\s*(?P<per>year|yr|annum|month|mo|week|wk|day|hour|hr)"
    r"|(?P<adv>annually|annual|yearly|monthly|weekly|daily|hourly))?\.?",
    re.IGNORECASE,
)


def _text_salary(value: Any) -> dict | None:
    """Remotive's free-text salary, only when it is an unambiguous USD range."""
    if not isinstance(value, str) or len(value) > 100:
        return None
    m = _TEXT_SALARY.fullmatch(value.strip())
    if m is None or not (m["c1"] or m["c2"] or m["c3"]):
        return None
    if bool(m["ak"]) != bool(m["bk"]):
        return None  # "40-50k": is the 40 thousands?
    low = float(m["a"].replace(",", "") + (m["af"] or ""))
    high = float(m["b"].replace(",", "") + (m["bf"] or ""))
    if m["ak"]:
        low, high = low * 1000, high * 1000
    word = (m["per"] or m["adv"] or "").lower()
    period = norm.pay_period(word)
    if period is None:
        if low < 10_000 or high < 10_000:
            return None
        period = "year"
    if low > high or not norm.plausible(low, high, period):
        return None
    return _salary(low, high, "USD", period)


# ---------------------------------------------------------------------------------------------
# Lever's description blocks


def _block_heading(text: Any) -> str:
    return f"<p>{html.escape(text)}</p>" if isinstance(text, str) and text.strip() else ""


def _list_html(content: Any) -> str:
    return f"<ul>{content}</ul>" if isinstance(content, str) else ""
