"""Finding listings for a person: the store's filters, then fit to their skills when given.

With skills, each listing gets a fit and `--sort fit` ranks by it; the ranking needs every
match's fit, so the limit is applied after the sort.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from careercli.jobs.model import Listing, Query

if TYPE_CHECKING:
    from careercli.catalog import Catalog

MIN_NAMED_SKILLS = 5


def listing_fit(catalog: Catalog, listing: Listing, credit: dict[str, float]) -> float | None:
    """Fit of a listing: the mapped role's fit and the share of the description's skills you
    have, averaged when both exist; None when neither exists. The share counts over at least
    five skills: an ad that names only Excel says too little to be a 100% fit."""
    from careercli.matching import fit_of

    parts = []
    if listing.role and catalog.has_role(listing.role):
        parts.append(fit_of(catalog.row(listing.role).requirements, credit)[0])
    if listing.skills:
        have = sum(credit.get(s, 0.0) for s in listing.skills)
        parts.append(100.0 * have / max(len(listing.skills), MIN_NAMED_SKILLS))
    if not parts:
        return None
    return round(sum(parts) / len(parts), 1)


def find_listings(
    catalog: Catalog, query: Query, credit: dict[str, float] | None = None
) -> list[Listing]:
    """Listings matching the query; with `credit` (the person's skills), each carries its fit,
    and a fit-sorted query is ranked by it before the limit is applied."""
    from careercli.jobs.store import Store

    with Store(catalog) as store:
        found = store.search(query)
    if credit is None:
        return found
    for job in found:
        job.fit = listing_fit(catalog, job, credit)
    if query.sort == "fit":
        found.sort(key=lambda j: (j.fit is None, -(j.fit or 0.0), j.title))
        if query.limit:
            found = found[: query.limit]
    return found
