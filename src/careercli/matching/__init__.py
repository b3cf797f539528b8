"""Skill matching: `resolve` reads inputs as skills; `fit` turns skills into fits and gaps."""

from careercli.matching.fit import (
    IMPLIED_CREDIT,
    WEIGHTING,
    Gap,
    GapReport,
    Match,
    RoleFit,
    certification_picker,
    closure,
    fit_of,
    gap_analysis,
    gap_report,
    known_skills,
    order_gaps,
    progress_resolutions,
    requirement_credit,
    role_fit,
)
from careercli.matching.resolve import Resolution, Resolver, split_inputs

__all__ = [
    "IMPLIED_CREDIT",
    "WEIGHTING",
    "Gap",
    "GapReport",
    "Match",
    "Resolution",
    "Resolver",
    "RoleFit",
    "certification_picker",
    "closure",
    "fit_of",
    "gap_analysis",
    "gap_report",
    "known_skills",
    "order_gaps",
    "progress_resolutions",
    "requirement_credit",
    "role_fit",
    "split_inputs",
]
