"""A role requirement as the code names it, read straight from the role YAML.

A requirement is one skill or a one-of group ({one_of: [AWS, Azure, Google Cloud]}); the code
names a group by its documented label, "AWS, Azure or Google Cloud" (catalog.options_label).
"""

from __future__ import annotations


def options(req: dict) -> list[str]:
    """The skills any one of which satisfies the requirement."""
    return list(req.get("one_of") or [req["skill"]])


def label(req: dict) -> str:
    """The skill, or for a one-of group 'A, B or C'."""
    names = options(req)
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


def group_labels(roles: dict[str, dict]) -> set[str]:
    """Labels of every one-of group in these role documents (they have no prerequisites)."""
    return {label(r) for doc in roles.values() for r in doc["skills"] if len(options(r)) > 1}
