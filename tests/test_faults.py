"""The fault suite: every fault and hostile input of issue 7, one test (or a few) per scenario.

Grouped by class: signals and locks, terminals, folders, hostile data files, hostile skills,
misbehaving job boards, security, and the failures hypothesis found in test_properties.py pinned
as plain tests. The first paragraph of each test's docstring says what it checks:
`scripts/fault_table.py` runs this file (and the tests ELSEWHERE names) and prints one table of
them.

Scenarios that other files already test are not repeated here; ELSEWHERE names those tests.

A test starts `python -m careercli` in a subprocess only where the process is what is tested:
signals, a real (pseudo-)terminal, bytes on the command line that are not UTF-8, peak memory, and
a store locked by another process. Those tests, and those that start the local job board, are
marked `slow`. Everything else runs the real Typer app in this process (CliRunner). Nothing here
asserts on elapsed time or sleeps: a wait ends on an event or a condition, bounded only by
faultkit.HANG_GUARD against a hang; 429 waits are recorded instead of slept; a deadline test
uses a real socket deadline of 0.3 s and checks the outcome and the message.
"""

from __future__ import annotations

import ast
import contextlib
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

import faultkit
from careercli.cli import app
from careercli.jobs import http
from careercli.jobs.store import store_path

# A whole matrix: in the full run, not in the quick loop (-m "not slow").
pytestmark = pytest.mark.slow

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
SRC = ROOT / "src" / "careercli"
DATA = ROOT / "data"
HANG_GUARD = faultkit.HANG_GUARD
MEMORY_MB = 200  # peak memory of one run on a hostile data file
SHORT_DEADLINE = 0.3  # seconds: the real socket deadline of requests that are meant to time out

# Robustness scenarios that other test files check; fault_table.py runs these tests too, so its
# table has every scenario. test_the_tests_named_in_elsewhere_exist keeps the names honest.
ELSEWHERE: dict[str, list[str]] = {
    "a closed pipe: careercli jobs | head -1, | true": [
        "test_cli_jobs.py::test_a_closed_pipe_is_not_an_error",
    ],
    "declining `jobs reset` keeps the store (exit 1 on stderr: here)": [
        "test_cli_jobs.py::test_reset_asks_and_no_keeps_the_store",
    ],
    "random arguments to every command: exit 0/1/2, a message, no traceback": [
        "test_properties.py::test_every_command_exits_0_1_or_2_with_a_message_and_no_traceback",
    ],
    "an unwritable config folder: saving refused with a hint, reading works": [
        "test_profile.py::test_config_dir_that_cannot_be_created",
    ],
    "--data-dir that does not exist: exit 1 naming it": [
        "test_overlay.py::test_missing_data_folder_is_named",
        "test_catalog.py::test_validate_missing_folder_exits_1",
    ],
    "a corrupt catalog cache is rebuilt, same answer": [
        "test_catalog.py::test_cache_rebuilt_when_corrupt",
        "test_catalog.py::test_corrupt_cache_under_the_cli",
    ],
    "a corrupt job store: exit 1 naming it and `jobs reset`, file untouched": [
        "test_cli_jobs.py::test_a_damaged_store_names_the_file_and_the_way_out",
    ],
    "`jobs reset --yes` moves a corrupt store aside, never deletes it": [
        "test_cli_jobs.py::test_reset_moves_a_damaged_store_aside_untouched",
    ],
    "data files: non-UTF-8 bytes, duplicate keys, a list instead of a mapping": [
        "test_catalog.py::test_non_utf8_bytes",
        "test_catalog.py::test_duplicate_mapping_key",
        "test_catalog.py::test_file_is_a_list_not_a_mapping",
    ],
    "thousands of messy entries in --skills-file and in one --skills": [
        "test_cli_gap.py::test_very_long_messy_input_answers",
    ],
    "binary and non-UTF-8 --skills-file, binary stdin (oversized: here)": [
        "test_cli_gap.py::test_binary_skills_file_is_refused",
        "test_cli_gap.py::test_binary_stdin_is_refused",
        "test_cli_gap.py::test_non_utf8_skills_file_is_refused",
    ],
    "a board that stalls, sends an endless or a 1 TB body, 500, HTML, the wrong or broken JSON": [
        "test_cli_jobs.py::test_a_failed_sync_exits_1_and_changes_nothing",
        "test_boards.py::test_a_server_that_stalls_times_out",
    ],
    "<script> in a role, skill or listing: escaped in HTML and SVG reports": [
        "test_export.py::test_script_tags_in_data_are_escaped_in_reports",
    ],
    "escape codes in data files never reach the terminal": [
        "test_export.py::test_escape_sequences_in_data_never_reach_the_terminal",
        "test_export.py::test_escape_sequences_in_data_never_reach_the_terminal_with_colour",
    ],
}


# --------------------------------------------------------------------------- helpers


def child_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """This process's environment (with the test's folders from conftest.py) plus `extra`, and
    this source tree first on PYTHONPATH, so that a child imports the careercli under test."""
    env = {**os.environ, **(extra or {})}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC.parent), env.get("PYTHONPATH")]))
    return env


def cli(*args: str | bytes, env: dict | None = None, input: bytes | None = None):
    """The real command in a subprocess. The timeout only guards against a hang."""
    return subprocess.run(
        [sys.executable, "-m", "careercli", *args],
        input=input,
        capture_output=True,
        env=child_env(env),
        timeout=HANG_GUARD,
    )


def in_process(*args: str, env: dict | None = None):
    """The app in this process, as the `run` fixture (for helpers outside a test)."""
    return CliRunner().invoke(app, list(args), env=env, catch_exceptions=False)


def run_catching(*args: str):
    """The app in-process, turning any exception into the result (as a user would see it)."""
    return CliRunner().invoke(app, list(args), catch_exceptions=True)


# Ctrl-C must reach careercli even when pytest itself runs with SIGINT ignored (as background
# jobs of a non-interactive shell do, and children inherit): reset it, then exec careercli.
DEFAULT_SIGINT = (
    "import os, signal, sys\n"
    "signal.signal(signal.SIGINT, signal.SIG_DFL)\n"
    "os.execv(sys.executable, [sys.executable, '-m', 'careercli', *sys.argv[1:]])\n"
)


