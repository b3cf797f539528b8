"""What every command shares: global state, the catalog, option types, reading skills input,
and `emit`, which writes one result in the chosen format (or exports it as a report)."""

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from careercli.errors import CareerError
from careercli.vocab import CareerLevel, Education, Format

if TYPE_CHECKING:
    from collections.abc import Callable

    from careercli.catalog import Catalog
    from careercli.render import Doc


class State:
    data_dir: Path | None = None
    pager: bool = True
    argv: list[str] = []  # noqa: RUF012 - one process, one command


state = State()


def catalog() -> "Catalog":
    from careercli.catalog import load_catalog
    from careercli.paths import overlay_dir

    return load_catalog(overlay_dir(state.data_dir))


FORMAT_HELP = "Output format. JSON goes to stdout alone; tables are plain when piped."
FmtOpt = Annotated[Format, typer.Option("--format", "-f", help=FORMAT_HELP)]
TABLE = Format.table

ExportOpt = Annotated[
    Path | None,
    typer.Option(
        "--export",
        metavar="FILE",
        help="Save the report to FILE instead: .html, .svg (as shown in a terminal) or .md.",
    ),
]
SkillsOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--skills",
        "-s",
        help='Your skills, comma-separated (repeatable), e.g. "sql, python, tableau".',
    ),
]
SkillsFileOpt = Annotated[
    str | None,
    typer.Option(
        "--skills-file",
        help="A file of skills, one per line or comma-separated; '-' reads standard input.",
    ),
]


YearsOpt = Annotated[
    float | None,
    typer.Option("--years", min=0, max=60, help="Your years of work experience in the field."),
]
EducationOpt = Annotated[
    Education | None,
    typer.Option("--education", help="Your highest education."),
]
LevelOpt = Annotated[
    CareerLevel | None,
    typer.Option("--level", help="Your career level (instead of what your years suggest)."),
]


def background(
    years: float | None, education: Any, level: Any, profile: Any = None, cv: Any = None
) -> Any:
    """The person's background: the saved profile's, with these options on top, and what a
    résumé (`cv`, a CvBackground) states filling what neither says (said on stderr)."""
    from careercli.background import Person
    from careercli.profile import load_profile

    if profile is not None:
        base = profile.person
    else:
        try:
            base = load_profile().person
        except CareerError as exc:
            # Skills given on the command line need no profile; say why its background is unused.
            note(f"Your saved background is not used: {exc.message}")
            base = Person()
    person = base.with_overrides(
        years, education.value if education else None, level.value if level else None
    )
    if cv is None:
        return person
    fill = cv.fills(person.years, person.education)
    if not fill:
        return person
    note(f"From your résumé: {cv.describe(fill)}. Say otherwise with --years or --education.")
    return person.with_overrides(
        cv.years if "years" in fill else None, cv.education if "education" in fill else None, None
    )


def saved_targets() -> list[str]:
    """The profile's target roles; none (said on stderr) when the profile cannot be read."""
    from careercli.profile import load_profile

    try:
        return list(load_profile().targets)
    except CareerError as exc:
        note(f"Your saved targets are not used: {exc.message}")
        return []


def complete_role(incomplete: str) -> list[str]:
    try:
        ids = catalog().role_ids
    except CareerError:
        return []
    return [i for i in ids if i.startswith(incomplete.lower())]


def note(text: str) -> None:
    """A message for the user, on stderr so it never mixes with data on stdout. Text from data
    or from the user (a role, a file name) can carry escape sequences: they are removed."""
    from careercli.render import clean

    sys.stderr.write(clean(text) + "\n")


def declined() -> None:
    note("Nothing changed.")
    raise typer.Exit(1)


# --------------------------------------------------------------------------- skills input

MAX_INPUT_BYTES = 2 * 1024 * 1024


def read_skill_inputs(skills: list[str] | None, skills_file: str | None) -> list[str]:
    from careercli.matching.resolve import split_inputs

    chunks = list(skills or [])
    if skills_file is not None:
        chunks.append(read_text_input(skills_file))
    return split_inputs(chunks)


def read_text_input(source: str) -> str:
    """Text from a file or '-' (stdin), refusing binary or oversized input with a clear error."""
    try:
        if source == "-":
            raw = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
            name = "standard input"
        else:
            with open(source, "rb") as fh:
                raw = fh.read(MAX_INPUT_BYTES + 1)
            name = source
    except OSError as exc:
        raise CareerError(f"Cannot read {source}: {exc.strerror or exc}") from None
    if len(raw) > MAX_INPUT_BYTES:
        raise CareerError(f"{name} is larger than {MAX_INPUT_BYTES // 1024 // 1024} MiB.")
    if b"\0" in raw:
        raise CareerError(f"{name} looks like a binary file, not a list of skills.")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CareerError(f"{name} is not UTF-8 text.") from None


