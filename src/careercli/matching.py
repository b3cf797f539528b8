"""Skill matching, fit and gaps. Pure: plain data in, dataclasses out.

Identity is decided by exact lookups of names and curated aliases after normalisation. Fuzzy
matching only repairs typos: inputs of five or more characters, a bounded edit distance (with
transpositions), similar lengths and the same first letter. Scores such as partial_ratio or
WRatio are never used to decide identity: they rate Java/JavaScript or SQL/NoSQL at 90-100.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

from careercli.catalog import Catalog, Requirement, Role, RoleRow

if TYPE_CHECKING:
    from careercli.profile import Progress
from careercli.text import MIN_TYPO_LEN, normalize, typo_budget

IMPLIED_CREDIT = 0.5
SHORT_WORD = 6  # up to this length a typo may drop, add or swap a letter, never replace one
SPLIT = re.compile(r"[,;\n\r]+")
_VERSION = re.compile(r"\s+v?\d+(?:\.\d+)*[a-z]?$")
_PREFIXES = (
    "experience with ",
    "experience in ",
    "knowledge of ",
    "proficiency in ",
    "proficient in ",
    "familiarity with ",
    "familiar with ",
    "expertise in ",
    "strong ",
    "advanced ",
    "basic ",
    "solid ",
)
_SUFFIXES = (
    " skills",
    " skill",
    " experience",
    " programming",
    " language",
    " knowledge",
    " pipelines",
    " pipeline",
    " framework",
    " frameworks",
    " library",
    " tools",
)


class Resolution(NamedTuple):
    """What one input resolved to, and how."""

    input: str
    skill: str | None
    how: str | None  # exact | alias | fuzzy
    score: float | None
    suggestions: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "input": self.input,
            "skill": self.skill,
            "how": self.how,
            "score": self.score,
            "suggestions": list(self.suggestions),
        }


class Match(NamedTuple):
    input: str
    skill: str
    score: float
    how: str  # exact | alias | fuzzy | implied
    credit: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "input": self.input,
            "skill": self.skill,
            "score": self.score,
            "how": self.how,
            "credit": self.credit,
        }


class Gap(NamedTuple):
    skill: str
    importance: str
    weight: int
    partial: bool
    certifications: tuple[str, ...]
    prerequisites: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "skill": self.skill,
            "importance": self.importance,
            "weight": self.weight,
            "partial": self.partial,
            "certifications": list(self.certifications),
            "prerequisites_missing": list(self.prerequisites),
        }


@dataclass
class RoleFit:
    id: str
    name: str
    fit: float
    required_met: int
    required_total: int
    matched: list[Match] = field(default_factory=list)
    missing: list[Gap] = field(default_factory=list)
    certifications: list[str] = field(default_factory=list)
    steps: list[str] = field(default_factory=list)
    next_best: dict[str, Any] | None = None
    weight_total: int = 0
    weight_earned: float = 0.0
    detailed: bool = True  # False: ranked only, without certifications or next best skill

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "fit": self.fit,
            "required_met": self.required_met,
            "required_total": self.required_total,
            "matched": [m.to_dict() for m in self.matched],
            "missing": [g.to_dict() for g in self.missing],
            "certifications": self.certifications,
            "steps": self.steps,
            "next_best": self.next_best,
            "weights": {"earned": self.weight_earned, "total": self.weight_total},
        }


@dataclass
class GapReport:
    inputs: list[str]
    resolutions: list[Resolution]
    unrecognized: list[Resolution]
    roles: list[RoleFit]
    ranked_total: int
    credit: dict[str, float] = field(default_factory=dict, repr=False)
    how: dict[str, Match] = field(default_factory=dict, repr=False)
    statuses: dict[str, str] = field(default_factory=dict)  # progress marks: learning, skip

    def _with_status(self, role: dict[str, Any]) -> dict[str, Any]:
        for gap in role["missing"]:
            gap["status"] = self.statuses.get(gap["skill"], "todo")
        return role

    def detail(self, catalog: Catalog, role_id: str) -> RoleFit:
        """The full fit of one ranked role (certifications, next best skill), computed once."""
        for n, rf in enumerate(self.roles):
            if rf.id == role_id:
                if not rf.detailed:
                    rf = role_fit(catalog, catalog.role(role_id), self.credit, self.how)
                    self.roles[n] = rf
                return rf
        raise KeyError(f"{role_id} is not among the ranked roles")

    def to_dict(self) -> dict[str, Any]:
        return {
            "inputs": self.inputs,
            "resolved": [r.to_dict() for r in self.resolutions],
            "unrecognized": [
                {"input": r.input, "suggestions": list(r.suggestions)} for r in self.unrecognized
            ],
            "roles": [self._with_status(r.to_dict()) for r in self.roles],
            "ranked": self.ranked_total,
            "weighting": WEIGHTING,
        }


WEIGHTING = {
    "required": 3,
    "nice_to_have": 1,
    "implied_credit": IMPLIED_CREDIT,
    "formula": "fit = 100 * sum(weight * credit) / sum(weight); credit is 1 for a skill you "
    "have, 0.5 for one implied by a skill you have, 0 otherwise",
}


# --------------------------------------------------------------------------- inputs


def split_inputs(chunks: Iterable[str]) -> list[str]:
    """Comma, semicolon or newline separated inputs, trimmed, in order, blanks dropped."""
    out: list[str] = []
    for chunk in chunks:
        for part in SPLIT.split(chunk):
            part = part.strip()
            if part:
                out.append(part)
    return out


class Resolver:
    """Resolves inputs against one catalog's taxonomy; remembers what it has seen."""

    def __init__(self, catalog: Catalog):
        self.lookup = catalog.skill_lookup
        self._memo: dict[str, tuple[str | None, str | None, float | None, tuple[str, ...]]] = {}
        self._keys: list[str] | None = None

    def resolve(self, raw: str) -> Resolution:
        key = normalize(raw)
        hit = self._memo.get(key)
        if hit is None:
            hit = self._resolve_key(key)
            self._memo[key] = hit
        return Resolution(raw, *hit)

    def resolve_all(self, inputs: Iterable[str]) -> list[Resolution]:
        return [self.resolve(i) for i in inputs]

    def _resolve_key(
        self, key: str
    ) -> tuple[str | None, str | None, float | None, tuple[str, ...]]:
        if not key:
            return None, None, None, ()
        for variant in _variants(key):
            found = self.lookup.get(variant)
            if found is not None:
                return found[0], found[1], 100.0, ()
        fuzzy = self._fuzzy(key)
        if fuzzy is not None:
            return fuzzy[0], "fuzzy", fuzzy[1], ()
        return None, None, None, self.suggest(key)

    @property
    def keys(self) -> list[str]:
        if self._keys is None:
            self._keys = list(self.lookup)
        return self._keys

    def _fuzzy(self, key: str) -> tuple[str, float] | None:
        if len(key) < MIN_TYPO_LEN:
            return None
        from rapidfuzz import fuzz, process
        from rapidfuzz.distance import OSA

        limit = typo_budget(len(key))
        best: dict[str, tuple[int, float]] = {}
        for cand, dist, _ in process.extract(
            key, self.keys, scorer=OSA.distance, score_cutoff=limit, limit=None
        ):
            if abs(len(cand) - len(key)) > limit or not _same_start(key, cand):
                continue
            if len(cand) < MIN_TYPO_LEN:
                continue  # short names (Go, Rust, Java) are matched exactly or not at all
            if len(key) <= SHORT_WORD and not _no_substitution(key, cand):
                continue
            if _derived_word(key, cand):
                continue
            name = self.lookup[cand][0]
            score = round(fuzz.ratio(key, cand), 1)
            if name not in best or (dist, -score) < (best[name][0], -best[name][1]):
                best[name] = (int(dist), score)
        if not best:
            return None
        ranked = sorted(best.items(), key=lambda kv: (kv[1][0], -kv[1][1]))
        if len(ranked) > 1 and ranked[1][1][0] == ranked[0][1][0]:
            return None  # two skills equally close: not a typo we can repair with confidence
        return ranked[0][0], ranked[0][1][1]

    def suggest(self, key: str, limit: int = 3) -> tuple[str, ...]:
        if len(key) < 2:
            return ()
        from rapidfuzz import fuzz, process

        out: list[str] = []
        scorer, cutoff = (fuzz.ratio, 78) if len(key) < 8 else (fuzz.token_sort_ratio, 70)
        for cand, _, _ in process.extract(
            key, self.keys, scorer=scorer, limit=30, score_cutoff=cutoff
        ):
            name = self.lookup[cand][0]
            if name not in out:
                out.append(name)
            if len(out) == limit:
                break
        return tuple(out)


