"""Faults of the job store, imports, syncs and job queries (issue 11, jobs side): for each, the
exit code, the message, and that nothing stored was lost or changed.

The store is compared as SQL text (every table, the FTS index included) before and after.
Tests that start a subprocess, mount a filesystem or run a server are marked slow.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from careercli.errors import CareerError
from careercli.jobs import http as jobs_http
from careercli.jobs.store import store_path
from clihelp import no_traceback, ok, ok_json, refused
from jobdata import CSV_FILE, JSON_FILE

# A whole matrix: in the full run, not in the quick loop (-m "not slow").
pytestmark = pytest.mark.slow

LEVER_KEY = "lever:example-co"
LEVER_PATH = "/v0/postings/example-co"
ROOT = Path(__file__).resolve().parent.parent


def dump() -> list[str]:
    con = sqlite3.connect(f"file:{store_path()}?mode=ro", uri=True)
    try:
        return list(con.iterdump())
    finally:
        con.close()


def rows_except(*prefixes: str) -> dict[str, list[tuple]]:
    """The rows of the store's tables, leaving out those of sources named by `prefixes`."""
    con = sqlite3.connect(f"file:{store_path()}?mode=ro", uri=True)
    try:
        out = {}
        for table in ("jobs", "sources", "origins"):
            out[table] = [
                tuple(r)
                for r in con.execute(f"SELECT * FROM {table} ORDER BY source, rowid")
                if not str(r[1 if table == "jobs" else 0]).startswith(prefixes or ("\0",))
            ]
        out["meta"] = con.execute("SELECT * FROM meta").fetchall()
        return out
    finally:
        con.close()


@pytest.fixture
def stored(run):
    """A store holding the CSV and JSON fixtures; returns its SQL text."""
    ok(run("jobs", "import", str(CSV_FILE)))
    ok(run("jobs", "import", str(JSON_FILE)))
    return dump()


def write_json(path: Path, doc) -> Path:
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


# --------------------------------------------------------------------------- reset vs writers


@pytest.fixture
def held_lock():
    """The store folder's lock, held as a running sync or import holds it."""
    store_path().parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(store_path().parent, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_SH)
    yield
    os.close(fd)


def test_reset_never_moves_the_store_from_under_a_running_sync(run, stored, held_lock):
    result = refused(run("jobs", "reset", "--yes", env={"CAREERCLI_BUSY_TIMEOUT": "0"}))
    assert "Waiting for a running `jobs sync` or `jobs import`" in result.stderr
    assert "in use by a running" in result.stderr and "nothing was moved" in result.stderr
    assert dump() == stored
    assert not [p for p in store_path().parent.iterdir() if p.suffix == ".bak"]


def test_reset_moves_the_store_once_no_writer_runs(run, stored):
    ok(run("jobs", "reset", "--yes", env={"CAREERCLI_BUSY_TIMEOUT": "0"}))
    assert not store_path().exists()


# --------------------------------------------------------------------------- read-only, full disk


def test_a_store_in_a_folder_that_cannot_be_written_is_read_immutable(run, stored, monkeypatch):
    folder = store_path().parent
    real_access = os.access

    def no_write(path, mode, *args, **kwargs):
        if Path(path) == folder and mode & os.W_OK:
            return False
        return real_access(path, mode, *args, **kwargs)

    monkeypatch.setattr(os, "access", no_write)
    before = sorted(p.name for p in folder.iterdir())
    found = ok_json(run("jobs", "--limit", "0", "--format", "json"))
    assert found["total"] == len(found["jobs"]) > 5
    assert sorted(p.name for p in folder.iterdir()) == before  # no -wal or -shm created
    assert dump() == stored


