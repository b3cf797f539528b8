"""Shared helpers of the fault tests (tests/test_faults.py) and the job-board tests: test data,
a local job board and its misbehaving routes, a pseudo-terminal runner, the store read directly,
hostile data files and the security checks of the package source.

Standard library only (the size-limit file asks careercli for its limit). scripts/fault_table.py
does not import this: it runs tests/test_faults.py itself and prints what each test checked.
"""

from __future__ import annotations

import contextlib
import csv
import fcntl
import json
import os
import pty
import re
import select
import sqlite3
import struct
import subprocess
import termios
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ESC = "\x1b[31m"
SCRIPT = "<script>alert(1)</script>"
ANSI = re.compile(r"\x1b")
# control, bidi-override and isolate characters: none may reach a table from the input
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
# Rows of the import (and postings of the sync) that Ctrl-C and SIGKILL interrupt: enough that
# the write transaction stays open for a while (see wait_for_write), few enough to cost a second
# or two.
IMPORT_ROWS = 5_000
# Generous bound on waits that end on an event in a healthy run (a child starting, a request
# arriving, a child finishing): it only stops a broken run from hanging, it never decides a test.
HANG_GUARD = 60.0
# Runs the command given as its arguments, then appends the child's peak memory to stderr
# ("\n@peak-kb N"). A child forked straight from a large process (pytest, the script) would
# count that process's memory as its own.
LAUNCHER = (
    "import resource, subprocess, sys\n"
    "code = subprocess.call(sys.argv[1:])\n"
    "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
    "sys.stderr.write(f'\\n@peak-kb {peak}\\n')\n"
    "sys.exit(code)\n"
)
# --base-url values that are not http(s) and must be refused before any request
NOT_HTTP_URLS = [
    "file:///etc/passwd",
    "ftp://mirror.example",
    "gopher://127.0.0.1:70/1",
    "javascript:alert(1)",
    "data:application/json,[]",
    "//127.0.0.1:9",
    "127.0.0.1",
]
# Command lines with bytes that are not UTF-8, as a Latin-1 terminal sends é (one byte)
NOT_UTF8_ARGS: list[list[str | bytes]] = [
    ["skills", b"caf\xe9, sql"],
    ["gap", "--skills", b"sql, \xff\xfe"],
    ["show", b"data analyst\xe9"],
    ["jobs", "--company", b"\xff"],
    ["jobs", "--location", b"Z\xfcrich"],
    ["jobs", "--source", b"\xff"],
    ["jobs", "--search", b"caf\xe9"],
    ["salary", b"\xe9ngineer"],
    ["progress", "done", b"sql\xff"],
]


# ---------------------------------------------------------------------------------------------
# Test data


def write_jobspy(path: Path, rows: int, prefix: str) -> Path:
    """A JobSpy CSV export with `rows` listings, ids PREFIX-0, PREFIX-1, ..."""
    header = [
        "id", "site", "job_url", "title", "company", "location", "job_type", "date_posted",
        "interval", "min_amount", "max_amount", "currency", "is_remote", "description",
    ]  # fmt: skip
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(header)
        for i in range(rows):
            out.writerow(
                [
                    f"{prefix}-{i}", "indeed", f"https://example.com/{prefix}/{i}",
                    f"Data Analyst {i}" if i % 3 else f"Senior Data Engineer {i}",
                    f"Company {i % 97}", "New York, NY", "fulltime", "2024-09-10", "yearly",
                    90000 + i % 1000, 120000 + i % 1000, "USD", i % 2 == 0,
                    "We use SQL, Python and Spark with Airflow and dbt. " * 4,
                ]
            )  # fmt: skip
    return path


