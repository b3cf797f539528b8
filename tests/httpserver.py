"""A local HTTP server on 127.0.0.1 that plays the job boards; tests never touch the internet.

It serves the recorded fixtures in tests/data/boards/ at each board's real API path for the
board name "example-co", and whatever a test puts in `routes`: a (status, body, headers) tuple
or a callable that gets the request handler (errors, stalls, endless bodies, redirects).
`serve()` runs one for the length of a `with` block; conftest.py wraps it as the `server`
fixture.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

DATA = Path(__file__).resolve().parent / "data" / "boards"
FIXTURE_PATHS = {
    "/v0/postings/example-co": "lever.json",
    "/v1/boards/example-co/jobs": "greenhouse.json",
    "/posting-api/job-board/example-co": "ashby.json",
    "/api/remote-jobs": "remotive.json",
    "/api": "remoteok.json",
}


class _Handler(BaseHTTPRequestHandler):
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
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


class BoardServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.routes: dict = {}
        self.requests: list[dict] = []
        self.hits: dict[str, int] = {}
        self.lock = threading.Lock()
        self.release = threading.Event()  # lets stalled handlers finish at teardown
        self.base = f"http://127.0.0.1:{self.server_address[1]}"
        for path, name in FIXTURE_PATHS.items():
            self.routes[path] = (200, (DATA / name).read_bytes(), {})

    def url(self, path: str) -> str:
        return self.base + path

    def handle_error(self, request, client_address) -> None:
        pass  # clients that hang up mid-response are part of the tests


@contextlib.contextmanager
def serve() -> Iterator[BoardServer]:
    srv = BoardServer()
    thread = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    try:
        yield srv
    finally:
        srv.release.set()
        srv.shutdown()
        srv.server_close()
        thread.join(5)
