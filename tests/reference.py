"""The documented model of careercli's data, rebuilt from the YAML files for the tests.

Expected values in the tests come from here and from data/*.yaml, never from the code under
test. The fit formula is the one the README documents:

- credit 1 for a skill you have, and for what it is a kind of (`kind_of`, transitively);
  0.5 for what it is evidence of (`implies`); along a chain the credits multiply and the best
  chain counts;
- a one-of requirement takes its best option and is named "A, B or C";
- fit = 100 x sum(weight x credit) / sum(weight) over the role's technical requirements;
  professional skills (the categories skills.yaml lists as professional) are listed apart.
"""

from __future__ import annotations

from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent.parent / "data"
WEIGHT = {"required": 3, "nice-to-have": 1}
IMPLIED = 0.5


def load_yaml(path: Path):
    """A data file, parsed with libyaml's safe loader when present (eight times faster than
    the pure-Python one); a fresh copy each time, so a test may change what it gets."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)


_load = load_yaml


_SKILLS_FILE = _load(DATA / "skills.yaml")
SKILLS = {s["name"]: s for s in _SKILLS_FILE["skills"]}
CERTS = {c["name"]: c for c in _load(DATA / "certifications.yaml")["certifications"]}
ROLES = {p.stem: _load(p) for p in sorted((DATA / "roles").glob("*.yaml"))}
PROFESSIONAL = {
    n
    for n, s in SKILLS.items()
    if s["category"] in (_SKILLS_FILE.get("professional_categories") or ["soft"])
}


def options(req: dict) -> list[str]:
    """The skills any one of which satisfies the requirement."""
    return list(req.get("one_of") or [req["skill"]])


def label(req: dict) -> str:
    """The skill, or for a one-of group 'A, B or C'."""
    names = options(req)
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


def group_labels(roles: dict[str, dict]) -> set[str]:
    """Labels of every one-of group in these role documents (they have no prerequisites)."""
    return {label(r) for doc in roles.values() for r in doc["skills"] if len(options(r)) > 1}


def weight(req: dict) -> int:
    return req.get("weight") or WEIGHT[req["importance"]]


def professional(req: dict) -> bool:
    return all(o in PROFESSIONAL for o in options(req))


def technical(role_id: str) -> list[dict]:
    """The requirements the fit counts."""
    return [r for r in ROLES[role_id]["skills"] if not professional(r)]


def credit(known) -> dict[str, float]:
    """Credit per skill for skills you have: relax every edge until nothing improves."""
    out = dict.fromkeys(known, 1.0)
    changed = True
    while changed:
        changed = False
        for name, c in list(out.items()):
            edges = [(k, 1.0) for k in SKILLS[name].get("kind_of") or ()]
            edges += [(k, IMPLIED) for k in SKILLS[name].get("implies") or ()]
            for other, factor in edges:
                if c * factor > out.get(other, 0.0) + 1e-12:
                    out[other] = c * factor
                    changed = True
    return out


def fit(role_id: str, known) -> float:
    """The technical fit, unrounded."""
    have = credit(known)
    reqs = technical(role_id)
    total = sum(weight(r) for r in reqs)
    earned = sum(weight(r) * max(have.get(o, 0.0) for o in options(r)) for r in reqs)
    return 100 * earned / total if total else 0.0
