"""Career moves from where you are: the roles a role leads to, and the occupations O*NET
relates to it, each with your fit, what you would learn, the job zone step and the change in
median wage.

Moves are ranked by how related they are (a role's own up, sideways and down moves and
O*NET's Primary-Short relations first, then Primary-Long, then Supplemental), then by how
reachable and rewarding they are: your fit (0-1) plus the relative change in median wage
(capped at ±50%), a step of more than one job zone counting half.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from careercli.errors import CareerError

if TYPE_CHECKING:
    from careercli.catalog import Catalog, Role
    from careercli.matching import Match
    from careercli.occupations.data import Details, Onet
    from careercli.occupations.tier import OccupationTier
    from careercli.salary import Wages

RELATEDNESS_RANK = {"up": 0, "sideways": 0, "down": 0, "same occupation": 0, "Primary-Short": 0}
RELATEDNESS_RANK |= {"Primary-Long": 1, "Supplemental": 2}
MAX_MISSING = 8


@dataclass
class Place:
    """Where a move starts or ends: a role or an occupation, with its job zone and wage."""

    id: str
    kind: str  # role | occupation
    name: str
    soc: str | None  # the OEWS code its wage comes from
    job_zone: int | None
    median_wage: int | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "name": self.name,
            "soc": self.soc,
            "job_zone": self.job_zone,
            "median_wage": self.median_wage,
        }


@dataclass
class Move:
    to: Place
    relatedness: str  # up | sideways | down (a role's own), Primary-Short | Primary-Long |
    # Supplemental (O*NET), same occupation (a role filed under the occupation)
    fit: float | None
    missing: list[str]
    wage_change: int | None
    zone_step: int | None
    score: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.to.id,
            "kind": self.to.kind,
            "name": self.to.name,
            "fit": self.fit,
            "missing": self.missing,
            "wage_change": self.wage_change,
            "relatedness": self.relatedness,
        }


@dataclass
class Moves:
    origin: Place
    moves: list[Move] = field(default_factory=list)
    with_skills: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"from": self.origin.to_dict(), "moves": [m.to_dict() for m in self.moves]}


class Planner:
    """Builds the moves from one place, with one person's skills (credit, how) or none."""

    def __init__(
        self,
        catalog: Catalog,
        tier: OccupationTier,
        wages: Wages,
        credit: dict[str, float] | None = None,
        how: dict[str, Match] | None = None,
    ):
        self.catalog = catalog
        self.tier = tier
        self.onet: Onet = tier.onet
        self.wages = wages
        self.credit = credit
        self.how = how or {}

    # ----------------------------------------------------------------------- places

    def _median(self, soc: str | None) -> int | None:
        wage = self.wages.wage(soc) if soc else None
        value = wage.values.get("p50") if wage else None
        return int(value) if value is not None else None

    def role_place(self, role: Role) -> Place:
        soc = next((s for s in role.soc if s in self.wages.occupations), None)
        code = next((c for c in role.onet if c in self.onet.index), None)
        zone = self.onet.index[code].job_zone if code else None
        return Place(role.id, "role", role.name, soc, zone, self._median(soc))

    def occupation_place(self, code: str) -> Place:
        occ = self.onet[code]
        soc = self.onet.wage_soc(code, self.wages)
        return Place(code, "occupation", occ.title, soc, occ.job_zone, self._median(soc))

    # ----------------------------------------------------------------------- moves

    def _fit(self, role: Role) -> tuple[float | None, list[str]]:
        from careercli.matching import requirement_credit, role_fit

        technical = [r for r in role.skills if not r.professional]
        if self.credit is None:
            needed = [r.skill for r in technical if r.importance == "required"] or [
                r.skill for r in technical
            ]
            return None, needed[:MAX_MISSING]
        if not technical:
            return None, []
        fit = role_fit(self.catalog, role, self.credit, self.how, full=False)
        missing = [g.skill for g in fit.missing if requirement_credit(g.options, self.credit) < 1]
        return fit.fit, missing[:MAX_MISSING]

    def _move(self, origin: Place, to: Place, role: Role, relatedness: str) -> Move:
        fit, missing = self._fit(role)
        change = None
        if origin.median_wage is not None and to.median_wage is not None:
            change = to.median_wage - origin.median_wage
        step = None
        if origin.job_zone is not None and to.job_zone is not None:
            step = to.job_zone - origin.job_zone
        reach = (fit / 100) if fit is not None else (1.0 if step is None or step <= 0 else 0.5)
        if step is not None and step > 1:
            reach /= 2
        reward = 0.0
        if change is not None and origin.median_wage:
            reward = max(-0.5, min(0.5, change / origin.median_wage))
        return Move(to, relatedness, fit, missing, change, step, round(reach + reward, 4))

    def from_role(self, role: Role) -> Moves:
        origin = self.role_place(role)
        moves: dict[str, Move] = {}
        for rel in role.related:
            target = rel["role"]
            if self.catalog.has_role(target) and target != role.id:
                other = self.catalog.role(target)
                moves[target] = self._move(origin, self.role_place(other), other, rel["relation"])
        own = {c for c in role.onet if c in self.onet.index}
        self._add_related(origin, own, moves, exclude=own)
        return self._ranked(origin, moves)

    def from_occupation(self, code: str) -> Moves:
        origin = self.occupation_place(code)
        moves: dict[str, Move] = {}
        for other in self.catalog.roles():
            if code in other.onet:
                moves[other.id] = self._move(
                    origin, self.role_place(other), other, "same occupation"
                )
        self._add_related(origin, {code}, moves, exclude={code})
        return self._ranked(origin, moves)

    def _add_related(
        self, origin: Place, codes: set[str], moves: dict[str, Move], exclude: set[str]
    ) -> None:
        from careercli.occupations.data import TIER_RANK

        best: dict[str, str] = {}
        for code in sorted(codes):
            for other, tier in self.onet.details(code).related:
                if other in exclude:
                    continue
                if other not in best or TIER_RANK[tier] < TIER_RANK[best[other]]:
                    best[other] = tier
        for other, tier in best.items():
            role = self.tier.role(other)
            moves.setdefault(other, self._move(origin, self.occupation_place(other), role, tier))

    def _ranked(self, origin: Place, moves: dict[str, Move]) -> Moves:
        ranked = sorted(
            moves.values(),
            key=lambda m: (RELATEDNESS_RANK.get(m.relatedness, 3), -m.score, m.to.name),
        )
        return Moves(origin, ranked, self.credit is not None)


