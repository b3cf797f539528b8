"""The shape of every data file, checked field by field.

A spec is a small tree of the classes below; `check` walks a parsed YAML value against it and
returns (field path, message) pairs. Cross-file checks (does this skill exist?) live in catalog.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from dataclasses import dataclass, field
from typing import Any

from careercli.vocab import (
    MAX_PAY,
    CertLevel,
    Education,
    JobLevel,
    JobType,
    PayPeriod,
    RoleLevel,
    Track,
)

Path = tuple[str | int, ...]

TRACKS = Track.values()
LEVELS = RoleLevel.values()
IMPORTANCE = ("required", "nice-to-have")
DEFAULT_WEIGHT = {"required": 3, "nice-to-have": 1}
RELATIONS = ("up", "down", "sideways")
CERT_LEVELS = CertLevel.values()
CERT_STATUS = ("current", "retired")
JOB_TYPES = JobType.values()
JOB_LEVELS = JobLevel.values()
PERIODS = PayPeriod.values()
EDUCATION = Education.values()
SOC_MATCH = ("close", "weak")

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SOC = re.compile(r"^\d\d-\d\d\d\d$")
ONET = re.compile(r"^\d\d-\d\d\d\d\.\d\d$")
CURRENCY = re.compile(r"^[A-Z]{3}$")
# The largest pay figure any listing may carry, in any currency and interval: the listing
# cleaner (careercli.jobs.normalize) refuses the same, so `validate` and `jobs` agree.


@dataclass(frozen=True)
class Str:
    pattern: re.Pattern[str] | None = None
    hint: str = ""
    nullable: bool = False


@dataclass(frozen=True)
class Enum:
    values: tuple[str, ...]
    nullable: bool = False


@dataclass(frozen=True)
class Num:
    lo: float | None = None
    hi: float | None = None
    integer: bool = False
    nullable: bool = False


@dataclass(frozen=True)
class Date:
    nullable: bool = False


@dataclass(frozen=True)
class Bool:
    also: tuple[str, ...] = ()


@dataclass(frozen=True)
class List:
    item: Any
    min_items: int = 0


@dataclass(frozen=True)
class Map:
    required: dict[str, Any]
    optional: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Dict:
    value: Any
    min_items: int = 0


TEXT = Str()
TEXT_LIST = List(TEXT, 1)
DATE = Date()

# A requirement names one skill, or a group any one of which satisfies it ("one_of").
REQUIREMENT = Map(
    required={"importance": Enum(IMPORTANCE)},
    optional={
        "skill": TEXT,
        "one_of": List(TEXT, 2),
        "weight": Num(1, 5, integer=True),
    },
)
GATES = Map(
    required={},
    optional={
        "education": Map(
            required={}, optional={"minimum": Enum(EDUCATION), "typical": Enum(EDUCATION)}
        ),
        "years": Map(
            required={},
            optional={"minimum": Num(0, 40, integer=True), "typical": Num(0, 40, integer=True)},
        ),
        "note": TEXT,
    },
)

ROLE = Map(
    required={
        "id": Str(SLUG, "lowercase words joined by hyphens, e.g. data-analyst"),
        "name": TEXT,
        "aliases": List(TEXT),
        "track": Enum(TRACKS),
        "level": Enum(LEVELS),
        "summary": TEXT,
        "definition": TEXT,
        "responsibilities": TEXT_LIST,
        "skills": List(REQUIREMENT, 1),
        "education": TEXT_LIST,
        "certifications": List(TEXT),
        "tools": Dict(List(TEXT, 1), 1),
        "industries": TEXT_LIST,
        "outlook": Map(
            required={
                "summary": TEXT,
                "figures": List(
                    Map(
                        required={"metric": TEXT, "value": TEXT, "period": TEXT, "source": TEXT},
                        optional={"soc": Str(SOC, "a SOC code such as 15-2051"), "note": TEXT},
                    )
                ),
            }
        ),
        "steps": TEXT_LIST,
        "related": List(Map(required={"role": TEXT, "relation": Enum(RELATIONS)})),
        "soc": List(Str(SOC, "a SOC code such as 15-2051"), 1),
        "sources": TEXT_LIST,
        "reviewed": DATE,
    },
    optional={
        "gates": GATES,
        "onet": List(Str(ONET, "an O*NET-SOC code such as 15-2051.00")),
        "soc_match": Enum(SOC_MATCH),
    },
)

SKILL = Map(
    required={"name": TEXT, "category": TEXT},
    optional={
        "aliases": List(TEXT),
        "kind_of": List(TEXT),
        "implies": List(TEXT),
        "prerequisites": List(TEXT),
        "effort_hours": Num(1, 5000, integer=True),
        "description": TEXT,
    },
)

SKILLS_FILE = Map(
    required={"skills": List(SKILL)},
    optional={
        "categories": Dict(TEXT),
        "professional_categories": List(TEXT),
        "ambiguous": Dict(List(TEXT, 1)),
        "effort_basis": TEXT,
        "reviewed": DATE,
        "sources": List(TEXT),
    },
)

CERTIFICATION = Map(
    required={
        "name": TEXT,
        "provider": TEXT,
        "code": Str(nullable=True),
        "level": Enum(CERT_LEVELS),
        "url": Str(re.compile(r"^https?://\S+$"), "an http(s) URL"),
        "status": Enum(CERT_STATUS),
        "skills": List(TEXT, 1),
        "sources": TEXT_LIST,
        "reviewed": DATE,
    },
    optional={
        "aliases": List(TEXT),
        "retired": DATE,
        "replaced_by": List(TEXT),
        "incidental": List(TEXT),
        "prerequisites": Map(
            required={"text": TEXT},
            optional={
                "required": Bool(),
                "years": Num(0, 40),
                "education": Enum(EDUCATION),
                "hours": Num(0, 100_000, integer=True),
            },
        ),
        "cost": Map(
            required={"amount": Num(0, 100_000), "currency": Str(CURRENCY, "an ISO code")},
            optional={"text": TEXT},
        ),
        "preparation": Map(
            required={"text": TEXT}, optional={"hours": Num(1, 10_000, integer=True)}
        ),
    },
)

CERTS_FILE = Map(required={"certifications": List(CERTIFICATION)})

SALARY = Map(
    required={
        "min": Num(0, MAX_PAY),
        "max": Num(0, MAX_PAY),
        "currency": Str(CURRENCY, "an ISO code such as USD"),
    },
    optional={"period": Enum(PERIODS), "note": TEXT},
)

JOB = Map(
    required={
        "id": TEXT,
        "title": TEXT,
        "company": TEXT,
        "location": TEXT,
        "remote": Bool(also=("hybrid",)),
        "type": Enum(JOB_TYPES),
        "level": Enum(JOB_LEVELS),
        "posted": DATE,
        "source": TEXT,
    },
    optional={
        "salary": SALARY,
        "url": Str(re.compile(r"^https?://\S+$"), "an http(s) URL", nullable=True),
        "description": Str(nullable=True),
        "role": Str(nullable=True),
    },
)

JOBS_FILE = Map(
    required={"jobs": List(JOB)},
    optional={"reviewed": DATE, "sources": List(TEXT)},
)


def _encodable(text: str) -> bool:
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
        return True
    except UnicodeEncodeError:
        return False


def fmt_path(path: Path) -> str:
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else step)
    return out


def _type_name(value: Any) -> str:
    if value is None:
        return "nothing"
    return {
        str: "text",
        bool: "true/false",
        int: "a number",
        float: "a number",
        list: "a list",
        dict: "a mapping",
    }.get(type(value), type(value).__name__)


def check(value: Any, spec: Any, path: Path = ()) -> list[tuple[Path, str]]:
    problems: list[tuple[Path, str]] = []
    _check(value, spec, path, problems)
    return problems


def _check(value: Any, spec: Any, path: Path, out: list[tuple[Path, str]]) -> None:
    kind = type(spec)
    if kind is Str:
        if value is None and spec.nullable:
            return
        if not isinstance(value, str):
            out.append((path, f"must be text, not {_type_name(value)}"))
        elif not value.strip():
            out.append((path, "must not be empty"))
        elif not _encodable(value):
            out.append((path, "holds a character that is not valid text (a lone surrogate)"))
        elif spec.pattern is not None and not spec.pattern.match(value):
            out.append((path, f"must be {spec.hint} (got {value!r})"))
    elif kind is Enum:
        if value is None and spec.nullable:
            return
        if value not in spec.values:
            out.append((path, f"must be one of {', '.join(spec.values)} (got {value!r})"))
    elif kind is List:
        if not isinstance(value, list):
            out.append((path, f"must be a list, not {_type_name(value)}"))
            return
        if len(value) < spec.min_items:
            out.append((path, "must not be empty"))
        item_spec = spec.item
        if item_spec is TEXT:
            # The common case (lists of text), checked without a call per item.
            for i, item in enumerate(value):
                if item.__class__ is not str or not item.strip() or not _encodable(item):
                    _check(item, item_spec, (*path, i), out)
            return
        for i, item in enumerate(value):
            _check(item, item_spec, (*path, i), out)
    elif kind is Map:
        if not isinstance(value, dict):
            out.append((path, f"must be a mapping, not {_type_name(value)}"))
            return
        present = 0
        for key, sub in spec.required.items():
            if key not in value:
                out.append(((*path, key), "is missing"))
                continue
            present += 1
            item = value[key]
            # Valid text and enum values, the common case, are accepted without a call.
            if sub is TEXT and item.__class__ is str and item.strip() and _encodable(item):
                continue
            if sub.__class__ is Enum and item.__class__ is str and item in sub.values:
                continue
            _check(item, sub, (*path, key), out)
        if present == len(value):
            return  # nothing beyond the required keys
        for key, item in value.items():
            if key in spec.required:
                continue
            sub = spec.optional.get(key) if isinstance(key, str) else None
            if sub is None:
                import difflib

                names = [*spec.required, *spec.optional]
                close = difflib.get_close_matches(str(key), names, n=1, cutoff=0.75)
                hint = f"did you mean {close[0]!r}? " if close else ""
                out.append(
                    ((*path, str(key)), f"unknown key ({hint}known keys: {', '.join(names)})")
                )
            else:
                _check(item, sub, (*path, key), out)
    elif kind is Dict:
        if not isinstance(value, dict):
            out.append((path, f"must be a mapping, not {_type_name(value)}"))
            return
        if len(value) < spec.min_items:
            out.append((path, "must not be empty"))
        for key, item in value.items():
            if not isinstance(key, str):
                out.append(((*path, str(key)), "keys must be text"))
            _check(item, spec.value, (*path, str(key)), out)
    elif kind is Num:
        if value is None and spec.nullable:
            return
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            out.append((path, f"must be a number, not {_type_name(value)}"))
        elif isinstance(value, float) and not math.isfinite(value):
            out.append((path, f"must be a finite number (got {value})"))
        elif isinstance(value, int) and value.bit_length() > 64:
            out.append((path, "is far too large a number"))
        elif spec.integer and not isinstance(value, int):
            out.append((path, "must be a whole number"))
        elif (spec.lo is not None and value < spec.lo) or (spec.hi is not None and value > spec.hi):
            lo = "" if spec.lo is None else spec.lo
            hi = "" if spec.hi is None else spec.hi
            out.append((path, f"must be between {lo} and {hi} (got {value})"))
    elif kind is Date:
        if value is None and spec.nullable:
            return
        if isinstance(value, _dt.date):
            return
        if isinstance(value, str):
            try:
                _dt.date.fromisoformat(value)
                return
            except ValueError:
                pass
        out.append((path, f"must be a date YYYY-MM-DD (got {value!r})"))
    elif kind is Bool:
        if not isinstance(value, bool) and value not in spec.also:
            allowed = ", ".join(["true", "false", *spec.also])
            out.append((path, f"must be one of {allowed} (got {value!r})"))
    else:  # pragma: no cover - a programming error in the specs above
        raise TypeError(f"unknown spec {spec!r}")


def iso(value: Any) -> str | None:
    """Dates as ISO text, so compiled data holds only marshal-able plain values."""
    if value is None:
        return None
    return value.isoformat() if isinstance(value, _dt.date) else str(value)
