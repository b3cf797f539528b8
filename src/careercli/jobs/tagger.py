"""Reading listings against the catalog: the role and the O*NET occupation a job title means
(the title mapper of careercli.occupations) and the skills a description names (the extractor
of careercli.extract)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from careercli.catalog import Catalog

if TYPE_CHECKING:
    from careercli.occupations.titles import TitleMapper


class Tagger:
    """Maps job titles to catalog roles and O*NET occupations, and finds the skills a
    description names."""

    def __init__(self, catalog: Catalog):
        self.catalog = catalog
        self._mapper: TitleMapper | None = None
        self._descriptions: dict[str, list[str]] = {}  # one posting listed in many places

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
