"""Load the catalog: read the compiled cache, or compile the YAML sources and cache them.

YAML is the source of truth. The first run compiles it (validated, cross-checked, flattened to
plain values) into a marshal file in the user cache directory, keyed by every source file's path,
size and modification time; later runs read only that file. Full role profiles stay as marshal
bytes until a command asks for them, so ranking thousands of roles touches only a compact index.
"""

from __future__ import annotations

import contextlib
import marshal
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from careercli.catalog.model import (
    Certification,
    Role,
    RoleRow,
    Skill,
    role_from_profile,
)
from careercli.catalog.sources import find_sources, identity
from careercli.errors import CareerError
from careercli.paths import bundled_data_dir, cache_dir, write_atomic
from careercli.text import normalize, shorten, typo_budget

if TYPE_CHECKING:
    from careercli.catalog.yamlio import Problem

MAX_PROBLEMS_SHOWN = 25
LEVEL_ORDER = ("intern", "junior", "mid", "senior", "lead", "principal", "manager", "director")


class Catalog:
    """The merged, validated catalog (bundled data plus the user's overlay, if any)."""

    def __init__(self, compiled: dict[str, Any]):
        self._c = compiled
        self.categories: dict[str, str] = compiled["categories"]
        self.skill_lookup: dict[str, tuple[str, str]] = compiled["lookup"]
        self.ambiguous: dict[str, tuple[str, ...]] = compiled["ambiguous"]
        self.professional_categories: frozenset[str] = frozenset(compiled["professional"])
        self.effort_basis: str = compiled["effort_basis"]
        self.index: list[RoleRow] = [RoleRow(*row) for row in compiled["roles"]]
        self.role_lookup: dict[str, str] = compiled["role_lookup"]
        self.bundled_jobs: list[dict[str, Any]] = compiled["jobs"]
        self.fingerprint: str = compiled["fingerprint"]
        self._skills: dict[str, Skill] | None = None
        self._certs: dict[str, Certification] | None = None
        self._covering: dict[str, list[Certification]] | None = None
        self._roles: dict[str, Role] = {}
        self._rows = {row.id: row for row in self.index}

    @property
    def skills(self) -> dict[str, Skill]:
        if self._skills is None:
            self._skills = {row[0]: Skill(*row) for row in self._c["skills"]}
        return self._skills

    @property
    def certifications(self) -> dict[str, Certification]:
        if self._certs is None:
            self._certs = {
                c["name"]: Certification(
                    **{k: tuple(v) if isinstance(v, list) else v for k, v in c.items()}
                )
                for c in self._c["certs"]
            }
        return self._certs

    def certification_dict(self, name: str) -> dict[str, Any]:
        cert = self.certifications[name]
        return {
            "name": cert.name,
            "provider": cert.provider,
            "code": cert.code,
            "status": cert.status,
            "retired": cert.retired,
            "replaced_by": list(cert.replaced_by),
            "url": cert.url,
        }

    def current_certifications_for(self, skill: str) -> list[Certification]:
        if self._covering is None:
            self._covering = {}
            for cert in self.certifications.values():
                if cert.current:
                    for name in cert.skills:
                        self._covering.setdefault(name, []).append(cert)
        return list(self._covering.get(skill, ()))

    @property
    def role_ids(self) -> list[str]:
        return [row.id for row in self.index]

    def has_role(self, role_id: str) -> bool:
        return role_id in self._rows

    def row(self, role_id: str) -> RoleRow:
        """The compact index row of a role (id, name, track, level, summary, requirements)."""
        return self._rows[role_id]

    def role(self, role_id: str) -> Role:
        role = self._roles.get(role_id)
        if role is None:
            role = role_from_profile(marshal.loads(self._c["profiles"][role_id]))
            self._roles[role_id] = role
        return role

    def roles(self, ids: Iterable[str] | None = None) -> list[Role]:
        return [self.role(i) for i in (self.role_ids if ids is None else ids)]

    def role_name(self, role_id: str) -> str:
        return self._rows[role_id].name

    def roles_by_track(self, tracks: Iterable[str] = ()) -> list[Role]:
        """Roles on these tracks (all when none), by track, then level, then name."""
        wanted = set(tracks)
        rank = {level: n for n, level in enumerate(LEVEL_ORDER)}
        rows = [r for r in self.index if not wanted or r.track in wanted]
        rows.sort(key=lambda r: (r.track, rank.get(r.level, 99), r.name.casefold()))
        return self.roles(r.id for r in rows)

    def is_professional(self, skill: str) -> bool:
        """A skill a list of tools cannot evidence (communication, leadership, ...)."""
        entry = self.skills.get(skill)
        return entry is not None and entry.category in self.professional_categories

    def find_role(self, query: str) -> Role:
        """Resolve a role by id, name, alias or a typo of them; CareerError when unsure."""
        return self.role(self.resolve_role_id(query))

    def resolve_role_id(self, query: str) -> str:
        key = normalize(query)
        hit = self.role_lookup.get(key)
        if hit is not None:
            return hit
        if not key:
            raise CareerError("A role name is needed.", hint="List the roles with: careercli roles")
        best, candidates = self._fuzzy_roles(key)
        if best is not None:
            return best
        hint = "List the roles with: careercli roles"
        if candidates:
            names = ", ".join(f"{self.role_name(c)} ({c})" for c in candidates)
            hint = f"Did you mean: {names}?\n{hint}"
        raise CareerError(f"Unknown role: {shorten(query)!r}", hint=hint)

    def _fuzzy_roles(self, key: str) -> tuple[str | None, list[str]]:
        from rapidfuzz import fuzz, process
        from rapidfuzz.distance import OSA

        lookup = self.role_lookup
        # A typo first: the one role within a small edit distance of what was typed.
        limit = typo_budget(len(key))
        if limit:
            near: dict[str, int] = {}
            for choice, dist, _ in process.extract(
                key, list(lookup), scorer=OSA.distance, score_cutoff=limit, limit=None
            ):
                role_id = lookup[choice]
                near[role_id] = min(near.get(role_id, 99), int(dist))
            if near:
                best = min(near.values())
                closest = [r for r, d in near.items() if d == best]
                if len(closest) == 1:
                    return closest[0], []
        scored: dict[str, float] = {}
        for choice, score, _ in process.extract(
            key, list(lookup), scorer=fuzz.ratio, limit=40, score_cutoff=60
        ):
            role_id = lookup[choice]
            scored[role_id] = max(scored.get(role_id, 0.0), score)
        if len(key) >= 4:
            for choice, score, _ in process.extract(
                key, list(lookup), scorer=fuzz.token_set_ratio, limit=40, score_cutoff=80
            ):
                role_id = lookup[choice]
                scored[role_id] = max(scored.get(role_id, 0.0), score * 0.9)
        ranked = sorted(scored.items(), key=lambda kv: (-kv[1], kv[0]))
        if not ranked:
            return None, []
        top_id, top = ranked[0]
        runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
        if top >= 85 and top - runner_up >= 6:
            return top_id, []
        return None, [role_id for role_id, score in ranked[:5] if score >= 60]


