"""A learning plan toward a role: what to learn, in which order, how long it may take, and how
far along you are.

Items are the role's technical skills you do not have yet, plus the prerequisites they need that
you do not have either (from the taxonomy: Python before PyTorch, SQL before dbt). A skill comes
after everything it builds on; within that order, required skills come before nice-to-have ones
and foundations, heavier first. Stages hold at most five items, so each is a step a person can
see the end of. Each item carries a rough effort in hours (the taxonomy's `effort_hours`, less
the share your skills already evidence); with a pace in hours a week, each stage gets weeks and a
finish date. Progress marks (done, learning, skip) come from the user's progress file: a skill
marked done counts as known. Professional skills are listed apart.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from careercli.catalog import Catalog, Role
from careercli.errors import CareerError
from careercli.matching import (
    Resolution,
    certification_picker,
    fit_of,
    known_skills,
    progress_resolutions,
    requirement_credit,
)
from careercli.profile import Progress
from careercli.text import shorten

if TYPE_CHECKING:
    from careercli.background import Person
    from careercli.jobs.demand import RoleDemand
    from careercli.matching.fit import CertSuggestion

IMPORTANCE_ORDER = {"required": 0, "nice-to-have": 1, "foundation": 2}
MAX_STAGE_ITEMS = 5
DEFAULT_EFFORT = 40  # hours, for a skill the taxonomy gives no estimate for


@dataclass
class PlanItem:
    skill: str
    importance: str  # required | nice-to-have | foundation
    reason: str
    stage: int
    status: str  # todo | learning
    partial: bool
    certifications: tuple[CertSuggestion, ...]
    prerequisites: tuple[str, ...]
    effort_hours: int = 0
    demand: dict[str, Any] | None = None  # {count, share, listings} in your stored listings

    def to_dict(self) -> dict[str, Any]:
        return {
            "skill": self.skill,
            "importance": self.importance,
            "reason": self.reason,
            "stage": self.stage,
            "status": self.status,
            "partial": self.partial,
            "effort_hours": self.effort_hours,
            "certifications": [c.to_dict() for c in self.certifications],
            "prerequisites": list(self.prerequisites),
            "demand": self.demand,
        }


@dataclass
class Stage:
    number: int
    items: list[PlanItem]
    weeks: int | None = None
    finish: str | None = None

    @property
    def hours(self) -> int:
        return sum(i.effort_hours for i in self.items)

    def to_dict(self) -> dict[str, Any]:
        return {
            "stage": self.number,
            "items": [i.to_dict() for i in self.items],
            "hours": self.hours,
            "weeks": self.weeks,
            "finish": self.finish,
        }


@dataclass
class Plan:
    role_id: str
    role_name: str
    fit_now: float
    fit_after: float
    items: list[PlanItem]
    steps: list[dict[str, str]]
    known: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    professional: list[tuple[str, bool]] = field(default_factory=list)
    hours_per_week: float | None = None
    start: str | None = None
    effort_basis: str = ""
    demand_listings: int | None = None  # when your stored listings ordered the items

    @property
    def stages(self) -> list[Stage]:
        out: dict[int, list[PlanItem]] = {}
        for item in self.items:
            out.setdefault(item.stage, []).append(item)
        stages = [Stage(n, out[n]) for n in sorted(out)]
        if self.hours_per_week:
            day = dt.date.fromisoformat(self.start) if self.start else dt.date.today()
            for stage in stages:
                stage.weeks = max(1, math.ceil(stage.hours / self.hours_per_week))
                day += dt.timedelta(weeks=stage.weeks)
                stage.finish = day.isoformat()
        return stages

    @property
    def hours(self) -> int:
        return sum(i.effort_hours for i in self.items)

    def to_dict(self) -> dict[str, Any]:
        stages = self.stages
        return {
            "role": {"id": self.role_id, "name": self.role_name},
            "fit": self.fit_now,
            "fit_after": self.fit_after,
            "stages": [s.to_dict() for s in stages],
            "hours": self.hours,
            "pace": {
                "hours_per_week": self.hours_per_week,
                "weeks": sum(s.weeks or 0 for s in stages) if self.hours_per_week else None,
                "finish": stages[-1].finish if stages and self.hours_per_week else None,
            },
            "effort_basis": self.effort_basis,
            "demand_listings": self.demand_listings,
            "steps": self.steps,
            "known": self.known,
            "skipped": self.skipped,
            "professional_skills": [{"skill": s, "met": met} for s, met in self.professional],
        }


def step_id(role_id: str, n: int) -> str:
    return f"{role_id}:{n}"


def parse_step_id(catalog: Catalog, text: str) -> str | None:
    """The step id 'ROLE-ID:N' names, checked against the role's steps; None if it is not one."""
    role_part, _, number = text.strip().rpartition(":")
    if not (role_part and number.isdigit() and catalog.has_role(role_part)):
        return None
    if not 1 <= int(number) <= len(catalog.role(role_part).steps):
        raise CareerError(f"{role_part} has no step {number}.")
    return step_id(role_part, int(number))


