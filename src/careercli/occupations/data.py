"""The O*NET tier as data: the occupation index, one details file per SOC major group, the
technology crosswalk and wages, each read the first time it is needed.

Files (built by scripts/build_onet.py and scripts/build_crosswalk.py, shipped in data/):
onet/occupations.json (the index), onet/details/<MM>.json, onet/meta.json (release, licence,
attribution), onet/titles.json (read only for mapping titles, see `titles`) and crosswalk.json.
"""

from __future__ import annotations

import gc
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from careercli.errors import CareerError
from careercli.paths import bundled_data_dir

if TYPE_CHECKING:
    from careercli.catalog import Role
    from careercli.salary import Wage, Wages

CODE = re.compile(r"^\s*(\d\d-\d{4})(?:\.(\d\d))?\s*$")
TIER_RANK = {"Primary-Short": 0, "Primary-Long": 1, "Supplemental": 2}


class Occupation(NamedTuple):
    """One row of the index: what every list and ranking needs."""

    code: str  # O*NET-SOC code, 15-2051.01
    title: str
    job_zone: int | None
    education: str | None  # typical education level (vocab.Education)
    hot: int  # number of Hot Technologies

    @property
    def soc(self) -> str:
        """The 6-digit SOC code the occupation belongs to (wages are published for these)."""
        return self.code[:7]

    @property
    def family(self) -> str:
        return self.code[:2]


@dataclass
class Technology:
    name: str
    commodity: str
    hot: bool
    in_demand: bool
    skill: str | None  # the taxonomy skill it reads as, if any

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "hot": self.hot,
            "in_demand": self.in_demand,
            "skill": self.skill,
        }


@dataclass
class Details:
    """Everything O*NET says about one occupation that careercli keeps."""

    occupation: Occupation
    description: str
    tasks: list[str]
    technology: list[Technology]
    skills: list[tuple[str, float]]
    knowledge: list[tuple[str, float]]
    education: dict[str, Any]  # {"typical", "distribution"}
    related: list[tuple[str, str]]  # (code, tier)


def _read_json(path: Path) -> Any:
    # Large files of small lists: the cyclic collector would walk them again and again.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise CareerError(
            f"Cannot read the O*NET data {path}: {exc}",
            hint="Reinstall careercli, or rebuild data/ with scripts/build_onet.py.",
        ) from None
    finally:
        if enabled:
            gc.enable()


