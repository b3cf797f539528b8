"""Skills and requirements read from free text: a résumé, a job ad, a listing's description.

`extract(catalog, text)` finds the taxonomy's skills, each with the sentence it came from;
`requirements(...)` reads what a job ad asks for beyond skills (years, degree, authorisation,
sponsorship, clearance, seniority). Pure: text in, plain data out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from careercli.extract.skills import Extraction, Found, Mention, extract, index_for

if TYPE_CHECKING:
    from careercli.catalog import Catalog

__all__ = ["Extraction", "Found", "Mention", "extract", "index_for", "step_covered", "taught"]


def taught(catalog: Catalog, text: str) -> list[str]:
    """The technical skills a piece of advice ("take a course in statistics and SQL") names."""
    found = [f.skill for f in extract(catalog, text).found]
    return [s for s in dict.fromkeys(found) if not catalog.is_professional(s)]


def step_covered(catalog: Catalog, text: str, credit: dict[str, float]) -> bool:
    """A getting-started step teaches only skills the person already has."""
    skills = taught(catalog, text)
    return bool(skills) and all(credit.get(s, 0.0) >= 1.0 for s in skills)
