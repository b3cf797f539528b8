"""The O*NET tier: occupations (every occupation, searchable), title (what a job title
means) and next (career moves from a role, an occupation or a title)."""

from typing import Annotated, Any

import typer

from careercli.commands.common import (
    TABLE,
    FmtOpt,
    SkillsFileOpt,
    SkillsOpt,
    catalog,
    complete_role,
    emit,
    note,
    skills_or_profile,
)
from careercli.vocab import TableFormat


def occupations(
    search: Annotated[
        str | None,
        typer.Option(
            "--search", "-q", help="Words of the title (any order), or an O*NET-SOC code prefix."
        ),
    ] = None,
    family: Annotated[
        str | None,
        typer.Option(
            "--family", help="A SOC major group (15: computer and mathematical) or code prefix."
        ),
    ] = None,
    fmt: Annotated[
        TableFormat, typer.Option("--format", "-f", help="Output format.")
    ] = TableFormat.table,
) -> None:
    """List O*NET occupations: code, title, job zone and median wage.

    \b
    Example:
      careercli occupations --search nurse
      careercli occupations --family 15
    """
    from careercli import occupation_views as views
    from careercli.occupations import onet
    from careercli.salary import Wages

    data = onet()
    rows = data.search(search, family)
    wages = Wages.load()
    emit(
        fmt,
        lambda: views.occupations_json(data, rows, wages),
        lambda: views.occupations_doc(data, rows, wages),
        lambda: views.occupations_records(data, rows, wages),
    )


def title(
    text: Annotated[str, typer.Argument(help="A job title as a listing writes it, in quotes.")],
    top: Annotated[
        int, typer.Option("--top", "-n", min=1, max=50, help="How many matches to show.")
    ] = 5,
    fmt: FmtOpt = TABLE,
) -> None:
    """Show the role and O*NET occupation a job title means, best first.

    Titles are cleaned first (seniority, location, pay, (H/F), (m/w/d), stacks
    in brackets); French, German and Spanish titles are read too. Each match
    says what it matched: a role alias, or an O*NET occupation, reported,
    alternate or short title.

    \b
    Example:
      careercli title "Senior Data Engineer - London - £75,000"
      careercli title "Infirmier(ère) de bloc (H/F)" --format json
    """
    from careercli import occupation_views as views
    from careercli.occupations.titles import TitleMapper

    mapping = TitleMapper(catalog()).map(text, limit=top)
    if not mapping.matches:
        note(f"Nothing close: {text.strip()!r} matches no role or occupation.")
    emit(fmt, mapping.to_dict, lambda: views.title_doc(mapping))


def next_(
    role: Annotated[
        str | None,
        typer.Argument(
            help="Where you are: a role, an O*NET code or occupation title (default: your "
            "profile's first target).",
            autocompletion=complete_role,
        ),
    ] = None,
    title_: Annotated[
        str | None, typer.Option("--title", "-t", help="Where you are, as a job title.")
    ] = None,
    skills: SkillsOpt = None,
    skills_file: SkillsFileOpt = None,
    top: Annotated[int, typer.Option("--top", "-n", min=0, help="How many moves (0 = all).")] = 15,
    fmt: FmtOpt = TABLE,
) -> None:
    """Career moves from where you are: related roles and occupations, ranked.

    Each move shows your fit (with --skills or your profile's skills), what you
    would need to learn, the job zone step and the change in median wage. The
    closest moves come first (a role's own moves and O*NET's Primary-Short
    relations), then the most reachable and rewarding.

    \b
    Example:
      careercli next data-analyst --skills "sql, excel, tableau"
      careercli next --title "Registered Nurse (RN) - ICU"
    """
    from careercli import occupation_views as views
    from careercli.occupations import moves as core
    from careercli.occupations import onet
    from careercli.salary import Wages

    cat = catalog()
    inputs, prof = skills_or_profile(skills, skills_file, required=False)
    targets = prof.targets if prof and not (role or title_) else None
    if targets is None and not (role or title_):
        from careercli.profile import load_profile

        targets = load_profile().targets
    result = core.next_report(cat, Wages.load(), role, title_, inputs, targets, top)
    emit(fmt, result.to_dict, lambda: views.next_doc(result, onet().attribution))


def register(app: typer.Typer, sub_app: dict[str, Any]) -> None:
    app.command(rich_help_panel="Occupations")(occupations)
    app.command(rich_help_panel="Occupations")(title)
    app.command("next", rich_help_panel="Occupations")(next_)
