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

import contextlib
import html
import json
import math
import re
import time
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any
from urllib.parse import quote, urljoin, urlsplit

from careercli import __version__
from careercli.errors import CareerError

KINDS = ("lever", "greenhouse", "ashby", "remotive", "remoteok")
TYPES = ("full-time", "part-time", "contract", "internship", "temporary")
PERIODS = ("year", "month", "week", "day", "hour")

USER_AGENT = f"careercli/{__version__} (+https://github.com/careercli/careercli)"
MAX_REDIRECTS = 3
DEFAULT_RETRY_WAIT = 5.0
MAX_DESCRIPTION = 20_000
MAX_HTML_INPUT = 400_000
MAX_FIELD = {"native_id": 200, "title": 300, "company": 200, "location": 300}

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
                f"unknown job source kind {_shown(self.kind)}", hint=f"Use {_ACCEPTED_FORMS}."
            )
        if not isinstance(self.name, str) or not _SLUG.fullmatch(self.name):
            raise CareerError(
                f"invalid {self.kind} name {_shown(self.name)}: use letters, digits, '-', '_' "
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
            f"unknown job source {_shown(raw)}", hint=f"Accepted forms: {_ACCEPTED_FORMS}."
        )
    if kind in _FIXED_NAME:
        if not sep:
            return SourceSpec(kind, _FIXED_NAME[kind])
        if kind == "remoteok":
            raise CareerError(
                f"remoteok takes no board name (got {_shown(raw)})",
                hint=f"Accepted forms: {_ACCEPTED_FORMS}.",
            )
    if not name:
        raise CareerError(
            f"job source {_shown(raw)} needs a {'search term' if kind == 'remotive' else 'name'}",
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
        raise CareerError(f"invalid base URL {_shown(base_url)}")
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 - raises ValueError for a bad port
    except ValueError:
        raise CareerError(f"invalid base URL {_shown(text)}") from None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise CareerError(
            f"base URL must be an http:// or https:// URL with a host, not {_shown(text)}"
        )
    if parts.query or parts.fragment:
        raise CareerError(f"base URL must not carry a query or fragment: {_shown(text)}")
    return text.rstrip("/")


# ---------------------------------------------------------------------------------------------
# HTTP


def fetch_json(
    url: str,
    *,
    timeout: float = 20.0,
    max_bytes: int = 20 * 1024 * 1024,
    retries: int = 1,
    max_retry_wait: float = 10.0,
) -> Any:
    """GET `url` and decode its JSON body, within `timeout` seconds and `max_bytes` bytes.

    Follows at most three redirects, only to http(s) URLs. A 429 answer is retried up to
    `retries` times after waiting what Retry-After asks (at most `max_retry_wait` seconds).
    """
    _check_request_url(url)
    attempt = 0
    while True:
        status, reason, headers, body, final = _get(url, timeout, max_bytes)
        if status == 429:
            wait = _retry_after(headers.get("Retry-After"))
            if attempt < retries:
                attempt += 1
                time.sleep(
                    max(0.0, min(DEFAULT_RETRY_WAIT if wait is None else wait, max_retry_wait))
                )
                continue
            later = f"{math.ceil(wait)} s" if wait is not None else "a minute"
            raise CareerError(f"{_show(url)}: rate limited (HTTP 429); try again in {later}")
        if status >= 400:
            hint = "Check the company or board name." if status in (404, 410) else None
            raise CareerError(
                f"{_show(url)}: HTTP {status} {_clean_reason(reason)}".rstrip(), hint=hint
            )
        if not 200 <= status < 300:
            raise CareerError(
                f"{_show(url)}: unexpected HTTP {status} {_clean_reason(reason)}".rstrip()
            )
        return _decode_json(body, headers.get("Content-Type"), final)


def _check_request_url(url: str) -> None:
    if not isinstance(url, str) or not url.isprintable() or " " in url:
        raise CareerError(f"invalid URL {_shown(url)}")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018
    except ValueError:
        raise CareerError(f"invalid URL {_shown(url)}") from None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise CareerError(f"only http:// and https:// URLs can be fetched, not {_show(url)}")


def _get(url: str, timeout: float, max_bytes: int) -> tuple[int, str, Any, bytes, str]:
    """One attempt: the request and its redirects, all within one deadline."""
    deadline = time.monotonic() + timeout
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        status, reason, headers, body = _request(current, url, deadline, timeout, max_bytes)
        if status not in (301, 302, 303, 307, 308):
            return status, reason, headers, body, current
        location = (headers.get("Location") or "").strip()
        if not location:
            raise CareerError(f"{_show(url)}: HTTP {status} redirect without a Location")
        target = urljoin(current, location)
        scheme = urlsplit(target).scheme.lower()
        if scheme not in ("http", "https"):
            raise CareerError(
                f"{_show(url)} redirected to a non-HTTP URL ({_show(target)}); refused to follow it"
            )
        _check_request_url(target)
        current = target
    raise CareerError(f"{_show(url)}: too many redirects (more than {MAX_REDIRECTS})")


def _request(
    url: str, original: str, deadline: float, timeout: float, max_bytes: int
) -> tuple[int, str, Any, bytes]:
    import http.client
    import socket
    import ssl
    import threading

    parts = urlsplit(url)
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise CareerError(f"{_show(original)}: timed out after {timeout:g} s")
    target = quote(parts.path or "/", safe="/%:@!$&'()*+,;=-._~") + (
        "?" + quote(parts.query, safe="/%:@!$&'()*+,;=-._~?") if parts.query else ""
    )
    host, port = parts.hostname or "", parts.port
    if parts.scheme.lower() == "https":
        conn: Any = http.client.HTTPSConnection(
            host, port, timeout=remaining, context=ssl.create_default_context()
        )
    else:
        conn = http.client.HTTPConnection(host, port, timeout=remaining)

    # A per-operation socket timeout cannot bound a server that trickles one byte at a time,
    # so a watchdog shuts the socket down at the deadline; the blocked read then returns.
    fired = threading.Event()
    held: dict[str, Any] = {}

    def abort() -> None:
        fired.set()
        sock = held.get("sock")
        if sock is not None:
            with contextlib.suppress(OSError):
                socket.socket.shutdown(sock, socket.SHUT_RDWR)

    def timed_out() -> CareerError:
        return CareerError(f"{_show(original)}: timed out after {timeout:g} s")

    watchdog = threading.Timer(remaining, abort)
    watchdog.daemon = True
    watchdog.start()
    resp = None
    try:
        conn.connect()
        held["sock"] = conn.sock
        if fired.is_set():
            raise timed_out()
        conn.request(
            "GET", target, headers={"User-Agent": USER_AGENT, "Accept": "application/json"}
        )
        resp = conn.getresponse()
        status, reason, headers = resp.status, resp.reason or "", resp.headers
        body = b""
        if 200 <= status < 300:
            body = _read_body(resp, held["sock"], original, deadline, max_bytes)
        if fired.is_set():
            raise timed_out()
        return status, reason, headers, body
    except CareerError:
        raise
    except ssl.SSLCertVerificationError as exc:
        why = _clean_reason(exc.verify_message or str(exc))
        raise CareerError(f"{_show(original)}: TLS certificate check failed ({why})") from None
    except TimeoutError:
        raise timed_out() from None
    except Exception as exc:
        if fired.is_set() or time.monotonic() >= deadline:
            raise timed_out() from None
        raise CareerError(f"{_show(original)}: {_network_problem(exc, host)}") from None
    finally:
        watchdog.cancel()
        if resp is not None:
            resp.close()
        conn.close()


def _read_body(resp: Any, sock: Any, url: str, deadline: float, max_bytes: int) -> bytes:
    too_big = CareerError(f"{_show(url)}: response larger than {max_bytes:,} bytes; refused")
    if resp.length is not None and resp.length > max_bytes:
        raise too_big
    chunks: list[bytes] = []
    total = 0
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError
        sock.settimeout(remaining)
        data = resp.read1(min(65536, max_bytes + 1 - total))
        if not data:
            break
        total += len(data)
        if total > max_bytes:
            raise too_big
        chunks.append(data)
    return b"".join(chunks)


def _network_problem(exc: BaseException, host: str) -> str:
    import http.client
    import socket
    import ssl

    if isinstance(exc, socket.gaierror):
        return f"could not resolve host {_shown(host)}"
    if isinstance(exc, ConnectionRefusedError):
        return f"connection refused by {_shown(host)}"
    if isinstance(exc, ssl.SSLError):
        return f"TLS error ({_clean_reason(exc.reason or str(exc))})"
    if isinstance(exc, http.client.RemoteDisconnected):
        return "the server closed the connection without answering"
    if isinstance(exc, http.client.IncompleteRead):
        return "the server closed the connection before sending the whole response"
    if isinstance(exc, http.client.HTTPException):
        return f"bad HTTP response ({_clean_reason(type(exc).__name__)})"
    if isinstance(exc, (ConnectionError, OSError)):
        return f"network error ({_clean_reason(exc.strerror or type(exc).__name__)})"
    if isinstance(exc, (ValueError, UnicodeError)):
        return "invalid URL"
    return f"request failed ({_clean_reason(type(exc).__name__)})"


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return 86_400.0 if len(value) > 5 else float(min(int(value), 86_400))
    from email.utils import parsedate_to_datetime

    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, min((when - datetime.now(timezone.utc)).total_seconds(), 86_400.0))


