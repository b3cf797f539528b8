"""Catalog commands: roles, show, compare."""

import sys
from typing import Annotated, Any

import typer

from careercli.commands.common import (
    FORMAT_HELP,
    TABLE,
    ExportOpt,
    FmtOpt,
    catalog,
    complete_role,
    emit,
    note,
    saved_targets,
)
from careercli.vocab import Section, ShowFormat, Track


def roles(
    track: Annotated[
        list[Track] | None,
        typer.Option(
            "--track",
            "-t",
            metavar="TRACK",
            help="Only roles on this track (repeatable): " + ", ".join(Track.values()),
        ),
    ] = None,
    fmt: FmtOpt = TABLE,
) -> None:
    """List the roles in the catalog.

    \b
    Example:
      careercli roles --track analytics
    """
    from careercli import views

    cat = catalog()
    chosen = cat.roles_by_track(t.value for t in track or ())
    emit(
        fmt,
        lambda: {"roles": [r.to_dict(cat) for r in chosen]},
        lambda: views.roles_doc(chosen),
    )


def show(
    role: Annotated[
        str,
        typer.Argument(
            help="Role id, name, alias or a typo of them; or an O*NET-SOC code or occupation "
            "title.",
            autocompletion=complete_role,
        ),
    ],
    section: Annotated[
        list[Section] | None,
        typer.Option(
            "--section",
            "-s",
            metavar="NAME",
            help="Only these sections (repeatable): "
            + ", ".join(s for s in Section.values() if s not in ("salary", "common")),
        ),
    ] = None,
    fmt: Annotated[
        ShowFormat,
        typer.Option("--format", "-f", help=FORMAT_HELP),
    ] = ShowFormat.table,
) -> None:
    """Show one role's full profile, or one O*NET occupation's.

    \b
    Example:
      careercli show "ml engineer"
      careercli show "ml engineer" --section skills --section steps
      careercli show data-analyst --format yaml > my-role.yaml
      careercli show "registered nurse"
    """
    from careercli import views
    from careercli.catalog import Role
    from careercli.errors import CareerError
    from careercli.occupations.tier import find

    cat = catalog()
    found = find(cat, role)
    if not isinstance(found, Role):
        from careercli import occupation_views
        from careercli.occupations import onet
        from careercli.salary import Wages

        if fmt.value == "yaml":
            raise CareerError("--format yaml is for roles; an O*NET occupation has JSON.")
        data, wages = onet(), Wages.load()
        emit(
            fmt,
            lambda: occupation_views.occupation_json(data, found, wages),
            lambda: occupation_views.occupation_doc(data, found, wages),
        )
        return
    if fmt.value == "yaml":
        from careercli.catalog import role_yaml

        sys.stdout.write(role_yaml(found))
        return
    sections = [s.value for s in section] if section else None
    emit(
        fmt,
        lambda: {"role": found.to_dict(cat)},
        lambda: views.show_doc(cat, found, sections),
    )


def compare(
    role: Annotated[
        list[str] | None,
        typer.Argument(
            help="Two to four roles (default: Data Analyst and Lead Machine Learning Engineer).",
            autocompletion=complete_role,
        ),
    ] = None,
    section: Annotated[
        list[Section] | None,
        typer.Option(
            "--section",
            "-s",
            metavar="NAME",
            help="Only these rows (repeatable): " + ", ".join(Section.values()),
        ),
    ] = None,
    full: Annotated[
        bool, typer.Option("--full", help="Every section in full (reports do this anyway).")
    ] = False,
    fmt: FmtOpt = TABLE,
    export: ExportOpt = None,
) -> None:
    """Compare roles side by side: the key facts, or every section with --full.

    With no roles, compares the target roles saved in your profile (when there
    are two or more), else Data Analyst and Lead Machine Learning Engineer. O*NET
    occupations (a code or title) can be compared with roles. The last line lists,
    for each pair, the required skills both ask for.

    \b
    Example:
      careercli compare "data scientist" "ml engineer" -s skills -s tools
    """
    from careercli import views
    from careercli.occupations.tier import compare as compare_roles
    from careercli.salary import Wages

    cat = catalog()
    result = compare_roles(cat, role or [], Wages.load(), [] if role else saved_targets())
    if result.source == "profile":
        note("Comparing the target roles saved in your profile.")
    sections = [s.value for s in section] if section else list(Section.values())
    compact = fmt == TABLE and not (section or full or export)
    emit(
        fmt,
        lambda: views.compare_json(cat, result),
        lambda: (
            views.compare_compact_doc(cat, result)
            if compact
            else views.compare_doc(cat, result, sections)
        ),
        export=export,
        title="careercli: " + " vs ".join(r.name for r in result.roles),
        about=lambda: [
            ("Roles", ", ".join(f"{r.name} ({r.id})" for r in result.roles)),
            (
                "Chosen",
                {
                    "profile": "the target roles saved in your profile",
                    "seed": "by default: the two roles of the seed article",
                }.get(result.source, "as typed: " + ", ".join(role or [])),
            ),
            ("Rows", ", ".join(sections)),
        ],
    )


def register(app: typer.Typer, sub_app: dict[str, Any]) -> None:
    for command in (roles, show, compare):
        app.command(rich_help_panel="Catalog")(command)
