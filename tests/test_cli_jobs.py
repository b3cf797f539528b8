"""`careercli jobs` (filters, formats), `jobs import`, `jobs sync` against the local board server,
`jobs sources` and `jobs reset`, through the real Typer app.

Expected listings come from the fixture files (jobdata.py), data/jobs.yaml and
tests/data/boards/lever.json; no test touches the internet.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import faultkit
from careercli.jobs.store import store_path
from clihelp import ok_json
from httpserver import DATA as BOARDS
from jobdata import (
    CSV_BAD_LINES,
    CSV_EXPECT,
    CSV_FILE,
    CSV_SOURCE,
    CSV_WARNED_LINES,
    JSON_FILE,
    JSON_SOURCE,
    YAML_FILE,
    bundled,
    has_words,
    universe,
    year_max,
)

JOB_KEYS = {
    "id", "title", "company", "location", "remote", "type", "level", "salary", "url",
    "posted", "source",
}  # fmt: skip
SALARY_KEYS = {"min", "max", "currency", "interval", "period", "yearly_min", "yearly_max"}
LEVER = json.loads((BOARDS / "lever.json").read_text(encoding="utf-8"))
LEVER_KEY = "lever:example-co"
LEVER_PATH = "/v0/postings/example-co"
ANSI = re.compile("\x1b")


def jobs_json(run, *args) -> list[dict]:
    return ok_json(run("jobs", *args, "--format", "json"))["jobs"]


def ids(jobs: list[dict]) -> set[str]:
    return {j["id"] for j in jobs}


_LOADED: dict[str, bytes] = {}


@pytest.fixture
def loaded(run):
    """The store after importing the CSV, JSON and YAML fixtures; returns the answer key. The
    imports run once per process; later tests start from a copy of the store they made."""
    from careercli import paths

    store = paths.store_file()
    if not _LOADED:
        for path in (CSV_FILE, JSON_FILE, YAML_FILE):
            result = run("jobs", "import", str(path))
            assert result.exit_code == 0, result.stderr
        assert not Path(f"{store}-wal").exists() or not Path(f"{store}-wal").stat().st_size
        _LOADED[store.name] = store.read_bytes()
    else:
        store.parent.mkdir(parents=True, exist_ok=True)
        store.write_bytes(_LOADED[store.name])
    return universe()


# --------------------------------------------------------------------------- read-only, offline


def test_remote_jobs_from_the_seed_on_day_one(run):
    found = jobs_json(run, "--remote")
    assert ids(found) == {b["id"] for b in bundled() if b["remote"] is True}
    assert found and all(j["remote"] is True for j in found)


@pytest.mark.parametrize(
    "args",
    [
        ["jobs"],
        ["jobs", "--remote", "--format", "json"],
        ["jobs", "--search", "engineer"],
        ["jobs", "--skills", "python, sql"],
        ["jobs", "sources"],
        ["salary", "data analyst"],
        ["compare"],
        ["jobs", "reset", "--yes"],
    ],
    ids=" ".join,
)
def test_read_only_commands_do_not_create_the_store(run, args):
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    assert not store_path().exists()
    assert not list(store_path().parent.glob("jobs.db*"))


# --------------------------------------------------------------------------- filters


def _type_rule(wanted: str):
    def rule(j):
        if j["type"] == {wanted}:
            return True
        return None if wanted in j["type"] else False

    return rule


# (arguments, predicate over the answer key). A predicate returns True (must be listed), False
# (must not) or None (either reading is acceptable, e.g. "parttime, fulltime" under --type).
FILTERS = [
    (["--remote"], lambda j: j["remote"] is True),
    (["--level", "senior"], lambda j: j["level"] == "senior"),
    (["--level", "intern"], lambda j: j["level"] == "intern"),
    (["--level", "entry"], lambda j: j["level"] == "entry"),
    (["--level", "lead"], lambda j: j["level"] == "lead"),
    (["--type", "contract"], _type_rule("contract")),
    (["--type", "internship"], _type_rule("internship")),
    (["--type", "part-time"], _type_rule("part-time")),
    (["--type", "full-time"], _type_rule("full-time")),
    (["--role", "data analist"], lambda j: j["role"] == "data-analyst"),
    (["--role", "MLE"], lambda j: j["role"] == "machine-learning-engineer"),
    (["--role", "senior data scientist"], lambda j: j["role"] == "senior-data-scientist"),
    (["--company", "quillfeather"], lambda j: "quillfeather" in (j["company"] or "").lower()),
    (["--company", "AMAZON"], lambda j: "amazon" in (j["company"] or "").lower()),
    (["--location", "new york"], lambda j: "new york" in (j["location"] or "").lower()),
    (["--location", "Brooklyn"], lambda j: "brooklyn" in (j["location"] or "").lower()),
    (["--min-salary", "120000"], lambda j: (year_max(j["salary"]) or 0) >= 120000),
    (["--min-salary", "130000"], lambda j: (year_max(j["salary"]) or 0) >= 130000),
    (["--min-salary", "150001"], lambda j: (year_max(j["salary"]) or 0) >= 150001),
    (["--search", "spark"], lambda j: has_words(j, "spark")),
    (["--search", "python sql"], lambda j: has_words(j, "python sql")),
    (["--search", "featured"], lambda j: has_words(j, "featured")),
    (["--search", "Professor"], lambda j: has_words(j, "professor")),
    (["--search", "insights"], lambda j: has_words(j, "insights")),
    (["--since", "2024-09-20"], lambda j: (j["posted"] or "") >= "2024-09-20"),
    (["--since", "2024-10-30"], lambda j: (j["posted"] or "") >= "2024-10-30"),
    (["--source", "jobspy"], lambda j: j["source"].startswith("jobspy:")),
    (["--source", CSV_SOURCE], lambda j: j["source"] == CSV_SOURCE),
    (["--source", "seed-article"], lambda j: j["source"] == "seed-article"),
    (["--source", JSON_SOURCE], lambda j: j["source"] == JSON_SOURCE),
    (["--remote", "--min-salary", "125000"],
     lambda j: j["remote"] is True and (year_max(j["salary"]) or 0) >= 125000),
    (["--level", "senior", "--search", "sql"],
     lambda j: j["level"] == "senior" and has_words(j, "sql")),
]  # fmt: skip


@pytest.mark.parametrize(("args", "rule"), FILTERS, ids=[" ".join(a) for a, _ in FILTERS])
def test_each_filter(run, loaded, args, rule):
    verdicts = {job_id: rule(j) for job_id, j in loaded.items()}
    must = {k for k, v in verdicts.items() if v is True}
    may = must | {k for k, v in verdicts.items() if v is None}
    found = ids(jobs_json(run, *args, "--limit", "0"))
    assert must, f"the fixtures give {args} nothing to find"
    assert must <= found, f"missing: {sorted(must - found)}"
    assert found <= may, f"should not be listed: {sorted(found - may)}"


@pytest.mark.parametrize(
    ("word", "level"),
    [("junior", "entry"), ("principal", "lead"), ("manager", "lead"), ("director", "executive"),
     ("Senior", "senior")],
)  # fmt: skip
def test_level_takes_the_roles_words_too(run, loaded, word, level):
    found = ids(jobs_json(run, "--level", word, "--limit", "0"))
    assert found == ids(jobs_json(run, "--level", level, "--limit", "0"))
    assert found == {k for k, j in loaded.items() if j["level"] == level}


def test_nothing_matched_says_which_filter_to_drop(run, loaded):
    result = run("jobs", "--role", "quant", "--remote")
    assert result.exit_code == 0, result.stderr
    text = " ".join(result.stdout.split())
    remote = sum(1 for j in loaded.values() if j["remote"] is True)
    quant = sum(1 for j in loaded.values() if j.get("role") == "quantitative-analyst")
    assert quant == 0 and remote > 0, "the fixtures must give --role quant nothing"
    assert "No listing matches --remote and --role quant (Quantitative Analyst)" in text
    assert f"{len(loaded):,} listing(s) are stored" in text
    assert f"--remote matches {remote:,}" in text
    assert "Try without --role quant," in text
    # JSON stays a document; the reason goes to stderr.
    piped = run("jobs", "--role", "quant", "--format", "json")
    assert json.loads(piped.stdout)["jobs"] == []
    assert "No listing matches --role quant" in " ".join(piped.stderr.split())


def test_the_search_reaches_stored_and_bundled_listings(run, loaded):
    found = ids(jobs_json(run, "--search", "engineer", "--limit", "0"))
    stored = {k for k, j in loaded.items() if j["source"] != "seed-article"}
    assert found & stored and found - stored  # FTS on stored, LIKE on bundled


@pytest.mark.parametrize("text", ['"', "100%", "a_b", "C++", "NOT", "title:spark", "*"])
def test_search_text_is_not_a_query_language(run, loaded, text):
    result = run("jobs", "--search", text, "--format", "json")
    assert result.exit_code == 0, result.stderr


def test_limit(run, loaded):
    everything = jobs_json(run, "--limit", "0")
    assert len(everything) == len(loaded)
    assert [j["id"] for j in jobs_json(run, "--limit", "3")] == [j["id"] for j in everything[:3]]
    assert len(jobs_json(run)) == min(20, len(loaded))


def test_sort_salary_is_by_the_yearly_maximum(run, loaded):
    found = jobs_json(run, "--sort", "salary", "--limit", "0")
    assert ids(found) == set(loaded)
    tops = [year_max(loaded[j["id"]]["salary"]) for j in found]
    paid = [t for t in tops if t is not None]
    assert tops == paid + [None] * (len(tops) - len(paid)), "unpaid listings must come last"
    assert paid == sorted(paid, reverse=True)


def test_sort_posted_is_newest_first(run, loaded):
    found = jobs_json(run, "--sort", "posted", "--limit", "0")
    dates = [loaded[j["id"]]["posted"] for j in found]
    assert dates == sorted(dates, reverse=True)
    assert jobs_json(run, "--limit", "0") == found  # the default order


def test_skills_add_fit_and_rank_by_it(run, loaded):
    found = jobs_json(run, "--skills", "python, sql", "--limit", "0")
    assert ids(found) == set(loaded)
    assert all("fit" in j for j in found)
    fits = [j["fit"] for j in found]
    scored = [f for f in fits if f is not None]
    assert fits == scored + [None] * (len(fits) - len(scored))
    assert scored == sorted(scored, reverse=True)
    assert all(0 <= f <= 100 for f in scored)
    by_id = {j["id"]: j["fit"] for j in found}
    # A data-analyst internship naming Python and SQL outranks a veterinary technician.
    intern, vet = f"{CSV_SOURCE}:qf-int-11", f"{CSV_SOURCE}:bp-vt-7"
    assert by_id[intern] is not None and (by_id[vet] is None or by_id[vet] < by_id[intern])
    top = jobs_json(run, "--skills", "python, sql", "--limit", "3")
    assert [j["id"] for j in top] == [j["id"] for j in found[:3]]


def test_skills_with_another_sort_keep_that_order(run, loaded):
    found = jobs_json(run, "--skills", "python", "--sort", "salary", "--limit", "0")
    assert all("fit" in j for j in found)
    paid = [year_max(loaded[j["id"]]["salary"]) for j in found]
    paid = [p for p in paid if p is not None]
    assert paid == sorted(paid, reverse=True)


def test_no_fit_without_skills(run):
    assert all("fit" not in j for j in jobs_json(run))


def test_sort_fit_without_skills_is_an_error(run):
    result = run("jobs", "--sort", "fit")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "--skills" in result.stderr and "Traceback" not in result.stderr


def test_unknown_role_exits_1(run):
    result = run("jobs", "--role", "xyzzy plumber")
    assert result.exit_code == 1
    assert result.stderr and result.stdout == ""


@pytest.mark.parametrize("since", ["yesterday", "2024-13-01", "30/10/2024"])
def test_a_bad_since_date_is_a_usage_error(run, since):
    result = run("jobs", "--since", since)
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr


# --------------------------------------------------------------------------- formats


def test_json_keys_and_values(run, loaded):
    found = {j["id"]: j for j in jobs_json(run, "--limit", "0")}
    for job_id, job in found.items():
        assert set(job) >= JOB_KEYS, job_id
        assert job["salary"] is None or set(job["salary"]) - {"note"} == SALARY_KEYS, job_id
    want = loaded[f"{CSV_SOURCE}:qf-ds-1"]
    got = found[want["id"]]
    for key in ("title", "company", "location", "remote", "level", "url", "posted", "source"):
        assert got[key] == want[key], key
    assert got["type"] in want["type"]
    assert {k: got["salary"][k] for k in want["salary"]} == want["salary"]
    assert got["salary"]["yearly_max"] == year_max(want["salary"])
    hourly = found[f"{CSV_SOURCE}:bw-da-2"]
    assert hourly["salary"]["period"] == "hour"  # stored as given; only filters normalise
    assert found[f"{JSON_SOURCE}:j-1"]["remote"] == "hybrid"
    assert found[f"{CSV_SOURCE}:bp-vt-7"]["salary"] is None


def test_csv_has_a_header_and_plain_numbers(run, loaded):
    result = run("jobs", "--limit", "0", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == len(loaded)
    header = result.stdout.splitlines()[0].split(",")
    for column in ("id", "title", "company", "remote", "salary_min", "salary_max", "currency"):
        assert column in header
    by_id = {r["id"]: r for r in rows}
    for job_id, want in loaded.items():
        row = by_id[job_id]
        assert row["title"] == want["title"]
        if want["salary"]:
            assert float(row["salary_min"]) == want["salary"]["min"]
            assert float(row["salary_max"]) == want["salary"]["max"]
            assert row["period"] == want["salary"]["period"]
        else:
            assert row["salary_min"] == row["salary_max"] == ""


def test_markdown_is_a_table(run, loaded):
    result = run("jobs", "--limit", "0", "--format", "markdown")
    assert result.exit_code == 0, result.stderr
    lines = [x for x in result.stdout.splitlines() if x.startswith("|")]
    assert "Title" in lines[0] and re.fullmatch(r"\|(---\|)+", lines[1])
    assert len(lines) == 2 + len(loaded)
    assert not ANSI.search(result.stdout)
    # a title with a pipe-free Unicode dash survives
    assert "Senior Data Scientist – Growth" in result.stdout


def test_table_is_plain_when_piped(run, loaded):
    result = run("jobs", "--limit", "0")
    assert result.exit_code == 0, result.stderr
    assert not ANSI.search(result.stdout)
    flat = re.sub(r"\s+", " ", result.stdout)
    assert "Quillfeather Labs" in flat and "murmuration" in flat
    assert f"{len(loaded)} listing(s)" in flat


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown"])
@pytest.mark.parametrize("reader", ["head -1", "true"])
def test_a_closed_pipe_is_not_an_error(run, tmp_path, fmt, reader):
    """`careercli jobs | head -1` (the reader goes away after one line) and `careercli jobs |
    true` (before the first). The second case matters because CPython drops the rest of one
    large write silently once part of it got through, so only a write that fails from its
    first byte reaches careercli's closed-pipe handling."""
    many = [
        {"id": f"n{i}", "title": f"Data Analyst {i}", "company": "Example Co",
         "description": "SQL and Python. " * 20}
        for i in range(1500)
    ]  # fmt: skip
    path = tmp_path / "many.json"
    path.write_text(json.dumps(many), encoding="utf-8")
    assert run("jobs", "import", str(path)).exit_code == 0
    proc = subprocess.Popen(
        [sys.executable, "-m", "careercli", "jobs", "--limit", "0", "--format", fmt],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    first = proc.stdout.readline() if reader == "head -1" else b"\n"
    proc.stdout.close()
    try:
        err = proc.stderr.read().decode()
        code = proc.wait(timeout=60)
    finally:
        proc.stderr.close()
        if proc.poll() is None:
            proc.kill()
    assert first.endswith(b"\n")
    assert "Traceback" not in err and "BrokenPipe" not in err and "Exception" not in err, err
    assert code == 0, err


# --------------------------------------------------------------------------- sync


def sync(run, server, *sources, extra=()):
    return run("jobs", "sync", *(sources or (LEVER_KEY,)), "--base-url", server.base, *extra)


def lever_ids(postings=LEVER, key=LEVER_KEY) -> set[str]:
    return {f"{key}:{p['id']}" for p in postings}


def test_sync_stores_the_listings(run, server):
    result = sync(run, server)
    assert result.exit_code == 0, result.stderr
    found = {j["id"]: j for j in jobs_json(run, "--source", LEVER_KEY)}
    assert set(found) == lever_ids()
    for posting in LEVER:
        job = found[f"{LEVER_KEY}:{posting['id']}"]
        assert job["title"] == posting["text"]
        assert job["url"] == posting["hostedUrl"]
    assert server.requests and all(r["path"].startswith(LEVER_PATH) for r in server.requests)
    assert server.requests[0]["headers"]["User-Agent"].startswith("careercli/")


def test_sync_twice_stores_each_listing_once(run, server):
    assert sync(run, server).exit_code == 0
    first = faultkit.dump(store_path())
    assert sync(run, server).exit_code == 0
    con = sqlite3.connect(f"file:{store_path()}?mode=ro", uri=True)
    try:
        rows = con.execute("SELECT id FROM jobs WHERE source = ?", (LEVER_KEY,)).fetchall()
        (count,) = con.execute(
            "SELECT count FROM sources WHERE source = ?", (LEVER_KEY,)
        ).fetchone()
    finally:
        con.close()
    assert sorted(r[0] for r in rows) == sorted(lever_ids())
    assert count == len(LEVER)
    assert len([x for x in first if x.startswith('INSERT INTO "jobs"')]) == len(LEVER)


def test_a_listing_gone_upstream_goes_for_that_source_only(run, server, loaded):
    server.routes["/v0/postings/other-co"] = server.routes[LEVER_PATH]
    assert sync(run, server, LEVER_KEY, "lever:other-co").exit_code == 0
    kept, gone = LEVER[:-1], LEVER[-1]
    server.routes[LEVER_PATH] = (200, json.dumps(kept).encode(), {})
    result = sync(run, server)
    assert result.exit_code == 0, result.stderr
    assert ids(jobs_json(run, "--source", LEVER_KEY)) == lever_ids(kept)
    assert f"{LEVER_KEY}:{gone['id']}" not in ids(jobs_json(run, "--limit", "0"))
    # the same postings under another company, and the imports, are untouched
    assert ids(jobs_json(run, "--source", "lever:other-co")) == lever_ids(key="lever:other-co")
    everything = ids(jobs_json(run, "--limit", "0"))
    assert set(loaded) <= everything


def test_sync_each_board_kind(run, server):
    ashby = json.loads((BOARDS / "ashby.json").read_text(encoding="utf-8"))["jobs"]
    remoteok = json.loads((BOARDS / "remoteok.json").read_text(encoding="utf-8"))
    expected = {
        "lever:example-co": len(LEVER),
        "greenhouse:example-co": len(
            json.loads((BOARDS / "greenhouse.json").read_text(encoding="utf-8"))["jobs"]
        ),
        "ashby:example-co": sum(1 for j in ashby if j.get("isListed") is not False),
        "remotive": len(json.loads((BOARDS / "remotive.json").read_text(encoding="utf-8"))["jobs"]),
        "remoteok": sum(1 for j in remoteok if "position" in j),
    }
    result = sync(run, server, *expected)
    assert result.exit_code == 0, result.stderr
    counts = {
        s["source"]: s["count"] for s in ok_json(run("jobs", "sources", "-f", "json"))["sources"]
    }
    for key, count in expected.items():
        assert counts[key] == count, key
        assert len(jobs_json(run, "--source", key, "--limit", "0")) == count, key
    assert all(j["remote"] is True for j in jobs_json(run, "--source", "remoteok"))


def test_search_follows_changes_upstream(run, server):
    assert sync(run, server).exit_code == 0
    assert ids(jobs_json(run, "--search", "pipelines")) == {f"{LEVER_KEY}:{LEVER[0]['id']}"}
    changed = [dict(p) for p in LEVER[1:]]
    changed[0]["text"] = "Quokka Wrangler"
    server.routes[LEVER_PATH] = (200, json.dumps(changed).encode(), {})
    assert sync(run, server).exit_code == 0
    assert jobs_json(run, "--search", "pipelines") == []  # removed upstream
    assert ids(jobs_json(run, "--search", "quokka")) == {f"{LEVER_KEY}:{changed[0]['id']}"}
    old_title = LEVER[1]["text"]
    assert jobs_json(run, "--source", LEVER_KEY, "--search", old_title) == []  # old title gone


def test_an_empty_board_removes_that_sources_listings(run, server, loaded):
    assert sync(run, server).exit_code == 0
    server.routes[LEVER_PATH] = (200, b"[]", {})
    result = sync(run, server)
    assert result.exit_code == 0, result.stderr
    assert jobs_json(run, "--source", LEVER_KEY) == []
    assert ids(jobs_json(run, "--limit", "0")) == set(loaded)


FAILURES = {
    "404": (None, "HTTP 404"),
    "500": (lambda s: (500, b"Internal Server Error", {"Content-Type": "text/plain"}), "HTTP 500"),
    "html": (
        lambda s: (200, b"<!doctype html><html><body>Jobs</body></html>", {"Content-Type": "text/html"}),
        "JSON",
    ),
    "wrong-shape": (lambda s: (200, b'{"postings": []}', {}), "list"),
    "broken-json": (lambda s: (200, b'[{"id": "x", "text": ', {}), "JSON"),
    "timeout": (lambda s: faultkit.stall(s, 10), "timed out"),
    "oversized": (lambda s: faultkit.declared_huge(s, 10), "larger than"),
    "oversized-streamed": (lambda s: faultkit.endless, "larger than"),
}  # fmt: skip


@pytest.mark.parametrize("failure", list(FAILURES))
def test_a_failed_sync_exits_1_and_changes_nothing(run, server, failure):
    assert run("jobs", "import", str(CSV_FILE)).exit_code == 0
    assert sync(run, server).exit_code == 0
    before = faultkit.dump(store_path())
    sources_before = ok_json(run("jobs", "sources", "--format", "json"))
    route, words = FAILURES[failure]
    if route is None:
        del server.routes[LEVER_PATH]
    else:
        server.routes[LEVER_PATH] = route(server)
    result = sync(run, server, extra=("--timeout", "1"))
    assert result.exit_code == 1
    assert LEVER_KEY in result.stderr and words in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert faultkit.dump(store_path()) == before
    assert ok_json(run("jobs", "sources", "--format", "json")) == sources_before


def test_a_failed_sync_as_json_keeps_stdout_json(run, server):
    del server.routes[LEVER_PATH]
    result = sync(run, server, extra=("--format", "json"))
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["synced"][0]["ok"] is False
    assert "HTTP 404" in result.stderr


def test_one_failing_source_does_not_stop_the_others(run, server):
    assert sync(run, server).exit_code == 0
    before = [x for x in faultkit.dump(store_path()) if LEVER_KEY in x]
    server.routes[LEVER_PATH] = (500, b"down", {"Content-Type": "text/plain"})
    result = sync(run, server, LEVER_KEY, "greenhouse:example-co")
    assert result.exit_code == 1
    assert LEVER_KEY in result.stderr
    board = json.loads((BOARDS / "greenhouse.json").read_text(encoding="utf-8"))
    expected = {f"greenhouse:example-co:{j['id']}" for j in board["jobs"]}
    assert ids(jobs_json(run, "--source", "greenhouse:example-co")) == expected
    assert [x for x in faultkit.dump(store_path()) if LEVER_KEY in x] == before


def test_sources_shows_counts_and_sync_times(run, server, loaded):
    start = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    assert sync(run, server).exit_code == 0
    listed = ok_json(run("jobs", "sources", "--format", "json"))["sources"]
    found = {s["source"]: s for s in listed}
    assert found["bundled"]["count"] == len(bundled())
    assert found[LEVER_KEY]["count"] == len(LEVER)
    assert found[CSV_SOURCE]["count"] == sum(
        1 for j in loaded.values() if j["source"] == CSV_SOURCE
    )
    synced = dt.datetime.fromisoformat(found[LEVER_KEY]["synced"])
    assert synced.tzinfo is not None and synced >= start - dt.timedelta(seconds=1)
    assert synced <= dt.datetime.now(dt.timezone.utc)
    table = run("jobs", "sources")
    assert table.exit_code == 0, table.stderr
    flat = re.sub(r"\s+", " ", table.stdout)
    assert LEVER_KEY in flat and CSV_SOURCE in flat
    assert f" {len(LEVER)} " in flat and synced.strftime("%Y-%m-%d") in flat


def test_synced_listings_rank_by_fit(run, server):
    assert sync(run, server).exit_code == 0
    found = jobs_json(run, "--source", LEVER_KEY, "--skills", "python, sql, spark, airflow, dbt")
    assert ids(found) == lever_ids()
    # The posting whose description names every one of these skills comes first.
    assert found[0]["title"] == "Senior Data Engineer"
    assert found[0]["fit"] is not None and found[0]["fit"] >= 50


# --------------------------------------------------------------------------- no network elsewhere


def test_no_command_but_sync_opens_a_connection(run, monkeypatch, tmp_path):
    attempts: list = []
    real_connect = socket.socket.connect

    def guarded_connect(self, address):
        attempts.append(address)
        host = address[0] if isinstance(address, tuple) else address
        if host != "127.0.0.1":
            raise OSError(f"test: no network ({address!r})")
        return real_connect(self, address)

    def guarded_getaddrinfo(host, *args, **kwargs):
        attempts.append(("getaddrinfo", host))
        raise OSError(f"test: no DNS ({host!r})")

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    monkeypatch.setattr(socket, "getaddrinfo", guarded_getaddrinfo)
    commands = [
        ["roles"],
        ["show", "data analyst"],
        ["compare"],
        ["gap", "--skills", "sql, python"],
        ["skills"],
        ["validate"],
        ["jobs", "import", str(CSV_FILE)],
        ["jobs", "import", str(JSON_FILE)],
        ["jobs"],
        ["jobs", "--remote", "--skills", "python", "--format", "json"],
        ["jobs", "--search", "spark", "--format", "csv"],
        ["jobs", "sources"],
        ["salary"],
        ["salary", "data analyst", "--state", "CA", "--format", "json"],
        ["jobs", "reset", "--yes"],
    ]
    for args in commands:
        result = run(*args)
        assert result.exit_code == 0, (args, result.stderr)
        assert attempts == [], f"careercli {' '.join(args)} tried the network: {attempts}"
    # The guard itself works: sync to a non-local address is stopped by it.
    result = run("jobs", "sync", "lever:example-co", "--base-url", "http://198.51.100.7:9")
    assert result.exit_code == 1
    assert attempts


# --------------------------------------------------------------------------- reset and damage


def _store_files() -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in store_path().parent.glob("jobs.db*")}


