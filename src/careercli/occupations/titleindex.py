"""O*NET's titles as an index for exact lookups, and the words of titles.

Every occupation, reported, alternate and short title of data/onet/titles.json is folded (case,
accents), its short forms written out and its words made singular, then indexed by that key with
how typical O*NET says it is of each occupation it names. The index, with the word list
data/title_words.yaml read into a Lexicon, is built once and cached in the user cache directory
(like the compiled catalog), in sections read one at a time: an exact lookup reads one of 64
shards, and looking up one title (`show "registered nurse"`) reads nothing else.
"""

from __future__ import annotations

import contextlib
import gc
import json
import marshal
import os
import re
import unicodedata
import zlib
from collections import defaultdict
from collections.abc import Iterable
from itertools import pairwise
from pathlib import Path
from typing import Any

from careercli.paths import bundled_data_dir, cache_dir, write_atomic

CACHE_FORMAT = 2
SHARDS = 64
KIND_WEIGHT = {"title": 6, "reported": 3, "alt": 1, "short": 1}

# --------------------------------------------------------------------------- words

_APOSTROPHE = re.compile(r"['’`´]")
_WORD = re.compile(r"[a-z0-9]+[+#]*")


def fold(text: str) -> str:
    """Lower case, accents and compatibility forms removed: 'Développeur' → 'developpeur'."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
        text = text.replace("ß", "ss")
    text = text.casefold()
    text = text.replace("&", " and ").replace(".net", " dotnet ")
    return _APOSTROPHE.sub("", text)


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def stem(word: str) -> str:
    """An English plural as its singular, the same way for titles and queries."""
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def fold_words(text: str) -> list[str]:
    """The words of a text as titles are compared: folded and singular."""
    return [stem(w) for w in words(text)]


# --------------------------------------------------------------------------- the word list


class Lexicon:
    """data/title_words.yaml, folded: what each word of a title means in English. (A plain
    class: this module is imported to look one title up, and a dataclass costs start-up.)"""

    _TABLES = ("abbreviations", "words", "head_first", "compound_heads", "compound_starts",
               "of_heads")  # fmt: skip

    def __init__(self, plain: dict[str, Any] | None = None):
        plain = plain or {}
        self.noise: dict[str, str] = plain.get("noise", {})  # word -> category
        self.generic: set[str] = set(plain.get("generic", ()))  # keys (folded, stemmed)
        self.abbreviations: dict[str, list[str]] = plain.get("abbreviations", {})
        self.words: dict[str, list[str]] = plain.get("words", {})
        self.head_first: dict[str, list[str]] = plain.get("head_first", {})
        self.compound_heads: dict[str, list[str]] = plain.get("compound_heads", {})
        self.compound_starts: dict[str, list[str]] = plain.get("compound_starts", {})
        self.of_heads: dict[str, list[str]] = plain.get("of_heads", {})
        self.phrases: dict[tuple[str, ...], list[str]] = {
            tuple(k): v for k, v in plain.get("phrases", ())
        }
        self.memo: dict[tuple[str, ...], Any] = {}  # readings of word runs (titles.english)
        self._index_phrases()

    def _index_phrases(self) -> None:
        self.max_phrase = max((len(k) for k in self.phrases), default=1)
        self.phrase_starts = {k[0] for k in self.phrases if k}

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> Lexicon:
        lex = cls()
        for category, entries in (doc.get("noise") or {}).items():
            for w in entries:
                for part in words(str(w)):
                    lex.noise.setdefault(part, category)

        def table(name: str) -> dict[str, list[str]]:
            return {fold(str(k)).strip(): words(str(v)) for k, v in (doc.get(name) or {}).items()}

        lex.abbreviations = table("abbreviations")
        lex.words = {**table("words"), **table("spelling")}
        lex.head_first = table("head_first")
        lex.compound_heads = table("compound_heads")
        lex.compound_starts = table("compound_starts")
        lex.of_heads = table("of_heads")
        lex.generic = {lex.key(str(g)) for g in doc.get("generic") or ()}
        for name in ("senses", "phrases"):
            for k, v in (doc.get(name) or {}).items():
                lex.phrases[tuple(words(str(k)))] = words(str(v))
        lex._index_phrases()
        return lex

    def to_plain(self) -> dict[str, Any]:
        return {
            "noise": self.noise,
            "generic": sorted(self.generic),
            "phrases": [[list(k), v] for k, v in self.phrases.items()],
            **{name: getattr(self, name) for name in self._TABLES},
        }

    @classmethod
    def from_plain(cls, plain: dict[str, Any]) -> Lexicon:
        return cls(plain)

    def canonical(self, found: list[str]) -> list[str]:
        """Short forms written out, the same for O*NET's titles and for queries."""
        return [x for w in found for x in self.abbreviations.get(w, [w])]

    def key(self, text: str) -> str:
        return " ".join(stem(w) for w in self.canonical(words(text)))

    def compound(self, word: str) -> list[str] | None:
        """A German compound read from its known beginning and ending (Grundschul|lehrer)."""
        if len(word) < 7:
            return None
        for cut in range(len(word) - 3, 2, -1):
            head = self.compound_heads.get(word[cut:])
            if head is None:
                continue
            start = word[:cut]
            for form in (start, start.rstrip("s"), start.removesuffix("en")):
                found = self.compound_starts.get(form) or self.words.get(form)
                if found is not None:
                    return [*found, *head]
        return None


