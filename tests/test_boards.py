"""Job-board fetching and parsing against a local HTTP server; nothing here touches the internet.

The `server` fixture (tests/httpserver.py, via conftest.py) serves the recorded fixtures in
tests/data/boards/ at each board's real API path and scripted misbehaviour (errors, stalls,
endless bodies, redirects, rate limits) at other paths.
"""

from __future__ import annotations

import functools
import json

import pytest

import faultkit
from careercli import __version__
from careercli.catalog import load_catalog
from careercli.catalog.schema import JOB_TYPES
from careercli.errors import CareerError
from careercli.jobs import boards
from careercli.jobs.boards import (
    SourceSpec,
    fetch_listings,
    parse_listings,
    parse_spec,
    source_url,
)
from careercli.jobs.http import fetch_json
from careercli.jobs.model import make_listing
from careercli.jobs.tagger import Tagger


@functools.cache
def TAGGER() -> Tagger:
    return Tagger(load_catalog(use_cache=False))


KEYS = {
    "native_id",
    "title",
    "company",
    "location",
    "remote",
    "type",
    "level",
    "salary",
    "url",
    "posted",
    "description",
}


def _error(excinfo) -> str:
    return str(excinfo.value)


# ---------------------------------------------------------------------------------------------
# Specs and URLs


@pytest.mark.parametrize(
    ("text", "kind", "name", "key"),
    [
        ("lever:example-co", "lever", "example-co", "lever:example-co"),
        ("greenhouse:example_co", "greenhouse", "example_co", "greenhouse:example_co"),
        ("ashby:Example.Co", "ashby", "Example.Co", "ashby:Example.Co"),
        ("  Lever:acme2 ", "lever", "acme2", "lever:acme2"),
        ("remotive", "remotive", "remotive", "remotive"),
        ("remotive:data", "remotive", "data", "remotive:data"),
        ("remoteok", "remoteok", "remoteok", "remoteok"),
        ("REMOTEOK", "remoteok", "remoteok", "remoteok"),
    ],
)
def test_parse_spec_accepts_the_documented_forms(text, kind, name, key):
    spec = parse_spec(text)
    assert (spec.kind, spec.name, spec.key) == (kind, name, key)
    assert parse_spec(spec.key) == spec


@pytest.mark.parametrize(
    "text",
    [
        "",
        "lever",
        "lever:",
        "workday:acme",
        "acme",
        "lever:../etc",
        "lever:..",
        "greenhouse:a/b",
        "ashby:a b",
        "lever:-acme",
        "lever:ac\x1bme",
        "lever:" + "a" * 101,
        "remotive:",
        "remoteok:python",
        "lever:acme?x=1",
        "greenhouse:ünicode",
    ],
)
def test_parse_spec_rejects_other_forms_and_names_the_accepted_ones(text):
    with pytest.raises(CareerError) as excinfo:
        parse_spec(text)
    message = _error(excinfo)
    assert "\x1b" not in message
    if text.partition(":")[0].strip().lower() not in boards.KINDS:
        assert "lever:COMPANY" in message and "remoteok" in message


def test_source_spec_validates_when_built_directly():
    with pytest.raises(CareerError):
        SourceSpec("lever", "../../x")
    with pytest.raises(CareerError):
        SourceSpec("indeed", "acme")


def test_source_url_is_the_real_public_endpoint():
    assert source_url(parse_spec("lever:example-co")) == (
        "https://api.lever.co/v0/postings/example-co?mode=json"
    )
    assert source_url(parse_spec("greenhouse:example-co")) == (
        "https://boards-api.greenhouse.io/v1/boards/example-co/jobs"
        "?content=true&pay_transparency=true"
    )
    assert source_url(parse_spec("ashby:example-co")) == (
        "https://api.ashbyhq.com/posting-api/job-board/example-co?includeCompensation=true"
    )
    assert source_url(parse_spec("remotive")) == "https://remotive.com/api/remote-jobs"
    assert source_url(parse_spec("remotive:data")) == (
        "https://remotive.com/api/remote-jobs?search=data"
    )
    assert source_url(parse_spec("remoteok")) == "https://remoteok.com/api"


