"""The command line: parse, call the core, render, set the exit code. Nothing else lives here."""

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
        limit = formatter.width - 4 - max((len(n) for n in self.list_commands(ctx)), default=0)
        for name in self.list_commands(ctx):
            cmd = self.get_command(ctx, name)
            if cmd is None or cmd.hidden:
                continue
            panel = getattr(cmd, "rich_help_panel", None) or "Commands"
            panels.setdefault(panel, []).append((name, cmd.get_short_help_str(limit)))
        for panel, rows in panels.items():
            with formatter.section(panel):
                formatter.write_dl(rows)

    def main(self, args: Any = None, *rest: Any, **kwargs: Any) -> Any:
        # Bytes that are not UTF-8 reach Python as lone surrogates, which neither SQLite nor
        # YAML can store: read them as U+FFFD once, here, for every command.
        if args is None:
            args = sys.argv[1:]
        args = [_valid_text(a) if isinstance(a, str) else a for a in args]
        return super().main(args, *rest, **kwargs)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except CareerError as exc:
            from careercli.render import clean

            sys.stderr.write(f"Error: {clean(str(exc))}\n")
            raise typer.Exit(1) from None
        except BrokenPipeError:
            _silence_stdout()
            raise typer.Exit(0) from None
        except KeyboardInterrupt:
            sys.stderr.write("Interrupted.\n")
            raise typer.Exit(130) from None


def _valid_text(text: str) -> str:
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        try:
            raw = text.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:
            raw = text.encode("utf-8", "surrogatepass")
        return raw.decode("utf-8", "replace")


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
    invoke_without_command=True,
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
    ctx: typer.Context,
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
    if ctx.invoked_subcommand is None:
        sys.stdout.write(ctx.get_help() + "\n")
        raise typer.Exit(0)


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
ExportOpt = Annotated[
    Path | None,
    typer.Option(
        "--export",
        metavar="FILE",
        help="Save the report to FILE instead: .html, .svg (as shown in a terminal) or .md.",
    ),
]


def declined() -> None:
    note("Nothing changed.")
    raise typer.Exit(1)


def note(text: str) -> None:
    """A message for the user, on stderr so it never mixes with data on stdout."""
    sys.stderr.write(text + "\n")


def saved_profile() -> Any:
    from careercli.profile import load_profile, profile_path

    prof = load_profile()
    return prof, profile_path()


