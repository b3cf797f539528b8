"""Memory and time of careercli on the largest inputs a user or a server can hand it (issue 11):
a 2 GB CSV whose one record is a single line, a 60 MB JSON file of empty objects, and a job
board answering with 500,000 listings (19 MB). Each input is generated in a temporary folder
and deleted afterwards; each run is a fresh `careercli` process whose peak memory is its
maximum resident set size.

Usage: python benchmarks/limits.py [--gb 2]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

PY = sys.executable
CLI = str(Path(PY).with_name("careercli"))


def run(cmd: list[str], env: dict[str, str]) -> tuple[float, float, int, str]:
    """(seconds, peak MiB, exit code, last line of stderr)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert proc.stderr is not None
    err = proc.stderr.read().decode(errors="replace")
    _, status, usage = os.wait4(proc.pid, 0)
    proc.stderr.close()
    lines = [x for x in err.strip().splitlines() if x.strip()]
    return (
        time.perf_counter() - start,
        usage.ru_maxrss / 1024,
        os.waitstatus_to_exitcode(status),
        lines[-1][:150] if lines else "",
    )


def env_for(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CAREERCLI_")}
    for kind in ("CACHE", "STORE", "CONFIG"):
        env[f"CAREERCLI_{kind}_DIR"] = str(tmp / kind.lower())
    return env


def one_line_csv(path: Path, gigabytes: float) -> None:
    header = "id,site,job_url,title,company,description\n"
    block = b"x" * (8 * 1024 * 1024)
    with open(path, "wb") as fh:
        fh.write(header.encode())
        fh.write(b'"big","indeed","https://example.com/1","Data Analyst","Acme","')
        for _ in range(int(gigabytes * 1024**3) // len(block)):
            fh.write(block)
        fh.write(b'"\n"ok","indeed","https://example.com/2","Data Analyst","Acme","SQL"\n')


def empty_objects(path: Path, megabytes: int) -> None:
    count = megabytes * 1024 * 1024 // 3
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("[" + "{}," * (count - 1) + "{}]")


@contextlib.contextmanager
def board(body: bytes) -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gb", type=float, default=2.0, help="size of the one-line CSV")
    parser.add_argument("--json-mb", type=int, default=60)
    parser.add_argument("--listings", type=int, default=500_000)
    args = parser.parse_args()
    rows = []
    tmp = Path(tempfile.mkdtemp(prefix="careercli-limits-"))
    try:
        env = env_for(tmp)
        path = tmp / "one-line.csv"
        one_line_csv(path, args.gb)
        size = path.stat().st_size / 1024**3
        rows.append((f"jobs import of a {size:.1f} GB one-line CSV record", *run(
            [CLI, "jobs", "import", str(path)], env)))  # fmt: skip
        path.unlink()
        path = tmp / "empty.json"
        empty_objects(path, args.json_mb)
        size = path.stat().st_size / 1024**2
        rows.append((f"jobs import of a {size:.0f} MB JSON of empty objects", *run(
            [CLI, "jobs", "import", str(path)], env)))  # fmt: skip
        path.unlink()
        listings = [{"id": f"p{n}", "text": f"Engineer {n}"} for n in range(args.listings)]
        body = json.dumps(listings, separators=(",", ":")).encode()
        del listings
        with board(body) as base:
            label = f"jobs sync of {args.listings:,} listings ({len(body) / 1024**2:.0f} MB)"
            rows.append((label, *run(
                [CLI, "jobs", "sync", "lever:big", "--base-url", base], env)))  # fmt: skip
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    for name, seconds, mib, code, last in rows:
        print(f"{name}: {seconds:.1f} s, {mib:.0f} MiB peak, exit {code}: {last}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