@pytest.fixture
def start() -> Iterator:
    """start(*args): careercli running in the background, Ctrl-C (SIGINT) at its default.
    Whatever a failed test left running is killed at the end."""
    procs: list[subprocess.Popen] = []

    def launch(*args: str, env: dict | None = None) -> subprocess.Popen:
        proc = subprocess.Popen(
            [sys.executable, "-c", DEFAULT_SIGINT, *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=child_env(env),
        )
        procs.append(proc)
        return proc

    yield launch
    for proc in procs:
        if proc.poll() is None:
            proc.kill()
        proc.communicate()


def measured(*args: str) -> tuple[int, str, str, float]:
    """(exit code, stdout, stderr, peak memory in MB) of one run."""
    result = subprocess.run(
        [sys.executable, "-c", faultkit.LAUNCHER, sys.executable, "-m", "careercli", *args],
        capture_output=True,
        env=child_env(),
        timeout=HANG_GUARD,
    )
    err, _, peak = result.stderr.decode("utf-8", "replace").rpartition("\n@peak-kb ")
    return result.returncode, result.stdout.decode("utf-8", "replace"), err, int(peak) / 1024


def no_traceback(*streams: str | bytes) -> None:
    for s in streams:
        text = s.decode("utf-8", "replace") if isinstance(s, bytes) else s
        assert "Traceback" not in text, text[-2000:]


def stored_ids(path: Path) -> set[str]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {r[0] for r in con.execute("SELECT id FROM jobs")}
    finally:
        con.close()


def sources() -> dict[str, int]:
    """Each source's listing count, as `careercli jobs sources --format json` reports it."""
    result = in_process("jobs", "sources", "--format", "json")
    assert result.exit_code == 0, result.stderr
    return {s["source"]: s["count"] for s in json.loads(result.stdout)["sources"]}


@pytest.fixture(scope="module")
def import_csv(tmp_path_factory) -> Path:
    """A JobSpy CSV of faultkit.IMPORT_ROWS listings, for the imports that get interrupted."""
    folder = tmp_path_factory.mktemp("import")
    return faultkit.write_jobspy(folder / "big.csv", faultkit.IMPORT_ROWS, "big")


@pytest.fixture(scope="module")
def store_template(tmp_path_factory) -> tuple[Path, set[str]]:
    """A job store holding 50 listings, imported once by `careercli jobs import`."""
    root = tmp_path_factory.mktemp("template")
    path = faultkit.write_jobspy(root / "small.csv", 50, "small")
    env = child_env({f"CAREERCLI_{n.upper()}_DIR": str(root / n) for n in ("config", "cache")})
    env["CAREERCLI_STORE_DIR"] = str(root / "store")
    env.pop("CAREERCLI_DATA_DIR", None)
    result = subprocess.run(
        [sys.executable, "-m", "careercli", "jobs", "import", str(path)],
        capture_output=True,
        env=env,
        timeout=HANG_GUARD,
    )
    assert result.returncode == 0, result.stderr
    db = root / "store" / "jobs.db"
    assert not db.with_name("jobs.db-wal").exists(), "the store is more than its one file"
    return db, stored_ids(db)


@pytest.fixture
def small_store(store_template) -> set[str]:
    """This test's store: a copy of the 50-listing template; returns their ids."""
    db, ids = store_template
    store_path().parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(db, store_path())
    assert stored_ids(store_path()) == ids
    return ids


@pytest.mark.slow
def test_the_children_run_this_source_tree():
    """Subprocesses import the careercli under test, not another installed copy."""
    result = subprocess.run(
        [sys.executable, "-c", "import careercli; print(careercli.__file__)"],
        capture_output=True,
        text=True,
        env=child_env(),
        cwd=ROOT.parent,  # not the checkout: a relative PYTHONPATH would not find src/ there
        timeout=HANG_GUARD,
    )
    assert result.returncode == 0, result.stderr
    assert Path(result.stdout.strip()).resolve() == (SRC / "__init__.py").resolve()


def test_the_tests_named_in_elsewhere_exist():
    """Every test ELSEWHERE names (for the scenarios other files check) is defined there."""
    defined: dict[str, set[str]] = {}
    for names in ELSEWHERE.values():
        for name in names:
            filename, _, function = name.partition("::")
            if filename not in defined:
                tree = ast.parse((TESTS / filename).read_text(encoding="utf-8"))
                defined[filename] = {
                    n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)
                }
            assert function in defined[filename], name


# --------------------------------------------------------------------------- signals and locks


@pytest.mark.slow
class TestSignalsAndLocks:
    """Ctrl-C and SIGKILL midway through `jobs import` and `jobs sync`, syncs at once, a store
    locked by another process."""

    def test_ctrl_c_during_an_import(self, start, import_csv, small_store):
        """Ctrl-C midway through an import: exit 130, 'Interrupted', the store as it was."""
        proc = start("jobs", "import", str(import_csv))
        assert faultkit.wait_for_write(store_path(), proc), (
            "the import ended before it could be interrupted"
        )
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=HANG_GUARD)
        assert proc.returncode == 130, err.decode()
        assert b"Interrupted" in err
        no_traceback(out, err)
        assert faultkit.integrity_ok(store_path())
        assert stored_ids(store_path()) == small_store
        assert sources()["jobspy:indeed"] == len(small_store)

    def test_sigkill_midway_through_an_import(self, start, run, import_csv, small_store):
        """SIGKILL midway through an import: the next run sees the old store; importing again
        works."""
        proc = start("jobs", "import", str(import_csv))
        assert faultkit.wait_for_write(store_path(), proc), (
            "the import ended before it could be killed"
        )
        proc.kill()
        proc.communicate(timeout=HANG_GUARD)
        assert proc.returncode == -signal.SIGKILL
        # the next run reads the store as it was, before anything repairs it
        assert sources()["jobspy:indeed"] == len(small_store)
        assert faultkit.integrity_ok(store_path())
        assert stored_ids(store_path()) == small_store
        again = run("jobs", "import", str(import_csv))
        assert again.exit_code == 0, again.stderr
        assert sources()["jobspy:indeed"] == len(small_store) + faultkit.IMPORT_ROWS

    def test_ctrl_c_during_a_sync_to_a_stalled_server(self, start, server, small_store):
        """Ctrl-C while a sync waits for a board that never answers: exit 130, store unchanged."""
        arrived = threading.Event()

        def stalled(handler):
            arrived.set()
            server.release.wait(HANG_GUARD)  # released when the server stops

        server.routes["/v0/postings/slow"] = stalled
        before, counts = faultkit.dump(store_path()), sources()
        proc = start("jobs", "sync", "lever:slow", "--base-url", server.base, "--timeout", "60")
        assert arrived.wait(HANG_GUARD), "the sync never reached the server"
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=HANG_GUARD)
        assert proc.returncode == 130, err.decode()
        assert b"Interrupted" in err
        no_traceback(out, err)
        assert faultkit.integrity_ok(store_path())
        assert faultkit.dump(store_path()) == before
        assert stored_ids(store_path()) == small_store
        assert sources() == counts

    def test_sigkill_midway_through_a_sync(self, start, run, server, small_store):
        """SIGKILL midway through a sync's write: no half sync is visible; syncing again works."""
        rows = faultkit.IMPORT_ROWS
        server.routes["/v0/postings/big"] = (200, faultkit.lever_postings(rows, "big"), {})
        proc = start("jobs", "sync", "lever:big", "--base-url", server.base)
        assert faultkit.wait_for_write(store_path(), proc), (
            "the sync ended before it could be killed"
        )
        proc.kill()
        proc.communicate(timeout=HANG_GUARD)
        assert proc.returncode == -signal.SIGKILL
        assert "lever:big" not in sources()
        assert faultkit.integrity_ok(store_path())
        assert stored_ids(store_path()) == small_store
        again = run("jobs", "sync", "lever:big", "--base-url", server.base)
        assert again.exit_code == 0, again.stderr
        assert sources()["lever:big"] == rows

    def test_two_syncs_at_once_neither_corrupts_the_store(self, start, server, small_store):
        """Three syncs at once (two of one board): each waits or says 'busy'; no corruption."""
        postings = 2_000
        body = faultkit.lever_postings(postings, "big")
        together = threading.Barrier(3)

        def answer_together(handler):
            # Every request is in before any is answered, so the three writes overlap. The
            # timeout only guards against a child that never asks.
            with contextlib.suppress(threading.BrokenBarrierError):
                together.wait(HANG_GUARD)
            handler.reply(200, body)

        server.routes["/v0/postings/big"] = answer_together
        server.routes["/v0/postings/other"] = answer_together
        procs = [
            start("jobs", "sync", "lever:big", "--base-url", server.base),
            start("jobs", "sync", "lever:big", "--base-url", server.base),
            start("jobs", "sync", "lever:other", "--base-url", server.base),
        ]
        results = [(p, *p.communicate(timeout=HANG_GUARD)) for p in procs]
        assert not together.broken, "the three syncs did not all reach the board"
        for proc, out, err in results:
            no_traceback(out, err)
            # the second writer waits for the first; if it cannot, it says so and changes nothing
            assert proc.returncode == 0 or (proc.returncode == 1 and b"busy" in err), err.decode()
        assert any(p.returncode == 0 for p, _, _ in results[:2])
        assert faultkit.integrity_ok(store_path())
        found = sources()
        assert found["lever:big"] == postings
        if results[2][0].returncode == 0:
            assert found["lever:other"] == postings
        ids = stored_ids(store_path())
        assert len(ids) == len(small_store) + sum(
            found.get(k, 0) for k in ("lever:big", "lever:other")
        )

    def test_a_locked_store_is_a_clear_error_and_reads_still_work(
        self, run, small_store, tmp_path, monkeypatch
    ):
        """A store another process holds locked: a write says 'busy' naming it; reads answer."""
        # waits 0.2 s for the lock instead of the default 10 s (children inherit it)
        monkeypatch.setenv("CAREERCLI_BUSY_TIMEOUT", "0.2")
        path = faultkit.write_jobspy(tmp_path / "more.csv", 5, "more")
        before = faultkit.dump(store_path())
        holder = sqlite3.connect(store_path(), isolation_level=None)
        try:
            holder.execute("BEGIN EXCLUSIVE")
            result = cli("jobs", "import", str(path))
            assert result.returncode == 1
            message = result.stderr.decode()
            assert str(store_path()) in message and "busy" in message, message
            no_traceback(result.stdout, result.stderr)
            for args in (["jobs", "--format", "json"], ["jobs", "sources"]):
                read = cli(*args)
                no_traceback(read.stdout, read.stderr)
                assert read.returncode == 0 or b"busy" in read.stderr, read.stderr
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        assert faultkit.dump(store_path()) == before
        assert stored_ids(store_path()) == small_store
        assert run("jobs", "import", str(path)).exit_code == 0
        assert len(stored_ids(store_path())) == len(small_store) + 5


