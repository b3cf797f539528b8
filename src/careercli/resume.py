"""What a résumé says: the skills it names, each an input labelled as coming from the résumé with
the line it was read from and the years written next to it ("5 years of Python"); and the
background it states: years of work (its experience dates, or "8 years of experience") and the
highest degree it lists."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any, NamedTuple

from careercli.matching.resolve import Resolution

if TYPE_CHECKING:
    from careercli.catalog import Catalog
    from careercli.documents import Document
    from careercli.extract.skills import Found


# "Moving toward ML engineering", "seeking a data science role": a skill named after words like
# these is where the person is going, not what they have.
ASPIRATION = re.compile(
    r"\b(?:mov(?:e|ing)|transition(?:ing)?|pivot(?:ing)?|switch(?:ing)?|aspir(?:e|ing)|"
    r"seek(?:ing)?|looking|career change|next goal)\b[^.;:]*?"
    r"\b(?:to|toward|towards|into|for|in|is)\b",
    re.I,
)


def aspired(found: Found) -> bool:
    """The skill is named only once, after an aspiration in the same sentence."""
    if found.mentions > 1:
        return False
    m = ASPIRATION.search(found.evidence)
    return m is not None and found.text.casefold() in found.evidence[m.start() :].casefold()


def resume_resolutions(catalog: Catalog, text: str) -> list[Resolution]:
    """One resolution per skill the text names, in order of first mention; a skill named only
    as where the person is heading is left out."""
    from careercli.extract import extract

    out = []
    for found in extract(catalog, text).found:
        if aspired(found):
            continue
        how = "exact" if found.how == "exact" else "alias"
        out.append(
            Resolution(
                found.text,
                found.skill,
                how,
                100.0,
                source="resume",
                evidence=found.evidence,
                years=found.years,
            )
        )
    return out


class Resume(NamedTuple):
    document: Document
    found: list[Resolution]  # the skills it names
    background: CvBackground  # the years of work and degree it states


def read_resume(catalog: Catalog, source: str, stdin: Any = None) -> Resume:
    """The document at `source` ('-' for standard input), the skills it names and the
    background it states."""
    from careercli.documents import read_document
    from careercli.errors import CareerError

    document = read_document(source, stdin=stdin)
    found = resume_resolutions(catalog, document.text)
    if not found:
        raise CareerError(
            f"No skill careercli knows was found in {document.name}.",
            hint="See the skills it knows with: careercli skills",
        )
    return Resume(document, found, resume_background(document.text))


def saved_form(r: Resolution) -> str:
    """How a skill read from a résumé is saved in the profile: its name, with the years written
    next to it ("Python (5 years)"); never the résumé's text."""
    from careercli.background import years_text

    assert r.skill is not None
    if r.years is None:
        return r.skill
    return f"{r.skill} ({years_text(r.years)})"


# --------------------------------------------------------------------------- background

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_START = rf"(?:(?P<m1>{_MONTH})\s+|(?P<n1>\d{{1,2}})/)?(?P<y1>(?:19|20)\d\d)"
_END = (
    rf"(?:(?:(?P<m2>{_MONTH})\s+|(?P<n2>\d{{1,2}})/)?(?P<y2>(?:19|20)\d\d)"
    r"|(?P<now>present|current|now|today|date|ongoing|aujourd'hui))"
)
_RANGE = re.compile(rf"\b{_START}\s*(?:[-–—]+|\bto\b|\buntil\b)\s*{_END}\b", re.I)
_STATED = re.compile(
    r"\b(\d{1,2}(?:\.\d)?)\+?\s*(?:years?|yrs?)\.?\s+(?:of\s+)?"
    r"(?:(?:professional|industry|work|working|relevant|hands-on|total)\s+)?experience\b",
    re.I,
)
_HEADING = re.compile(r"^\s*(?:#+\s*)?(?P<text>[^\d.,;!?]{2,60}?)\s*:?\s*$")
_OTHER_SECTION = re.compile(
    r"\b(education|academic|qualifications?|degrees?|certifications?|courses?|training|"
    r"volunteer\w*|awards?|publications?|projects?|languages?|interests?|references?|"
    r"formation|études)\b",
    re.I,
)
_WORK_SECTION = re.compile(
    r"\b(experience|employment|work|career|professional|history|expérience)\b", re.I
)
_NOT_HELD = re.compile(
    r"\b(expected|in progress|pursuing|candidate|ongoing|currently enrolled|enrolled in|"
    r"anticipated|(?:will )?graduat(?:e|ing) in)\b",
    re.I,
)
_HIGH_SCHOOL = re.compile(r"\b(high school|secondary school|ged)\b", re.I)


