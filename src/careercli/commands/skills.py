"""Your skills: gap (roles ranked by fit, with what to learn) and skills (the taxonomy)."""

from typing import Annotated, Any

import typer

from careercli.commands.common import (
    TABLE,
    EducationOpt,
    ExportOpt,
    FmtOpt,
    LevelOpt,
    SkillsFileOpt,
    SkillsOpt,
    YearsOpt,
    about_you,
    background,
    catalog,
    complete_role,
    emit,
    listing_demands,
    read_skill_inputs,
    skills_or_profile,
)
from careercli.commands.fit import ResumeOpt


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
    years: YearsOpt = None,
    education: EducationOpt = None,
    level: LevelOpt = None,
    reachable: Annotated[
        bool,
        typer.Option("--reachable", help="Only roles whose entry gates your background meets."),
    ] = False,
    resume: ResumeOpt = None,
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

    Required skills weigh 3, nice-to-have 1; what a skill is a kind of earns full
    credit (PostgreSQL -> SQL), what it is evidence of half (PyTorch -> deep
    learning). Professional skills are listed apart. With your background
    (--years, --education, or saved in your profile) roles you cannot enter yet
    are marked ("needs a PhD") and ranked after those you can. For the best role
    (or each --role) it lists what matched and how, the missing skills in
    learning order with the certifications that cover them, the next best skill
    and how to start. With --all, O*NET occupations are ranked with the roles.

    \b
    Example:
      careercli gap --skills "sql, python, tableau"
      careercli gap --skills "java, spring boot" --years 6 --education bachelor
      careercli gap --skills "sql, excel" --all
      careercli gap --skills-file my-skills.txt --role "data scientist" --explain
      careercli gap --resume cv.pdf --explain
    """
    from careercli import views
    from careercli.matching import gap_analysis
    from careercli.profile import load_progress

    cat = catalog()
    tier = None
    if all_ and not role:
        from careercli.occupations.tier import OccupationTier

        tier = OccupationTier(cat)
    extra: list[Any] = []
    cv = None
    if resume is not None:
        from careercli.resume import read_resume

        _, extra, cv = read_resume(cat, resume)
    if resume is None:
        inputs, prof = skills_or_profile(skills, skills_file, required=True)
    else:  # the résumé stands in for the saved skills; --skills adds to it
        inputs, prof = read_skill_inputs(skills, skills_file), None
    report, detail = gap_analysis(
        cat,
        inputs,
        role_ids=[cat.resolve_role_id(r) for r in role] if role else None,
        targets=prof.targets if prof else None,
        top=top,
        progress=load_progress(),
        detail_all=fmt.value == "json",
        person=background(years, education, level, prof, cv),
        reachable_only=reachable,
        extra=extra,
        occupations=tier,
    )
    report.use_demand(cat, listing_demands(cat, [r.id for r in report.roles if r.detailed]))

    def sources() -> list[str]:
        shown = [r for r in report.roles if r.id in detail]
        certs = {c.name for r in shown for c in r.certifications}
        certs |= {c.name for r in shown for g in r.missing for c in g.certifications}
        role_of = report.role_of or cat.role
        return views.role_sources([role_of(r.id) for r in shown]) + views.cert_sources(
            cat, sorted(certs)
        )

    emit(
        fmt,
        report.to_dict,
        lambda: views.sourced(views.gap_doc(report, detail, explain), sources()),
        export=export,
        title="careercli: skills gap",
        about=lambda: about_you(inputs, resume, report.person, prof),
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