def next_report(
    catalog: Catalog,
    wages: Wages,
    where: str | None,
    title: str | None,
    inputs: list[str],
    targets: list[str] | None = None,
    top: int = 15,
) -> Moves:
    """The moves `next` shows: from `where` (a role or occupation), else the title, else the
    first target role saved in the profile; with the fit of `inputs` when there are any."""
    from careercli.catalog import Role
    from careercli.matching import Resolver, known_skills
    from careercli.matching.fit import no_skill_error
    from careercli.occupations.tier import OccupationTier, find

    tier = OccupationTier(catalog)
    origin: Role | Details
    if where:
        origin = find(catalog, where, tier.onet)
    elif title:
        origin = origin_from_title(catalog, title)
    else:
        own = [t for t in targets or () if catalog.has_role(t)]
        if not own:
            raise CareerError(
                "Say where you are: a role or occupation, or a job title.",
                hint="careercli next ROLE, careercli next --title TITLE, or save a target: "
                "careercli profile set --target ROLE",
            )
        origin = catalog.role(own[0])
    credit = how = None
    if inputs:
        resolutions = Resolver(catalog).resolve_all(inputs)
        credit, how = known_skills(catalog, resolutions)
        if not credit:
            raise no_skill_error([r for r in resolutions if r.skill is None])
    planner = Planner(catalog, tier, wages, credit, how)
    if isinstance(origin, Role):
        result = planner.from_role(origin)
    else:
        result = planner.from_occupation(origin.occupation.code)
    if top > 0:
        result.moves = result.moves[:top]
    return result


def origin_from_title(catalog: Catalog, title: str) -> Role | Details:
    """Where a job title puts you: its curated role if one fits, else its occupation."""
    from careercli.occupations.data import onet
    from careercli.occupations.titles import TitleMapper

    mapping = TitleMapper(catalog).map(title)
    if mapping.role is not None:
        return catalog.role(mapping.role)
    if mapping.occupation is not None:
        return onet().details(mapping.occupation)
    raise CareerError(
        f"No role or occupation is close to the title {title.strip()!r}.",
        hint='See what a title maps to: careercli title "TITLE"',
    )