def skills_or_profile(skills: list[str] | None, skills_file: str | None, *, required: bool) -> Any:
    """Skills from the options, else those saved in the profile (said on stderr); returns
    (inputs, profile or None)."""
    from careercli.profile import skills_or_saved

    inputs, prof, said = skills_or_saved(read_skill_inputs(skills, skills_file), required=required)
    if said:
        note(said)
    return inputs, prof


# --------------------------------------------------------------------------- output


def about_you(inputs: list[str], resume: Any, person: Any, prof: Any) -> list[tuple[str, str]]:
    """What a report about a person was made from: their skills, résumé, background and
    whether the saved profile was read."""
    from careercli.profile import profile_path

    out = [("Skills", ", ".join(inputs) or "none typed")]
    if resume is not None:
        out.append(("Résumé", str(resume)))
    if person is not None and person.known:
        said = [
            f"{person.years:g} years" if person.years is not None else "",
            person.education or "",
            f"level {person.level}" if person.level else "",
        ]
        out.append(("Background", ", ".join(p for p in said if p)))
    else:
        out.append(("Background", "not given (entry requirements left unchecked)"))
    out.append(("Profile", str(profile_path()) if prof is not None else "not used"))
    return out


def listing_demands(cat: Any, role_ids: list[str]) -> dict[str, Any]:
    """Demand for skills in the user's stored listings of these roles (careercli.jobs.demand),
    or {} at no cost when there is no job store."""
    from careercli.paths import store_file

    if not role_ids or not store_file().is_file():
        return {}
    from careercli.jobs.demand import role_demands

    return role_demands(cat, role_ids)


def report_meta(title: str, about: "Callable[[], list[tuple[str, str]]] | None") -> Any:
    import datetime as dt
    import shlex

    from careercli import __version__
    from careercli.report import ReportMeta

    inputs = list(about()) if about else []
    folder = state.data_dir or os.environ.get("CAREERCLI_DATA_DIR")
    inputs.append(
        (
            "Data",
            f"careercli's bundled data, with your data folder {folder}"
            if folder
            else "careercli's bundled data (no data folder of your own)",
        )
    )
    command = "careercli " + shlex.join(state.argv)
    return ReportMeta(title, command, __version__, dt.datetime.now().astimezone(), inputs)


def emit(
    fmt: Any,
    data: "Callable[[], Any]",
    doc: "Callable[[], Doc]",
    records: "Callable[[], list[dict[str, Any]]] | None" = None,
    *,
    export: Path | None = None,
    title: str = "",
    about: "Callable[[], list[tuple[str, str]]] | None" = None,
) -> None:
    """Write one result in the chosen format. `data` and `doc` are callables, built lazily;
    `records` (flat dicts) feeds CSV where the table's display text would not suit a script.
    With `export`, the report goes to that file (.html, .svg or .md) instead of stdout, saying
    what it was made from: the command, `about` (what the command read: skills, profile,
    filters) and the data folder."""
    from careercli import render

    fmt = getattr(fmt, "value", fmt)
    if export is not None:
        kind = export.suffix.lower().lstrip(".")
        kind = {"markdown": "md", "htm": "html"}.get(kind, kind)
        if kind not in ("html", "svg", "md"):
            raise CareerError(
                f"Cannot export to {export.name}: use a .html, .svg or .md file name."
            )
        from careercli.paths import write_atomic

        meta = report_meta(title or "careercli report", about)
        text = render.report(doc(), kind, title or "careercli report", meta)
        try:  # all or nothing: a full disk never leaves half a report over the old one
            write_atomic(export, text.encode("utf-8"), make_folder=False)
        except OSError as exc:
            raise CareerError(f"Cannot write {export}: {exc.strerror or exc}") from None
        note(f"Saved {export}")
        return
    if fmt == "json":
        sys.stdout.write(render.to_json(data()))
    elif fmt == "markdown":
        sys.stdout.write(render.to_markdown(doc()))
    elif fmt == "csv":
        sys.stdout.write(render.records_csv(records()) if records else render.to_csv(doc()))
    else:
        render.show_doc(doc(), render.make_console(), pager=state.pager)
    sys.stdout.flush()
