"""Wage figures for roles, from BLS OEWS (May 2025) via the SOC codes each role maps to.

Our roles are not SOC occupations: a wage shown for a role is the wage of the occupations it
stands in for (its proxies, named), and seniority is approximated by a percentile band applied
the same way to every proxy; a role's figure is the range across its proxies. Where no BLS
occupation is close (the role file says `soc_match: weak`), no band is given as the role's pay:
the proxies are shown as the nearest occupations, for context. OEWS wages are straight-time pay.
"""

from __future__ import annotations

import gc
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from careercli.catalog import Catalog, Role
from careercli.errors import CareerError
from careercli.paths import bundled_data_dir

if TYPE_CHECKING:
    from careercli.profile import Profile

PERCENTILES = ("p10", "p25", "p50", "p75", "p90")
LEVEL_BAND = {
    "intern": ("p10", "p25"),
    "junior": ("p10", "p25"),
    "mid": ("p25", "p75"),
    "senior": ("p50", "p90"),
    "lead": ("p75", "p90"),
    "principal": ("p75", "p90"),
    "manager": ("p75", "p90"),
    "director": ("p75", "p90"),
}
EXCLUDES = "year-end (nonproduction) bonuses, overtime, benefits, and stock or other equity"
PAY_NOTE = (
    "OEWS wages are straight-time pay: the base rate plus commissions and production bonuses. "
    f"They exclude {EXCLUDES}, so total pay in many tech jobs is higher."
)
PAY_SOURCES = (
    "U.S. DOL, 'How are wages defined by the OES survey?' "
    "(https://webapps.dol.gov/dolfaq/go-dol-faq.asp?faqid=108)",
    "U.S. BLS, OEWS pay terms (https://www.bls.gov/respondents/oes/payterms.htm)",
)
# Listings whose median midpoint is this far outside the band are flagged.
DISAGREEMENT = 0.25


@dataclass
class Wage:
    soc: str
    title: str
    area: str
    employment: int | None
    values: dict[str, int | None]

    def text(self, key: str) -> str:
        value = self.values.get(key)
        return "n/a" if value is None else f"${value:,.0f}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "soc": self.soc,
            "title": self.title,
            "area": self.area,
            "employment": self.employment,
            **{k: self.values.get(k) for k in (*PERCENTILES, "mean")},
        }


@dataclass
class ListingStats:
    count: int
    min: float
    median: float
    max: float

    def to_dict(self) -> dict[str, Any]:
        return {"count": self.count, "min": self.min, "median": self.median, "max": self.max}


@dataclass
class RoleSalary:
    id: str
    name: str
    level: str
    band: tuple[str, str]
    wages: list[Wage]
    listings: ListingStats | None = None
    match: str = "close"  # close | weak: how near the role's BLS proxies are

    @property
    def proxies(self) -> list[tuple[str, str]]:
        return [(w.soc, w.title) for w in self.wages]

    def proxy_band(self, wage: Wage) -> tuple[float, float] | None:
        lo, hi = (wage.values.get(k) for k in self.band)
        return (float(lo), float(hi)) if lo is not None and hi is not None else None

    @property
    def band_range(self) -> tuple[float, float] | None:
        """The level band across the role's proxies (lowest low to highest high); None when
        no proxy has figures or no BLS occupation is close."""
        if self.match == "weak":
            return None
        return self.across_proxies

    @property
    def across_proxies(self) -> tuple[float, float] | None:
        bands = [b for b in map(self.proxy_band, self.wages) if b]
        if not bands:
            return None
        return min(b[0] for b in bands), max(b[1] for b in bands)

    @property
    def median_range(self) -> tuple[float, float] | None:
        medians = [float(v) for w in self.wages if (v := w.values.get("p50")) is not None]
        return (min(medians), max(medians)) if medians else None

    @property
    def disagreement(self) -> str | None:
        """When the stored listings' median is far outside the band, say so."""
        band = self.across_proxies
        if not (band and self.listings):
            return None
        mid = self.listings.median
        if mid > band[1] * (1 + DISAGREEMENT):
            return f"your listings' median is {mid / band[1] - 1:.0%} above the BLS band's top"
        if mid < band[0] * (1 - DISAGREEMENT):
            return f"your listings' median is {1 - mid / band[0]:.0%} below the BLS band's bottom"
        return None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "level": self.level,
            "match": self.match,
            "proxies": [{"soc": s, "title": t} for s, t in self.proxies],
            "band": {"from": self.band[0], "to": self.band[1], "range": self.band_range},
            "nearest": self.across_proxies if self.match == "weak" else None,
            "bls": [{**w.to_dict(), "band": self.proxy_band(w)} for w in self.wages],
            "listings": self.listings.to_dict() if self.listings else None,
            "disagreement": self.disagreement,
        }


