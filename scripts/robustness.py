"""Every fault and hostile input of issue 7, run against the installed careercli: one table.

How to run it (from anywhere), with the Python whose environment has careercli installed:

    .venv/bin/python scripts/robustness.py             # every scenario, about a minute
    .venv/bin/python scripts/robustness.py -k sync     # only scenarios whose name has "sync"
    .venv/bin/python scripts/robustness.py --verbose   # also the output of rows that fail

It drives the `careercli` console script next to sys.executable, always in a subprocess, never
the source tree. Each scenario gets its own temporary CAREERCLI_CONFIG_DIR, CAREERCLI_CACHE_DIR
and CAREERCLI_STORE_DIR; job-board scenarios talk to a server this script runs on 127.0.0.1.
Nothing touches the network or your own careercli folders. It prints one table (scenario,
expected, held, detail) and exits 0 when every row holds, 1 otherwise.

Standard library only (plus careercli's own package, to find its source for the security rows),
and faultkit.py next to this script: the helpers tests/test_faults.py runs the same faults with.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import contextlib
import itertools
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))  # faultkit.py

import faultkit
from faultkit import (
    ANSI,
    BIG_ROWS,
    CONTROL,
    ESC,
    LAUNCHER,
    SCRIPT,
    BoardHandler,
    endless,
    lever_postings,
    write_jobspy,
)

EXE = Path(sys.executable).with_name("careercli")
FAST = 2.0  # "a clear error within a second or two"
MEMORY_MB = 200.0
DETAIL = 120  # characters of detail shown per row


# ---------------------------------------------------------------------------------------------
# Running the command


@dataclass
class Run:
    code: int
    out: str
    err: str
    seconds: float
    mb: float

    @property
    def clean(self) -> bool:
        return "Traceback" not in self.out and "Traceback" not in self.err

    def first_error(self) -> str:
        lines = [ln.strip() for ln in self.err.splitlines() if ln.strip()]
        return " ".join(lines[:2])


class Box:
    """One scenario's own folders and environment."""

    def __init__(self, root: Path):
        self.root = root
        self.config = root / "config"
        self.cache = root / "cache"
        self.store = root / "store"
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith("CAREERCLI_")
            and k not in ("NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE", "COLUMNS", "TERM")
        }
        env.update(
            CAREERCLI_CONFIG_DIR=str(self.config),
            CAREERCLI_CACHE_DIR=str(self.cache),
            CAREERCLI_STORE_DIR=str(self.store),
            TERM="xterm-256color",
        )
        self.env = env

    @property
    def db(self) -> Path:
        return self.store / "jobs.db"

    def environ(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        return {**self.env, **(extra or {})}

    def run(
        self,
        *args: str | bytes | Path,
        env: dict[str, str] | None = None,
        input: bytes | None = None,
        timeout: float = 60,
        memory: bool = False,
    ) -> Run:
        """Run careercli to completion and time it. With `memory`, its peak resident memory
        too, taken through a small launcher: a child forked from this (large) process would
        count this process's memory as its own."""
        command = [str(EXE), *(str(a) if isinstance(a, Path) else a for a in args)]
        if memory:
            command = [sys.executable, "-c", LAUNCHER, *command]
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
            began = time.monotonic()
            proc = subprocess.Popen(
                command,
                stdin=subprocess.PIPE if input is not None else subprocess.DEVNULL,
                stdout=out,
                stderr=err,
                env=self.environ(env),
                start_new_session=True,
            )
            if input is not None:
                with contextlib.suppress(BrokenPipeError):
                    proc.stdin.write(input)
                proc.stdin.close()
            try:
                proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
            seconds = time.monotonic() - began
            out.seek(0)
            err.seek(0)
            stderr = err.read().decode("utf-8", "replace")
            mb = float("nan")
            if memory:
                stderr, _, peak = stderr.rpartition("\n@peak-kb ")
                mb = int(peak.strip() or 0) / 1024
            return Run(proc.returncode, out.read().decode("utf-8", "replace"), stderr, seconds, mb)

    def start(self, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen:
        return subprocess.Popen(
            [str(EXE), *args],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=self.environ(env),
        )

    def terminal(
        self, *args: str, env: dict[str, str] | None = None, columns: int = 80
    ) -> tuple[int, str]:
        """Run careercli on a pseudo-terminal of the given width; (exit code, what it showed)."""
        return faultkit.terminal([str(EXE), *args], self.environ(env), columns)

    # -- the store, read directly

    def count(self) -> int | None:
        if not self.db.exists():
            return None
        con = sqlite3.connect(f"file:{self.db}?mode=ro", uri=True)
        try:
            return con.execute("SELECT count(*) FROM jobs").fetchone()[0]
        finally:
            con.close()

    def intact(self) -> bool:
        return faultkit.integrity_ok(self.db)

    def dump(self) -> list[str]:
        return faultkit.dump(self.db)

    def sources(self) -> dict[str, int]:
        run = self.run("jobs", "sources", "--format", "json")
        if run.code != 0:
            return {}
        return {s["source"]: s["count"] for s in json.loads(run.out)["sources"]}

    def wait_for_wal(self, minimum: int, proc: subprocess.Popen, limit: float = 30) -> bool:
        """True once the write-ahead log (or rollback journal) holds `minimum` bytes: a write
        transaction is under way."""
        return faultkit.wait_for_wal(self.db, minimum, proc, limit)


class Verdict:
    """Collects what did not hold; the row holds when nothing was collected."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def need(self, condition: bool, problem: str) -> bool:
        if not condition:
            self.problems.append(problem)
        return condition

    def clean(self, run: Run, what: str = "") -> bool:
        return self.need(run.clean, f"traceback{' in ' + what if what else ''}")

    def done(self, detail: str) -> tuple[bool, str]:
        if self.problems:
            return False, "; ".join(dict.fromkeys(self.problems))
        return True, detail


# ---------------------------------------------------------------------------------------------
# Test data


_ROLE_TEXT: dict[str, str] = {}


def role_yaml(box: Box, role_id: str, name: str | None = None) -> str:
    """A valid role file: the bundled Data Analyst, as `careercli show --format yaml` prints
    it, with a new id and name and no aliases."""
    if "base" not in _ROLE_TEXT:
        run = box.run("show", "data-analyst", "--format", "yaml")
        if run.code != 0:
            raise RuntimeError(f"careercli show --format yaml failed: {run.first_error()}")
        _ROLE_TEXT["base"] = run.out
    return faultkit.retitle(_ROLE_TEXT["base"], role_id, name)


def data_dir(box: Box) -> Path:
    folder = box.root / "data"
    (folder / "roles").mkdir(parents=True, exist_ok=True)
    return folder


# ---------------------------------------------------------------------------------------------
# The local job board


class Board(faultkit.BoardServer):
    def lever(self, name: str, route: Callable[[BoardHandler], None]) -> str:
        self.routes[f"/v0/postings/{name}"] = route
        return f"lever:{name}"


def answer(status: int, body: bytes, headers: dict[str, str] | None = None):
    return lambda h: h.reply(status, body, headers)


class Switch:
    """A route that serves good listings until told to fail."""

    def __init__(self, good: bytes, bad: Callable[[BoardHandler], None]):
        self.good, self.bad, self.failing = good, bad, False

    def __call__(self, h: BoardHandler) -> None:
        if self.failing:
            self.bad(h)
        else:
            h.reply(200, self.good)


# ---------------------------------------------------------------------------------------------
# Scenarios

SCENARIOS: list[tuple[str, str, str, Callable[..., tuple[bool, str]]]] = []


def scenario(group: str, name: str, expected: str):
    def register(fn: Callable[..., tuple[bool, str]]):
        SCENARIOS.append((group, name, expected, fn))
        return fn

    return register


# -- pipes, signals, terminals ----------------------------------------------------------------


@scenario("terminal", "closed pipe: careercli jobs | head -1", "exit 0, no traceback")
def closed_pipe(box: Box, board: Board) -> tuple[bool, str]:
    v = Verdict()
    many = [
        {"id": f"n{i}", "title": f"Data Analyst {i}", "company": "Example Co",
         "description": "SQL and Python. " * 20}
        for i in range(1500)
    ]  # fmt: skip
    path = box.root / "many.json"
    path.write_text(json.dumps(many), encoding="utf-8")
    v.need(box.run("jobs", "import", path).code == 0, "import failed")
    for fmt in ("table", "json", "csv"):
        for reader in ("head -1", "true"):
            proc = box.start("jobs", "--limit", "0", "--format", fmt)
            if reader == "head -1":
                proc.stdout.readline()
            proc.stdout.close()
            err = proc.stderr.read().decode("utf-8", "replace")
            proc.stderr.close()
            code = proc.wait(timeout=60)
            v.need(code == 0, f"{fmt} | {reader}: exit {code}")
            v.need("Traceback" not in err and "BrokenPipe" not in err, f"{fmt}: traceback")
    return v.done("table, json, csv into `head -1` and `true`: exit 0, stderr empty")


@scenario("terminal", "Ctrl-C during a 40,000-row jobs import", "exit 130, store as before")
def ctrl_c_import(box: Box, board: Board) -> tuple[bool, str]:
    v = Verdict()
    small = write_jobspy(box.root / "small.csv", 50, "small")
    big = write_jobspy(box.root / "big.csv", BIG_ROWS, "big")
    v.need(box.run("jobs", "import", small).code == 0, "first import failed")
    proc = box.start("jobs", "import", str(big))
    if not v.need(box.wait_for_wal(1 << 20, proc), "import ended before the signal"):
        proc.communicate()
        return v.done("")
    proc.send_signal(signal.SIGINT)
    _out, err = proc.communicate(timeout=60)
    v.need(proc.returncode == 130, f"exit {proc.returncode}")
    v.need(b"Traceback" not in err, "traceback")
    v.need(box.intact(), "integrity_check failed")
    v.need(box.count() == 50, f"{box.count()} listings, not the 50 from before")
    return v.done(f"exit 130, '{err.decode().strip()}', 50 listings kept, integrity ok")


@scenario("terminal", "Ctrl-C during jobs sync (stalled server)", "exit 130, store as before")
def ctrl_c_sync(box: Box, board: Board) -> tuple[bool, str]:
    v = Verdict()
    switch = Switch(lever_postings(3, "c"), faultkit.stall(board, 120))
    source = board.lever("stall-ctrl-c", switch)
    v.need(box.run("jobs", "sync", source, "--base-url", board.base).code == 0, "first sync")
    switch.failing = True
    before = box.dump()
    hits = board.hits.get("/v0/postings/stall-ctrl-c", 0)
    proc = box.start("jobs", "sync", source, "--base-url", board.base, "--timeout", "60")
    deadline = time.monotonic() + 20
    while board.hits.get("/v0/postings/stall-ctrl-c", 0) == hits and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.2)
    proc.send_signal(signal.SIGINT)
    _out, err = proc.communicate(timeout=30)
    v.need(proc.returncode == 130, f"exit {proc.returncode}")
    v.need(b"Traceback" not in err, "traceback")
    v.need(box.dump() == before, "store changed")
    return v.done("exit 130 while waiting for the server; store byte-for-byte the same")


TERMINAL_COMMANDS = [
    ["roles"],
    ["show", "mle"],
    ["compare"],
    ["gap", "--skills", "sql, python, cooking", "--top", "3"],
    ["jobs"],
    ["salary", "data analyst"],
    ["plan", "data analyst", "--skills", "sql"],
]


@scenario("terminal", "NO_COLOR=1 in a real terminal (pty)", "no ANSI codes, exit 0")
def no_color(box: Box, board: Board) -> tuple[bool, str]:
    v = Verdict()
    code, shown = box.terminal("roles")
    v.need(code == 0 and ANSI.search(shown) is not None, "control run had no colour")
    for args in TERMINAL_COMMANDS:
        code, shown = box.terminal(*args, env={"NO_COLOR": "1"})
        v.need(code == 0, f"{args[0]}: exit {code}")
        v.need("Traceback" not in shown, f"{args[0]}: traceback")
        v.need(not ANSI.search(shown), f"{args[0]}: ANSI codes")
    return v.done(
        f"{len(TERMINAL_COMMANDS)} commands plain (the same commands are coloured without it)"
    )


@scenario("terminal", "TERM=dumb in a real terminal (pty)", "no ANSI codes, exit 0")
def term_dumb(box: Box, board: Board) -> tuple[bool, str]:
    v = Verdict()
    for args in TERMINAL_COMMANDS:
        code, shown = box.terminal(*args, env={"TERM": "dumb"})
        v.need(code == 0, f"{args[0]}: exit {code}")
        v.need("Traceback" not in shown, f"{args[0]}: traceback")
        v.need(not ANSI.search(shown), f"{args[0]}: ANSI codes")
    return v.done(f"{len(TERMINAL_COMMANDS)} commands plain")


@scenario("terminal", "a 10-column terminal (pty, COLUMNS=10)", "exit 0, fits 10 columns")
def ten_columns(box: Box, board: Board) -> tuple[bool, str]:
    v = Verdict()
    for args in TERMINAL_COMMANDS:
        code, shown = box.terminal(*args, env={"COLUMNS": "10"}, columns=10)
        v.need(code == 0, f"{args[0]}: exit {code}")
        v.need("Traceback" not in shown, f"{args[0]}: traceback")
        visible = re.sub(r"\x1b\[[0-9;]*m", "", shown)
        widest = max((len(line.rstrip()) for line in visible.splitlines()), default=0)
        v.need(widest <= 10, f"{args[0]}: a line of {widest} columns")
    return v.done(f"{len(TERMINAL_COMMANDS)} commands, every line at most 10 columns")


@scenario("terminal", "COLUMNS=10 when piped", "exit 0, no ANSI codes")
def ten_columns_piped(box: Box, board: Board) -> tuple[bool, str]:
    v = Verdict()
    for args in TERMINAL_COMMANDS:
        run = box.run(*args, env={"COLUMNS": "10"})
        v.need(run.code == 0, f"{args[0]}: exit {run.code}")
        v.clean(run, args[0])
        v.need(not ANSI.search(run.out), f"{args[0]}: ANSI codes")
    return v.done(f"{len(TERMINAL_COMMANDS)} commands plain")


@scenario("terminal", "declining a confirmation (jobs reset, answer n)", "exit 1, said on stderr")
def declined(box: Box, board: Board) -> tuple[bool, str]:
    v = Verdict()
    v.need(box.run("jobs", "import", write_jobspy(box.root / "a.csv", 3, "a")).code == 0, "import")
    before = box.dump()
    run = box.run("jobs", "reset", input=b"n\n")
    v.need(run.code == 1, f"exit {run.code}")
    v.need(bool(run.err.strip()), "nothing on stderr (only the prompt, on stdout)")
    v.need(box.dump() == before, "store changed")
    return v.done(f"exit 1: {run.first_error()}")


@scenario("terminal", "gap --role A --role B --top 1", "exit 0, no traceback")
def gap_roles_top(box: Box, board: Board) -> tuple[bool, str]:
    v = Verdict()
    run = box.run(
        "gap", "--skills", "sql", "--role", "AI Engineer", "--role", "Analytics Engineer",
        "--top", "1",
    )  # fmt: skip
    last = run.err.strip().splitlines()[-1] if run.err.strip() else ""
    v.need(run.code == 0, f"exit {run.code}: {last}")
    v.clean(run)
    return v.done("both roles detailed")


FUZZ_SKILLS = [
    "sql", "pyhton", "ＳＱＬ", "k8s", "C++", "Py\u200bthon", "\u202eSQL\u202c", f"{ESC}red",
    SCRIPT, "", ",,,", "a" * 300, "experience with dbt", "\x07\x08", b"caf\xe9", b"\xff\xfe",
]  # fmt: skip
FUZZ_ROLES = [
    "data analyst", "mle", "AI Engineer", "Analytics Engineer", "data analist", "zzz", "",
    "\x07", f"{ESC}x", "Engineer", b"\xe9ngineer",
]  # fmt: skip
FUZZ_TEXT = ["", "%", "_", '"', "NEAR(", "a*", "-x", "--", b"\xff", "x" * 500, "CA", "ZZ"]


def fuzz_args(rng) -> list:
    """One random command line: real commands, messy values, sometimes a bad option value."""
    skill, role, text = (rng.choice(FUZZ_SKILLS), rng.choice(FUZZ_ROLES), rng.choice(FUZZ_TEXT))
    number = rng.choice(["0", "1", "3", "-1", "x", "99999999999999999999"])
    templates = [
        ["roles", "--track", rng.choice(["ml", "analytics", "nope", text])],
        ["show", role],
        ["compare", role, rng.choice(FUZZ_ROLES)],
        [
            "gap",
            "--skills",
            skill,
            "--role",
            role,
            "--role",
            rng.choice(FUZZ_ROLES),
            "--top",
            number,
        ],
        ["skills", skill, skill],
        ["jobs", "--company", text, "--search", text, "--limit", number],
        ["jobs", "--location", text, "--source", text, "--skills", skill, "--sort", "fit"],
        ["jobs", "--since", rng.choice(["2024-01-01", "2024-02-30", text]), "--min-salary", number],
        ["salary", role, "--state", text],
        ["plan", role, "--skills", skill],
        ["profile", "add", skill],
        ["profile", "remove", skill],
        ["progress", rng.choice(["done", "learning", "skip"]), skill],
        ["progress", "done", f"data-analyst:{number}"],
    ]
    args = rng.choice(templates)
    if rng.random() < 0.3:
        args = [*args, "--format", rng.choice(["json", "markdown", "csv", "yaml", text])]
    return args


@scenario("terminal", "random arguments to every command (seeded, 120 runs)", "0/1/2, message")
def fuzz(box: Box, board: Board) -> tuple[bool, str]:
    import random

    v = Verdict()
    rng = random.Random(7)
    codes = {0: 0, 1: 0, 2: 0}
    for _ in range(120):
        args = fuzz_args(rng)
        run = box.run(*args)
        shown = " ".join(a.decode("latin-1") if isinstance(a, bytes) else a for a in args)
        shown = shown.encode("unicode_escape").decode()
        shown = shown if len(shown) < 60 else shown[:57] + "..."
        codes[run.code] = codes.get(run.code, 0) + 1
        v.need(run.code in (0, 1, 2), f"{shown}: exit {run.code}")
        v.need(run.code == 0 or bool(run.err.strip()), f"{shown}: exit {run.code}, no message")
        v.need(run.clean, f"`{shown}`: traceback")
    return v.done(f"exit codes {codes}")


# -- folders, cache and store -----------------------------------------------------------------

READS = [
    ["roles"],
    ["show", "data-analyst"],
    ["gap", "--skills", "sql, python"],
    ["jobs"],
    ["jobs", "sources"],
    ["salary", "data analyst"],
    ["plan", "data analyst", "--skills", "sql"],
    ["profile", "show"],
]


@scenario("folders", "config folder unwritable", "saving: exit 1, clear; reading: exit 0")
def config_unwritable(box: Box, board: Board) -> tuple[bool, str]:
    v = Verdict()
    env = {"CAREERCLI_CONFIG_DIR": str(faultkit.blocked(box.root))}
    for args in (["profile", "set", "--skills", "sql"], ["progress", "done", "sql"]):
        run = box.run(*args, env=env)
        v.need(run.code == 1, f"{' '.join(args[:2])}: exit {run.code}")
        v.need("CAREERCLI_CONFIG_DIR" in run.err, f"{' '.join(args[:2])}: no hint")
        v.clean(run)
    for args in READS:
        run = box.run(*args, env=env)
        v.need(run.code == 0, f"{args[0]}: exit {run.code}")
    return v.done("profile set / progress done refused with a hint; 8 read commands work")


@scenario("folders", "store folder unwritable", "import/sync: exit 1, clear; reading: exit 0")
def store_unwritable(box: Box, board: Board) -> tuple[bool, str]:
    v = Verdict()
    env = {"CAREERCLI_STORE_DIR": str(faultkit.blocked(box.root))}
    source = board.lever("unwritable", answer(200, lever_postings(3, "u")))
    for args in (
        ["jobs", "import", str(write_jobspy(box.root / "a.csv", 3, "a"))],
        ["jobs", "sync", source, "--base-url", board.base],
    ):
        run = box.run(*args, env=env)
        v.need(run.code == 1, f"{args[1]}: exit {run.code}")
        v.need("CAREERCLI_STORE_DIR" in run.err, f"{args[1]}: no hint")
        v.clean(run)
    for args in READS:
        run = box.run(*args, env=env)
        v.need(run.code == 0, f"{args[0]}: exit {run.code}")
    return v.done("import and sync refused with a hint; 8 read commands work")


@scenario("folders", "cache folder unwritable", "every command works, same output")
def cache_unwritable(box: Box, board: Board) -> tuple[bool, str]:
    v = Verdict()
    normal = box.run("roles", "--format", "json")
    env = {"CAREERCLI_CACHE_DIR": str(faultkit.blocked(box.root))}
    for args in READS:
        run = box.run(*args, env=env)
        v.need(run.code == 0, f"{args[0]}: exit {run.code}")
        v.clean(run)
    v.need(box.run("roles", "--format", "json", env=env).out == normal.out, "different output")
    return v.done("8 commands work uncached")


@scenario("folders", "config, cache and store folders missing", "reads work; writes create")
def folders_missing(box: Box, board: Board) -> tuple[bool, str]:
    v = Verdict()
    deep = box.root / "not" / "yet"
    env = {
        "CAREERCLI_CONFIG_DIR": str(deep / "config"),
        "CAREERCLI_CACHE_DIR": str(deep / "cache"),
        "CAREERCLI_STORE_DIR": str(deep / "store"),
    }
    for args in READS:
        v.need(box.run(*args, env=env).code == 0, f"{args[0]} failed")
    v.need(not (deep / "store").exists(), "a read command created the store")
    v.need(box.run("profile", "set", "--skills", "sql", env=env).code == 0, "profile set")
    path = write_jobspy(box.root / "a.csv", 3, "a")
    v.need(box.run("jobs", "import", path, env=env).code == 0, "jobs import")
    v.need((deep / "store" / "jobs.db").exists(), "store not created")
    v.need((deep / "config" / "profile.yaml").exists(), "profile not created")
    return v.done("reads create nothing; profile set and jobs import create their folders")


@scenario("folders", "--data-dir that does not exist", "exit 1 naming the folder")
def data_dir_missing(box: Box, board: Board) -> tuple[bool, str]:
    v = Verdict()
    missing = box.root / "nowhere"
    run = box.run("--data-dir", missing, "roles")
    v.need(run.code == 1, f"exit {run.code}")
    v.need(str(missing) in run.err, "folder not named")
    v.clean(run)
    return v.done(run.first_error())


@scenario("folders", "corrupt catalog cache", "rebuilt silently, same output")
def corrupt_cache(box: Box, board: Board) -> tuple[bool, str]:
    v = Verdict()
    normal = box.run("roles", "--format", "json")
    files = list(box.cache.glob("*"))
    v.need(bool(files), "no cache written")
    for garbage in (b"garbage", b"", b"\x00\xff" * 64, None):
        for f in files:
            f.write_bytes(garbage if garbage is not None else f.read_bytes()[:100])
        run = box.run("roles", "--format", "json")
        v.need(run.code == 0 and run.out == normal.out, "different answer")
        v.need(run.err == "", "something on stderr")
    v.need(all(f.stat().st_size > 1000 for f in files), "cache not rewritten")
    return v.done("text, empty, binary and truncated caches: same answer, nothing said")


GARBAGE = bytes(range(256)) * 16 + b"this is not a SQLite database\n" * 10


@scenario("folders", "corrupt job store", "exit 1 naming it and `jobs reset`; file kept")
def corrupt_store(box: Box, board: Board) -> tuple[bool, str]:
    v = Verdict()
    box.store.mkdir(parents=True)
    box.db.write_bytes(GARBAGE)
    path = write_jobspy(box.root / "a.csv", 3, "a")
    source = board.lever("corrupt", answer(200, lever_postings(3, "k")))
    for args in (
        ["jobs"],
        ["jobs", "sources"],
        ["jobs", "import", str(path)],
        ["jobs", "sync", source, "--base-url", board.base],
        ["salary", "data analyst"],
    ):
        run = box.run(*args)
        flat = re.sub(r"\s+", " ", run.err)
        v.need(run.code == 1, f"{' '.join(args[:2])}: exit {run.code}")
        v.need(str(box.db) in flat and "jobs reset" in flat, f"{args[:2]}: no path or way out")
        v.clean(run)
    v.need(box.db.read_bytes() == GARBAGE, "the damaged file was changed")
    return v.done("5 commands: exit 1, path and `careercli jobs reset` named; file untouched")


@scenario("folders", "recover a corrupt store: jobs reset --yes", "moved aside, never deleted")
def reset_recovery(box: Box, board: Board) -> tuple[bool, str]:
    v = Verdict()
    box.store.mkdir(parents=True)
    box.db.write_bytes(GARBAGE)
    run = box.run("jobs", "reset", "--yes")
    v.need(run.code == 0, f"reset: exit {run.code}")
    backups = [p for p in box.store.iterdir() if p.suffix == ".bak"]
    v.need(len(backups) == 1 and backups[0].read_bytes() == GARBAGE, "old file not kept as is")
    v.need(box.run("jobs").code == 0, "jobs fails after reset")
    path = write_jobspy(box.root / "a.csv", 3, "a")
    v.need(box.run("jobs", "import", path).code == 0, "import fails after reset")
    v.need(box.count() == 3, "new store wrong")
    return v.done(f"kept as {backups[0].name if backups else '?'}; the new store works")


@scenario("folders", "locked store (BEGIN EXCLUSIVE held)", "write: exit 1 'busy'; read: exit 0")
def locked_store(box: Box, board: Board) -> tuple[bool, str]:
    v = Verdict()
    v.need(box.run("jobs", "import", write_jobspy(box.root / "a.csv", 5, "a")).code == 0, "import")
    before = box.dump()
    holder = sqlite3.connect(box.db, isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        run = box.run("jobs", "import", write_jobspy(box.root / "b.csv", 5, "b"))
        v.need(run.code == 1, f"import: exit {run.code}")
        v.need("busy" in run.err and str(box.db) in run.err, "no clear message")
        v.clean(run)
        for args in (["jobs"], ["jobs", "sources"]):
            read = box.run(*args)
            v.need(read.code == 0 or "busy" in read.err, f"{args}: exit {read.code}")
            v.clean(read)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    v.need(box.dump() == before, "store changed")
    return v.done(f"after {run.seconds:.0f} s: {run.first_error()}")


@scenario("folders", "SIGKILL midway through a 40,000-row import", "next run: store as before")
def kill_import(box: Box, board: Board) -> tuple[bool, str]:
    v = Verdict()
    v.need(box.run("jobs", "import", write_jobspy(box.root / "s.csv", 50, "s")).code == 0, "import")
    big = write_jobspy(box.root / "big.csv", BIG_ROWS, "big")
    proc = box.start("jobs", "import", str(big))
    v.need(box.wait_for_wal(1 << 20, proc), "import ended before the kill")
    proc.kill()
    proc.communicate(timeout=30)
    v.need(box.sources().get("jobspy:indeed") == 50, "jobs sources does not show the old 50")
    v.need(box.intact(), "integrity_check failed")
    v.need(box.count() == 50, f"{box.count()} listings")
    again = box.run("jobs", "import", big)
    v.need(again.code == 0 and box.count() == 50 + BIG_ROWS, "re-import failed")
    return v.done("killed mid-transaction: 50 listings, integrity ok; re-import works")


@scenario("folders", "SIGKILL midway through a 20,000-listing sync", "next run: store as before")
def kill_sync(box: Box, board: Board) -> tuple[bool, str]:
    v = Verdict()
    v.need(box.run("jobs", "import", write_jobspy(box.root / "s.csv", 50, "s")).code == 0, "import")
    source = board.lever("kill-sync", answer(200, lever_postings(20_000, "ks")))
    proc = box.start("jobs", "sync", source, "--base-url", board.base)
    v.need(box.wait_for_wal(256 << 10, proc), "sync ended before the kill")
    proc.kill()
    proc.communicate(timeout=30)
    v.need(source not in box.sources(), "half a sync is visible")
    v.need(box.intact(), "integrity_check failed")
    v.need(box.count() == 50, f"{box.count()} listings")
    again = box.run("jobs", "sync", source, "--base-url", board.base)
    v.need(again.code == 0 and box.count() == 20_050, "sync after the kill failed")
    return v.done("killed mid-transaction: old 50 listings, integrity ok; next sync works")


@scenario("folders", "two syncs at once (slow server)", "no corruption; second waits or says busy")
def two_syncs(box: Box, board: Board) -> tuple[bool, str]:
    v = Verdict()
    body = lever_postings(10_000, "two")

    def slow(h: BoardHandler) -> None:
        time.sleep(0.5)
        h.reply(200, body)

    source = board.lever("two-syncs", slow)
    procs = [box.start("jobs", "sync", source, "--base-url", board.base) for _ in range(3)]
    codes = []
    for proc in procs:
        _out, err = proc.communicate(timeout=90)
        codes.append(proc.returncode)
        v.need(b"Traceback" not in err, "traceback")
        v.need(proc.returncode == 0 or b"busy" in err, f"exit {proc.returncode}: {err[:80]!r}")
    v.need(0 in codes, "none succeeded")
    v.need(box.intact(), "integrity_check failed")
    v.need(box.count() == 10_000, f"{box.count()} listings, not 10,000")
    return v.done(f"3 at once: exit codes {codes}; 10,000 listings once each, integrity ok")


# -- hostile data files -----------------------------------------------------------------------


def hostile_file(make: Callable[[Path, faultkit.Role], Path], word: str, limit: float = FAST):
    """A data folder holding one hostile file: exit 1 naming it, quickly, in bounded memory."""

    def check(box: Box, board: Board) -> tuple[bool, str]:
        v = Verdict()
        folder = data_dir(box)
        path = make(folder, lambda role_id: role_yaml(box, role_id))
        run = box.run("--data-dir", folder, "roles", memory=True)
        v.need(run.code == 1, f"exit {run.code}")
        v.need(str(path) in run.err, "file not named")
        v.need(word.lower() in run.err.lower(), f"no '{word}' in the message")
        v.clean(run)
        v.need(run.seconds <= limit, f"took {run.seconds:.1f} s")
        v.need(run.mb <= MEMORY_MB, f"peak memory {run.mb:.0f} MB")
        v.need(not (box.root / "pwned").exists(), "a YAML tag ran a command")
        problem = next((ln.strip() for ln in run.err.splitlines() if str(path) in ln), "")
        problem = problem.replace(str(box.root), "…")
        return v.done(f"{run.seconds:.2f} s, {run.mb:.0f} MB: {problem}")

    return check


for _name, _make, _word in [
    ("YAML alias bomb (billion laughs)", faultkit.bomb, "alias"),
    ("100,000-deep nested list", faultkit.deep_list, "nesting"),
    ("100,000-deep nested mapping (skills.yaml)", faultkit.deep_mapping, "nesting"),
    ("100 MB role file", faultkit.huge, "limit"),
    ("role file just under the 512 KiB limit", faultkit.near_limit, "mapping"),
    ("non-UTF-8 bytes", faultkit.not_utf8, "UTF-8"),
    ("duplicate keys", faultkit.duplicate_keys, "duplicate"),
    ("a list instead of a mapping", faultkit.a_list, "mapping"),
    ("!!python/object tags", faultkit.python_tag, ""),
    ("role file symlink pointing outside", faultkit.role_symlink, "symlink"),
    ("roles/ folder symlink pointing outside", faultkit.roles_folder_symlink, "symlink"),
    ("skills.yaml symlink pointing outside", faultkit.skills_symlink, "symlink"),
]:
    scenario("data file", _name, f"exit 1 naming the file, <{FAST:g} s, <{MEMORY_MB:g} MB")(
        hostile_file(_make, _word)
    )


# -- hostile skills input ---------------------------------------------------------------------


@scenario("skills", "5,000 entries in --skills-file", "exit 0, every input accounted for")
def many_skills(box: Box, board: Board) -> tuple[bool, str]:
    v = Verdict()
    known = ["sql", "Python", "pyhton", "k8s", "ＳＱＬ", "“Excel”", "tableau", "dbt"]
    items = [known[i % 8] if i % 3 else f"zq{i}x{i * 7919 % 10007}" for i in range(5000)]
    path = box.root / "many.txt"
    path.write_text("\n".join(items), encoding="utf-8")
    run = box.run("gap", "--skills-file", path, "--format", "json", "--top", "1")
    v.need(run.code == 0, f"exit {run.code}")
    v.clean(run)
    if run.code == 0:
        data = json.loads(run.out)
        v.need(data["inputs"] == items, "inputs lost")
        v.need(len(data["unrecognized"]) == sum(1 for i in items if i.startswith("zq")), "count")
    table = box.run("gap", "--skills", ", ".join(items[:3000]))
    v.need(table.code == 0, "3,000 in one --skills failed")
    return v.done(
        f"{run.seconds:.1f} s for 5,000 lines; 3,000 in one --skills: {table.seconds:.1f} s"
    )


@scenario("skills", "binary, oversized and non-UTF-8 --skills-file", "exit 1 with a clear message")
def bad_skills_files(box: Box, board: Board) -> tuple[bool, str]:
    v = Verdict()
    cases = {
        "binary": (bytes(range(256)) * 8, "binary"),
        "oversized": (b"sql, python\n" * 250_000, "larger than"),
        "latin-1": ("café, sql".encode("latin-1"), "UTF-8"),
    }
    said = []
    for name, (content, word) in cases.items():
        path = box.root / f"{name}.txt"
        path.write_bytes(content)
        run = box.run("gap", "--skills-file", path)
        v.need(run.code == 1, f"{name}: exit {run.code}")
        v.need(word in run.err and str(path) in run.err, f"{name}: unclear message")
        v.clean(run)
        said.append(word)
    run = box.run("gap", "--skills-file", "-", input=b"\x00\x01sql")
    v.need(run.code == 1 and "binary" in run.err, "binary stdin")
    return v.done("refused: " + ", ".join(said) + "; binary stdin too")


HOSTILE_SKILLS = {
    "control characters": {"\x07dbt\x08": "dbt", "sql\x1b": "SQL", "\x7fPython": "Python"},
    "right-to-left and zero-width characters": {
        "\u202eSQL\u202c": "SQL",
        "\u200fTableau\u200e": "Tableau",
        "Py\u200bthon": "Python",
        "Ex\u200dcel": "Excel",
        "\ufeffDocker": "Docker",
    },
    "fullwidth letters (ＳＱＬ)": {"ＳＱＬ": "SQL", "Ｐｙｔｈｏｎ": "Python", "Ｃ＃": "C#"},
}


def hostile_skills(inputs: dict[str, str]):
    def check(box: Box, board: Board) -> tuple[bool, str]:
        v = Verdict()
        path = box.root / "skills.txt"
        path.write_text("\n".join(inputs), encoding="utf-8")
        for args in (
            ["skills", ", ".join(inputs)],
            ["gap", "--skills", ", ".join(inputs)],
            ["gap", "--skills-file", str(path)],
        ):
            run = box.run(*args, "--format", "json")
            v.need(run.code == 0, f"{args[0]}: exit {run.code}")
            v.clean(run)
            if run.code == 0:
                got = [r["skill"] for r in json.loads(run.out)["resolved"]]
                v.need(got == list(inputs.values()), f"{args[0]} {args[1]}: {got}")
        table = box.run("gap", "--skills", ", ".join(inputs), "--top", "2")
        v.need(not CONTROL.search(table.out), "control or bidi characters in the table")
        return v.done(", ".join(f"{k!r}→{s}" for k, s in inputs.items()))

    return check


for _name, _inputs in HOSTILE_SKILLS.items():
    scenario("skills", _name, "resolve to the skill; none echoed raw")(hostile_skills(_inputs))


@scenario("skills", "non-UTF-8 bytes in the command line", "exit 0 or 1, no traceback")
def argv_bytes(box: Box, board: Board) -> tuple[bool, str]:
    v = Verdict()
    for args in faultkit.NOT_UTF8_ARGS:
        run = box.run(*args)
        shown = " ".join(a.decode("latin-1") if isinstance(a, bytes) else a for a in args[:2])
        v.need(run.code in (0, 1) and (run.code == 0 or run.err.strip()), f"{shown}: {run.code}")
        v.need(run.clean, f"{shown}: traceback")
    return v.done(f"{len(faultkit.NOT_UTF8_ARGS)} commands given Latin-1 bytes")


@scenario("skills", "profile set with non-UTF-8 bytes", "the profile stays readable")
def argv_bytes_profile(box: Box, board: Board) -> tuple[bool, str]:
    v = Verdict()
    run = box.run(b"profile", b"set", b"--skills", b"caf\xe9, sql")
    v.clean(run)
    show = box.run("profile", "show", "--format", "json")
    v.need(show.code == 0, f"profile show afterwards: exit {show.code}: {show.first_error()}")
    return v.done(f"set: exit {run.code}; show: exit {show.code}")


# -- hostile job boards -----------------------------------------------------------------------


def _redirect(location: str):
    return lambda h: h.reply(302, b"", {"Location": location})


_board_names = itertools.count(1)


def failing_sync(make_bad: Callable[[Board, str], Callable], words: str, timeout: str = "2"):
    """Sync a board once (good), then again while it misbehaves: exit 1 with a message naming
    the source and the problem; the store byte-for-byte unchanged."""

    def check(box: Box, board: Board) -> tuple[bool, str]:
        v = Verdict()
        name = f"bad-{next(_board_names)}"
        switch = Switch(lever_postings(3, name), make_bad(board, name))
        source = board.lever(name, switch)
        v.need(box.run("jobs", "sync", source, "--base-url", board.base).code == 0, "first sync")
        before = box.dump()
        switch.failing = True
        run = box.run("jobs", "sync", source, "--base-url", board.base, "--timeout", timeout)
        v.need(run.code == 1, f"exit {run.code}")
        v.need(source in run.err, "source not named")
        v.need(any(w in run.err for w in words.split("|")), f"no '{words}' in: {run.first_error()}")
        v.clean(run)
        v.need(box.dump() == before, "store changed")
        message = run.first_error().replace(board.base, "http://127.0.0.1")
        return v.done(f"{run.seconds:.1f} s: {message}")

    return check


for _name, _bad, _words in [
    ("a server that stalls (--timeout 2)", lambda b, n: faultkit.stall(b, 120), "timed out"),
    ("a server that trickles a byte at a time", lambda b, n: faultkit.trickle(b), "timed out"),
    ("an endless body", lambda b, n: endless, "larger than"),
    ("a body declared 1 TB long", lambda b, n: faultkit.declared_huge(b, 60), "larger than"),
    (
        "429 with Retry-After: 1, twice",
        lambda b, n: answer(429, b"slow down", {"Retry-After": "1"}),
        "429",
    ),
    (
        "429 with Retry-After: 3600",
        lambda b, n: answer(429, b"slow down", {"Retry-After": "3600"}),
        "429",
    ),
    ("HTTP 500", lambda b, n: answer(500, b"boom", {"Content-Type": "text/plain"}), "500"),
    (
        "HTML instead of JSON",
        lambda b, n: answer(200, b"<!doctype html><p>jobs</p>", {"Content-Type": "text/html"}),
        "JSON",
    ),
    ("JSON of the wrong shape", lambda b, n: answer(200, b'{"postings": []}'), "list"),
    ("broken JSON", lambda b, n: answer(200, b'[{"id": "x", "text": '), "JSON"),
    ("a redirect loop", lambda b, n: _redirect(f"/v0/postings/{n}?mode=json"), "redirect"),
    ("a redirect to file:///etc/passwd", lambda b, n: _redirect("file:///etc/passwd"), "redirect"),
]:
    _timeout = "20" if "Retry-After" in _name else "2"
    scenario("sync", _name, "exit 1, clear message, store unchanged")(
        failing_sync(_bad, _words, _timeout)
    )


@scenario("sync", "429 once, then the listings", "waits Retry-After, then exit 0")
def retry_then_ok(box: Box, board: Board) -> tuple[bool, str]:
    v = Verdict()
    calls = []

    def route(h: BoardHandler) -> None:
        calls.append(time.monotonic())
        if len(calls) == 1:
            h.reply(429, b"later", {"Retry-After": "1"})
        else:
            h.reply(200, lever_postings(3, "retry"))

    source = board.lever("retry-ok", route)
    run = box.run("jobs", "sync", source, "--base-url", board.base)
    v.need(run.code == 0, f"exit {run.code}: {run.first_error()}")
    v.need(len(calls) == 2 and 0.9 <= calls[1] - calls[0] <= 3, f"calls {len(calls)}")
    v.need(box.count() == 3, "listings not stored")
    return v.done(f"retried after {calls[1] - calls[0]:.1f} s" if len(calls) == 2 else "")


@scenario("sync", "a redirect to another path", "followed, exit 0")
def redirect_ok(box: Box, board: Board) -> tuple[bool, str]:
    v = Verdict()
    board.routes["/moved/here"] = answer(200, lever_postings(2, "moved"))
    source = board.lever("redirected", _redirect("/moved/here"))
    run = box.run("jobs", "sync", source, "--base-url", board.base)
    v.need(run.code == 0, f"exit {run.code}: {run.first_error()}")
    v.need(box.count() == 2, "listings not stored")
    return v.done("one redirect followed; 2 listings stored")


# -- security ---------------------------------------------------------------------------------


def package_source() -> dict[Path, str]:
    import careercli

    return faultkit.python_sources(Path(careercli.__file__).resolve().parent)


@scenario("security", "YAML is only ever safe-loaded", "no unsafe loader in the package")
def safe_yaml(box: Box, board: Board) -> tuple[bool, str]:
    v = Verdict()
    sources = package_source()
    v.problems.extend(faultkit.unsafe_yaml(sources))
    return v.done(f"{len(sources)} modules: only SafeLoader/CSafeLoader")


@scenario("security", "no shell, no child processes", "no subprocess/os.system in the package")
def no_shell(box: Box, board: Board) -> tuple[bool, str]:
    v = Verdict()
    sources = package_source()
    v.problems.extend(faultkit.shell_calls(sources))
    return v.done(f"{len(sources)} modules checked")


@scenario("security", "only http(s) URLs for --base-url", "exit 1 for file:, ftp:, javascript:...")
def only_http(box: Box, board: Board) -> tuple[bool, str]:
    v = Verdict()
    urls = faultkit.NOT_HTTP_URLS
    for url in urls:
        run = box.run("jobs", "sync", "remoteok", "--base-url", url)
        v.need(run.code == 1 and "http" in run.err, f"{url}: exit {run.code}")
        v.clean(run)
    v.need(box.count() in (None, 0), "something was stored")
    return v.done(f"{len(urls)} refused before any request")


def hostile_overlay(box: Box) -> Path:
    """A data folder whose role, skill and listing carry <script> tags and escape codes."""
    folder = data_dir(box)
    evil_skill = "<script>alert(2)</script>"
    role = role_yaml(box, "evil-role", name=f"Evil {SCRIPT} Analyst")
    role = role.replace(
        "\nskills:\n", f'\nskills:\n- skill: "{evil_skill}"\n  importance: required\n'
    )
    # the summary and its continuation lines, replaced by one with YAML's own escapes
    role = re.sub(
        r"\nsummary: .*\n(?: .*\n)*", '\nsummary: "\\\\e[31mRed\\\\e[0m summary \\\\a"\n', role
    )
    (folder / "roles" / "evil-role.yaml").write_text(role, encoding="utf-8")
    (folder / "skills.yaml").write_text(
        f'skills:\n  - {{name: "{evil_skill}", category: soft, aliases: [evil skill]}}\n',
        encoding="utf-8",
    )
    (folder / "jobs.yaml").write_text(
        "jobs:\n"
        '  - {id: evil-job, title: "<script>alert(3)</script> \\e[31mEngineer", '
        'company: "\\e[2JEvil Co", location: Remote, remote: true, type: full-time, '
        "level: mid, posted: 2024-10-30, source: evil, role: evil-role}\n",
        encoding="utf-8",
    )
    return folder


@scenario("security", "<script> in a role, skill or job title", "escaped in HTML and SVG reports")
def script_escaped(box: Box, board: Board) -> tuple[bool, str]:
    v = Verdict()
    folder = hostile_overlay(box)
    check = box.run("validate", folder)
    v.need(check.code == 0, f"the hostile overlay is not valid: {check.out[-200:]}")
    for args in (
        ["compare", "evil-role", "data-analyst"],
        ["gap", "--skills", f"sql, {SCRIPT}", "--role", "evil-role"],
        ["plan", "evil-role", "--skills", "sql"],
        ["salary", "evil-role"],
    ):
        for suffix in (".html", ".svg"):
            target = box.root / f"{args[0]}{suffix}"
            run = box.run("--data-dir", folder, *args, "--export", target)
            v.need(run.code == 0, f"{args[0]} {suffix}: exit {run.code}")
            raw = target.read_text(encoding="utf-8") if target.exists() else ""
            v.need("<script" not in raw.lower(), f"{args[0]} {suffix}: a live <script>")
            v.need("alert(1)" in raw, f"{args[0]} {suffix}: the text was dropped")
            v.need("\x1b" not in raw, f"{args[0]} {suffix}: an escape code")
    return v.done("compare, gap, plan, salary to .html and .svg: shown as &lt;script&gt; text")


@scenario("security", "escape codes in data files and inputs", "never reach the terminal")
def escapes_in_output(box: Box, board: Board) -> tuple[bool, str]:
    v = Verdict()
    folder = hostile_overlay(box)
    listing = [{"id": "e1", "title": f"{SCRIPT} {ESC}Data Analyst\x1b]0;pwned\x07"}]
    path = box.root / "evil.json"
    path.write_text(json.dumps(listing), encoding="utf-8")
    v.need(box.run("jobs", "import", path).code == 0, "import")
    for args in (
        ["show", "evil-role"],
        ["roles"],
        ["jobs"],
        ["jobs", "--format", "csv"],
        ["jobs", "--format", "markdown"],
        ["skills", f"{ESC}sql\x07, evil skill"],
        ["gap", "--skills", f"{ESC}sql\x07"],
    ):
        run = box.run("--data-dir", folder, *args)
        v.need(run.code == 0, f"{' '.join(args[:2])}: exit {run.code}")
        v.need(not re.search("[\x1b\x07]", run.out + run.err), f"{' '.join(args[:2])}: raw ESC")
    coloured = box.run("--data-dir", folder, "show", "evil-role", env={"FORCE_COLOR": "1"})
    v.need(f"{ESC}Red" not in coloured.out, "the data's own colour code got through")
    return v.done("7 commands piped and `show` with FORCE_COLOR: no escape code from the data")


@scenario("security", "escape codes in error messages", "never reach the terminal")
def escapes_in_errors(box: Box, board: Board) -> tuple[bool, str]:
    v = Verdict()
    hostile = f"x{ESC}y\x07"
    folder = data_dir(box)
    role = role_yaml(box, "evil").replace("\ntrack:", '\n"x\\e[31my\\a": 1\ntrack:', 1)
    (folder / "roles" / "evil.yaml").write_text(role, encoding="utf-8")
    cases = {
        "a key in a data file": ["--data-dir", str(folder), "roles"],
        "unknown role": ["show", hostile],
        "jobs import FILE": ["jobs", "import", str(box.root / f"{hostile}.csv")],
        "--skills-file FILE": ["gap", "--skills-file", str(box.root / hostile)],
        "--data-dir DIR": ["--data-dir", str(box.root / hostile), "roles"],
        "--export FILE": ["compare", "--export", str(box.root / f"{hostile}.txt")],
    }
    for what, args in cases.items():
        run = box.run(*args)
        v.need(run.code == 1, f"{what}: exit {run.code}")
        v.need(not re.search("[\x1b\x07]", run.err), f"{what}: raw ESC on stderr")
    return v.done(f"{len(cases)} kinds of error message")


# ---------------------------------------------------------------------------------------------
# Running and reporting


@dataclass
class Row:
    group: str
    name: str
    expected: str
    held: bool = False
    detail: str = ""
    seconds: float = 0.0
    extra: list[str] = field(default_factory=list)


def run_one(entry, board: Board, workdir: Path) -> Row:
    group, name, expected, fn = entry
    row = Row(group, name, expected)
    began = time.monotonic()
    root = Path(tempfile.mkdtemp(prefix="case-", dir=workdir))
    try:
        row.held, row.detail = fn(Box(root), board)
    except Exception as exc:
        row.held, row.detail = False, f"script error: {type(exc).__name__}: {exc}"
        row.extra.append(traceback.format_exc())
    row.seconds = time.monotonic() - began
    detail = row.detail.replace(str(root), "…").replace(board.base, "http://127.0.0.1")
    row.detail = detail if len(detail) <= DETAIL else detail[: DETAIL - 3] + "..."
    return row


def table(rows: list[Row]) -> str:
    heads = ("scenario", "expected", "held", "detail")
    cells = [
        (f"{r.group}: {r.name}", r.expected, "yes" if r.held else "NO", r.detail) for r in rows
    ]
    widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(heads[:3])]
    lines = ["  ".join(h.ljust(w) for h, w in zip(heads, [*widths, 0], strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths) + "  " + "-" * 6)
    for c in cells:
        lines.append("  ".join(x.ljust(w) for x, w in zip(c, [*widths, 0], strict=True)).rstrip())
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-k", dest="only", help="only scenarios whose name contains this")
    parser.add_argument("-j", "--jobs", type=int, default=4, help="scenarios run at once")
    parser.add_argument("--verbose", action="store_true", help="details of rows that fail")
    args = parser.parse_args(argv)
    if not EXE.exists():
        print(f"careercli is not installed next to {sys.executable} ({EXE})", file=sys.stderr)
        return 2
    chosen = [
        s for s in SCENARIOS if not args.only or args.only.lower() in f"{s[0]} {s[1]}".lower()
    ]
    version = subprocess.run([str(EXE), "--version"], capture_output=True, text=True).stdout
    print(f"{version.strip()} at {EXE}: {len(chosen)} scenarios", flush=True)
    began = time.monotonic()
    # Children must see Ctrl-C even if this script was started with SIGINT ignored (a
    # background job of a non-interactive shell): a handled signal is reset by exec.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    with (
        faultkit.serve(Board()) as board,
        tempfile.TemporaryDirectory(prefix="careercli-robustness-") as tmp,
    ):
        # one catalog compile up front, so rows that time a command do not time that
        Box(Path(tmp)).run("roles")
        with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            rows = list(pool.map(lambda s: run_one(s, board, Path(tmp)), chosen))
    print()
    print(table(rows))
    failed = [r for r in rows if not r.held]
    print(
        f"\n{len(rows) - len(failed)} of {len(rows)} held "
        f"in {time.monotonic() - began:.0f} s."
        + (f" {len(failed)} did NOT hold." if failed else "")
    )
    if args.verbose:
        for r in failed:
            print(f"\n--- {r.group}: {r.name} ({r.seconds:.1f} s)\n{r.detail}")
            for extra in r.extra:
                print(textwrap.indent(extra, "    "))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