def lever_postings(n: int, prefix: str) -> bytes:
    """A Lever board answer (GET /v0/postings/NAME?mode=json) with n postings."""
    titles = ["Senior Data Engineer", "Data Analyst", "Machine Learning Engineer"]
    return json.dumps(
        [
            {
                "id": f"{prefix}-{i}",
                "text": f"{titles[i % 3]} {i}",
                "categories": {"commitment": "Full-time", "location": "Remote - US"},
                "createdAt": 1767627000000,
                "descriptionPlain": "Build pipelines in Python and SQL with Airflow and dbt.",
                "description": "<div>Build pipelines in <b>Python</b> and SQL.</div>",
                "lists": [{"text": "You bring", "content": "<li>Spark</li>"}],
                "hostedUrl": f"https://jobs.lever.co/x/{prefix}-{i}",
                "workplaceType": "remote",
                "salaryRange": {
                    "min": 120000,
                    "max": 150000,
                    "currency": "USD",
                    "interval": "per-year-salary",
                },
            }
            for i in range(n)
        ]
    ).encode()


def retitle(role_text: str, role_id: str, name: str | None = None) -> str:
    """A role file's text (from `track:` on) under a new id and name, with no aliases."""
    lines = role_text.splitlines(keepends=True)
    rest = lines[lines.index(next(ln for ln in lines if ln.startswith("track:"))) :]
    shown = json.dumps(name or f"Test Role {role_id}")
    return f"id: {role_id}\nname: {shown}\naliases: []\n" + "".join(rest)


def blocked(root: Path) -> Path:
    """A folder path under `root` that cannot be created, even by root: its parent is a file."""
    blocker = root / "a-file"
    blocker.write_text("not a folder\n", encoding="utf-8")
    return blocker / "careercli"


# ---------------------------------------------------------------------------------------------
# A local job board on 127.0.0.1


class BoardHandler(BaseHTTPRequestHandler):
    """Serves the server's `routes`: a (status, body, headers) tuple, or a callable that gets
    this handler (errors, stalls, endless bodies, redirects)."""

    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        server: BoardServer = self.server  # type: ignore[assignment]
        path = urlsplit(self.path).path
        with server.lock:
            server.requests.append({"path": self.path, "headers": dict(self.headers)})
            server.hits[path] = server.hits.get(path, 0) + 1
        route = server.routes.get(path)
        if route is None:
            self.reply(404, b'{"ok": false, "error": "Document not found"}')
        elif callable(route):
            route(self)
        else:
            status, body, headers = route
            self.reply(status, body, headers)

    def reply(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        headers = {"Content-Type": "application/json; charset=utf-8", **(headers or {})}
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        with contextlib.suppress(OSError):  # a client that hung up is part of the tests
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


class BoardServer(ThreadingHTTPServer):
    """The job boards' stand-in: `routes` maps a path to what it answers; `hits` counts the
    requests per path and `requests` keeps each one's path and headers; `release` lets stalled
    routes finish (set when the server stops)."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), BoardHandler)
        self.routes: dict[str, Callable[[BoardHandler], None] | tuple] = {}
        self.requests: list[dict] = []
        self.hits: dict[str, int] = {}
        self.lock = threading.Lock()
        self.release = threading.Event()
        self.base = f"http://127.0.0.1:{self.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def handle_error(self, request, client_address) -> None:
        pass  # clients that hang up mid-response are part of the tests


@contextlib.contextmanager
def serve(server: BoardServer) -> Iterator[BoardServer]:
    """Run `server` in a thread for the length of a `with` block."""
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    try:
        yield server
    finally:
        server.release.set()
        server.shutdown()
        server.server_close()
        thread.join(5)


# Misbehaving routes


def stall(server: BoardServer, seconds: float) -> Callable[[BoardHandler], None]:
    """Answers nothing for `seconds` (or until the server stops)."""
    return lambda h: server.release.wait(seconds)


def _begin(h: BoardHandler, headers: dict[str, str]) -> None:
    """Status 200 and a JSON body's headers, then whatever the route writes."""
    h.send_response(200)
    for name, value in {"Content-Type": "application/json", **headers}.items():
        h.send_header(name, value)
    h.end_headers()


def endless(h: BoardHandler) -> None:
    """A JSON body that never ends (about 128 MB, far past any cap)."""
    _begin(h, {"Connection": "close"})
    with contextlib.suppress(OSError):
        h.wfile.write(b"[")
        for _ in range(2000):
            h.wfile.write(b"0," * 32768)


def declared_huge(server: BoardServer, seconds: float) -> Callable[[BoardHandler], None]:
    """Declares a body of 1 TB, sends 1 kB of it, then stalls for `seconds`."""

    def handler(h: BoardHandler) -> None:
        _begin(h, {"Content-Length": str(10**12)})
        with contextlib.suppress(OSError):
            h.wfile.write(b"[" + b" " * 1000)
        server.release.wait(seconds)

    return handler


def trickle(server: BoardServer, every: float = 0.2) -> Callable[[BoardHandler], None]:
    """Declares 100,000 bytes and sends one every `every` seconds, 100 at most: a client held
    only to a per-read timeout longer than `every` reads until the server gives up, and then
    sees a short body, not a timeout."""

    def handler(h: BoardHandler) -> None:
        _begin(h, {"Content-Length": "100000"})
        with contextlib.suppress(OSError):
            for _ in range(100):
                if server.release.wait(every):
                    return
                h.wfile.write(b" ")
                h.wfile.flush()

    return handler


# ---------------------------------------------------------------------------------------------
# Processes, terminals and the store


def terminal(command: list[str], env: dict[str, str], columns: int = 80) -> tuple[int, str]:
    """Run `command` with a pseudo-terminal `columns` wide as its stdin, stdout and stderr;
    (exit code, what it showed). Long output would wait in `less`: PAGER is cat unless `env`
    names another."""
    env = {"PAGER": "cat", **env}
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    proc = subprocess.Popen(
        command, stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True
    )
    os.close(slave)
    chunks = []
    # Reading stops when the child closes the terminal; the deadline only stops a hung child
    # from hanging the test (proc.wait below then fails it).
    deadline = time.monotonic() + HANG_GUARD
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.2)
            if not ready:
                if proc.poll() is not None:
                    break
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(master)
        code = proc.wait(timeout=30)
    return code, b"".join(chunks).decode("utf-8", "replace")


