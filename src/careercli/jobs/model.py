"""A job listing, the query that finds listings, and turning a raw record into a listing.

Every source (bundled YAML, a JobSpy CSV, JSON/YAML files, each job board) hands `make_listing`
a plain dict with the same keys; the field cleaners in `jobs.normalize` do the rest. A field
that is there but unusable (a salary of "competitive", a date of 2024-02-30) costs that field,
with a warning, never the listing; only a listing without a title is refused.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

from careercli.jobs import normalize as norm

if TYPE_CHECKING:
    from careercli.jobs.tagger import Tagger

STALE_DAYS = 60
BUNDLED_SOURCE = "seed-article"
BUNDLED_LABEL = "featured with the seed article (October 2024)"
# Problems and warnings kept per import to show; the rest are counted.
PROBLEM_CAP = 1000


def today() -> dt.date:
    """Today's date (one place, so tests can fix it)."""
    return dt.date.today()


def age_days(posted: str | None, now: dt.date | None = None) -> int | None:
    if not posted:
        return None
    try:
        day = dt.date.fromisoformat(posted[:10])
    except ValueError:
        return None
    return max(0, ((now or today()) - day).days)


def salary_json(salary: dict[str, Any] | None) -> dict[str, Any] | None:
    """A salary as JSON shows it: its own currency and interval, and yearly figures in that
    same currency (hourly x 2,080, daily x 260, weekly x 52, monthly x 12)."""
    if not salary:
        return None
    period = salary.get("period") or "year"
    out = {
        "min": salary.get("min"),
        "max": salary.get("max"),
        "currency": salary.get("currency"),
        "interval": period,
        "period": period,
        "yearly_min": norm.annualize(salary.get("min"), period),
        "yearly_max": norm.annualize(salary.get("max"), period),
    }
    if salary.get("note"):
        out["note"] = salary["note"]
    return out


class Listing:
    """One job listing. A plain class: a 16-field dataclass costs ~1 ms at every start-up."""

    __slots__ = (
        "canon_url",
        "company",
        "description",
        "fingerprint",
        "fit",
        "id",
        "level",
        "location",
        "occupation",
        "pending_date",
        "posted",
        "remote",
        "role",
        "role_score",
        "salary",
        "skills",
        "soc",
        "source",
        "sources",
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
        sources: list[str] | None = None,
    ):
        self.id, self.source, self.title = id, source, title
        self.company, self.location, self.remote = company, location, remote
        self.type, self.level, self.salary, self.url = type, level, salary, url
        self.posted, self.description = posted, description
        self.role, self.role_score = role, role_score
        self.skills = skills if skills is not None else []
        self.fit = fit
        self.soc, self.occupation = soc, occupation
        self.sources = sources if sources else [source]
        self.canon_url: str | None = None
        self.fingerprint: str | None = None
        self.pending_date: Any = None

    def __repr__(self) -> str:
        return f"Listing({self.id!r}, {self.title!r})"

    @property
    def bundled(self) -> bool:
        return self.source == BUNDLED_SOURCE

    def notes(self, now: dt.date | None = None) -> list[str]:
        """What a reader should know before trusting this listing: its age when old, a missing
        URL, where a bundled listing comes from, a salary figure's caveat."""
        out = []
        if self.bundled:
            out.append(BUNDLED_LABEL)
        age = age_days(self.posted, now)
        if age is not None and age > STALE_DAYS:
            out.append(f"posted {age_text(age)} ago")
        if not self.url:
            out.append("no URL given")
        if self.salary and self.salary.get("note"):
            out.append(f"salary: {self.salary['note']}")
        return out

    def to_dict(self, with_fit: bool = False, now: dt.date | None = None) -> dict[str, Any]:
        out = {
            "id": self.id,
            "title": self.title,
            "company": self.company,
            "location": self.location,
            "remote": self.remote,
            "type": self.type,
            "level": self.level,
            "salary": salary_json(self.salary),
            "url": self.url,
            "posted": self.posted,
            "age_days": age_days(self.posted, now),
            "source": self.source,
            "sources": self.sources,
            "role": self.role,
            "role_score": self.role_score,
            "soc": self.soc,
            "occupation": self.occupation,
            "skills": self.skills,
            "notes": self.notes(now),
            "description": self.description,
        }
        if with_fit:
            out["fit"] = self.fit
        return out

    def record(self, with_fit: bool = False, now: dt.date | None = None) -> dict[str, Any]:
        """A flat row for CSV: numbers stay numbers, lists are joined."""
        s = salary_json(self.salary) or {}
        out = {
            k: v
            for k, v in self.to_dict(with_fit, now).items()
            if k not in ("salary", "description", "sources", "notes", "skills")
        }
        out["skills"] = "; ".join(self.skills)
        out["sources"] = "; ".join(self.sources)
        out["notes"] = "; ".join(self.notes(now))
        out.update(
            salary_min=s.get("min"),
            salary_max=s.get("max"),
            currency=s.get("currency"),
            period=s.get("period"),
            yearly_min=s.get("yearly_min"),
            yearly_max=s.get("yearly_max"),
        )
        return out


def age_text(days: int) -> str:
    if days >= 730:
        return f"{days // 365} years"
    if days >= 365:
        return "1 year"
    if days >= 60:
        return f"{days // 30} months"
    return f"{days} days"