# --------------------------------------------------------------------------- terminals


def run_in_terminal(args: list[str], env: dict[str, str], columns: int = 80) -> tuple[int, str]:
    """Run the command with a pseudo-terminal as stdin/stdout (stderr joined to it)."""
    base = {k: v for k, v in child_env().items() if k not in ("NO_COLOR", "TERM", "COLUMNS")}
    command = [sys.executable, "-m", "careercli", *args]
    return faultkit.terminal(command, {**base, **env}, columns)


TERMINAL_COMMANDS = [
    ["roles"],
    ["show", "mle"],
    ["compare"],
    ["gap", "--skills", "sql, python, pyhton, cooking", "--top", "3"],
    ["skills", "ＳＱＬ, k8s"],
    ["jobs"],
    ["salary", "data analyst"],
    ["plan", "data analyst", "--skills", "sql"],
    ["validate"],
]


class TestTerminals:
    """NO_COLOR, TERM=dumb and 10 columns, in a real (pseudo-)terminal and piped."""

    @pytest.mark.slow
    def test_a_terminal_gets_colour_unless_asked_not_to(self):
        """The control for the tests below: in a real terminal there are escape codes."""
        code, out = run_in_terminal(["roles"], {"TERM": "xterm-256color"})
        assert code == 0, out
        assert faultkit.ANSI.search(out)

    @pytest.mark.slow
    @pytest.mark.parametrize(
        "env", [{"NO_COLOR": "1", "TERM": "xterm-256color"}, {"TERM": "dumb"}], ids=str
    )
    @pytest.mark.parametrize("args", TERMINAL_COMMANDS, ids=lambda a: a[0])
    def test_no_color_and_dumb_terminals_get_no_escape_codes(self, args, env):
        """NO_COLOR=1 or TERM=dumb in a real terminal: exit 0, no escape codes."""
        code, out = run_in_terminal(args, env)
        assert code == 0, out
        no_traceback(out)
        assert not faultkit.ANSI.search(out), out[:500]

    @pytest.mark.slow
    @pytest.mark.parametrize(
        ("args", "env", "paged"),
        [
            (["roles"], {"TERM": "xterm-256color"}, True),  # longer than the 24-row screen
            (["--no-pager", "roles"], {"TERM": "xterm-256color"}, False),
            (["roles"], {"TERM": "dumb"}, False),
            (["skills", "sql"], {"TERM": "xterm-256color"}, False),  # fits the screen
        ],
        ids=str,
    )
    def test_long_output_in_a_terminal_is_paged(self, args, env, paged):
        """Output longer than the screen goes through $PAGER, unless --no-pager, a dumb
        terminal or output that fits."""
        pager = {"PAGER": "sed 's/^/paged> /'"}
        code, out = run_in_terminal(args, {**env, **pager})
        assert code == 0, out
        no_traceback(out)
        assert ("paged> " in out) == paged, out[:300]

    @pytest.mark.slow
    @pytest.mark.parametrize("args", TERMINAL_COMMANDS, ids=lambda a: a[0])
    def test_a_10_column_terminal(self, args):
        """A real terminal 10 columns wide: exit 0, no line wider than 10."""
        code, out = run_in_terminal(args, {"TERM": "xterm-256color", "COLUMNS": "10"}, columns=10)
        assert code == 0, out
        no_traceback(out)
        visible = re.sub(r"\x1b\[[0-9;]*m", "", out)
        wide = [line for line in visible.splitlines() if len(line.rstrip()) > 10]
        assert not wide, wide[:3]

    @pytest.mark.parametrize("args", TERMINAL_COMMANDS, ids=lambda a: a[0])
    def test_10_columns_when_piped(self, run, args):
        """COLUMNS=10 with the output piped: exit 0, no escape codes."""
        result = run(*args, env={"COLUMNS": "10"})
        assert result.exit_code == 0, result.stderr
        no_traceback(result.stdout, result.stderr)
        assert not faultkit.ANSI.search(result.stdout)


# --------------------------------------------------------------------------- folders


READS = [
    ["roles"],
    ["show", "data-analyst"],
    ["gap", "--skills", "sql, python"],
    ["skills", "sql"],
    ["jobs"],
    ["jobs", "sources"],
    ["salary", "data analyst"],
    ["plan", "data analyst", "--skills", "sql"],
    ["profile", "show"],
    ["validate"],
]


class TestFolders:
    """Unwritable and missing config, cache and store folders."""

    def test_an_unwritable_cache_folder_only_costs_speed(self, run, tmp_path):
        """A cache folder that cannot be created: every command works, with the same output."""
        expected = run("roles", "--format", "json")
        assert expected.exit_code == 0
        env = {"CAREERCLI_CACHE_DIR": str(faultkit.blocked(tmp_path))}
        for args in READS:
            result = run(*args, env=env)
            assert result.exit_code == 0, (args, result.stderr)
            no_traceback(result.stdout, result.stderr)
        assert run("roles", "--format", "json", env=env).stdout == expected.stdout
        assert (tmp_path / "a-file").read_text(encoding="utf-8") == "not a folder\n"

    @pytest.mark.slow
    def test_an_unwritable_store_folder(self, run, tmp_path, server):
        """A store folder that cannot be created: import and sync refused with a hint; reads
        work."""
        env = {"CAREERCLI_STORE_DIR": str(faultkit.blocked(tmp_path))}
        for args in READS:
            result = run(*args, env=env)
            assert result.exit_code == 0, (args, result.stderr)
        path = faultkit.write_jobspy(tmp_path / "few.csv", 3, "few")
        # In a subprocess: a refused import leaves its file open until exit (a ResourceWarning
        # that would fail whichever test of this process collects it).
        for args in (
            ["jobs", "import", str(path)],
            ["jobs", "sync", "lever:example-co", "--base-url", server.base],
        ):
            result = cli(*args, env=env)
            assert result.returncode == 1, (args, result.stderr)
            message = result.stderr.decode()
            assert "CAREERCLI_STORE_DIR" in message, message
            no_traceback(result.stdout, result.stderr)

    def test_missing_folders_are_made_by_writes_only(self, run, tmp_path):
        """Config, cache and store folders that do not exist yet: reads work and create no
        store; saving a profile and importing create their folders."""
        deep = tmp_path / "not" / "yet"
        env = {f"CAREERCLI_{n.upper()}_DIR": str(deep / n) for n in ("config", "cache", "store")}
        for args in READS:
            result = run(*args, env=env)
            assert result.exit_code == 0, (args, result.stderr)
        assert not (deep / "store").exists()
        assert not (deep / "config").exists()
        assert run("profile", "set", "--skills", "sql", env=env).exit_code == 0
        path = faultkit.write_jobspy(tmp_path / "a.csv", 3, "a")
        imported = run("jobs", "import", str(path), env=env)
        assert imported.exit_code == 0, imported.stderr
        assert (deep / "config" / "profile.yaml").is_file()
        assert (deep / "store" / "jobs.db").is_file()


