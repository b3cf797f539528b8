"""Demand for skills in your stored listings: which skills the listings of a role (or of an
occupation's SOC code) ask for, how often, whether as a requirement or a nice-to-have when the
description says, and month by month when the listings have dates.

Sections are read with a simple heuristic: a heading such as "Requirements", "Qualifications"
or "What you'll need" starts a required section; "Nice to have", "Preferred", "Bonus" or
"Pluses" a nice-to-have one; a skill named in both counts as required.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from careercli.errors import CareerError

if TYPE_CHECKING:
    from careercli.catalog import Catalog
    from careercli.jobs.tagger import Tagger

# Below this many listings, an order by demand says more about the sample than the market.
MIN_LISTINGS = 10

_NICE = (
    r"nice[\s-]+to[\s-]+haves?|preferred(?:\s+(?:qualifications|skills|experience))?|"
    r"bonus(?:\s+points)?|pluses|good[\s-]+to[\s-]+haves?|(?:it'?s\s+)?a\s+plus|"
    r"desired(?:\s+(?:qualifications|skills))?|extra\s+credit"
)
_REQUIRED = (
    r"(?:minimum|basic|required|key)\s+(?:qualifications|requirements|skills)|requirements|"
    r"qualifications|required(?:\s+skills)?|must[\s-]+haves?|what\s+you(?:'ll|\s+will)?\s+need|"
    r"what\s+we(?:'re|\s+are)\s+looking\s+for|who\s+you\s+are|you\s+(?:have|bring)|"
    r"skills\s+(?:and|&)\s+experience"
)
_HEADING_TEXT = (
    rf"(?:^|(?<=[\n.!?:;•*#>|])|(?<=\s\s))[\s*#_>•-]*(?:(?P<nice>{_NICE})|(?P<req>{_REQUIRED}))"
    r"[\s*_]*(?::|\n|\s-\s|$|(?=\s+[A-Z0-9•*-]))"
)


@functools.cache
def _heading() -> re.Pattern[str]:
    return re.compile(_HEADING_TEXT, re.IGNORECASE)  # compiled for `demand` only, not `gap`


@dataclass
class SkillDemand:
    skill: str
    count: int
    share: float
    required: int = 0
    nice_to_have: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "skill": self.skill,
            "count": self.count,
            "share": self.share,
            "required": self.required,
            "nice_to_have": self.nice_to_have,
        }


@dataclass
class MonthDemand:
    month: str
    listings: int
    skills: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "month": self.month,
            "listings": self.listings,
            "skills": [{"skill": k, "count": v} for k, v in self.skills.items()],
        }


@dataclass
class Demand:
    """The demand for skills in the stored (and bundled) listings of one role or SOC code."""

    role: str | None
    soc: str | None
    name: str
    listings: int
    skills: list[SkillDemand]
    months: list[MonthDemand]
    dated: int = 0

    @property
    def enough(self) -> bool:
        """Enough listings for an order by demand to mean something (MIN_LISTINGS)."""
        return self.listings >= MIN_LISTINGS

    def share_of(self, skill: str) -> float | None:
        for s in self.skills:
            if s.skill == skill:
                return s.share
        return None if not self.listings else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "role": self.role,
            "soc": self.soc,
            "name": self.name,
            "listings": self.listings,
            "enough": self.enough,
            "skills": [s.to_dict() for s in self.skills],
            "months": [m.to_dict() for m in self.months],
            "dated": self.dated,
        }


def sections(text: str) -> list[tuple[str | None, str]]:
    """(kind, text) pieces of a description: kind is 'required', 'nice' or None before any
    heading that says."""
    out: list[tuple[str | None, str]] = []
    kind: str | None = None
    pos = 0
    for m in _heading().finditer(text):
        out.append((kind, text[pos : m.start()]))
        kind = "nice" if m.group("nice") else "required"
        pos = m.end()
    out.append((kind, text[pos:]))
    return [(k, t) for k, t in out if t.strip()]


def classify(tagger: Tagger, description: str | None) -> dict[str, str]:
    """skill → 'required' or 'nice' for the skills a description's sections name."""
    if not description:
        return {}
    found: dict[str, str] = {}
    for kind, piece in sections(description[:20_000]):
        if kind is None:
            continue
        for skill in tagger.skills_in(piece):
            if found.get(skill) != "required":
                found[skill] = kind
    return found