@pytest.mark.slow
def test_a_store_on_a_read_only_filesystem_is_still_read(run, stored, tmp_path):
    """A real read-only bind mount, in a private mount namespace (skipped where not allowed)."""
    if shutil.which("unshare") is None:
        pytest.skip("unshare is not available")
    folder = store_path().parent
    script = (
        f"mount --bind {folder} {folder} && mount -o remount,bind,ro {folder} && "
        f"{sys.executable} -m careercli jobs --limit 0 --format json"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.run(
        ["unshare", "-m", "sh", "-c", script], capture_output=True, text=True, env=env
    )
    if "mount" in proc.stderr and proc.returncode != 0 and "Traceback" not in proc.stderr:
        pytest.skip(f"cannot mount here: {proc.stderr.strip()[:200]}")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["total"] > 5
    assert dump() == stored


@pytest.fixture
def full_disk(monkeypatch):
    """Every store connection opened from now on cannot grow the file (SQLITE_FULL), as on a
    full disk."""
    real = sqlite3.connect

    def connect(database, *args, **kwargs):
        con = real(database, *args, **kwargs)
        if str(database) == str(store_path()):
            (pages,) = con.execute("PRAGMA page_count").fetchone()
            con.execute(f"PRAGMA max_page_count = {max(pages, 1)}")
        return con

    monkeypatch.setattr(sqlite3, "connect", connect)


def test_a_full_disk_during_import_says_so_and_changes_nothing(run, stored, tmp_path, full_disk):
    many = [
        {"id": f"n{i}", "title": f"Data Analyst {i}", "description": "SQL and Python. " * 40}
        for i in range(400)
    ]
    result = refused(run("jobs", "import", str(write_json(tmp_path / "many.json", many))))
    assert "is full" in result.stderr and "nothing was changed" in result.stderr
    assert "rollback" not in result.stderr.lower()
    assert dump() == stored


@pytest.mark.slow
def test_a_full_disk_during_sync_says_so_and_changes_nothing(run, server, stored, full_disk):
    many = [{"id": f"l{i}", "text": f"Engineer {i}", "descriptionPlain": "Go. " * 80}
            for i in range(400)]  # fmt: skip
    server.routes[LEVER_PATH] = (200, json.dumps(many).encode(), {})
    result = refused(run("jobs", "sync", LEVER_KEY, "--base-url", server.base))
    assert "is full" in result.stderr and "cannot rollback" not in result.stderr
    assert dump() == stored


# --------------------------------------------------------------------------- query bounds


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--search", " ".join(f"w{i}" for i in range(1000))], "at most 30"),
        (["--search", "x" * 20_000], "at most 10,000"),
        (["--location", "L" * 25_000], "at most 200"),
        (["--company", "%" * 25_000], "at most 200"),
    ],
    ids=["1000-words", "long-search", "long-location", "long-company"],
)
def test_very_long_queries_are_bounded_with_a_clear_error(run, stored, args, words):
    result = refused(run("jobs", *args))
    assert words in result.stderr
    assert "expression tree" not in result.stderr and "too complex" not in result.stderr
    assert dump() == stored


# --------------------------------------------------------------------------- surrogates, NaN, huge


def test_a_lone_surrogate_in_an_imported_json_is_kept_as_text(run, stored, tmp_path):
    before = rows_except()
    path = tmp_path / "surrogate.json"
    path.write_text('[{"id": "s1", "title": "Data \\ud800 Analyst", "company": "X\\udc80"}]')
    report = ok_json(run("jobs", "import", str(path), "--format", "json"))
    assert report["imported"] == 1
    (job,) = ok_json(run("jobs", "--source", "import:surrogate", "--format", "json"))["jobs"]
    assert job["title"] == "Data \ufffd Analyst" and job["company"] == "X\ufffd"
    assert rows_except("import:surrogate") == before


@pytest.mark.slow
def test_a_lone_surrogate_from_a_board_neither_crashes_nor_stops_later_sources(run, server):
    body = b'[{"id": "p1", "text": "Data \\udc00 Engineer", "descriptionPlain": "\\ud800 SQL"}]'
    server.routes[LEVER_PATH] = (200, body, {"Content-Type": "application/json"})
    result = ok(run("jobs", "sync", LEVER_KEY, "greenhouse:example-co", "--base-url", server.base))
    no_traceback(result)
    counts = {
        s["source"]: s["count"] for s in ok_json(run("jobs", "sources", "-f", "json"))["sources"]
    }
    assert counts[LEVER_KEY] == 1 and counts["greenhouse:example-co"] > 0