def test_source_url_keeps_the_path_under_a_base_url():
    spec = parse_spec("lever:example-co")
    assert source_url(spec, "http://127.0.0.1:8080") == (
        "http://127.0.0.1:8080/v0/postings/example-co?mode=json"
    )
    assert source_url(spec, "https://mirror.example/lever/") == (
        "https://mirror.example/lever/v0/postings/example-co?mode=json"
    )


@pytest.mark.parametrize(
    "base",
    [
        "file:///etc",
        "ftp://mirror.example",
        "javascript:alert(1)",
        "mirror.example",
        "http://",
        "http://host:99999",
        "http://mirror.example/?x=1",
        "http://mirror.example/\x1b[31m",
        "",
    ],
)
def test_source_url_refuses_a_non_http_base_url(base):
    with pytest.raises(CareerError) as excinfo:
        source_url(parse_spec("remoteok"), base)
    assert "\x1b" not in _error(excinfo)


# ---------------------------------------------------------------------------------------------
# Each board, parsed from its recorded fixture through the local server


def _fetch(server, text: str) -> list[dict]:
    listings = fetch_listings(parse_spec(text), server.base, timeout=5)
    for listing in listings:
        assert set(listing) - {"tags"} == KEYS  # tags: the board's own skill labels
        assert listing["level"] is None
        assert isinstance(listing["native_id"], str) and listing["native_id"]
        assert listing["type"] in (None, *JOB_TYPES)
        assert listing["remote"] in (None, True, False, "hybrid")
        assert "<" not in listing["description"] or "< " in listing["description"]
        assert len(listing["description"]) <= 20_000
    return listings


@pytest.mark.slow
def test_lever(server):
    listings = _fetch(server, "lever:example-co")
    assert len(listings) == 3
    senior, intern, contract = listings
    assert senior == {
        "native_id": "7c1e2b7a-0d7e-4f6e-9a51-3f1d2c4b5a01",
        "title": "Senior Data Engineer",
        "company": "Example Co",
        "location": "Remote - US",
        "remote": True,
        "type": "full-time",
        "level": None,
        "salary": {"min": 150000.0, "max": 190000.0, "currency": "USD", "period": "year"},
        "url": "https://jobs.lever.co/example-co/7c1e2b7a-0d7e-4f6e-9a51-3f1d2c4b5a01",
        "posted": "2026-01-05",
        "description": (
            "We are hiring a senior data engineer to build our pipelines. What you'll do "
            "Design batch & streaming pipelines in Python and SQL Own our Airflow deployment "
            "What you bring 5+ years with Spark Experience with dbt "
            "Example Co is an equal opportunity employer."
        ),
    }
    assert (intern["type"], intern["remote"], intern["posted"]) == (
        "internship",
        "hybrid",
        "2026-01-12",
    )
    assert intern["salary"] == {"min": 30.0, "max": 40.0, "currency": "USD", "period": "hour"}
    assert (contract["type"], contract["remote"]) == ("contract", False)
    assert contract["salary"] is None  # a "one-time" amount is not a pay period
    sent = server.requests[-1]
    assert sent["path"] == "/v0/postings/example-co?mode=json"
    assert sent["headers"]["User-Agent"] == (
        f"careercli/{__version__} (+https://github.com/careercli/careercli)"
    )
    assert sent["headers"]["Accept"] == "application/json"


