"""A job listing, the query that finds listings, and turning a raw record into a listing.

Every source (bundled YAML, a JobSpy CSV, JSON/YAML files, each job board) hands `make_listing`
a plain dict with the same keys; the field cleaners in `jobs.normalize` do the rest.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

from careercli.jobs import normalize as norm

if TYPE_CHECKING:
    from careercli.jobs.tagger import Tagger


class Listing:
    """One job listing. A plain class: a 16-field dataclass costs ~1 ms at every start-up."""

    __slots__ = (
        "company",
        "description",
        "fit",
        "id",
        "level",
        "location",
        "occupation",
        "posted",
        "remote",
        "role",
        "role_score",
        "salary",
        "skills",
        "soc",
        "source",
        "title",
        "type",
        "url",
    )  # fmt: skip

    def __init__(
        self,
        id: str,
        source: str,
        title: str,
        company: str | None = None,
        location: str | None = None,
        remote: bool | str | None = None,
        type: str | None = None,
        level: str | None = None,
        salary: dict[str, Any] | None = None,
        url: str | None = None,
        posted: str | None = None,
        description: str | None = None,
        role: str | None = None,
        role_score: float | None = None,
        skills: list[str] | None = None,
        fit: float | None = None,
        soc: str | None = None,
        occupation: str | None = None,
    ):
        self.id, self.source, self.title = id, source, title
        self.company, self.location, self.remote = company, location, remote
        self.type, self.level, self.salary, self.url = type, level, salary, url
        self.posted, self.description = posted, description
        self.role, self.role_score = role, role_score
        self.skills = skills if skills is not None else []
        self.fit = fit
        self.soc, self.occupation = soc, occupation  # 6-digit SOC, O*NET-SOC code

    def __repr__(self) -> str:
        return f"Listing({self.id!r}, {self.title!r})"

    def to_dict(self, with_fit: bool = False) -> dict[str, Any]:
        out = {
            "id": self.id,
            "title": self.title,
            "company": self.company,
            "location": self.location,
            "remote": self.remote,
            "type": self.type,
            "level": self.level,
            "salary": self.salary,
            "url": self.url,
            "posted": self.posted,
            "source": self.source,
            "role": self.role,
            "role_score": self.role_score,
            "soc": self.soc,
            "occupation": self.occupation,
            "skills": self.skills,
            "description": self.description,
        }
        if with_fit:
            out["fit"] = self.fit
        return out

    def record(self, with_fit: bool = False) -> dict[str, Any]:
        """A flat row for CSV: numbers stay numbers, lists are joined."""
        s = self.salary or {}
        out = {
            k: v for k, v in self.to_dict(with_fit).items() if k not in ("salary", "description")
        }
        out["skills"] = "; ".join(self.skills)
        out.update(
            salary_min=s.get("min"),
            salary_max=s.get("max"),
            currency=s.get("currency"),
            period=s.get("period"),
        )
        return out


def make_listing(raw: dict[str, Any], source: str, tagger: Tagger) -> Listing:
    """A listing from a plain dict with our keys; ValueError with a message if it is unusable."""
    title = norm.field(raw.get("title"), "title")
    if not title:
        raise ValueError("missing title")
    native = norm.ident(raw.get("native_id") or raw.get("id"))
    if not native:
        basis = "|".join(str(raw.get(k) or "") for k in ("title", "company", "location", "url"))
        native = hashlib.sha1(basis.encode()).hexdigest()[:16]
    pay = raw.get("salary")
    salary = None
    if isinstance(pay, dict):
        salary = norm.salary(pay.get("min"), pay.get("max"), pay.get("currency"), pay.get("period"))
    description = raw.get("description")
    description = str(description)[: norm.MAX_DESCRIPTION] if description else None
    role = raw.get("role")
    role = role if isinstance(role, str) and tagger.catalog.has_role(role) else None
    role_score: float | None = 100.0 if role else None
    if role is None:
        role, role_score = tagger.role_for(title)
    soc, occupation = tagger.occupation_for(title, role)
    location = norm.field(raw.get("location"), "location")
    remote = norm.remote(raw.get("remote"))
    if remote is None:
        remote = norm.remote_from_location(location)
    return Listing(
        id=f"{source}:{native}",
        source=source,
        title=title,
        company=norm.field(raw.get("company"), "company"),
        location=location,
        remote=remote,
        type=norm.job_type(raw.get("type")),
        level=norm.level(raw.get("level"), title),
        salary=salary,
        url=norm.url(raw.get("url")),
        posted=norm.posted(raw.get("posted")),
        description=description,
        role=role,
        role_score=role_score,
        soc=soc,
        occupation=occupation,
        skills=tagger.skills_in(description) if description else tagger.skills_in(title),
    )


class Query(NamedTuple):
    remote: bool = False
    level: str | None = None
    type: str | None = None
    role: str | None = None
    company: str | None = None
    location: str | None = None
    min_salary: float | None = None
    search: str | None = None
    since: str | None = None
    source: str | None = None
    limit: int | None = 20
    sort: str = "posted"


@dataclass
class ImportResult:
    imported: int = 0
    problems: list[tuple[int, str]] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "imported": self.imported,
            "skipped": [{"line": ln, "problem": p} for ln, p in self.problems],
            "sources": self.sources,
        }