def test_reset_with_yes_moves_the_store_aside(run, loaded):
    before = _store_files()
    main = before["jobs.db"]
    result = run("jobs", "reset", "--yes")
    assert result.exit_code == 0, result.stderr
    assert not store_path().exists()
    backups = [p for p in store_path().parent.iterdir() if p.name.startswith("jobs.db.")]
    main_backup = [p for p in backups if p.suffix == ".bak"]
    assert len(main_backup) == 1
    assert main_backup[0].read_bytes() == main
    assert str(main_backup[0]) in re.sub(r"\s+", "", result.stdout) or main_backup[0].name in (
        result.stdout
    )
    # the moved file is still a working store with the imported listings
    con = sqlite3.connect(f"file:{main_backup[0]}?mode=ro", uri=True)
    try:
        (count,) = con.execute("SELECT count(*) FROM jobs").fetchone()
    finally:
        con.close()
    assert count == len(loaded) - len(bundled())
    assert ids(jobs_json(run, "--limit", "0")) == {b["id"] for b in bundled()}


def test_reset_asks_and_no_keeps_the_store(run, loaded):
    before = _store_files()
    result = run("jobs", "reset", input="n\n")
    assert _store_files() == before
    assert not [p for p in store_path().parent.iterdir() if p.suffix == ".bak"]
    assert "Traceback" not in result.stderr
    assert len(jobs_json(run, "--limit", "0")) == len(loaded)


