"""Your profile: profile (skills, targets, state), progress marks, and plan."""

from collections.abc import Callable
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
    declined,
    emit,
    listing_demands,
    note,
    read_skill_inputs,
    skills_or_profile,
)
from careercli.commands.fit import ResumeOpt
from careercli.errors import CareerError
from careercli.vocab import Education

PROFILE_HELP = """\
Save your skills, target roles and state once; gap, jobs, plan and salary use them.

\b
Example:
  careercli profile set --skills "sql, python" --target "lead ml engineer" --state CA
  careercli profile                            # what is saved
"""

PROGRESS_HELP = """\
Mark skills and getting-started steps done, learning or skipped; plan and gap use it.

\b
Example:
  careercli progress                           # what is marked so far
  careercli progress done sql python
  careercli progress learning pytorch
  careercli progress done data-analyst:1       # a step id shown by `careercli plan`
"""


def _show_profile(fmt: Any) -> None:
    from careercli import views
    from careercli.profile import load_profile, load_progress, profile_path

    cat = catalog()
    prof, path, progress = load_profile(), profile_path(), load_progress()
    emit(
        fmt,
        lambda: views.profile_json(prof, path, cat),
        lambda: views.profile_doc(prof, path, cat, progress),
    )


def profile_show(fmt: FmtOpt = TABLE) -> None:
    """Show your saved profile, with what each skill resolves to.

    \b
    Example:
      careercli profile show
    """
    _show_profile(fmt)


def profile_set(
    skills: SkillsOpt = None,
    skills_file: SkillsFileOpt = None,
    target: Annotated[
        list[str] | None,
        typer.Option(
            "--target",
            "-t",
            help="A role you aim for (repeatable; fuzzy).",
            autocompletion=complete_role,
        ),
    ] = None,
    state: Annotated[str | None, typer.Option("--state", help="US state code, e.g. CA.")] = None,
    location: Annotated[
        str | None, typer.Option("--location", help="Where you look for jobs.")
    ] = None,
    years: YearsOpt = None,
    education: EducationOpt = None,
    level: LevelOpt = None,
    resume: ResumeOpt = None,
    fmt: FmtOpt = TABLE,
) -> None:
    """Set profile fields; --skills replaces your saved skills (stored as typed).

    Your background (--years, --education, --level) lets gap mark the roles you
    cannot enter yet and the certifications whose prerequisites you miss.

    \b
    Example:
      careercli profile set --skills "sql, python, tableau" --target "data scientist"
      careercli profile set --years 6 --education bachelor
      careercli profile set --resume cv.pdf
    """
    from careercli.profile import update_profile, with_fields_set

    inputs = read_skill_inputs(skills, skills_file)
    _warn_unknown(inputs)
    if resume is not None:
        from careercli.resume import read_resume, saved_form

        doc, found, cv = read_resume(catalog(), resume)
        note(f"Skills read from {doc.name} (its text is not saved):")
        for r in found:
            note(f"  {saved_form(r)}  <- {r.evidence}")
        inputs = list(dict.fromkeys([*inputs, *(saved_form(r) for r in found)]))
        stated = cv.fills(years, education.value if education else None)
        if stated:
            note(f"Background read from {doc.name}: {cv.describe(stated)}.")
            years = cv.years if "years" in stated else years
            if "education" in stated:
                education = Education(cv.education)
    update_profile(
        lambda p: with_fields_set(
            p,
            catalog(),
            skills=inputs,
            targets=target,
            state=state,
            location=location,
            years=years,
            education=education.value if education else None,
            level=level.value if level else None,
        )
    )
    _show_profile(fmt)


def profile_add(
    skill: Annotated[list[str], typer.Argument(help="Skills to add (comma-separated works too).")],
    fmt: FmtOpt = TABLE,
) -> None:
    """Add skills to your profile.

    \b
    Example:
      careercli profile add docker "apache airflow"
    """
    from careercli.matching import split_inputs
    from careercli.profile import update_profile, with_skills_added

    items = split_inputs(skill)
    _warn_unknown(items)
    update_profile(lambda p: with_skills_added(p, items))
    _show_profile(fmt)


