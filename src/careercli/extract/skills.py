"""The taxonomy's names read in free text: an index built once per catalog, then one pass over
each sentence.

Names and aliases are matched as whole words, case-insensitively, leftmost and longest first,
never across a sentence, list item or table cell. Hyphens count as spaces ("Docker-based",
"mixed-effects"); "/", "&" and "+" join a name ("CI/CD", "R&D") or separate two ("Python/Java").
A name that is also an ordinary word ("Go", "R", "Spark", "Excel") needs context, short
abbreviations count upper-case only, terms that name several skills count only with a cue in the
sentence, and phrases that merely contain a name ("spark plugs", "reports to") hide it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, NamedTuple

from careercli.extract import lexicon as lx
from careercli.extract.segment import Unit, clean_text, segment

if TYPE_CHECKING:
    from careercli.catalog import Catalog

# --------------------------------------------------------------------------- tokens

_TOKEN = re.compile(
    r"(?P<w>\.?[^\W_](?:[^\W_]|['’](?=[^\W_])|\.(?=[^\W_]))*(?:\+\+|#)?)"
    r"|(?P<h>(?<=[^\W_])[-‐‑](?=[^\W_]))"
    r"|(?P<s>[/&+])"
    r"|(?P<p>\S)"
)
WORD, HYPHEN, SYM, PUNCT = "w", "h", "s", "p"


class Tok(NamedTuple):
    norm: str
    surface: str
    start: int
    end: int
    kind: str
    hyphen_after: bool = False


def tokenize(text: str) -> list[Tok]:
    """Words and the symbols between them; a hyphen inside a word is dropped and remembered on
    the word before it ("Excel-lent")."""
    out: list[Tok] = []
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or PUNCT
        surface = m.group()
        if kind == HYPHEN:
            if out:
                out[-1] = out[-1]._replace(hyphen_after=True)
            continue
        norm = surface.casefold()
        if kind == WORD:
            norm = norm.replace("’", "'")
            if norm.endswith("'s") and len(norm) > 3:
                norm = norm[:-2]
        out.append(Tok(norm, surface, m.start(), m.end(), kind))
    return out


def key_tokens(key: str) -> tuple[str, ...]:
    return tuple(t.norm for t in tokenize(key) if t.kind != PUNCT or t.norm in "/&+")


# --------------------------------------------------------------------------- the index

SKILL, BLOCK, CUED = 0, 1, 2
# rules on a match
R_CONTEXT, R_EXCEL, R_CAPITAL, R_UPPER, R_EXACT, R_TECH = 1, 2, 4, 8, 16, 32


class Entry(NamedTuple):
    kind: int
    skill: str | None = None
    how: str = "exact"  # exact | alias | variant | prose
    rule: int = 0
    cues: tuple[tuple[str, frozenset[str]], ...] = ()
    key: str = ""


_NO_VARIANT = frozenset({"panda", "analytic", "guardrail", "container", "excels", "algorithm"})


def _variant(key: str) -> str | None:
    """The plural of a key's last word, or its singular ("recommendation engine[s]")."""
    head, _, last = key.rpartition(" ")
    if not last.isalpha() or len(last) < 4:
        return None
    if last.endswith("s") and not last.endswith(("ss", "us", "sis")):
        other = last[:-1]
    elif last.endswith(("s", "x", "z", "ch", "sh", "y")):
        return None
    else:
        other = last + "s"
    return f"{head} {other}".strip()


