"""Reading listings against the catalog: the role a job title means and the skills a
description names."""

from __future__ import annotations

import re

from careercli.catalog import Catalog
from careercli.text import normalize

_TITLE_NOISE = {
    "remote", "hybrid", "onsite", "on-site", "i", "ii", "iii", "iv", "v", "1", "2", "3", "4",
    "us", "usa", "the", "a", "an", "with", "for", "in", "at", "-",
}  # fmt: skip
_SENIORITY = {"senior", "sr", "junior", "jr", "lead", "staff", "principal", "intern", "entry"}


class Tagger:
    """Maps job titles to catalog roles and finds the skills a description names."""

    def __init__(self, catalog: Catalog):
        self.catalog = catalog
        self.role_keys: dict[tuple[str, ...], str] = {}
        for key, role_id in catalog.role_lookup.items():
            self.role_keys.setdefault(tuple(key.split()), role_id)
        self.max_role_len = max((len(k) for k in self.role_keys), default=1)
        self._titles: dict[str, tuple[str | None, float | None]] = {}
        self._descriptions: dict[str, list[str]] = {}  # one posting listed in many places

    def role_for(self, title: str) -> tuple[str | None, float | None]:
        key = normalize(title)
        hit = self._titles.get(key)
        if hit is None:
            hit = self._role_for(key)
            if len(self._titles) < 50_000:
                self._titles[key] = hit
        return hit

    def _role_for(self, text: str) -> tuple[str | None, float | None]:
        text = re.sub(r"[(),|:;]", " ", text)
        tokens = [t for t in text.split() if t not in {"-", "–", "&"}]
        meaningful = [t for t in tokens if t not in _TITLE_NOISE]
        if not meaningful:
            return None, None
        core = [t for t in meaningful if t not in _SENIORITY]
        best: tuple[int, int, str] | None = None
        for n in range(min(self.max_role_len, len(tokens)), 0, -1):
            for i in range(len(tokens) - n + 1):
                gram = tuple(tokens[i : i + n])
                role_id = self.role_keys.get(gram)
                if role_id is None:
                    continue
                if n == 1 and core != list(gram):
                    continue
                if best is None or (n, -i) > (best[0], best[1]):
                    best = (n, -i, role_id)
            if best is not None:
                break
        if best is not None:
            score = min(100.0, round(100.0 * best[0] / len(meaningful), 1))
            return (best[2], score) if score >= 40 else (None, None)
        if len(" ".join(meaningful)) < 8:
            return None, None
        from rapidfuzz import fuzz, process

        keys = [" ".join(k) for k in self.role_keys if len(k) > 1]
        found = process.extractOne(" ".join(meaningful), keys, scorer=fuzz.ratio, score_cutoff=90)
        if found is None:
            return None, None
        return self.role_keys[tuple(found[0].split())], round(found[1], 1)

    def skills_in(self, description: str | None) -> list[str]:
        """The technical skills a description names, read by careercli.extract (the whole text,
        each sentence apart); professional skills are not listing tags."""
        if not description:
            return []
        hit = self._descriptions.get(description)
        if hit is not None:
            return list(hit)
        from careercli.extract.skills import skill_names

        catalog = self.catalog
        found = [s for s in skill_names(catalog, description) if not catalog.is_professional(s)]
        if len(self._descriptions) >= 5_000:
            self._descriptions.clear()
        self._descriptions[description] = found
        return list(found)
