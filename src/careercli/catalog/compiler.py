"""Compile the YAML catalog: check every file against its schema, cross-check names between
files, and flatten everything into the plain values the catalog cache stores.

Imported only when the cache is missing or stale, or by `careercli validate`.
"""

from __future__ import annotations

import gc
import marshal
from pathlib import Path
from typing import Any

from careercli.catalog import schema
from careercli.catalog.sources import Source
from careercli.catalog.yamlio import Problem, YamlFileError, load, locate, read_text
from careercli.text import normalize


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
    # Parsing thousands of files allocates millions of containers, none of them in a cycle:
    # the cyclic collector would walk the growing heap over and over (about 20% of the time).
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _compile(sources, initial)
    finally:
        if enabled:
            gc.enable()


def _compile(sources: list[Source], initial: list[Problem]) -> tuple[dict[str, Any], list[Problem]]:
    col = _Collector(initial)
    categories: dict[str, str] = {}
    skills: dict[str, tuple[dict[str, Any], Source, int]] = {}
    certs: dict[str, tuple[dict[str, Any], Source, int]] = {}
    roles: dict[str, tuple[dict[str, Any], Source]] = {}
    jobs: list[tuple[dict[str, Any], Source, int]] = []
    role_layer: dict[str, Path] = {}
    skills_meta: dict[str, Any] = {}
    broken: list[tuple[dict[str, Any], Source]] = []

    for src in sources:
        try:
            doc = _parsed(src)
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
                # Not compiled, but still cross-checked: validate reports every kind of problem
                # in one run (misspelled keys and, say, a name clash with another role).
                broken.append((doc, src))
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
        bad = {f[0][1] for f in found if len(f[0]) >= 2} | {f[0][0] for f in found if f[0]}
        if src.kind == "skills":
            if isinstance(doc.get("categories"), dict):
                categories.update({str(k): str(v) for k, v in doc["categories"].items()})
            for key in ("professional_categories", "effort_basis"):
                if key in doc and key not in bad:
                    skills_meta[key] = doc[key]
            if isinstance(doc.get("ambiguous"), dict) and "ambiguous" not in bad:
                skills_meta.setdefault("ambiguous", []).append((doc["ambiguous"], src))
            _collect_named(doc.get("skills"), "skills", src, bad, skills, col)
        elif src.kind == "certifications":
            _collect_named(doc.get("certifications"), "certifications", src, bad, certs, col)
        elif isinstance(doc.get("jobs"), list):
            jobs += [(j, src, i) for i, j in enumerate(doc["jobs"]) if i not in bad]

    lookup = _check_skills(skills, categories, col)
    ambiguous = _check_ambiguous(skills_meta, skills, lookup, col)
    professional = list(skills_meta.get("professional_categories") or ["soft"])
    effort_basis = str(skills_meta.get("effort_basis") or "")
    _check_certs(certs, skills, col)
    role_lookup = _check_roles(roles, skills, certs, col, broken)
    kept_jobs = _check_jobs(jobs, roles, col)

    compiled: dict[str, Any] = {
        "categories": categories,
        "skills": [
            (
                e["name"],
                e["category"],
                tuple(e.get("aliases") or ()),
                tuple(e.get("implies") or ()),
                tuple(e.get("prerequisites") or ()),
                tuple(e.get("kind_of") or ()),
                e.get("effort_hours"),
            )
            for e, _, _ in skills.values()
        ],
        "lookup": lookup,
        "ambiguous": ambiguous,
        "professional": professional,
        "effort_basis": effort_basis,
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
                "incidental": list(e.get("incidental") or ()),
                "prerequisites": e.get("prerequisites"),
                "cost": e.get("cost"),
                "preparation": e.get("preparation"),
                "sources": list(e["sources"]),
                "reviewed": schema.iso(e["reviewed"]),
            }
            for e, _, _ in certs.values()
        ],
        "roles": [],
        "profiles": {},
        "role_lookup": role_lookup,
        "jobs": [_plain_job(j) for j in kept_jobs],
    }
    for role_id in sorted(roles, key=lambda r: (roles[r][0]["name"].casefold(), r)):
        doc, src = roles[role_id]
        reqs = tuple(
            (
                names,
                s["importance"],
                s.get("weight") or schema.DEFAULT_WEIGHT[s["importance"]],
                all(n in skills and skills[n][0]["category"] in professional for n in names),
            )
            for s in doc["skills"]
            for names in [tuple(s["one_of"]) if "one_of" in s else (s["skill"],)]
        )
        gates = _gates(doc.get("gates"))
        compiled["roles"].append(
            (
                role_id,
                doc["name"],
                doc["track"],
                doc["level"],
                doc["summary"],
                reqs,
                gates["education"]["minimum"],
                gates["years"]["minimum"],
            )
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
                "figures": [
                    {k: str(v).strip() for k, v in f.items()} for f in doc["outlook"]["figures"]
                ],
            },
            "steps": list(doc["steps"]),
            "related": [dict(r) for r in doc["related"]],
            "soc": list(doc["soc"]),
            "soc_match": doc.get("soc_match", "close"),
            "onet": list(doc.get("onet") or ()),
            "gates": gates,
            "sources": list(doc["sources"]),
            "reviewed": schema.iso(doc["reviewed"]),
            "file": src.shown,
        }
        compiled["profiles"][role_id] = marshal.dumps(profile)
    return compiled, col.problems()