def wait_for_write(db: Path, proc: subprocess.Popen, limit: float = HANG_GUARD) -> bool:
    """True once the child holds the store's write lock: its write transaction is under way
    (its rows may still sit in SQLite's page cache, which holds 16 MiB before it spills to the
    log). Probed with BEGIN IMMEDIATE on a second connection that never waits; a probe that
    gets the lock gives it back at once, and the child waits out that moment (busy timeout).
    False if the process ended first. `limit` only guards against a child that hangs."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            con = sqlite3.connect(db, timeout=0, isolation_level=None)
        except sqlite3.Error:
            time.sleep(0.003)
            continue
        try:
            con.execute("BEGIN IMMEDIATE")
            con.execute("ROLLBACK")
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                return proc.poll() is None
        finally:
            con.close()
        time.sleep(0.003)
    return False


def integrity_ok(db: Path) -> bool:
    con = sqlite3.connect(db)
    try:
        return con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        con.close()


def dump(db: Path) -> list[str]:
    """Every row of every table (jobs, sources, meta, the FTS index) as SQL text."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return list(con.iterdump())
    finally:
        con.close()


# ---------------------------------------------------------------------------------------------
# Hostile data files. Each maker writes one into the data folder `folder` (which has a roles/
# folder) and returns the path careercli must name; `role(id)` gives a valid role file's text.
# A YAML tag that ran a command would create folder.parent / "pwned".

Role = Callable[[str], str]


