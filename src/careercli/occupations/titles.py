"""Job title → O*NET occupation and curated role.

A title is cleaned first (gender markers, pay, years, separators), split into segments ("Senior
Data Engineer - London - £75,000" has three), and each segment's words are read in English
(French, German and Spanish words and word order, British spellings and senses, short forms;
data/title_words.yaml). Then every run of consecutive words is looked up exactly among O*NET's
occupation, reported, alternate and short titles (data/onet/titles.json) and the roles' names
and aliases. A match is scored by how much of its segment it covers and whether it includes the
segment's head (the last of its words that end O*NET titles: the noun that says what the job
is); among the occupations one title names, by how typical O*NET says the title is of each
(kind of title, how many sources list it, whether My Next Move shows it); and by the other
words of the title that an occupation's own titles use ("Patient Care Technician - Dialysis";
"QA Engineer - Injection Moulding Plant" is an industrial quality engineer, not a software
tester). A title that is only a generic word ("Engineer") or says nothing about the job
("Remote - $25/hr") matches nothing. Nothing is fuzzy: no edit distance decides. The weights
below were set on the labelled set tests/data/title_eval.tsv (scripts/eval_titles.py); results
hardly move across a wide range of them.

The index of O*NET's titles and the word list are in `titleindex`.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, NamedTuple

from careercli.occupations.titleindex import (
    Lexicon,
    Posting,
    TitleIndex,
    stem,
    title_index,
    vocabulary,
    words,
)

if TYPE_CHECKING:
    from careercli.catalog import Catalog
    from careercli.occupations.data import Onet

THRESHOLD = 0.5  # below this, nothing is close
KIND_LABEL = {
    "title": "occupation title",
    "reported": "reported title",
    "alt": "alternate title",
    "short": "short title",
    "words": "words of its titles",
}

# --------------------------------------------------------------------------- cleaning

# Compiled on first use: looking a title up (show "registered nurse") needs none of them.
_PATTERNS: dict[str, tuple[str, int]] = {
    "gender_paren": (
        r"[(\[]\s*(?:[hfmwdx]|all(?:e)?|div|gn|inter)\s*(?:[/|,*-]\s*(?:[hfmwdx]|div|gn))+"
        r"\s*[)\]]",
        re.I,
    ),
    "gender_bare": (r"(?<![\w/])[hfmwd]\s*/\s*[hfmwd](?:\s*/\s*[hfmwdx])?(?![\w/])", re.I),
    # Infirmier(ère), diplômé(e), Chargé(e), Aide-soignant(e): the bracket is glued to the word.
    "attached": (r"(?<=[^\W\d_])\((?:e|ne|es|ère|ere|euse|rice|trice|a|o|in|innen|s)\)", re.I),
    # Enfermero/a, Kellner/in, Pflegefachfrau/-mann: a short lower-case ending or "-ending".
    "slash_ending": (r"(?<=[^\W\d_])/(?:-\w+|(?:a|o|as|os|e|in|innen|ne|es|ice)\b)", 0),
    "slash_words": (r"\b([^\W\d_]{3,})/([^\W\d_]{3,})\b", 0),
    "money": (
        r"(?:[$£€¥]|\b(?:usd|eur|gbp|cad|aud|chf)\s?)\s?\d[\d,.]*\s?[kKmM]?"
        r"(?:\s?(?:-|–|to)\s?(?:[$£€]\s?)?\d[\d,.]*\s?[kKmM]?)?"
        r"(?:\s?(?:/|per|an|a)\s?(?:hr|hour|h|wk|week|mile|yr|year|annum|day|month|mo)\b)?"
        r"(?:\s?(?:usd|eur|gbp|cad|aud)\b)?",
        re.I,
    ),
    "per": (r"\b\d[\d,.]*\s?[kK]?\s?(?:/|per\s)\s?(?:hr|hour|wk|week|day|mile|yr|year)\b", re.I),
    "years": (r"\b(?:19|20)\d\d(?:\s?[-/–]\s?(?:19|20)?\d\d)?\b", 0),
    "onsite": (r"\bon[\s-]site\b", re.I),
    # requisition ids, zip codes, "911": never a job
    "long_number": (r"\b\d{3,}\b", 0),
    "separator": (r"\s[-–—|•·]\s|[|,;:()\[\]{}!?]|\s[–—]|[–—]\s|\s@\s|\s\+\s", 0),
    # "Cleaner / Housekeeper": two names for one job, read side by side.
    "alternatives": (r"\s/\s", 0),
}


@functools.cache
def _rx(name: str) -> re.Pattern[str]:
    pattern, flags = _PATTERNS[name]
    return re.compile(pattern, flags)


def _gender_pair(m: re.Match[str]) -> str:
    a, b = m.group(1), m.group(2)
    # Développeur/Développeuse, Host/Hostess: the second is a form of the first.
    n = 0
    for x, y in zip(a.casefold(), b.casefold(), strict=False):
        if x != y:
            break
        n += 1
    return a if n >= 4 or (n >= 3 and n >= min(len(a), len(b)) - 2) else m.group(0)


def clean(title: str) -> str:
    """The title without gender markers, pay and years; separators kept."""
    text = title if title.isascii() else unicodedata.normalize("NFKC", title)
    if "/" in text:
        text = _rx("gender_paren").sub(" ", text)
        text = _rx("gender_bare").sub(" ", text)
        text = _rx("slash_ending").sub("", text)
        text = _rx("slash_words").sub(_gender_pair, text)
    if "(" in text:
        text = _rx("attached").sub("", text)
    if any(ch.isdigit() for ch in text):
        text = _rx("money").sub(" | ", text)
        text = _rx("per").sub(" | ", text)
        text = _rx("years").sub(" ", text)
        text = _rx("long_number").sub(" ", text)
    elif any(ch in text for ch in "$£€¥"):
        text = _rx("money").sub(" | ", text)
    if "site" in text or "Site" in text or "SITE" in text:
        text = _rx("onsite").sub("onsite", text)
    return text


class Segment(NamedTuple):
    group: int  # the part of the title between separators it comes from
    part: int  # the name it is, when the part gives several ("Cleaner / Housekeeper")
    order: int  # its place among the readings of that part (earlier is preferred on ties)
    option: int  # which name of "A/B" it reads (-1: "A B"; 0: a part without a slash)
    words: list[str]  # English, short forms written out, singular
    noise: list[bool]
    named: list[bool]  # noise when the title names nothing else (small words, numbers)


def segments(title: str, lex: Lexicon) -> list[Segment]:
    out: list[Segment] = []
    text = clean(title)
    parts = [p for p in _rx("separator").split(text) if p and p.strip()]
    n_part = 0
    for group, part in enumerate(parts):
        order = 0
        for alternative in _rx("alternatives").split(part):
            for option, piece in _slash_readings(alternative):
                for found in english(words(piece), lex):
                    out.append(Segment(group, n_part, order, option, *found))
                    order += 1
            n_part += 1
    if (
        len(parts) > 1
        and text.lstrip().startswith(parts[0])
        and text.lstrip()[len(parts[0]) :].lstrip().startswith(",")
    ):
        # "Research Scientist, Machine Learning": the part after a comma may finish the name.
        joined = [w for part in parts[:2] for w in words(part)]
        order = sum(1 for seg in out if seg.group == 0)
        out += [Segment(0, 0, order + n, 0, *r) for n, r in enumerate(english(joined, lex))]
    if out and all(all(seg.noise) for seg in out):
        # Seniority, schedule and place words name the job when nothing else does
        # ("Principal", "Intern"): read them as content.
        out = [seg._replace(noise=seg.named) for seg in out]
    return out


def _slash_readings(part: str) -> list[tuple[int, str]]:
    """ "AI/ML Engineer" as itself (option -1), then "AI Engineer" (1), then "ML Engineer" (2);
    a part without a slash is option 0."""
    chunks = part.split()
    at = next((n for n, c in enumerate(chunks) if "/" in c.strip("/")), None)
    if at is None:
        return [(0, part)]
    options = [o for o in chunks[at].split("/") if o]
    joined = [*chunks[:at], " ".join(options), *chunks[at + 1 :]]
    out = [(-1, " ".join(joined))]
    out += [(n, " ".join([*chunks[:at], o, *chunks[at + 1 :]])) for n, o in enumerate(options, 1)]
    return out


def english(raw: list[str], lex: Lexicon) -> list[tuple[list[str], list[bool], list[bool]]]:
    """A segment's readings in English: words in English order, short forms written out,
    singular, with which of them are noise. "X of Y" and "X in Y" are also read as "Y X"."""
    if not raw:
        return []
    key = tuple(raw)
    found = lex.memo.get(key)
    if found is None:
        found = _english(raw, lex)
        if len(lex.memo) < 100_000:
            lex.memo[key] = found
    return found


def _english(raw: list[str], lex: Lexicon) -> list[tuple[list[str], list[bool], list[bool]]]:
    units: list[list[str]] = []
    head_first: list[str] | None = None
    i = 0
    while i < len(raw):
        longest = min(lex.max_phrase, len(raw) - i) if raw[i] in lex.phrase_starts else 0
        for n in range(longest, 0, -1):
            found = lex.phrases.get(tuple(raw[i : i + n]))
            if found is not None:
                units.append(found)
                i += n
                break
        else:
            w = raw[i]
            if i == 0 and w in lex.head_first and len(raw) > 1:
                head_first = lex.head_first[w]
            elif w in lex.words:
                units.append(lex.words[w])
            elif w in lex.head_first:
                units.append(lex.head_first[w])
            else:
                units.append(lex.compound(w) or [w])
            i += 1
    if head_first is not None:
        # "Ingeniero de datos": the head comes first; the rest modifies it, innermost last.
        kept = [u for u in units if not (len(u) == 1 and lex.noise.get(u[0]) == "filler")]
        noise = [u for u in kept if len(u) == 1 and u[0] in lex.noise]
        content = [u for u in kept if not (len(u) == 1 and u[0] in lex.noise)]
        units = [*noise, *reversed(content), head_first]
    found = lex.canonical([w for u in units for w in u])
    readings = [found]
    for n, w in enumerate(found):
        if w in ("of", "in") and 0 < n < len(found) - 1:
            before, after = found[:n], found[n + 1 :]
            if len(before) == 1 and before[0] in lex.of_heads:
                before = lex.of_heads[before[0]]
            readings.append([*after, *before])
            break
    return [r for r in (_read(r, lex) for r in readings) if r is not None]


def _read(found: list[str], lex: Lexicon) -> tuple[list[str], list[bool], list[bool]] | None:
    if not found:
        return None
    noise, named = [], []
    complement = False
    for n, w in enumerate(found):
        kind = lex.noise.get(w)
        # "Executive Assistant to the CEO", "Companion for Seniors": what follows is who the
        # job serves, not what it is.
        if w in ("to", "for") and n > 0:
            complement = True
        always = complement or kind in ("filler", "numeral") or w.isdigit()
        noise.append(always or kind is not None)
        named.append(always)
    if all(named):
        return None
    return [stem(w) for w in found], noise, named


# --------------------------------------------------------------------------- mapping


@dataclass
class TitleMatch:
    kind: str  # role | occupation
    id: str  # role id or O*NET-SOC code
    soc: str | None  # 6-digit SOC
    name: str
    score: float  # 0-100
    via_kind: str  # role alias, role name, occupation title, reported title, ...
    via_text: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "id": self.id,
            "soc": self.soc,
            "name": self.name,
            "score": self.score,
            "via": {"kind": self.via_kind, "text": self.via_text},
        }


@dataclass
class TitleMapping:
    """What one title means: its matches, best first, and the listing fields they give."""

    title: str
    matches: list[TitleMatch]
    role: str | None = None
    role_score: float | None = None
    occupation: str | None = None  # O*NET-SOC code
    soc: str | None = None  # 6-digit SOC

    def to_dict(self) -> dict[str, Any]:
        return {"title": self.title, "matches": [m.to_dict() for m in self.matches]}


def _signature(segs: list[Segment]) -> tuple[Any, ...]:
    """What a title's mapping depends on: its segments that say something, numbered in order."""
    groups: dict[int, int] = {}
    parts: dict[int, int] = {}
    out = []
    for seg in segs:
        if all(seg.noise):
            continue
        g = groups.setdefault(seg.group, len(groups))
        p = parts.setdefault(seg.part, len(parts))
        out.append((g, p, seg.order, seg.option, tuple(seg.words), tuple(seg.noise)))
    return tuple(out)