class Index:
    """The phrase trie for one catalog: every name, alias, variant and prose form."""

    def __init__(self, catalog: Catalog, trie: dict[str, Any] | None = None):
        self.categories = {name: s.category for name, s in catalog.skills.items()}
        self.professional = catalog.professional_categories
        self.trie: dict[str, Any] = {}
        if trie is not None:
            self.trie = trie
            return
        known = set(self.categories)
        lookup = catalog.skill_lookup
        for key, (name, how) in lookup.items():
            self._add(key, Entry(SKILL, name, how, self._rule(key, name, how), key=key))
        for key, (name, how) in lookup.items():
            other = _variant(key)
            if other and other not in lookup and other not in _NO_VARIANT and not self._has(other):
                self._add(other, Entry(SKILL, name, "variant", self._rule(other, name, how)))
        for name, forms in lx.PROSE_FORMS.items():
            if name not in known:
                continue
            for form in forms:
                if not self._has(form):
                    self._add(form, Entry(SKILL, name, "prose", self._rule(form, name, "prose")))
        for term in catalog.ambiguous:
            self._add(term, Entry(CUED, key=term), force=True)
        for term, options in lx.CUES.items():
            cues = tuple((s, c) for s, c in options if s in known)
            self._add(term, Entry(CUED, cues=cues, key=term), force=True)
        for phrase in lx.BLOCKED:
            self._add(phrase, Entry(BLOCK, key=phrase), force=True)

    @staticmethod
    def _rule(key: str, name: str, how: str) -> int:
        rule = 0
        if key in lx.NEEDS_CONTEXT:
            rule |= R_CONTEXT
        if key == lx.EXCEL:
            rule |= R_EXCEL
        if key in lx.CAPITALISED:
            rule |= R_CAPITAL
        if key in lx.EXACT_CASE:
            rule |= R_EXACT
        if key in lx.TECH_ONLY:
            rule |= R_TECH
        short = key.isalpha() and len(key) <= lx.SHORT_ABBREVIATION
        if short and how != "exact" and key != name.casefold():
            rule |= R_UPPER
        return rule

    def _node(self, key: str, create: bool) -> dict[str, Any] | None:
        node = self.trie
        for tok in key_tokens(key):
            nxt = node.get(tok)
            if nxt is None:
                if not create:
                    return None
                nxt = node[tok] = {}
            node = nxt
        return node

    def _has(self, key: str) -> bool:
        node = self._node(key, False)
        return node is not None and "" in node

    def _add(self, key: str, entry: Entry, force: bool = False) -> None:
        if not key_tokens(key):
            return
        node = self._node(key, True)
        assert node is not None
        if force or "" not in node:
            node[""] = entry

    def tech(self, skill: str) -> bool:
        category = self.categories.get(skill)
        return category in lx.TECH_CATEGORIES and category not in self.professional


_INDEXES: dict[tuple[int, str], Index] = {}


def index_for(catalog: Catalog) -> Index:
    """The index of a catalog: built once per catalog version and kept in the user cache
    (marshal, keyed by the catalog's fingerprint and this code's files), then read from there."""
    key = (id(catalog), catalog.fingerprint)
    found = _INDEXES.get(key)
    if found is None:
        if len(_INDEXES) > 8:
            _INDEXES.clear()
        found = _INDEXES[key] = _cached_index(catalog)
    return found


def _cache_path(catalog: Catalog) -> Any:
    import os
    import zlib

    from careercli.paths import cache_dir

    stamp = "|".join(
        f"{st.st_size}:{st.st_mtime_ns}" for st in (os.stat(lx.__file__), os.stat(__file__))
    )
    tag = f"{zlib.crc32(stamp.encode()):08x}"
    return cache_dir() / f"extract-{catalog.fingerprint}-{tag}.bin"


def _cached_index(catalog: Catalog) -> Index:
    import contextlib
    import marshal

    path = _cache_path(catalog)
    try:
        trie = marshal.loads(path.read_bytes())
        if isinstance(trie, dict):
            return Index(catalog, trie)  # entries stay plain tuples until matched
    except (OSError, ValueError, EOFError, TypeError):
        pass
    index = Index(catalog)
    with contextlib.suppress(OSError, ValueError):
        from careercli.paths import write_atomic

        write_atomic(path, marshal.dumps(_plain(index.trie)), durable=False)
    return index


def _plain(node: dict[str, Any]) -> dict[str, Any]:
    return {k: (tuple(v) if k == "" else _plain(v)) for k, v in node.items()}


# --------------------------------------------------------------------------- matching


