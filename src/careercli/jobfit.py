"""Your fit to one job posting: what the ad asks for, what you have, what to do about the gap.

The posting is read with the same extractor as résumés and listings (careercli.extract): its
skills split into required and nice-to-have by the section they are in, and its requirements
(years, degree, work authorisation, sponsorship, clearance, seniority), each with the sentence
it came from. The fit uses gap's formula over the ad's technical skills: weight 3 for required,
1 for nice-to-have; credit 1 for a skill you have or one it is a kind of, 0.5 for one it is
evidence of. Professional skills the ad names are listed apart and never lower the fit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from careercli.errors import CareerError
from careercli.matching.fit import IMPLIED_CREDIT, Match, known_skills, order_gaps

if TYPE_CHECKING:
    from careercli.background import Person
    from careercli.catalog import Catalog
    from careercli.extract.requirements import Requirements
    from careercli.extract.skills import Found
    from careercli.matching.resolve import Resolution

WEIGHTS = {"required": 3, "nice-to-have": 1}
FORMULA = (
    "fit = 100 * sum(weight * credit) / sum(weight), over the ad's technical skills; weight 3 "
    "for required, 1 for nice-to-have; credit 1 for a skill you have or one it is a kind of, "
    f"{IMPLIED_CREDIT} for one it is evidence of, multiplied along a chain, 0 otherwise. "
    "Professional skills are listed apart and not in the fit."
)


class Posting:
    """The text of a job ad and where it came from."""

    __slots__ = ("kind", "listing_id", "name", "text", "title")

    def __init__(self, text: str, title: str, name: str, kind: str, listing_id: str | None = None):
        self.text, self.title, self.name, self.kind = text, title, name, kind
        self.listing_id = listing_id


def read_posting(catalog: Catalog, job: str, stdin: Any = None) -> Posting:
    """A posting from a file (text, Markdown, HTML, PDF, DOCX), '-' (standard input), or the id
    of a listing in the job store or the bundled listings."""
    from pathlib import Path

    from careercli.documents import read_document

    if job == "-" or Path(job).exists():
        doc = read_document(job, stdin=stdin)
        return Posting(doc.text, doc.title, doc.name, doc.kind)
    from careercli.jobs.store import Store

    with Store(catalog) as store:
        listing = store.get(job)
    if listing is None:
        raise CareerError(
            f"{job!r} is neither a file nor the id of a stored listing.",
            hint="Give a file (or - for standard input), or a listing id from: "
            "careercli jobs --format json",
        )
    text = listing.description or listing.title
    return Posting(text, listing.title, listing.id, "listing", listing.id)


@dataclass
class Gate:
    kind: str  # years | education | authorization | sponsorship | clearance
    need: Any
    met: bool | None  # None: your profile does not say
    have: Any = None
    evidence: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "need": self.need, "met": self.met, "have": self.have}


@dataclass
class JobFit:
    requirements: Requirements
    skills: list[Found]
    resolutions: list[Resolution]
    fit: float
    matched: list[Match] = field(default_factory=list)
    missing: list[dict[str, Any]] = field(default_factory=list)
    professional: list[tuple[str, bool]] = field(default_factory=list)
    gates: list[Gate] = field(default_factory=list)
    role: tuple[str, str] | None = None  # (id, name) the title maps to
    steps: list[str] = field(default_factory=list)
    weights: tuple[float, int] = (0.0, 0)  # earned, total
    source: str = ""

    def job_dict(self) -> dict[str, Any]:
        req = self.requirements
        return {
            "title": req.title,
            "level": req.level,
            "skills": [
                {"skill": f.skill, "importance": f.importance, "evidence": f.evidence}
                for f in self.skills
            ],
            "years": req.years.to_dict() if req.years else None,
            "education": req.education.to_dict() if req.education else None,
            "authorization": req.authorization.to_dict() if req.authorization else None,
            "sponsorship": req.sponsorship.to_dict() if req.sponsorship else None,
            "clearance": req.clearance.to_dict() if req.clearance else None,
            "source": self.source,
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "job": self.job_dict(),
            "inputs": [r.to_dict() for r in self.resolutions],
            "fit": self.fit,
            "matched": [
                {
                    "skill": m.skill,
                    "how": m.how,
                    "credit": m.credit,
                    "from": m.source,
                    "input": m.input,
                    **({"via": m.via} if m.via else {}),
                }
                for m in self.matched
            ],
            "missing": [
                {**g, "certifications": [c.to_dict() for c in g["certifications"]]}
                for g in self.missing
            ],
            "professional_skills": [{"skill": s, "met": met} for s, met in self.professional],
            "gates": [g.to_dict() for g in self.gates],
            "role": {"id": self.role[0], "name": self.role[1]} if self.role else None,
            "steps": self.steps,
            "weights": {"earned": self.weights[0], "total": self.weights[1]},
            "formula": FORMULA,
        }


def fit_job(
    catalog: Catalog,
    posting: Posting,
    resolutions: list[Resolution],
    *,
    done: list[str] = (),  # type: ignore[assignment]
    person: Person | None = None,
) -> JobFit:
    """The ad's requirements and your fit to them. `resolutions` are your skills (typed, from a
    résumé or the profile); `done` the skills marked done; `person` gives years and education
    for the gates when they are known."""
    from careercli.extract import extract
    from careercli.extract.requirements import read_requirements
    from careercli.matching.fit import certification_picker, progress_resolutions

    extraction = extract(catalog, posting.text)
    req = read_requirements(catalog, posting.text, extraction, posting.title or None)
    found = extraction.found
    counted = [*resolutions, *progress_resolutions(done)]
    credit, how = known_skills(catalog, counted)
    technical = [f for f in found if not catalog.is_professional(f.skill)]
    total = sum(WEIGHTS[f.importance] for f in technical)
    earned = sum(WEIGHTS[f.importance] * credit.get(f.skill, 0.0) for f in technical)
    fit = round(100.0 * earned / total, 1) if total else 0.0
    matched = [how[f.skill] for f in technical if f.skill in how]
    matched.sort(key=lambda m: (m.how in ("implied", "kind_of"), m.skill.casefold()))
    from careercli.catalog import Requirement

    gaps = [
        Requirement(f.skill, f.importance, WEIGHTS[f.importance])
        for f in technical
        if credit.get(f.skill, 0.0) < 1.0
    ]
    role = _role_for(catalog, req.title)
    pick = certification_picker(
        catalog, catalog.role(role) if role else None, {g.skill for g in gaps}, person
    )
    skills = catalog.skills
    missing = []
    for g in order_gaps(catalog, gaps, credit):
        pres = skills[g.skill].prerequisites if g.skill in skills else ()
        missing.append(
            {
                "skill": g.skill,
                "importance": g.importance,
                "certifications": list(pick(g.skill)),
                "partial": credit.get(g.skill, 0.0) > 0,
                "prerequisites_missing": [p for p in pres if credit.get(p, 0.0) < 1.0],
            }
        )
    professional = [
        (f.skill, credit.get(f.skill, 0.0) >= 1.0)
        for f in found
        if catalog.is_professional(f.skill)
    ]
    return JobFit(
        requirements=req,
        skills=found,
        resolutions=resolutions,
        fit=fit,
        matched=matched,
        missing=missing,
        professional=professional,
        gates=_gates(req, person),
        role=(role, catalog.role_name(role)) if role else None,
        steps=list(catalog.role(role).steps) if role else [],
        weights=(round(earned, 2), total),
        source=posting.name,
    )


def _role_for(catalog: Catalog, title: str) -> str | None:
    if not title:
        return None
    from careercli.jobs.tagger import Tagger

    role, _ = Tagger(catalog).role_for(title)
    return role if role and catalog.has_role(role) else None


def _gates(req: Requirements, person: Person | None) -> list[Gate]:
    """What the ad requires beyond skills, and whether you meet it when your background says."""
    gates = []
    years = person.experience if person is not None else None
    education = person.education if person is not None else None
    if req.years is not None:
        met = None if years is None else float(years) >= req.years.min
        gates.append(Gate("years", req.years.min, met, years, req.years.evidence))
    if req.education is not None:
        met = None
        from careercli.background import EDUCATION_RANK

        if education in EDUCATION_RANK:
            met = EDUCATION_RANK[education] >= EDUCATION_RANK.get(req.education.level, 0)
        gates.append(Gate("education", req.education.level, met, education, req.education.evidence))
    if req.authorization is not None:
        gates.append(
            Gate("authorization", req.authorization.text, None, None, req.authorization.evidence)
        )
    if req.sponsorship is not None and not req.sponsorship.offered:
        gates.append(
            Gate("sponsorship", "no visa sponsorship", None, None, req.sponsorship.evidence)
        )
    if req.clearance is not None:
        gates.append(Gate("clearance", req.clearance.level, None, None, req.clearance.evidence))
    return gates
