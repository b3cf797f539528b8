"""Faults and hostile input from issue 7 that the other test files do not already cover.

Here: Ctrl-C and SIGKILL midway through `jobs import` and `jobs sync`, two syncs at once, a locked
store, NO_COLOR / TERM=dumb / 10 columns in a real (pseudo-)terminal, unwritable cache and store
folders, hostile data files (alias bomb, 100,000-deep nesting, 100 MB and just-under-the-limit
files, python tags, symlinks out of the data folder) timed and memory-measured, hostile skills
(control, bidi, zero-width and fullwidth characters; oversized files; bytes that are not UTF-8 in
the command line), the security checks (safe YAML only, no shell, http(s) only, escaping of
hostile text in reports, tables and error messages), and the failures hypothesis found in
test_properties.py, pinned as plain tests.

Covered elsewhere, so not repeated: a closed pipe (test_cli_jobs), a corrupt cache
(test_catalog), a damaged store and `jobs reset` (test_cli_jobs), an unwritable config folder
(test_profile), non-UTF-8 bytes, duplicate keys, a list instead of a mapping and anchors in data
files (test_catalog), binary and non-UTF-8 skills files and 3,000 messy skills (test_cli_gap),
each failing sync response (test_cli_jobs, test_boards), `<script>` and escape sequences in
overlay data (test_export).

Signals, terminals and hostile data files run the real command in a subprocess
(`python -m careercli`), with the per-test folders conftest.py sets in the environment.
"""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

import faultkit
from careercli.cli import app
from careercli.jobs.store import store_path

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
SRC = ROOT / "src" / "careercli"
DATA = ROOT / "data"

pytestmark = pytest.mark.slow


# --------------------------------------------------------------------------- helpers


def cli(*args: str | bytes, env: dict | None = None, input: bytes | None = None, timeout=60):
    """The real command in a subprocess, with the test's folders from the environment."""
    return subprocess.run(
        [sys.executable, "-m", "careercli", *args],
        input=input,
        capture_output=True,
        env={**os.environ, **(env or {})},
        timeout=timeout,
    )


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


def start(*args: str, env: dict | None = None) -> subprocess.Popen:
    """careercli running in the background, with Ctrl-C (SIGINT) at its default."""
    return subprocess.Popen(
        [sys.executable, "-c", DEFAULT_SIGINT, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, **(env or {})},
    )


def measured(*args: str, timeout: float = 60) -> tuple[int, str, str, float, float]:
    """(exit code, stdout, stderr, seconds, peak memory in MB) of one run."""
    began = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-c", faultkit.LAUNCHER, sys.executable, "-m", "careercli", *args],
        capture_output=True,
        timeout=timeout,
    )
    elapsed = time.monotonic() - began
    err, _, peak = result.stderr.decode("utf-8", "replace").rpartition("\n@peak-kb ")
    return (
        result.returncode,
        result.stdout.decode("utf-8", "replace"),
        err,
        elapsed,
        int(peak) / 1024,
    )


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


def sources_json() -> dict[str, int]:
    """Each source's listing count, as `careercli jobs sources` reports it."""
    result = cli("jobs", "sources", "--format", "json")
    assert result.returncode == 0, result.stderr
    return {s["source"]: s["count"] for s in json.loads(result.stdout)["sources"]}


@pytest.fixture(scope="module")
def big_csv(tmp_path_factory) -> Path:
    return faultkit.write_jobspy(
        tmp_path_factory.mktemp("big") / "big.csv", faultkit.BIG_ROWS, "big"
    )


@pytest.fixture
def small_store(tmp_path) -> set[str]:
    """A store holding 50 imported listings; returns their ids."""
    path = faultkit.write_jobspy(tmp_path / "small.csv", 50, "small")
    result = cli("jobs", "import", str(path))
    assert result.returncode == 0, result.stderr
    return stored_ids(store_path())


# --------------------------------------------------------------------------- Ctrl-C and SIGKILL


def test_ctrl_c_during_a_big_import_exits_130_and_keeps_the_store(big_csv, small_store):
    proc = start("jobs", "import", str(big_csv))
    assert faultkit.wait_for_wal(store_path(), 1 << 20, proc), (
        "the import ended before it could be interrupted"
    )
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err.decode()
    assert b"Interrupted" in err
    no_traceback(out, err)
    assert faultkit.integrity_ok(store_path())
    assert stored_ids(store_path()) == small_store
    assert sources_json()["jobspy:indeed"] == len(small_store)


