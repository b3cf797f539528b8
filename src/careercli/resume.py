"""Skills read from a résumé: each becomes an input labelled as coming from the résumé, with the
line it was read from and the years written next to it ("5 years of Python")."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from careercli.matching.resolve import Resolution

if TYPE_CHECKING:
    from careercli.catalog import Catalog
    from careercli.documents import Document


def resume_resolutions(catalog: Catalog, text: str) -> list[Resolution]:
    """One resolution per skill the text names, in order of first mention."""
    from careercli.extract import extract

    out = []
    for found in extract(catalog, text).found:
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