def emit(
    fmt: str, data: Any, doc: Any, records: Any = None, *, export: Path | None = None, title=""
) -> None:
    """Write one result in the chosen format. `data` and `doc` are callables, built lazily;
    `records` (flat dicts) feeds CSV where the table's display text would not suit a script.
    With `export`, the report goes to that file (.html, .svg or .md) instead of stdout."""
    from careercli import render

    if export is not None:
        kind = export.suffix.lower().lstrip(".")
        kind = {"markdown": "md", "htm": "html"}.get(kind, kind)
        if kind not in ("html", "svg", "md"):
            raise CareerError(
                f"Cannot export to {export.name}: use a .html, .svg or .md file name."
            )
        text = render.report(doc(), kind, title or "careercli report")
        try:
            export.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise CareerError(f"Cannot write {export}: {exc.strerror or exc}") from None
        sys.stderr.write(f"Saved {export}\n")
        return
    if fmt == "json":
        sys.stdout.write(render.to_json(data()))
    elif fmt == "markdown":
        sys.stdout.write(render.to_markdown(doc()))
    elif fmt == "csv":
        sys.stdout.write(render.records_csv(records()) if records else render.to_csv(doc()))
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
        list[Track] | None,
        typer.Option(
            "--track",
            "-t",
            metavar="TRACK",
            help="Only roles on this track (repeatable): " + ", ".join(t.value for t in Track),
        ),
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
    salary = "salary"
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
        typer.Option(
            "--section",
            "-s",
            metavar="NAME",
            help="Only these rows (repeatable): " + ", ".join(x.value for x in Section),
        ),
    ] = None,
    fmt: Annotated[Fmt, typer.Option("--format", "-f", help=FORMAT_HELP)] = Fmt.table,
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
    from careercli.salary import Wages, role_salary

    wages = Wages.load()
    pay = [role_salary(r, wages) for r in chosen]
    emit(
        fmt.value,
        lambda: views.compare_json(cat, chosen, {"salary": [p.to_dict() for p in pay]}),
        lambda: views.compare_doc(
            cat, chosen, sections, {"salary": [views.salary_cell(p) for p in pay]}
        ),
        export=export,
        title="careercli: " + " vs ".join(r.name for r in chosen),
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
        int,
        typer.Option("--top", "-n", min=0, max=100_000, help="How many roles to rank (0 = all)."),
    ] = 10,
    explain: Annotated[
        bool, typer.Option("--explain", help="Show how each input was read and each fit computed.")
    ] = False,
    fmt: Annotated[Fmt, typer.Option("--format", "-f", help=FORMAT_HELP)] = Fmt.table,
    export: ExportOpt = None,
) -> None:
    """Rank roles by fit to your skills; show what to learn next.

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
    from careercli.profile import load_progress

    cat = catalog()
    inputs, prof = skills_or_profile(skills, skills_file, required=True)
    targets = [t for t in prof.targets if cat.has_role(t)] if prof else []
    role_ids = [cat.resolve_role_id(r) for r in role] if role else None
    progress = load_progress()
    done = progress.done_skills()
    # Tables show details for a few roles only; JSON has them for every ranked role.
    only = None if fmt is Fmt.json else set(role_ids or targets)
    # Roles named with --role are all shown, whatever --top says.
    limit = 0 if role_ids else top
    report = gap_report(cat, inputs, role_ids=role_ids, top=limit, also_known=done, detail=only)
    if role_ids:
        detail = list(dict.fromkeys(role_ids))
    elif targets:
        detail = targets
        present = {r.id for r in report.roles}
        extra = gap_report(cat, inputs, role_ids=targets, top=0, also_known=done, detail=only)
        report.roles += [r for r in extra.roles if r.id not in present]
    else:
        detail = [r.id for r in report.roles[:1]]
    for role_id in detail:
        report.detail(cat, role_id)
    report.statuses = {k: v for k, v in progress.skills.items() if v != "done"}
    emit(
        fmt.value,
        report.to_dict,
        lambda: views.gap_doc(report, detail, explain),
        export=export,
        title="careercli: skills gap",
    )


def skills_or_profile(
    skills: list[str] | None, skills_file: str | None, *, required: bool
) -> tuple[list[str], Any]:
    """Skills from the options, else those saved in the profile (said on stderr), and the
    profile when it was read. `required`: no skills at all is an error."""
    inputs = read_skill_inputs(skills, skills_file)
    if inputs:
        return inputs, None
    prof, path = saved_profile()
    if prof.skills:
        note(f"Using the {len(prof.skills)} skills saved in your profile ({path}).")
    elif required:
        raise CareerError(
            "No skills given.",
            hint='Pass them with --skills "sql, python" or --skills-file FILE (- for stdin), '
            'or save them once: careercli profile set --skills "sql, python".',
        )
    return list(prof.skills), prof


@app.command(rich_help_panel="Your skills")
def skills(
    text: Annotated[
        list[str] | None,
        typer.Argument(help="Inputs to look up, comma-separated. None: list the taxonomy."),
    ] = None,
    fmt: Annotated[Fmt, typer.Option("--format", "-f", help=FORMAT_HELP)] = Fmt.table,
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
        emit(fmt.value, lambda: views.taxonomy_json(cat), lambda: views.taxonomy_doc(cat))
        return
    resolved = Resolver(cat).resolve_all(inputs)
    emit(
        fmt.value,
        lambda: {"resolved": [r.to_dict() for r in resolved]},
        lambda: views.resolutions_doc(resolved),
    )


# --------------------------------------------------------------------------- jobs

jobs_app = typer.Typer(
    cls=CareerGroup,
    rich_markup_mode=None,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    help="""List job openings with filters; sync or import more.

