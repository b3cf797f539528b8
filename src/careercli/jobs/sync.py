"""`jobs sync`: fetch each source and replace its listings in the store, one transaction per
source, so a failed fetch leaves that source exactly as it was and the others still sync."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from careercli.errors import CareerError

if TYPE_CHECKING:
    from careercli.catalog import Catalog


@dataclass
class SyncResult:
    source: str
    ok: bool
    listings: int | None = None
    error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "ok": self.ok,
            "listings": self.listings,
            "error": self.error,
        }


def sync_sources(
    catalog: Catalog, sources: list[str], base_url: str | None = None, *, timeout: float = 20.0
) -> list[SyncResult]:
    """Sync every source named ('lever:acme', 'remotive', ...); each result says how it went.
    A source name that cannot be read is an error before anything is fetched."""
    from careercli.jobs import boards
    from careercli.jobs.store import Store

    specs = [boards.parse_spec(s) for s in sources]
    results: list[SyncResult] = []
    with Store(catalog, write=True) as store:
        for spec in specs:
            try:
                listings = boards.fetch_listings(spec, base_url, timeout=timeout)
                count = store.replace_source(
                    spec.key, spec.kind, boards.source_url(spec, base_url), listings
                )
                results.append(SyncResult(spec.key, True, count))
            except CareerError as exc:
                results.append(SyncResult(spec.key, False, None, str(exc)))
    return results
