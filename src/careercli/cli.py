"""The command line: parse, call the core, render, set the exit code. Nothing else lives here."""

from __future__ import annotations

import enum
import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from careercli import __version__
from careercli.errors import CareerError


class CareerGroup(TyperGroup):
    """Plain help with commands grouped in panels, and the one place errors become exit codes."""

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        panels: dict[str, list[tuple[str, str]]] = {}
        limit = formatter.width - 6 - max((len(n) for n in self.list_commands(ctx)), default=0)
        for name in self.list_commands(ctx):
            cmd = self.get_command(ctx, name)
            if cmd is None or cmd.hidden:
                continue
            panel = getattr(cmd, "rich_help_panel", None) or "Commands"
            panels.setdefault(panel, []).append((name, cmd.get_short_help_str(limit)))
        for panel, rows in panels.items():
            with formatter.section(panel):
                formatter.write_dl(rows)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except CareerError as exc:
            sys.stderr.write(f"Error: {exc}\n")
            raise typer.Exit(1) from None
        except BrokenPipeError:
            _silence_stdout()
            raise typer.Exit(0) from None
        except KeyboardInterrupt:
            sys.stderr.write("Interrupted.\n")
            raise typer.Exit(130) from None


def _silence_stdout() -> None:
    # The reader went away (`careercli jobs | head -1`): drop further output instead of
    # letting the interpreter's final flush raise again.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


HELP = """Offline career advisor for data, analytics, ML and software roles.

\b
Examples:
  careercli compare                       # Data Analyst vs Lead ML Engineer
  careercli show "data scientist"
  careercli roles --track ml
"""

app = typer.Typer(
    cls=CareerGroup,
    help=HELP,
    rich_markup_mode=None,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)


class State:
    data_dir: Path | None = None


state = State()


def catalog() -> Any:
    from careercli.catalog import load_catalog
    from careercli.paths import overlay_dir

    return load_catalog(overlay_dir(state.data_dir))


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"careercli {__version__}\n")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", "-V", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
    data_dir: Annotated[
        Path | None,
        typer.Option(
            "--data-dir",
            envvar="CAREERCLI_DATA_DIR",
            help="Your own data folder (same layout as data/), overlaid on the bundled catalog.",
            show_envvar=True,
        ),
    ] = None,
) -> None:
    state.data_dir = data_dir


class Fmt(str, enum.Enum):
    table = "table"
    json = "json"
    markdown = "markdown"


class ShowFmt(str, enum.Enum):
    table = "table"
    json = "json"
    markdown = "markdown"
    yaml = "yaml"


FORMAT_HELP = "Output format. JSON goes to stdout alone; tables are plain when piped."


def emit(fmt: str, data: Any, doc: Any) -> None:
    """Write one result in the chosen format. `data` and `doc` are callables, built lazily."""
    from careercli import render

    if fmt == "json":
        sys.stdout.write(render.to_json(data()))
    elif fmt == "markdown":
        sys.stdout.write(render.to_markdown(doc()))
    elif fmt == "csv":
        sys.stdout.write(render.to_csv(doc()))
    else:
        render.print_doc(doc(), render.make_console())
    sys.stdout.flush()


def _complete_role(incomplete: str) -> list[str]:
    try:
        ids = catalog().role_ids
    except CareerError:
        return []
    return [i for i in ids if i.startswith(incomplete.lower())]


# --------------------------------------------------------------------------- catalog


class Track(str, enum.Enum):
    analytics = "analytics"
    data_science = "data-science"
    data_engineering = "data-engineering"
    ml = "ml"
    research = "research"
    software = "software"
    cloud = "cloud"
    database = "database"
    leadership = "leadership"
    academia = "academia"
    quant = "quant"