def _no_substitution(a: str, b: str) -> bool:
    """One letter added, dropped or two swapped: scapy is not a typo of scipy."""
    from rapidfuzz.distance import Indel

    return Indel.distance(a, b) <= 1 or (len(a) == len(b) and sorted(a) == sorted(b))


def _derived_word(key: str, cand: str) -> bool:
    """A short name plus one letter is usually another word (scalar, julian), unless the letter
    doubles the last one (excell)."""
    return (
        len(key) <= SHORT_WORD
        and len(key) == len(cand) + 1
        and key.startswith(cand)
        and key[-1] != cand[-1]
    )


def _same_start(a: str, b: str) -> bool:
    return a[0] == b[0] or (len(a) > 1 and len(b) > 1 and a[0] == b[1] and a[1] == b[0])


def _variants(key: str) -> list[str]:
    out = [key]
    stripped = _VERSION.sub("", key)
    if stripped and stripped != key:
        out.append(stripped)
    for base in list(out):
        for prefix in _PREFIXES:
            if base.startswith(prefix) and len(base) > len(prefix):
                out.append(base[len(prefix) :])
        for suffix in _SUFFIXES:
            if base.endswith(suffix) and len(base) > len(suffix):
                out.append(base[: -len(suffix)])
    return out


# --------------------------------------------------------------------------- fit