\b
Example:
  careercli jobs --remote
  careercli jobs --skills "sql, python" --sort fit --limit 10
  careercli jobs --search spark --min-salary 150000 --format csv > jobs.csv
""",
)
app.add_typer(jobs_app, name="jobs", rich_help_panel="Jobs")


class JobFmt(str, enum.Enum):
    table = "table"
    json = "json"
    markdown = "markdown"
    csv = "csv"


class JobLevel(str, enum.Enum):
    intern = "intern"
    entry = "entry"
    mid = "mid"
    senior = "senior"
    lead = "lead"
    executive = "executive"


class JobType(str, enum.Enum):
    full_time = "full-time"
    part_time = "part-time"
    contract = "contract"
    internship = "internship"
    temporary = "temporary"


class JobSort(str, enum.Enum):
    posted = "posted"
    salary = "salary"
    fit = "fit"


def _date(value: str | None) -> str | None:
    if value is None:
        return None
    import datetime as dt

    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date like 2026-01-31") from None


@jobs_app.callback()
def jobs(
    ctx: typer.Context,
    remote: Annotated[bool, typer.Option("--remote", help="Only fully remote listings.")] = False,
    level: Annotated[JobLevel | None, typer.Option("--level", help="Seniority.")] = None,
    type_: Annotated[JobType | None, typer.Option("--type", help="Employment type.")] = None,
    role: Annotated[
        str | None,
        typer.Option(
            "--role",
            "-r",
            help="Listings mapped to this role (fuzzy).",
            autocompletion=_complete_role,
        ),
    ] = None,
    company: Annotated[str | None, typer.Option("--company", help="Company contains.")] = None,
    location: Annotated[str | None, typer.Option("--location", help="Location contains.")] = None,
    min_salary: Annotated[
        int | None,
        typer.Option(
            "--min-salary",
            min=0,
            max=100_000_000,
            help="Yearly salary the range reaches (max >= N; hourly/monthly made yearly).",
        ),
    ] = None,
    search: Annotated[
        str | None, typer.Option("--search", "-q", help="Words in the title or description.")
    ] = None,
    since: Annotated[
        str | None, typer.Option("--since", help="Posted on or after this date (YYYY-MM-DD).")
    ] = None,
    source: Annotated[
        str | None, typer.Option("--source", help="Only this source (e.g. lever:acme, lever).")
    ] = None,
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=0, max=1_000_000, help="At most N (0 = all).")
    ] = 20,
    sort: Annotated[
        JobSort | None,
        typer.Option("--sort", help="Order: posted (default), salary, or fit (with skills)."),
    ] = None,
    skills: SkillsOpt = None,
    skills_file: SkillsFileOpt = None,
    fmt: Annotated[JobFmt, typer.Option("--format", "-f", help=FORMAT_HELP)] = JobFmt.table,
) -> None:
    if ctx.invoked_subcommand is not None:
        return
    from careercli import views
    from careercli.jobs import Query, Store, listing_fit

    cat = catalog()
    inputs, _ = skills_or_profile(skills, skills_file, required=False)
    order = sort.value if sort else ("fit" if inputs else "posted")
    if order == "fit" and not inputs:
        raise CareerError("--sort fit needs your skills.", hint='Add --skills "sql, python".')
    query = Query(
        remote=remote,
        level=level.value if level else None,
        type=type_.value if type_ else None,
        role=cat.resolve_role_id(role) if role else None,
        company=company,
        location=location,
        min_salary=min_salary,
        search=search,
        since=_date(since),
        source=source,
        limit=limit or None,
        sort=order,
    )
    with Store(cat) as store:
        found = store.search(query)
    if inputs:
        from careercli.matching import Resolver, known_skills

        credit, _ = known_skills(cat, Resolver(cat).resolve_all(inputs))
        for job in found:
            job.fit = listing_fit(cat, job, credit)
        if order == "fit":
            found.sort(key=lambda j: (j.fit is None, -(j.fit or 0.0), j.title))
            if limit:
                found = found[:limit]
    with_fit = bool(inputs)
    emit(
        fmt.value,
        lambda: {"jobs": [j.to_dict(with_fit) for j in found]},
        lambda: views.jobs_doc(found, with_fit, cat),
        lambda: [j.record(with_fit) for j in found],
    )


@jobs_app.command("import")
def jobs_import(
    file: Annotated[Path, typer.Argument(help="A JobSpy CSV, or JSON/YAML with careercli's keys.")],
    fmt: Annotated[Fmt, typer.Option("--format", "-f", help=FORMAT_HELP)] = Fmt.table,
) -> None:
    """Import listings from a file; bad rows are reported with their line and skipped.

    \b
    Example:
      careercli jobs import jobs_New_York.csv
    """
    from careercli.jobs import Store, read_listing_file
    from careercli.render import Doc, Text

    cat = catalog()
    source, rows = read_listing_file(file)
    with Store(cat, write=True) as store:
        result = store.import_rows(rows, str(file), source)
    for line, problem in result.problems[:50]:
        sys.stderr.write(f"{file}:{line}: skipped: {problem}\n")
    if len(result.problems) > 50:
        sys.stderr.write(f"... and {len(result.problems) - 50} more skipped rows\n")
    summary = (
        f"Imported {result.imported} listing(s) from {file} into "
        f"{', '.join(result.sources) or 'no source'}; {len(result.problems)} row(s) skipped."
    )
    emit(
        fmt.value,
        lambda: {
            "imported": result.imported,
            "skipped": [{"line": ln, "problem": p} for ln, p in result.problems],
            "sources": result.sources,
        },
        lambda: Doc([Text(summary)]),
    )
    if result.imported == 0 and result.problems:
        raise typer.Exit(1)


@jobs_app.command("sync")
def jobs_sync(
    sources: Annotated[
        list[str],
        typer.Argument(help="lever:COMPANY, greenhouse:BOARD, ashby:BOARD, remotive, remoteok."),
    ],
    base_url: Annotated[
        str | None,
        typer.Option("--base-url", help="Fetch from this mirror or proxy instead (http/https)."),
    ] = None,
    timeout: Annotated[
        float, typer.Option("--timeout", min=1, max=300, help="Seconds before giving up.")
    ] = 20.0,
    fmt: Annotated[Fmt, typer.Option("--format", "-f", help=FORMAT_HELP)] = Fmt.table,
) -> None:
    """Fetch listings from public job boards into your job store.

    The only command that uses the network. Each source is replaced in one
    transaction: a failed fetch changes nothing.

    \b
    Example:
      careercli jobs sync lever:leverdemo greenhouse:example remotive
    """
    from careercli import boards
    from careercli.jobs import Store
    from careercli.render import Doc, Table

    cat = catalog()
    specs = [boards.parse_spec(s) for s in sources]
    results: list[dict[str, Any]] = []
    failed: list[str] = []
    with Store(cat, write=True) as store:
        for spec in specs:
            try:
                listings = boards.fetch_listings(spec, base_url, timeout=timeout)
                count = store.replace_source(
                    spec.key, spec.kind, boards.source_url(spec, base_url), listings
                )
                results.append({"source": spec.key, "ok": True, "listings": count, "error": None})
            except CareerError as exc:
                sys.stderr.write(f"Error: {spec.key}: {exc}\n")
                failed.append(spec.key)
                results.append(
                    {"source": spec.key, "ok": False, "listings": None, "error": str(exc)}
                )

    def doc() -> Doc:
        table = Table(["Source", "Result"])
        for r in results:
            table.rows.append(
                [
                    r["source"],
                    f"{r['listings']} listing(s)" if r["ok"] else "failed; store unchanged",
                ]
            )
        return Doc([table])

    emit(fmt.value, lambda: {"synced": results}, doc)
    if failed:
        raise typer.Exit(1)


@jobs_app.command("sources")
def jobs_sources(
    fmt: Annotated[Fmt, typer.Option("--format", "-f", help=FORMAT_HELP)] = Fmt.table,
) -> None:
    """Show each source of listings: how many, and when it was last synced or imported.

    \b
    Example:
      careercli jobs sources
    """
    from careercli import views
    from careercli.jobs import Store

    with Store(catalog()) as store:
        found = store.sources()
    emit(fmt.value, lambda: {"sources": found}, lambda: views.sources_doc(found))


@jobs_app.command("reset")
def jobs_reset(
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Start an empty job store; the old file is kept, renamed, never deleted.

    Use it when the store is damaged. Bundled listings are unaffected.

    \b
    Example:
      careercli jobs reset --yes
    """
    from careercli.jobs import reset_store, store_path

    path = store_path()
    if not path.exists():
        sys.stdout.write(f"No job store at {path}; nothing to reset.\n")
        return
    if not yes and not typer.confirm(f"Move {path} aside and start an empty store?"):
        declined()
    moved = reset_store(path)
    sys.stdout.write(f"Moved the old store to {moved}. The next sync or import starts fresh.\n")