class Mention(NamedTuple):
    skill: str
    how: str
    text: str  # the words as written
    unit: int  # index of the unit (sentence, item or cell) it is in
    start: int  # character offset in the unit
    years: float | None = None


class _Candidate(NamedTuple):
    entry: Entry
    first: int  # token positions in the unit's token list
    last: int


class Tokens:
    """A unit's tokens as plain lists (found by one regex, in C), with their offsets worked out
    only when a name was found."""

    __slots__ = ("_spans", "_words", "norm", "surface", "text")

    def __init__(self, text: str):
        self.text = text.replace("’", "'")
        self.surface: list[str] = _FAST.findall(self.text)
        norm = [t.casefold() for t in self.surface]
        if "'s" in self.text or "'S" in self.text:
            norm = [t[:-2] if t.endswith("'s") and len(t) > 3 else t for t in norm]
        self.norm = norm
        self._spans: list[tuple[int, int]] | None = None
        self._words: set[str] | None = None

    def __len__(self) -> int:
        return len(self.norm)

    def words(self, lo: int = 0, hi: int | None = None) -> set[str]:
        if lo == 0 and hi is None:
            if self._words is None:
                self._words = {t for t in self.norm if t[:1].isalnum()}
            return self._words
        return {t for t in self.norm[lo:hi] if t[:1].isalnum()}

    def span(self, k: int) -> tuple[int, int]:
        if self._spans is None:
            spans = []
            pos = 0
            text = self.text
            for tok in self.surface:
                pos = text.find(tok, pos)
                spans.append((pos, pos + len(tok)))
                pos += len(tok)
            self._spans = spans
        return self._spans[k]

    def is_word(self, k: int) -> bool:
        return 0 <= k < len(self.norm) and _is_word(self.norm[k])

    def hyphen_after(self, k: int) -> bool:
        end = self.span(k)[1]
        return end < len(self.text) and self.text[end] in "-‐‑"


_FAST = re.compile(
    r"\.?[^\W_](?:[^\W_]|'(?=[^\W_])|\.(?=[^\W_]))*(?:\+\+|#)?|[/&+]|[^\w\s-]|(?<![^\W_])-|-(?![^\W_])"
)


def _is_word(tok: str) -> bool:
    return tok[:1].isalnum() or (len(tok) > 1 and tok[0] == "." and tok[1].isalnum())


def scan_unit(
    index: Index, toks: Tokens, context: set[str] | None = None, names_only: bool = False
) -> list[tuple[str, str, int, int]]:
    """(skill, how, first token, last token) of each name a unit's tokens name, in order.
    `context`: more words that count as the unit's (the other cells of a table row).
    `names_only`: only which skills matter, not every place: a name whose skill is already
    accepted is not checked again (the skills found are the same)."""
    candidates: list[_Candidate] = []
    norm = toks.norm
    i, n = 0, len(norm)
    trie = index.trie
    while i < n:
        node = trie.get(norm[i])
        if node is None:
            i += 1
            continue
        best: tuple[int, Entry] | None = (i, node[""]) if "" in node else None
        j = i + 1
        while j < n:
            step = node.get(norm[j])
            if step is None:
                break
            node = step
            if "" in node:
                best = (j, node[""])
            j += 1
        if best is None:
            i += 1
            continue
        entry = best[1]
        if type(entry) is tuple:  # read from the cache: plain until first used
            entry = Entry(*entry)
        candidates.append(_Candidate(entry, i, best[0]))
        i = best[0] + 1
    if not candidates:
        return []
    words = toks.words() | context if context else toks.words()
    accepted: dict[int, str] = {}
    pending: list[_Candidate] = []
    tech_only: list[_Candidate] = []
    seen: set[str] = set()
    for c in candidates:
        entry = c.entry
        if entry.kind == BLOCK:
            continue
        if entry.kind == CUED:
            if names_only and all(s in seen for s, _ in entry.cues):
                continue
            near = toks.words(max(0, c.first - lx.CUE_WINDOW), c.last + lx.CUE_WINDOW + 1)
            near |= context or set()
            skill = next((s for s, cues in entry.cues if cues & near), None)
            if skill is not None:
                accepted[c.first] = skill
                seen.add(skill)
            continue
        assert entry.skill is not None
        if names_only and entry.skill in seen:
            continue
        if entry.rule and not _case_ok(entry, toks, c.first, c.last):
            continue
        if _company(toks, c.last):
            continue
        if entry.rule & R_CONTEXT:
            pending.append(c)
        elif entry.rule & R_TECH:
            tech_only.append(c)
        else:
            accepted[c.first] = entry.skill
            seen.add(entry.skill)
    for _ in range(2):
        for c in list(pending):
            if _licensed(index, toks, c, accepted, candidates, words):
                accepted[c.first] = c.entry.skill  # type: ignore[assignment]
                pending.remove(c)
    if tech_only and (words & lx.SOFTWARE_WORDS or any(index.tech(s) for s in accepted.values())):
        for c in tech_only:
            accepted[c.first] = c.entry.skill  # type: ignore[assignment]
    out = []
    by_first = {c.first: c for c in candidates}
    for first in sorted(accepted):
        c = by_first[first]
        how = c.entry.how if c.entry.kind == SKILL else "cue"
        out.append((accepted[first], how, c.first, c.last))
    return out