def skill_demand(
    catalog: Catalog, role_id: str | None = None, soc: str | None = None, *, months: int = 12
) -> Demand:
    """The demand of skills in the stored listings of a role (catalog id) or of a SOC code:
    listings counted once across sources, each skill's count and share, how often it is
    required or nice-to-have where the description says, and counts by month (the last
    `months` months that have dated listings)."""
    from careercli.jobs.store import Store
    from careercli.jobs.tagger import Tagger

    if (role_id is None) == (soc is None):
        raise CareerError("Name one role or one SOC code for the demand of skills.")
    if role_id is not None and not catalog.has_role(role_id):
        raise CareerError(f"Unknown role {role_id!r}.")
    if soc is not None and not re.fullmatch(r"\d\d-\d\d\d\d(?:\.\d\d)?", soc):
        raise CareerError(f"{soc!r} is not a SOC code such as 15-2051.")
    name = catalog.role_name(role_id) if role_id else f"SOC {soc}"
    tagger = Tagger(catalog)
    counts: dict[str, int] = {}
    required: dict[str, int] = {}
    nice: dict[str, int] = {}
    by_month: dict[str, MonthDemand] = {}
    total = dated = 0
    with Store(catalog) as store:
        for skills_text, description, posted in store.listings_for(role_id, soc):
            total += 1
            skills = [s for s in (skills_text or "").split("|") if s]
            kinds = classify(tagger, description)
            for skill in skills:
                counts[skill] = counts.get(skill, 0) + 1
                kind = kinds.get(skill)
                if kind == "required":
                    required[skill] = required.get(skill, 0) + 1
                elif kind == "nice":
                    nice[skill] = nice.get(skill, 0) + 1
            if posted and len(posted) >= 7:
                dated += 1
                month = by_month.setdefault(posted[:7], MonthDemand(posted[:7], 0))
                month.listings += 1
                for skill in skills:
                    month.skills[skill] = month.skills.get(skill, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].casefold()))
    found = [
        SkillDemand(
            skill, count, round(count / total, 4), required.get(skill, 0), nice.get(skill, 0)
        )
        for skill, count in ranked
    ]
    top = [s.skill for s in found[:10]]
    recent = sorted(by_month.values(), key=lambda m: m.month)[-months:] if months else []
    for month in recent:
        month.skills = {s: month.skills[s] for s in top if s in month.skills}
    return Demand(role_id, soc, name, total, found, recent, dated)


@dataclass(frozen=True)
class RoleDemand:
    """How often each skill appears in the stored listings of one role (for gap and plan)."""

    role: str
    name: str
    listings: int
    counts: dict[str, int]

    @property
    def enough(self) -> bool:
        return self.listings >= MIN_LISTINGS

    def share(self, skill: str) -> float:
        return self.counts.get(skill, 0) / self.listings if self.listings else 0.0

    def said(self, skill: str) -> str:
        """'in 78% of your 312 Data Analyst listings'"""
        return f"in {self.share(skill):.0%} of your {self.listings:,} {self.name} listings"

    def to_dict(self, skill: str) -> dict[str, Any]:
        return {
            "count": self.counts.get(skill, 0),
            "share": round(self.share(skill), 4),
            "listings": self.listings,
        }


def role_demands(catalog: Catalog, role_ids: list[str]) -> dict[str, RoleDemand]:
    """The demand for skills in your stored (and bundled) listings of each role, from one
    grouped read. Callers skip it when there is no store (commands.common.listing_demands)."""
    from careercli.jobs.store import Store

    listings: dict[str, int] = dict.fromkeys(role_ids, 0)
    counts: dict[str, dict[str, int]] = {r: {} for r in role_ids}
    with Store(catalog) as store:
        for role, skills, n in store.role_skill_counts(role_ids):
            listings[role] += n
            bucket = counts[role]
            for skill in (skills or "").split("|"):
                if skill:
                    bucket[skill] = bucket.get(skill, 0) + n
    return {
        r: RoleDemand(r, catalog.role_name(r), listings[r], counts[r])
        for r in role_ids
        if listings[r]
    }
