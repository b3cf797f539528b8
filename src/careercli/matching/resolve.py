"""Reading one input as a skill of the taxonomy, as a recruiter would.

Identity is decided by exact lookups of names and curated aliases after normalisation. An input
may carry a level or years around the skill ("basic python", "Python (basic)", "SQL (5 years)",
"5+ yrs Java", "fluent in R"): they are read, kept on the resolution, and the rest is looked up.
A short form that names several skills (tf, cv, ts) resolves to nothing, with every candidate.
Fuzzy matching only repairs typos: inputs of five or more characters, a bounded edit distance
(with transpositions), similar lengths and the same first letter. Scores such as partial_ratio
or WRatio never decide identity: they rate Java/JavaScript or SQL/NoSQL at 90-100.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, NamedTuple

from careercli.text import MIN_TYPO_LEN, normalize, typo_budget

if TYPE_CHECKING:
    from careercli.catalog import Catalog

SHORT_WORD = 6  # up to this length a typo may drop, add or swap a letter, never replace one
SOURCES = ("input", "resume", "profile", "progress")
_VERSION = re.compile(r"\s+v?\d+(?:\.\d+)*[a-z]?$")
# Words that only say what kind of thing the skill is ("SQL skills", "Spark framework").
_SUFFIXES = (
    " skills", " skill", " experience", " programming", " language", " knowledge",
    " pipelines", " pipeline", " framework", " frameworks", " library", " tools",
)  # fmt: skip

# --------------------------------------------------------------------------- level and years

# A phrase before the skill that says how well, and the level it means (None: no level).
_LEVEL_PREFIXES = (
    ("basic knowledge of ", "basic"),
    ("good knowledge of ", "good"),
    ("strong knowledge of ", "strong"),
    ("working knowledge of ", "working knowledge"),
    ("knowledge of ", None),
    ("expert level ", "expert"),
    ("expert in ", "expert"),
    ("expertise in ", "expert"),
    ("fluent in ", "fluent"),
    ("fluency in ", "fluent"),
    ("proficient in ", "proficient"),
    ("proficient with ", "proficient"),
    ("proficiency in ", "proficient"),
    ("familiar with ", "familiar"),
    ("familiarity with ", "familiar"),
    ("experience with ", None),
    ("experience in ", None),
    ("experienced in ", None),
    ("exposure to ", "familiar"),
)
# A single word that is a level wherever it stands next to the skill.
_LEVEL_WORDS = {
    "basic": "basic", "basics": "basic", "some": "some", "beginner": "beginner",
    "novice": "beginner", "elementary": "basic", "intermediate": "intermediate",
    "advanced": "advanced", "expert": "expert", "fluent": "fluent", "proficient": "proficient",
    "strong": "strong", "solid": "solid", "good": "good", "native": "fluent",
}  # fmt: skip
_NUMBER = r"(\d{1,2}(?:\.\d)?)"
_YEARS = re.compile(
    _NUMBER + r"\s*\+?\s*(?:years?|yrs?|y)(?:['’]s?)?(?:\s+of)?"
    r"(?:\s+(?:experience|exp))?(?:\s+(?:in|with|of|using))?(?=\s|$|[),;:])"
)
_MONTHS = re.compile(
    r"(\d{1,2})\s*\+?\s*(?:months?|mos?)(?:\s+of)?(?:\s+experience)?(?:\s+(?:in|with))?(?=\s|$|[),;:])"
)
_BRACKETS = re.compile(r"^(.*?)\s*\(([^()]*)\)$")
_TRAILING = re.compile(r"^(.*?)\s*(?::|\s)\s*([^:]+)$")


class Qualified(NamedTuple):
    core: str
    level: str | None = None
    years: float | None = None


def _years_in(text: str) -> tuple[str, float | None]:
    """The text without its years phrase, and the years (months as a fraction of a year)."""
    m = _YEARS.search(text)
    if m:
        return (text[: m.start()] + " " + text[m.end() :]).strip(), float(m.group(1))
    m = _MONTHS.search(text)
    if m:
        return (text[: m.start()] + " " + text[m.end() :]).strip(), round(int(m.group(1)) / 12, 1)
    return text, None


def _qualifier(part: str) -> tuple[str | None, float | None] | None:
    """A bracketed or trailing part read as (level, years), or None if it is not only that."""
    level: str | None = None
    years: float | None = None
    for piece in re.split(r"[,/;]| and ", part):
        piece = piece.strip()
        if not piece:
            continue
        rest, found = _years_in(piece)
        if found is not None:
            years = found
            piece = rest.removesuffix("experience").strip()
            if not piece:
                continue
        piece = piece.removesuffix(" level").strip()
        if piece in _LEVEL_WORDS:
            level = _LEVEL_WORDS[piece]
        else:
            return None
    return level, years


def qualified(key: str) -> Qualified:
    """Split a normalised input into the skill and the level and years around it."""
    level: str | None = None
    years: float | None = None
    m = _BRACKETS.match(key)
    if m and m.group(1):
        q = _qualifier(m.group(2))
        if q is not None:
            key, (level, years) = m.group(1), q
    key, found = _years_in(key)
    years = found if found is not None else years
    for prefix, word in _LEVEL_PREFIXES:
        if key.startswith(prefix) and len(key) > len(prefix):
            key, level = key[len(prefix) :], level or word
            break
    else:
        first, _, rest = key.partition(" ")
        if rest and first in _LEVEL_WORDS:
            key, level = rest, level or _LEVEL_WORDS[first]
    m = _TRAILING.match(key)
    if m and m.group(1) and level is None:
        q = _qualifier(m.group(2))
        if q is not None and (q[0] or q[1] is not None):
            key, level, years = m.group(1), q[0] or level, q[1] if q[1] is not None else years
    return Qualified(key.strip(" :"), level, years)


# --------------------------------------------------------------------------- resolution


class Resolution(NamedTuple):
    """What one input resolved to, how, and what it said about level and years."""

    input: str
    skill: str | None
    how: str | None  # exact | alias | fuzzy
    score: float | None
    suggestions: tuple[str, ...] = ()
    reason: str | None = None  # unknown | ambiguous, when nothing matched
    level: str | None = None
    years: float | None = None
    source: str = "input"  # input | resume | profile | progress
    evidence: str | None = None  # the line of a résumé it was read from

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "input": self.input,
            "skill": self.skill,
            "how": self.how,
            "score": self.score,
            "credit": 1.0 if self.skill else 0.0,
            "from": self.source,
            "suggestions": list(self.suggestions),
        }
        if self.skill is None:
            out["reason"] = self.reason or "unknown"
        if self.level is not None:
            out["level"] = self.level
        if self.years is not None:
            out["years"] = self.years
        if self.evidence is not None:
            out["evidence"] = self.evidence
        return out


def split_inputs(chunks: Iterable[str]) -> list[str]:
    """Comma, semicolon or newline separated inputs, trimmed, in order, blanks dropped. A comma
    inside brackets does not split ("SQL (advanced, 5+ years)" is one input)."""
    out: list[str] = []
    for chunk in chunks:
        for line in re.split(r"[\n\r]+", chunk):
            depth, start = 0, 0
            for i, ch in enumerate(line):
                if ch in "([":
                    depth += 1
                elif ch in ")]":
                    depth = max(0, depth - 1)
                elif ch in ",;" and depth == 0:
                    out.append(line[start:i])
                    start = i + 1
            rest = line[start:]
            # A bracket never closed protects nothing: split the rest as usual.
            out.extend(re.split(r"[,;]", rest) if depth else [rest])
    return [part.strip() for part in out if part.strip()]


_Hit = tuple[str | None, str | None, float | None, tuple[str, ...], str | None]


class Resolver:
    """Resolves inputs against one catalog's taxonomy; remembers what it has seen."""

    def __init__(self, catalog: Catalog):
        self.lookup = catalog.skill_lookup
        self.ambiguous = catalog.ambiguous
        self._memo: dict[str, tuple[_Hit, str | None, float | None]] = {}
        self._keys: list[str] | None = None
        self._words: dict[str, set[str]] = {}
        self._by_start: dict[str, list[str]] | None = None

    def resolve(self, raw: str, source: str = "input", evidence: str | None = None) -> Resolution:
        key = normalize(raw)
        memo = self._memo.get(key)
        if memo is None:
            memo = self._resolve_key(key)
            if len(self._memo) < 100_000:
                self._memo[key] = memo
        (skill, how, score, suggestions, reason), level, years = memo
        return Resolution(
            raw, skill, how, score, suggestions, reason, level, years, source, evidence
        )

    def resolve_all(self, inputs: Iterable[str], source: str = "input") -> list[Resolution]:
        return [self.resolve(i, source) for i in inputs]

    def _resolve_key(self, key: str) -> tuple[_Hit, str | None, float | None]:
        if not key:
            return (None, None, None, (), "unknown"), None, None
        hit = self._exact(key)
        if hit is not None:
            return hit, None, None
        q = qualified(key)
        if q.core != key:
            hit = self._exact(q.core)
            if hit is not None:
                return hit, q.level, q.years
        core = q.core or key
        fuzzy = self._fuzzy(core)
        if fuzzy is not None:
            return (fuzzy[0], "fuzzy", fuzzy[1], (), None), q.level, q.years
        return (None, None, None, self.suggest(core), "unknown"), q.level, q.years

    def _exact(self, key: str) -> _Hit | None:
        variants = _variants(key)
        for variant in variants:
            found = self.lookup.get(variant)
            if found is not None:
                return found[0], found[1], 100.0, (), None
        for variant in variants:
            if variant in self.ambiguous:
                return None, None, None, self.ambiguous[variant], "ambiguous"
        return None

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
        if self._by_start is None:
            self._by_start = {}
            for k in self.keys:
                if k:
                    self._by_start.setdefault(k[0], []).append(k)
        # A typo keeps the first letter, or swaps the first two: only those keys can match.
        pool = self._by_start.get(key[0], [])
        if len(key) > 1 and key[1] != key[0]:
            pool = pool + self._by_start.get(key[1], [])
        best: dict[str, tuple[int, float]] = {}
        for cand, dist, _ in process.extract(
            key, pool, scorer=OSA.distance, score_cutoff=limit, limit=None
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
        """Skills the input may have meant: close in spelling, or sharing a distinctive word
        ('presentations' → presentation skills); never a skill of another family that only
        looks alike ('Google Ads' is not Google Cloud)."""
        if len(key) < 2:
            return ()
        from rapidfuzz import fuzz, process

        words = _content_words(key)
        out: list[str] = []
        for cand, score, _ in process.extract(
            key, self.keys, scorer=fuzz.ratio, limit=60, score_cutoff=50
        ):
            close = score >= 80 and _same_start(key, cand)
            if not close:
                if cand not in self._words:
                    self._words[cand] = _content_words(cand)
                shared = bool(words & self._words[cand])
            else:
                shared = True
            if not (close or shared):
                continue
            name = self.lookup[cand][0]
            if name not in out:
                out.append(name)
            if len(out) == limit:
                break
        return tuple(out)


# Words too general to show that two skills are of one family.
_GENERIC = frozenset(
    """
    data analysis analytics analyst google microsoft amazon aws azure apache management
    engineering engineer science scientist learning system systems tool tools software
    development developer design modeling modelling testing processing cloud platform service
    services web business skill skills advanced basic and the for with of in on to a an
    programming language framework library database databases report reports reporting
    """.split()
)


def _content_words(text: str) -> set[str]:
    return {
        w.rstrip("s")
        for w in re.findall(r"[a-z0-9+#.]+", text)
        if len(w) >= 3 and w not in _GENERIC and w.rstrip("s") not in _GENERIC
    }


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
        for suffix in _SUFFIXES:
            if base.endswith(suffix) and len(base) > len(suffix):
                out.append(base[: -len(suffix)])
    return out