def _case_ok(entry: Entry, toks: Tokens, first: int, last: int) -> bool:
    surface = toks.surface[first]
    rule = entry.rule
    if rule & R_EXACT:
        return surface in lx.EXACT_CASE.get(entry.key or surface.casefold(), ())
    if rule & R_UPPER:
        core = surface[:-1] if surface.endswith("s") and len(surface) > 2 else surface
        return core.isupper() or sum(ch.isupper() for ch in core) >= 2  # ML, LLMs, IaC
    if rule & R_CAPITAL and not surface[:1].isupper():
        return False
    if rule & R_EXCEL:
        if toks.is_word(last + 1) and toks.norm[last + 1] in ("in", "at"):
            return False
        if toks.hyphen_after(last):
            return False
        if surface[:1].isupper():
            return True
        return toks.is_word(first - 1) and toks.norm[first - 1] in lx.LEVEL_WORDS
    if rule & R_CONTEXT:
        name = entry.skill or ""
        allowed = {name, name.upper(), surface.casefold().capitalize()}
        if entry.key == "doe":
            allowed = {"DOE"}
        if surface not in allowed and surface != toks.norm[first].upper():
            return False
        if surface.islower() or toks.hyphen_after(last):
            return False
    return True


def _company(toks: Tokens, last: int) -> bool:
    k = last + 1
    return (
        toks.is_word(k)
        and toks.surface[k][:1].isupper()
        and toks.norm[k].rstrip(".") in lx.COMPANY_WORDS
    )


def _licensed(
    index: Index,
    toks: Tokens,
    c: _Candidate,
    accepted: dict[int, str],
    candidates: list[_Candidate],
    words: set[str],
) -> bool:
    norm, surface = toks.norm, toks.surface
    key = c.entry.key or norm[c.first]
    if lx.CONTEXT_WORDS.get(key, frozenset()) & words:
        return True
    n = len(norm)
    if c.first == 0 and c.last + 1 < n and norm[c.last + 1] in (":", "—", "–", "-"):
        return True  # the label of a list entry: "R -- conversational", "Go: services"
    after = c.last + 1
    if after < n and norm[after] == "(":
        after += 1
    if toks.is_word(after) and norm[after] in lx.CUES_AFTER:
        return True
    before = c.first - 1
    if toks.is_word(before):
        if norm[before] in lx.CUES_BEFORE and not (norm[before] == "in" and key in lx.NO_IN_CUE):
            return True
        if surface[before][:1].isupper() and toks.is_word(before - 1):
            return False  # a person's or a product's name: "Paula Jenkins", "Dodge Dart"
    if (
        toks.is_word(c.last + 1)
        and surface[c.last + 1][:1].isupper()
        and key in ("julia", "ruby", "ray", "jenkins")
    ):
        return False  # "Julia Okafor"
    starts = {cand.first for cand in candidates}
    ends = {cand.last for cand in candidates}
    if before >= 0 and norm[before] in ("/", "+") and c.first - 2 in ends:
        return True
    if c.last + 1 < n and norm[c.last + 1] in ("/", "+") and c.last + 2 in starts:
        return True
    if any(first != c.first and index.tech(skill) for first, skill in accepted.items()):
        return True
    return _alone(toks, c)


