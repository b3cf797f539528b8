"""Reading listings against the catalog: the role a job title means and the skills a
description names."""

from __future__ import annotations

import re

from careercli.catalog import Catalog
from careercli.text import normalize

TECH_CATEGORIES = {
    "language",
    "database",
    "bi",
    "data-engineering",
    "ml",
    "ml-library",
    "cloud",
    "devops",
    "math",
    "software",
}
# Names and aliases that are ordinary words in a job ad ("excel at", "go to market", "waste
# containers", "patient charts", "daily reports"): never read as skills from prose.
_PROSE_STOP = frozenset(
    """
    r c sheets lightning fabric node sampling alerting algorithms analytics
    calculus causality charts coding containers dash dashboarding dashboards experimentation
    failover fairness forecasting guardrails logging matrices monitoring networking notebooks
    observability optimization preprocessing probability programming prompting pruning
    quantization regression replication reporting reports scalability scripting serverless
    slides spreadsheets statistics stats streaming testing torch transformers visualization
    visualisation visualizations react keynote chroma flask hive helm elk iam doe rag eda llm
    mcp edw dwh sde dba unix
    """.split()
)
# Tool names that are also plain words count in prose only when capitalised ("Spark", "Excel").
_CAPITALISED_ONLY = frozenset(
    "spark excel go shell hive helm flask torch dash react airflow kafka snowflake looker".split()
) | {"access control", "data security", "disaster recovery", "report writing", "version control"}
_PROSE_SKILLS_EXCLUDED = {"reporting", "database security", "responsible AI", "web development"}
_TOKEN = re.compile(r"[A-Za-z0-9.+#/&'][A-Za-z0-9.+#/&']*")
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
        skills = catalog.skills
        self.skill_keys: dict[tuple[str, ...], str] = {}
        for key, (name, _) in catalog.skill_lookup.items():
            if skills[name].category not in TECH_CATEGORIES or name in _PROSE_SKILLS_EXCLUDED:
                continue
            if key in _PROSE_STOP or (len(key) <= 2 and key.isalpha()):
                continue
            self.skill_keys[tuple(key.split())] = name
        self.skill_first = {k[0] for k in self.skill_keys}
        self.max_skill_len = max((len(k) for k in self.skill_keys), default=1)
        self._titles: dict[str, tuple[str | None, float | None]] = {}

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

    def skills_in(self, description: str | None, limit_chars: int = 6000) -> list[str]:
        if not description:
            return []
        import unicodedata

        text = unicodedata.normalize("NFKC", description[:limit_chars])
        raw = [t.rstrip(".,'") for t in _TOKEN.findall(text)]
        tokens = [t.casefold() for t in raw]
        found: dict[str, None] = {}
        first = self.skill_first
        keys = self.skill_keys
        n_tok = len(tokens)
        for i, tok in enumerate(tokens):
            if tok not in first:
                continue
            for n in range(min(self.max_skill_len, n_tok - i), 0, -1):
                name = keys.get(tuple(tokens[i : i + n]))
                if n == 1 and tok in _CAPITALISED_ONLY and not raw[i][:1].isupper():
                    continue
                if name is not None:
                    found[name] = None
                    break
        return list(found)
