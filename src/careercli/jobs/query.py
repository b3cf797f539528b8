"""Finding listings for a person: the store's filters, then fit to their skills when given.

With skills, each listing gets a fit and `--sort fit` ranks by it. A listing's fit depends only
on the role its title maps to and the skills its description names, so each distinct pair is
scored once and the store ranks the rows; only the rows shown are read whole, a chunk at a
time, so memory stays flat however many listings match.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from careercli.jobs.model import Listing, Query

if TYPE_CHECKING:
    from careercli.catalog import Catalog
    from careercli.jobs.store import SearchResult

MIN_NAMED_SKILLS = 5


def listing_fit(catalog: Catalog, listing: Listing, credit: dict[str, float]) -> float | None:
    """Fit of a listing: the mapped role's fit and the share of the description's skills you
    have, averaged when both exist; None when neither exists. The share counts over at least
    five skills: an ad that names only Excel says too little to be a 100% fit."""
    return fit_function(catalog, credit)(listing.role, listing.skills)


def fit_function(catalog: Catalog, credit: dict[str, float]) -> Any:
    """fit(role, skills) with each role's fit computed once."""
    from careercli.matching import fit_of

    role_fit: dict[str, float] = {}

    def fit(role: str | None, skills: list[str]) -> float | None:
        parts = []
        if role and catalog.has_role(role):
            if role not in role_fit:
                role_fit[role] = fit_of(catalog.row(role).requirements, credit)[0]
            parts.append(role_fit[role])
        if skills:
            have = sum(credit.get(s, 0.0) for s in skills)
            parts.append(100.0 * have / max(len(skills), MIN_NAMED_SKILLS))
        if not parts:
            return None
        return round(sum(parts) / len(parts), 1)

    return fit


@contextlib.contextmanager
def find_listings(
    catalog: Catalog, query: Query, credit: dict[str, float] | None = None
) -> Iterator[SearchResult]:
    """The listings matching the query (`total`, and the shown ones from `listings()`), while
    the store is open; with `credit` (the person's skills), each carries its fit, and a
    fit-sorted query is ranked by it before the limit is applied."""
    from careercli.jobs.store import Store

    fit = fit_function(catalog, credit) if credit is not None else None
    with Store(catalog) as store:
        yield store.search(query, fit)


def why_nothing_matched(catalog: Catalog, query: Query, typed: dict[str, str]) -> str:
    """Why a query found nothing: how many listings are stored, and how many each filter
    (`typed` maps a Query field to how the user wrote it, e.g. "--role quant") matches alone,
    so the one to drop is plain."""
    from careercli.jobs.store import Store

    plain = Query(limit=1, currency=query.currency)
    with Store(catalog) as store:
        stored = store.search(plain, None).total
        alone = {
            field: store.search(plain._replace(**{field: getattr(query, field)}), None).total
            for field in typed
        }
    if not stored:
        return (
            "No listings are stored yet. Add some: careercli jobs import FILE (a JobSpy CSV) "
            "or careercli jobs sync SOURCE (e.g. greenhouse:COMPANY)."
        )
    filters = " and ".join(typed.values())
    text = f"No listing matches {filters}; {stored:,} listing(s) are stored."
    if len(typed) > 1:
        text += " Alone: " + ", ".join(f"{typed[f]} matches {n:,}" for f, n in alone.items())
        text += "."
    empty = [typed[f].split(" (")[0] for f, n in alone.items() if n == 0]
    if empty:
        text += f" Try without {' or '.join(empty)}, or add listings (jobs import, jobs sync)."
    else:
        text += " Try fewer filters."
    return text