class Wages:
    """The extracted OEWS figures: national rows in data/wages.json, state rows in
    data/wages-states.json, which is read only when a state's figures are asked for."""

    def __init__(self, data: dict[str, Any], states: dict[str, Any] | Path | None = None):
        self.data = data
        self.columns: list[str] = data["columns"]
        self.occupations: dict[str, list[Any]] = data["occupations"]
        self._states = states

    @classmethod
    def load(cls, path: Path | None = None) -> Wages:
        path = path or bundled_data_dir() / "wages.json"
        data = _read(path)
        if not isinstance(data.get("columns"), list) or not isinstance(
            data.get("occupations"), dict
        ):
            raise CareerError(f"Cannot read wage data {path}: not a wage file")
        return cls(data, path.with_name("wages-states.json"))

    @property
    def citation(self) -> str:
        d = self.data
        return (
            f"{d['source']}, {d['release']} release (published {d['published']}; "
            f"retrieved {d['retrieved']}), {d['url']}"
        )

    def _state_file(self) -> dict[str, Any]:
        if isinstance(self._states, Path):
            self._states = _read(self._states)
        return self._states or {}

    def states(self) -> list[str]:
        if "states" in self.data:
            return list(self.data["states"])
        return sorted(self._state_file().get("areas", {}))

    def titles(self) -> dict[str, str]:
        """SOC code → BLS occupation title, for every occupation in the release."""
        return {soc: occ[0] for soc, occ in self.occupations.items()}

    def national(self, soc: str) -> Wage | None:
        return self.wage(soc, "US")

    def wage(self, soc: str, area: str = "US") -> Wage | None:
        occ = self.occupations.get(soc)
        if occ is None:
            return None
        if area == "US":
            row = occ[1]
        else:
            row = self._state_file().get("areas", {}).get(area, {}).get(soc)
            if row is None:
                return None
        figures = _figures(self.columns, row, soc)
        values = {k: figures.get(k) for k in (*PERCENTILES, "mean")}
        return Wage(soc, occ[0], area, figures.get("employment"), values)


def _figures(columns: list[str], row: Any, soc: str) -> dict[str, Any]:
    if not isinstance(row, list) or len(row) != len(columns):
        raise CareerError(f"Wage data for SOC {soc} does not match its columns {columns}.")
    return dict(zip(columns, row, strict=True))


def _read(path: Path) -> dict[str, Any]:
    # The state file holds some 36,000 small lists, none in a cycle: the cyclic collector would
    # walk them over and over and double the parse time.
    enabled = gc.isenabled()
    gc.disable()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise CareerError(f"Cannot read wage data {path}: {exc}") from None
    finally:
        if enabled:
            gc.enable()
    if not isinstance(data, dict):
        raise CareerError(f"Cannot read wage data {path}: not a JSON object")
    return data


def check_state(wages: Wages, state: str | None) -> str:
    if state is None:
        return "US"
    code = state.strip().upper()
    if code != "US" and code not in wages.states():
        raise CareerError(
            f"Unknown state {state!r}.",
            hint="Use a two-letter USPS code: " + ", ".join(wages.states()),
        )
    return code


def role_salary(
    role: Role, wages: Wages, area: str = "US", listings: ListingStats | None = None
) -> RoleSalary:
    found = []
    for soc in role.soc:
        w = wages.wage(soc, area)
        if w is not None:
            found.append(w)
    return RoleSalary(
        role.id,
        role.name,
        role.level,
        LEVEL_BAND.get(role.level, ("p25", "p75")),
        found,
        listings,
        role.soc_match,
    )