def test_reset_asks_and_yes_moves_it(run, loaded):
    result = run("jobs", "reset", input="y\n")
    assert result.exit_code == 0, result.stderr
    assert not store_path().exists()
    assert [p for p in store_path().parent.iterdir() if p.suffix == ".bak"]


GARBAGE = bytes(range(256)) * 16 + b"this is not a SQLite database\n" * 10


@pytest.mark.parametrize(
    "args",
    [
        ["jobs"],
        ["jobs", "--format", "json"],
        ["jobs", "sources"],
        ["jobs", "import", str(JSON_FILE)],
        ["jobs", "sync", LEVER_KEY],
    ],
    ids=" ".join,
)
def test_a_damaged_store_names_the_file_and_the_way_out(run, server, args):
    store_path().parent.mkdir(parents=True, exist_ok=True)
    store_path().write_bytes(GARBAGE)
    if args[:2] == ["jobs", "sync"]:
        args = [*args, "--base-url", server.base]
    result = run(*args)
    assert result.exit_code == 1
    assert result.stdout == ""
    message = re.sub(r"\s+", " ", result.stderr)
    assert str(store_path()) in message
    assert "jobs reset" in message
    assert "Traceback" not in result.stderr
    assert store_path().read_bytes() == GARBAGE
    assert sorted(p.name for p in store_path().parent.iterdir()) == ["jobs.db"]


