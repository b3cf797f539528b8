"""Every test runs with its own config and store folders and a plain, 80-column terminal.

The compiled-catalog cache is shared by the tests of one worker (compiling the catalog in every
test is what made the suite slow); a test that checks the cache itself takes `own_cache`.
Hypothesis runs the "dev" profile (few examples) unless HYPOTHESIS_PROFILE=ci.
"""

from __future__ import annotations

import datetime
import os

import pytest
import typer.main
import typer.testing
from hypothesis import HealthCheck, settings
from typer.testing import CliRunner

from careercli.cli import app
from httpserver import serve

# Typer rebuilds the whole click command tree on every CliRunner.invoke (about 20 ms); the
# tree never changes during a run, so build it once per app. The app is kept with its tree: a
# key of id(app) alone would be reused by a later app once the first is collected.
_commands: dict[int, tuple[object, object]] = {}


def _cached_command(app):
    kept = _commands.get(id(app))
    if kept is None or kept[0] is not app:
        kept = _commands[id(app)] = (app, typer.main.get_command(app))
    return kept[1]


typer.testing._get_command = _cached_command

settings.register_profile("dev", max_examples=15, deadline=None)
settings.register_profile(
    "ci", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


@pytest.fixture(scope="session")
def shared_cache(tmp_path_factory):
    return tmp_path_factory.mktemp("shared-cache")


@pytest.fixture(autouse=True)
def isolated_env(tmp_path, monkeypatch, shared_cache):
    for name in ("config", "store"):
        folder = tmp_path / f"user-{name}"
        monkeypatch.setenv(f"CAREERCLI_{name.upper()}_DIR", str(folder))
    monkeypatch.setenv("CAREERCLI_CACHE_DIR", str(shared_cache))
    for name in ("CAREERCLI_DATA_DIR", "FORCE_COLOR", "CLICOLOR_FORCE", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("TERM", "xterm-256color")
    return tmp_path


@pytest.fixture
def own_cache(tmp_path, monkeypatch):
    """A cache folder of this test's own, empty at the start (for tests of the cache)."""
    folder = tmp_path / "user-cache"
    monkeypatch.setenv("CAREERCLI_CACHE_DIR", str(folder))
    return folder


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


def pytest_collection_modifyitems(items):
    """A test that starts the local board server is slow by definition (-m "not slow" skips it)."""
    for item in items:
        if "server" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.slow)