class Onet:
    """The bundled O*NET release, read lazily: the index on first use, a major group's details
    when one of its occupations is shown, the crosswalk when skills are compared."""

    def __init__(self, folder: Path | None = None, data_dir: Path | None = None):
        self.data_dir = data_dir or bundled_data_dir()
        self.folder = folder or self.data_dir / "onet"
        self._index: dict[str, Occupation] | None = None
        self._details: dict[str, dict[str, Any]] = {}
        self._meta: dict[str, Any] | None = None
        self._crosswalk: dict[str, Any] | None = None

    # ----------------------------------------------------------------------- index and meta

    @property
    def index(self) -> dict[str, Occupation]:
        if self._index is None:
            data = _read_json(self.folder / "occupations.json")
            self._index = {row[0]: Occupation(*row) for row in data["rows"]}
        return self._index

    @property
    def meta(self) -> dict[str, Any]:
        if self._meta is None:
            self._meta = _read_json(self.folder / "meta.json")
        return self._meta

    @property
    def attribution(self) -> str:
        return str(self.meta["attribution"])

    @property
    def release(self) -> str:
        return str(self.meta["release"])

    def job_zone_title(self, zone: int | None) -> str:
        if zone is None:
            return "not rated"
        return str(self.meta["job_zones"][str(zone)]["title"])

    def get(self, code: str) -> Occupation | None:
        return self.index.get(code)

    def __getitem__(self, code: str) -> Occupation:
        return self.index[code]

    def code_for(self, text: str) -> str | None:
        """The O*NET-SOC code a text names: "15-2051.01" itself, or a 6-digit SOC ("15-2051",
        "15-2051.00") meaning its .00 occupation, else its only one. None if it is not a code;
        CareerError for a well-formed code O*NET does not have."""
        m = CODE.match(text)
        if m is None:
            return None
        six, detail = m.group(1), m.group(2)
        full = f"{six}.{detail or '00'}"
        if full in self.index:
            return full
        if detail is None:
            inside = [c for c in self.index if c.startswith(six)]
            if len(inside) == 1:
                return inside[0]
        raise CareerError(
            f"No O*NET {self.release} occupation has the code {text.strip()}.",
            hint="List them with: careercli occupations --search WORDS",
        )

    def search(self, text: str | None = None, family: str | None = None) -> list[Occupation]:
        """Occupations whose title has every word of `text` (any order, plurals folded), in a
        SOC major group ("15") or broader prefix ("15-12"), by code."""
        from careercli.occupations.titleindex import fold_words

        rows = list(self.index.values())
        if family:
            prefix = family.strip()
            if not re.fullmatch(r"\d\d(?:-\d{1,4}(?:\.\d\d)?)?", prefix):
                raise CareerError(
                    f"--family takes a SOC major group such as 15 or a prefix such as 15-12, "
                    f"not {family!r}."
                )
            rows = [r for r in rows if r.code.startswith(prefix)]
        if text:
            code = CODE.match(text)
            if code:
                rows = [r for r in rows if r.code.startswith(code.group(1))]
            else:
                words = fold_words(text)
                rows = [r for r in rows if set(words) <= set(fold_words(r.title))]
        return rows

    # ----------------------------------------------------------------------- details

    def _group(self, major: str) -> dict[str, Any]:
        group = self._details.get(major)
        if group is None:
            path = self.folder / "details" / f"{major}.json"
            group = _read_json(path) if path.exists() else {}
            self._details[major] = group
        return group

    def details(self, code: str) -> Details:
        occ = self.index.get(code)
        raw = self._group(code[:2]).get(code) if occ else None
        if occ is None or raw is None:
            raise CareerError(f"No O*NET details for {code}.")
        names = self.crosswalk_names
        return Details(
            occupation=occ,
            description=raw["description"],
            tasks=list(raw["tasks"]),
            technology=[
                Technology(name, commodity, bool(hot), bool(demand), names.get(name))
                for name, commodity, hot, demand in raw["technology"]
            ],
            skills=[(n, v) for n, v in raw["skills"]],
            knowledge=[(n, v) for n, v in raw["knowledge"]],
            education=raw["education"],
            related=[(c, t) for c, t in raw["related"] if c in self.index],
        )

    def role_code(self, role: Role) -> str | None:
        """The occupation a curated role stands for when nothing else says: its first SOC, its
        wage proxy (the role's own O*NET code within it, else that SOC's .00 occupation)."""
        for soc in role.soc:
            for code in role.onet:
                if code.startswith(soc):
                    return code
            if f"{soc}.00" in self.index:
                return f"{soc}.00"
        return next((c for c in role.onet if c in self.index), None)

    # ----------------------------------------------------------------------- crosswalk

    @property
    def crosswalk(self) -> dict[str, Any]:
        if self._crosswalk is None:
            path = self.data_dir / "crosswalk.json"
            self._crosswalk = _read_json(path) if path.exists() else {}
        return self._crosswalk

    @property
    def crosswalk_names(self) -> dict[str, str]:
        """Technology example name → taxonomy skill."""
        return {name: hit[0] for name, hit in self.crosswalk.get("names", {}).items()}

    def requirements(self, code: str) -> list[tuple[str, int]]:
        """(skill, weight 1-3) for the taxonomy skills an occupation's technology maps to."""
        return [(s, int(w)) for s, w in self.crosswalk.get("occupations", {}).get(code, ())]

    # ----------------------------------------------------------------------- wages

    def wage_soc(self, code: str, wages: Wages) -> str | None:
        """The OEWS code whose wages stand for an occupation: its own 6-digit SOC, else the one
        OEWS aggregate of its broad group that BLS publishes instead (29-2011 → 29-2010)."""
        soc = code[:7]
        if soc in wages.occupations:
            return soc
        own = {c[:7] for c in self.index}
        broad = [s for s in wages.occupations if s[:6] == soc[:6] and s not in own]
        return broad[0] if len(broad) == 1 else None

    def wage(self, code: str, wages: Wages, area: str = "US") -> Wage | None:
        soc = self.wage_soc(code, wages)
        return wages.wage(soc, area) if soc else None


_ONET: Onet | None = None


def onet() -> Onet:
    """The bundled O*NET data (one instance per process, so each file is read once)."""
    global _ONET
    if _ONET is None:
        _ONET = Onet()
    return _ONET