def _alone(toks: Tokens, c: _Candidate) -> bool:
    """The name is the whole item or cell, give or take a bracket and a level."""
    depth = 0
    for k, t in enumerate(toks.norm):
        if t == "(":
            depth += 1
        elif t == ")":
            depth = max(0, depth - 1)
        elif (
            depth == 0
            and _is_word(t)
            and not (c.first <= k <= c.last)
            and t not in lx.LEVEL_WORDS
            and not t.isdigit()
        ):
            return False
    return True


# --------------------------------------------------------------------------- years

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
}  # fmt: skip
_NUM = r"(\d{1,2}(?:[.,]\d)?|" + "|".join(_NUMBER_WORDS) + r")"
_YEARS_BEFORE = re.compile(
    _NUM + r"\s*\+?\s*(?:years?|yrs?|ans?)\s+(?:of\s+|in\s+|with\s+|d['’]expérience\s+(?:en\s+)?|"
    r"experience\s+(?:in|with)\s+)?$",
    re.IGNORECASE,
)
_YEARS_INSIDE = re.compile(_NUM + r"\s*\+?\s*(?:years?|yrs?|ans?)\b", re.IGNORECASE)
_YEARS_AFTER = re.compile(r"^\s*(?:[:–—-]|--)\s*" + _NUM + r"\s*\+?\s*(?:years?|yrs?|ans?)\b", re.I)


def number(text: str) -> float | None:
    text = text.casefold().replace(",", ".")
    if text in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[text])
    try:
        return float(text)
    except ValueError:
        return None


YEAR_HINT = re.compile(r"\b(?:years?|yrs?|ans?)\b", re.IGNORECASE)


def years_near(text: str, start: int, end: int) -> float | None:
    """Years written next to a mention: "5 years of Python", "Java (6 years)", "SQL: 5 yrs"."""
    m = _YEARS_BEFORE.search(text[max(0, start - 40) : start])
    if m:
        return number(m.group(1))
    rest = text[end:]
    if rest.lstrip().startswith("("):
        inside = rest.lstrip()[1:].split(")", 1)[0][:60]
        m = _YEARS_INSIDE.search(inside)
        if m:
            return number(m.group(1))
    m = _YEARS_AFTER.match(rest)
    if m:
        return number(m.group(1))
    return None


_YEARS_CELL = re.compile(r"^\s*" + _NUM + r"\s*\+?\s*(?:years?|yrs?|ans?)?\s*$", re.IGNORECASE)


def _row_years(units: list[Unit], k: int) -> float | None:
    """In a table with a Years column, the number in the mention's row."""
    row = units[k].row
    if row is None:
        return None
    for other in units[max(0, k - 12) : k + 12]:
        if other.row == row and other.column and re.search(r"\b(years?|yrs|ans)\b", other.column):
            m = _YEARS_CELL.match(other.text)
            if m:
                return number(m.group(1))
    return None


# --------------------------------------------------------------------------- documents


class Found(NamedTuple):
    """A skill the text names: where (the sentence), how, and how it is asked for."""

    skill: str
    evidence: str
    importance: str  # required | nice-to-have
    how: str  # exact | alias | variant | prose | cue
    text: str  # the words as written
    years: float | None = None
    mentions: int = 1

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "skill": self.skill,
            "importance": self.importance,
            "evidence": self.evidence,
        }
        if self.years is not None:
            out["years"] = self.years
        return out


class Extraction(NamedTuple):
    title: str
    units: list[Unit]
    found: list[Found]
    mentions: list[Mention]


