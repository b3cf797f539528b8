"""Your data: validate a data folder."""

from pathlib import Path
from typing import Annotated, Any

import typer

from careercli.commands.common import TABLE, FmtOpt, emit, note, state


def validate(
    directory: Annotated[
        Path | None,
        typer.Argument(help="A data folder (roles/*.yaml, skills.yaml, ...). Default: --data-dir."),
    ] = None,
    fmt: FmtOpt = TABLE,
) -> None:
    """Check a data folder; list each problem with file and line.

    The folder is checked as an overlay on the bundled catalog, so your roles may
    name bundled skills and certifications. Exits 1 if anything is wrong.

    \b
    Example:
      careercli validate ~/my-careercli-data
    """
    from careercli import views
    from careercli.catalog import validate as check_folder
    from careercli.paths import overlay_dir

    folder = overlay_dir(directory if directory is not None else state.data_dir)
    problems, counts = check_folder(folder)
    emit(
        fmt,
        lambda: views.validate_json(folder, problems, counts),
        lambda: views.validate_doc(folder, problems, counts),
    )
    if problems:
        note(f"{len(problems)} problem(s) found in {views.folder_name(folder)}.")
        raise typer.Exit(1)


def register(app: typer.Typer, sub_app: dict[str, Any]) -> None:
    app.command(rich_help_panel="Your data")(validate)