def known_skills(
    catalog: Catalog, resolutions: Iterable[Resolution], extra: Iterable[str] = ()
) -> tuple[dict[str, float], dict[str, Match]]:
    """Credit per canonical skill (1 direct, 0.5 implied) and how each credit was earned."""
    skills = catalog.skills
    credit: dict[str, float] = {}
    how: dict[str, Match] = {}
    for r in resolutions:
        if r.skill is not None and r.skill not in how:
            credit[r.skill] = 1.0
            how[r.skill] = Match(r.input, r.skill, r.score or 0.0, r.how or "exact", 1.0)
    for name in extra:
        if name in skills and name not in how:
            credit[name] = 1.0
            how[name] = Match(name, name, 100.0, "exact", 1.0)
    for origin in list(how.values()):
        for name, c in _closure(catalog, origin.skill).items():
            if c > credit.get(name, 0.0):
                credit[name] = c
                how[name] = Match(origin.input, name, origin.score, "implied", c)
    return credit, how


def requirement_credit(names: tuple[str, ...], credit: dict[str, float]) -> float:
    """Credit for a requirement: its skill's, or the best of a one-of group's."""
    if len(names) == 1:
        return credit.get(names[0], 0.0)
    return max(credit.get(n, 0.0) for n in names)


def fit_of(
    reqs: Iterable[tuple[tuple[str, ...], str, int]], credit: dict[str, float]
) -> tuple[float, int, int]:
    """(fit 0-100, required met, required total) for one role's requirement tuples."""
    total = earned = 0.0
    met = req_total = 0
    for names, importance, weight in reqs:
        total += weight
        c = credit.get(names[0], 0.0) if len(names) == 1 else requirement_credit(names, credit)
        earned += weight * c
        if importance == "required":
            req_total += 1
            if c >= 1.0:
                met += 1
    return (round(100.0 * earned / total, 1) if total else 0.0), met, req_total


def _closure(catalog: Catalog, skill: str) -> dict[str, float]:
    """Credit a skill gives, through the taxonomy: 1 for what it is a kind of (PostgreSQL is
    SQL), partial for what it is evidence of (PyTorch of deep learning); along a chain the
    credits multiply, and the best chain counts."""
    skills = catalog.skills
    out = {skill: 1.0}
    stack = [skill]
    while stack:
        name = stack.pop()
        base = out[name]
        entry = skills.get(name)
        if entry is None:
            continue
        for nxt, factor in (
            *((k, 1.0) for k in entry.kind_of),
            *((k, IMPLIED_CREDIT) for k in entry.implies),
        ):
            c = base * factor
            if c > out.get(nxt, 0.0) + 1e-9:
                out[nxt] = c
                stack.append(nxt)
    return out