# --------------------------------------------------------------------------- load


def _cache_file(overlay: Path | None) -> Path:
    tag = f"{zlib.crc32(f'{bundled_data_dir()}|{overlay}'.encode()):08x}"
    return cache_dir() / f"catalog-{tag}.bin"


def _read_cache(path: Path, key: list[Any]) -> dict[str, Any] | None:
    try:
        blob = marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None
    if not isinstance(blob, dict) or blob.get("key") != key:
        return None
    data = blob.get("data")
    return data if isinstance(data, dict) else None


def _write_cache(path: Path, key: list[Any], data: dict[str, Any]) -> None:
    # A cache that cannot be written is only slower next time, never an error.
    with contextlib.suppress(OSError):
        write_atomic(path, marshal.dumps({"key": key, "data": data}), durable=False)


def load_catalog(overlay: Path | None = None, *, use_cache: bool = True) -> Catalog:
    """The merged catalog; raises CareerError listing every problem if the data is invalid."""
    sources, problems = find_sources(overlay)
    key = identity(sources, overlay)
    cache = _cache_file(overlay) if use_cache else None
    if cache is not None and not problems:
        data = _read_cache(cache, key)
        if data is not None:
            return Catalog(data)
    from careercli.catalog.compiler import compile_sources

    data, problems = compile_sources(sources, problems)
    if problems:
        raise data_error(problems)
    data["fingerprint"] = f"{zlib.crc32(repr(key).encode()):08x}"
    if cache is not None:
        _write_cache(cache, key, data)
    return Catalog(data)


def validate(overlay: Path | None = None) -> tuple[list[Problem], dict[str, int]]:
    """Every problem in the bundled data plus the overlay, and counts of what was read."""
    from careercli.catalog.compiler import compile_sources

    sources, problems = find_sources(overlay)
    data, problems = compile_sources(sources, problems)
    counts = {
        "roles": len(data["roles"]),
        "skills": len(data["skills"]),
        "certifications": len(data["certs"]),
        "jobs": len(data["jobs"]),
        "files": len(sources),
    }
    return problems, counts


def data_error(problems: list[Problem]) -> CareerError:
    shown = [str(p) for p in problems[:MAX_PROBLEMS_SHOWN]]
    if len(problems) > MAX_PROBLEMS_SHOWN:
        shown.append(f"... and {len(problems) - MAX_PROBLEMS_SHOWN} more")
    n = len(problems)
    return CareerError(
        f"The catalog data has {n} problem{'s' if n != 1 else ''}:",
        details=shown,
        hint="Fix the file(s) above; `careercli validate DIR` lists every problem.",
    )


def role_yaml(role: Role) -> str:
    """The role in exactly the data-file format, ready to copy into a data folder and edit."""
    import datetime as dt

    import yaml

    from careercli.catalog.schema import DEFAULT_WEIGHT

    doc = role.to_dict()
    doc.pop("file", None)
    doc["reviewed"] = dt.date.fromisoformat(role.reviewed)
    doc["skills"] = [
        {
            **({"one_of": list(r.names)} if len(r.names) > 1 else {"skill": r.skill}),
            "importance": r.importance,
            **({"weight": r.weight} if r.weight != DEFAULT_WEIGHT[r.importance] else {}),
        }
        for r in role.skills
    ]
    doc["gates"] = _plain_gates(role.gates)
    order = [
        "id", "name", "aliases", "track", "level", "summary", "definition", "responsibilities",
        "skills", "education", "gates", "certifications", "tools", "industries", "outlook",
        "steps", "related", "soc", "soc_match", "onet", "sources", "reviewed",
    ]  # fmt: skip
    optional_empty = {"gates": None, "onet": [], "soc_match": "close"}
    ordered = {k: doc[k] for k in order if k not in optional_empty or doc[k] != optional_empty[k]}
    return yaml.safe_dump(ordered, sort_keys=False, allow_unicode=True, width=100)


def _plain_gates(gates: dict[str, Any] | None) -> dict[str, Any] | None:
    """The gates as written in a role file: only the parts that are set."""
    if not gates:
        return None
    out: dict[str, Any] = {}
    for key in ("education", "years"):
        part = {k: v for k, v in (gates.get(key) or {}).items() if v is not None}
        if part:
            out[key] = part
    if gates.get("note"):
        out["note"] = gates["note"]
    return out or None