def _decode_json(body: bytes, content_type: str | None, url: str) -> Any:
    if body.startswith(b"\xef\xbb\xbf"):
        body = body[3:]
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CareerError(
            f"{_show(url)}: the response is not valid UTF-8 (bad byte at offset {exc.start})"
        ) from None
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except (ValueError, RecursionError):
        kind = _clean_reason((content_type or "no content type").split(";")[0].strip())
        raise CareerError(f"{_show(url)}: the server did not send JSON (got {kind})") from None


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


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
        raise CareerError(f"{_show(url)}: {problem}", hint=exc.hint) from None


def parse_listings(spec: SourceSpec, payload: Any) -> list[dict]:
    """Map a board's JSON to listing dicts with the keys the job store expects."""
    items = _items(spec, payload)
    parse = _PARSERS[spec.kind]
    listings: list[dict] = []
    seen: set[str] = set()
    considered = 0
    for item in items:
        if not isinstance(item, dict):
            continue
        if spec.kind == "remoteok" and "legal" in item and "position" not in item:
            continue
        considered += 1
        listing = parse(spec, item)
        if listing is None or listing["native_id"] in seen:
            continue
        seen.add(listing["native_id"])
        listings.append(listing)
    if considered and not listings and not _all_unlisted(spec, items):
        raise CareerError(
            f"{spec.key}: none of the {considered} entries looks like a {spec.kind} job listing"
        )
    return listings


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