# --------------------------------------------------------------------------- hostile data files

ROLE_FILE = (DATA / "roles" / "data-analyst.yaml").read_text(encoding="utf-8")


def _role(role_id: str) -> str:
    """The bundled Data Analyst file as a new role with its own id, name and no aliases."""
    lines = ROLE_FILE.splitlines()
    assert lines[0].startswith("id: ") and lines[1].startswith("name: ")
    assert lines[2].startswith("aliases: ") and lines[3].startswith("track: ")
    return faultkit.retitle(ROLE_FILE, role_id)


def _deep_block(folder: Path, depth: int) -> Path:
    """Indented block mappings, `depth` levels."""
    path = folder / "roles" / f"deep-{depth}.yaml"
    text = "".join(" " * i + "a:\n" for i in range(depth)) + " " * depth + "b: 1\n"
    path.write_text(text, encoding="utf-8")
    return path


HOSTILE_FILES = {
    "alias-bomb": (faultkit.bomb, "alias"),
    "100k-deep-list": (faultkit.deep_list, "nesting"),
    "100k-deep-mapping": (faultkit.deep_mapping, "nesting"),
    "990-deep-block": (lambda f, role: _deep_block(f, 990), "nesting"),
    "1500-deep-block": (
        lambda f, role: _deep_block(f, 1500),
        "limit",
    ),  # over 512 KiB of indentation
    "100-MB": (faultkit.huge, "limit"),
    "just-under-the-limit": (faultkit.near_limit, "mapping"),
    "python-tag": (faultkit.python_tag, ""),
    "role-symlink-outside": (faultkit.role_symlink, "symlink"),
    "roles-folder-symlink-outside": (faultkit.roles_folder_symlink, "symlink"),
    "skills-symlink-outside": (faultkit.skills_symlink, "symlink"),
}


class TestDataFiles:
    """Hostile files in a data folder: alias bombs, deep nesting, huge files, python tags,
    symlinks."""

    @pytest.mark.slow
    @pytest.mark.parametrize("command", ["roles", "validate"])
    @pytest.mark.parametrize("kind", list(HOSTILE_FILES))
    def test_hostile_data_file_is_refused_naming_the_file(self, tmp_path, kind, command):
        """A hostile data file: exit 1 naming it and the problem, within 200 MB, no hang."""
        folder = tmp_path / "data"
        (folder / "roles").mkdir(parents=True)
        make, word = HOSTILE_FILES[kind]
        path = make(folder, _role)
        if command == "roles":
            args = ["--data-dir", str(folder), "roles"]
        else:
            args = ["validate", str(folder), "--format", "json"]
        code, out, err, megabytes = measured(*args)
        assert code == 1, (code, out[-500:], err[-1000:])
        no_traceback(out, err)
        if command == "roles":
            assert str(path) in err, err[-1000:]
            assert word in err.lower(), err[-1000:]
        else:
            problems = json.loads(out)["problems"]
            mine = [p for p in problems if p["file"] == str(path)]
            assert mine, problems
            assert word in mine[0]["message"].lower(), mine
        assert megabytes <= MEMORY_MB, f"{megabytes:.0f} MB"
        assert not (tmp_path / "pwned").exists()

    def test_a_symlink_inside_the_data_folder_is_fine(self, run, tmp_path):
        """A role file symlinked from inside the data folder loads."""
        folder = tmp_path / "data"
        (folder / "roles").mkdir(parents=True)
        (folder / "stash").mkdir()
        (folder / "stash" / "insider.yaml").write_text(_role("insider"), encoding="utf-8")
        (folder / "roles" / "insider.yaml").symlink_to(folder / "stash" / "insider.yaml")
        result = run("--data-dir", str(folder), "show", "insider", "--format", "json")
        assert result.exit_code == 0, result.stderr
        assert json.loads(result.stdout)["role"]["id"] == "insider"

    @pytest.mark.parametrize("form", ["sequence", "scalar"])
    @pytest.mark.parametrize("where", ["data folder", "profile", "progress", "jobs import"])
    def test_python_tags_are_never_constructed(self, run, tmp_path, where, form):
        """A python/* YAML tag anywhere careercli reads YAML: an error or plain data, never run."""
        marker = tmp_path / "pwned"
        payload = {
            "sequence": f'!!python/object/apply:os.system ["touch {marker}"]',
            "scalar": "!!python/name:os.system ''",
        }[form]
        config = Path(os.environ["CAREERCLI_CONFIG_DIR"])
        config.mkdir(parents=True, exist_ok=True)
        if where == "data folder":
            folder = tmp_path / "data"
            (folder / "roles").mkdir(parents=True)
            text = _role("tagged").replace("summary:", f"summary: {payload}\nx-summary:", 1)
            (folder / "roles" / "tagged.yaml").write_text(text, encoding="utf-8")
            result = run("validate", str(folder))
        elif where == "jobs import":
            path = tmp_path / "jobs.yaml"
            path.write_text(f"jobs:\n  - title: {payload}\n", encoding="utf-8")
            result = run("jobs", "import", str(path))
        else:
            path = config / f"{where}.yaml"
            path.write_text(f"skills: {payload}\n", encoding="utf-8")
            result = run("profile", "show")
        no_traceback(result.stdout, result.stderr)
        assert result.exit_code in (0, 1)
        assert not marker.exists()


# --------------------------------------------------------------------------- hostile skills


