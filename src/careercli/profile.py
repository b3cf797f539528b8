"""The user's saved profile (skills as typed, target roles, state) and learning progress.

Both are small YAML files in the user config directory. Writes are atomic (a temporary file,
then a rename); a file that cannot be read is reported with its path and never overwritten.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from careercli.background import PERSON_LEVELS, Person
from careercli.errors import CareerError
from careercli.paths import config_dir, locked, write_atomic
from careercli.vocab import Education

if TYPE_CHECKING:
    from careercli.catalog import Catalog

STATUSES = ("done", "learning", "skip")
PROFILE_FILE = "profile.yaml"
PROGRESS_FILE = "progress.yaml"


@dataclass
class Profile:
    skills: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    state: str | None = None
    location: str | None = None
    years: float | None = None
    education: str | None = None
    level: str | None = None

    @property
    def empty(self) -> bool:
        return not (self.skills or self.targets or self.state or self.location or self.person.known)

    @property
    def person(self) -> Person:
        return Person(self.years, self.education, self.level)

    def to_dict(self) -> dict[str, Any]:
        return {
            "skills": list(self.skills),
            "targets": list(self.targets),
            "state": self.state,
            "location": self.location,
            "years": self.years,
            "education": self.education,
            "level": self.level,
        }


@dataclass
class Progress:
    skills: dict[str, str] = field(default_factory=dict)
    steps: dict[str, str] = field(default_factory=dict)

    def done_skills(self) -> list[str]:
        return [s for s, status in self.skills.items() if status == "done"]

    def to_dict(self) -> dict[str, Any]:
        return {"skills": dict(self.skills), "steps": dict(self.steps)}


def profile_path() -> Path:
    return config_dir() / PROFILE_FILE


def progress_path() -> Path:
    return config_dir() / PROGRESS_FILE


# The command that moves each file aside when it cannot be read.
_FRESH_START = {
    PROFILE_FILE: "careercli profile clear --yes",
    PROGRESS_FILE: "careercli progress reset --yes",
}


def _read(path: Path, make_spec: Any) -> dict[str, Any] | None:
    if not path.exists():
        return None
    from careercli.catalog import schema, yamlio

    spec = make_spec()
    try:
        doc = yamlio.load(path, str(path))
    except yamlio.YamlFileError as exc:
        raise _unreadable(path, str(exc.problem)) from None
    if doc is None:
        return {}
    problems = schema.check(doc, spec)
    if problems:
        where, message = problems[0]
        raise _unreadable(path, f"{schema.fmt_path(where) or 'file'}: {message}")
    return doc


def _unreadable(path: Path, why: str) -> CareerError:
    fresh = _FRESH_START.get(path.name, "careercli profile clear --yes")
    return CareerError(
        f"Cannot read {path}: {why}",
        hint=f"Fix the file, or run `{fresh}` to move it aside (it is kept as a .bak file) "
        "and start again.",
    )


def _header_comments(path: Path) -> str:
    """The comment lines at the top of a file: kept when careercli rewrites it (comments
    further down cannot be kept by the YAML writer)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""
    lines = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        lines.append(line)
    return "\n".join(lines) + "\n" if lines else ""


_WRITABLE = "Set CAREERCLI_CONFIG_DIR to a writable folder."


def _write(path: Path, data: dict[str, Any]) -> None:
    import yaml

    text = _header_comments(path) + yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    try:
        write_atomic(path, text.encode("utf-8"))
    except OSError as exc:
        raise CareerError(
            f"Cannot save {path}: {exc.strerror or exc}",
            hint=_WRITABLE,
        ) from None


def _profile_spec() -> Any:
    from careercli.catalog import schema as s

    return s.Map(
        required={},
        optional={
            "skills": s.List(s.TEXT),
            "targets": s.List(s.TEXT),
            "state": s.Str(nullable=True),
            "location": s.Str(nullable=True),
            "years": s.Num(0, 60, nullable=True),
            "education": s.Enum(Education.values(), nullable=True),
            "level": s.Enum(PERSON_LEVELS, nullable=True),
            "updated": s.Str(nullable=True),
        },
    )


def _progress_spec() -> Any:
    from careercli.catalog import schema as s

    status = s.Enum(STATUSES)
    return s.Map(
        required={},
        optional={"skills": s.Dict(status), "steps": s.Dict(status), "updated": s.Str()},
    )


def load_profile() -> Profile:
    doc = _read(profile_path(), _profile_spec)
    if not doc:
        return Profile()
    return Profile(
        skills=list(doc.get("skills") or []),
        targets=list(doc.get("targets") or []),
        state=doc.get("state"),
        location=doc.get("location"),
        years=doc.get("years"),
        education=doc.get("education"),
        level=doc.get("level"),
    )