def profile_remove(
    skill: Annotated[list[str], typer.Argument(help="Skills to remove, as typed or by name.")],
    fmt: FmtOpt = TABLE,
) -> None:
    """Remove skills from your profile (by what you typed or what it resolves to).

    \b
    Example:
      careercli profile remove excel
    """
    from careercli.matching import split_inputs
    from careercli.profile import update_profile, with_skills_removed

    cat, items = catalog(), split_inputs(skill)
    update_profile(lambda p: with_skills_removed(p, items, cat))
    _show_profile(fmt)


def profile_clear(
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Start a new profile; the old file is kept as a .bak file beside it.

    \b
    Example:
      careercli profile clear --yes
    """
    from careercli.profile import move_aside_locked, profile_path

    path = profile_path()
    if not path.exists():
        note(f"No profile at {path}; nothing to clear.")
        return
    if not yes and not typer.confirm(f"Move {path} aside and start a new profile?"):
        declined()
    note(f"Moved your old profile to {move_aside_locked(path)}.")


def _warn_unknown(items: list[str]) -> None:
    """Unrecognised skills are kept (they are yours) but will not count: say so on stderr."""
    from careercli.matching import Resolver
    from careercli.views import unknown_note

    if items:
        text = unknown_note([r for r in Resolver(catalog()).resolve_all(items) if not r.skill])
        if text:
            note(text)


ItemsArg = Annotated[list[str], typer.Argument(help="Skills, or step ids like data-analyst:1.")]


def _mark(items: list[str], status: str | None) -> None:
    from careercli.matching import split_inputs
    from careercli.plan import mark_progress

    changed = mark_progress(catalog(), split_inputs(items), status)
    note(f"Marked {status or 'cleared'}: {', '.join(changed)}")


def progress_show(fmt: FmtOpt = TABLE) -> None:
    """List what you marked done, are learning or skipped.

    \b
    Example:
      careercli progress show
    """
    from careercli import views
    from careercli.profile import load_progress, progress_path

    progress, path = load_progress(), progress_path()
    emit(fmt, lambda: views.progress_json(progress, path), lambda: views.progress_doc(progress))


def progress_done(items: ItemsArg) -> None:
    """Mark skills or steps done (a done skill counts as known).

    \b
    Example:
      careercli progress done statistics
    """
    _mark(items, "done")


def progress_learning(items: ItemsArg) -> None:
    """Mark skills or steps as being learned.

    \b
    Example:
      careercli progress learning "deep learning"
    """
    _mark(items, "learning")


def progress_skip(items: ItemsArg) -> None:
    """Leave skills or steps out of your plan.

    \b
    Example:
      careercli progress skip java
    """
    _mark(items, "skip")


def progress_reset(
    items: Annotated[
        list[str] | None, typer.Argument(help="Only these (default: everything).")
    ] = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Clear progress marks: the given items, or all of them.

    \b
    Example:
      careercli progress reset sql
      careercli progress reset --yes
    """
    from careercli.profile import move_aside_locked, progress_path

    if items:
        _mark(items, None)
        return
    path = progress_path()
    if not path.exists():
        note("No progress saved; nothing to reset.")
        return
    if not yes and not typer.confirm("Clear all progress marks?"):
        declined()
    note(f"Progress cleared (the old file is kept as {move_aside_locked(path)}).")


def plan(
    role: Annotated[
        str | None,
        typer.Argument(
            help="The role to plan for (default: your profile's target).",
            autocompletion=complete_role,
        ),
    ] = None,
    skills: SkillsOpt = None,
    skills_file: SkillsFileOpt = None,
    hours_per_week: Annotated[
        float | None,
        typer.Option(
            "--hours-per-week",
            min=1,
            max=80,
            help="Your study pace: turns stages into weeks and a finish date.",
        ),
    ] = None,
    fmt: FmtOpt = TABLE,
    export: ExportOpt = None,
) -> None:
    """An ordered learning plan toward a role, with your progress and a pace.

    Prerequisites come first, then required skills, then nice-to-have ones, in
    stages of at most five; each with rough hours (the taxonomy's estimate of
    study and practice to working proficiency, less what your skills already
    evidence) and the current certifications that cover it, then the role's
    getting-started steps. Skills you marked done count as known.

    \b
    Example:
      careercli plan "lead ml engineer" --hours-per-week 8
      careercli progress done "feature engineering"; careercli plan
    """
    from careercli import views
    from careercli.matching import Resolver
    from careercli.plan import build_plan
    from careercli.profile import load_profile, load_progress

    cat = catalog()
    inputs, prof = skills_or_profile(skills, skills_file, required=False)
    if not inputs:
        note("No skills given or saved: the plan counts none of this role's skills as known.")
    if not role:
        targets = [t for t in (prof or load_profile()).targets if cat.has_role(t)]
        if not targets:
            raise CareerError(
                "Which role? Name one, or save a target in your profile.",
                hint='careercli plan "data scientist", or: '
                'careercli profile set --target "data scientist"',
            )
        role = targets[0]
        note(f"Planning for your profile's target: {cat.role_name(role)}.")
    target = cat.find_role(role)
    demand = listing_demands(cat, [target.id]).get(target.id)
    if demand is not None and not demand.enough:
        from careercli.jobs.demand import MIN_LISTINGS

        note(
            f"Only {demand.listings} of your stored listings are {target.name} listings: too "
            f"few to order the plan by demand ({MIN_LISTINGS} needed)."
        )
    person = background(None, None, None, prof)
    progress = load_progress()
    result = build_plan(
        cat,
        target,
        Resolver(cat).resolve_all(inputs),
        progress,
        person=person,
        hours_per_week=hours_per_week,
        demand=demand if demand is not None and demand.enough else None,
    )

    def about() -> list[tuple[str, str]]:
        from careercli.profile import progress_path

        marked = len(progress.skills) + len(progress.steps)
        return [
            ("Role", f"{target.name} ({target.id})"),
            *about_you(inputs, None, person, prof),
            ("Progress", f"{marked} mark(s) from {progress_path()}" if marked else "none marked"),
            ("Pace", f"{hours_per_week:g} hours a week" if hours_per_week else "not given"),
        ]

    certs = sorted({c.name for i in result.items for c in i.certifications})
    emit(
        fmt,
        result.to_dict,
        lambda: views.sourced(
            views.plan_doc(result),
            views.role_sources([target]) + views.cert_sources(cat, certs),
        ),
        export=export,
        title=f"careercli: plan toward {target.name}",
        about=about,
    )


def _alone(group: str, show: Callable[..., None]) -> Callable[[typer.Context], None]:
    """`careercli profile` or `careercli progress` alone: what is saved, and what else to type."""

    def callback(ctx: typer.Context) -> None:
        if ctx.invoked_subcommand is None:
            show(TABLE)
            names = ", ".join(sorted(ctx.command.commands))  # type: ignore[attr-defined]
            note(f"Also: careercli {group} {{{names}}}; see careercli {group} --help")

    return callback


def register(app: typer.Typer, sub_app: dict[str, Any]) -> None:
    profile_app = typer.Typer(invoke_without_command=True, help=PROFILE_HELP, **sub_app)
    profile_app.callback()(_alone("profile", profile_show))
    commands: tuple[tuple[str, Callable[..., None]], ...] = (
        ("show", profile_show),
        ("set", profile_set),
        ("add", profile_add),
        ("remove", profile_remove),
        ("clear", profile_clear),
    )
    for name, command in commands:
        profile_app.command(name)(command)
    progress_app = typer.Typer(invoke_without_command=True, help=PROGRESS_HELP, **sub_app)
    progress_app.callback()(_alone("progress", progress_show))
    marks: tuple[tuple[str, Callable[..., None]], ...] = (
        ("show", progress_show),
        ("done", progress_done),
        ("learning", progress_learning),
        ("skip", progress_skip),
        ("reset", progress_reset),
    )
    for name, command in marks:
        progress_app.command(name)(command)
    app.command(rich_help_panel="Your profile")(plan)
    app.add_typer(profile_app, name="profile", rich_help_panel="Your profile")
    app.add_typer(progress_app, name="progress", rich_help_panel="Your profile")