@pytest.mark.slow
def test_greenhouse(server):
    listings = _fetch(server, "greenhouse:example-co")
    assert [x["native_id"] for x in listings] == ["4100001", "4100002", "4100003"]
    mle, analyst, analytics = listings
    assert mle["title"] == "Machine Learning Engineer"
    assert mle["company"] == "Example Co"
    assert mle["location"] == "New York, NY"
    assert mle["remote"] is None
    assert mle["type"] is None
    assert mle["posted"] == "2026-01-09"
    assert mle["url"] == "https://job-boards.greenhouse.io/example-co/jobs/4100001"
    # Two pay zones: the span, converted from cents.
    assert mle["salary"] == {"min": 155000.0, "max": 210000.0, "currency": "USD", "period": "year"}
    assert (
        mle["description"]
        == "About us Ship models to production with Python & PyTorch. MLOps Kubernetes"
    )
    # The board says nothing of remote work; the location does, and the one listing cleaner
    # (jobs.model.make_listing, for every source) reads it.
    assert analyst["remote"] is None and "remote" in analyst["location"].lower()
    assert make_listing(dict(analyst), "greenhouse:example-co", TAGGER()).remote is True
    assert analyst["salary"] == {"min": 42.0, "max": 56.0, "currency": "CAD", "period": "hour"}
    assert analytics["salary"] is None
    assert analytics["posted"] == "2026-01-16"  # no first_published: falls back to updated_at
    assert "pay_transparency=true" in server.requests[-1]["path"]


@pytest.mark.slow
def test_ashby(server):
    listings = _fetch(server, "ashby:example-co")
    assert len(listings) == 3  # the unlisted posting is left out
    scientist, labeler, staff = listings
    assert scientist["native_id"] == "0b6f2c4e-1111-4a2b-9c3d-aaaaaaaaaaa1"
    assert scientist["company"] == "Example Co"
    assert scientist["location"] == "San Francisco, CA"
    assert (scientist["remote"], scientist["type"]) == ("hybrid", "full-time")
    assert scientist["salary"] == {
        "min": 160000.0,
        "max": 200000.0,
        "currency": "USD",
        "period": "year",
    }
    assert scientist["posted"] == "2026-01-07"
    assert scientist["description"] == "Run experiments and measure impact. Statistics Python"
    assert scientist["url"].startswith("https://jobs.ashbyhq.com/example-co/")
    assert (labeler["remote"], labeler["type"]) == (True, "part-time")
    assert labeler["salary"] == {"min": 25.0, "max": 30.0, "currency": "EUR", "period": "hour"}
    assert (staff["remote"], staff["type"], staff["salary"]) == (False, "contract", None)
    assert "includeCompensation=true" in server.requests[-1]["path"]


@pytest.mark.slow
def test_remotive(server):
    listings = _fetch(server, "remotive")
    assert [x["native_id"] for x in listings] == ["2010001", "2010002", "2010003"]
    engineer, python, researcher = listings
    assert engineer["company"] == "Example Remote Co"
    assert engineer["location"] == "USA, Canada"
    assert (engineer["remote"], engineer["type"]) == (True, "full-time")
    assert engineer["salary"] == {
        "min": 120000.0,
        "max": 150000.0,
        "currency": "USD",
        "period": "year",
    }
    assert engineer["posted"] == "2026-01-10"
    assert (
        engineer["description"]
        == "Example Remote Co is hiring an analytics engineer. dbt & SQL Snowflake"
    )
    assert (python["type"], python["salary"]) == ("contract", None)  # freelance; "Competitive"
    assert (researcher["type"], researcher["salary"]) == (None, None)  # no type; euros
    assert server.requests[-1]["path"] == "/api/remote-jobs"
    _fetch(server, "remotive:data")
    assert server.requests[-1]["path"] == "/api/remote-jobs?search=data"