def mark_progress(catalog: Catalog, items: list[str], status: str | None) -> list[str]:
    """Mark skills (any way they are typed) or step ids done, learning or skip (None clears the
    mark); saves the progress file and returns the keys marked."""
    from careercli.matching import Resolver
    from careercli.profile import update_progress

    resolver = Resolver(catalog)
    marks: list[tuple[str, bool]] = []  # (key, is a step)
    for item in items:
        key = parse_step_id(catalog, item)
        if key is not None:
            marks.append((key, True))
            continue
        res = resolver.resolve(item)
        if res.skill is None:
            hint = f"Did you mean: {', '.join(res.suggestions)}?" if res.suggestions else None
            raise CareerError(f"{shorten(item)!r} is not a skill or a step id.", hint=hint)
        marks.append((res.skill, False))

    def apply(progress: Progress) -> None:
        for key, is_step in marks:
            bucket = progress.steps if is_step else progress.skills
            if status is None:
                bucket.pop(key, None)
            else:
                bucket[key] = status

    update_progress(apply)
    return [key for key, _ in marks]


def _step_status(catalog: Catalog, text: str, credit: dict[str, float]) -> str:
    """'covered' when the step only teaches skills the person already has."""
    from careercli.extract import step_covered

    return "covered" if step_covered(catalog, text, credit) else "todo"