# --------------------------------------------------------------------------- the index


class Posting:
    """One occupation a title names: how typical O*NET says the title is of it (weight), the
    kind of title and the title as O*NET writes it. (Not a NamedTuple: those cost start-up.)"""

    __slots__ = ("code", "kind", "text", "weight")

    def __init__(self, code: str, weight: float, kind: str, text: str):
        self.code, self.weight, self.kind, self.text = code, weight, kind, text

    def __repr__(self) -> str:
        return f"Posting({self.code!r}, {self.weight!r}, {self.kind!r}, {self.text!r})"


def _title_variants(title: str, kind: str) -> list[tuple[str, str]]:
    """The forms of one O*NET title to index, each with the kind it counts as."""
    out = [(title, kind)]
    m = re.match(r"^(.*?)\s*\(([^()]*)\)\s*$", title)
    if m and m.group(1):
        out.append((m.group(1), kind))
        inner = m.group(2).strip()
        if " " not in inner and len(inner) <= 8 and any(c.isupper() for c in inner):
            out.append((inner, "short"))  # Registered Nurse (RN) → RN
        elif inner:
            out.append((inner, kind))  # HVAC Tech (Heating, ... Technician)
    if kind == "title":
        base = re.split(r",\s*except\b", title, flags=re.I)[0]
        if base != title:
            out.append((base, kind))  # Kindergarten Teachers, Except Special Education
        parts = [p.strip() for p in base.split(",")]
        if len(parts) == 2 and " and " not in base:
            out.append((f"{parts[1]} {parts[0]}", kind))  # Cooks, Restaurant
            out.append((parts[0], "part"))  # Substitute Teachers, Short-Term
        halves = base.split(" and ")
        if "," not in base and len(halves) == 2 and all(h.endswith("s") for h in halves):
            out += [(h, kind) for h in halves]  # Chefs and Head Cooks
    return out