def test_reset_moves_a_damaged_store_aside_untouched(run):
    store_path().parent.mkdir(parents=True, exist_ok=True)
    store_path().write_bytes(GARBAGE)
    result = run("jobs", "reset", "--yes")
    assert result.exit_code == 0, result.stderr
    (backup,) = [p for p in store_path().parent.iterdir() if p.suffix == ".bak"]
    assert backup.read_bytes() == GARBAGE
    assert ids(jobs_json(run)) == {b["id"] for b in bundled()}
    assert run("jobs", "import", str(CSV_FILE)).exit_code == 0


def test_import_reports_bad_rows_on_stderr_with_file_and_line(run):
    result = run("jobs", "import", str(CSV_FILE))
    assert result.exit_code == 0, result.stderr
    lines = sorted(CSV_BAD_LINES.values())
    for line in lines:
        assert f"{CSV_FILE}:{line}:" in result.stderr
    flat = re.sub(r"\s+", " ", result.stdout)
    assert f"imported {len(CSV_EXPECT)} into" in flat
    assert f"skipped {len(CSV_BAD_LINES)}" in flat
    for line in CSV_WARNED_LINES.values():
        assert f"{CSV_FILE}:{line}: warning:" in result.stderr
    report = ok_json(run("jobs", "import", str(CSV_FILE), "--format", "json"))
    assert report["imported"] == len(CSV_EXPECT)
    assert [s["line"] for s in report["skipped"]] == lines
    assert report["records"] == report["imported"] + report["skipped_total"] + report["duplicates"]
    assert [w["line"] for w in report["warnings"]] == sorted(CSV_WARNED_LINES.values())


