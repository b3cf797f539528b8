"""Your skills: gap (roles ranked by fit, with what to learn) and skills (the taxonomy)."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from careercli.commands.common import (
    TABLE,
    ExportOpt,
    FmtOpt,
    SkillsFileOpt,
    SkillsOpt,
    catalog,
    complete_role,
    emit,
    skills_or_profile,
)


def gap(
    skills: SkillsOpt = None,
    skills_file: SkillsFileOpt = None,
    role: Annotated[
        list[str] | None,
        typer.Option(
            "--role",
            "-r",
            help="Only this role (repeatable; fuzzy).",
            autocompletion=complete_role,
        ),
    ] = None,
    top: Annotated[
        int,
        typer.Option("--top", "-n", min=0, max=100_000, help="How many roles to rank (0 = all)."),
    ] = 10,
    explain: Annotated[
        bool, typer.Option("--explain", help="Show how each input was read and each fit computed.")
    ] = False,
    all_: Annotated[
        bool,
        typer.Option(
            "--all", help="Rank O*NET occupations too, by their technology skills (with roles)."
        ),
    ] = False,
    fmt: FmtOpt = TABLE,
    export: ExportOpt = None,
) -> None:
    """Rank roles by fit to your skills; show what to learn next.

    Required skills weigh 3, nice-to-have 1; a skill implied by one you have
    (PostgreSQL -> SQL) earns half credit. For the best role (or each --role) it
    lists what matched and how, the missing skills in learning order with the
    certifications that cover them, the next best skill and how to start.
    With --all, O*NET occupations are ranked with the roles.

    \b
    Example:
      careercli gap --skills "sql, python, tableau"
      careercli gap --skills "sql, excel" --all
      careercli gap --skills-file my-skills.txt --role "data scientist" --explain
    """
    from careercli import views
    from careercli.matching import gap_analysis
    from careercli.profile import load_progress

    cat = catalog()
    tier = None
    if all_ and not role:
        from careercli.occupations.tier import OccupationTier

        tier = OccupationTier(cat)
    inputs, prof = skills_or_profile(skills, skills_file, required=True)
    report, detail = gap_analysis(
        cat,
        inputs,
        role_ids=[cat.resolve_role_id(r) for r in role] if role else None,
        targets=prof.targets if prof else None,
        top=top,
        progress=load_progress(),
        detail_all=fmt.value == "json",
        occupations=tier,
    )
    emit(
        fmt,
        report.to_dict,
        lambda: views.gap_doc(report, detail, explain),
        export=export,
        title="careercli: skills gap",
    )


def skills(
    text: Annotated[
        list[str] | None,
        typer.Argument(help="Inputs to look up, comma-separated. None: list the taxonomy."),
    ] = None,
    fmt: FmtOpt = TABLE,
) -> None:
    """List the skills taxonomy, or show how inputs are read.

    \b
    Example:
      careercli skills
      careercli skills "pyhton, k8s, cooking"
    """
    from careercli import views
    from careercli.matching import Resolver, split_inputs

    cat = catalog()
    inputs = split_inputs(text or [])
    if not inputs:
        emit(fmt, lambda: views.taxonomy_json(cat), lambda: views.taxonomy_doc(cat))
        return
    resolved = Resolver(cat).resolve_all(inputs)
    emit(
        fmt,
        lambda: {"resolved": [r.to_dict() for r in resolved]},
        lambda: views.resolutions_doc(resolved),
    )


def register(app: typer.Typer, sub_app: dict[str, Any]) -> None:
    for command in (gap, skills):
        app.command(rich_help_panel="Your skills")(command)