def build_index(rows: Iterable[list[Any]], lex_doc: dict[str, Any]) -> dict[str, bytes]:
    """The index as marshalled sections: postings per key in shards (shard00...), the word list
    (lexicon), the occupations using each word (vocab00...) and each occupation's keys
    (keys00...), sharded the same way, and a few counts (about)."""
    lex = Lexicon.from_doc(lex_doc)
    postings: dict[str, dict[str, tuple[float, str, str]]] = defaultdict(dict)
    vocab: dict[str, dict[str, int]] = defaultdict(dict)
    for title, code, kind, sources, shown in rows:
        weight = KIND_WEIGHT[kind] + int(sources) + 2 * int(shown)
        for text, as_kind in _title_variants(title, kind):
            key = lex.key(text)
            if not key:
                continue
            if as_kind == "part":  # the head of an occupation's own title: as a reported title
                w, as_kind = KIND_WEIGHT["reported"], kind
            else:
                w = weight if as_kind == kind else KIND_WEIGHT[as_kind] + int(sources)
            old = postings[key].get(code)
            if old is None or w > old[0]:
                postings[key][code] = (w, as_kind, title)
        for word in vocabulary(lex.key(title).split()):
            vocab[word][code] = vocab[word].get(code, 0) + 1
    shards: list[dict[str, list[tuple[str, float, str, str]]]] = [{} for _ in range(SHARDS)]
    for key, found in postings.items():
        shards[_shard(key)][key] = [(c, w, k, t) for c, (w, k, t) in sorted(found.items())]
    codes = {c for found in vocab.values() for c in found}
    keys_of: dict[str, list[str]] = defaultdict(list)
    for key, found in postings.items():
        for code in found:
            keys_of[code].append(key)
    sections = {f"shard{n:02d}": marshal.dumps(shard) for n, shard in enumerate(shards)}
    sections["lexicon"] = marshal.dumps(lex.to_plain())
    sections["about"] = marshal.dumps(
        {
            "occupations": len(codes),
            "max_key": max((len(k.split()) for k in postings), default=1),
            "heads": _head_words(postings),
        }
    )
    words_by: list[dict[str, Any]] = [{} for _ in range(SHARDS)]
    for word, users in vocab.items():
        words_by[_shard(word)][word] = sorted(users.items())
    keys_by: list[dict[str, Any]] = [{} for _ in range(SHARDS)]
    for code, keys in keys_of.items():
        keys_by[_shard(code)][code] = keys
    for n in range(SHARDS):
        sections[f"vocab{n:02d}"] = marshal.dumps(words_by[n])
        sections[f"keys{n:02d}"] = marshal.dumps(keys_by[n])
    return sections


def vocabulary(found: list[str]) -> set[str]:
    """The words of a title and its pairs of neighbouring words ("high school")."""
    return {*found, *(f"{a} {b}" for a, b in pairwise(found))}


def _head_words(keys: Iterable[str]) -> list[str]:
    """Words that end titles far more often than they start or fill them (technician,
    nurse, analyst), and titles of one word (RN, EMT, barista)."""
    last: dict[str, int] = defaultdict(int)
    seen: dict[str, int] = defaultdict(int)
    single = set()
    for key in keys:
        parts = key.split()
        if len(parts) == 1:
            single.add(parts[0])
        last[parts[-1]] += 1
        for w in set(parts):
            seen[w] += 1
    return sorted(single | {w for w, n in last.items() if n >= 2 and n >= 0.5 * seen[w]})


def _shard(key: str) -> int:
    return zlib.crc32(key.encode()) % SHARDS


def _identity(files: list[Path]) -> list[Any]:
    key: list[Any] = [CACHE_FORMAT]
    with contextlib.suppress(OSError):
        key.append(os.stat(__file__).st_mtime_ns)
    for path in files:
        try:
            st = os.stat(path)
            key.append((str(path), st.st_size, st.st_mtime_ns))
        except OSError:
            key.append((str(path), -1, -1))
    return key


_MAGIC = b"careercli-titles\n"


def _write_sections(path: Path, key: list[Any], sections: dict[str, bytes]) -> None:
    """One file: a magic line, the header's length, the header (the cache key and where each
    section lies), then the sections, so a reader can read one section alone."""
    offsets: dict[str, tuple[int, int]] = {}
    at = 0
    for name, data in sections.items():
        offsets[name] = (at, len(data))
        at += len(data)
    header = marshal.dumps({"key": key, "sections": offsets})
    body = b"".join(sections.values())
    write_atomic(path, _MAGIC + len(header).to_bytes(8, "little") + header + body, durable=False)