def test_sigkill_midway_through_an_import_leaves_the_old_store(big_csv, small_store):
    proc = start("jobs", "import", str(big_csv))
    assert faultkit.wait_for_wal(store_path(), 1 << 20, proc), (
        "the import ended before it could be killed"
    )
    proc.kill()
    proc.communicate(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    # the next run reads the store as it was, before anything repairs it
    assert sources_json()["jobspy:indeed"] == len(small_store)
    assert faultkit.integrity_ok(store_path())
    assert stored_ids(store_path()) == small_store
    again = cli("jobs", "import", str(big_csv))
    assert again.returncode == 0, again.stderr
    assert sources_json()["jobspy:indeed"] == len(small_store) + faultkit.BIG_ROWS


def test_ctrl_c_during_a_sync_to_a_stalled_server(server, small_store):
    server.routes["/v0/postings/slow"] = faultkit.stall(server, 30)
    before = sources_json()
    proc = start("jobs", "sync", "lever:slow", "--base-url", server.base, "--timeout", "60")
    deadline = time.monotonic() + 20
    while not server.hits.get("/v0/postings/slow") and time.monotonic() < deadline:
        time.sleep(0.01)
    assert server.hits.get("/v0/postings/slow"), "the sync never reached the server"
    time.sleep(0.2)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, err.decode()
    no_traceback(out, err)
    assert faultkit.integrity_ok(store_path())
    assert stored_ids(store_path()) == small_store
    assert sources_json() == before


def test_sigkill_midway_through_a_sync_leaves_the_old_store(server, small_store):
    server.routes["/v0/postings/big"] = (200, faultkit.lever_postings(20_000, "big"), {})
    proc = start("jobs", "sync", "lever:big", "--base-url", server.base)
    assert faultkit.wait_for_wal(store_path(), 256 << 10, proc), (
        "the sync ended before it could be killed"
    )
    proc.kill()
    proc.communicate(timeout=30)
    found = sources_json()
    assert "lever:big" not in found
    assert faultkit.integrity_ok(store_path())
    assert stored_ids(store_path()) == small_store
    again = cli("jobs", "sync", "lever:big", "--base-url", server.base)
    assert again.returncode == 0, again.stderr
    assert sources_json()["lever:big"] == 20_000


def test_two_syncs_at_once_neither_corrupts_the_store(server, small_store):
    body = faultkit.lever_postings(10_000, "big")

    def slow(h):
        time.sleep(0.5)
        h.reply(200, body)

    server.routes["/v0/postings/big"] = slow
    server.routes["/v0/postings/other"] = slow
    procs = [
        start("jobs", "sync", "lever:big", "--base-url", server.base),
        start("jobs", "sync", "lever:big", "--base-url", server.base),
        start("jobs", "sync", "lever:other", "--base-url", server.base),
    ]
    results = [(p, *p.communicate(timeout=90)) for p in procs]
    for proc, out, err in results:
        no_traceback(out, err)
        # the second writer waits for the first; if it cannot, it says so and changes nothing
        assert proc.returncode == 0 or (proc.returncode == 1 and b"busy" in err), err.decode()
    assert any(p.returncode == 0 for p, _, _ in results[:2])
    assert faultkit.integrity_ok(store_path())
    found = sources_json()
    assert found["lever:big"] == 10_000
    if results[2][0].returncode == 0:
        assert found["lever:other"] == 10_000
    ids = stored_ids(store_path())
    assert len(ids) == len(small_store) + sum(found.get(k, 0) for k in ("lever:big", "lever:other"))


# --------------------------------------------------------------------------- a locked store


def test_a_locked_store_is_a_clear_error_and_reads_still_work(small_store, tmp_path):
    path = faultkit.write_jobspy(tmp_path / "more.csv", 5, "more")
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
    assert stored_ids(store_path()) == small_store
    assert cli("jobs", "import", str(path)).returncode == 0
    assert len(stored_ids(store_path())) == len(small_store) + 5


# --------------------------------------------------------------------------- terminals


def run_in_terminal(args: list[str], env: dict[str, str], columns: int = 80) -> tuple[int, str]:
    """Run the command with a pseudo-terminal as stdin/stdout (stderr joined to it)."""
    base = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TERM", "COLUMNS")}
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


def test_a_terminal_gets_colour_unless_asked_not_to():
    """The control for the two tests below: in a real terminal there are escape codes."""
    code, out = run_in_terminal(["roles"], {"TERM": "xterm-256color"})
    assert code == 0, out
    assert faultkit.ANSI.search(out)


@pytest.mark.parametrize("env", [{"NO_COLOR": "1", "TERM": "xterm-256color"}, {"TERM": "dumb"}])
@pytest.mark.parametrize("args", TERMINAL_COMMANDS, ids=lambda a: a[0])
def test_no_color_and_dumb_terminals_get_no_escape_codes(args, env):
    code, out = run_in_terminal(args, env)
    assert code == 0, out
    no_traceback(out)
    assert not faultkit.ANSI.search(out), out[:500]


@pytest.mark.parametrize("args", TERMINAL_COMMANDS, ids=lambda a: a[0])
def test_a_10_column_terminal(args):
    code, out = run_in_terminal(args, {"TERM": "xterm-256color", "COLUMNS": "10"}, columns=10)
    assert code == 0, out
    no_traceback(out)
    visible = re.sub(r"\x1b\[[0-9;]*m", "", out)
    wide = [line for line in visible.splitlines() if len(line.rstrip()) > 10]
    assert not wide, wide[:3]


@pytest.mark.parametrize("args", TERMINAL_COMMANDS, ids=lambda a: a[0])
def test_10_columns_when_piped(args):
    result = cli(*args, env={"COLUMNS": "10"})
    assert result.returncode == 0, result.stderr
    no_traceback(result.stdout, result.stderr)
    assert not faultkit.ANSI.search(result.stdout.decode())


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


def test_an_unwritable_cache_folder_only_costs_speed(tmp_path):
    expected = cli("roles", "--format", "json")
    assert expected.returncode == 0
    env = {"CAREERCLI_CACHE_DIR": str(faultkit.blocked(tmp_path))}
    for args in READS:
        result = cli(*args, env=env)
        assert result.returncode == 0, (args, result.stderr)
        no_traceback(result.stdout, result.stderr)
    assert cli("roles", "--format", "json", env=env).stdout == expected.stdout
    assert (tmp_path / "a-file").read_text(encoding="utf-8") == "not a folder\n"


def test_an_unwritable_store_folder(tmp_path, server):
    env = {"CAREERCLI_STORE_DIR": str(faultkit.blocked(tmp_path))}
    for args in READS:
        result = cli(*args, env=env)
        assert result.returncode == 0, (args, result.stderr)
    path = faultkit.write_jobspy(tmp_path / "few.csv", 3, "few")
    for args in (
        ["jobs", "import", str(path)],
        ["jobs", "sync", "lever:example-co", "--base-url", server.base],
    ):
        result = cli(*args, env=env)
        assert result.returncode == 1, (args, result.stderr)
        message = result.stderr.decode()
        assert "CAREERCLI_STORE_DIR" in message, message
        no_traceback(result.stdout, result.stderr)


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


@pytest.mark.parametrize("command", ["roles", "validate"])
@pytest.mark.parametrize("kind", list(HOSTILE_FILES))
def test_hostile_data_file_is_refused_quickly_naming_the_file(tmp_path, kind, command):
    folder = tmp_path / "data"
    (folder / "roles").mkdir(parents=True)
    make, word = HOSTILE_FILES[kind]
    path = make(folder, _role)
    if command == "roles":
        args = ["--data-dir", str(folder), "roles"]
    else:
        args = ["validate", str(folder), "--format", "json"]
    code, out, err, seconds, megabytes = measured(*args)
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
    assert seconds < 5, f"{seconds:.1f} s"
    assert megabytes < 300, f"{megabytes:.0f} MB"
    assert not (tmp_path / "pwned").exists()


def test_a_symlink_inside_the_data_folder_is_fine(tmp_path):
    folder = tmp_path / "data"
    (folder / "roles").mkdir(parents=True)
    (folder / "stash").mkdir()
    (folder / "stash" / "insider.yaml").write_text(_role("insider"), encoding="utf-8")
    (folder / "roles" / "insider.yaml").symlink_to(folder / "stash" / "insider.yaml")
    result = cli("--data-dir", str(folder), "show", "insider", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["role"]["id"] == "insider"


@pytest.mark.parametrize("form", ["sequence", "scalar"])
@pytest.mark.parametrize("where", ["data folder", "profile", "progress", "jobs import"])
def test_python_tags_are_never_constructed(tmp_path, where, form):
    """Whatever careercli makes of a python/* tag (an error, or plain data), it never runs it."""
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
        result = cli("validate", str(folder))
    elif where == "jobs import":
        path = tmp_path / "jobs.yaml"
        path.write_text(f"jobs:\n  - title: {payload}\n", encoding="utf-8")
        result = cli("jobs", "import", str(path))
    else:
        path = config / f"{where}.yaml"
        path.write_text(f"skills: {payload}\n", encoding="utf-8")
        result = cli("profile", "show")
    no_traceback(result.stdout, result.stderr)
    assert result.returncode in (0, 1)
    assert not marker.exists()


# --------------------------------------------------------------------------- hostile skills


def test_invisible_control_bidi_and_fullwidth_skills_through_the_cli(tmp_path):
    typed = {
        "Py\u200bthon": "Python",  # zero-width space
        "\u202eSQL\u202c": "SQL",  # right-to-left override
        "\u200fTableau\u200e": "Tableau",  # right-to-left and left-to-right marks
        "Ex\u200dcel": "Excel",  # zero-width joiner
        "\x07dbt\x08": "dbt",  # bell and backspace
        "Ｐｏｗｅｒ\u3000ＢＩ": "Power BI",  # fullwidth, ideographic space
        "ＳＱＬ": "SQL",  # fullwidth
        "\ufeffDocker": "Docker",  # byte order mark
    }
    path = tmp_path / "skills.txt"
    path.write_text("\n".join(typed), encoding="utf-8")
    for result in (
        cli("skills", ", ".join(typed), "--format", "json"),
        cli("gap", "--skills", ", ".join(typed), "--format", "json"),
        cli("gap", "--skills-file", str(path), "--format", "json"),
    ):
        assert result.returncode == 0, result.stderr
        resolved = json.loads(result.stdout)["resolved"]
        assert [r["skill"] for r in resolved] == list(typed.values())
    table = cli("gap", "--skills", ", ".join(typed), "--top", "3")
    assert table.returncode == 0, table.stderr
    shown = table.stdout.decode()
    assert not faultkit.CONTROL.search(shown)


def test_an_oversized_skills_file_is_refused(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes(b"sql, python\n" * 250_000)  # 3 MB of text
    result = cli("gap", "--skills-file", str(path))
    assert result.returncode == 1
    assert b"larger than" in result.stderr and str(path).encode() in result.stderr
    no_traceback(result.stdout, result.stderr)


def test_ten_thousand_distinct_unknown_skills_answer(tmp_path):
    words = [f"zq{i}x{i * 7919 % 10007}" for i in range(10_000)]
    path = tmp_path / "many.txt"
    path.write_text("\n".join(["sql", *words, "python"]), encoding="utf-8")
    result = cli("gap", "--skills-file", str(path), "--format", "json", "--top", "1")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert len(data["unrecognized"]) == 10_000
    assert {m["skill"] for m in data["roles"][0]["matched"]} >= {"SQL", "Python"}


@pytest.mark.parametrize("args", faultkit.NOT_UTF8_ARGS, ids=lambda a: " ".join(map(str, a[:2])))
def test_bytes_that_are_not_utf8_in_the_command_line(args):
    """A Latin-1 terminal sends é as one byte; Python hands it over as a lone surrogate."""
    result = cli(*args)
    no_traceback(result.stdout, result.stderr)
    assert result.returncode in (0, 1), result.stderr
    if result.returncode:
        assert result.stderr.strip()


def test_a_profile_set_with_non_utf8_bytes_stays_readable():
    result = cli("profile", "set", "--skills", b"caf\xe9, sql")
    no_traceback(result.stdout, result.stderr)
    show = cli("profile", "show", "--format", "json")
    assert show.returncode == 0, show.stderr.decode()
    if result.returncode == 0:
        assert "sql" in json.loads(show.stdout)["profile"]["skills"]


# --------------------------------------------------------------------------- security


def test_yaml_is_only_ever_safe_loaded():
    problems = faultkit.unsafe_yaml(faultkit.python_sources(SRC))
    assert not problems, problems
    # and the loader careercli builds is the safe one underneath
    import yaml

    from careercli.catalog.yamlio import _loader_class

    assert issubclass(_loader_class(), (yaml.SafeLoader, getattr(yaml, "CSafeLoader", ())))
    assert not issubclass(_loader_class(), (yaml.FullLoader, yaml.UnsafeLoader))


def test_no_shell_is_ever_invoked():
    problems = faultkit.shell_calls(faultkit.python_sources(SRC))
    assert not problems, problems


def test_no_command_starts_a_process(run, monkeypatch, tmp_path, server):
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
def test_only_http_urls_for_base_url(run, url):
    result = run("jobs", "sync", "remoteok", "--base-url", url)
    assert result.exit_code == 1
    assert "http" in result.stderr
    assert "Traceback" not in result.stderr
    assert not store_path().exists() or stored_ids(store_path()) == set()


def test_hostile_text_in_imported_job_titles_is_escaped(run, tmp_path):
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


def test_hostile_skill_inputs_are_escaped_in_reports_and_terminal(run, tmp_path):
    typed = f"{faultkit.SCRIPT}, {faultkit.ESC}red skill, sql"
    for suffix in (".html", ".svg"):
        target = tmp_path / f"gap{suffix}"
        result = run("gap", "--skills", typed, "--export", str(target))
        assert result.exit_code == 0, result.stderr
        raw = target.read_text(encoding="utf-8")
        assert "<script" not in raw.lower() and "\x1b" not in raw
        assert "alert(1)" in raw
    table = run("gap", "--skills", typed)
    assert "\x1b" not in table.stdout and "alert(1)" in table.stdout


@pytest.mark.parametrize(
    "where", ["data-file key", "import file", "skills file", "data folder", "export file"]
)
def test_escape_sequences_never_reach_the_terminal_through_error_messages(tmp_path, where):
    hostile = f"x{faultkit.ESC}y\x07"
    if where == "data-file key":
        folder = tmp_path / "data"
        (folder / "roles").mkdir(parents=True)
        # YAML's own escapes: a raw ESC byte is not allowed in a YAML stream at all
        text = _role("evil").replace("summary:", '"x\\e[31my\\a": 1\nsummary:', 1)
        (folder / "roles" / "evil.yaml").write_text(text, encoding="utf-8")
        result = cli("--data-dir", str(folder), "roles")
    elif where == "import file":
        result = cli("jobs", "import", str(tmp_path / f"{hostile}.csv"))
    elif where == "skills file":
        result = cli("gap", "--skills-file", str(tmp_path / hostile))
    elif where == "data folder":
        result = cli("--data-dir", str(tmp_path / hostile), "roles")
    else:
        result = cli("compare", "--export", str(tmp_path / f"{hostile}.txt"))
    assert result.returncode == 1
    assert result.stderr.strip()
    assert b"\x1b" not in result.stderr and b"\x07" not in result.stderr, result.stderr


# --------------------------------------------------------------------------- found by hypothesis


@pytest.mark.parametrize(
    "args",
    [
        ["jobs", "reset"],
        ["profile", "clear"],
        ["progress", "reset"],
    ],
    ids=" ".join,
)
def test_declining_a_confirmation_says_so_on_stderr(run, args):
    assert run("jobs", "import", str(TESTS / "data" / "jobs" / "remote_board.json")).exit_code == 0
    assert run("profile", "set", "--skills", "sql").exit_code == 0
    assert run("progress", "done", "sql").exit_code == 0
    result = run(*args, input="n\n")
    assert result.exit_code == 1
    assert result.stderr.strip(), "exit 1 with nothing on stderr"


def test_gap_with_more_roles_than_top(run):
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
def test_numbers_too_big_for_sqlite(args):
    result = run_catching(*args)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert result.exit_code in (0, 1, 2)
    if result.exit_code:
        assert result.stderr.strip()
