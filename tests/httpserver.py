"""A local HTTP server on 127.0.0.1 that plays the job boards; tests never touch the internet.

It serves the recorded fixtures in tests/data/boards/ at each board's real API path for the
board name "example-co", and whatever a test puts in `routes`: a (status, body, headers) tuple
or a callable that gets the request handler (errors, stalls, endless bodies, redirects; the
misbehaving ones are in tests/faultkit.py).
`serve()` runs one for the length of a `with` block; conftest.py wraps it as the `server`
fixture.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import faultkit

DATA = Path(__file__).resolve().parent / "data" / "boards"
FIXTURE_PATHS = {
    "/v0/postings/example-co": "lever.json",
    "/v1/boards/example-co/jobs": "greenhouse.json",
    "/posting-api/job-board/example-co": "ashby.json",
    "/api/remote-jobs": "remotive.json",
    "/api": "remoteok.json",
}


class BoardServer(faultkit.BoardServer):
    def __init__(self) -> None:
        super().__init__()
        for path, name in FIXTURE_PATHS.items():
            self.routes[path] = (200, (DATA / name).read_bytes(), {})


@contextlib.contextmanager
def serve() -> Iterator[BoardServer]:
    with faultkit.serve(BoardServer()) as srv:
        yield srv
