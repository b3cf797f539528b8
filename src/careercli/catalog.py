"""Find, parse, validate and cache the role catalog.

YAML is the source of truth. The first run compiles it (validated, cross-checked, flattened to
plain values) into a marshal file in the user cache directory, keyed by every source file's path,
size and modification time; later runs read only that file. Full role profiles stay as marshal
bytes until a command asks for them, so ranking thousands of roles touches only a compact index.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from careercli import __version__, schema
from careercli.errors import CareerError
from careercli.paths import bundled_data_dir, cache_dir, write_atomic
from careercli.text import normalize, typo_budget
from careercli.yamlio import Problem, YamlFileError, load, locate, read_text

CACHE_FORMAT = 3
DEFAULT_WEIGHT = {"required": 3, "nice-to-have": 1}
MAX_PROBLEMS_SHOWN = 25


@dataclass(frozen=True, slots=True)
class Skill:
    name: str
    category: str
    aliases: tuple[str, ...]
    implies: tuple[str, ...]
    prerequisites: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Certification:
    name: str
    provider: str
    code: str | None
    level: str
    url: str
    status: str
    retired: str | None
    replaced_by: tuple[str, ...]
    aliases: tuple[str, ...]
    skills: tuple[str, ...]
    sources: tuple[str, ...]
    reviewed: str

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
            "sources": list(self.sources),
            "reviewed": self.reviewed,
        }


@dataclass(frozen=True, slots=True)
class Requirement:
    skill: str
    importance: str
    weight: int


@dataclass(frozen=True, slots=True)
class Role:
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
            "skills": [
                {"skill": r.skill, "importance": r.importance, "weight": r.weight}
                for r in self.skills
            ],
            "education": list(self.education),
            "certifications": certs,
            "tools": {k: list(v) for k, v in self.tools.items()},
            "industries": list(self.industries),
            "outlook": self.outlook,
            "steps": list(self.steps),
            "related": [dict(r) for r in self.related],
            "soc": list(self.soc),
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
        skills=tuple(Requirement(s, i, w) for s, i, w in p["skills"]),
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
    )


class Catalog:
    """The merged, validated catalog (bundled data plus the user's overlay, if any)."""

    def __init__(self, compiled: dict[str, Any]):
        self._c = compiled
        self.categories: dict[str, str] = compiled["categories"]
        self.skill_lookup: dict[str, tuple[str, str]] = compiled["lookup"]
        self.index: list[tuple[Any, ...]] = compiled["roles"]
        self.bundled_jobs: list[dict[str, Any]] = compiled["jobs"]
        self.fingerprint: str = compiled["fingerprint"]
        self._skills: dict[str, Skill] | None = None
        self._certs: dict[str, Certification] | None = None
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
        return [c for c in self.certifications.values() if c.current and skill in c.skills]

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


@dataclass(frozen=True)
class Source:
    layer: Path
    kind: str  # skills | certifications | jobs | role
    path: Path
    shown: str


def _layer_sources(layer: Path, required: bool, problems: list[Problem]) -> list[Source]:
    out: list[Source] = []
    for kind, name in (
        ("skills", "skills.yaml"),
        ("certifications", "certifications.yaml"),
        ("jobs", "jobs.yaml"),
    ):
        path = layer / name
        if path.is_file():
            out.append(Source(layer, kind, path, str(path)))
        elif required:
            problems.append(Problem(str(path), "is missing"))
    roles_dir = layer / "roles"
    try:
        entries = sorted(os.scandir(roles_dir), key=lambda e: e.name)
    except FileNotFoundError:
        entries = []
        if required:
            problems.append(Problem(str(roles_dir), "is missing"))
    except OSError as exc:
        entries = []
        problems.append(Problem(str(roles_dir), f"cannot read: {exc.strerror or exc}"))
    root = None
    for entry in entries:
        if not entry.name.endswith((".yaml", ".yml")) or entry.name.startswith("."):
            continue
        shown = str(roles_dir / entry.name)
        if entry.is_symlink():
            root = root or os.path.realpath(layer)
            target = os.path.realpath(entry.path)
            if os.path.commonpath([root, target]) != root:
                problems.append(Problem(shown, "is a symlink pointing outside the data folder"))
                continue
        out.append(Source(layer, "role", Path(entry.path), shown))
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
    for module in ("catalog.py", "schema.py", "text.py"):
        with contextlib.suppress(OSError):
            key.append(os.stat(here / module).st_mtime_ns)
    for s in sources:
        try:
            st = os.stat(s.path)
            key.append((str(s.path), st.st_size, st.st_mtime_ns))
        except OSError:
            key.append((str(s.path), -1, -1))
    return key


# --------------------------------------------------------------------------- compile


class _Collector:
    """Problems with their file and field; lines are looked up once, at the end."""

    def __init__(self, initial: list[Problem]):
        self.items: list[tuple[str, Path | None, schema.Path, str]] = []
        self.ready = list(initial)

    def add(self, shown: str, path: Path | None, field: schema.Path, message: str) -> None:
        self.items.append((shown, path, field, message))

    def problems(self) -> list[Problem]:
        out = list(self.ready)
        texts: dict[str, str | None] = {}
        for n, (shown, path, field, message) in enumerate(self.items):
            line = None
            if path is not None and n < 200:
                if shown not in texts:
                    try:
                        texts[shown] = read_text(path, shown)
                    except YamlFileError:
                        texts[shown] = None
                text = texts[shown]
                line = locate(text, field) if text is not None else None
            out.append(Problem(shown, message, schema.fmt_path(field), line))
        return out


def compile_sources(
    sources: list[Source], initial: list[Problem]
) -> tuple[dict[str, Any], list[Problem]]:
    col = _Collector(initial)
    categories: dict[str, str] = {}
    skills: dict[str, tuple[dict[str, Any], Source, int]] = {}
    certs: dict[str, tuple[dict[str, Any], Source, int]] = {}
    roles: dict[str, tuple[dict[str, Any], Source]] = {}
    jobs: list[tuple[dict[str, Any], Source, int]] = []
    role_layer: dict[str, Path] = {}

    for src in sources:
        try:
            doc = load(src.path, src.shown)
        except YamlFileError as exc:
            col.ready.append(exc.problem)
            continue
        spec = {
            "skills": schema.SKILLS_FILE,
            "certifications": schema.CERTS_FILE,
            "jobs": schema.JOBS_FILE,
            "role": schema.ROLE,
        }[src.kind]
        found = schema.check(doc, spec)
        for field, message in found:
            col.add(src.shown, src.path, field, message)
        if not isinstance(doc, dict):
            continue
        if src.kind == "role":
            if found:
                continue
            stem = src.path.name.rsplit(".", 1)[0]
            if doc["id"] != stem:
                col.add(src.shown, src.path, ("id",), f"must match the file name ({stem!r})")
                continue
            if doc["id"] in roles and role_layer[doc["id"]] == src.layer:
                col.add(src.shown, src.path, ("id",), f"duplicate role id {doc['id']!r}")
                continue
            roles[doc["id"]] = (doc, src)
            role_layer[doc["id"]] = src.layer
            continue
        bad = {f[1] for f in found if len(f[0]) >= 2}
        if src.kind == "skills":
            if isinstance(doc.get("categories"), dict):
                categories.update({str(k): str(v) for k, v in doc["categories"].items()})
            _collect_named(doc.get("skills"), "skills", src, bad, skills, col)
        elif src.kind == "certifications":
            _collect_named(doc.get("certifications"), "certifications", src, bad, certs, col)
        elif isinstance(doc.get("jobs"), list):
            jobs += [(j, src, i) for i, j in enumerate(doc["jobs"]) if i not in bad]

    lookup = _check_skills(skills, categories, col)
    _check_certs(certs, skills, col)
    role_lookup = _check_roles(roles, skills, certs, col)
    _check_jobs(jobs, roles, col)

    compiled = {
        "categories": categories,
        "skills": [
            (
                e["name"],
                e["category"],
                tuple(e.get("aliases") or ()),
                tuple(e.get("implies") or ()),
                tuple(e.get("prerequisites") or ()),
            )
            for e, _, _ in skills.values()
        ],
        "lookup": lookup,
        "certs": [
            {
                "name": e["name"],
                "provider": e["provider"],
                "code": e.get("code"),
                "level": e["level"],
                "url": e["url"],
                "status": e["status"],
                "retired": schema.iso(e.get("retired")),
                "replaced_by": list(e.get("replaced_by") or ()),
                "aliases": list(e.get("aliases") or ()),
                "skills": list(e["skills"]),
                "sources": list(e["sources"]),
                "reviewed": schema.iso(e["reviewed"]),
            }
            for e, _, _ in certs.values()
        ],
        "roles": [],
        "profiles": {},
        "role_lookup": role_lookup,
        "jobs": [_plain_job(j) for j, _, _ in jobs],
    }
    for role_id in sorted(roles, key=lambda r: (roles[r][0]["name"].casefold(), r)):
        doc, src = roles[role_id]
        reqs = tuple(
            (s["skill"], s["importance"], s.get("weight") or DEFAULT_WEIGHT[s["importance"]])
            for s in doc["skills"]
        )
        compiled["roles"].append(
            (role_id, doc["name"], doc["track"], doc["level"], doc["summary"], reqs)
        )
        profile = {
            "id": role_id,
            "name": doc["name"],
            "aliases": list(doc["aliases"]),
            "track": doc["track"],
            "level": doc["level"],
            "summary": doc["summary"],
            "definition": doc["definition"].strip(),
            "responsibilities": list(doc["responsibilities"]),
            "skills": reqs,
            "education": list(doc["education"]),
            "certifications": list(doc["certifications"]),
            "tools": [(k, list(v)) for k, v in doc["tools"].items()],
            "industries": list(doc["industries"]),
            "outlook": {
                "summary": doc["outlook"]["summary"].strip(),
                "figures": [{k: str(v) for k, v in f.items()} for f in doc["outlook"]["figures"]],
            },
            "steps": list(doc["steps"]),
            "related": [dict(r) for r in doc["related"]],
            "soc": list(doc["soc"]),
            "sources": list(doc["sources"]),
            "reviewed": schema.iso(doc["reviewed"]),
            "file": src.shown,
        }
        compiled["profiles"][role_id] = marshal.dumps(profile)
    return compiled, col.problems()


def _collect_named(
    items: Any,
    field: str,
    src: Source,
    bad: set[Any],
    into: dict[str, tuple[dict[str, Any], Source, int]],
    col: _Collector,
) -> None:
    if not isinstance(items, list):
        return
    seen_here: set[str] = set()
    for i, item in enumerate(items):
        if i in bad or not isinstance(item, dict) or not isinstance(item.get("name"), str):
            continue
        name = item["name"]
        if name in seen_here:
            col.add(src.shown, src.path, (field, i, "name"), f"duplicate name {name!r}")
            continue
        seen_here.add(name)
        into[name] = (item, src, i)


def _check_skills(
    skills: dict[str, tuple[dict[str, Any], Source, int]],
    categories: dict[str, str],
    col: _Collector,
) -> dict[str, tuple[str, str]]:
    lookup: dict[str, tuple[str, str]] = {}
    for name, (_, src, i) in skills.items():
        key = normalize(name)
        if key in lookup:
            other = lookup[key][0]
            col.add(src.shown, src.path, ("skills", i, "name"), f"same as skill {other!r}")
        lookup[key] = (name, "exact")
    for name, (entry, src, i) in skills.items():
        if entry["category"] not in categories:
            col.add(
                src.shown,
                src.path,
                ("skills", i, "category"),
                f"unknown category {entry['category']!r} (known: {', '.join(categories)})",
            )
        for j, alias in enumerate(entry.get("aliases") or ()):
            key = normalize(alias)
            owner = lookup.get(key)
            if owner is not None and owner[0] != name:
                col.add(
                    src.shown,
                    src.path,
                    ("skills", i, "aliases", j),
                    f"alias {alias!r} already names skill {owner[0]!r}",
                )
            elif key:
                lookup.setdefault(key, (name, "alias"))
        for field in ("implies", "prerequisites"):
            for j, other in enumerate(entry.get(field) or ()):
                if other not in skills:
                    col.add(
                        src.shown, src.path, ("skills", i, field, j), f"unknown skill {other!r}"
                    )
                elif other == name:
                    col.add(src.shown, src.path, ("skills", i, field, j), "names the skill itself")
    return lookup


def _check_certs(
    certs: dict[str, tuple[dict[str, Any], Source, int]],
    skills: dict[str, Any],
    col: _Collector,
) -> None:
    for entry, src, i in certs.values():
        for j, skill in enumerate(entry["skills"]):
            if skill not in skills:
                col.add(
                    src.shown,
                    src.path,
                    ("certifications", i, "skills", j),
                    f"unknown skill {skill!r}",
                )
        for j, other in enumerate(entry.get("replaced_by") or ()):
            if other not in certs:
                col.add(
                    src.shown,
                    src.path,
                    ("certifications", i, "replaced_by", j),
                    f"unknown certification {other!r}",
                )
        if entry["status"] == "retired" and not entry.get("retired"):
            col.add(
                src.shown,
                src.path,
                ("certifications", i, "status"),
                "a retired certification needs its 'retired' date",
            )
        if entry["status"] == "current" and entry.get("retired"):
            col.add(
                src.shown,
                src.path,
                ("certifications", i, "retired"),
                "a current certification cannot have a retirement date",
            )


def _check_roles(
    roles: dict[str, tuple[dict[str, Any], Source]],
    skills: dict[str, Any],
    certs: dict[str, Any],
    col: _Collector,
) -> dict[str, str]:
    role_lookup: dict[str, str] = {}
    for role_id in roles:
        role_lookup[normalize(role_id)] = role_id
    for role_id, (doc, src) in roles.items():
        for field, value in (("name", doc["name"]), *(("aliases", a) for a in doc["aliases"])):
            key = normalize(value)
            owner = role_lookup.get(key)
            if owner is not None and owner != role_id:
                where: schema.Path = (
                    (field,)
                    if field == "name"
                    else (
                        "aliases",
                        doc["aliases"].index(value),
                    )
                )
                col.add(
                    src.shown,
                    src.path,
                    where,
                    f"{value!r} already names role {owner!r}",
                )
            elif key:
                role_lookup[key] = role_id
        seen: set[str] = set()
        for i, req in enumerate(doc["skills"]):
            if req["skill"] not in skills:
                col.add(
                    src.shown, src.path, ("skills", i, "skill"), f"unknown skill {req['skill']!r}"
                )
            elif req["skill"] in seen:
                col.add(src.shown, src.path, ("skills", i, "skill"), "skill listed twice")
            seen.add(req["skill"])
        for category, tools in doc["tools"].items():
            for j, tool in enumerate(tools):
                if tool not in skills:
                    col.add(src.shown, src.path, ("tools", category, j), f"unknown skill {tool!r}")
        for i, cert in enumerate(doc["certifications"]):
            if cert not in certs:
                col.add(
                    src.shown, src.path, ("certifications", i), f"unknown certification {cert!r}"
                )
        for i, rel in enumerate(doc["related"]):
            if rel["role"] not in roles:
                col.add(
                    src.shown, src.path, ("related", i, "role"), f"unknown role {rel['role']!r}"
                )
            elif rel["role"] == role_id:
                col.add(
                    src.shown, src.path, ("related", i, "role"), "a role cannot relate to itself"
                )
    return role_lookup


def _check_jobs(
    jobs: list[tuple[dict[str, Any], Source, int]],
    roles: dict[str, Any],
    col: _Collector,
) -> None:
    seen: set[str] = set()
    for job, src, i in jobs:
        if job["id"] in seen:
            col.add(src.shown, src.path, ("jobs", i, "id"), f"duplicate job id {job['id']!r}")
        seen.add(job["id"])
        if job.get("role") and job["role"] not in roles:
            col.add(src.shown, src.path, ("jobs", i, "role"), f"unknown role {job['role']!r}")
        salary = job.get("salary")
        if isinstance(salary, dict) and salary.get("min", 0) > salary.get("max", 0):
            col.add(src.shown, src.path, ("jobs", i, "salary"), "min is larger than max")


def _plain_job(job: dict[str, Any]) -> dict[str, Any]:
    out = {k: schema.iso(v) if k == "posted" else v for k, v in job.items()}
    if isinstance(out.get("salary"), dict):
        out["salary"] = {"period": "year", **out["salary"]}
    return out


# --------------------------------------------------------------------------- load


def _cache_file(overlay: Path | None) -> Path:
    tag = hashlib.sha1(f"{bundled_data_dir()}|{overlay}".encode()).hexdigest()[:16]
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
        write_atomic(path, marshal.dumps({"key": key, "data": data}))


def load_catalog(overlay: Path | None = None, *, use_cache: bool = True) -> Catalog:
    """The merged catalog; raises CareerError listing every problem if the data is invalid."""
    sources, problems = _sources(overlay)
    key = _identity(sources, overlay)
    cache = _cache_file(overlay) if use_cache else None
    if cache is not None and not problems:
        data = _read_cache(cache, key)
        if data is not None:
            return Catalog(data)
    data, problems = compile_sources(sources, problems)
    if problems:
        raise data_error(problems)
    data["fingerprint"] = hashlib.sha1(repr(key).encode()).hexdigest()[:16]
    if cache is not None:
        _write_cache(cache, key, data)
    return Catalog(data)


def validate(overlay: Path | None = None) -> tuple[list[Problem], dict[str, int]]:
    """Every problem in the bundled data plus the overlay, and counts of what was read."""
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

    doc = role.to_dict()
    doc.pop("file", None)
    doc["reviewed"] = dt.date.fromisoformat(role.reviewed)
    order = [
        "id", "name", "aliases", "track", "level", "summary", "definition", "responsibilities",
        "skills", "education", "certifications", "tools", "industries", "outlook", "steps",
        "related", "soc", "sources", "reviewed",
    ]  # fmt: skip
    ordered = {k: doc[k] for k in order}
    return yaml.safe_dump(ordered, sort_keys=False, allow_unicode=True, width=100)
