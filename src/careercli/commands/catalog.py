"""Catalog commands: roles, show, compare."""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer

from careercli.catalog.schema import TRACKS
from careercli.commands.common import (
    FORMAT_HELP,
    TABLE,
    ExportOpt,
    FmtOpt,
    catalog,
    choices,
    complete_role,
    emit,
)
from careercli.views import SECTIONS

Track = choices("Track", TRACKS)
Section = choices("Section", SECTIONS)
ShowFmt = choices("ShowFmt", ("table", "json", "markdown", "yaml"))


def roles(
    track: Annotated[
        list[Track] | None,  # type: ignore[valid-type]
        typer.Option(
            "--track",
            "-t",
            metavar="TRACK",
            help="Only roles on this track (repeatable): " + ", ".join(TRACKS),
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
            help="Role id, name, alias or a typo of them.", autocompletion=complete_role
        ),
    ],
    fmt: Annotated[
        ShowFmt,  # type: ignore[valid-type]
        typer.Option("--format", "-f", help=FORMAT_HELP),
    ] = ShowFmt("table"),
) -> None:
    """Show one role's full profile.

    \b
    Example:
      careercli show "ml engineer"
      careercli show data-analyst --format yaml > my-role.yaml
    """
    from careercli import views

    cat = catalog()
    found = cat.find_role(role)
    if fmt.value == "yaml":
        from careercli.catalog import role_yaml

        sys.stdout.write(role_yaml(found))
        return
    emit(fmt, lambda: {"role": found.to_dict(cat)}, lambda: views.show_doc(cat, found))


def compare(
    role: Annotated[
        list[str] | None,
        typer.Argument(
            help="Two to four roles (default: Data Analyst and Lead Machine Learning Engineer).",
            autocompletion=complete_role,
        ),
    ] = None,
    section: Annotated[
        list[Section] | None,  # type: ignore[valid-type]
        typer.Option(
            "--section",
            "-s",
            metavar="NAME",
            help="Only these rows (repeatable): " + ", ".join(SECTIONS),
        ),
    ] = None,
    fmt: FmtOpt = TABLE,
    export: ExportOpt = None,
) -> None:
    """Compare roles side by side, section by section.

    With no roles, compares Data Analyst and Lead Machine Learning Engineer.
    The last rows list the skills the roles share and their overlap.

    \b
    Example:
      careercli compare "data scientist" "ml engineer" -s skills -s tools
    """
    from careercli import views
    from careercli.compare import compare as compare_roles
    from careercli.salary import Wages

    cat = catalog()
    result = compare_roles(cat, role or [], Wages.load())
    sections = [s.value for s in section] if section else list(SECTIONS)
    emit(
        fmt,
        lambda: views.compare_json(cat, result),
        lambda: views.compare_doc(cat, result, sections),
        export=export,
        title="careercli: " + " vs ".join(r.name for r in result.roles),
    )


def register(app: typer.Typer, sub_app: dict[str, Any]) -> None:
    for command in (roles, show, compare):
        app.command(rich_help_panel="Catalog")(command)