class TestSkills:
    """Hostile skills input: invisible, control, bidi and fullwidth characters, huge lists and
    files, bytes that are not UTF-8."""

    def test_invisible_control_bidi_and_fullwidth_skills(self, run, tmp_path):
        """Control, bidi, zero-width and fullwidth characters resolve to the skill, and none
        reaches the table."""
        typed = {
            "Py\u200bthon": "Python",  # zero-width space
            "\u202eSQL\u202c": "SQL",  # right-to-left override
            "\u200fTableau\u200e": "Tableau",  # right-to-left and left-to-right marks
            "Ex\u200dcel": "Excel",  # zero-width joiner
            "\x07dbt\x08": "dbt",  # bell and backspace
            "sql\x1b": "SQL",  # escape
            "\x7fPython": "Python",  # delete
            "Ｐｏｗｅｒ\u3000ＢＩ": "Power BI",  # fullwidth, ideographic space
            "ＳＱＬ": "SQL",  # fullwidth
            "Ｐｙｔｈｏｎ": "Python",
            "Ｃ＃": "C#",
            "\ufeffDocker": "Docker",  # byte order mark
        }
        path = tmp_path / "skills.txt"
        path.write_text("\n".join(typed), encoding="utf-8")
        for result in (
            run("skills", ", ".join(typed), "--format", "json"),
            run("gap", "--skills", ", ".join(typed), "--format", "json"),
            run("gap", "--skills-file", str(path), "--format", "json"),
        ):
            assert result.exit_code == 0, result.stderr
            resolved = json.loads(result.stdout)["resolved"]
            assert [r["skill"] for r in resolved] == list(typed.values())
        table = run("gap", "--skills", ", ".join(typed), "--top", "3")
        assert table.exit_code == 0, table.stderr
        assert not faultkit.CONTROL.search(table.stdout)

    def test_an_oversized_skills_file_is_refused(self, run, tmp_path):
        """A 3 MB --skills-file: exit 1, 'larger than' and the file named."""
        path = tmp_path / "huge.txt"
        path.write_bytes(b"sql, python\n" * 250_000)  # 3 MB of text
        result = run("gap", "--skills-file", str(path))
        assert result.exit_code == 1
        assert "larger than" in result.stderr and str(path) in result.stderr
        no_traceback(result.stdout, result.stderr)

    def test_ten_thousand_distinct_unknown_skills_answer(self, run, tmp_path):
        """10,000 distinct unknown skills: an answer that lists each one as unrecognised."""
        words = [f"zq{i}x{i * 7919 % 10007}" for i in range(10_000)]
        path = tmp_path / "many.txt"
        path.write_text("\n".join(["sql", *words, "python"]), encoding="utf-8")
        result = run("gap", "--skills-file", str(path), "--format", "json", "--top", "1")
        assert result.exit_code == 0, result.stderr
        data = json.loads(result.stdout)
        assert len(data["unrecognized"]) == 10_000
        assert {m["skill"] for m in data["roles"][0]["matched"]} >= {"SQL", "Python"}

    @pytest.mark.slow
    @pytest.mark.parametrize(
        "args", faultkit.NOT_UTF8_ARGS, ids=lambda a: " ".join(map(str, a[:2]))
    )
    def test_bytes_that_are_not_utf8_in_the_command_line(self, args):
        """Latin-1 bytes on the command line: exit 0, or 1 with a message; no traceback."""
        # A Latin-1 terminal sends é as one byte; Python hands it over as a lone surrogate.
        result = cli(*args)
        no_traceback(result.stdout, result.stderr)
        assert result.returncode in (0, 1), result.stderr
        if result.returncode:
            assert result.stderr.strip()

    @pytest.mark.slow
    def test_a_profile_set_with_non_utf8_bytes_stays_readable(self):
        """`profile set` given bytes that are not UTF-8: the profile stays readable."""
        result = cli("profile", "set", "--skills", b"caf\xe9, sql")
        no_traceback(result.stdout, result.stderr)
        show = cli("profile", "show", "--format", "json")
        assert show.returncode == 0, show.stderr.decode()
        if result.returncode == 0:
            assert "sql" in json.loads(show.stdout)["profile"]["skills"]


# --------------------------------------------------------------------------- hostile job boards


class FetchSeam:
    """What `jobs sync` in this process does differently under the fetch_seam fixture."""

    def __init__(self) -> None:
        self.waits: list[float] = []  # the 429 waits asked for, recorded instead of slept
        self.deadline: float | None = None  # a shorter real socket deadline, when set


@pytest.fixture
def fetch_seam(monkeypatch) -> FetchSeam:
    """`jobs sync` in this process records its 429 waits instead of sleeping them and, once a
    test sets `deadline`, holds each request to that (the --timeout option's minimum is 1 s)."""
    seam = FetchSeam()
    fetch_text = http.fetch_text

    def fetch(url, **kwargs):
        if seam.deadline is not None:
            kwargs["timeout"] = seam.deadline
        return fetch_text(url, **kwargs, sleep=seam.waits.append)

    monkeypatch.setattr(http, "fetch_text", fetch)
    return seam


BOARD = "acme"
BOARD_PATH = f"/v0/postings/{BOARD}"

# How a board misbehaves: (route, words in the message, the 429 waits asked for, the request
# deadline: a trickle needs one to stop; the others answer at once and keep the default)
MISBEHAVING_BOARDS = {
    "trickles-a-byte-at-a-time": (
        lambda s: faultkit.trickle(s, every=0.05),
        f"timed out after {SHORT_DEADLINE:g} s",
        [],
        SHORT_DEADLINE,
    ),
    "429-retry-after-1-twice": (
        lambda s: (429, b"slow down", {"Retry-After": "1"}),
        "rate limited (HTTP 429); try again in 1 s",
        [1.0],
        None,
    ),
    # waits at most 10 s (fetch_json's max_retry_wait), then says when to try again
    "429-retry-after-3600": (
        lambda s: (429, b"slow down", {"Retry-After": "3600"}),
        "rate limited (HTTP 429); try again in 3600 s",
        [10.0],
        None,
    ),
    "redirect-loop": (
        lambda s: (302, b"", {"Location": f"{BOARD_PATH}?mode=json"}),
        "too many redirects",
        [],
        None,
    ),
    "redirect-to-file-url": (
        lambda s: (302, b"", {"Location": "file:///etc/passwd"}),
        "redirected to a non-HTTP URL",
        [],
        None,
    ),
}


@pytest.mark.slow
class TestMisbehavingBoards:
    """`jobs sync` against job boards that trickle, rate-limit or redirect: a clear error and
    the store unchanged, or the listings when the board recovers."""

    @pytest.mark.parametrize("kind", list(MISBEHAVING_BOARDS))
    def test_a_misbehaving_board_fails_the_sync_and_changes_nothing(
        self, run, server, fetch_seam, kind
    ):
        """A board that misbehaves after a good sync: exit 1 naming the source and the
        problem; the store byte-for-byte unchanged."""
        source = f"lever:{BOARD}"
        server.routes[BOARD_PATH] = (200, faultkit.lever_postings(3, BOARD), {})
        assert run("jobs", "sync", source, "--base-url", server.base).exit_code == 0
        before = faultkit.dump(store_path())
        route, words, waits, deadline = MISBEHAVING_BOARDS[kind]
        server.routes[BOARD_PATH] = route(server)
        fetch_seam.deadline = deadline
        result = run("jobs", "sync", source, "--base-url", server.base)
        assert result.exit_code == 1
        assert source in result.stderr and words in result.stderr, result.stderr
        assert "Traceback" not in result.stderr
        assert fetch_seam.waits == waits
        assert faultkit.dump(store_path()) == before

    def test_429_once_then_the_listings(self, run, server, fetch_seam):
        """429 with Retry-After: 1, then the listings: waits the second asked, stores them."""

        def limited_once(handler):
            if server.hits[BOARD_PATH] == 1:
                handler.reply(429, b"later", {"Retry-After": "1"})
            else:
                handler.reply(200, faultkit.lever_postings(3, "retry"))

        server.routes[BOARD_PATH] = limited_once
        result = run("jobs", "sync", f"lever:{BOARD}", "--base-url", server.base)
        assert result.exit_code == 0, result.stderr
        assert fetch_seam.waits == [1.0]
        assert server.hits[BOARD_PATH] == 2
        assert sources()[f"lever:{BOARD}"] == 3

    def test_a_redirect_to_another_path_is_followed(self, run, server):
        """A board that redirects to another path on the same server: followed, stored."""
        server.routes["/moved/here"] = (200, faultkit.lever_postings(2, "moved"), {})
        server.routes[BOARD_PATH] = (302, b"", {"Location": "/moved/here"})
        result = run("jobs", "sync", f"lever:{BOARD}", "--base-url", server.base)
        assert result.exit_code == 0, result.stderr
        assert server.hits["/moved/here"] == 1
        assert sources()[f"lever:{BOARD}"] == 2


# --------------------------------------------------------------------------- security