def test_import_of_a_missing_or_unknown_file(run, tmp_path):
    result = run("jobs", "import", str(tmp_path / "nope.csv"))
    assert result.exit_code == 1 and "nope.csv" in result.stderr
    other = tmp_path / "jobs.txt"
    other.write_text("hello", encoding="utf-8")
    result = run("jobs", "import", str(other))
    assert result.exit_code == 1 and "jobs.txt" in result.stderr
    assert not store_path().exists()


# --------------------------------------------------------------------------- level and background


def test_an_internship_is_flagged_and_ranked_last_for_someone_with_six_years(run):
    assert (
        run("profile", "set", "--skills", "java, python, sql, aws", "--years", "6").exit_code == 0
    )
    jobs = jobs_json(run, "--limit", "0")
    flags = {j["id"]: j["level_fit"] for j in jobs}
    interns = [j["id"] for j in jobs if j["type"] == "internship"]
    assert interns and all(flags[i] == "below your level" for i in interns)
    others = [j["id"] for j in jobs if j["type"] != "internship"]
    assert [j["id"] for j in jobs][: len(others)] == others  # interns last, whatever the fit
    # Without the profile's years, the order is by fit alone and nothing is flagged.
    plain = ok_json(
        run(
            "jobs",
            "--skills",
            "java, python, sql, aws",
            "--format",
            "json",
            "--limit",
            "0",
            env={"CAREERCLI_CONFIG_DIR": "/nonexistent-careercli"},
        )
    )
    assert all(j["level_fit"] is None for j in plain["jobs"])
    fits = [j["fit"] for j in plain["jobs"]]
    assert fits == sorted(fits, reverse=True)
    md = run("jobs", "--format", "markdown").stdout
    assert "| entry (below your level) |" in md and "come last" in " ".join(md.split())


def test_a_student_sees_internships_without_a_flag(run):
    assert run("profile", "set", "--skills", "python, sql", "--years", "0").exit_code == 0
    jobs = jobs_json(run, "--limit", "0")
    assert all(j["level_fit"] != "below your level" for j in jobs if j["type"] == "internship")


def test_bundled_rows_are_cached_and_a_damaged_cache_is_rebuilt(run, tmp_path):
    from careercli.catalog import load_catalog
    from careercli.jobs.store import _bundled_cache

    first = run("jobs", "--format", "json", "--limit", "0")
    assert first.exit_code == 0, first.stderr
    cached = _bundled_cache(load_catalog())
    assert cached.is_file()
    again = run("jobs", "--format", "json", "--limit", "0")
    assert again.stdout == first.stdout
    cached.write_bytes(b"\x00 not marshal")
    rebuilt = run("jobs", "--format", "json", "--limit", "0")
    assert rebuilt.exit_code == 0 and rebuilt.stdout == first.stdout
    assert cached.read_bytes() != b"\x00 not marshal"