@app.command(rich_help_panel="Catalog")
def roles(
    track: Annotated[
        list[Track] | None, typer.Option("--track", "-t", help="Only roles on this track.")
    ] = None,
    fmt: Annotated[Fmt, typer.Option("--format", "-f", help=FORMAT_HELP)] = Fmt.table,
) -> None:
    """List the roles in the catalog.

    \b
    Example:
      careercli roles --track analytics
    """
    from careercli import views
    from careercli.schema import LEVELS

    cat = catalog()
    wanted = {t.value for t in track or ()}
    rank = {lvl: n for n, lvl in enumerate(LEVELS)}
    rows = [r for r in cat.index if not wanted or r[2] in wanted]
    rows.sort(key=lambda r: (r[2], rank.get(r[3], 99), r[1].casefold()))
    chosen = cat.roles([r[0] for r in rows])
    emit(
        fmt.value,
        lambda: {"roles": [r.to_dict(cat) for r in chosen]},
        lambda: views.roles_doc(chosen),
    )


@app.command(rich_help_panel="Catalog")
def show(
    role: Annotated[
        str,
        typer.Argument(
            help="Role id, name, alias or a typo of them.", autocompletion=_complete_role
        ),
    ],
    fmt: Annotated[ShowFmt, typer.Option("--format", "-f", help=FORMAT_HELP)] = ShowFmt.table,
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
    if fmt is ShowFmt.yaml:
        from careercli.catalog import role_yaml

        sys.stdout.write(role_yaml(found))
        return
    emit(fmt.value, lambda: {"role": found.to_dict(cat)}, lambda: views.show_doc(cat, found))


class Section(str, enum.Enum):
    definition = "definition"
    responsibilities = "responsibilities"
    skills = "skills"
    education = "education"
    certifications = "certifications"
    tools = "tools"
    industries = "industries"
    outlook = "outlook"
    steps = "steps"
    related = "related"
    common = "common"


DEFAULT_COMPARE = ("data-analyst", "lead-machine-learning-engineer")


@app.command(rich_help_panel="Catalog")
def compare(
    role: Annotated[
        list[str] | None,
        typer.Argument(
            help="Two to four roles (default: Data Analyst and Lead Machine Learning Engineer).",
            autocompletion=_complete_role,
        ),
    ] = None,
    section: Annotated[
        list[Section] | None,
        typer.Option("--section", "-s", help="Only these rows (repeatable)."),
    ] = None,
    fmt: Annotated[Fmt, typer.Option("--format", "-f", help=FORMAT_HELP)] = Fmt.table,
) -> None:
    """Compare roles side by side, section by section.

    With no roles, compares Data Analyst and Lead Machine Learning Engineer.
    The last rows list the skills the roles share and their overlap.

    \b
    Example:
      careercli compare "data scientist" "ml engineer" --section skills --section tools
    """
    from careercli import views

    cat = catalog()
    if role:
        chosen = [cat.find_role(r) for r in role]
    else:
        chosen = [cat.role(r) for r in DEFAULT_COMPARE if cat.has_role(r)]
    ids = [r.id for r in chosen]
    if len(set(ids)) != len(ids):
        dup = next(r for r in chosen if ids.count(r.id) > 1)
        raise CareerError(f"{dup.name} is named more than once; compare needs different roles.")
    if not 2 <= len(chosen) <= 4:
        raise CareerError(
            f"compare takes two to four roles, not {len(chosen)}.",
            hint="For one role use: careercli show ROLE",
        )
    sections = [s.value for s in section] if section else list(views.SECTIONS)
    emit(
        fmt.value,
        lambda: views.compare_json(cat, chosen),
        lambda: views.compare_doc(cat, chosen, sections),
    )


# --------------------------------------------------------------------------- skills


def read_skill_inputs(skills: list[str] | None, skills_file: str | None) -> list[str]:
    from careercli.matching import split_inputs

    chunks = list(skills or [])
    if skills_file is not None:
        chunks.append(_read_text_input(skills_file))
    return split_inputs(chunks)


MAX_INPUT_BYTES = 2 * 1024 * 1024


def _read_text_input(source: str) -> str:
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


@app.command(rich_help_panel="Your skills")
def gap(
    skills: SkillsOpt = None,
    skills_file: SkillsFileOpt = None,
    role: Annotated[
        list[str] | None,
        typer.Option(
            "--role",
            "-r",
            help="Only this role (repeatable; fuzzy).",
            autocompletion=_complete_role,
        ),
    ] = None,
    top: Annotated[
        int, typer.Option("--top", "-n", min=0, help="How many roles to rank (0 = all).")
    ] = 10,
    explain: Annotated[
        bool, typer.Option("--explain", help="Show how each input was read and each fit computed.")
    ] = False,
    fmt: Annotated[Fmt, typer.Option("--format", "-f", help=FORMAT_HELP)] = Fmt.table,
) -> None:
    """Rank roles by how well your skills fit, and show what to learn next.

    Required skills weigh 3, nice-to-have 1; a skill implied by one you have
    (PostgreSQL -> SQL) earns half credit. For the best role (or each --role) it
    lists what matched and how, the missing skills in learning order with the
    certifications that cover them, the next best skill and how to start.

    \b
    Example:
      careercli gap --skills "sql, python, tableau"
      careercli gap --skills-file my-skills.txt --role "data scientist" --explain
    """
    from careercli import views
    from careercli.matching import gap_report

    inputs = read_skill_inputs(skills, skills_file)
    if not inputs:
        raise CareerError(
            "No skills given.",
            hint='Pass them with --skills "sql, python" or --skills-file FILE (- for stdin).',
        )
    cat = catalog()
    role_ids = [cat.resolve_role_id(r) for r in role] if role else None
    report = gap_report(cat, inputs, role_ids=role_ids, top=top)
    detail = list(dict.fromkeys(role_ids)) if role_ids else [r.id for r in report.roles[:1]]
    emit(fmt.value, report.to_dict, lambda: views.gap_doc(report, detail, explain))


@app.command(rich_help_panel="Your skills")
def skills(
    text: Annotated[
        list[str] | None,
        typer.Argument(help="Inputs to look up, comma-separated. None: list the taxonomy."),
    ] = None,
    fmt: Annotated[Fmt, typer.Option("--format", "-f", help=FORMAT_HELP)] = Fmt.table,
) -> None:
    """List the skills taxonomy, or show what each input resolves to and how.

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
        emit(fmt.value, lambda: views.taxonomy_json(cat), lambda: views.taxonomy_doc(cat))
        return
    resolved = Resolver(cat).resolve_all(inputs)
    emit(
        fmt.value,
        lambda: {"resolved": [r.to_dict() for r in resolved]},
        lambda: views.resolutions_doc(resolved),
    )


@app.command(rich_help_panel="Your data")
def validate(
    directory: Annotated[
        Path | None,
        typer.Argument(help="A data folder (roles/*.yaml, skills.yaml, ...). Default: --data-dir."),
    ] = None,
    fmt: Annotated[Fmt, typer.Option("--format", "-f", help=FORMAT_HELP)] = Fmt.table,
) -> None:
    """Check a data folder: every problem with its file, field and line.

    The folder is checked as an overlay on the bundled catalog, so your roles may
    name bundled skills and certifications. Exits 1 if anything is wrong.

    \b
    Example:
      careercli validate ~/my-careercli-data
    """
    from careercli import catalog as catalog_mod
    from careercli.paths import overlay_dir
    from careercli.render import Doc, Text

    folder = overlay_dir(directory if directory is not None else state.data_dir)
    problems, counts = catalog_mod.validate(folder)
    where = str(folder) if folder else "the bundled catalog"
    summary = (
        f"{counts['files']} files read ({counts['roles']} roles, {counts['skills']} skills, "
        f"{counts['certifications']} certifications, {counts['jobs']} jobs)"
    )

    def doc() -> Doc:
        if not problems:
            return Doc([Text(f"OK: {where} is valid. {summary}.")])
        lines = "\n".join(str(p) for p in problems)
        return Doc([Text(lines, title=f"{len(problems)} problem(s) in {where}:")])

    emit(
        fmt.value,
        lambda: {
            "valid": not problems,
            "folder": str(folder) if folder else None,
            "counts": counts,
            "problems": [
                {"file": p.file, "line": p.line, "field": p.field, "message": p.message}
                for p in problems
            ],
        },
        doc,
    )
    if problems:
        raise typer.Exit(1)


def main() -> int:
    """Console-script entry point."""
    try:
        app(prog_name="careercli")
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return 0