class TestSecurity:
    """Safe YAML only, no shell, http(s) only, and hostile text escaped in reports, tables and
    error messages."""

    def test_yaml_is_only_ever_safe_loaded(self):
        """The package uses no YAML loader but SafeLoader/CSafeLoader."""
        problems = faultkit.unsafe_yaml(faultkit.python_sources(SRC))
        assert not problems, problems
        # and the loader careercli builds is the safe one underneath
        import yaml

        from careercli.catalog.yamlio import _loader_class

        assert issubclass(_loader_class(), (yaml.SafeLoader, getattr(yaml, "CSafeLoader", ())))
        assert not issubclass(_loader_class(), (yaml.FullLoader, yaml.UnsafeLoader))

    def test_no_shell_is_ever_invoked(self):
        """The package source has no shell, subprocess, os.system or pty."""
        problems = faultkit.shell_calls(faultkit.python_sources(SRC))
        assert not problems, problems

    @pytest.mark.slow
    def test_no_command_starts_a_process(self, run, monkeypatch, tmp_path, server):
        """No command starts a process, exports and syncs included."""
        started = []

        def refuse(*args, **kwargs):
            started.append(args)
            raise AssertionError(f"careercli started a process: {args!r}")

        monkeypatch.setattr(subprocess.Popen, "__init__", refuse)
        monkeypatch.setattr(os, "system", refuse)
        monkeypatch.setattr(os, "posix_spawn", refuse)
        for args in (
            ["roles"],
            ["compare", "--export", str(tmp_path / "c.html")],
            ["gap", "--skills", "sql", "--export", str(tmp_path / "g.svg")],
            ["jobs", "sync", "lever:example-co", "--base-url", server.base],
            ["jobs"],
            ["profile", "set", "--skills", "sql"],
            ["plan", "data analyst"],
            ["validate"],
        ):
            assert run(*args).exit_code == 0, args
        assert started == []

    @pytest.mark.parametrize("url", faultkit.NOT_HTTP_URLS)
    def test_only_http_urls_for_base_url(self, run, url):
        """--base-url that is not http(s): exit 1 before any request, nothing stored."""
        result = run("jobs", "sync", "remoteok", "--base-url", url)
        assert result.exit_code == 1
        assert "http" in result.stderr
        assert "Traceback" not in result.stderr
        assert not store_path().exists() or stored_ids(store_path()) == set()

    def test_hostile_text_in_imported_job_titles_is_escaped(self, run, tmp_path):
        """<script>, escape codes and bidi overrides in an imported listing: shown inert in every
        format."""
        listing = {
            "id": "evil-1",
            "title": f"{faultkit.SCRIPT} {faultkit.ESC}Data Analyst\x1b]0;pwned\x07",
            "company": "\x1b[2JEvil Co",
            "location": "\u202eKROY WEN\u202c",
            "description": f"SQL and Python {faultkit.ESC}",
        }
        path = tmp_path / "evil.json"
        path.write_text(json.dumps([listing]), encoding="utf-8")
        assert run("jobs", "import", str(path)).exit_code == 0
        for fmt in ("table", "markdown", "csv"):
            result = run("jobs", "--source", "import:evil", "--format", fmt)
            assert result.exit_code == 0, result.stderr
            assert "\x1b" not in result.stdout and "\x07" not in result.stdout, fmt
            assert "\u202e" not in result.stdout, fmt
            assert "alert(1)" in result.stdout
        data = json.loads(run("jobs", "--source", "import:evil", "--format", "json").stdout)
        # Every source goes through one field cleaner: control characters are dropped on the way
        # in (as job boards' always were), the visible text is kept.
        job = data["jobs"][0]
        assert job["title"] == "<script>alert(1)</script> [31mData Analyst ]0;pwned"
        assert job["company"] == "[2JEvil Co"
        assert job["location"] == "KROY WEN"

    def test_hostile_skill_inputs_are_escaped_in_reports_and_terminal(self, run, tmp_path):
        """<script> and escape codes typed as skills: inert in HTML/SVG reports and tables."""
        typed = f"{faultkit.SCRIPT}, {faultkit.ESC}red skill, sql\x07"
        for suffix in (".html", ".svg"):
            target = tmp_path / f"gap{suffix}"
            result = run("gap", "--skills", typed, "--export", str(target))
            assert result.exit_code == 0, result.stderr
            raw = target.read_text(encoding="utf-8")
            assert "<script" not in raw.lower() and "\x1b" not in raw
            assert "alert(1)" in raw
        for args in (["gap", "--skills", typed], ["skills", typed]):
            table = run(*args)
            assert table.exit_code == 0, table.stderr
            assert "\x1b" not in table.stdout and "\x07" not in table.stdout, args
            assert "alert(1)" in table.stdout, args

    @pytest.mark.parametrize(
        "where",
        ["data-file key", "unknown role", "import file", "skills file", "data folder", "export"],
    )
    def test_escape_sequences_never_reach_the_terminal_through_error_messages(
        self, run, tmp_path, where
    ):
        """Escape codes in what an error message quotes (a key, a role, a path): exit 1, none
        of them on stderr."""
        hostile = f"x{faultkit.ESC}y\x07"
        if where == "data-file key":
            folder = tmp_path / "data"
            (folder / "roles").mkdir(parents=True)
            # YAML's own escapes: a raw ESC byte is not allowed in a YAML stream at all
            text = _role("evil").replace("summary:", '"x\\e[31my\\a": 1\nsummary:', 1)
            (folder / "roles" / "evil.yaml").write_text(text, encoding="utf-8")
            result = run("--data-dir", str(folder), "roles")
        elif where == "unknown role":
            result = run("show", hostile)
        elif where == "import file":
            result = run("jobs", "import", str(tmp_path / f"{hostile}.csv"))
        elif where == "skills file":
            result = run("gap", "--skills-file", str(tmp_path / hostile))
        elif where == "data folder":
            result = run("--data-dir", str(tmp_path / hostile), "roles")
        else:
            result = run("compare", "--export", str(tmp_path / f"{hostile}.txt"))
        assert result.exit_code == 1
        assert result.stderr.strip()
        assert "\x1b" not in result.stderr and "\x07" not in result.stderr, result.stderr


# --------------------------------------------------------------------------- found by hypothesis


class TestFoundByHypothesis:
    """Failures hypothesis found in test_properties.py, pinned as plain tests."""

    @pytest.mark.parametrize(
        "args",
        [
            ["jobs", "reset"],
            ["profile", "clear"],
            ["progress", "reset"],
        ],
        ids=" ".join,
    )
    def test_declining_a_confirmation_says_so_on_stderr(self, run, args):
        """Answering n to a confirmation: exit 1 with a message on stderr."""
        jobs_file = TESTS / "data" / "jobs" / "remote_board.json"
        assert run("jobs", "import", str(jobs_file)).exit_code == 0
        assert run("profile", "set", "--skills", "sql").exit_code == 0
        assert run("progress", "done", "sql").exit_code == 0
        result = run(*args, input="n\n")
        assert result.exit_code == 1
        assert result.stderr.strip(), "exit 1 with nothing on stderr"

    def test_gap_with_more_roles_than_top(self, run):
        """gap --role A --role B --top 1: both roles answered."""
        result = run(
            "gap", "--skills", "sql", "--role", "AI Engineer", "--role", "Analytics Engineer",
            "--top", "1", "--format", "json",
        )  # fmt: skip
        assert result.exit_code == 0, result.stderr
        assert {"ai-engineer", "analytics-engineer"} <= {
            r["id"] for r in json.loads(result.stdout)["roles"]
        }

    @pytest.mark.parametrize(
        "args",
        [
            ["jobs", "--limit", "99999999999999999999"],
            ["jobs", "--min-salary", "99999999999999999999"],
            ["gap", "--skills", "sql", "--top", "99999999999999999999"],
            ["progress", "done", "data-analyst:99999999999999999999"],
        ],
        ids=lambda a: " ".join(a[:2]),
    )
    def test_numbers_too_big_for_sqlite(self, args):
        """Numbers too big for SQLite: exit 0, 1 or 2 with a message, never an exception."""
        result = run_catching(*args)
        assert result.exception is None or isinstance(result.exception, SystemExit), repr(
            result.exception
        )
        assert result.exit_code in (0, 1, 2)
        if result.exit_code:
            assert result.stderr.strip()


# --------------------------------------------------------------------------- issue 11: hardening


