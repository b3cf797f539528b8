"""Reading listings against the catalog: the role a job title means and the skills a
description names."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from careercli.catalog import Catalog

if TYPE_CHECKING:
    from careercli.occupations.titles import TitleMapper

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


class Tagger:
    """Maps job titles to catalog roles and finds the skills a description names."""

    def __init__(self, catalog: Catalog):
        self.catalog = catalog
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
        self._mapper: TitleMapper | None = None

    def role_for(self, title: str) -> tuple[str | None, float | None]:
        """The curated role a job title means and the match score (0-100), or (None, None):
        the title-to-occupation mapper's answer (careercli title), never a fuzzy guess."""
        mapping = self.mapper.map(title)
        return mapping.role, mapping.role_score

    def occupation_for(self, title: str, role: str | None = None) -> tuple[str | None, str | None]:
        """(6-digit SOC, O*NET-SOC code) of the occupation a title means; for a listing whose
        role is given (bundled listings, imports that name it), the occupation that role stands
        for, without reading the title."""
        if role is not None:
            from careercli.occupations.data import onet

            code = onet().role_code(self.catalog.role(role))
            return (code[:7] if code else None), code
        mapping = self.mapper.map(title)
        return mapping.soc, mapping.occupation

    @property
    def mapper(self) -> TitleMapper:
        if self._mapper is None:
            from careercli.occupations.titles import TitleMapper

            self._mapper = TitleMapper(self.catalog)
        return self._mapper

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