@pytest.mark.slow
def test_remoteok(server):
    listings = _fetch(server, "remoteok")
    assert [x["native_id"] for x in listings] == ["1130001", "1130002"]  # legal notice skipped
    engineer, analyst = listings
    assert engineer["title"] == "Senior Data Engineer"
    assert engineer["company"] == "Example Remote Co"
    assert (engineer["remote"], engineer["location"]) == (True, "Worldwide")
    assert engineer["salary"] == {
        "min": 110000.0,
        "max": 140000.0,
        "currency": "USD",
        "period": "year",
    }
    assert engineer["posted"] == "2026-01-14"
    assert engineer["description"] == "We move terabytes a day. Spark & Airflow."
    assert engineer["url"].startswith("https://remoteOK.com/remote-jobs/")
    assert (analyst["salary"], analyst["location"]) == (None, None)  # 0 means "not given"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("$40,000 - $50,000", (40000.0, 50000.0, "year")),
        ("$90k – $120k", (90000.0, 120000.0, "year")),
        ("40k-60k USD", (40000.0, 60000.0, "year")),
        ("$50 - $70/hour", (50.0, 70.0, "hour")),
        ("USD 5,000 - 6,000 per month", (5000.0, 6000.0, "month")),
        ("$50 - $70", None),  # no period and too small to be a yearly figure
        ("$40-50k", None),  # is the 40 thousands?
        ("$80,000 - $95,000 CAD", None),
        ("€60k - €80k", None),
        ("$100,000", None),
        ("$100,000 - $120,000 + equity", None),
        ("Competitive", None),
        ("", None),
    ],
)
def test_remotive_free_text_salary_only_when_unambiguous(text, expected):
    job = {"id": 1, "title": "Analyst", "company_name": "Example Co", "salary": text}
    (listing,) = parse_listings(parse_spec("remotive"), {"jobs": [job]})
    if expected is None:
        assert listing["salary"] is None
    else:
        low, high, period = expected
        assert listing["salary"] == {"min": low, "max": high, "currency": "USD", "period": period}


def test_hostile_fields_are_cleaned():
    job = {
        "id": "x1",
        "text": "Data\x1b[31m Engineer\u202e  \n",
        "categories": {"commitment": "Full Time", "location": "Remote\x07"},
        "hostedUrl": "javascript:alert(1)",
        "createdAt": "not a date",
        "description": "<script>alert(1)</script><style>p{}</style><p>Real&nbsp;text</p>"
        + "<a" * 5000,
        "salaryRange": {
            "min": "NaN",
            "max": 1e400,
            "currency": "USD",
            "interval": "per-year-salary",
        },
    }
    (listing,) = parse_listings(parse_spec("lever:example-co"), [job, "junk", None, job])
    assert listing["title"] == "Data [31m Engineer"
    assert listing["location"] == "Remote"
    assert listing["url"] is None
    assert listing["posted"] is None
    assert listing["salary"] is None
    assert listing["description"].startswith("Real text")
    assert "alert" not in listing["description"]


def test_long_descriptions_are_capped():
    job = {
        "id": 1,
        "title": "Analyst",
        "company_name": "Co",
        "description": "<p>word </p>" * 10_000,
    }
    (listing,) = parse_listings(parse_spec("remotive"), {"jobs": [job]})
    assert len(listing["description"]) <= 20_000


@pytest.mark.parametrize(
    ("text", "payload"),
    [
        ("lever:example-co", {"ok": False, "error": "Document not found"}),
        ("lever:example-co", "postings"),
        ("greenhouse:example-co", {"jobs": "none"}),
        ("greenhouse:example-co", [{"id": 1, "title": "x"}]),
        ("ashby:example-co", {"apiVersion": "1"}),
        ("remotive", None),
        ("remoteok", {"legal": "notice"}),
        ("lever:example-co", [{"name": "not a posting"}, {"id": 1}]),
    ],
)
def test_parse_listings_refuses_the_wrong_shape(text, payload):
    with pytest.raises(CareerError) as excinfo:
        parse_listings(parse_spec(text), payload)
    assert parse_spec(text).key in _error(excinfo)


def test_empty_boards_are_not_errors():
    assert parse_listings(parse_spec("lever:example-co"), []) == []
    assert parse_listings(parse_spec("remoteok"), [{"legal": "notice"}]) == []
    assert parse_listings(parse_spec("greenhouse:example-co"), {"jobs": [], "meta": {}}) == []


# ---------------------------------------------------------------------------------------------
# HTTP failures: each a CareerError naming the URL


@pytest.mark.slow
def test_404_names_the_url_and_status(server):
    with pytest.raises(CareerError) as excinfo:
        fetch_listings(parse_spec("lever:no-such-co"), server.base, timeout=5)
    message = _error(excinfo)
    assert "HTTP 404" in message
    assert server.url("/v0/postings/no-such-co") in message


