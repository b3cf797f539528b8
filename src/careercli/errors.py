"""The one exception type the core raises; the CLI turns it into a message and exit code 1."""

from __future__ import annotations


class CareerError(Exception):
    """A problem the user can act on: unknown role, bad data file, failed sync."""

    def __init__(self, message: str, *, hint: str | None = None, details: list[str] | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.details = details or []

    def __str__(self) -> str:
        lines = [self.message, *(f"  {d}" for d in self.details)]
        if self.hint:
            lines.append(self.hint)
        return "\n".join(lines)