# --------------------------------------------------------------------------- salary


@app.command(rich_help_panel="Jobs")
def salary(
    role: Annotated[
        list[str] | None,
        typer.Argument(
            help="Roles or titles (default: every role).", autocompletion=_complete_role
        ),
    ] = None,
    state: Annotated[
        str | None, typer.Option("--state", help="Two-letter US state code, e.g. CA.")
    ] = None,
    fmt: Annotated[Fmt, typer.Option("--format", "-f", help=FORMAT_HELP)] = Fmt.table,
    export: ExportOpt = None,
) -> None:
    """Wages per role (BLS OEWS, May 2025) and listing ranges.

    A role's figures are those of the BLS occupation (SOC code) it maps to;
    seniority is read as a percentile band. A generic title such as "Engineer"
    lists every role whose name contains it.

    \b
    Example:
      careercli salary "data analyst" "machine learning engineer" --state CA
    """
    from careercli import views
    from careercli.jobs import Store
    from careercli.salary import Wages, check_state, listing_stats, role_salary, roles_for_title

    cat = catalog()
    wages = Wages.load()
    if not role or not state:
        prof, path = saved_profile()
        targets = [t for t in prof.targets if cat.has_role(t)]
        if not role and targets:
            role = targets
            note(f"Showing the target roles saved in your profile ({path}).")
        if not state and prof.state:
            state = prof.state
            note(f"Using the state saved in your profile: {state}.")
    area = check_state(wages, state)
    ids: list[str] = []
    for title in role or []:
        ids += [i for i in roles_for_title(cat, title) if i not in ids]
    if not role:
        ids = cat.role_ids
    with Store(cat) as store:
        results = [
            role_salary(cat.role(i), wages, area, listing_stats(store.salary_ranges(i)))
            for i in ids
        ]
    emit(
        fmt.value,
        lambda: {
            "area": area,
            "source": wages.citation,
            "release": wages.data["release"],
            "roles": [r.to_dict() for r in results],
        },
        lambda: views.salary_doc(results, wages, area),
        export=export,
        title="careercli: salaries",
    )