def bomb(folder: Path, role: Role) -> Path:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    path = folder / "roles" / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def deep_list(folder: Path, role: Role) -> Path:
    path = folder / "roles" / "deep.yaml"
    path.write_text("[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    return path


def deep_mapping(folder: Path, role: Role) -> Path:
    path = folder / "skills.yaml"
    path.write_text("{a: " * 100_000 + "1" + "}" * 100_000 + "\n", encoding="utf-8")
    return path


def huge(folder: Path, role: Role) -> Path:
    path = folder / "roles" / "huge.yaml"
    with path.open("wb") as fh:
        fh.truncate(100 * 1024 * 1024)  # sparse: instant, and no disk space used
    return path


def near_limit(folder: Path, role: Role) -> Path:
    """A file just under the documented size limit, made of one-letter list items."""
    from careercli.catalog.yamlio import MAX_FILE_BYTES

    path = folder / "roles" / "wide.yaml"
    path.write_bytes(b"- x\n" * (MAX_FILE_BYTES // 4 - 4))
    return path


def python_tag(folder: Path, role: Role) -> Path:
    path = folder / "roles" / "tagged.yaml"
    marker = folder.parent / "pwned"
    path.write_text(
        f'id: !!python/object/apply:os.system ["touch {marker}"]\n'
        "name: !!python/name:os.system ''\n",
        encoding="utf-8",
    )
    return path


def role_symlink(folder: Path, role: Role) -> Path:
    outside = folder.parent / "elsewhere"
    outside.mkdir()
    (outside / "outsider.yaml").write_text(role("outsider"), encoding="utf-8")
    path = folder / "roles" / "outsider.yaml"
    path.symlink_to(outside / "outsider.yaml")
    return path


def roles_folder_symlink(folder: Path, role: Role) -> Path:
    outside = folder.parent / "elsewhere-roles"
    outside.mkdir()
    (outside / "outsider.yaml").write_text(role("outsider"), encoding="utf-8")
    (folder / "roles").rmdir()
    (folder / "roles").symlink_to(outside, target_is_directory=True)
    return folder / "roles"


def skills_symlink(folder: Path, role: Role) -> Path:
    outside = folder.parent / "elsewhere-skills.yaml"
    outside.write_text("skills:\n  - {name: Outside Skill, category: soft}\n", encoding="utf-8")
    path = folder / "skills.yaml"
    path.symlink_to(outside)
    return path


# ---------------------------------------------------------------------------------------------
# Security checks of the package source

UNSAFE_YAML = re.compile(
    r"yaml\.(load|load_all|unsafe_load|unsafe_load_all|full_load|full_load_all|add_constructor"
    r"|add_multi_constructor)\s*\(|\b(Unsafe|Full)Loader\b|yaml\.C?Loader\b|\bCLoader\b"
)
SHELL = re.compile(
    r"shell\s*=\s*True|\bos\.(system|popen|exec\w*|spawn\w*|posix_spawn\w*)\s*\("
    r"|\bimport subprocess\b|\bfrom subprocess\b|\bsubprocess\.|\bimport pty\b"
    r"|(?<![\w.])commands\.get(?:status)?output\b"
)


def python_sources(root: Path) -> dict[Path, str]:
    """The text of every .py file below `root`."""
    return {p: p.read_text(encoding="utf-8") for p in sorted(root.rglob("*.py"))}


def unsafe_yaml(sources: dict[Path, str]) -> list[str]:
    """Where the source uses a YAML loader other than SafeLoader/CSafeLoader."""
    problems = []
    for path, text in sources.items():
        hit = UNSAFE_YAML.search(text)
        if hit:
            problems.append(f"{path.name}: {hit.group(0)}")
        for line in text.splitlines():
            if ("Loader=" in line or re.search(r"\bLoader\b", line)) and "SafeLoader" not in line:
                problems.append(f"{path.name}: {line.strip()[:60]}")
    return problems


def shell_calls(sources: dict[Path, str]) -> list[str]:
    """Where the source could start a shell or a child process."""
    hits = ((path, SHELL.search(text)) for path, text in sources.items())
    return [f"{path.name}: {hit.group(0)}" for path, hit in hits if hit]


def yaml_file(path: Path) -> Any:
    """A YAML file careercli wrote, parsed with the safe loader."""
    import yaml

    return yaml.safe_load(path.read_text(encoding="utf-8"))