def order_gaps(
    catalog: Catalog, missing: list[Requirement], credit: dict[str, float]
) -> list[Requirement]:
    """Required before nice-to-have, heavier first, and prerequisites before what builds on them."""
    skills = catalog.skills
    base = sorted(
        enumerate(missing),
        key=lambda p: (p[1].importance != "required", -p[1].weight, p[0]),
    )
    position = {req.skill: n for n, (_, req) in enumerate(base)}
    if any(req.skill not in skills for req in missing):
        skills = {**skills}
        for req in missing:
            skills.setdefault(req.skill, _GROUP)
    ordered: list[Requirement] = []
    placed: set[str] = set()

    def place(req: Requirement, trail: set[str]) -> None:
        if req.skill in placed or req.skill in trail:
            return
        trail = trail | {req.skill}
        for pre in sorted(_all_prereqs(skills, req.skill), key=lambda s: position.get(s, 1e9)):
            if pre in position and pre not in placed:
                place(base[position[pre]][1], trail)
        placed.add(req.skill)
        ordered.append(req)

    for _, req in base:
        place(req, set())
    return ordered


def _all_prereqs(skills: dict[str, Any], name: str) -> set[str]:
    out: set[str] = set()
    stack = list(skills[name].prerequisites)
    while stack:
        pre = stack.pop()
        if pre not in out:
            out.add(pre)
            stack.extend(skills[pre].prerequisites)
    return out


class _Group(NamedTuple):
    prerequisites: tuple[str, ...] = ()


_GROUP = _Group()


def certification_picker(catalog: Catalog, role: Role, needed: set[str]) -> Any:
    """A function giving, for a skill, the current certifications that cover it: the role's
    own first, then those pitched at the role's level, then those covering more of `needed`."""
    own = set(role.certifications)
    role_rank = _ROLE_RANK.get(role.level, 1)

    def relevance(cert: Any) -> tuple[bool, int, int, str]:
        distance = abs(_CERT_RANK.get(cert.level, 1) - role_rank)
        return (cert.name not in own, distance, -len(needed & set(cert.skills)), cert.name)

    def pick(skill: str, options: tuple[str, ...] = ()) -> tuple[str, ...]:
        found = {
            c.name: c for o in options or (skill,) for c in catalog.current_certifications_for(o)
        }
        return tuple(c.name for c in sorted(found.values(), key=relevance))

    return pick


def role_fit(
    catalog: Catalog,
    role: Role,
    credit: dict[str, float],
    how: dict[str, Match],
    full: bool = True,
) -> RoleFit:
    """How one role fits; `full=False` skips certifications and the next best skill (for
    roles that are only ranked, not detailed)."""
    reqs = [(r.names, r.importance, r.weight) for r in role.skills]
    fit, met, req_total = fit_of(reqs, credit)
    total = sum(r.weight for r in role.skills)
    earned = sum(r.weight * requirement_credit(r.names, credit) for r in role.skills)
    matched = [how[n] for r in role.skills for n in r.names if n in how]
    matched.sort(key=lambda m: (m.how == "implied", m.skill.casefold()))
    gaps_needed = [r for r in role.skills if requirement_credit(r.names, credit) < 1.0]
    skills = catalog.skills
    needed = {n for r in gaps_needed for n in r.names}
    certs_for = certification_picker(catalog, role, needed) if full else (lambda *_: ())
    missing: list[Gap] = []
    for req in order_gaps(catalog, gaps_needed, credit):
        certs = certs_for(req.skill, req.names)
        pres = skills[req.skill].prerequisites if req.skill in skills else ()
        prereqs = tuple(p for p in pres if credit.get(p, 0.0) < 1.0)
        partial = requirement_credit(req.names, credit) > 0
        missing.append(Gap(req.skill, req.importance, req.weight, partial, certs, prereqs))
    next_best = None
    if missing and full:
        best_fit, best = -1.0, None
        for gap in missing:
            trial = dict(credit)
            option = gap.skill if gap.skill in skills else _group_of(role, gap.skill)[0]
            for name, c in _closure(catalog, option).items():
                trial[name] = max(trial.get(name, 0.0), c)
            new_fit = fit_of(reqs, trial)[0]
            if new_fit > best_fit:
                best_fit, best = new_fit, gap
        assert best is not None
        next_best = {
            "skill": best.skill,
            "fit": best_fit,
            "gain": round(best_fit - fit, 1),
            "certifications": list(best.certifications),
            "prerequisites_missing": list(best.prerequisites),
        }
    role_certs = [c for c in role.certifications if catalog.certifications[c].current]
    role_certs.sort(key=lambda c: -len(needed & set(catalog.certifications[c].skills)))
    return RoleFit(
        id=role.id,
        name=role.name,
        fit=fit,
        required_met=met,
        required_total=req_total,
        matched=matched,
        missing=missing,
        certifications=role_certs,
        steps=list(role.steps),
        next_best=next_best,
        weight_total=total,
        weight_earned=round(earned, 2),
        detailed=full,
    )