@pytest.mark.slow
@pytest.mark.parametrize(
    ("body", "words"),
    [
        (b'[{"id": "p1", "text": "Data Engineer", "createdAt": NaN}]', "NaN is not a JSON number"),
        (b'[{"id": ' + b"7" * 5000 + b', "text": "Data Engineer"}]', "more than 4,300 digits"),
    ],
    ids=["nan", "5000-digits"],
)
def test_nan_or_a_huge_number_from_a_board_is_a_clear_error(run, server, stored, body, words):
    before = rows_except()
    server.routes[LEVER_PATH] = (200, body, {"Content-Type": "application/json"})
    result = refused(
        run("jobs", "sync", LEVER_KEY, "greenhouse:example-co", "--base-url", server.base)
    )
    assert words in result.stderr
    assert "did not send JSON (got application/json)" not in result.stderr
    counts = {s["source"] for s in ok_json(run("jobs", "sources", "-f", "json"))["sources"]}
    assert "greenhouse:example-co" in counts and LEVER_KEY not in counts
    assert rows_except("greenhouse") == before


def test_timeout_nan_is_refused(run):
    result = run("jobs", "sync", LEVER_KEY, "--timeout", "nan")
    assert result.exit_code == 2
    assert "nan" in result.stderr.lower() and "Traceback" not in result.stderr
    assert not store_path().exists()


# --------------------------------------------------------------------------- what is imported


@pytest.mark.parametrize("kind", ["fifo", "folder", "stdin"])
def test_importing_a_fifo_a_folder_or_stdin_says_what_it_is(run, stored, tmp_path, kind):
    if kind == "fifo":
        path = tmp_path / "pipe.csv"
        os.mkfifo(path)
        words = "is a pipe"
    elif kind == "folder":
        path = tmp_path / "folder.csv"
        path.mkdir()
        words = "is a folder"
    else:
        path = Path("/dev/stdin")
        words = "not a regular file"
        if Path("/dev/stdin").resolve().is_file():
            pytest.skip("standard input is a regular file here")
    result = refused(run("jobs", "import", str(path)))
    assert words in result.stderr and "No such file" not in result.stderr
    assert dump() == stored


def test_deeply_nested_json_is_an_error_not_a_recursion_error(run, stored, tmp_path):
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    result = refused(run("jobs", "import", str(path)))
    assert "nested too deeply" in result.stderr and "RecursionError" not in result.stderr
    assert dump() == stored


def test_problem_lists_are_capped_with_a_count_of_the_rest(run, stored, tmp_path):
    before = rows_except()
    rows = ["id,site,job_url,title,company"]
    rows += [f"b{i},indeed,https://example.com/{i},,Acme" for i in range(3000)]
    rows += ["ok1,indeed,https://example.com/ok1,Data Analyst,Acme"]
    path = tmp_path / "many_bad.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = ok(run("jobs", "import", str(path)))
    assert "... and 2950 more skipped record(s)" in result.stderr
    report = ok_json(run("jobs", "import", str(path), "--format", "json"))
    assert (report["records"], report["imported"], report["skipped_total"]) == (3001, 1, 3000)
    assert len(report["skipped"]) == 1000
    after = rows_except()
    assert [r[1] for r in after["jobs"] if r not in before["jobs"]] == ["jobspy:indeed:ok1"]
    assert [r for r in before["jobs"] if r not in after["jobs"]] == []


def test_an_overlong_csv_record_is_skipped_and_the_rest_imported(run, tmp_path, monkeypatch):
    from careercli.jobs import files

    monkeypatch.setattr(files, "MAX_RECORD", 64 * 1024)
    monkeypatch.setattr(files, "CHUNK", 8 * 1024)
    header = "id,site,job_url,title,company,description"
    huge = '"h1","indeed","https://example.com/h1","Huge","Acme","' + "x" * 200_000 + '"'
    after = '"a1","indeed","https://example.com/a1","Data Analyst","Acme","SQL"'
    path = tmp_path / "long.csv"
    path.write_text(f"{header}\n{huge}\n{after}\n", encoding="utf-8")
    report = ok_json(run("jobs", "import", str(path), "--format", "json"))
    assert (report["records"], report["imported"], report["skipped_total"]) == (2, 1, 1)
    assert report["skipped"][0]["line"] == 2 and "longer than" in report["skipped"][0]["problem"]