class _Run(NamedTuple):
    key: str
    covered: frozenset[str]
    cov: float  # share of the reading's meaningful words it covers
    head: bool  # it includes the reading's head word
    length: int
    onet: bool  # an O*NET title
    role: str | None  # a role's name or alias, of this role


class _Hit(NamedTuple):
    quality: float
    group_rank: int
    key: str
    covered: frozenset[str]
    source: tuple[int, int] = (0, 0)  # (part, option): what names the occupation


# How the evidence adds up (see TitleMapper._scores).
PRIOR = 0.25  # how much O*NET's weight of a title decides among the occupations it names
SUPPORT = 0.05  # per other segment of the title naming the same occupation
CONTEXT_OTHER = 0.2  # the other segments' words an occupation's titles use
CONTEXT_SAME = 0.1  # the same segment's words a shorter title left out
CONTEXT_SAME_CAP = 0.2  # at most this much, times the share of the segment left out
CONTEXT_PRIOR = 2.0  # rarity a context must exceed to count in full
OFF_FAMILY = 0.85  # when the rest of the title fits another family of occupations, not this
OFF_FAMILY_EVIDENCE = 6.0  # how much the rest must say (summed rarity) to count
SHORT_AFTER = 0.6  # a lone short form in a later part of the title
ROLE_ORDER_MARGIN = 0.1  # a role's own order of codes wins over smaller score differences


