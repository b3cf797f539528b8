"""Roles side by side: which roles to compare, and what they share."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from careercli.errors import CareerError

if TYPE_CHECKING:
    from careercli.catalog import Catalog, Role
    from careercli.salary import RoleSalary, Wages

# The two roles of the article careercli grew from.
DEFAULT_PAIR = ("data-analyst", "lead-machine-learning-engineer")
MIN_ROLES, MAX_ROLES = 2, 4


@dataclass
class Pair:
    """Two compared roles and the required skills they share."""

    first: Role
    second: Role
    shared: list[str]  # required by both, in the first role's order
    required: int  # required by either

    def to_dict(self) -> dict[str, Any]:
        return {
            "roles": [self.first.id, self.second.id],
            "shared_required": self.shared,
            "shared": len(self.shared),
            "of": self.required,
        }


@dataclass
class Comparison:
    roles: list[Role]
    salaries: list[RoleSalary] = field(default_factory=list)
    source: str = "named"  # named | profile | seed: where the roles came from

    @property
    def common(self) -> list[str]:
        """Skills every compared role names."""
        return skills_in_common(self.roles)

    @property
    def pairs(self) -> list[Pair]:
        return [pair(a, b) for a, b in itertools.combinations(self.roles, 2)]


def choose_roles(
    catalog: Catalog,
    queries: Sequence[str],
    targets: Sequence[str] = (),
    find: Callable[[str], Role] | None = None,
) -> tuple[list[Role], str]:
    """The roles to compare and where they came from: those named (two to four, all
    different; `find` reads each, by default as a role), else the profile's targets when it
    has two or more, else the seed pair."""
    if not queries:
        saved = [t for t in dict.fromkeys(targets) if catalog.has_role(t)]
        if len(saved) >= MIN_ROLES:
            return [catalog.role(t) for t in saved[:MAX_ROLES]], "profile"
        return [catalog.role(r) for r in DEFAULT_PAIR if catalog.has_role(r)], "seed"
    if len(queries) > MAX_ROLES:
        raise CareerError(
            f"compare takes at most {MAX_ROLES} roles, not {len(queries)}.",
            hint="Name two to four roles, e.g. careercli compare data-analyst data-scientist",
        )
    chosen = [(find or catalog.find_role)(q) for q in queries]
    ids = [r.id for r in chosen]
    if len(set(ids)) != len(ids):
        dup = next(r for r in chosen if ids.count(r.id) > 1)
        raise CareerError(f"{dup.name} is named more than once; compare needs different roles.")
    if len(chosen) < MIN_ROLES:
        raise CareerError(
            f"compare takes two to four roles, not {len(chosen)}.",
            hint="For one role use: careercli show ROLE",
        )
    return chosen, "named"


def compare(
    catalog: Catalog,
    queries: Sequence[str],
    wages: Wages,
    targets: Sequence[str] = (),
    find: Callable[[str], Role] | None = None,
) -> Comparison:
    from careercli.salary import role_salary

    roles, source = choose_roles(catalog, queries, targets, find)
    return Comparison(roles, [role_salary(r, wages) for r in roles], source)


def skills_in_common(roles: list[Role]) -> list[str]:
    """Skills every role names, in the first role's order."""
    if not roles:
        return []
    common = set.intersection(*(set(r.skill_names) for r in roles))
    return [s for s in dict.fromkeys(roles[0].skill_names) if s in common]


def _required(role: Role) -> list[str]:
    return [r.skill for r in role.skills if r.importance == "required"]


def pair(first: Role, second: Role) -> Pair:
    mine, theirs = _required(first), set(_required(second))
    shared = [s for s in dict.fromkeys(mine) if s in theirs]
    return Pair(first, second, shared, len(set(mine) | theirs))