@pytest.mark.slow
def test_500(server):
    server.routes["/boom"] = (500, b"oops", {"Content-Type": "text/plain"})
    with pytest.raises(CareerError) as excinfo:
        fetch_json(server.url("/boom"), timeout=5)
    assert "HTTP 500" in _error(excinfo) and server.url("/boom") in _error(excinfo)


@pytest.mark.slow
def test_429_with_retry_after_is_retried_once(server):
    body = json.dumps([]).encode()

    def limited_once(handler):
        if server.hits["/limited"] == 1:
            handler.reply(429, b"{}", {"Retry-After": "1"})
        else:
            handler.reply(200, body)

    server.routes["/limited"] = limited_once
    waits: list[float] = []  # what fetch_json slept for, instead of sleeping
    assert fetch_json(server.url("/limited"), timeout=5, retries=1, sleep=waits.append) == []
    assert waits == [1.0]
    assert server.hits["/limited"] == 2


@pytest.mark.slow
def test_429_forever_is_a_clear_error(server):
    server.routes["/limited"] = (429, b"{}", {"Retry-After": "1"})
    waits: list[float] = []
    with pytest.raises(CareerError) as excinfo:
        fetch_json(
            server.url("/limited"), timeout=5, retries=1, max_retry_wait=10, sleep=waits.append
        )
    assert "rate limited" in _error(excinfo) and "try again in 1 s" in _error(excinfo)
    assert waits == [1.0]  # waited once, as asked, then gave up
    assert server.hits["/limited"] == 2


@pytest.mark.slow
def test_429_wait_is_capped(server):
    server.routes["/limited"] = (429, b"{}", {"Retry-After": "3600"})
    waits: list[float] = []
    with pytest.raises(CareerError) as excinfo:
        fetch_json(
            server.url("/limited"), timeout=5, retries=1, max_retry_wait=0.2, sleep=waits.append
        )
    assert waits == [0.2]  # capped at max_retry_wait, not the hour asked for
    assert "try again in 3600 s" in _error(excinfo)
    assert server.hits["/limited"] == 2


@pytest.mark.slow
def test_html_instead_of_json(server):
    page = b"<!doctype html><html><body><h1>Careers</h1></body></html>"
    server.routes["/page"] = (200, page, {"Content-Type": "text/html; charset=utf-8"})
    with pytest.raises(CareerError) as excinfo:
        fetch_json(server.url("/page"), timeout=5)
    assert "did not send JSON" in _error(excinfo) and "text/html" in _error(excinfo)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("body", "words"),
    [
        (b"", "empty"),
        (b'{"jobs": [', "not valid JSON"),
        (b"[NaN]", "NaN is not a JSON number"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (b"[" + b"9" * 5000 + b"]", "more than 4,300 digits"),
    ],
)
def test_broken_json(server, body, words):
    server.routes["/broken"] = (200, body, {"Content-Type": "application/json"})
    with pytest.raises(CareerError) as excinfo:
        fetch_json(server.url("/broken"), timeout=5)
    assert words in _error(excinfo)
    assert "did not send JSON (got application/json)" not in _error(excinfo)


@pytest.mark.slow
def test_invalid_utf8(server):
    server.routes["/latin1"] = (200, '{"title": "Café"}'.encode("latin-1"), {})
    with pytest.raises(CareerError) as excinfo:
        fetch_json(server.url("/latin1"), timeout=5)
    assert "UTF-8" in _error(excinfo)


@pytest.mark.slow
def test_json_of_the_wrong_shape_through_fetch_listings(server):
    server.routes["/v1/boards/example-co/jobs"] = (200, b'{"jobs": {"id": 1}}', {})
    with pytest.raises(CareerError) as excinfo:
        fetch_listings(parse_spec("greenhouse:example-co"), server.base, timeout=5)
    message = _error(excinfo)
    assert message.startswith(server.url("/v1/boards/example-co/jobs"))
    assert "'jobs' list" in message and message.count("greenhouse:example-co") == 0