def build_plan(
    catalog: Catalog,
    role: Role,
    resolutions: list[Resolution],
    progress: Progress,
    *,
    person: Person | None = None,
    hours_per_week: float | None = None,
    start: str | None = None,
    demand: RoleDemand | None = None,
) -> Plan:
    """`demand` (enough stored listings of the role) puts, within each stage, what more of
    your listings ask for first."""
    credit, _ = known_skills(catalog, [*resolutions, *progress_resolutions(progress.done_skills())])
    skipped = {s for s, status in progress.skills.items() if status == "skip"}
    skills = catalog.skills
    reqs = [r.row for r in role.skills]
    fit_now = fit_of(reqs, credit)[0]
    groups = {r.skill: r.names for r in role.skills}

    def prerequisites(name: str) -> tuple[str, ...]:
        return skills[name].prerequisites if name in skills else ()

    wanted: dict[str, tuple[str, str]] = {}  # skill -> (importance, reason)
    tier: dict[str, int] = {}  # 0: required and what they build on; 1: nice-to-have
    for r in role.skills:
        if r.professional:
            continue
        if requirement_credit(r.names, credit) < 1.0 and not skipped & set(r.names):
            wanted[r.skill] = (r.importance, r.importance)
            tier[r.skill] = 0 if r.importance == "required" else 1
    queue = sorted(wanted, key=lambda n: tier[n])
    while queue:
        name = queue.pop(0)
        for pre in prerequisites(name):
            if pre in skipped or credit.get(pre, 0.0) >= 1.0:
                continue
            if pre in wanted:
                if tier[name] < tier[pre]:
                    tier[pre] = tier[name]  # what a required skill builds on is required too
                    queue.append(pre)
                continue
            wanted[pre] = ("foundation", f"before {name}")
            tier[pre] = tier[name]
            queue.append(pre)

    depth: dict[str, int] = {}

    def level(name: str, trail: frozenset[str] = frozenset()) -> int:
        if name in depth:
            return depth[name]
        below = [
            level(p, trail | {name}) for p in prerequisites(name) if p in wanted and p not in trail
        ]
        depth[name] = 1 + max(below, default=0)
        return depth[name]

    def effort(name: str) -> int:
        names = groups.get(name, (name,))
        hours = min(
            (skills[n].effort_hours or DEFAULT_EFFORT) if n in skills else DEFAULT_EFFORT
            for n in names
        )
        left = hours * (1 - requirement_credit(names, credit))
        return max(1, round(left))

    picker = certification_picker(catalog, role, set(wanted), person)
    position = {r.skill: n for n, r in enumerate(role.skills)}
    weight = {r.skill: r.weight for r in role.skills}

    def asked(name: str) -> float:
        return -max(demand.share(n) for n in groups.get(name, (name,))) if demand else 0.0

    def asked_dict(name: str) -> dict[str, Any] | None:
        if demand is None:
            return None
        return demand.to_dict(max(groups.get(name, (name,)), key=demand.share))

    ordered = sorted(
        wanted,
        key=lambda n: (
            tier[n],
            level(n),
            IMPORTANCE_ORDER[wanted[n][0]],
            asked(n),
            -weight.get(n, 0),
            position.get(n, 999),
            n.casefold(),
        ),
    )
    # Stages of at most five: first what the role requires (with what it builds on), then what
    # is nice to have; a stage only holds skills whose prerequisites are in earlier stages.
    stage_of: dict[str, int] = {}
    number, count, last = 0, 0, (-1, -1)
    for name in ordered:
        if (tier[name], level(name)) != last or count == MAX_STAGE_ITEMS:
            number, count, last = number + 1, 0, (tier[name], level(name))
        stage_of[name] = number
        count += 1
    items = [
        PlanItem(
            skill=name,
            importance=wanted[name][0],
            reason=wanted[name][1],
            stage=stage_of[name],
            status="learning" if progress.skills.get(name) == "learning" else "todo",
            partial=requirement_credit(groups.get(name, (name,)), credit) > 0,
            certifications=picker(name, groups.get(name, (name,))),
            prerequisites=tuple(p for p in prerequisites(name) if p in wanted),
            effort_hours=effort(name),
            demand=asked_dict(name),
        )
        for name in ordered
    ]
    after = dict(credit)
    for item in items:
        after[groups.get(item.skill, (item.skill,))[0]] = 1.0
    steps = [
        {
            "id": step_id(role.id, n),
            "text": text,
            "status": progress.steps.get(step_id(role.id, n), _step_status(catalog, text, credit)),
        }
        for n, text in enumerate(role.steps, 1)
    ]
    return Plan(
        role_id=role.id,
        role_name=role.name,
        fit_now=fit_now,
        fit_after=fit_of(reqs, after)[0],
        items=items,
        steps=steps,
        known=[
            r.skill
            for r in role.skills
            if not r.professional and requirement_credit(r.names, credit) >= 1.0
        ],
        skipped=sorted(skipped & {r.skill for r in role.skills}),
        professional=[
            (r.skill, requirement_credit(r.names, credit) >= 1.0)
            for r in role.skills
            if r.professional
        ],
        hours_per_week=hours_per_week,
        start=start,
        effort_basis=catalog.effort_basis,
        demand_listings=demand.listings if demand else None,
    )
