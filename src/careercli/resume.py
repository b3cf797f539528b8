"""Skills read from a résumé: each becomes an input labelled as coming from the résumé, with the
line it was read from and the years written next to it ("5 years of Python")."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

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


def read_resume(
    catalog: Catalog, source: str, stdin: Any = None
) -> tuple[Document, list[Resolution]]:
    """The document at `source` ('-' for standard input) and the skills it names."""
    from careercli.documents import read_document
    from careercli.errors import CareerError

    document = read_document(source, stdin=stdin)
    found = resume_resolutions(catalog, document.text)
    if not found:
        raise CareerError(
            f"No skill careercli knows was found in {document.name}.",
            hint="See the skills it knows with: careercli skills",
        )
    return document, found


def saved_form(r: Resolution) -> str:
    """How a skill read from a résumé is saved in the profile: its name, with the years written
    next to it ("Python (5 years)"); never the résumé's text."""
    assert r.skill is not None
    if r.years is None:
        return r.skill
    years = f"{r.years:g} year" + ("" if r.years == 1 else "s")
    return f"{r.skill} ({years})"