def _group_of(role: Role, label: str) -> tuple[str, ...]:
    return next(r.names for r in role.skills if r.skill == label)


_ROLE_RANK = {"intern": 0, "junior": 0, "mid": 1, "senior": 2, "lead": 3, "principal": 3}
_ROLE_RANK |= {"manager": 3, "director": 3}
_CERT_RANK = {"foundational": 0, "associate": 1, "professional": 2, "specialty": 2, "expert": 3}


def _rank_key(row: RoleRow, credit: dict[str, float]) -> tuple[float, int, str, str]:
    fit, met, _ = fit_of(row.requirements, credit)
    return (-fit, -met, row.name.casefold(), row.id)


def gap_report(
    catalog: Catalog,
    inputs: list[str],
    *,
    role_ids: list[str] | None = None,
    top: int | None = 10,
    also_known: Iterable[str] = (),
    resolver: Resolver | None = None,
    detail: set[str] | None = None,
    always: list[str] | None = None,
) -> GapReport:
    """Rank roles by fit for these inputs; details for the ranked roles that are returned.
    Roles in `always` are returned even when they rank below `top` (after the top ones)."""
    resolver = resolver or Resolver(catalog)
    resolutions = resolver.resolve_all(inputs)
    credit, how = known_skills(catalog, resolutions, also_known)
    rows = catalog.index
    if role_ids is not None:
        wanted = dict.fromkeys(role_ids)
        rows = [r for r in rows if r.id in wanted]
    ranked = sorted(rows, key=lambda r: _rank_key(r, credit))
    chosen = ranked if not top or top <= 0 else ranked[:top]
    if always and top and top > 0:
        shown = {r.id for r in chosen}
        chosen += [r for r in ranked[top:] if r.id in always and r.id not in shown]
    fits = [
        role_fit(catalog, catalog.role(r.id), credit, how, detail is None or r.id in detail)
        for r in chosen
    ]
    return GapReport(
        inputs=inputs,
        resolutions=resolutions,
        unrecognized=[r for r in resolutions if r.skill is None],
        roles=fits,
        ranked_total=len(ranked),
        credit=credit,
        how=how,
    )


def gap_analysis(
    catalog: Catalog,
    inputs: list[str],
    *,
    role_ids: list[str] | None = None,
    targets: list[str] | None = None,
    top: int = 10,
    progress: Progress | None = None,
    detail_all: bool = False,
) -> tuple[GapReport, list[str]]:
    """The report `gap` shows, and the roles it details: every --role (whatever `top` says),
    else the profile's targets (added to the ranking when they fall outside the top), else the
    best fit. `detail_all` details every ranked role (JSON does)."""
    done = progress.done_skills() if progress else []
    targets = [t for t in targets or () if catalog.has_role(t)]
    only = None if detail_all else set(role_ids or targets)
    report = gap_report(
        catalog,
        inputs,
        role_ids=role_ids,
        top=0 if role_ids else top,
        also_known=done,
        detail=only,
        always=targets,
    )
    if role_ids:
        detail = list(dict.fromkeys(role_ids))
    elif targets:
        detail = targets
    else:
        detail = [r.id for r in report.roles[:1]]
    for role_id in detail:
        report.detail(catalog, role_id)
    if progress:
        report.statuses = {k: v for k, v in progress.skills.items() if v != "done"}
    return report, detail
