"""Find, parse, validate and cache the role catalog.

YAML is the source of truth. The first run compiles it (validated, cross-checked, flattened to
plain values) into a marshal file in the user cache directory, keyed by every source file's path,
size and modification time; later runs read only that file. Full role profiles stay as marshal
bytes until a command asks for them, so ranking thousands of roles touches only a compact index.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from careercli import __version__
from careercli.errors import CareerError
from careercli.paths import bundled_data_dir, cache_dir, write_atomic
from careercli.text import normalize, typo_budget

if TYPE_CHECKING:
    from careercli.yamlio import Problem

CACHE_FORMAT = 4
MAX_PROBLEMS_SHOWN = 25


class Skill(NamedTuple):
    name: str
    category: str
    aliases: tuple[str, ...]
    implies: tuple[str, ...]  # "is evidence of": partial credit
    prerequisites: tuple[str, ...]
    kind_of: tuple[str, ...] = ()  # "is a kind of": full credit
    effort_hours: int | None = None


class Certification(NamedTuple):
    name: str
    provider: str
    code: str | None
    level: str
    url: str
    status: str
    retired: str | None
    replaced_by: tuple[str, ...]
    aliases: tuple[str, ...]
    skills: tuple[str, ...]  # what it mainly certifies
    sources: tuple[str, ...]
    reviewed: str
    incidental: tuple[str, ...] = ()  # touched on, not what it certifies
    prerequisites: dict[str, Any] | None = None
    cost: dict[str, Any] | None = None
    preparation: dict[str, Any] | None = None

    @property
    def current(self) -> bool:
        return self.status == "current"

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "provider": self.provider,
            "code": self.code,
            "level": self.level,
            "status": self.status,
            "retired": self.retired,
            "replaced_by": list(self.replaced_by),
            "url": self.url,
            "skills": list(self.skills),
            "incidental": list(self.incidental),
            "prerequisites": self.prerequisites,
            "cost": self.cost,
            "preparation": self.preparation,
            "sources": list(self.sources),
            "reviewed": self.reviewed,
        }


def options_label(options: tuple[str, ...]) -> str:
    """'AWS, Azure or Google Cloud' for a one-of group; the skill itself for one skill."""
    if len(options) == 1:
        return options[0]
    return f"{', '.join(options[:-1])} or {options[-1]}"


class Requirement(NamedTuple):
    skill: str  # the skill, or the label of a one-of group
    importance: str
    weight: int
    options: tuple[str, ...] = ()  # the skills any one of which satisfies it

    @property
    def names(self) -> tuple[str, ...]:
        return self.options or (self.skill,)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"skill": self.skill, "importance": self.importance}
        out["weight"] = self.weight
        if len(self.names) > 1:
            out["one_of"] = list(self.names)
        return out


class Role(NamedTuple):
    id: str
    name: str
    aliases: tuple[str, ...]
    track: str
    level: str
    summary: str
    definition: str
    responsibilities: tuple[str, ...]
    skills: tuple[Requirement, ...]
    education: tuple[str, ...]
    certifications: tuple[str, ...]
    tools: dict[str, tuple[str, ...]]
    industries: tuple[str, ...]
    outlook: dict[str, Any]
    steps: tuple[str, ...]
    related: tuple[dict[str, str], ...]
    soc: tuple[str, ...]
    sources: tuple[str, ...]
    reviewed: str
    file: str
    soc_match: str = "close"
    onet: tuple[str, ...] = ()
    gates: dict[str, Any] | None = None

    @property
    def skill_names(self) -> tuple[str, ...]:
        return tuple(r.skill for r in self.skills)

    def to_dict(self, catalog: Catalog | None = None) -> dict[str, Any]:
        certs: list[Any] = list(self.certifications)
        if catalog is not None:
            certs = [catalog.certification_dict(name) for name in self.certifications]
        return {
            "id": self.id,
            "name": self.name,
            "aliases": list(self.aliases),
            "track": self.track,
            "level": self.level,
            "summary": self.summary,
            "definition": self.definition,
            "responsibilities": list(self.responsibilities),
            "skills": [r.to_dict() for r in self.skills],
            "education": list(self.education),
            "certifications": certs,
            "tools": {k: list(v) for k, v in self.tools.items()},
            "industries": list(self.industries),
            "outlook": self.outlook,
            "steps": list(self.steps),
            "related": [dict(r) for r in self.related],
            "soc": list(self.soc),
            "soc_match": self.soc_match,
            "onet": list(self.onet),
            "gates": self.gates,
            "sources": list(self.sources),
            "reviewed": self.reviewed,
        }


def _role_from_profile(p: dict[str, Any]) -> Role:
    return Role(
        id=p["id"],
        name=p["name"],
        aliases=tuple(p["aliases"]),
        track=p["track"],
        level=p["level"],
        summary=p["summary"],
        definition=p["definition"],
        responsibilities=tuple(p["responsibilities"]),
        skills=tuple(Requirement(options_label(o), i, w, o) for o, i, w in p["skills"]),
        education=tuple(p["education"]),
        certifications=tuple(p["certifications"]),
        tools={k: tuple(v) for k, v in p["tools"]},
        industries=tuple(p["industries"]),
        outlook=p["outlook"],
        steps=tuple(p["steps"]),
        related=tuple(p["related"]),
        soc=tuple(p["soc"]),
        sources=tuple(p["sources"]),
        reviewed=p["reviewed"],
        file=p["file"],
        soc_match=p["soc_match"],
        onet=tuple(p["onet"]),
        gates=p["gates"],
    )


class Catalog:
    """The merged, validated catalog (bundled data plus the user's overlay, if any)."""

    def __init__(self, compiled: dict[str, Any]):
        self._c = compiled
        self.categories: dict[str, str] = compiled["categories"]
        self.skill_lookup: dict[str, tuple[str, str]] = compiled["lookup"]
        self.ambiguous: dict[str, tuple[str, ...]] = compiled["ambiguous"]
        self.professional_categories: frozenset[str] = frozenset(compiled["professional"])
        self.effort_basis: str = compiled["effort_basis"]
        self.index: list[tuple[Any, ...]] = compiled["roles"]
        self.bundled_jobs: list[dict[str, Any]] = compiled["jobs"]
        self.fingerprint: str = compiled["fingerprint"]
        self._skills: dict[str, Skill] | None = None
        self._certs: dict[str, Certification] | None = None
        self._covering: dict[str, list[Certification]] | None = None
        self._roles: dict[str, Role] = {}
        self._ids = {row[0]: n for n, row in enumerate(self.index)}

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
        return [row[0] for row in self.index]

    def has_role(self, role_id: str) -> bool:
        return role_id in self._ids

    def role(self, role_id: str) -> Role:
        role = self._roles.get(role_id)
        if role is None:
            role = _role_from_profile(marshal.loads(self._c["profiles"][role_id]))
            self._roles[role_id] = role
        return role

    def roles(self, ids: Iterable[str] | None = None) -> list[Role]:
        return [self.role(i) for i in (self.role_ids if ids is None else ids)]

    def role_name(self, role_id: str) -> str:
        return self.index[self._ids[role_id]][1]

    def find_role(self, query: str) -> Role:
        """Resolve a role by id, name, alias or a typo of them; CareerError when unsure."""
        return self.role(self.resolve_role_id(query))

    def resolve_role_id(self, query: str) -> str:
        key = normalize(query)
        hit = self._c["role_lookup"].get(key)
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
        raise CareerError(f"Unknown role: {query!r}", hint=hint)

    def _fuzzy_roles(self, key: str) -> tuple[str | None, list[str]]:
        from rapidfuzz import fuzz, process
        from rapidfuzz.distance import OSA

        lookup: dict[str, str] = self._c["role_lookup"]
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


# --------------------------------------------------------------------------- sources


class Source(NamedTuple):
    layer: Path
    kind: str  # skills | certifications | jobs | role
    path: Path
    shown: str


def _problem(file: str, message: str) -> Problem:
    from careercli.yamlio import Problem

    return Problem(file, message)


def _layer_sources(layer: Path, required: bool, problems: list[Problem]) -> list[Source]:
    out: list[Source] = []
    root: list[str] = []  # the layer's real path, computed only if a symlink shows up

    def outside(path: Path) -> bool:
        """A symlink (the file or the roles/ folder) leading out of the data folder."""
        if not path.is_symlink():
            return False
        if not root:
            root.append(os.path.realpath(layer))
        target = os.path.realpath(path)
        if os.path.commonpath([root[0], target]) == root[0]:
            return False
        problems.append(_problem(str(path), "is a symlink pointing outside the data folder"))
        return True

    for kind, name in (
        ("skills", "skills.yaml"),
        ("certifications", "certifications.yaml"),
        ("jobs", "jobs.yaml"),
    ):
        path = layer / name
        if outside(path):
            continue
        if path.is_file():
            out.append(Source(layer, kind, path, str(path)))
        elif required:
            problems.append(_problem(str(path), "is missing"))
    roles_dir = layer / "roles"
    if outside(roles_dir):
        return out
    try:
        entries = sorted(os.scandir(roles_dir), key=lambda e: e.name)
    except FileNotFoundError:
        entries = []
        if required:
            problems.append(_problem(str(roles_dir), "is missing"))
    except OSError as exc:
        entries = []
        problems.append(_problem(str(roles_dir), f"cannot read: {exc.strerror or exc}"))
    for entry in entries:
        if not entry.name.endswith((".yaml", ".yml")) or entry.name.startswith("."):
            continue
        path = roles_dir / entry.name
        if entry.is_symlink() and outside(path):
            continue
        out.append(Source(layer, "role", path, str(path)))
    return out


def _sources(overlay: Path | None) -> tuple[list[Source], list[Problem]]:
    problems: list[Problem] = []
    sources = _layer_sources(bundled_data_dir(), True, problems)
    if overlay is not None:
        sources += _layer_sources(overlay, False, problems)
    return sources, problems


def _identity(sources: list[Source], overlay: Path | None) -> list[Any]:
    key: list[Any] = [CACHE_FORMAT, __version__, str(overlay)]
    # The compiled form depends on this code too (normalisation builds the lookup tables).
    here = Path(__file__).parent
    for module in ("catalog.py", "compiler.py", "schema.py", "text.py"):
        with contextlib.suppress(OSError):
            key.append(os.stat(here / module).st_mtime_ns)
    for s in sources:
        try:
            st = os.stat(s.path)
            key.append((str(s.path), st.st_size, st.st_mtime_ns))
        except OSError:
            key.append((str(s.path), -1, -1))
    return key


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
    sources, problems = _sources(overlay)
    key = _identity(sources, overlay)
    cache = _cache_file(overlay) if use_cache else None
    if cache is not None and not problems:
        data = _read_cache(cache, key)
        if data is not None:
            return Catalog(data)
    from careercli.compiler import compile_sources

    data, problems = compile_sources(sources, problems)
    if problems:
        raise data_error(problems)
    data["fingerprint"] = f"{zlib.crc32(repr(key).encode()):08x}"
    if cache is not None:
        _write_cache(cache, key, data)
    return Catalog(data)


def validate(overlay: Path | None = None) -> tuple[list[Problem], dict[str, int]]:
    """Every problem in the bundled data plus the overlay, and counts of what was read."""
    from careercli.compiler import compile_sources

    sources, problems = _sources(overlay)
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


def skill_overlap(roles: list[Role]) -> tuple[list[str], float]:
    """Skills every role names, and their share of all skills named (Jaccard, 0-100)."""
    sets = [set(r.skill_names) for r in roles]
    if not sets:
        return [], 0.0
    common = set.intersection(*sets)
    union = set.union(*sets)
    order = [s for s in roles[0].skill_names if s in common]
    return order, round(100 * len(common) / len(union), 1) if union else 0.0


def role_yaml(role: Role) -> str:
    """The role in exactly the data-file format, ready to copy into a data folder and edit."""
    import datetime as dt

    import yaml

    from careercli.schema import DEFAULT_WEIGHT

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
