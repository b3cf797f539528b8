"""Every closed vocabulary careercli uses, defined once. The data schema, the core and the
command-line options (Typer takes these enums as choices) are all built from these."""

from __future__ import annotations

import enum


class Vocab(str, enum.Enum):
    """A str enum whose members compare equal to their values."""

    @classmethod
    def values(cls) -> tuple[str, ...]:
        return tuple(m.value for m in cls)


class Track(Vocab):
    analytics = "analytics"
    data_science = "data-science"
    data_engineering = "data-engineering"
    ml = "ml"
    research = "research"
    software = "software"
    cloud = "cloud"
    database = "database"
    leadership = "leadership"
    academia = "academia"
    quant = "quant"


class RoleLevel(Vocab):
    intern = "intern"
    junior = "junior"
    mid = "mid"
    senior = "senior"
    lead = "lead"
    principal = "principal"
    manager = "manager"
    director = "director"


class CareerLevel(Vocab):
    """The level a person says they are at (`--level`)."""

    junior = "junior"
    mid = "mid"
    senior = "senior"
    lead = "lead"


class JobLevel(Vocab):
    intern = "intern"
    entry = "entry"
    mid = "mid"
    senior = "senior"
    lead = "lead"
    executive = "executive"


class JobLevelWord(Vocab):
    """`jobs --level`: the listings' levels, and the roles' words for them."""

    intern = "intern"
    entry = "entry"
    junior = "junior"
    mid = "mid"
    senior = "senior"
    lead = "lead"
    principal = "principal"
    manager = "manager"
    executive = "executive"
    director = "director"


# A role level's word for the listing level that holds it (listings have fewer levels).
JOB_LEVEL_OF = {"junior": "entry", "principal": "lead", "manager": "lead", "director": "executive"}


class JobType(Vocab):
    full_time = "full-time"
    part_time = "part-time"
    contract = "contract"
    internship = "internship"
    temporary = "temporary"


# The largest pay figure any listing may carry, in any currency and period (a check of
# plausibility, not of wealth: a yearly figure in rupiah or won runs to hundreds of millions).
MAX_PAY = 1e9


class PayPeriod(Vocab):
    year = "year"
    month = "month"
    week = "week"
    day = "day"
    hour = "hour"


class Education(Vocab):
    none = "none"
    high_school = "high-school"
    associate = "associate"
    bachelor = "bachelor"
    master = "master"
    phd = "phd"


class CertLevel(Vocab):
    foundational = "foundational"
    associate = "associate"
    professional = "professional"
    specialty = "specialty"
    expert = "expert"


class Section(Vocab):
    """The rows of `compare` (and sections of `show`)."""

    definition = "definition"
    responsibilities = "responsibilities"
    skills = "skills"
    education = "education"
    certifications = "certifications"
    tools = "tools"
    industries = "industries"
    outlook = "outlook"
    salary = "salary"
    steps = "steps"
    related = "related"
    common = "common"


class Format(Vocab):
    table = "table"
    json = "json"
    markdown = "markdown"


class ShowFormat(Vocab):
    table = "table"
    json = "json"
    markdown = "markdown"
    yaml = "yaml"


class TableFormat(Vocab):
    """Formats of commands whose data is one table (CSV too)."""

    table = "table"
    json = "json"
    markdown = "markdown"
    csv = "csv"


class JobSort(Vocab):
    posted = "posted"
    salary = "salary"
    fit = "fit"