def make_listing(
    raw: dict[str, Any],
    source: str,
    tagger: Tagger,
    warnings: list[str] | None = None,
    *,
    date_order: str | None = None,
) -> Listing:
    """A listing from a plain dict with our keys; ValueError with a message if it is unusable.

    A field that is present but unusable is left empty and said in `warnings`. A date written
    a/b/yyyy with no `date_order` is left on the listing's `pending_date` for the caller, who
    decides the order for the whole file."""
    said = warnings if warnings is not None else []
    title = norm.field(raw.get("title"), "title")
    if not title:
        raise ValueError("missing title")
    company = norm.field(raw.get("company"), "company")
    location = norm.field(raw.get("location"), "location")
    description = norm.description(raw.get("description"))
    link = raw.get("url")
    url = norm.url(link)
    if url is None and isinstance(link, str) and link.strip():
        said.append(f"url {norm.clean(link)[:60]!r} is not an http(s) URL; left out")
    canon = norm.canonical_url(url)
    native = norm.ident(raw.get("native_id") or raw.get("id"))
    if not native:
        if canon:
            native = "u" + hashlib.sha1(canon.encode()).hexdigest()[:16]
        else:
            basis = "\x1f".join(x or "" for x in (title, company, location, description))
            native = "h" + hashlib.sha1(basis.encode("utf-8", "replace")).hexdigest()[:16]
    salary = None
    pay = raw.get("salary")
    if isinstance(pay, dict):
        try:
            salary = norm.salary(
                pay.get("min"), pay.get("max"), pay.get("currency"), pay.get("period")
            )
        except (ValueError, TypeError) as exc:
            said.append(f"{exc}; salary left out")
        else:
            if salary and "reread" in salary:
                said.append(salary.pop("reread"))
            if salary and isinstance(pay.get("note"), str) and pay["note"].strip():
                salary["note"] = norm.clean(pay["note"])[:200]
    pending = None
    try:
        posted = norm.posted_strict(raw.get("posted"), order=date_order)
    except norm.SlashDate as slash:
        posted, pending = None, slash
    except ValueError as exc:
        posted = None
        said.append(f"{exc}; date left out")
    role = raw.get("role")
    role = role if isinstance(role, str) and tagger.catalog.has_role(role) else None
    role_score: float | None = 100.0 if role else None
    if role is None:
        role, role_score = tagger.role_for(title)
    soc, occupation = tagger.occupation_for(title, role)
    remote = norm.remote(raw.get("remote"))
    if remote is None:
        remote = norm.remote_from_location(location)
    kind = norm.job_type(raw.get("type"))
    title_kind, title_place = norm.from_title(title)
    kind = kind or title_kind
    # A title that says hybrid is more precise than a source's "not remote"; one that says
    # remote only fills a gap.
    if (title_place == "hybrid" and remote is not True) or (title_place is True and remote is None):
        remote = title_place
    skills = tagger.skills_in(description) if description else tagger.skills_in(title)
    tags = raw.get("tags")
    if isinstance(tags, list) and tags:
        from careercli.text import normalize

        lookup = tagger.catalog.skill_lookup
        for tag in tags[:50]:
            hit = lookup.get(normalize(norm.clean(tag)[:80])) if isinstance(tag, str) else None
            if hit and hit[0] not in skills:
                skills.append(hit[0])
    listing = Listing(
        id=f"{source}:{native}",
        source=source,
        title=title,
        company=company,
        location=location,
        remote=remote,
        type=kind,
        level=norm.level(raw.get("level"), title),
        salary=salary,
        url=url,
        posted=posted,
        description=description,
        role=role,
        role_score=role_score,
        soc=soc,
        occupation=occupation,
        skills=skills,
    )
    listing.canon_url = canon
    # Without a description there is too little to tell two jobs apart by their content.
    if description and len(description) >= norm.MIN_FINGERPRINT_TEXT:
        listing.fingerprint = norm.fingerprint(title, company, location, description)
    listing.pending_date = pending
    return listing


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
    currency: str = "USD"
    soc: str | None = None
    demote: tuple[str, ...] = ()  # listing levels that do not fit the person: ranked last


@dataclass
class ImportResult:
    """What an import did. Every record read is counted once: imported, skipped (with its
    line and why) or a duplicate of an earlier record in the same file."""

    records: int = 0
    imported: int = 0
    duplicates: int = 0
    skipped: int = 0
    problems: list[tuple[int, str]] = field(default_factory=list)
    warned: int = 0
    warnings: list[tuple[int, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)

    def skip(self, line: int, problem: str) -> None:
        self.skipped += 1
        if len(self.problems) < PROBLEM_CAP:
            self.problems.append((line, problem))

    def warn(self, line: int, message: str) -> None:
        self.warned += 1
        if len(self.warnings) < PROBLEM_CAP:
            self.warnings.append((line, message))

    def to_dict(self) -> dict[str, Any]:
        return {
            "records": self.records,
            "imported": self.imported,
            "duplicates": self.duplicates,
            "skipped": [{"line": ln, "problem": p} for ln, p in self.problems],
            "skipped_total": self.skipped,
            "warnings": [{"line": ln, "problem": p} for ln, p in self.warnings],
            "warnings_total": self.warned,
            "notes": self.notes,
            "sources": self.sources,
        }