def _overlay_role(folder: Path, role_id: str, name: str) -> Path:
    """An overlay data folder whose one role has this (hostile) name."""
    (folder / "roles").mkdir(parents=True, exist_ok=True)
    text = (DATA / "roles" / "data-analyst.yaml").read_text(encoding="utf-8")
    text = text.replace("id: data-analyst", f"id: {role_id}", 1)
    text = re.sub(r"^name: .*$", lambda _: "name: " + json.dumps(name), text, count=1, flags=re.M)
    text = re.sub(r"^aliases: .*$", "aliases: []", text, count=1, flags=re.M)
    (folder / "roles" / f"{role_id}.yaml").write_text(text, encoding="utf-8")
    return folder


def _config(name: str) -> Path:
    return Path(os.environ["CAREERCLI_CONFIG_DIR"]) / name


class TestLostUpdates:
    @pytest.mark.slow
    def test_parallel_progress_marks_are_all_kept(self, tmp_path):
        """20 `progress done SKILL` at once keep all 20 marks (each read-modify-write holds a
        lock on the config folder)."""
        skills = ["sql", "python", "r", "excel", "tableau", "power bi", "statistics", "pandas",
                  "numpy", "git", "docker", "kubernetes", "aws", "azure", "spark", "airflow",
                  "dbt", "java", "scala", "linux"]  # fmt: skip
        procs = [
            subprocess.Popen(
                [sys.executable, "-m", "careercli", "progress", "done", s],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                env=child_env(),
            )
            for s in skills
        ]
        errors = [p.communicate(timeout=HANG_GUARD)[1] for p in procs]
        assert all(p.returncode == 0 for p in procs), errors
        saved = faultkit.yaml_file(_config("progress.yaml"))["skills"]
        assert len(saved) == 20 and set(saved.values()) == {"done"}

    @pytest.mark.slow
    def test_parallel_profile_adds_are_all_kept(self):
        """Ten `profile add` at once: every skill is in the saved profile."""
        names = [f"skill number {n}" for n in range(10)]
        procs = [
            subprocess.Popen(
                [sys.executable, "-m", "careercli", "profile", "add", name],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                env=child_env(),
            )
            for name in names
        ]
        for p in procs:
            p.wait(timeout=HANG_GUARD)
        saved = faultkit.yaml_file(_config("profile.yaml"))["skills"]
        assert sorted(saved) == sorted(names)

    def test_an_export_that_cannot_be_written_leaves_the_old_report(
        self, run, tmp_path, monkeypatch
    ):
        """--export over an existing report on a full disk: the old report stays whole."""
        report = tmp_path / "report.md"
        assert run("compare", "--export", str(report)).exit_code == 0
        before = report.read_bytes()

        def full_disk(*_a, **_k):
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(os, "replace", full_disk)
        result = run("gap", "--skills", "sql", "--export", str(report))
        assert result.exit_code == 1 and "No space left" in result.stderr
        assert report.read_bytes() == before
        assert sorted(p.name for p in tmp_path.iterdir()) == ["report.md"]

    def test_a_symlink_planted_at_the_old_temporary_name_is_not_followed(self, run):
        """The temporary file of an atomic write has an unpredictable name, created with
        O_EXCL: a symlink planted in the config folder redirects nothing."""
        folder = _config("profile.yaml").parent
        folder.mkdir(parents=True)
        victim = folder.parent / "victim.txt"
        victim.write_text("untouched\n")
        for guess in (f".profile.yaml.{os.getpid()}.tmp", ".profile.yaml.tmp"):
            (folder / guess).symlink_to(victim)
        assert run("profile", "set", "--skills", "sql").exit_code == 0
        assert victim.read_text() == "untouched\n"
        assert faultkit.yaml_file(_config("profile.yaml"))["skills"] == ["sql"]

    def test_a_symlinked_profile_stays_a_symlink(self, run, tmp_path):
        """A profile.yaml that is a link into a dotfiles folder is updated through the link."""
        dotfiles = tmp_path / "dotfiles"
        dotfiles.mkdir()
        real = dotfiles / "careercli-profile.yaml"
        real.write_text("# my careercli profile\nskills: [sql]\n", encoding="utf-8")
        link = _config("profile.yaml")
        link.parent.mkdir(parents=True)
        link.symlink_to(real)
        assert run("profile", "add", "python").exit_code == 0
        assert link.is_symlink() and link.resolve() == real.resolve()
        text = real.read_text(encoding="utf-8")
        assert text.startswith("# my careercli profile\n")  # comments at the top are kept
        assert faultkit.yaml_file(real)["skills"] == ["sql", "python"]


HOSTILE_NAMES = {
    "link": "[link=javascript:alert(1)]Click me[/link]",
    "closing tag": "Broken [/bold] Analyst",
    "bracket word": "Analyst [contract]",
    "script": "<script>alert(1)</script> Analyst",
    "escape": "\x1b]52;c;ZXZpbA==\x07Clipboard \x1b[2J Analyst",
}


class TestMarkup:
    @pytest.mark.parametrize("kind", list(HOSTILE_NAMES))
    def test_a_role_name_is_text_in_every_renderer(self, run, tmp_path, kind):
        """A role name from an overlay is text in show/compare headers, HTML, SVG, Markdown
        and stderr: no live link, no crash, nothing swallowed, no escape sequence."""
        name = HOSTILE_NAMES[kind]
        folder = _overlay_role(tmp_path / "mine", "hostile-role", name)
        visible = faultkit.CONTROL.sub("", name.replace("\x1b]52;c;ZXZpbA==\x07", ""))
        visible = visible.replace("\x1b[2J", "")
        for args in (
            ("show", "hostile-role"),
            ("compare", "hostile-role", "data-scientist"),
        ):
            result = run("--data-dir", str(folder), *args, env={"COLUMNS": "300"})
            assert result.exit_code == 0, result.stderr
            assert "\x1b" not in result.stdout and "\x07" not in result.stdout
            assert " ".join(visible.split()) in " ".join(result.stdout.split()), kind
        for suffix in (".html", ".svg", ".md"):
            target = tmp_path / f"report{suffix}"
            result = run(
                "--data-dir", str(folder), "compare", "hostile-role", "data-scientist",
                "--export", str(target),
            )  # fmt: skip
            assert result.exit_code == 0, result.stderr
            raw = target.read_text(encoding="utf-8")
            assert not re.search(r"(href|xlink:href)\s*=\s*[\"']?\s*javascript:", raw, re.I)
            assert "](javascript:" not in raw  # no Markdown link
            assert "<script>" not in raw and "\x1b" not in raw
        result = run(
            "--data-dir", str(folder), "profile", "set", "--target", "hostile-role",
        )  # fmt: skip
        plan = run("--data-dir", str(folder), "plan")
        assert plan.exit_code == 0, plan.stderr
        assert "\x1b" not in plan.stderr and "\x07" not in plan.stderr

    def test_csv_cells_never_start_a_formula(self, run, tmp_path):
        """jobs --format csv: a title, company or location that starts like a formula
        (=, +, -, @) is prefixed with a quote, as spreadsheet tools advise."""
        items = [
            {"id": "f1", "title": "=HYPERLINK(\"http://evil\",\"x\")", "company": "+Acme",
             "location": "-cmd", "description": "@SUM(A1)"},
        ]  # fmt: skip
        path = tmp_path / "formula.json"
        path.write_text(json.dumps(items), encoding="utf-8")
        assert run("jobs", "import", str(path)).exit_code == 0
        out = run("jobs", "--source", "import:formula", "--format", "csv").stdout
        import csv
        import io

        (row,) = list(csv.DictReader(io.StringIO(out)))
        assert row["title"] == '\'=HYPERLINK("http://evil","x")'
        assert row["company"] == "'+Acme" and row["location"] == "'-cmd"
        assert not any(v.startswith(("=", "+", "-", "@")) for v in row.values() if v)

    def test_markdown_passes_no_html_from_a_listing(self, run, tmp_path):
        """jobs --format markdown: raw and entity-escaped HTML in a listing stay text."""
        items = [{"id": "h1", "title": "<img src=x onerror=alert(1)> &lt;b&gt;Data Analyst",
                  "company": "[evil](javascript:alert(1))"}]  # fmt: skip
        path = tmp_path / "html.json"
        path.write_text(json.dumps(items), encoding="utf-8")
        assert run("jobs", "import", str(path)).exit_code == 0
        out = run("jobs", "--source", "import:html", "--format", "markdown").stdout
        assert re.findall(r"(?<!\\)<", out) == []  # every < is escaped: no live tag
        assert "\\<img" in out and "&amp;lt;b&amp;gt;" in out and "&lt;b&gt;" not in out
        assert not re.search(r"(?<!\\)\]\(javascript:", out)  # no live Markdown link