def _all_unlisted(spec: SourceSpec, items: list) -> bool:
    return spec.kind == "ashby" and all(
        isinstance(i, dict) and i.get("isListed") is False for i in items
    )


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
) -> dict | None:
    ident = _ident(native_id)
    name = _field(title, "title")
    if ident is None or not name:
        return None
    place = _field(location, "location") or None
    if remote is None and place:
        remote = _remote_from_text(place)
    return {
        "native_id": ident,
        "title": name,
        "company": _field(company, "company") or "Unknown",
        "location": place,
        "remote": remote,
        "type": type,
        "level": None,
        "salary": salary,
        "url": _http_url(url),
        "posted": posted,
        "description": description,
    }


def _parse_lever(spec: SourceSpec, job: dict) -> dict | None:
    cats = job.get("categories") if isinstance(job.get("categories"), dict) else {}
    location = cats.get("location")
    if not isinstance(location, str) or not location.strip():
        every = cats.get("allLocations")
        if isinstance(every, list):
            location = "; ".join(x for x in every if isinstance(x, str) and x.strip())
    parts = [job.get("description")]
    for block in job.get("lists") if isinstance(job.get("lists"), list) else []:
        if isinstance(block, dict):
            parts += [_block_heading(block.get("text")), _list_html(block.get("content"))]
    parts.append(job.get("additional"))
    description = _html_text(" ".join(p for p in parts if isinstance(p, str)))
    if not description:
        description = _plain_text(job.get("descriptionPlain"))
    salary = None
    rng = job.get("salaryRange")
    if isinstance(rng, dict):
        salary = _lever_salary(rng)
    return _listing(
        native_id=job.get("id"),
        title=job.get("text"),
        company=_prettify(spec.name),
        location=location,
        remote=_workplace(job.get("workplaceType") or cats.get("workplaceType")),
        type=_employment_type(cats.get("commitment")),
        salary=salary,
        url=job.get("hostedUrl") or job.get("applyUrl"),
        posted=_posted(job.get("createdAt"), millis=True),
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


def _parse_greenhouse(spec: SourceSpec, job: dict) -> dict | None:
    loc = job.get("location")
    location = loc.get("name") if isinstance(loc, dict) else loc
    content = job.get("content")
    # The list endpoint escapes the description's HTML once more (&lt;p&gt;).
    description = _html_text(html.unescape(content)) if isinstance(content, str) else ""
    company = job.get("company_name")
    return _listing(
        native_id=job.get("id"),
        title=job.get("title"),
        company=company if isinstance(company, str) and company.strip() else _prettify(spec.name),
        location=location,
        url=job.get("absolute_url"),
        posted=_posted(job.get("first_published")) or _posted(job.get("updated_at")),
        salary=_greenhouse_salary(job.get("pay_input_ranges")),
        description=description,
    )


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
    if not _plausible(low, high, period):
        return None
    return _salary(low, high, currencies.pop(), period)


def _parse_ashby(spec: SourceSpec, job: dict) -> dict | None:
    if job.get("isListed") is False:
        return None
    remote = _workplace(job.get("workplaceType"))
    if remote is None and isinstance(job.get("isRemote"), bool):
        remote = job["isRemote"]
    description = _html_text(job.get("descriptionHtml")) or _plain_text(job.get("descriptionPlain"))
    return _listing(
        native_id=job.get("id"),
        title=job.get("title"),
        company=_prettify(spec.name),
        location=job.get("location"),
        remote=remote,
        type=_employment_type(job.get("employmentType")),
        salary=_ashby_salary(job.get("compensation")),
        url=job.get("jobUrl") or job.get("applyUrl"),
        posted=_posted(job.get("publishedAt")),
        description=description,
    )


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


def _parse_remotive(spec: SourceSpec, job: dict) -> dict | None:
    return _listing(
        native_id=job.get("id"),
        title=_entity_text(job.get("title")),
        company=_entity_text(job.get("company_name")),
        location=_entity_text(job.get("candidate_required_location")),
        remote=True,
        type=_employment_type(job.get("job_type")),
        salary=_text_salary(job.get("salary")),
        url=job.get("url"),
        posted=_posted(job.get("publication_date")),
        description=_html_text(job.get("description")),
    )


def _parse_remoteok(spec: SourceSpec, job: dict) -> dict | None:
    salary = None
    low, high = _number(job.get("salary_min")), _number(job.get("salary_max"))
    if low and high:  # 0 means "not given"
        salary = _salary(low, high, "USD", "year")
    return _listing(
        native_id=job.get("id"),
        title=_entity_text(job.get("position")),
        company=_entity_text(job.get("company")),
        location=_entity_text(job.get("location")),
        remote=True,
        salary=salary,
        url=job.get("url") or job.get("apply_url"),
        posted=_posted(job.get("date")) or _posted(job.get("epoch"), millis=False),
        description=_html_text(job.get("description")),
    )


_PARSERS = {
    "lever": _parse_lever,
    "greenhouse": _parse_greenhouse,
    "ashby": _parse_ashby,
    "remotive": _parse_remotive,
    "remoteok": _parse_remoteok,
}


# ---------------------------------------------------------------------------------------------
# Field helpers


def _ident(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return None
    text = _clean(str(value))
    if not text or len(text) > MAX_FIELD["native_id"]:
        return None
    return text


def _field(value: Any, name: str) -> str:
    if not isinstance(value, str):
        return ""
    return _clean(value)[: MAX_FIELD[name]].rstrip()


def _entity_text(value: Any) -> Any:
    return html.unescape(value) if isinstance(value, str) else value


_BIDI = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


def _clean(text: str) -> str:
    """Collapse whitespace and drop control characters (terminal escapes, bidi overrides)."""
    text = text.translate(_BIDI)
    if not text.isprintable():
        text = "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in text)
    return " ".join(text.split())


def _prettify(slug: str) -> str:
    words = re.split(r"[-_\s]+", slug)
    return " ".join(w[:1].upper() + w[1:] for w in words if w)


def _http_url(value: Any) -> str | None:
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


def _remote_from_text(text: str) -> bool | str | None:
    low = text.lower()
    if "hybrid" in low:
        return "hybrid"
    if "remote" in low:
        return True
    return None


def _workplace(value: Any) -> bool | str | None:
    if not isinstance(value, str):
        return None
    key = re.sub(r"[^a-z]", "", value.lower())
    return {"remote": True, "hybrid": "hybrid", "onsite": False, "inoffice": False}.get(key)


def _employment_type(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    words = re.sub(r"[^a-z]+", " ", value.lower()).strip()
    squashed = words.replace(" ", "")
    if "intern" in squashed or "apprentice" in squashed:
        return "internship"
    if "contract" in squashed or "freelance" in squashed:
        return "contract"
    if "temporary" in squashed or words in ("temp", "seasonal") or "fixedterm" in squashed:
        return "temporary"
    if "parttime" in squashed:
        return "part-time"
    if "fulltime" in squashed or words == "permanent":
        return "full-time"
    return None


def _posted(value: Any, *, millis: bool = False) -> str | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        if not math.isfinite(value) or value <= 0:
            return None
        try:
            moment = datetime.fromtimestamp(value / 1000 if millis else value, tz=timezone.utc)
        except (OverflowError, OSError, ValueError):
            return None
        return moment.date().isoformat()
    if isinstance(value, str) and re.match(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            return date.fromisoformat(value.strip()[:10]).isoformat()
        except ValueError:
            return None
    return None


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        try:
            value = float(value.replace(",", "").strip())
        except ValueError:
            return None
    if not isinstance(value, (int, float)):
        return None
    number = float(value)
    return number if math.isfinite(number) and number > 0 else None


def _salary(low: float, high: float, currency: Any, period: str) -> dict | None:
    code = str(currency or "").strip().upper()
    if not re.fullmatch(r"[A-Z]{3}", code) or period not in PERIODS:
        return None
    if not (math.isfinite(low) and math.isfinite(high)) or low <= 0 or high <= 0:
        return None
    low, high = min(low, high), max(low, high)
    return {"min": float(low), "max": float(high), "currency": code, "period": period}


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


_PLAUSIBLE = {
    "year": (1_000, 10_000_000),
    "month": (100, 1_000_000),
    "week": (20, 200_000),
    "day": (5, 50_000),
    "hour": (1, 5_000),
}


def _plausible(low: float, high: float, period: str) -> bool:
    floor, ceiling = _PLAUSIBLE[period]
    return floor <= low <= high <= ceiling


_AMOUNT = r"(?P<{0}>\d{{1,3}}(?:,\d{{3}})+|\d+)(?P<{0}f>\.\d+)?\s*(?P<{0}k>[kK])?"
_CUR = r"\$|US\$|USD"
_TEXT_SALARY = re.compile(
    rf"(?P<c1>{_CUR})?\s*{_AMOUNT.format('a')}\s*(?:-|–|—|to)\s*(?P<c2>{_CUR})?\s*"
    rf"{_AMOUNT.format('b')}\s*(?P<c3>USD)?\s*"
    r"(?:(?:/|per|an|a)\s*(?P<per>year|yr|annum|month|mo|week|wk|day|hour|hr)"
    r"|(?P<adv>annually|annual|yearly|monthly|weekly|daily|hourly))?\.?",
    re.IGNORECASE,
)
_PER = {
    "year": "year", "yr": "year", "annum": "year", "annual": "year", "annually": "year",
    "yearly": "year", "month": "month", "mo": "month", "monthly": "month", "week": "week",
    "wk": "week", "weekly": "week", "day": "day", "daily": "day", "hour": "hour", "hr": "hour",
    "hourly": "hour",
}  # fmt: skip


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
    period = _PER.get(word)
    if period is None:
        if low < 10_000 or high < 10_000:
            return None
        period = "year"
    if low > high or not _plausible(low, high, period):
        return None
    return _salary(low, high, "USD", period)


# ---------------------------------------------------------------------------------------------
# HTML to text. A linear scanner rather than html.parser: on Python 3.11 HTMLParser takes about
# 4 s on 100 KB of unclosed tags ("<a<a<a..."), and descriptions come from whoever runs the board.

_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)[^<>]*>")
_INLINE = frozenset(
    {"a", "abbr", "b", "bdi", "bdo", "cite", "code", "em", "font", "i", "kbd", "mark", "q", "s",
     "samp", "small", "span", "strong", "sub", "sup", "u", "var"}
)  # fmt: skip


def _html_text(markup: Any) -> str:
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
    return _plain_text(html.unescape("".join(out)))


def _plain_text(text: Any) -> str:
    if not isinstance(text, str):
        return ""
    cleaned = _clean(text[:MAX_HTML_INPUT])
    if len(cleaned) > MAX_DESCRIPTION:
        cleaned = cleaned[:MAX_DESCRIPTION].rstrip()
    return cleaned


def _block_heading(text: Any) -> str:
    return f"<p>{html.escape(text)}</p>" if isinstance(text, str) and text.strip() else ""


def _list_html(content: Any) -> str:
    return f"<ul>{content}</ul>" if isinstance(content, str) else ""


# ---------------------------------------------------------------------------------------------
# Messages


def _shown(value: Any) -> str:
    """A user- or server-supplied value, quoted and made safe for one terminal line."""
    text = value if isinstance(value, str) else repr(value)
    text = "".join(ch if ch.isprintable() else f"\\x{ord(ch):02x}" for ch in text[:120])
    return f"'{text}'" + ("..." if isinstance(value, str) and len(value) > 120 else "")


def _show(url: str) -> str:
    """A URL for a message: no credentials, no control characters, bounded length."""
    text = url if isinstance(url, str) else repr(url)
    try:
        parts = urlsplit(text)
        if parts.username or parts.password:
            host = parts.hostname or ""
            if parts.port:
                host = f"{host}:{parts.port}"
            text = parts._replace(netloc=host).geturl()
    except ValueError:
        pass
    text = "".join(ch if ch.isprintable() and ch != " " else quote(ch) for ch in text)
    return text if len(text) <= 200 else text[:200] + "..."


def _clean_reason(text: str) -> str:
    return _clean(str(text))[:80]
