"""Fit and gaps: what a person's skills are worth to each role, and what to learn next.

Pure: plain data in, dataclasses out. Credit flows through the taxonomy: a skill you have earns
1; what it is a kind of (PostgreSQL is SQL) earns 1 too; what it is evidence of (PyTorch of deep
learning) earns half, and along a chain the credits multiply, the best chain counting. The fit
is technical: skills a list of tools cannot evidence (communication, leadership, ...) are
listed apart, to show in interviews and on a CV, and never lower the fit.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

from careercli.background import (
    Gate,
    Person,
    certification_fit,
    reachable,
    role_gates,
    row_reachable,
)
from careercli.catalog import Catalog, Certification, Requirement, Role, RoleRow
from careercli.errors import CareerError
from careercli.matching.resolve import Resolution, Resolver

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from careercli.jobs.demand import RoleDemand
    from careercli.occupations.tier import OccupationTier
    from careercli.profile import Progress

IMPLIED_CREDIT = 0.5
WEIGHTING = {
    "required": 3,
    "nice_to_have": 1,
    "implied_credit": IMPLIED_CREDIT,
    "formula": "fit = 100 * sum(weight * credit) / sum(weight), over the role's technical "
    "skills; credit is 1 for a skill you have or one it is a kind of (PostgreSQL is SQL), 0.5 "
    "for one it is evidence of (PyTorch of deep learning), multiplied along a chain, 0 "
    "otherwise; a one-of requirement takes its best option. Professional skills (communication, "
    "leadership, ...) are listed apart and not in the fit.",
}


class Match(NamedTuple):
    input: str
    skill: str
    score: float
    how: str  # exact | alias | fuzzy | kind_of | implied
    credit: float
    source: str = "input"  # input | resume | profile | progress
    via: str | None = None  # the skill you have that gives this credit, when derived

    def to_dict(self) -> dict[str, Any]:
        out = {
            "input": self.input,
            "skill": self.skill,
            "score": self.score,
            "how": self.how,
            "credit": self.credit,
            "from": self.source,
        }
        if self.via:
            out["via"] = self.via
        return out


class CertSuggestion(NamedTuple):
    """A current certification suggested for a gap, and whether it fits the person."""

    name: str
    code: str | None
    level: str
    prerequisites: str | None  # the vendor's prerequisites, in our words
    fits: bool | None  # None: depends on a background the person has not given
    why: str | None

    @classmethod
    def of(cls, cert: Certification, person: Person) -> CertSuggestion:
        fit = certification_fit(cert, person)
        pre = (cert.prerequisites or {}).get("text")
        return cls(cert.name, cert.code, cert.level, pre, fit.fits, fit.why)

    @property
    def label(self) -> str:
        return (
            f"{self.name} ({self.code})" if self.code and self.code not in self.name else self.name
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "code": self.code,
            "level": self.level,
            "prerequisites": self.prerequisites,
            "fits": self.fits,
            "why": self.why,
        }


class Gap(NamedTuple):
    skill: str
    importance: str
    weight: int
    partial: bool
    certifications: tuple[CertSuggestion, ...]
    prerequisites: tuple[str, ...]
    options: tuple[str, ...] = ()
    demand: dict[str, Any] | None = None  # {count, share, listings} in your stored listings

    def to_dict(self) -> dict[str, Any]:
        out = {
            "skill": self.skill,
            "importance": self.importance,
            "weight": self.weight,
            "partial": self.partial,
            "certifications": [c.to_dict() for c in self.certifications],
            "prerequisites_missing": list(self.prerequisites),
            "demand": self.demand,
        }
        if len(self.options) > 1:
            out["one_of"] = list(self.options)
        return out


@dataclass
class RoleFit:
    id: str
    name: str
    fit: float
    required_met: int
    required_total: int
    matched: list[Match] = field(default_factory=list)
    missing: list[Gap] = field(default_factory=list)
    professional: list[tuple[str, bool]] = field(default_factory=list)
    certifications: list[CertSuggestion] = field(default_factory=list)
    gates: list[Gate] = field(default_factory=list)
    reachable: bool = True
    steps: list[str] = field(default_factory=list)
    steps_covered: list[bool] = field(default_factory=list)  # teaches only what you have
    next_best: dict[str, Any] | None = None
    weight_total: int = 0
    weight_earned: float = 0.0
    detailed: bool = True  # False: ranked only, without certifications or next best skill
    demand: RoleDemand | None = None  # set when your stored listings order the gaps
    kind: str = "role"  # role | occupation

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "name": self.name,
            "fit": self.fit,
            "required_met": self.required_met,
            "required_total": self.required_total,
            "matched": [m.to_dict() for m in self.matched],
            "missing": [g.to_dict() for g in self.missing],
            "professional_skills": [{"skill": s, "met": met} for s, met in self.professional],
            "gates": [g.to_dict() for g in self.gates],
            "reachable": self.reachable,
            "certifications": [c.to_dict() for c in self.certifications],
            "steps": self.steps,
            "steps_covered": self.steps_covered,
            "next_best": self.next_best,
            "weights": {"earned": self.weight_earned, "total": self.weight_total},
            "demand_listings": self.demand.listings if self.demand else None,
        }


@dataclass
class GapReport:
    inputs: list[str]
    resolutions: list[Resolution]
    unrecognized: list[Resolution]
    roles: list[RoleFit]
    ranked_total: int
    credit: dict[str, float] = field(default_factory=dict, repr=False)
    how: dict[str, Match] = field(default_factory=dict, repr=False)
    statuses: dict[str, str] = field(default_factory=dict)  # progress marks: learning, skip
    person: Person = field(default_factory=Person)
    demands: dict[str, RoleDemand] = field(default_factory=dict)  # stored listings per role
    role_of: Callable[[str], Role] | None = field(default=None, repr=False)

    def _with_status(self, role: dict[str, Any]) -> dict[str, Any]:
        for gap in role["missing"]:
            gap["status"] = self.statuses.get(gap["skill"], "todo")
        return role

    def detail(self, catalog: Catalog, role_id: str) -> RoleFit:
        """The full fit of one ranked role (certifications, next best skill), computed once."""
        for n, rf in enumerate(self.roles):
            if rf.id == role_id:
                if not rf.detailed:
                    rf = role_fit(
                        catalog,
                        (self.role_of or catalog.role)(role_id),
                        self.credit,
                        self.how,
                        person=self.person,
                        demand=self._enough(role_id),
                    )
                    self.roles[n] = rf
                return rf
        raise KeyError(f"{role_id} is not among the ranked roles")

    def _enough(self, role_id: str) -> RoleDemand | None:
        found = self.demands.get(role_id)
        return found if found is not None and found.enough else None

    def use_demand(self, catalog: Catalog, demands: Mapping[str, RoleDemand]) -> None:
        """Order each detailed role's gaps by how often your stored listings of it ask for
        them (when there are enough listings to say)."""
        self.demands = dict(demands)
        for n, rf in enumerate(self.roles):
            if rf.detailed and self._enough(rf.id):
                self.roles[n] = role_fit(
                    catalog,
                    (self.role_of or catalog.role)(rf.id),
                    self.credit,
                    self.how,
                    person=self.person,
                    demand=self._enough(rf.id),
                )

    def to_dict(self) -> dict[str, Any]:
        return {
            "inputs": self.inputs,
            "resolved": [r.to_dict() for r in self.resolutions],
            "unrecognized": [
                {
                    "input": r.input,
                    "reason": r.reason or "unknown",
                    "suggestions": list(r.suggestions),
                }
                for r in self.unrecognized
            ],
            "roles": [self._with_status(r.to_dict()) for r in self.roles],
            "ranked": self.ranked_total,
            "weighting": WEIGHTING,
            "background": self.person.to_dict(),
        }


# --------------------------------------------------------------------------- credit


def known_skills(
    catalog: Catalog, resolutions: Iterable[Resolution]
) -> tuple[dict[str, float], dict[str, Match]]:
    """Credit per canonical skill and how each credit was earned. The first source of a skill
    wins (list the inputs before the profile and the progress marks)."""
    credit: dict[str, float] = {}
    how: dict[str, Match] = {}
    direct = []
    for r in resolutions:
        if r.skill is not None and r.skill not in how:
            m = Match(r.input, r.skill, r.score or 0.0, r.how or "exact", 1.0, r.source)
            credit[r.skill] = 1.0
            how[r.skill] = m
            direct.append(m)
    for origin in direct:
        for name, c in closure(catalog, origin.skill).items():
            if c > credit.get(name, 0.0):
                credit[name] = c
                kind = "kind_of" if c >= 1.0 else "implied"
                how[name] = Match(
                    origin.input, name, origin.score, kind, round(c, 3), origin.source, origin.skill
                )
    return credit, how


def progress_resolutions(names: Iterable[str]) -> list[Resolution]:
    """Skills marked done with `careercli progress`, as inputs labelled as such."""
    return [Resolution(n, n, "exact", 100.0, source="progress") for n in names]


def closure(catalog: Catalog, skill: str) -> dict[str, float]:
    """Credit a skill gives, through the taxonomy (itself included, at 1)."""
    skills = catalog.skills
    out = {skill: 1.0}
    stack = [skill]
    while stack:
        name = stack.pop()
        base = out[name]
        entry = skills.get(name)
        if entry is None:
            continue
        for nxt, factor in (
            *((k, 1.0) for k in entry.kind_of),
            *((k, IMPLIED_CREDIT) for k in entry.implies),
        ):
            c = base * factor
            if c > out.get(nxt, 0.0) + 1e-9:
                out[nxt] = c
                stack.append(nxt)
    return out


def requirement_credit(names: tuple[str, ...], credit: dict[str, float]) -> float:
    """Credit for a requirement: its skill's, or the best of a one-of group's."""
    if len(names) == 1:
        return credit.get(names[0], 0.0)
    return max(credit.get(n, 0.0) for n in names)


def fit_of(
    reqs: Iterable[tuple[tuple[str, ...], str, int, bool]], credit: dict[str, float]
) -> tuple[float, int, int]:
    """(technical fit 0-100, required met, required total) for one role's requirements;
    professional requirements are not counted."""
    total = earned = 0.0
    met = req_total = 0
    for names, importance, weight, professional in reqs:
        if professional:
            continue
        total += weight
        c = credit.get(names[0], 0.0) if len(names) == 1 else requirement_credit(names, credit)
        earned += weight * c
        if importance == "required":
            req_total += 1
            if c >= 1.0:
                met += 1
    return (round(100.0 * earned / total, 1) if total else 0.0), met, req_total


# --------------------------------------------------------------------------- gaps


def all_prerequisites(catalog: Catalog, name: str) -> set[str]:
    skills = catalog.skills
    out: set[str] = set()
    stack = list(skills[name].prerequisites) if name in skills else []
    while stack:
        pre = stack.pop()
        if pre not in out:
            out.add(pre)
            stack.extend(skills[pre].prerequisites if pre in skills else ())
    return out


def order_gaps(
    catalog: Catalog,
    missing: list[Requirement],
    credit: dict[str, float],
    demand: RoleDemand | None = None,
) -> list[Requirement]:
    """Required before nice-to-have; then, with `demand`, what more of your stored listings
    ask for first; what you lack entirely before what your skills partly evidence; heavier
    first; and prerequisites before what builds on them."""

    def asked(req: Requirement) -> float:
        return -max(demand.share(n) for n in req.names) if demand else 0.0

    base = sorted(
        enumerate(missing),
        key=lambda p: (
            p[1].importance != "required",
            asked(p[1]),
            requirement_credit(p[1].names, credit) > 0,
            -p[1].weight,
            p[0],
        ),
    )
    position = {req.skill: n for n, (_, req) in enumerate(base)}
    ordered: list[Requirement] = []
    placed: set[str] = set()

    def place(req: Requirement, trail: set[str]) -> None:
        if req.skill in placed or req.skill in trail:
            return
        trail = trail | {req.skill}
        pres = all_prerequisites(catalog, req.skill)
        for pre in sorted(pres, key=lambda s: position.get(s, 1e9)):
            if pre in position and pre not in placed:
                place(base[position[pre]][1], trail)
        placed.add(req.skill)
        ordered.append(req)

    for _, req in base:
        place(req, set())
    return ordered


_ROLE_RANK = {"intern": 0, "junior": 0, "mid": 1, "senior": 2, "lead": 3, "principal": 3}
_ROLE_RANK |= {"manager": 3, "director": 3}
_CERT_RANK = {"foundational": 0, "associate": 1, "professional": 2, "specialty": 2, "expert": 3}


def certification_picker(
    catalog: Catalog, role: Role | None, needed: set[str], person: Person | None = None
) -> Any:
    """A function giving, for a skill (or a one-of group), the current certifications whose
    primary skills include it, as suggestions that say whether they fit the person: those that
    fit first, then the role's own, then those pitched at the role's level, then those covering
    more of `needed`. Without a role (an ad whose title maps to none), those that fit first,
    then those covering more of `needed`. Never one for a professional skill."""
    own = set(role.certifications) if role else set()
    role_rank = _ROLE_RANK.get(role.level, 1) if role else None
    person = person or Person()
    role_skills = {n for r in role.skills for n in r.names} if role else set()

    def relevance(s: CertSuggestion) -> tuple[bool, bool, float, int, int, str]:
        cert = catalog.certifications[s.name]
        distance = 0 if role_rank is None else abs(_CERT_RANK.get(cert.level, 1) - role_rank)
        cover = -len(needed & set(cert.skills))
        # How much of what it certifies the role asks for (FRM certifies statistics, but mostly
        # risk and finance: a poor pick for an ML engineer's statistics gap).
        share = len(role_skills & set(cert.skills)) / max(1, len(cert.skills))
        return (s.fits is False, cert.name not in own, -round(share, 2), distance, cover, cert.name)

    def pick(skill: str, options: tuple[str, ...] = ()) -> tuple[CertSuggestion, ...]:
        found = {
            c.name: CertSuggestion.of(c, person)
            for o in options or (skill,)
            if not catalog.is_professional(o)
            for c in catalog.current_certifications_for(o)
        }
        return tuple(sorted(found.values(), key=relevance))

    return pick


def _is_tool(catalog: Catalog, skill: str) -> bool:
    """A tool gives credit to the concepts it is evidence of; a concept does not."""
    entry = catalog.skills.get(skill)
    return bool(entry and entry.implies)


def next_best(
    catalog: Catalog,
    role: Role,
    missing: list[Gap],
    credit: dict[str, float],
    fit_now: float,
    person: Person | None = None,
) -> dict[str, Any] | None:
    """The missing skill whose learning raises the fit most, among those whose prerequisites
    you have; a prerequisite you lack is suggested in place of what needs it. Ties go to the
    concept before the tool, then to the order of the gap list."""
    reqs = [r.row for r in role.skills]
    skills = catalog.skills
    candidates: dict[str, tuple[str, ...]] = {}  # skill -> the gap options it stands for
    for gap in missing:
        option = gap.options[0] if gap.options else gap.skill
        lacking = [p for p in all_prerequisites(catalog, option) if credit.get(p, 0.0) < 1.0]
        if not lacking:
            candidates.setdefault(option, (gap.skill,))
            continue
        for pre in lacking:
            if all(credit.get(p, 0.0) >= 1.0 for p in all_prerequisites(catalog, pre)):
                candidates.setdefault(pre, (gap.skill,))
    if not candidates:
        return None
    person = person or Person()
    scored = []
    for order, (skill, _) in enumerate(candidates.items()):
        trial = dict(credit)
        for name, c in closure(catalog, skill).items():
            trial[name] = max(trial.get(name, 0.0), c)
        new_fit = fit_of(reqs, trial)[0]
        scored.append((-new_fit, _is_tool(catalog, skill), order, skill, new_fit))
    scored.sort()
    _, _, _, skill, new_fit = scored[0]
    found = next((g for g in missing if skill in (g.skill, *g.options)), None)
    certs = found.certifications if found else _certs_for_skill(catalog, role, skill, person)
    pres = skills[skill].prerequisites if skill in skills else ()
    return {
        "skill": skill,
        "fit": new_fit,
        "gain": round(new_fit - fit_now, 1),
        "certifications": [c.to_dict() for c in certs],
        "prerequisites_missing": [p for p in pres if credit.get(p, 0.0) < 1.0],
        "unlocks": [g for g in candidates[skill] if g != skill],
    }


def _certs_for_skill(
    catalog: Catalog, role: Role, skill: str, person: Person
) -> tuple[CertSuggestion, ...]:
    pick = certification_picker(catalog, role, {skill}, person)
    return tuple(pick(skill))


def role_fit(
    catalog: Catalog,
    role: Role,
    credit: dict[str, float],
    how: dict[str, Match],
    full: bool = True,
    person: Person | None = None,
    demand: RoleDemand | None = None,
) -> RoleFit:
    """How one role fits; `full=False` skips certifications and the next best skill (for
    roles that are only ranked, not detailed); `demand` orders the gaps by your listings."""
    person = person or Person()
    technical = [r for r in role.skills if not r.professional]
    fit, met, req_total = fit_of((r.row for r in role.skills), credit)
    total = sum(r.weight for r in technical)
    earned = sum(r.weight * requirement_credit(r.names, credit) for r in technical)
    matched = [how[n] for r in technical for n in r.names if n in how]
    matched.sort(key=lambda m: (m.how in ("implied", "kind_of"), m.skill.casefold()))
    gaps_needed = [r for r in technical if requirement_credit(r.names, credit) < 1.0]
    skills = catalog.skills
    needed = {n for r in gaps_needed for n in r.names}
    certs_for = certification_picker(catalog, role, needed, person) if full else (lambda *_: ())
    missing: list[Gap] = []
    for req in order_gaps(catalog, gaps_needed, credit, demand):
        certs = certs_for(req.skill, req.names)
        pres = skills[req.skill].prerequisites if req.skill in skills else ()
        prereqs = tuple(p for p in pres if credit.get(p, 0.0) < 1.0)
        partial = requirement_credit(req.names, credit) > 0
        asked = None
        if demand is not None:
            asked = demand.to_dict(max(req.names, key=demand.share))
        missing.append(
            Gap(req.skill, req.importance, req.weight, partial, certs, prereqs, req.names, asked)
        )
    professional = [
        (r.skill, requirement_credit(r.names, credit) >= 1.0) for r in role.skills if r.professional
    ]
    current = [catalog.certifications[c] for c in role.certifications]
    role_certs = [CertSuggestion.of(c, person) for c in current if c.current]
    role_certs.sort(
        key=lambda s: (s.fits is False, -len(needed & set(catalog.certifications[s.name].skills)))
    )
    gates = role_gates(role, person)
    return RoleFit(
        id=role.id,
        name=role.name,
        fit=fit,
        required_met=met,
        required_total=req_total,
        matched=matched,
        missing=missing,
        professional=professional,
        certifications=role_certs,
        gates=gates,
        reachable=reachable(gates),
        steps=list(role.steps),
        steps_covered=_steps_covered(catalog, role, credit) if full else [],
        next_best=(
            next_best(catalog, role, missing, credit, fit, person) if full and missing else None
        ),
        weight_total=total,
        weight_earned=round(earned, 2),
        detailed=full,
        demand=demand,
        kind=role.kind,
    )


def _steps_covered(catalog: Catalog, role: Role, credit: dict[str, float]) -> list[bool]:
    from careercli.extract import step_covered

    return [step_covered(catalog, s, credit) for s in role.steps]


def _rank_key(
    row: RoleRow, credit: dict[str, float], person: Person
) -> tuple[bool, float, int, str, str]:
    """Roles the person can reach first (when their background says), then by fit."""
    fit, met, _ = fit_of(row.requirements, credit)
    blocked = not row_reachable(row.min_education, row.min_years, person)
    return (blocked, -fit, -met, row.name.casefold(), row.id)


def gap_report(
    catalog: Catalog,
    inputs: list[str],
    *,
    role_ids: list[str] | None = None,
    top: int | None = 10,
    also_known: Iterable[str] = (),
    resolver: Resolver | None = None,
    detail: set[str] | None = None,
    always: list[str] | None = None,
    source: str = "input",
    extra: Iterable[Resolution] = (),
    person: Person | None = None,
    reachable_only: bool = False,
    occupations: OccupationTier | None = None,
) -> GapReport:
    """Rank roles by fit for these inputs; details for the ranked roles that are returned.
    Roles in `always` are returned even when they rank below `top` (after the top ones).
    `also_known` are skills marked done (from progress); `extra` are resolutions from other
    sources (a résumé). With `occupations`, O*NET occupations are ranked with the roles."""
    resolver = resolver or Resolver(catalog)
    person = person or Person()
    resolutions = [*resolver.resolve_all(inputs, source), *extra]
    counted = [*resolutions, *progress_resolutions(also_known)]
    credit, how = known_skills(catalog, counted)
    rows = catalog.index
    if role_ids is not None:
        wanted = dict.fromkeys(role_ids)
        rows = [r for r in rows if r.id in wanted]
    elif occupations is not None:
        rows = [*rows, *occupations.rows]

    def role_of(role_id: str) -> Role:
        if occupations is not None and not catalog.has_role(role_id):
            return occupations.role(role_id)
        return catalog.role(role_id)

    if reachable_only:
        rows = [r for r in rows if row_reachable(r.min_education, r.min_years, person)]
    ranked = sorted(rows, key=lambda r: _rank_key(r, credit, person))
    chosen = ranked if not top or top <= 0 else ranked[:top]
    if always and top and top > 0:
        shown = {r.id for r in chosen}
        chosen += [r for r in ranked[top:] if r.id in always and r.id not in shown]
    fits = [
        role_fit(catalog, role_of(r.id), credit, how, detail is None or r.id in detail, person)
        for r in chosen
    ]
    return GapReport(
        inputs=inputs,
        resolutions=resolutions,
        unrecognized=[r for r in resolutions if r.skill is None],
        roles=fits,
        ranked_total=len(ranked),
        credit=credit,
        how=how,
        person=person,
        role_of=role_of,
    )


def no_skill_error(unrecognized: list[Resolution]) -> CareerError:
    """No input is a skill careercli knows: say so, with what they may have meant."""
    from careercli.text import shorten

    shown = ", ".join(repr(shorten(r.input, 40)) for r in unrecognized[:8])
    more = f" and {len(unrecognized) - 8} more" if len(unrecognized) > 8 else ""
    ideas = list(dict.fromkeys(s for r in unrecognized for s in r.suggestions))[:8]
    ambiguous = [repr(shorten(r.input, 20)) for r in unrecognized if r.reason == "ambiguous"]
    lines = []
    if ideas:
        lines.append(f"Did you mean: {', '.join(ideas)}?")
    if ambiguous:
        lines.append(f"{', '.join(ambiguous[:4])}: could mean several skills; name one.")
    lines.append('See how an input is read: careercli skills "INPUT"; all skills: careercli skills')
    return CareerError(
        f"None of these is a skill careercli knows: {shown}{more}.", hint="\n".join(lines)
    )


def gap_analysis(
    catalog: Catalog,
    inputs: list[str],
    *,
    role_ids: list[str] | None = None,
    targets: list[str] | None = None,
    top: int = 10,
    progress: Progress | None = None,
    detail_all: bool = False,
    source: str = "input",
    extra: Iterable[Resolution] = (),
    person: Person | None = None,
    reachable_only: bool = False,
    occupations: OccupationTier | None = None,
) -> tuple[GapReport, list[str]]:
    """The report `gap` shows, and the roles it details: every --role (whatever `top` says),
    else the profile's targets (added to the ranking when they fall outside the top), else the
    best fit. `detail_all` details every ranked role (JSON does). No skill recognised at all
    (and none marked done) is an error, not a ranking of 0% fits."""
    done = progress.done_skills() if progress else []
    targets = [t for t in targets or () if catalog.has_role(t)]
    only = None if detail_all else set(role_ids or targets)
    report = gap_report(
        catalog,
        inputs,
        role_ids=role_ids,
        top=0 if role_ids else top,
        also_known=done,
        detail=only,
        always=targets,
        source=source,
        extra=extra,
        person=person,
        reachable_only=reachable_only,
        occupations=occupations,
    )
    if not report.credit:
        raise no_skill_error(report.unrecognized)
    if role_ids:
        detail = list(dict.fromkeys(role_ids))
    elif targets:
        detail = targets
    else:
        detail = [r.id for r in report.roles[:1]]
    for role_id in detail:
        report.detail(catalog, role_id)
    if progress:
        report.statuses = {k: v for k, v in progress.skills.items() if v != "done"}
    return report, detail
