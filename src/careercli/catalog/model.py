"""The catalog's typed rows: skills, certifications, requirements, roles and the compact role
index that ranking reads. Plain NamedTuples: cheap to build from the compiled cache."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from careercli.catalog.load import Catalog


class Skill(NamedTuple):
    name: str
    category: str
    aliases: tuple[str, ...]
    implies: tuple[str, ...]  # "is evidence of": partial credit
    prerequisites: tuple[str, ...]
    kind_of: tuple[str, ...] = ()  # "is a kind of": full credit
    effort_hours: int | None = None


class Certification(NamedTuple):
    name: str
    provider: str
    code: str | None
    level: str
    url: str
    status: str
    retired: str | None
    replaced_by: tuple[str, ...]
    aliases: tuple[str, ...]
    skills: tuple[str, ...]  # what it mainly certifies
    sources: tuple[str, ...]
    reviewed: str
    incidental: tuple[str, ...] = ()  # touched on, not what it certifies
    prerequisites: dict[str, Any] | None = None
    cost: dict[str, Any] | None = None
    preparation: dict[str, Any] | None = None

    @property
    def current(self) -> bool:
        return self.status == "current"

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "provider": self.provider,
            "code": self.code,
            "level": self.level,
            "status": self.status,
            "retired": self.retired,
            "replaced_by": list(self.replaced_by),
            "url": self.url,
            "skills": list(self.skills),
            "incidental": list(self.incidental),
            "prerequisites": self.prerequisites,
            "cost": self.cost,
            "preparation": self.preparation,
            "sources": list(self.sources),
            "reviewed": self.reviewed,
        }


def options_label(options: tuple[str, ...]) -> str:
    """'AWS, Azure or Google Cloud' for a one-of group; the skill itself for one skill."""
    if len(options) == 1:
        return options[0]
    return f"{', '.join(options[:-1])} or {options[-1]}"


class Requirement(NamedTuple):
    skill: str  # the skill, or the label of a one-of group
    importance: str
    weight: int
    options: tuple[str, ...] = ()  # the skills any one of which satisfies it
    professional: bool = False  # a skill tools cannot evidence: listed apart, not in the fit

    @property
    def names(self) -> tuple[str, ...]:
        return self.options or (self.skill,)

    @property
    def row(self) -> tuple[tuple[str, ...], str, int, bool]:
        """The compact form ranking reads (see RoleRow.requirements)."""
        return (self.names, self.importance, self.weight, self.professional)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"skill": self.skill, "importance": self.importance}
        out["weight"] = self.weight
        if len(self.names) > 1:
            out["one_of"] = list(self.names)
        return out


class RoleRow(NamedTuple):
    """A role as ranking sees it: what it is called and what it requires, nothing more."""

    id: str
    name: str
    track: str
    level: str
    summary: str
    # (skills, importance, weight, professional) per requirement
    requirements: tuple[tuple[tuple[str, ...], str, int, bool], ...]
    min_education: str | None = None  # the entry gates that block (see background.py)
    min_years: float | None = None


class Role(NamedTuple):
    id: str
    name: str
    aliases: tuple[str, ...]
    track: str
    level: str
    summary: str
    definition: str
    responsibilities: tuple[str, ...]
    skills: tuple[Requirement, ...]
    education: tuple[str, ...]
    certifications: tuple[str, ...]
    tools: dict[str, tuple[str, ...]]
    industries: tuple[str, ...]
    outlook: dict[str, Any]
    steps: tuple[str, ...]
    related: tuple[dict[str, str], ...]
    soc: tuple[str, ...]
    sources: tuple[str, ...]
    reviewed: str
    file: str
    soc_match: str = "close"
    onet: tuple[str, ...] = ()
    gates: dict[str, Any] | None = None
    kind: str = "role"  # role | occupation (an O*NET occupation in a role's shape)

    @property
    def skill_names(self) -> tuple[str, ...]:
        return tuple(r.skill for r in self.skills)

    def to_dict(self, catalog: Catalog | None = None) -> dict[str, Any]:
        certs: list[Any] = list(self.certifications)
        if catalog is not None:
            certs = [catalog.certification_dict(name) for name in self.certifications]
        return {
            "id": self.id,
            "kind": self.kind,
            "name": self.name,
            "aliases": list(self.aliases),
            "track": self.track,
            "level": self.level,
            "summary": self.summary,
            "definition": self.definition,
            "responsibilities": list(self.responsibilities),
            "skills": [r.to_dict() for r in self.skills],
            "education": list(self.education),
            "certifications": certs,
            "tools": {k: list(v) for k, v in self.tools.items()},
            "industries": list(self.industries),
            "outlook": self.outlook,
            "steps": list(self.steps),
            "related": [dict(r) for r in self.related],
            "soc": list(self.soc),
            "soc_match": self.soc_match,
            "onet": list(self.onet),
            "gates": self.gates,
            "sources": list(self.sources),
            "reviewed": self.reviewed,
        }


def role_from_profile(p: dict[str, Any]) -> Role:
    return Role(
        id=p["id"],
        name=p["name"],
        aliases=tuple(p["aliases"]),
        track=p["track"],
        level=p["level"],
        summary=p["summary"],
        definition=p["definition"],
        responsibilities=tuple(p["responsibilities"]),
        skills=tuple(Requirement(options_label(o), i, w, o, f) for o, i, w, f in p["skills"]),
        education=tuple(p["education"]),
        certifications=tuple(p["certifications"]),
        tools={k: tuple(v) for k, v in p["tools"]},
        industries=tuple(p["industries"]),
        outlook=p["outlook"],
        steps=tuple(p["steps"]),
        related=tuple(p["related"]),
        soc=tuple(p["soc"]),
        sources=tuple(p["sources"]),
        reviewed=p["reviewed"],
        file=p["file"],
        soc_match=p["soc_match"],
        onet=tuple(p["onet"]),
        gates=p["gates"],
    )