class CvBackground(NamedTuple):
    """The background a résumé states, each fact with the line it was read from."""

    years: float | None = None
    years_from: str | None = None
    education: str | None = None
    education_from: str | None = None

    def fills(self, years: float | None, education: str | None) -> tuple[str, ...]:
        """The facts ("years", "education") this résumé states that the given ones leave open."""
        fields: tuple[str, ...] = ("years",) if years is None and self.years is not None else ()
        return fields + (("education",) if education is None and self.education else ())

    def describe(self, fields: tuple[str, ...] = ("years", "education")) -> str:
        from careercli.background import EDUCATION_NAME, years_text

        parts = []
        if "years" in fields and self.years is not None:
            parts.append(f"{years_text(self.years)} of experience ({self.years_from})")
        if "education" in fields and self.education:
            parts.append(f"{EDUCATION_NAME[self.education]} ({self.education_from})")
        return "; ".join(parts)


def _section(line: str, current: str | None) -> str | None:
    m = _HEADING.match(line)
    if not m or len(m.group("text").split()) > 5 or _RANGE.search(line):
        return current
    text = m.group("text")
    if not (text.isupper() or line.rstrip().endswith(":") or line.lstrip().startswith("#")):
        return current
    if _OTHER_SECTION.search(text):
        return "other"
    if _WORK_SECTION.search(text):
        return "work"
    return current


def _month(name: str | None, number: str | None) -> int | None:
    if name:
        from careercli.text import MONTHS

        return MONTHS[name[:3].lower()] - 1
    if number and 1 <= int(number) <= 12:
        return int(number) - 1
    return None


def resume_background(text: str, today: dt.date | None = None) -> CvBackground:
    """Years of work from the résumé's experience dates (overlaps counted once; a year without a
    month counts from its middle) or from a stated "N years of experience", whichever is more;
    and the highest degree it lists as held (not "expected" or "in progress")."""
    from careercli.background import EDUCATION_RANK
    from careercli.extract.requirements import degree_levels

    today = today or dt.date.today()
    now = today.year * 12 + today.month - 1
    spans: list[tuple[int, int, str]] = []
    stated: tuple[float, str] | None = None
    degree: tuple[int, str, str] | None = None
    section: str | None = None
    for raw in text.splitlines():
        line = raw.strip(" \t•*-·|")
        if not line:
            continue
        section = _section(raw, section)
        if section != "other" and not ASPIRATION.search(line):
            for m in _RANGE.finditer(line):
                first = _month(m["m1"], m["n1"])
                start = int(m["y1"]) * 12 + (6 if first is None else first)
                if m["now"]:
                    end = now
                else:
                    month = _month(m["m2"], m["n2"])
                    end = int(m["y2"]) * 12 + (6 if month is None else month)
                if start <= end <= now + 1:
                    spans.append((start, end, " ".join(m.group().split())))
            for m in _STATED.finditer(line):
                value = float(m.group(1))
                if value <= 50 and (stated is None or value > stated[0]):
                    stated = (value, line[:120])
        if section == "work" or _NOT_HELD.search(line):
            continue
        for level, _ in degree_levels(line):
            if level == "none":
                if not _HIGH_SCHOOL.search(line):
                    continue
                level = "high-school"
            if degree is None or EDUCATION_RANK[level] > degree[0]:
                degree = (EDUCATION_RANK[level], level, line[:120])
    worked = _merged_months(spans)
    years, years_from = None, None
    if worked:
        years = int(worked / 12 * 2) / 2
        dates = [t for _, _, t in sorted(spans)]
        years_from = "work dated " + ", ".join(dates[:4]) + (", ..." if len(dates) > 4 else "")
    if stated and (years is None or stated[0] > years):
        years, years_from = stated
    if years is not None and years <= 0:
        years, years_from = None, None
    return CvBackground(
        years, years_from, degree[1] if degree else None, degree[2] if degree else None
    )


def _merged_months(spans: list[tuple[int, int, str]]) -> int:
    total = 0
    end = None
    for a, b, _ in sorted(spans):
        if end is None or a > end:
            total += b - a
            end = b
        elif b > end:
            total += b - end
            end = b
    return total