# --------------------------------------------------------------------------- profile and plan

profile_app = typer.Typer(
    cls=CareerGroup,
    rich_markup_mode=None,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    help="""Save your skills, target roles and state once; gap, jobs, plan and salary use them.

\b
Example:
  careercli profile set --skills "sql, python" --target "lead ml engineer" --state CA
  careercli profile show
""",
)
app.add_typer(profile_app, name="profile", rich_help_panel="Your profile")


def _profile_doc(prof: Any, path: Path, cat: Any) -> Any:
    from careercli.matching import Resolver
    from careercli.profile import load_progress
    from careercli.render import Doc, Table

    table = Table(["", "Saved"], first_column_is_header=True)
    lines = []
    for r in Resolver(cat).resolve_all(prof.skills):
        if r.skill is None:
            hint = f" (did you mean {', '.join(r.suggestions)}?)" if r.suggestions else ""
            lines.append(f"{r.input} → not recognised{hint}")
        elif r.how == "exact":
            lines.append(r.skill)
        else:
            lines.append(f"{r.input} → {r.skill} ({r.how})")
    table.rows.append(["Skills", "\n".join(lines) or "(none)"])
    names = [
        cat.role_name(t) if cat.has_role(t) else f"{t} (no longer in the catalog)"
        for t in prof.targets
    ]
    table.rows.append(["Target roles", "\n".join(names) or "(none)"])
    table.rows.append(["State", prof.state or "(none)"])
    table.rows.append(["Location", prof.location or "(none)"])
    progress = load_progress()
    marks = [f"{k}: {v}" for k, v in {**progress.skills, **progress.steps}.items()]
    table.rows.append(["Progress", "\n".join(marks) or "(none)"])
    table.rows.append(["File", str(path)])
    return Doc([table])


