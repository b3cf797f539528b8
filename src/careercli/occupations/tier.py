"""O*NET occupations in the shape the rest of careercli reads roles in, so that gap, compare
and next answer for both tiers through the same code.

An occupation's requirements are the taxonomy skills its technology examples read as
(data/crosswalk.json): a Hot Technology or In Demand example weighs 2, one that is both 3, and
these count as required; any other weighs 1, nice to have. An occupation is measured on the
skills its job postings ask for most: those of the heaviest weight, then the next, until there
are at least MIN_SKILLS (Software Developers name 110 taxonomy skills, 29 of them both Hot and
In Demand: a fit over all 110 would rank every large occupation last). Only occupations with at
least MIN_SKILLS such skills are ranked: a fit over a handful of tools (Travel Guides: Excel,
SQL, Tableau...) says little.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from careercli.catalog import Requirement, Role, RoleRow
from careercli.errors import CareerError

if TYPE_CHECKING:
    from careercli.catalog import Catalog
    from careercli.occupations.data import Details, Onet
    from careercli.salary import Wages

MIN_SKILLS = 8
KIND = "occupation"


def importance(weight: int) -> str:
    return "required" if weight >= 2 else "nice-to-have"


class OccupationTier:
    """The ranked O*NET occupations and their role-shaped profiles, built when first asked."""

    def __init__(self, catalog: Catalog, onet: Onet | None = None):
        from careercli.occupations.data import onet as bundled

        self.catalog = catalog
        self.onet = onet or bundled()
        self._rows: list[RoleRow] | None = None
        self._roles: dict[str, Role] = {}

    def requirements(self, code: str, everything: bool = False) -> list[Requirement]:
        """The skills the occupation is measured on (all its taxonomy skills if everything)."""
        cat = self.catalog
        found = [(s, w) for s, w in self.onet.requirements(code) if s in cat.skills]
        if not everything:
            kept: list[tuple[str, int]] = []
            for weight in (3, 2, 1):
                if sum(1 for s, _ in kept if not cat.is_professional(s)) >= MIN_SKILLS:
                    break
                kept += [(s, w) for s, w in found if w == weight]
            found = kept
        return [Requirement(s, importance(w), w, (), cat.is_professional(s)) for s, w in found]

    @property
    def rows(self) -> list[RoleRow]:
        """Every occupation with enough skills in the taxonomy, as ranking reads a role."""
        if self._rows is None:
            rows = []
            for code, occ in self.onet.index.items():
                reqs = self.requirements(code)
                if sum(1 for r in reqs if not r.professional) < MIN_SKILLS:
                    continue
                rows.append(RoleRow(code, occ.title, KIND, "", "", tuple(r.row for r in reqs)))
            self._rows = rows
        return self._rows

    @property
    def unranked(self) -> int:
        return len(self.onet.index) - len(self.rows)

    def has(self, code: str) -> bool:
        return code in self.onet.index

    def role(self, code: str) -> Role:
        role = self._roles.get(code)
        if role is None:
            role = occupation_role(self.onet, self.onet.details(code), self.requirements(code))
            self._roles[code] = role
        return role


def _education_lines(onet: Onet, details: Details) -> tuple[str, ...]:
    edu = details.education
    if not edu.get("typical"):
        return ()
    shares = ", ".join(
        f"{level} {share:g}%" for level, share in edu["distribution"].items() if share
    )
    return (f"Typical: {edu['typical']} (O*NET respondents: {shares})",)


def occupation_role(onet: Onet, details: Details, reqs: list[Requirement]) -> Role:
    """An occupation as a role-shaped profile (for compare and the detail of gap)."""
    occ = details.occupation
    hot = [t.name for t in details.technology if t.hot]
    demand = [t.name for t in details.technology if t.in_demand]
    tools: dict[str, tuple[str, ...]] = {}
    if demand:
        tools["In Demand"] = tuple(demand)
    if hot:
        tools["Hot Technology"] = tuple(hot)
    zone = occ.job_zone
    summary = f"O*NET {occ.code}; job zone {zone if zone else 'not rated'}"
    return Role(
        id=occ.code,
        name=occ.title,
        aliases=(),
        track=KIND,
        level="all levels",
        summary=summary,
        definition=details.description,
        responsibilities=tuple(details.tasks),
        skills=tuple(reqs),
        education=_education_lines(onet, details),
        certifications=(),
        tools=tools,
        industries=(),
        outlook={"summary": "", "figures": []},
        steps=(),
        related=(),
        soc=(occ.soc,),
        sources=(onet.attribution,),
        reviewed=str(onet.meta.get("built", "")),
        file="",
        onet=(occ.code,),
        kind=KIND,
    )


def with_wage_soc(role: Role, onet: Onet, wages: Wages) -> Role:
    """The occupation's profile with the OEWS code its wages are published under."""
    soc = onet.wage_soc(role.id, wages)
    return role._replace(soc=(soc,)) if soc and role.soc != (soc,) else role


def find(catalog: Catalog, query: str, onet: Onet | None = None) -> Role | Details:
    """A role or an O*NET occupation by what a user typed: an O*NET-SOC code ("15-2051.00",
    "29-1141"), a role id, name or alias, an occupation's title or alternate title ("registered
    nurse"), else a typo of a role (CareerError with suggestions when unsure)."""
    from careercli.occupations.data import onet as bundled
    from careercli.text import normalize

    role_id = catalog.role_lookup.get(normalize(query))
    if role_id is not None:  # a role's exact name reads no O*NET data
        return catalog.role(role_id)
    onet = onet or bundled()
    code = onet.code_for(query)
    if code is not None:
        return onet.details(code)
    found, tied = occupation_by_title(onet, query)
    if found is not None:
        return onet.details(found)
    try:
        return catalog.find_role(query)
    except CareerError as exc:
        lines = [exc.hint] if exc.hint else []
        if tied:
            names = ", ".join(f"{onet[c].title} ({c})" for c in tied[:6])
            lines.append(f"It is a title of several O*NET occupations: {names}.")
        lines.append("An O*NET occupation: careercli occupations --search WORDS (then its code).")
        raise CareerError(exc.message, hint="\n".join(lines)) from None


def occupation_by_title(onet: Onet, query: str) -> tuple[str | None, list[str]]:
    """The occupation a title names outright (its own title, singular or plural, or the
    alternate title O*NET gives most weight to); else the occupations tied for it."""
    from careercli.occupations.titleindex import title_index

    index = title_index()
    key = index.lexicon.key(query)
    found = [p for p in index.get(key) if p.code in onet.index] if key else []
    if not found:
        return None, []
    top = max(p.weight for p in found)
    best = sorted({p.code for p in found if p.weight == top})
    return (best[0], []) if len(best) == 1 else (None, best)


def compare(
    catalog: Catalog, queries: list[str], wages: Wages, targets: list[str] | None = None
) -> Any:
    """compare.compare with roles and occupations mixed: each query is found as `show` finds
    it; an occupation takes part in its role-shaped profile."""
    from careercli.compare import compare as compare_roles

    tier: OccupationTier | None = None

    def finder(query: str) -> Role:
        nonlocal tier
        found = find(catalog, query, tier.onet if tier else None)
        if isinstance(found, Role):
            return found
        tier = tier or OccupationTier(catalog)
        return with_wage_soc(tier.role(found.occupation.code), tier.onet, wages)

    return compare_roles(catalog, queries, wages, targets or [], find=finder)