def test_a_salary_out_of_range_is_mentioned_and_costs_only_the_salary(run, tmp_path):
    items = [{"id": "r1", "title": "Data Analyst", "salary": {"min": 1e12, "max": 2e12}}]
    result = ok(run("jobs", "import", str(write_json(tmp_path / "range.json", items))))
    assert "out of range" in result.stderr and ":1: warning:" in result.stderr
    (job,) = ok_json(run("jobs", "--source", "import:range", "--format", "json"))["jobs"]
    assert job["salary"] is None and job["title"] == "Data Analyst"


# --------------------------------------------------------------------------- sync deadline, URLs


@pytest.mark.slow
def test_the_sync_deadline_covers_parsing_and_storing(run, server, stored, monkeypatch):
    """A clock that moves a minute at every look: the fetch is done, then parsing and storing
    find the deadline passed, and the source is left as it was."""
    from careercli.jobs import sync as sync_module

    class Clock:
        now = 0.0

        @classmethod
        def monotonic(cls):
            cls.now += 60.0
            return cls.now

    monkeypatch.setattr(sync_module, "time", Clock)
    many = [{"id": f"l{i}", "text": f"Engineer {i}"} for i in range(2000)]
    server.routes[LEVER_PATH] = (200, json.dumps(many).encode(), {})
    result = refused(run("jobs", "sync", LEVER_KEY, "--base-url", server.base, "--timeout", "20"))
    assert "timed out after 20 s while reading and storing" in result.stderr
    assert "this source is unchanged" in result.stderr
    assert dump() == stored


def test_https_is_never_downgraded_to_http_on_a_redirect(monkeypatch):
    def answer(url, original, deadline, timeout, max_bytes):
        return 302, "Found", {"Location": "http://mirror.example/jobs"}, b""

    monkeypatch.setattr(jobs_http, "_request", answer)
    with pytest.raises(CareerError) as excinfo:
        jobs_http.fetch_json("https://boards.example/v0/postings/x", timeout=5)
    assert "from HTTPS to plain HTTP" in str(excinfo.value) and "refused" in str(excinfo.value)


@pytest.mark.slow
def test_credentials_in_the_base_url_are_sent_but_never_stored_or_printed(run, server):
    base = server.base.replace("http://", "http://ada:s3cret@")
    result = ok(run("jobs", "sync", LEVER_KEY, "--base-url", base, "--format", "json"))
    assert "s3cret" not in result.stdout + result.stderr
    sources = run("jobs", "sources", "--format", "json")
    assert "s3cret" not in sources.stdout and "ada" not in sources.stdout
    table = ok(run("jobs", "sources"))
    assert "s3cret" not in table.stdout
    assert not [line for line in dump() if "s3cret" in line]
    assert server.requests[-1]["headers"].get("Authorization", "").startswith("Basic ")


# --------------------------------------------------------------------------- validate and jobs agree


@pytest.mark.parametrize(
    ("salary", "words"),
    [
        ("{min: 100000000000, max: 200000000000, currency: USD}", "between"),
        ("{min: .nan, max: 100000, currency: USD}", "finite"),
        ("{min: 30, max: 30, currency: USD, period: year}", "read as hourly"),
        ("{min: 90000, max: 100000, currency: USD, period: hour}", "not plausible"),
    ],
    ids=["out-of-range", "nan", "hourly-as-yearly", "implausible"],
)
def test_a_jobs_overlay_that_validate_accepts_never_crashes_jobs(run, tmp_path, salary, words):
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "jobs.yaml").write_text(
        "jobs:\n"
        "  - {id: x1, title: Data Analyst, company: Acme, location: Remote, remote: true,\n"
        "     type: full-time, level: mid, posted: 2026-01-05, source: mine,\n"
        f"     salary: {salary}}}\n",
        encoding="utf-8",
    )
    check = run("validate", str(folder))
    assert check.exit_code == 1 and words in check.stdout + check.stderr
    for args in (["jobs"], ["salary", "data analyst"]):
        result = run("--data-dir", str(folder), *args)
        no_traceback(result)
        assert result.exit_code in (0, 1)
        if result.exit_code == 1:
            assert "jobs.yaml" in result.stderr