class TitleMapper:
    """Maps titles with one catalog's roles and the bundled O*NET titles; remembers titles."""

    def __init__(self, catalog: Catalog, onet: Onet | None = None, index: TitleIndex | None = None):
        from careercli.occupations.data import onet as bundled_onet

        self.catalog = catalog
        self.onet = onet or bundled_onet()
        self.index = index or title_index()
        self.lex = self.index.lexicon
        self.role_keys: dict[str, tuple[str, str]] = {}
        for alias, role_id in catalog.role_lookup.items():
            key = self.lex.key(alias)
            if key:
                self.role_keys.setdefault(key, (role_id, alias))
        self.heads = self.index.heads | {k.rsplit(" ", 1)[-1] for k in self.role_keys}
        role_span = max((len(k.split()) for k in self.role_keys), default=1)
        self.max_span = max(self.index.max_key, role_span)
        self._memo: dict[str, TitleMapping] = {}
        self._idf: dict[str, float] = {}
        self._family: dict[str, set[str]] = {}
        self._codes: dict[str, dict[str, int]] = {}
        self._role_codes: dict[str, list[str]] = {}
        self._by_reading: dict[tuple[Any, ...], TitleMapping] = {}
        self._run_memo: dict[tuple[tuple[str, ...], tuple[bool, ...]], list[_Run]] = {}

    # ----------------------------------------------------------------------- public

    def map(self, title: str, limit: int = 5) -> TitleMapping:
        """What a title means: matches best first (at most `limit`), and the role, occupation
        and SOC a listing with this title carries."""
        memo = self._memo.get(title)
        if memo is None:
            memo = self._map(title)
            if len(self._memo) < 50_000:
                self._memo[title] = memo
        if len(memo.matches) > limit:
            return TitleMapping(
                memo.title, memo.matches[:limit], memo.role, memo.role_score, memo.occupation,
                memo.soc,
            )  # fmt: skip
        return memo

    # ----------------------------------------------------------------------- matching

    def _idf_of(self, word: str) -> float:
        value = self._idf.get(word)
        if value is None:
            df = len(self._codes_of(word))
            value = math.log((1 + self.index.occupations) / (1 + df)) if df else 0.0
            self._idf[word] = value
        return value

    def _runs(self, seq: tuple[str, ...], noise: tuple[bool, ...]) -> list[_Run]:
        """The runs of words of one reading that are titles (remembered per reading)."""
        found = self._run_memo.get((seq, noise))
        if found is not None:
            return found
        found = []
        content = [i for i, n in enumerate(noise) if not n]
        heads = [i for i in content if seq[i] in self.heads]
        head = heads[-1] if heads else content[-1]
        for i in range(len(seq)):
            for j in range(min(len(seq), i + self.max_span), i, -1):
                covered = [seq[k] for k in range(i, j) if not noise[k]]
                if not covered:
                    continue
                key = " ".join(seq[i:j])
                in_onet = bool(self.index.get(key))
                role = self.role_keys.get(key)
                if in_onet or role is not None:
                    cov = len(covered) / len(content)
                    found.append(
                        _Run(key, frozenset(covered), cov, i <= head < j, j - i, in_onet,
                             role[0] if role else None)
                    )  # fmt: skip
        if len(self._run_memo) < 100_000:
            self._run_memo[(seq, noise)] = found
        return found

    def _hits(self, segs: list[Segment]) -> tuple[list[_Hit], list[tuple[_Hit, str]]]:
        """Every run of words of every reading found among O*NET's titles or the roles'."""
        groups: list[int] = []
        for seg in segs:
            if not all(seg.noise) and seg.group not in groups:
                groups.append(seg.group)
        onet_hits: list[_Hit] = []
        role_hits: list[tuple[_Hit, str]] = []
        for seg in segs:
            if all(seg.noise):
                continue
            rank = groups.index(seg.group)
            factor = (0.9 if rank else 1.0) * (1.0 - 0.01 * seg.order)
            for run in self._runs(tuple(seg.words), tuple(seg.noise)):
                quality = (0.55 + 0.45 * run.cov) if run.head else 0.35 * run.cov
                # a longer run wins a tie: "Night Auditor" over "Auditor"
                quality = quality * factor + 0.002 * run.length
                if run.key in self.lex.generic:
                    quality *= 0.45
                elif rank and len(run.covered) == 1 and len(run.key) <= 5:
                    # a short form after the title, "(FSA)", "(CCNP)": more often a
                    # certificate than another name of the job
                    quality *= SHORT_AFTER
                hit = _Hit(quality, rank, run.key, run.covered, (seg.part, seg.option))
                if run.onet:
                    onet_hits.append(hit)
                if run.role is not None and run.cov == 1.0:
                    role_hits.append((hit, run.role))
        return onet_hits, role_hits

    def _word_hits(self, segs: list[Segment]) -> list[tuple[_Hit, list[Posting]]]:
        """Occupations with a title that uses every word of a segment no title spells out, and
        ends with its head ("CT Technologist": Computed Tomography Radiologic Technologist (CT
        RT))."""
        groups: list[int] = []
        out: list[tuple[_Hit, list[Posting]]] = []
        for seg in segs:
            if not all(seg.noise) and seg.group not in groups:
                groups.append(seg.group)
            if seg.order:
                continue
            content = [w for w, n in zip(seg.words, seg.noise, strict=True) if not n]
            head = content[-1] if content else ""
            if (
                len(content) < 2
                or head not in self.heads
                or any(w in self.lex.noise for w in content)
            ):
                continue
            joined = " ".join(content)
            if self.index.get(joined) or joined in self.role_keys:
                continue
            found: dict[str, int] | None = None
            for w in content:
                tf = self._codes_of(w)
                found = tf if found is None else {c: n + tf[c] for c, n in found.items() if c in tf}
                if not found:
                    break
            if not found or len(found) > 12:
                continue
            wanted = set(content)
            postings = []
            for code, n in found.items():
                titles = [k for k in self.index.keys_of(code) if k.endswith(" " + head)]
                if any(wanted <= set(k.split()) for k in titles):
                    postings.append(Posting(code, float(n), "words", joined))
            if postings:
                rank = groups.index(seg.group)
                quality = 0.8 * (0.9 if rank else 1.0)
                hit = _Hit(quality, rank, joined, frozenset(content), (seg.part, seg.option))
                out.append((hit, postings))
        return out

    def _scores(
        self, segs: list[Segment], onet_hits: list[_Hit]
    ) -> tuple[dict[str, float], dict[str, Posting], float]:
        """Each occupation's score, the title that earned it, and the best score before the
        rest of the title counted. A title naming several occupations favours the one O*NET
        says it is most typical of; the other segments of the title ("- Dialysis", "- Lycée")
        favour occupations whose own titles use their words, and so, a little, do the words
        of the same segment a shorter title left out."""
        groups: list[int] = []
        for seg in segs:
            if not all(seg.noise) and seg.group not in groups:
                groups.append(seg.group)
        words_in: dict[int, set[str]] = defaultdict(set)
        for seg in segs:
            if seg.group in groups:
                rank = groups.index(seg.group)
                content = [w for w, n in zip(seg.words, seg.noise, strict=True) if not n]
                words_in[rank] |= vocabulary(content)
        for rank, said in words_in.items():
            # words no occupation's title uses (a city, a stack) say nothing of any
            words_in[rank] = {w for w in said - self.lex.generic if self._idf_of(w) > 0}
        scores: dict[str, float] = {}
        via: dict[str, Posting] = {}
        best_hit: dict[str, _Hit] = {}
        support: dict[str, set[tuple[int, int]]] = defaultdict(set)
        sources = len({h.source for h in onet_hits if h.quality >= THRESHOLD})
        rests: dict[_Hit, tuple[set[str], set[str], float]] = {}
        pairs = [(hit, self.index.get(hit.key)) for hit in onet_hits]
        for hit, postings in [*pairs, *self._word_hits(segs)]:
            if hit not in rests:
                covered = vocabulary(hit.key.split())
                same = words_in[hit.group_rank] - covered - hit.covered
                other = set().union(*(w for r, w in words_in.items() if r != hit.group_rank))
                singles = {w for w in words_in[hit.group_rank] if " " not in w}
                missing = len(singles - hit.covered) / len(singles) if singles else 0.0
                rests[hit] = (same, other - covered, missing)
            same, other, missing = rests[hit]
            # The most the rest of the title could add: a hit that cannot reach the threshold
            # even so (a generic word, a short form) is not worth scoring.
            most = SUPPORT * max(0, sources - 1) + (CONTEXT_OTHER if other else 0.0)
            most += CONTEXT_SAME_CAP * missing if same else 0.0
            if hit.quality + most < THRESHOLD:
                continue
            top = max(p.weight for p in postings)
            for p in postings:
                score = hit.quality * (1 - PRIOR + PRIOR * p.weight / top)
                if hit.quality >= THRESHOLD and hit.source[1] >= 0:
                    support[p.code].add(hit.source)
                if score > scores.get(p.code, 0.0):
                    scores[p.code] = score
                    via[p.code] = p
                    best_hit[p.code] = hit
        best_base = max(scores.values(), default=0.0)
        tables: dict[int, tuple[float, list[tuple[float, dict[str, int]]]]] = {}
        for code in scores:
            same, other, missing = rests[best_hit[code]]
            bonus = SUPPORT * (len(support[code]) - 1)
            if other:
                bonus += CONTEXT_OTHER * self._context(code, other, tables)
            if same and missing:
                told = CONTEXT_SAME * self._context(code, same, tables)
                bonus += min(told, CONTEXT_SAME_CAP * missing)
            scores[code] += bonus
        self._off_family(scores, best_hit, words_in)
        return scores, via, best_base

    def _families(self, word: str) -> set[str]:
        found = self._family.get(word)
        if found is None:
            found = self._family[word] = {c[:2] for c in self._codes_of(word)}
        return found

    def _off_family(
        self, scores: dict[str, float], best_hit: dict[str, _Hit], words_in: dict[int, set[str]]
    ) -> None:
        """A title whose other words fit one family of occupations and say nothing of another
        ("QA Engineer - Injection Moulding Plant": production, not software) counts less for
        the occupations of the family they say nothing of. "Other words" are those the best
        match leaves out, and they must say enough (rare words, or several)."""
        if not scores:
            return
        top = best_hit[max(scores, key=lambda c: scores[c])]
        # Short forms (FSA, ASA, CCNP) name certificates as often as jobs: too ambiguous here.
        said = {
            w for found in words_in.values() for w in found if len(w) > 4 and self._idf_of(w) > 0
        }
        rest = said - vocabulary(top.key.split()) - top.covered
        if sum(self._idf_of(w) for w in rest) < OFF_FAMILY_EVIDENCE:
            return
        families = set().union(*(self._families(w) for w in rest))
        fits = {code: code[:2] in families for code in scores}
        if not any(fits[c] for c in scores if scores[c] >= THRESHOLD):
            return
        for code in scores:
            if not fits[code]:
                scores[code] *= OFF_FAMILY

    def _context(
        self,
        code: str,
        found: set[str],
        tables: dict[int, tuple[float, list[tuple[float, dict[str, int]]]]],
    ) -> float:
        """The share (0-1) of what these words say, by rarity, that the occupation's own titles
        also say; a word no title uses says nothing. `tables` keeps each set's rarities."""
        table = tables.get(id(found))
        if table is None:
            items = [(self._idf_of(w), self._codes_of(w)) for w in found]
            table = tables[id(found)] = (sum(i for i, _ in items) + CONTEXT_PRIOR, items)
        total, items = table
        return sum(i for i, codes in items if code in codes) / total

    def _codes_of(self, word: str) -> dict[str, int]:
        """The occupations whose titles use a word (or pair of words), with how many do."""
        found = self._codes.get(word)
        if found is None:
            found = self._codes[word] = dict(self.index.vocab(word))
        return found

    def _map(self, title: str) -> TitleMapping:
        segs = segments(title, self.lex)
        # Titles that differ only in what says nothing (pay, "(H/F)", "- Remote") read alike.
        sign = _signature(segs)
        same = self._by_reading.get(sign)
        if same is not None:
            return replace(same, title=title, matches=list(same.matches))
        result = self._map_segments(title, segs)
        if len(self._by_reading) < 50_000:
            self._by_reading[sign] = result
        return result

    def _map_segments(self, title: str, segs: list[Segment]) -> TitleMapping:
        onet_hits, role_hits = self._hits(segs)
        scores, via, best_occ = self._scores(segs, onet_hits)
        index = self.onet.index
        ranked = sorted((c for c in scores if c in index), key=lambda c: (-scores[c], c))
        best_role: tuple[_Hit, str] | None = None
        for hit, role_id in role_hits:
            if best_role is None or hit.quality > best_role[0].quality:
                best_role = (hit, role_id)
        result = TitleMapping(title, [])
        if best_role is not None:
            hit, role_id = best_role
            quality = min(hit.quality, 1.0)
            if quality >= THRESHOLD and quality >= best_occ - 0.05:
                alias = self.role_keys[hit.key][1]
                code = self._role_code(role_id, scores)
                name = self.catalog.role_name(role_id)
                how = "role name" if self.lex.key(alias) == self.lex.key(name) else "role alias"
                score = round(100 * quality, 1)
                soc = code[:7] if code else None
                result.matches.append(TitleMatch("role", role_id, soc, name, score, how, alias))
                result.role, result.role_score = role_id, score
                result.occupation, result.soc = code, soc
        for code in ranked:
            if scores[code] < THRESHOLD:
                break
            p, occ = via[code], index[code]
            score = round(min(100.0, 100 * scores[code]), 1)
            label = KIND_LABEL[p.kind]
            result.matches.append(
                TitleMatch("occupation", code, occ.soc, occ.title, score, label, p.text)
            )
        if result.occupation is None and result.matches:
            result.occupation, result.soc = result.matches[0].id, result.matches[0].soc
        return result

    def role_code(self, role_id: str) -> str | None:
        """The O*NET occupation a role stands for when no title says more."""
        return role_occupation(self.catalog, self.onet, role_id)

    def _role_code(self, role_id: str, scores: dict[str, float]) -> str | None:
        return role_occupation(self.catalog, self.onet, role_id, scores, self._role_codes)


def role_occupation(
    catalog: Catalog,
    onet: Onet,
    role_id: str,
    scores: dict[str, float] | None = None,
    memo: dict[str, list[str]] | None = None,
) -> str | None:
    """The O*NET occupation a role stands for: of the role's own codes, the one a title names
    (`scores`; the first in the role's order among those close to the best); else an
    occupation the title names outright; else the role's first SOC, its wage proxy (O*NET is
    silent)."""
    scores = scores or {}
    role = catalog.role(role_id)
    index = onet.index
    own = memo.get(role_id) if memo is not None else None
    if own is None:
        own = [c for c in role.onet if c in index]
        for soc in role.soc:
            own += [c for c in index if c.startswith(soc) and c not in own]
        if memo is not None:
            memo[role_id] = own
    named = [c for c in own if scores.get(c, 0.0) >= THRESHOLD]
    if named:
        best = max(scores[c] for c in named)
        return next(c for c in named if scores[c] >= best - ROLE_ORDER_MARGIN)
    strong = [c for c, s in scores.items() if s >= 0.95 and c in index]
    if len(strong) == 1:
        return strong[0]
    return onet.role_code(role)
