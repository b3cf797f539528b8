"""One cleaner per field: the same raw value gives the same listing field whichever way it
arrives (a JobSpy CSV row, a careercli JSON file, or each job board's JSON)."""

from __future__ import annotations

import datetime as dt

import pytest

from careercli.catalog import load_catalog
from careercli.jobs.boards import parse_listings, parse_spec
from careercli.jobs.files import _jobspy
from careercli.jobs.model import make_listing
from careercli.jobs.tagger import Tagger


@pytest.fixture(scope="module")
def tagger():
    return Tagger(load_catalog(use_cache=False))


def csv_row(**fields: str) -> dict:
    base = {"id": "c1", "site": "indeed", "title": "Data Engineer", "company": "Acme"}
    return {**base, **fields}


def via_csv(tagger, **fields):
    return make_listing(_jobspy(csv_row(**fields)), "jobspy:indeed", tagger)


def via_board(tagger, spec: str, job: dict):
    payload = {"jobs": [job]} if spec.startswith(("greenhouse", "ashby", "remotive")) else [job]
    (raw,) = parse_listings(parse_spec(spec), payload)
    return make_listing(dict(raw), parse_spec(spec).key, tagger)


TYPES = {
    "Full-time, Contract": "contract",
    "Apprenticeship": "internship",
    "Fixed-term": "temporary",
    "fulltime": "full-time",
    "FullTime": "full-time",
    "full_time": "full-time",
    "Part-time": "part-time",
    "parttime, fulltime": "full-time",
    "Permanent": "full-time",
    "Intern": "internship",
    "Temporary": "temporary",
    "Seasonal": "temporary",
    "Freelance": "contract",
    "Volunteer": None,
}


@pytest.mark.parametrize("raw", list(TYPES))
def test_job_type_agrees_across_csv_lever_ashby_and_remotive(tagger, raw):
    got = {
        "csv": via_csv(tagger, job_type=raw).type,
        "lever": via_board(
            tagger,
            "lever:x",
            {"id": "l1", "text": "Data Engineer", "categories": {"commitment": raw}},
        ).type,
        "ashby": via_board(
            tagger, "ashby:x", {"id": "a1", "title": "Data Engineer", "employmentType": raw}
        ).type,
        "remotive": via_board(
            tagger, "remotive", {"id": 1, "title": "Data Engineer", "job_type": raw}
        ).type,
    }
    assert set(got.values()) == {TYPES[raw]}, got


REMOTE = {"Remote": True, "On-site": False, "Hybrid": "hybrid", "onsite": False, "In office": False}


@pytest.mark.parametrize("raw", list(REMOTE))
def test_remote_word_agrees_across_csv_lever_and_ashby(tagger, raw):
    got = {
        "csv": via_csv(tagger, is_remote=raw).remote,
        "lever": via_board(
            tagger, "lever:x", {"id": "l1", "text": "DE", "workplaceType": raw}
        ).remote,
        "ashby": via_board(
            tagger, "ashby:x", {"id": "a1", "title": "DE", "workplaceType": raw}
        ).remote,
    }
    assert set(got.values()) == {REMOTE[raw]}, got


@pytest.mark.parametrize("place", ["Remote - US", "Hybrid, London", "Berlin"])
def test_remote_read_from_the_location_when_nothing_else_says(tagger, place):
    expected = {"Remote - US": True, "Hybrid, London": "hybrid", "Berlin": None}[place]
    got = {
        "csv": via_csv(tagger, location=place).remote,
        "greenhouse": via_board(
            tagger, "greenhouse:x", {"id": 1, "title": "DE", "location": {"name": place}}
        ).remote,
        "lever": via_board(
            tagger, "lever:x", {"id": "l1", "text": "DE", "categories": {"location": place}}
        ).remote,
    }
    assert set(got.values()) == {expected}, got


TITLES = {
    # title: (type, remote) the title's own segments say, with nothing else given
    "HR Business Partner - 13 month Contract - Hybrid": ("contract", "hybrid"),
    "Senior Financial Analyst - Hybrid Role": (None, "hybrid"),
    "Receiver - Part-time (Summer Seasonal)": ("part-time", None),
    "Child and Youth Worker (Part time )": ("part-time", None),
    "Part Time School Bus Driver": ("part-time", None),
    "Data Engineer (Remote)": (None, True),
    "Software Engineer | Fully Remote": (None, True),
    "Data Analyst – Temp": ("temporary", None),
    # a segment that is a job's name, not its terms
    "Festival Contractors": (None, None),
    "Contract Manager": (None, None),
    "Hybrid Cloud Engineer": (None, None),
    "Remote Sensing Analyst": (None, None),
    "Part-Time Faculty Coordinator": ("part-time", None),
}


@pytest.mark.parametrize("title", list(TITLES))
def test_a_title_states_type_and_workplace_when_the_source_does_not(tagger, title):
    kind, place = TITLES[title]
    got = {
        "csv": via_csv(tagger, title=title),
        "lever": via_board(tagger, "lever:x", {"id": "l1", "text": title}),
        "greenhouse": via_board(tagger, "greenhouse:x", {"id": 1, "title": title}),
    }
    assert {(g.type, g.remote) for g in got.values()} == {(kind, place)}, title


