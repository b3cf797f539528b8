"""The catalog: roles, skills, certifications and bundled listings, found, validated, compiled
and cached. `load_catalog()` is the entry point; `validate()` lists every problem of a folder."""

from careercli.catalog.load import Catalog, data_error, load_catalog, role_yaml, validate
from careercli.catalog.model import Certification, Requirement, Role, RoleRow, Skill

__all__ = [
    "Catalog",
    "Certification",
    "Requirement",
    "Role",
    "RoleRow",
    "Skill",
    "data_error",
    "load_catalog",
    "role_yaml",
    "validate",
]
