"""What a job ad asks for beyond skills: years of experience, a degree, the right to work,
visa sponsorship, a security clearance, and the seniority its title says. Each with the
sentence it was read from.

Years: the minimum the ad states for the role ("5-7 years" → 5, "at least five years" → 5, "no
experience necessary" → 0), the first in a sentence about experience, requirements before
duties. Degree: the lowest the ad accepts ("MS or PhD ..., or a BS with 3+ years" → bachelor;
"Bachelor's preferred, not required" → none). Level: from the title's words only.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, NamedTuple

from careercli.background import EDUCATION_RANK
from careercli.extract.skills import number

if TYPE_CHECKING:
    from careercli.catalog import Catalog
    from careercli.extract.segment import Unit
    from careercli.extract.skills import Extraction


class Years(NamedTuple):
    min: float
    evidence: str

    def to_dict(self) -> dict[str, Any]:
        return {"min": self.min, "evidence": self.evidence}


class Degree(NamedTuple):
    level: str  # none | associate | bachelor | master | phd (careercli.vocab.Education)
    evidence: str

    def to_dict(self) -> dict[str, Any]:
        return {"level": self.level, "evidence": self.evidence}


class Authorization(NamedTuple):
    text: str
    evidence: str

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "evidence": self.evidence}


class Sponsorship(NamedTuple):
    offered: bool
    evidence: str

    def to_dict(self) -> dict[str, Any]:
        return {"offered": self.offered, "evidence": self.evidence}


class Clearance(NamedTuple):
    level: str
    evidence: str

    def to_dict(self) -> dict[str, Any]:
        return {"level": self.level, "evidence": self.evidence}


class Requirements(NamedTuple):
    title: str
    level: str | None
    years: Years | None
    education: Degree | None
    authorization: Authorization | None
    sponsorship: Sponsorship | None
    clearance: Clearance | None


# --------------------------------------------------------------------------- years

_WORDNUM = r"\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen"
_YEARS = re.compile(
    rf"(?:(?:at least|minimum of|a minimum of|min\.?|au moins|plus de|over)\s+)?"
    rf"\b({_WORDNUM})(?:\s*\+)?(?:\s*(?:-|–|to|à)\s*(?:{_WORDNUM}))?\s*\+?\s*"
    rf"(?:years?|yrs?|ans)\b(?!['’]?\s*(?:old|of age|of employment|of service|ago))"
    rf"(?P<rest>.{{0,60}})",
    re.IGNORECASE,
)
_EXPERIENCE = re.compile(
    r"^['’]?\s*(?:of\b|in\b|as\b|with\b|d['’]exp|d['’]expérience|experience|professional|"
    r"administering|building|working|leading|managing|hands-on|relevant|industry|paid|"
    r"commercial|closing|knowledge)",
    re.IGNORECASE,
)
_NONE_NEEDED = re.compile(
    r"\b(no (?:prior |previous |work |professional )*experience (?:is )?(?:necessary|required|"
    r"needed)|aucune expérience (?:requise|nécessaire))\b",
    re.IGNORECASE,
)


def _years(units: list[Unit]) -> Years | None:
    best: tuple[int, int, Years] | None = None
    for k, unit in enumerate(units):
        text = unit.text
        m0 = _NONE_NEEDED.search(text)
        if m0:
            found = Years(0.0, text)
            rank = (0 if unit.section == "required" else 1, k)
            if best is None or rank < best[:2]:
                best = (*rank, found)
            continue
        for m in _YEARS.finditer(text):
            if not _EXPERIENCE.match(m.group("rest").lstrip()):
                continue
            value = number(m.group(1))
            if value is None or value > 40:
                continue
            rank = (0 if unit.kind in ("bullet", "cell") else 1, k)
            if best is None or rank < best[:2]:
                best = (*rank, Years(value, text))
            break
    return best[2] if best else None


# --------------------------------------------------------------------------- degree

_DEGREES = (
    ("phd", r"ph\.?\s?d\.?|doctorate|doctoral degree|doctorat"),
    ("master", r"master['’]?s?|m\.?sc?\.?|m\.s\.|meng|mba|graduate degree|bac\s?\+\s?5"),
    (
        "bachelor",
        r"bachelor['’]?s?|b\.?sc?\.?|b\.s\.|b\.a\.|beng|bsn|undergraduate degree|four-year degree|"
        r"baccalauréat|licence|licenciatura|university degree|degree",
    ),
    (
        "associate",
        r"associate['’]?s? degree|associate degree|college diploma|diploma or degree|"
        r"a\.a\.(?:s\.)?|a\.s\.",
    ),
    ("none", r"high school diploma|ged|no degree|degree (?:is )?not required|without a degree"),
)
_DEGREE_RE = [(level, re.compile(rf"\b(?:{p})(?![\w])", re.IGNORECASE)) for level, p in _DEGREES]
_DEGREE_CONTEXT = re.compile(
    r"\b(degree|diploma|phd|ph\.?\s?d|doctora|master|bachelor|baccalauréat|bac\s?\+|bs|ms|"
    r"msc|bsc|b\.s|m\.s|mba|ged|bsn)\b",
    re.IGNORECASE,
)
_ABBREV = re.compile(r"\b(BS|MS|BA|MA|BSc|MSc|B\.S\.|M\.S\.)(?=\s+(?:in|with|or|degree)\b|/|\s*,)")
_DEGREE_IN = re.compile(r"degree\s+(in|required|with)\b", re.IGNORECASE)
_NOT_REQUIRED = re.compile(r"\b(preferred,? (?:but )?not required|not required)\b", re.I)
_PREFERRED = re.compile(r"\b(preferred|a plus|is a plus|nice to have|desirable|bonus)\b", re.I)
_ENROLLED = re.compile(r"\b(currently enrolled|current(?:ly)? (?:a )?student|enrolled in)\b", re.I)


def degree_levels(text: str) -> list[tuple[str, int]]:
    """(level, position) of each degree named in a sentence."""
    found: list[tuple[str, int]] = []
    taken: list[tuple[int, int]] = []
    for level, rx in _DEGREE_RE:
        for m in rx.finditer(text):
            if any(a <= m.start() < b for a, b in taken):
                continue
            word = m.group().casefold()
            bare = level == "bachelor" and word == "degree"
            if bare and (found or not _DEGREE_IN.match(text[m.start() :])):
                continue
            if (
                level in ("master", "bachelor")
                and re.fullmatch(r"m\.?sc?\.?|b\.?sc?\.?", word)
                and not _ABBREV.search(text[m.start() : m.end() + 12])
                and "." not in word
                and word not in ("bsc", "msc")
            ):
                continue
            taken.append((m.start(), m.end()))
            found.append((level, m.start()))
    return found


def _education(units: list[Unit]) -> Degree | None:
    choices: list[tuple[int, Degree]] = []
    for unit in units:
        text = unit.text
        if not _DEGREE_CONTEXT.search(text):
            continue
        if _ENROLLED.search(text):
            continue
        levels = degree_levels(text)
        if not levels:
            continue
        if _NOT_REQUIRED.search(text) or any(lv == "none" for lv, _ in levels):
            choices.append((0, Degree("none", text)))
            continue
        accepted = []
        for level, at in levels:
            clause = re.split(r"[;,]", text[at:], maxsplit=1)[0]
            if _PREFERRED.search(clause) and len(levels) > 1:
                continue  # "MS preferred": not the minimum
            accepted.append(level)
        if not accepted:
            accepted = [lv for lv, _ in levels]
        low = min(accepted, key=lambda lv: EDUCATION_RANK[lv])
        if unit.importance(0) != "required":
            continue
        choices.append((EDUCATION_RANK[low], Degree(low, text)))
    if not choices:
        return None
    return min(choices, key=lambda c: c[0])[1]


# --------------------------------------------------------------------------- work rights

_AUTH = re.compile(
    r"(?:[^.;()]*?\b(?:authori[sz]ed to work|authori[sz]ation to work|right to work|"
    r"entitled to work|eligible to work|work authori[sz]ation|autorisation de travail|"
    r"permis de travail|citizenship (?:is )?required|citizenship is a requirement|"
    r"must be (?:a )?(?:u\.?s\.? )?citizen)[^.;()]*)",
    re.IGNORECASE,
)
_NO_SPONSOR = re.compile(
    r"\b(?:(?:unable|not able|cannot|can['’]?t|do not|don['’]t|does not|doesn['’]t|will not|"
    r"won['’]t|are not|is not|not)\s+(?:to\s+)?(?:offer|provide|sponsor|support)\w*"
    r"(?:\s+\w+){0,3}?\s*(?:visa|sponsor|sponsorship|work permit)|"
    r"sponsorship (?:is )?(?:not |un)available|no (?:visa )?sponsorship|"
    r"without (?:visa )?sponsorship|"
    r"not eligible for (?:visa )?sponsorship|will not sponsor|do not sponsor|does not sponsor|"
    r"don['’]t sponsor|cannot sponsor|can['’]t sponsor|unable to sponsor)\b",
    re.IGNORECASE,
)
_SPONSOR = re.compile(
    r"\b(?:sponsorship (?:is )?available|(?:able|happy|willing) to sponsor|can sponsor|"
    r"we sponsor|will sponsor|sponsor h-?1b|h-?1b transfers?|support work permits|"
    r"immigration support|visa support|aide à l['’]immigration|relocation and visa)\b",
    re.IGNORECASE,
)
_CLEARANCE = re.compile(
    r"\b(TS\s*/\s*SCI(?:\s+with\s+(?:full[- ]scope\s+)?poly(?:graph)?)?|Top Secret|Secret|"
    r"Public Trust)\b(?=[^.;]{0,40}\bclearance\b)|"
    r"\bclearance\b[^.;]{0,20}?\b(TS\s*/\s*SCI|Top Secret|Secret|Public Trust)\b",
)


def _work_rights(units: list[Unit]) -> tuple[Any, Any, Any]:
    auth = sponsor = clearance = None
    for unit in units:
        text = unit.text
        if auth is None:
            m = _AUTH.search(text)
            if m:
                auth = Authorization(_trim(m.group()), text)
        if sponsor is None:
            if _NO_SPONSOR.search(text):
                sponsor = Sponsorship(False, text)
            elif _SPONSOR.search(text):
                sponsor = Sponsorship(True, text)
        if clearance is None:
            m = _CLEARANCE.search(text)
            if m:
                level = (
                    re.sub(r"\s+", "", m.group(1) or m.group(2))
                    if "/" in (m.group(1) or m.group(2))
                    else (m.group(1) or m.group(2))
                )
                clearance = Clearance(level, text)
    return auth, sponsor, clearance


def _trim(text: str) -> str:
    text = text.strip(" ,:-–—*")
    text = re.sub(
        r"^(?:and|but|also|or|poste en cdi, ouvert aux candidats)\s+", "", text, flags=re.I
    )
    return text


# --------------------------------------------------------------------------- level

_TITLE_LEVELS = (
    ("intern", r"\b(intern|internship|co-?op|stagiaire|stage)\b"),
    ("executive", r"\b(head of|director|vp|vice president|chief|cto|cdo|cio)\b"),
    ("lead", r"\b(lead|principal|principale|staff|manager)\b"),
    ("senior", r"\b(senior|sr\.?|iii|iv|sénior|confirmé)\b"),
    ("mid", r"\b(ii|intermediate|mid[- ]level|journeyman|level b)\b"),
    ("entry", r"\b(junior|jr\.?|entry[- ]level|graduate|trainee|i)\b"),
)
_TITLE_RE = [(level, re.compile(p)) for level, p in _TITLE_LEVELS]


def title_level(title: str) -> str | None:
    """The seniority the title's words say (careercli.vocab.JobLevel), or None."""
    text = " ".join(title.replace("·", " ").split()).casefold()
    text = re.sub(r"\b(account|executive assistant)\s+executive\b|\bmid-market\b", " ", text)
    text = text.replace("account executive", " ")
    for level, rx in _TITLE_RE:
        if rx.search(text):
            return level
    return None


def read_requirements(
    catalog: Catalog, text: str, extraction: Extraction, title: str | None = None
) -> Requirements:
    """The requirements of a job ad whose skills were read into `extraction`."""
    units = extraction.units
    heading = title or extraction.title
    auth, sponsor, clearance = _work_rights(units)
    return Requirements(
        title=heading,
        level=title_level(heading),
        years=_years(units),
        education=_education(units),
        authorization=auth,
        sponsorship=sponsor,
        clearance=clearance,
    )