def test_the_sources_own_fields_outrank_the_title(tagger):
    title = "Data Engineer - Contract - Remote"
    listing = via_csv(tagger, title=title, job_type="fulltime", is_remote="False")
    assert (listing.type, listing.remote) == ("full-time", False)
    hybrid = via_csv(tagger, title="Analyst - Hybrid", is_remote="False")
    assert hybrid.remote == "hybrid"  # "not remote" and "hybrid" agree; hybrid says more
    assert via_csv(tagger, title="Analyst - Hybrid", is_remote="True").remote is True


def test_dates_agree_across_every_source(tagger):
    iso = "2026-03-05T10:00:00Z"
    millis = int(dt.datetime(2026, 3, 5, 10, tzinfo=dt.timezone.utc).timestamp() * 1000)
    got = {
        "csv": via_csv(tagger, date_posted=iso).posted,
        "lever": via_board(
            tagger, "lever:x", {"id": "l", "text": "DE", "createdAt": millis}
        ).posted,
        "greenhouse": via_board(
            tagger, "greenhouse:x", {"id": 1, "title": "DE", "first_published": iso}
        ).posted,
        "ashby": via_board(
            tagger, "ashby:x", {"id": "a", "title": "DE", "publishedAt": iso}
        ).posted,
        "remotive": via_board(
            tagger, "remotive", {"id": 1, "title": "DE", "publication_date": iso}
        ).posted,
        "remoteok": via_board(tagger, "remoteok", {"id": 1, "position": "DE", "date": iso}).posted,
    }
    assert set(got.values()) == {"2026-03-05"}, got


def test_control_characters_and_spaces_are_cleaned_the_same_everywhere(tagger):
    title = "  Data\x1b[31m   Engineer\u202e \x07"
    got = {
        "csv": via_csv(tagger, title=title).title,
        "lever": via_board(tagger, "lever:x", {"id": "l", "text": title}).title,
        "greenhouse": via_board(tagger, "greenhouse:x", {"id": 1, "title": title}).title,
        "ashby": via_board(tagger, "ashby:x", {"id": "a", "title": title}).title,
        "remotive": via_board(tagger, "remotive", {"id": 1, "title": title}).title,
        "remoteok": via_board(tagger, "remoteok", {"id": 1, "position": title}).title,
    }
    assert set(got.values()) == {"Data [31m Engineer"}, got


@pytest.mark.parametrize(
    ("csv_interval", "lever", "ashby", "greenhouse", "period"),
    [
        ("yearly", "per-year-salary", "1 YEAR", "Annual Salary", "year"),
        ("hourly", "per-hour-wage", "1 HOUR", "Hourly Pay", "hour"),
    ],
)
def test_a_salary_agrees_across_csv_lever_ashby_and_greenhouse(
    tagger, csv_interval, lever, ashby, greenhouse, period
):
    low, high = (120000, 150000) if period == "year" else (40, 55)
    want = {"min": float(low), "max": float(high), "currency": "USD", "period": period}
    got = {
        "csv": via_csv(
            tagger,
            min_amount=str(low),
            max_amount=str(high),
            interval=csv_interval,
            currency="USD",
        ).salary,
        "lever": via_board(
            tagger,
            "lever:x",
            {
                "id": "l",
                "text": "DE",
                "salaryRange": {"min": low, "max": high, "currency": "USD", "interval": lever},
            },
        ).salary,
        "ashby": via_board(
            tagger,
            "ashby:x",
            {
                "id": "a",
                "title": "DE",
                "compensation": {
                    "summaryComponents": [
                        {
                            "compensationType": "Salary",
                            "interval": ashby,
                            "currencyCode": "USD",
                            "minValue": low,
                            "maxValue": high,
                        }
                    ]
                },
            },
        ).salary,
        "greenhouse": via_board(
            tagger,
            "greenhouse:x",
            {
                "id": 1,
                "title": "DE",
                "pay_input_ranges": [
                    {
                        "min_cents": low * 100,
                        "max_cents": high * 100,
                        "currency_type": "USD",
                        "title": greenhouse,
                    }
                ],
            },
        ).salary,
    }
    assert all(v == want for v in got.values()), got


def test_a_lazy_pattern_compiles_on_first_use_and_then_is_the_pattern():
    import re

    from careercli.text import LazyPattern

    lazy = LazyPattern(r"(\d+)\s*yrs?", re.I)
    assert "_compiled" not in lazy.__dict__
    assert lazy.search("5 YRS of SQL").group(1) == "5"
    assert lazy.__dict__["_compiled"].flags & re.I
    assert lazy.search is lazy.search  # the bound method is kept after the first look-up
    assert lazy.sub("n", "3 yrs, 4 yr") == "n, n"
    assert lazy.pattern == r"(\d+)\s*yrs?"