def _profile_json(prof: Any, path: Path, cat: Any) -> dict[str, Any]:
    from careercli.matching import Resolver

    return {
        "profile": {
            **prof.to_dict(),
            "resolved": [r.to_dict() for r in Resolver(cat).resolve_all(prof.skills)],
        },
        "file": str(path),
    }


def _show_profile(fmt: Fmt) -> None:
    cat = catalog()
    prof, path = saved_profile()
    emit(fmt.value, lambda: _profile_json(prof, path, cat), lambda: _profile_doc(prof, path, cat))


@profile_app.command("show")
def profile_show(
    fmt: Annotated[Fmt, typer.Option("--format", "-f", help=FORMAT_HELP)] = Fmt.table,
) -> None:
    """Show your saved profile, with what each skill resolves to.

    \b
    Example:
      careercli profile show
    """
    _show_profile(fmt)


@profile_app.command("set")
def profile_set(
    skills: SkillsOpt = None,
    skills_file: SkillsFileOpt = None,
    target: Annotated[
        list[str] | None,
        typer.Option(
            "--target",
            "-t",
            help="A role you aim for (repeatable; fuzzy).",
            autocompletion=_complete_role,
        ),
    ] = None,
    state: Annotated[str | None, typer.Option("--state", help="US state code, e.g. CA.")] = None,
    location: Annotated[
        str | None, typer.Option("--location", help="Where you look for jobs.")
    ] = None,
    fmt: Annotated[Fmt, typer.Option("--format", "-f", help=FORMAT_HELP)] = Fmt.table,
) -> None:
    """Set profile fields; --skills replaces your saved skills (stored as typed).

    \b
    Example:
      careercli profile set --skills "sql, python, tableau" --target "data scientist"
    """
    from careercli.profile import save_profile
    from careercli.salary import Wages, check_state

    cat = catalog()
    prof, _ = saved_profile()
    inputs = read_skill_inputs(skills, skills_file)
    if not (inputs or target or state or location):
        raise CareerError(
            "Nothing to set.", hint="Give --skills, --skills-file, --target, --state or --location."
        )
    if inputs:
        prof.skills = list(dict.fromkeys(inputs))
    if target:
        prof.targets = list(dict.fromkeys(cat.resolve_role_id(t) for t in target))
    if state:
        prof.state = check_state(Wages.load(), state)
    if location:
        prof.location = location.strip()
    save_profile(prof)
    _show_profile(fmt)


