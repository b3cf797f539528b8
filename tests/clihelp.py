"""Assertions on CliRunner results shared by the command tests."""

from __future__ import annotations

import json
from typing import Any


def no_traceback(result: Any) -> None:
    assert "Traceback" not in result.stdout, result.stdout
    assert "Traceback" not in result.stderr, result.stderr


def ok(result: Any) -> Any:
    """Exit 0 and no traceback."""
    assert result.exit_code == 0, (result.stdout, result.stderr)
    no_traceback(result)
    return result


def ok_json(result: Any) -> Any:
    return json.loads(ok(result).stdout)


def refused(result: Any) -> Any:
    """Exit 1 with a message on stderr and no traceback."""
    assert result.exit_code == 1, (result.exit_code, result.stdout, result.stderr)
    no_traceback(result)
    assert result.stderr.strip(), "exit 1 without a message on stderr"
    return result
