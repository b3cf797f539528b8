"""`jobs sync`: fetch each source and replace its listings in the store, one transaction per
source, so a failed fetch leaves that source exactly as it was and the others still sync.

Each source has one deadline (`timeout`) that covers fetching, parsing and storing: a board
that answers quickly with half a million listings is stopped at the deadline like one that
answers slowly, and its source is left as it was.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
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
    skipped: int = 0
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "ok": self.ok,
            "listings": self.listings,
            "skipped": self.skipped,
            "error": self.error,
            "notes": self.notes,
        }


def sync_sources(
    catalog: Catalog, sources: list[str], base_url: str | None = None, *, timeout: float = 20.0
) -> list[SyncResult]:
    """Sync every source named ('lever:acme', 'remotive', ...); each result says how it went.
    A source name that cannot be read is an error before anything is fetched."""
    from careercli.jobs import boards
    from careercli.jobs.http import fetch_text, show_url, strip_credentials
    from careercli.jobs.store import Store

    specs = [boards.parse_spec(s) for s in sources]
    urls = [boards.source_url(spec, base_url) for spec in specs]  # a bad URL fails first
    results: list[SyncResult] = []
    with Store(catalog, write=True) as store:
        for spec, url in zip(specs, urls, strict=True):
            start = time.monotonic()
            deadline = start + timeout
            stats = boards.ParseStats()

            def timed_out(url: str = url, stats: boards.ParseStats = stats) -> CareerError:
                return CareerError(
                    f"{show_url(url)}: timed out after {timeout:g} s while reading and storing "
                    f"its listings ({stats.considered:,} read so far); this source is unchanged"
                )

            def check(deadline: float = deadline, timed_out: Any = timed_out) -> None:
                if time.monotonic() >= deadline:
                    raise timed_out()

            try:
                text, content_type, _ = fetch_text(url, timeout=timeout)
                check()
                listings = boards.stream_listings(spec, text, url, content_type, stats, check)
                stored, dropped = store.replace_source(
                    spec.key,
                    spec.kind,
                    strip_credentials(url),
                    listings,
                    deadline=deadline,
                    on_timeout=timed_out,
                )
                del text
                result = SyncResult(spec.key, True, stored, skipped=stats.skipped + dropped)
                if stats.untitled:
                    result.notes.append(f"{stats.untitled} entries without a title left out")
                if stats.other + dropped:
                    result.notes.append(
                        f"{stats.other + dropped} entries that are not usable listings left out"
                    )
                results.append(result)
            except CareerError as exc:
                results.append(SyncResult(spec.key, False, None, exc.message))
    return results