_PARSED: dict[tuple[str, str, int, int], Any] = {}


def _parsed(src: Source) -> Any:
    """A data file's parsed YAML, kept for the life of the process while the file is unchanged:
    a process that compiles several overlays (the test suite, `validate` then a command) parses
    the bundled files once. The compiler never changes what it reads."""
    import os

    try:
        st = os.stat(src.path)
    except OSError:
        return load(src.path, src.shown)
    key = (str(src.path), src.shown, st.st_size, st.st_mtime_ns)
    if key not in _PARSED:
        if len(_PARSED) > 256:
            _PARSED.clear()
        _PARSED[key] = load(src.path, src.shown)
    return _PARSED[key]


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
        for field in ("kind_of", "implies", "prerequisites"):
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
        for field in ("skills", "incidental"):
            for j, skill in enumerate(entry.get(field) or ()):
                if skill not in skills:
                    col.add(
                        src.shown,
                        src.path,
                        ("certifications", i, field, j),
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


def _texts(value: Any) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _dicts(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _check_roles(
    roles: dict[str, tuple[dict[str, Any], Source]],
    skills: dict[str, Any],
    certs: dict[str, Any],
    col: _Collector,
    broken: list[tuple[dict[str, Any], Source]] = (),  # type: ignore[assignment]
) -> dict[str, str]:
    """Names, aliases and references of every role, valid or not (a role with schema problems
    is still cross-checked, so one run shows every problem); the lookup of the valid ones."""
    role_lookup: dict[str, str] = {}
    for role_id in roles:
        role_lookup[normalize(role_id)] = role_id
    checked = [(rid, doc, src) for rid, (doc, src) in roles.items()]
    checked += [(str(doc.get("id") or src.path.stem), doc, src) for doc, src in broken]
    for role_id, doc, src in checked:
        name = doc.get("name")
        aliases = _texts(doc.get("aliases"))
        named = [("name", name)] if isinstance(name, str) else []
        for field, value in (*named, *(("aliases", a) for a in aliases)):
            key = normalize(value)
            owner = role_lookup.get(key)
            if owner is not None and owner != role_id:
                at: schema.Path = (field,) if field == "name" else ("aliases", aliases.index(value))
                col.add(src.shown, src.path, at, f"{value!r} already names role {owner!r}")
            elif key and role_id in roles:
                role_lookup[key] = role_id
        seen: set[str] = set()
        for i, req in enumerate(_dicts(doc.get("skills"))):
            if not isinstance(req, dict):
                continue
            if ("skill" in req) == ("one_of" in req):
                col.add(
                    src.shown,
                    src.path,
                    ("skills", i),
                    "give either 'skill' or 'one_of' (a list of skills any one of which will do)",
                )
                continue
            field = "skill" if "skill" in req else "one_of"
            names = _texts([req["skill"]] if field == "skill" else req["one_of"])
            for j, skill in enumerate(names):
                where: schema.Path = (
                    ("skills", i, field) if field == "skill" else ("skills", i, field, j)
                )
                if skill not in skills:
                    col.add(src.shown, src.path, where, f"unknown skill {skill!r}")
                elif skill in seen:
                    col.add(src.shown, src.path, where, f"skill {skill!r} listed twice")
                seen.add(skill)
        tools = doc.get("tools")
        for category, listed in tools.items() if isinstance(tools, dict) else ():
            for j, tool in enumerate(_texts(listed)):
                if tool not in skills:
                    col.add(
                        src.shown, src.path, ("tools", str(category), j), f"unknown skill {tool!r}"
                    )
        for i, cert in enumerate(_texts(doc.get("certifications"))):
            if cert not in certs:
                col.add(
                    src.shown, src.path, ("certifications", i), f"unknown certification {cert!r}"
                )
        for i, rel in enumerate(_dicts(doc.get("related"))):
            other = rel.get("role") if isinstance(rel, dict) else None
            if not isinstance(other, str):
                continue
            if other not in roles:
                col.add(src.shown, src.path, ("related", i, "role"), f"unknown role {other!r}")
            elif other == role_id:
                col.add(
                    src.shown, src.path, ("related", i, "role"), "a role cannot relate to itself"
                )
    return role_lookup


def _check_jobs(
    jobs: list[tuple[dict[str, Any], Source, int]],
    roles: dict[str, Any],
    col: _Collector,
) -> list[dict[str, Any]]:
    """The listings to keep: an overlay's listing with a bundled id replaces it (as a role
    does); the same id twice in one data folder is a problem."""
    kept: dict[str, tuple[dict[str, Any], Path]] = {}
    for job, src, i in jobs:
        if job["id"] in kept and kept[job["id"]][1] == src.layer:
            col.add(src.shown, src.path, ("jobs", i, "id"), f"duplicate job id {job['id']!r}")
            continue
        kept[job["id"]] = (job, src.layer)
        if job.get("role") and job["role"] not in roles:
            col.add(src.shown, src.path, ("jobs", i, "role"), f"unknown role {job['role']!r}")
        salary = job.get("salary")
        if isinstance(salary, dict) and salary.get("min", 0) > salary.get("max", 0):
            col.add(src.shown, src.path, ("jobs", i, "salary"), "min is larger than max")
        elif isinstance(salary, dict):
            # The listing cleaner's own check, so that what validate accepts, jobs shows.
            from careercli.jobs.normalize import salary as clean_salary

            try:
                got = clean_salary(
                    salary["min"], salary["max"], salary["currency"], salary.get("period")
                )
            except (ValueError, TypeError, KeyError) as exc:
                col.add(src.shown, src.path, ("jobs", i, "salary"), str(exc))
            else:
                if got and "reread" in got:
                    col.add(src.shown, src.path, ("jobs", i, "salary"), got["reread"])
    return [job for job, _ in kept.values()]


def _plain_job(job: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {k: schema.iso(v) if k == "posted" else v for k, v in job.items()}
    if isinstance(out.get("salary"), dict):
        out["salary"] = {"period": "year", **out["salary"]}
    return out


def _check_ambiguous(
    meta: dict[str, Any],
    skills: dict[str, Any],
    lookup: dict[str, tuple[str, str]],
    col: _Collector,
) -> dict[str, tuple[str, ...]]:
    """Short forms that name several things (tf: TensorFlow or Terraform): never resolved alone.
    A term may not also be a skill's name or alias, and its candidates must be skills."""
    out: dict[str, tuple[str, ...]] = {}
    for table, src in meta.get("ambiguous", []):
        for term, candidates in table.items():
            key = normalize(str(term))
            if key in lookup:
                col.add(
                    src.shown,
                    src.path,
                    ("ambiguous", str(term)),
                    f"{term!r} is ambiguous here but also names skill {lookup[key][0]!r}",
                )
                continue
            for j, name in enumerate(candidates):
                if name not in skills:
                    col.add(
                        src.shown, src.path, ("ambiguous", str(term), j), f"unknown skill {name!r}"
                    )
            if key:
                out[key] = tuple(c for c in candidates if c in skills)
    return out


def _gates(gates: dict[str, Any] | None) -> dict[str, Any]:
    """Entry gates as plain values: education and years, each minimum and typical."""
    gates = gates or {}
    edu = gates.get("education") or {}
    years = gates.get("years") or {}
    return {
        "education": {"minimum": edu.get("minimum"), "typical": edu.get("typical")},
        "years": {"minimum": years.get("minimum"), "typical": years.get("typical")},
        "note": gates.get("note"),
    }
