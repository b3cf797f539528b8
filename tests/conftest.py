"""Every test runs with its own config, cache and store folders and a plain, 80-column terminal."""

from __future__ import annotations

import datetime

import pytest
from typer.testing import CliRunner

from careercli.cli import app
from httpserver import serve


@pytest.fixture(autouse=True)
def isolated_env(tmp_path, monkeypatch):
    for name in ("config", "cache", "store"):
        folder = tmp_path / f"user-{name}"
        monkeypatch.setenv(f"CAREERCLI_{name.upper()}_DIR", str(folder))
    for name in ("CAREERCLI_DATA_DIR", "FORCE_COLOR", "CLICOLOR_FORCE", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("TERM", "xterm-256color")
    return tmp_path


@pytest.fixture
def run():
    """Invoke the real Typer app; stdout and stderr are kept apart."""
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None, env: dict[str, str] | None = None):
        return runner.invoke(app, list(args), input=input, env=env, catch_exceptions=False)

    return invoke


@pytest.fixture
def server():
    """A local stand-in for the job boards on 127.0.0.1 (see tests/httpserver.py)."""
    with serve() as srv:
        yield srv


class _FrozenClock(datetime.datetime):
    """Every `now()` is the same second, as when two resets or clears come in quick succession."""

    @classmethod
    def now(cls, tz=None):
        return cls(2026, 1, 2, 3, 4, 5, tzinfo=tz)


@pytest.fixture
def frozen_clock(monkeypatch):
    """datetime.datetime.now() stands still at one second (2026-01-02 03:04:05)."""
    monkeypatch.setattr(datetime, "datetime", _FrozenClock)