class _Sections:
    """The sections of a cache file, read one at a time (or given in memory)."""

    def __init__(self, path: Path | None, offsets: dict[str, tuple[int, int]], base: int = 0,
                 memory: dict[str, bytes] | None = None):  # fmt: skip
        self.path, self.offsets, self.base, self.memory = path, offsets, base, memory

    @classmethod
    def open(cls, path: Path, key: list[Any]) -> _Sections | None:
        try:
            with open(path, "rb") as fh:
                if fh.read(len(_MAGIC)) != _MAGIC:
                    return None
                size = int.from_bytes(fh.read(8), "little")
                header = marshal.loads(fh.read(size))
        except (OSError, ValueError, EOFError, TypeError):
            return None
        if not isinstance(header, dict) or header.get("key") != key:
            return None
        return cls(path, header["sections"], len(_MAGIC) + 8 + size)

    def read(self, name: str) -> Any:
        if self.memory is not None:
            return marshal.loads(self.memory[name])
        start, length = self.offsets[name]
        assert self.path is not None
        try:
            with open(self.path, "rb") as fh:
                fh.seek(self.base + start)
                data = fh.read(length)
            return marshal.loads(data)
        except (OSError, ValueError, EOFError, TypeError) as exc:
            from careercli.errors import CareerError

            raise CareerError(
                f"The title index cache {self.path} is unreadable ({exc}).",
                hint="Delete it; careercli rebuilds it on next use.",
            ) from None


class TitleIndex:
    """O*NET's titles by key, from the cache: each part read when first needed (an exact
    lookup reads one of 64 shards; the words of every occupation only for mapping)."""

    def __init__(self, sections: _Sections):
        self._sections = sections
        self._shards: dict[int, dict[str, Any]] = {}
        self._parts: dict[str, Any] = {}
        self._memo: dict[str, list[Posting]] = {}

    @classmethod
    def load(cls, data_dir: Path | None = None) -> TitleIndex:
        data_dir = data_dir or bundled_data_dir()
        files = [data_dir / "onet" / "titles.json", data_dir / "title_words.yaml"]
        key = _identity(files)
        path = cache_dir() / f"titles-{zlib.crc32(str(data_dir).encode()):08x}.bin"
        found = _Sections.open(path, key)
        if found is not None:
            return cls(found)
        from careercli.catalog.yamlio import YamlFileError, load

        enabled = gc.isenabled()
        gc.disable()
        try:
            rows = json.loads(files[0].read_text(encoding="utf-8"))["rows"]
            lex_doc = load(files[1], str(files[1]))
            built = build_index(rows, lex_doc)
        except (OSError, ValueError, KeyError, YamlFileError) as exc:
            from careercli.errors import CareerError

            raise CareerError(f"Cannot read the O*NET titles: {exc}") from None
        finally:
            if enabled:
                gc.enable()
        with contextlib.suppress(OSError):
            _write_sections(path, key, built)
        return cls(_Sections(None, {}, memory=built))

    def _part(self, name: str) -> Any:
        found = self._parts.get(name)
        if found is None:
            enabled = gc.isenabled()
            gc.disable()
            try:
                found = self._parts[name] = self._sections.read(name)
            finally:
                if enabled:
                    gc.enable()
        return found

    def get(self, key: str) -> list[Posting]:
        found = self._memo.get(key)
        if found is None:
            n = _shard(key)
            shard = self._shards.get(n)
            if shard is None:
                shard = self._shards[n] = self._sections.read(f"shard{n:02d}")
            found = [Posting(*p) for p in shard.get(key, ())]
            if len(self._memo) < 200_000:
                self._memo[key] = found
        return found

    @property
    def lexicon(self) -> Lexicon:
        lex = self._parts.get("_lexicon")
        if lex is None:
            lex = self._parts["_lexicon"] = Lexicon.from_plain(self._part("lexicon"))
        return lex

    def keys_of(self, code: str) -> list[str]:
        return self._part(f"keys{_shard(code):02d}").get(code, [])

    def vocab(self, word: str) -> list[tuple[str, int]]:
        return self._part(f"vocab{_shard(word):02d}").get(word, [])

    @property
    def occupations(self) -> int:
        return int(self._part("about")["occupations"])

    @property
    def heads(self) -> set[str]:
        """Words that end a title: the noun that says what a job is."""
        found = self._parts.get("_heads")
        if found is None:
            found = self._parts["_heads"] = set(self._part("about")["heads"])
        return found

    @property
    def max_key(self) -> int:
        return int(self._part("about")["max_key"])


_INDEX: TitleIndex | None = None


def title_index() -> TitleIndex:
    global _INDEX
    if _INDEX is None:
        _INDEX = TitleIndex.load()
    return _INDEX
