"""Roles side by side: which roles to compare, and what they share."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from careercli.errors import CareerError

if TYPE_CHECKING:
    from careercli.catalog import Catalog, Role
    from careercli.salary import RoleSalary, Wages

# The two roles of the article careercli grew from.
DEFAULT_PAIR = ("data-analyst", "lead-machine-learning-engineer")
MIN_ROLES, MAX_ROLES = 2, 4


@dataclass
class Comparison:
    roles: list[Role]
    salaries: list[RoleSalary] = field(default_factory=list)

    @property
    def common(self) -> tuple[list[str], float]:
        return skill_overlap(self.roles)


def choose_roles(catalog: Catalog, queries: Sequence[str]) -> list[Role]:
    """The roles to compare: those named (two to four, all different), else the seed pair."""
    if not queries:
        return [catalog.role(r) for r in DEFAULT_PAIR if catalog.has_role(r)]
    if len(queries) > MAX_ROLES:
        raise CareerError(
            f"compare takes at most {MAX_ROLES} roles, not {len(queries)}.",
            hint="Name two to four roles, e.g. careercli compare data-analyst data-scientist",
        )
    chosen = [catalog.find_role(q) for q in queries]
    ids = [r.id for r in chosen]
    if len(set(ids)) != len(ids):
        dup = next(r for r in chosen if ids.count(r.id) > 1)
        raise CareerError(f"{dup.name} is named more than once; compare needs different roles.")
    if len(chosen) < MIN_ROLES:
        raise CareerError(
            f"compare takes two to four roles, not {len(chosen)}.",
            hint="For one role use: careercli show ROLE",
        )
    return chosen


def compare(catalog: Catalog, queries: Sequence[str], wages: Wages) -> Comparison:
    from careercli.salary import role_salary

    roles = choose_roles(catalog, queries)
    return Comparison(roles, [role_salary(r, wages) for r in roles])


def skill_overlap(roles: list[Role]) -> tuple[list[str], float]:
    """Skills every role names, and their share of all skills named (Jaccard, 0-100)."""
    sets = [set(r.skill_names) for r in roles]
    if not sets:
        return [], 0.0
    common = set.intersection(*sets)
    union = set.union(*sets)
    order = [s for s in roles[0].skill_names if s in common]
    return order, round(100 * len(common) / len(union), 1) if union else 0.0