def extract(catalog: Catalog, text: str) -> Extraction:
    """Every taxonomy skill the text names, in order of first mention, each with evidence."""
    index = index_for(catalog)
    seg = segment(clean_text(text))
    mentions: list[Mention] = []
    tokens = [Tokens(unit.text) for unit in seg.units]
    rows: dict[int, set[str]] = {}
    for unit, toks in zip(seg.units, tokens, strict=True):
        if unit.row is not None:
            rows.setdefault(unit.row, set()).update(toks.words())
    for k, (unit, toks) in enumerate(zip(seg.units, tokens, strict=True)):
        context = rows.get(unit.row) if unit.row is not None else None
        hint = YEAR_HINT.search(unit.text) is not None
        for skill, how, first, last in scan_unit(index, toks, context):
            start, end = toks.span(first)[0], toks.span(last)[1]
            years = years_near(toks.text, start, end) if hint else None
            if years is None and unit.row is not None:
                years = _row_years(seg.units, k)
            mentions.append(Mention(skill, how, unit.text[start:end], k, start, years))
        for skill, text in gap_forms(index, toks):
            mentions.append(Mention(skill, "prose", text, k, 0))
    return Extraction(seg.title, seg.units, merge(mentions, seg.units), mentions)


def gap_forms(index: Index, toks: Tokens) -> list[tuple[str, str]]:
    """(skill, words) read by the forms with a gap ("tune ... SQL") in one unit."""
    low = toks.text.casefold()
    out: list[tuple[str, str]] = []
    lower = ""
    for skill, triggers, pattern in _gap_patterns(index):
        if any(t in low for t in triggers):
            if not lower:
                lower = " ".join(t if _is_word(t) or t in "/&+" else "|" for t in toks.norm)
            out.extend((skill, m.group()) for m in pattern.finditer(lower))
    return out


_UNIT_MEMO: dict[tuple[Index, str], tuple[str, ...]] = {}
_UNIT_MEMO_SIZE = 50_000


def skill_names(catalog: Catalog, text: str) -> list[str]:
    """The skills a text names, in order, without evidence: the quick path for listings.
    A unit is read on its own, so a sentence seen before (the boilerplate many listings share)
    gives what it gave then."""
    index = index_for(catalog)
    seg = segment(clean_text(text), importance=False)
    found: dict[str, None] = {}
    memo = _UNIT_MEMO
    for unit in seg.units:
        key = (index, unit.text)
        names = memo.get(key)
        if names is None:
            toks = Tokens(unit.text)
            names = tuple(
                [s for s, _, _, _ in scan_unit(index, toks, names_only=True)]
                + [s for s, _ in gap_forms(index, toks)]
            )
            if len(memo) >= _UNIT_MEMO_SIZE:
                memo.clear()
            memo[key] = names
        for skill in names:
            found[skill] = None
    return list(found)


_Gaps = list[tuple[str, tuple[str, ...], re.Pattern[str]]]
_GAP: dict[int, _Gaps] = {}


def _gap_patterns(index: Index) -> _Gaps:
    """(skill, words one of which the sentence must contain, the pattern over its lower-case
    words) for each form."""
    found = _GAP.get(id(index))
    if found is None:
        found = _GAP[id(index)] = [
            (s, tuple(t.split()), re.compile(p))
            for s, t, p in lx.GAP_FORMS
            if s in index.categories
        ]
    return found


def merge(mentions: list[Mention], units: list[Unit]) -> list[Found]:
    """One entry per skill: required if any mention is, the first such mention as evidence,
    the most years written next to it."""
    out: dict[str, Found] = {}
    for m in mentions:
        unit = units[m.unit]
        importance = unit.importance(m.start)
        have = out.get(m.skill)
        years = m.years
        if have is None:
            out[m.skill] = Found(m.skill, unit.text, importance, m.how, m.text, years)
            continue
        if have.years is not None and (years is None or have.years >= years):
            years = have.years
        if have.importance != "required" and importance == "required":
            have = Found(m.skill, unit.text, importance, m.how, m.text, years, have.mentions)
        out[m.skill] = have._replace(years=years, mentions=have.mentions + 1)
    return list(out.values())
