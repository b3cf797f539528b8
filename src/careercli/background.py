"""A person's background (years of experience, education, level) and what it opens: the entry
gates of roles, whether a certification's prerequisites and level fit, and whether a listing's
level fits. Unknown background is unknown: it neither blocks nor passes a gate."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from careercli.vocab import CareerLevel, Education

if TYPE_CHECKING:
    from careercli.catalog import Certification, Role

EDUCATION_RANK = {e: n for n, e in enumerate(Education.values())}
EDUCATION_NAME = {
    "none": "no formal education",
    "high-school": "a high-school diploma",
    "associate": "an associate degree",
    "bachelor": "a bachelor's degree",
    "master": "a master's degree",
    "phd": "a PhD",
}


def years_text(years: float) -> str:
    return f"{years:g} year" + ("" if years == 1 else "s")


# Career levels a person may state, and the years of experience each stands for.
PERSON_LEVELS = CareerLevel.values()
LEVEL_YEARS = {"junior": 1.0, "mid": 3.0, "senior": 6.0, "lead": 9.0}
_CERT_RANK = {"foundational": 0, "associate": 1, "professional": 2, "specialty": 2, "expert": 3}


@dataclass(frozen=True)
class Person:
    years: float | None = None
    education: str | None = None
    level: str | None = None  # an override of the level the years suggest

    @property
    def known(self) -> bool:
        return self.years is not None or self.education is not None or self.level is not None

    @property
    def experience(self) -> float | None:
        """Years of experience: as stated, else what the stated level stands for."""
        if self.years is not None:
            return self.years
        return LEVEL_YEARS.get(self.level or "")

    @property
    def career_level(self) -> str | None:
        if self.level:
            return self.level
        if self.years is None:
            return None
        return (
            "junior"
            if self.years < 2
            else "mid"
            if self.years < 5
            else ("senior" if self.years < 8 else "lead")
        )

    def with_overrides(
        self, years: float | None, education: str | None, level: str | None
    ) -> Person:
        """This background with what was given for one command on top."""
        return Person(
            self.years if years is None else years,
            education or self.education,
            level or self.level,
        )

    def describe(self) -> str:
        parts = []
        if self.years is not None:
            parts.append(years_text(self.years) + " of experience")
        if self.education:
            parts.append(EDUCATION_NAME[self.education])
        if self.level:
            parts.append(f"{self.level} level")
        return ", ".join(parts) or "background not given"

    def to_dict(self) -> dict[str, Any]:
        return {"years": self.years, "education": self.education, "level": self.level}


class Gate(NamedTuple):
    kind: str  # education | years
    need: str  # "a PhD", "5+ years"
    met: bool | None  # None: the background does not say
    required: bool  # a minimum (blocks) rather than what is typical

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "need": self.need, "met": self.met, "required": self.required}

    @property
    def label(self) -> str:
        return f"needs {self.need}" if self.required else f"typically {self.need}"


def _edu_met(person: Person, level: str) -> bool | None:
    if person.education is None:
        return None
    return EDUCATION_RANK[person.education] >= EDUCATION_RANK[level]


def _years_met(person: Person, years: float) -> bool | None:
    have = person.experience
    return None if have is None else have >= years


def role_gates(role: Role, person: Person) -> list[Gate]:
    """The role's entry gates and whether the person meets each."""
    gates = role.gates or {}
    out: list[Gate] = []
    edu = gates.get("education") or {}
    low, typical = edu.get("minimum"), edu.get("typical")
    if low and EDUCATION_RANK[low] > EDUCATION_RANK["none"]:
        out.append(Gate("education", EDUCATION_NAME[low], _edu_met(person, low), True))
    if typical and (not low or EDUCATION_RANK[typical] > EDUCATION_RANK[low]):
        out.append(Gate("education", EDUCATION_NAME[typical], _edu_met(person, typical), False))
    years = gates.get("years") or {}
    least, usual = years.get("minimum"), years.get("typical")
    if least:
        out.append(Gate("years", f"{least:g}+ years", _years_met(person, least), True))
    if usual and usual > (least or 0):
        out.append(Gate("years", f"{usual:g}+ years", _years_met(person, usual), False))
    return out


def reachable(gates: list[Gate]) -> bool:
    """No required gate the person is known to miss."""
    return all(g.met is not False for g in gates if g.required)


def row_reachable(min_education: str | None, min_years: float | None, person: Person) -> bool:
    """The same answer from a role's index row, without loading the whole role."""
    if min_education and _edu_met(person, min_education) is False:
        return False
    return not (min_years and _years_met(person, min_years) is False)


class CertFit(NamedTuple):
    fits: bool | None  # None: depends on a background the person has not given
    why: str | None


def certification_fit(cert: Certification, person: Person) -> CertFit:
    """Whether a certification's stated prerequisites and level fit the person."""
    pre = cert.prerequisites or {}
    if pre and pre.get("required", True):
        missing = []
        unknown = False
        if pre.get("years"):
            met = _years_met(person, float(pre["years"]))
            unknown |= met is None
            if met is False:
                missing.append(years_text(pre["years"]) + " of experience")
        if pre.get("education"):
            met = _edu_met(person, pre["education"])
            unknown |= met is None
            if met is False:
                missing.append(EDUCATION_NAME[pre["education"]])
        if missing:
            return CertFit(False, "needs " + " and ".join(missing))
        if unknown:
            return CertFit(None, "needs " + _requirement_words(pre))
    have = person.experience
    rank = _CERT_RANK.get(cert.level, 1)
    if have is not None and rank >= 2 and have < 2:
        return CertFit(False, f"a {cert.level}-level certification, aimed at experienced people")
    if have is not None and rank == 0 and have >= 5:
        return CertFit(False, "foundational: below your experience")
    if not person.known:
        return CertFit(None, None)
    return CertFit(True, None)


def _requirement_words(pre: dict[str, Any]) -> str:
    parts = []
    if pre.get("years"):
        parts.append(years_text(pre["years"]) + " of experience")
    if pre.get("education"):
        parts.append(EDUCATION_NAME[pre["education"]])
    return " and ".join(parts)


_LISTING_RANK = {"intern": 0, "entry": 1, "mid": 2, "senior": 3, "lead": 4, "executive": 5}
_PERSON_RANK = {"junior": 1, "mid": 2, "senior": 3, "lead": 4}


def listing_level_fit(level: str | None, person: Person) -> str | None:
    """'below your level' (an internship for someone with 6 years), 'above your level', or
    None when it fits or either side is unknown."""
    mine = person.career_level
    if level not in _LISTING_RANK or mine is None:
        return None
    gap = _LISTING_RANK[level] - _PERSON_RANK[mine]
    if gap <= -2 or (level == "intern" and mine != "junior"):
        return "below your level"
    if gap >= 2:
        return "above your level"
    return None