@pytest.mark.slow
def test_a_declared_huge_body_is_refused_before_reading(server):
    """The server declares 1 TB, sends 1 kB and stalls: refused from the header alone (had the
    client waited for the body, it would have timed out instead)."""
    server.routes["/huge"] = faultkit.declared_huge(server, 10)
    with pytest.raises(CareerError) as excinfo:
        fetch_json(server.url("/huge"), timeout=5, max_bytes=10_000)
    assert "larger than 10,000 bytes" in _error(excinfo)
    assert "timed out" not in _error(excinfo)


@pytest.mark.slow
def test_an_endless_body_is_cut_at_max_bytes(server):
    server.routes["/endless"] = faultkit.endless
    with pytest.raises(CareerError) as excinfo:
        fetch_json(server.url("/endless"), timeout=10, max_bytes=100_000)
    assert "larger than 100,000 bytes" in _error(excinfo)


@pytest.mark.slow
def test_a_server_that_stalls_times_out(server):
    # A real socket deadline, kept short; the server would stall for 10 s.
    server.routes["/stall"] = faultkit.stall(server, 10)
    with pytest.raises(CareerError) as excinfo:
        fetch_json(server.url("/stall"), timeout=0.3)
    assert "timed out after 0.3 s" in _error(excinfo) and server.url("/stall") in _error(excinfo)


@pytest.mark.slow
def test_a_server_that_trickles_is_held_to_the_total_timeout(server):
    """A byte every 0.05 s keeps any per-read timeout happy; only the deadline for the whole
    request (0.3 s here) stops it. Without one, the read would go on until the server gave up
    after 100 bytes and the error would be a short body, not a timeout."""
    server.routes["/trickle"] = faultkit.trickle(server, every=0.05)
    with pytest.raises(CareerError) as excinfo:
        fetch_json(server.url("/trickle"), timeout=0.3)
    assert "timed out after 0.3 s" in _error(excinfo)


@pytest.mark.slow
@pytest.mark.parametrize(
    "location", ["file:///etc/passwd", "ftp://mirror.example/jobs.json", "gopher://x/1"]
)
def test_a_redirect_to_another_scheme_is_refused(server, location):
    server.routes["/moved"] = (302, b"", {"Location": location})
    with pytest.raises(CareerError) as excinfo:
        fetch_json(server.url("/moved"), timeout=5)
    assert "non-HTTP URL" in _error(excinfo) and server.url("/moved") in _error(excinfo)


@pytest.mark.slow
def test_a_redirect_loop_stops(server):
    server.routes["/loop-a"] = (302, b"", {"Location": "/loop-b"})
    server.routes["/loop-b"] = (301, b"", {"Location": server.url("/loop-a")})
    with pytest.raises(CareerError) as excinfo:
        fetch_json(server.url("/loop-a"), timeout=5)
    assert "too many redirects" in _error(excinfo)
    assert server.hits["/loop-a"] + server.hits["/loop-b"] == 4


@pytest.mark.slow
def test_up_to_three_redirects_are_followed(server):
    server.routes["/hop1"] = (301, b"", {"Location": "/hop2"})
    server.routes["/hop2"] = (302, b"", {"Location": "hop3"})
    server.routes["/hop3"] = (307, b"", {"Location": server.url("/api")})
    listings = parse_listings(parse_spec("remoteok"), fetch_json(server.url("/hop1"), timeout=5))
    assert len(listings) == 2


def test_connection_refused_is_a_clear_error():
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(CareerError) as excinfo:
        fetch_json(f"http://127.0.0.1:{port}/api", timeout=2)
    assert "refused" in _error(excinfo) and f"127.0.0.1:{port}" in _error(excinfo)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://x/y", "http://", "not a url"])
def test_fetch_json_only_fetches_http(url):
    with pytest.raises(CareerError):
        fetch_json(url, timeout=1)


@pytest.mark.slow
def test_credentials_in_a_url_are_not_echoed(server):
    url = server.base.replace("http://", "http://user:secret@") + "/missing"
    with pytest.raises(CareerError) as excinfo:
        fetch_json(url, timeout=5)
    assert "secret" not in _error(excinfo) and "HTTP 404" in _error(excinfo)