def listing_stats(pairs: list[tuple[float | None, float | None]]) -> ListingStats | None:
    """Count, lowest minimum, median midpoint and highest maximum of yearly salary ranges."""
    rows: list[tuple[float, float]] = []
    for lo, hi in pairs:
        low, high = (lo if lo is not None else hi), (hi if hi is not None else lo)
        if low is not None and high is not None:
            rows.append((low, high))
    if not rows:
        return None
    mids = sorted((lo + hi) / 2 for lo, hi in rows)
    n = len(mids)
    median = mids[n // 2] if n % 2 else (mids[n // 2 - 1] + mids[n // 2]) / 2
    return ListingStats(n, min(lo for lo, _ in rows), round(median), max(hi for _, hi in rows))


def roles_for_title(catalog: Catalog, query: str) -> list[str]:
    """Role ids for a salary title: one role when it resolves, else every role whose name
    contains the title's words (so a generic "Engineer" answers with each engineering role)."""
    from careercli.text import normalize

    try:
        return [catalog.resolve_role_id(query)]
    except CareerError:
        words = normalize(query).split()
        if not words:
            raise
        hits = [r.id for r in catalog.index if all(w in normalize(r.name).split() for w in words)]
        if not hits:
            raise
        return hits


@dataclass
class SalaryReport:
    area: str
    roles: list[RoleSalary]
    notes: list[str] = field(default_factory=list)  # where defaults came from, for stderr

    def to_dict(self, wages: Wages) -> dict[str, Any]:
        return {
            "area": self.area,
            "source": wages.citation,
            "release": wages.data["release"],
            "roles": [r.to_dict() for r in self.roles],
            "notes": pay_notes(wages),
        }


def pay_notes(wages: Wages) -> dict[str, Any]:
    """What every salary view says about the figures."""
    return {
        "pay": PAY_NOTE,
        "excludes": EXCLUDES,
        "bands": "Seniority is read as a percentile band of each proxy occupation: intern and "
        "junior p10-p25, mid p25-p75, senior p50-p90, lead, principal, manager and director "
        "p75-p90; a role's band runs from the lowest to the highest across its proxies.",
        "top_coding": _top_coding(wages),
        "sources": list(PAY_SOURCES),
    }


def _top_coding(wages: Wages) -> str:
    top = wages.data.get("top_coding") or {}
    if top.get("top_coded_values") == 0 and top.get("cap_in_footnote"):
        above = (top.get("values_above_cap") or {}).get("national", 0)
        return (
            f"The {wages.data['release']} release publishes wages above the old "
            f"${top['cap_in_footnote']:,} cap ({above} national values) and marks none as "
            "top-coded: every figure shown is the published one."
        )
    return ""


def salary_report(
    catalog: Catalog,
    wages: Wages,
    titles: list[str] | None,
    state: str | None,
    profile: Profile | None = None,
) -> SalaryReport:
    """Wages for the roles named (a generic title such as "Engineer" names several), else the
    profile's targets, else every role; in the state given, else the profile's, else the US.
    Each role also gets the salary ranges of the stored listings mapped to it."""
    from careercli.jobs.store import Store

    notes: list[str] = []
    if profile is not None:
        from careercli.profile import profile_path

        targets = [t for t in profile.targets if catalog.has_role(t)]
        if not titles and targets:
            titles = targets
            notes.append(f"Showing the target roles saved in your profile ({profile_path()}).")
        if not state and profile.state:
            state = profile.state
            notes.append(f"Using the state saved in your profile: {state}.")
    area = check_state(wages, state)
    ids: list[str] = []
    for title in titles or []:
        ids += [i for i in roles_for_title(catalog, title) if i not in ids]
    if not titles:
        ids = catalog.role_ids
    with Store(catalog) as store:
        results = [
            role_salary(catalog.role(i), wages, area, listing_stats(store.salary_ranges(i)))
            for i in ids
        ]
    return SalaryReport(area, results, notes)
