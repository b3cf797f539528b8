"""A learning plan toward a role: what to learn, in which order, and how far along you are.

Items are the role's skills you do not have yet, plus the prerequisites they need that you do not
have either (from the taxonomy: Python before PyTorch, SQL before dbt). Stages follow the
prerequisites: a skill's stage is one more than the latest stage of what it builds on. Within a
stage, required skills come before nice-to-have ones and foundations. Progress marks (done,
learning, skip) come from the user's progress file: a skill marked done counts as known.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

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

IMPORTANCE_ORDER = {"required": 0, "nice-to-have": 1, "foundation": 2}


@dataclass
class PlanItem:
    skill: str
    importance: str  # required | nice-to-have | foundation
    reason: str
    stage: int
    status: str  # todo | learning
    partial: bool
    certifications: tuple[str, ...]
    prerequisites: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "skill": self.skill,
            "importance": self.importance,
            "reason": self.reason,
            "stage": self.stage,
            "status": self.status,
            "partial": self.partial,
            "certifications": list(self.certifications),
            "prerequisites": list(self.prerequisites),
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

    @property
    def stages(self) -> list[list[PlanItem]]:
        out: dict[int, list[PlanItem]] = {}
        for item in self.items:
            out.setdefault(item.stage, []).append(item)
        return [out[k] for k in sorted(out)]

    def to_dict(self) -> dict[str, Any]:
        return {
            "role": {"id": self.role_id, "name": self.role_name},
            "fit": self.fit_now,
            "fit_after": self.fit_after,
            "stages": [
                {"stage": n, "items": [i.to_dict() for i in items]}
                for n, items in enumerate(self.stages, 1)
            ],
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
    from careercli.profile import load_progress, save_progress

    progress = load_progress()
    resolver = Resolver(catalog)
    changed = []
    for item in items:
        key = parse_step_id(catalog, item)
        bucket = progress.steps
        if key is None:
            res = resolver.resolve(item)
            if res.skill is None:
                hint = f"Did you mean: {', '.join(res.suggestions)}?" if res.suggestions else None
                raise CareerError(f"{shorten(item)!r} is not a skill or a step id.", hint=hint)
            key, bucket = res.skill, progress.skills
        if status is None:
            bucket.pop(key, None)
        else:
            bucket[key] = status
        changed.append(key)
    save_progress(progress)
    return changed


def build_plan(
    catalog: Catalog, role: Role, resolutions: list[Resolution], progress: Progress
) -> Plan:
    credit, _ = known_skills(catalog, [*resolutions, *progress_resolutions(progress.done_skills())])
    skipped = {s for s, status in progress.skills.items() if status == "skip"}
    skills = catalog.skills
    reqs = [r.row for r in role.skills]
    fit_now = fit_of(reqs, credit)[0]
    groups = {r.skill: r.names for r in role.skills}

    def prerequisites(name: str) -> tuple[str, ...]:
        return skills[name].prerequisites if name in skills else ()

    wanted: dict[str, tuple[str, str]] = {}  # skill -> (importance, reason)
    for r in role.skills:
        if r.professional:
            continue
        if requirement_credit(r.names, credit) < 1.0 and not skipped & set(r.names):
            wanted[r.skill] = (r.importance, r.importance)
    queue = list(wanted)
    while queue:
        name = queue.pop(0)
        for pre in prerequisites(name):
            if pre in wanted or pre in skipped or credit.get(pre, 0.0) >= 1.0:
                continue
            wanted[pre] = ("foundation", f"before {name}")
            queue.append(pre)

    stage: dict[str, int] = {}

    def depth(name: str, trail: frozenset[str] = frozenset()) -> int:
        if name in stage:
            return stage[name]
        below = [
            depth(p, trail | {name}) for p in prerequisites(name) if p in wanted and p not in trail
        ]
        stage[name] = 1 + max(below, default=0)
        return stage[name]

    picker = certification_picker(catalog, role, set(wanted))
    items = [
        PlanItem(
            skill=name,
            importance=importance,
            reason=reason,
            stage=depth(name),
            status="learning" if progress.skills.get(name) == "learning" else "todo",
            partial=requirement_credit(groups.get(name, (name,)), credit) > 0,
            certifications=picker(name, groups.get(name, (name,))),
            prerequisites=tuple(p for p in prerequisites(name) if p in wanted),
        )
        for name, (importance, reason) in wanted.items()
    ]
    position = {r.skill: n for n, r in enumerate(role.skills)}
    weight = {r.skill: r.weight for r in role.skills}
    items.sort(
        key=lambda i: (
            i.stage,
            IMPORTANCE_ORDER[i.importance],
            -weight.get(i.skill, 0),
            position.get(i.skill, 999),
            i.skill.casefold(),
        )
    )
    after = dict(credit)
    for item in items:
        after[groups.get(item.skill, (item.skill,))[0]] = 1.0
    steps = [
        {
            "id": step_id(role.id, n),
            "text": text,
            "status": progress.steps.get(step_id(role.id, n), "todo"),
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
    )