def save_profile(profile: Profile) -> Path:
    path = profile_path()
    _read(path, _profile_spec)  # refuse to replace a file we cannot read
    _write(path, {**profile.to_dict(), "updated": _now()})
    return path


def update_profile(change: Callable[[Profile], Profile]) -> Profile:
    """Read, change and save the profile as one step: another careercli process changing it
    at the same time waits, so no change is lost."""
    path = profile_path()
    with locked(path, hint=_WRITABLE):
        profile = change(load_profile())
        save_profile(profile)
    return profile


def update_progress(change: Callable[[Progress], Any]) -> Progress:
    """Read, change and save the progress marks as one step (see update_profile)."""
    path = progress_path()
    with locked(path, hint=_WRITABLE):
        progress = load_progress()
        change(progress)
        save_progress(progress)
    return progress


def move_aside_locked(path: Path) -> Path | None:
    """Move a profile or progress file aside (kept as .bak) while no other process changes it."""
    from careercli.paths import move_aside

    with locked(path, hint=_WRITABLE):
        return move_aside(path)


def load_progress() -> Progress:
    doc = _read(progress_path(), _progress_spec)
    if not doc:
        return Progress()
    return Progress(skills=dict(doc.get("skills") or {}), steps=dict(doc.get("steps") or {}))


def save_progress(progress: Progress) -> Path:
    path = progress_path()
    _read(path, _progress_spec)
    _write(path, {**progress.to_dict(), "updated": _now()})
    return path


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


# --------------------------------------------------------------------------- changes


def with_skills_added(profile: Profile, items: list[str]) -> Profile:
    """The profile with these skills added as typed; one already there (any spelling) is kept."""
    from careercli.text import normalize

    have = {normalize(s) for s in profile.skills}
    for item in items:
        if normalize(item) not in have:
            profile.skills.append(item)
            have.add(normalize(item))
    return profile


def with_skills_removed(profile: Profile, items: list[str], catalog: Catalog) -> Profile:
    """The profile without these skills, matched as typed or by what they resolve to."""
    from careercli.matching import Resolver
    from careercli.text import normalize

    resolver = Resolver(catalog)
    drop_text = {normalize(s) for s in items}
    drop_skill = {r.skill for r in resolver.resolve_all(items) if r.skill}
    kept = [
        s
        for s in profile.skills
        if normalize(s) not in drop_text and resolver.resolve(s).skill not in drop_skill
    ]
    if len(kept) == len(profile.skills):
        raise CareerError(
            "None of those skills is in your profile.", hint="See them with: careercli profile show"
        )
    profile.skills = kept
    return profile


def with_fields_set(
    profile: Profile,
    catalog: Catalog,
    *,
    skills: list[str] | None = None,
    targets: list[str] | None = None,
    state: str | None = None,
    location: str | None = None,
    years: float | None = None,
    education: str | None = None,
    level: str | None = None,
) -> Profile:
    """The profile with the given fields replaced; skills are kept as typed, targets resolved
    to role ids, the state checked against the wage data."""
    if not (skills or targets or state or location) and years is None and not (education or level):
        raise CareerError(
            "Nothing to set.",
            hint="Give --skills, --skills-file, --target, --state, --location, --years, "
            "--education or --level.",
        )
    if years is not None:
        profile.years = years
    if education:
        profile.education = education
    if level:
        profile.level = level
    if skills:
        profile.skills = list(dict.fromkeys(skills))
    if targets:
        profile.targets = list(dict.fromkeys(catalog.resolve_role_id(t) for t in targets))
    if state:
        from careercli.salary import Wages, check_state

        profile.state = check_state(Wages.load(), state)
    if location:
        profile.location = location.strip()
    return profile


def skills_or_saved(inputs: list[str], *, required: bool) -> tuple[list[str], Profile | None, str]:
    """The skills given, else those saved in the profile; the profile when it was read, and a
    note for the user saying so ('' when nothing needs saying). `required`: none is an error."""
    if inputs:
        return inputs, None, ""
    profile = load_profile()
    if profile.skills:
        note = f"Using the {len(profile.skills)} skills saved in your profile ({profile_path()})."
        return list(profile.skills), profile, note
    if required:
        raise CareerError(
            "No skills given.",
            hint='Pass them with --skills "sql, python" or --skills-file FILE (- for stdin), '
            'or save them once: careercli profile set --skills "sql, python".',
        )
    return [], profile, ""