@profile_app.command("add")
def profile_add(
    skill: Annotated[list[str], typer.Argument(help="Skills to add (comma-separated works too).")],
    fmt: Annotated[Fmt, typer.Option("--format", "-f", help=FORMAT_HELP)] = Fmt.table,
) -> None:
    """Add skills to your profile.

    \b
    Example:
      careercli profile add docker "apache airflow"
    """
    from careercli.matching import split_inputs
    from careercli.profile import save_profile
    from careercli.text import normalize

    prof, _ = saved_profile()
    have = {normalize(s) for s in prof.skills}
    for item in split_inputs(skill):
        if normalize(item) not in have:
            prof.skills.append(item)
            have.add(normalize(item))
    save_profile(prof)
    _show_profile(fmt)


@profile_app.command("remove")
def profile_remove(
    skill: Annotated[list[str], typer.Argument(help="Skills to remove, as typed or by name.")],
    fmt: Annotated[Fmt, typer.Option("--format", "-f", help=FORMAT_HELP)] = Fmt.table,
) -> None:
    """Remove skills from your profile (by what you typed or what it resolves to).

    \b
    Example:
      careercli profile remove excel
    """
    from careercli.matching import Resolver, split_inputs
    from careercli.profile import save_profile
    from careercli.text import normalize

    cat = catalog()
    prof, _ = saved_profile()
    resolver = Resolver(cat)
    drop_text = {normalize(s) for s in split_inputs(skill)}
    drop_skill = {r.skill for r in resolver.resolve_all(split_inputs(skill)) if r.skill}
    kept = [
        s
        for s in prof.skills
        if normalize(s) not in drop_text and resolver.resolve(s).skill not in drop_skill
    ]
    if len(kept) == len(prof.skills):
        raise CareerError(
            "None of those skills is in your profile.", hint="See them with: careercli profile show"
        )
    prof.skills = kept
    save_profile(prof)
    _show_profile(fmt)


