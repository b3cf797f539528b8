"""Your fit to one job posting: fit JOB (a file, standard input, or a stored listing)."""

from typing import Annotated, Any

import typer

from careercli.commands.common import (
    TABLE,
    EducationOpt,
    ExportOpt,
    FmtOpt,
    SkillsFileOpt,
    SkillsOpt,
    YearsOpt,
    background,
    catalog,
    emit,
    note,
    read_skill_inputs,
)

ResumeOpt = Annotated[
    str | None,
    typer.Option(
        "--resume",
        metavar="FILE",
        help="Your résumé (text, Markdown, PDF or DOCX; '-' reads standard input): the skills "
        "it names count as yours. Read on this machine only.",
    ),
]


def fit(
    job: Annotated[
        str,
        typer.Argument(
            help="The job ad: a file (text, Markdown, HTML, PDF, DOCX), '-' for standard "
            "input, or the id of a stored listing."
        ),
    ],
    skills: SkillsOpt = None,
    skills_file: SkillsFileOpt = None,
    resume: ResumeOpt = None,
    years: YearsOpt = None,
    education: EducationOpt = None,
    explain: Annotated[
        bool,
        typer.Option("--explain", help="Show where each requirement and skill was read."),
    ] = False,
    fmt: FmtOpt = TABLE,
    export: ExportOpt = None,
) -> None:
    """Read a job ad and show your fit to it, with what to learn and the gates.

    The ad's skills are split into required and nice-to-have by the section
    they are in; years, degree, work authorisation, sponsorship and clearance
    are read with the sentence they come from. The fit uses gap's formula over
    the ad's technical skills. Your skills come from --skills, --resume or your
    saved profile; the years and degree the ad asks for are checked against
    --years and --education, else your profile, else what your résumé states.

    \b
    Example:
      careercli fit posting.html --skills "sql, python, tableau"
      careercli fit job-ad.pdf --resume cv.pdf --explain
      pbpaste | careercli fit - --format json
    """
    from careercli import views
    from careercli.jobfit import fit_job, read_posting
    from careercli.matching import Resolver
    from careercli.profile import load_progress, skills_or_saved

    cat = catalog()
    inputs = read_skill_inputs(skills, skills_file)
    resolutions = Resolver(cat).resolve_all(inputs)
    cv = None
    if resume is not None:
        from careercli.resume import read_resume

        if resume == "-" and job == "-":
            raise typer.BadParameter("Only one of JOB and --resume can read standard input.")
        _, found, cv = read_resume(cat, resume)
        resolutions += found
    posting = read_posting(cat, job)
    prof = None
    if not inputs and resume is None:
        saved, prof, said = skills_or_saved([], required=False)
        if saved:
            note(said)
            resolutions = Resolver(cat).resolve_all(saved, "profile")
        else:
            note('No skills given or saved: the fit counts none. Add --skills "..." or --resume.')
    person = background(years, education, None, prof, cv)
    result = fit_job(cat, posting, resolutions, done=load_progress().done_skills(), person=person)
    emit(
        fmt,
        result.to_dict,
        lambda: views.fit_doc(result, explain),
        export=export,
        title=f"careercli: fit to {result.requirements.title or posting.name}",
    )


def register(app: typer.Typer, sub_app: dict[str, Any]) -> None:
    app.command(rich_help_panel="Your skills")(fit)