BAD_VALUES = {
    "impossible date": ("reviewed: 2024-02-30", "not a valid date"),
    "month 13": ("reviewed: 2024-13-45", "not a valid date"),
    "5,000-digit number": ("weight_of_evidence: " + "9" * 5000, "not a valid value"),
}


class TestBadValues:
    @pytest.mark.parametrize("kind", list(BAD_VALUES))
    def test_a_role_file_with_a_bad_value(self, run, tmp_path, kind):
        """An impossible date or a huge number in a role file: every command that reads it,
        validate included, exits 1 naming the file and the line."""
        line, words = BAD_VALUES[kind]
        folder = tmp_path / "mine"
        (folder / "roles").mkdir(parents=True)
        text = (DATA / "roles" / "statistician.yaml").read_text(encoding="utf-8")
        text = (
            text.replace("\nreviewed:", f"\n{line}\nold_reviewed:")
            if "date" in words
            else (text + line + "\n")
        )
        path = folder / "roles" / "statistician.yaml"
        path.write_text(text, encoding="utf-8")
        for args in (("validate", str(folder)), ("--data-dir", str(folder), "roles"),
                     ("--data-dir", str(folder), "gap", "--skills", "sql")):  # fmt: skip
            result = run_catching(*args)
            assert result.exit_code == 1, (args, result.output)
            assert result.exception is None or isinstance(result.exception, SystemExit)
            assert f"{path}:" in result.output and words in result.output, result.output

    @pytest.mark.parametrize("kind", list(BAD_VALUES))
    @pytest.mark.parametrize("name", ["profile.yaml", "progress.yaml"])
    def test_a_user_file_with_a_bad_value(self, run, kind, name):
        """The same in profile.yaml or progress.yaml: a clear error with the right way out, and
        the file is never overwritten."""
        line, words = BAD_VALUES[kind]
        path = _config(name)
        path.parent.mkdir(parents=True)
        path.write_text(line.replace("reviewed", "updated") + "\n", encoding="utf-8")
        before = path.read_bytes()
        readers = {
            "profile.yaml": (("profile", "show"), ("profile", "add", "sql"), ("gap",)),
            "progress.yaml": (("plan", "data-analyst"), ("progress", "done", "sql"),
                              ("gap", "--skills", "sql")),
        }  # fmt: skip
        for args in readers[name]:
            result = run_catching(*args)
            assert result.exit_code == 1, (args, result.output)
            assert words in result.output
            fix = "progress reset" if name == "progress.yaml" else "profile clear"
            if str(path) in result.output:
                assert fix in result.output
        assert path.read_bytes() == before

    def test_not_a_number_is_refused(self, tmp_path):
        """NaN or infinity where a number belongs: a problem with file, field and line."""
        folder = tmp_path / "mine"
        (folder / "roles").mkdir(parents=True)
        text = (DATA / "roles" / "statistician.yaml").read_text(encoding="utf-8")
        text = text.replace("importance: required}", "importance: required, weight: .nan}", 1)
        (folder / "roles" / "statistician.yaml").write_text(text, encoding="utf-8")
        result = run_catching("validate", str(folder))
        assert result.exit_code == 1 and "finite number" in result.output

    @pytest.mark.parametrize("where", ["roles/x.yaml", "skills.yaml"])
    def test_a_fifo_in_a_data_folder_is_refused_not_read(self, tmp_path, where):
        """A named pipe in a data folder would block every command forever: it is refused."""
        folder = tmp_path / "mine"
        (folder / "roles").mkdir(parents=True)
        os.mkfifo(folder / where)
        result = cli("--data-dir", str(folder), "roles")
        assert result.returncode == 1
        assert b"not a regular file (a named pipe)" in result.stderr
        no_traceback(result.stderr)

    def test_a_long_unknown_role_is_not_echoed_whole(self, run):
        """A 100,000-character unknown role: the message shows a shortened form."""
        result = run("show", "x" * 100_000)
        assert result.exit_code == 1
        assert len(result.stderr) < 2_000


class TestStreams:
    @pytest.mark.slow
    @pytest.mark.parametrize(
        "args", [("roles",), ("compare", "--format", "json"), ("jobs", "reset", "--yes")]
    )
    def test_closed_stdout(self, args):
        """stdout closed (`>&-`): exit 0, nothing on stderr but what the command says."""
        result = subprocess.run(
            [sys.executable, "-m", "careercli", *args],
            stdout=None,
            stderr=subprocess.PIPE,
            env=child_env(),
            timeout=HANG_GUARD,
            close_fds=True,
            preexec_fn=lambda: os.close(1),
        )
        no_traceback(result.stderr)
        assert result.returncode == 0, result.stderr

    @pytest.mark.slow
    @pytest.mark.parametrize("args", [("roles",), ("gap", "--skills", "sql", "--format", "json")])
    def test_stdout_to_a_full_device(self, args):
        """stdout to /dev/full: exit 1 with "cannot write the output", no traceback."""
        with open("/dev/full", "w") as full:
            result = subprocess.run(
                [sys.executable, "-m", "careercli", *args],
                stdout=full,
                stderr=subprocess.PIPE,
                env=child_env(),
                timeout=HANG_GUARD,
            )
        no_traceback(result.stderr)
        assert result.returncode == 1
        assert b"cannot write the output" in result.stderr

    @pytest.mark.slow
    @pytest.mark.parametrize(
        "args", [("gap", "--skills-file", "-"), ("profile", "clear"), ("jobs", "reset")]
    )
    def test_closed_stdin(self, args):
        """stdin closed: a prompt or `--skills-file -` reads nothing; nothing changes."""
        assert cli("profile", "set", "--skills", "sql").returncode == 0
        before = _config("profile.yaml").read_bytes()
        result = subprocess.run(
            [sys.executable, "-m", "careercli", *args],
            stdin=None,
            capture_output=True,
            env=child_env(),
            timeout=HANG_GUARD,
            preexec_fn=lambda: os.close(0),
        )
        no_traceback(result.stderr)
        assert result.returncode in (0, 1)
        assert _config("profile.yaml").read_bytes() == before

    @pytest.mark.slow
    @pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
    def test_an_output_encoding_that_cannot_show_every_character(self, encoding):
        """PYTHONIOENCODING=ascii or a Latin-1 terminal: tables print, unencodable characters
        become '?', no UnicodeEncodeError."""
        for args in (("compare",), ("skills", "ＳＱＬ, → café"), ("salary", "data analyst")):
            result = cli(*args, env={"PYTHONIOENCODING": encoding})
            no_traceback(result.stderr)
            assert result.returncode == 0, result.stderr
            assert result.stdout

    @pytest.mark.parametrize("columns", ["0", "1", "100000"])
    def test_extreme_terminal_widths(self, run, columns):
        """COLUMNS=0 or 1 (no terminal is that narrow) prints at 80 columns; COLUMNS=100000
        stays within 400 characters."""
        result = run("roles", env={"COLUMNS": columns})
        assert result.exit_code == 0
        lines = result.stdout.splitlines()
        assert len(lines) > 10
        assert max(len(line) for line in lines) <= 400