@profile_app.command("clear")
def profile_clear(
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Start a new profile; the old file is kept as a .bak file beside it.

    \b
    Example:
      careercli profile clear --yes
    """
    from careercli.paths import move_aside
    from careercli.profile import profile_path

    path = profile_path()
    if not path.exists():
        note(f"No profile at {path}; nothing to clear.")
        return
    if not yes and not typer.confirm(f"Move {path} aside and start a new profile?"):
        declined()
    note(f"Moved your old profile to {move_aside(path)}.")


progress_app = typer.Typer(
    cls=CareerGroup,
    rich_markup_mode=None,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    help="""Mark skills and getting-started steps done, learning or skipped; plan and gap use it.

\b
Example:
  careercli progress done sql python
  careercli progress learning pytorch
  careercli progress done data-analyst:1       # a step id shown by `careercli plan`
""",
)
app.add_typer(progress_app, name="progress", rich_help_panel="Your profile")


def _mark(items: list[str], status: str | None) -> None:
    from careercli.matching import Resolver, split_inputs
    from careercli.profile import load_progress, save_progress

    cat = catalog()
    progress = load_progress()
    resolver = Resolver(cat)
    changed = []
    for item in split_inputs(items):
        role_part, _, number = item.strip().rpartition(":")
        if role_part and number.isdigit() and cat.has_role(role_part):
            if not 1 <= int(number) <= len(cat.role(role_part).steps):
                raise CareerError(f"{role_part} has no step {number}.")
            key, bucket = f"{role_part}:{int(number)}", progress.steps
        else:
            res = resolver.resolve(item)
            if res.skill is None:
                hint = f"Did you mean: {', '.join(res.suggestions)}?" if res.suggestions else None
                raise CareerError(f"{item!r} is not a skill or a step id.", hint=hint)
            key, bucket = res.skill, progress.skills
        if status is None:
            bucket.pop(key, None)
        else:
            bucket[key] = status
        changed.append(key)
    save_progress(progress)
    word = status or "cleared"
    note(f"Marked {word}: {', '.join(changed)}")


ItemsArg = Annotated[list[str], typer.Argument(help="Skills, or step ids like data-analyst:1.")]


@progress_app.command("done")
def progress_done(items: ItemsArg) -> None:
    """Mark skills or steps done (a done skill counts as known).

    \b
    Example:
      careercli progress done statistics
    """
    _mark(items, "done")


@progress_app.command("learning")
def progress_learning(items: ItemsArg) -> None:
    """Mark skills or steps as being learned.

    \b
    Example:
      careercli progress learning "deep learning"
    """
    _mark(items, "learning")


@progress_app.command("skip")
def progress_skip(items: ItemsArg) -> None:
    """Leave skills or steps out of your plan.

    \b
    Example:
      careercli progress skip java
    """
    _mark(items, "skip")


@progress_app.command("reset")
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
    from careercli.paths import move_aside
    from careercli.profile import progress_path

    if items:
        _mark(items, None)
        return
    path = progress_path()
    if not path.exists():
        note("No progress saved; nothing to reset.")
        return
    if not yes and not typer.confirm("Clear all progress marks?"):
        declined()
    note(f"Progress cleared (the old file is kept as {move_aside(path)}).")


@app.command(rich_help_panel="Your profile")
def plan(
    role: Annotated[
        str | None,
        typer.Argument(
            help="The role to plan for (default: your profile's target).",
            autocompletion=_complete_role,
        ),
    ] = None,
    skills: SkillsOpt = None,
    skills_file: SkillsFileOpt = None,
    fmt: Annotated[Fmt, typer.Option("--format", "-f", help=FORMAT_HELP)] = Fmt.table,
    export: ExportOpt = None,
) -> None:
    """An ordered learning plan toward a role, with your progress.

    Prerequisites come first, then required skills, then nice-to-have ones, in
    stages; each with the current certifications that cover it, then the role's
    getting-started steps. Skills you marked done count as known.

    \b
    Example:
      careercli plan "lead ml engineer"
      careercli progress done "feature engineering"; careercli plan
    """
    from careercli import views
    from careercli.matching import Resolver
    from careercli.plan import build_plan
    from careercli.profile import load_progress

    cat = catalog()
    inputs, prof = skills_or_profile(skills, skills_file, required=False)
    if not inputs:
        note("No skills given or saved: the plan counts none of this role's skills as known.")
    if not role:
        prof = prof or saved_profile()[0]
        targets = [t for t in prof.targets if cat.has_role(t)]
        if not targets:
            raise CareerError(
                "Which role? Name one, or save a target in your profile.",
                hint='careercli plan "data scientist", or: '
                'careercli profile set --target "data scientist"',
            )
        role = targets[0]
        note(f"Planning for your profile's target: {cat.role_name(role)}.")
    target = cat.find_role(role)
    result = build_plan(cat, target, Resolver(cat).resolve_all(inputs), load_progress())
    emit(
        fmt.value,
        result.to_dict,
        lambda: views.plan_doc(result),
        export=export,
        title=f"careercli: plan toward {target.name}",
    )


@app.command(rich_help_panel="Your data")
def validate(
    directory: Annotated[
        Path | None,
        typer.Argument(help="A data folder (roles/*.yaml, skills.yaml, ...). Default: --data-dir."),
    ] = None,
    fmt: Annotated[Fmt, typer.Option("--format", "-f", help=FORMAT_HELP)] = Fmt.table,
) -> None:
    """Check a data folder; list each problem with file and line.

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
        note(f"{len(problems)} problem(s) found in {where}.")
        raise typer.Exit(1)


def main() -> int:
    """Console-script entry point."""
    try:
        app(prog_name="careercli")
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return 0
