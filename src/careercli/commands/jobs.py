"""Jobs: listings with filters (jobs), getting them in (import, sync), the store (sources,
reset), and wages (salary)."""

import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from careercli.commands.common import (
    FORMAT_HELP,
    TABLE,
    ExportOpt,
    FmtOpt,
    SkillsFileOpt,
    SkillsOpt,
    background,
    catalog,
    complete_role,
    declined,
    emit,
    note,
    skills_or_profile,
)
from careercli.errors import CareerError
from careercli.vocab import JOB_LEVEL_OF, JobLevel, JobLevelWord, JobSort, JobType, TableFormat

if TYPE_CHECKING:
    from careercli.catalog import Catalog
    from careercli.jobs.model import Query

JOBS_HELP = """List job openings with filters; sync or import more.

\b
Example:
  careercli jobs --remote
  careercli jobs --skills "sql, python" --sort fit --limit 10
  careercli jobs --search spark --min-salary 150000 --format csv > jobs.csv
"""


def _date(value: str | None) -> str | None:
    if value is None:
        return None
    import datetime as dt

    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date like 2026-01-31") from None


def _finite(value: float) -> float:
    import math

    if not math.isfinite(value):
        raise typer.BadParameter(f"{value} is not a number of seconds")
    return value


def _currency(value: str | None) -> str | None:
    if value is None:
        return None
    from careercli.jobs.normalize import currency

    try:
        code = currency(value)
    except ValueError:
        code = None
    if code is None:
        raise typer.BadParameter(f"{value[:20]!r} is not a currency code such as USD, GBP or CAD")
    return code


def jobs(
    ctx: typer.Context,
    remote: Annotated[bool, typer.Option("--remote", help="Only fully remote listings.")] = False,
    level: Annotated[
        JobLevelWord | None,
        typer.Option(
            "--level",
            case_sensitive=False,
            help="Seniority; the roles' words work too (junior = entry; principal and manager "
            "= lead; director = executive).",
        ),
    ] = None,
    type_: Annotated[
        JobType | None,
        typer.Option("--type", help="Employment type."),
    ] = None,
    role: Annotated[
        str | None,
        typer.Option(
            "--role",
            "-r",
            help="Listings mapped to this role (fuzzy).",
            autocompletion=complete_role,
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
            help="Yearly pay the range reaches (max >= N; hourly/monthly made yearly), in "
            "--currency.",
        ),
    ] = None,
    currency: Annotated[
        str | None,
        typer.Option(
            "--currency",
            help="Currency of --min-salary and --sort salary (default USD); listings paid in "
            "others are left out of them.",
            callback=_currency,
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
    fmt: Annotated[
        TableFormat,
        typer.Option("--format", "-f", help=FORMAT_HELP),
    ] = TableFormat.table,
) -> None:
    if ctx.invoked_subcommand is not None:
        return
    from careercli import views
    from careercli.jobs.model import Query
    from careercli.jobs.query import find_listings

    cat = catalog()
    inputs, _ = skills_or_profile(skills, skills_file, required=False)
    from careercli.background import listing_level_fit
    from careercli.profile import load_profile

    person = background(None, None, None, load_profile())
    misfit = tuple(v for v in JobLevel.values() if listing_level_fit(v, person))
    order = sort.value if sort else ("fit" if inputs else "posted")
    if order == "fit" and not inputs:
        raise CareerError("--sort fit needs your skills.", hint='Add --skills "sql, python".')
    code = currency or "USD"
    query = Query(
        remote=remote,
        level=JOB_LEVEL_OF.get(level.value, level.value) if level else None,
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
        currency=code,
        demote=misfit,
    )
    credit = None
    if inputs:
        from careercli.matching import Resolver, known_skills

        credit, _ = known_skills(cat, Resolver(cat).resolve_all(inputs))
    with_fit = credit is not None
    with find_listings(cat, query, credit) as found:
        notes = list(found.notes)
        if found.other_currency:
            what = "--min-salary" if min_salary is not None else "the salary order"
            notes.append(
                f"{found.other_currency} listing(s) paid in other currencies were left out of "
                f"{what} ({code}); use --currency to choose another."
            )
        if misfit and found.total and order == "fit":
            notes.append(
                f"Listings at a level that does not fit your background ({', '.join(misfit)}) "
                "come last; your years and level are read from your profile."
            )
        if not found.total:
            from careercli.jobs.query import why_nothing_matched

            typed = _typed_filters(ctx, query, cat)
            notes.append(why_nothing_matched(cat, query, typed))
        fmt_value = getattr(fmt, "value", fmt)
        if fmt_value != "table":
            for text in notes:
                note(text)
        if fmt_value in ("json", "csv"):
            from careercli import render
            from careercli.jobs.model import today

            now = today()

            def listed(j: Any) -> dict[str, Any]:
                return {**j.to_dict(with_fit, now), "level_fit": listing_level_fit(j.level, person)}

            if fmt_value == "json":
                render.stream_json(
                    {"total": found.total, "shown": found.shown},
                    "jobs",
                    (listed(j) for j in found.listings()),
                )
            else:
                render.stream_records_csv(j.record(with_fit, now) for j in found.listings())
            return
        shown = list(found.listings())
        emit(
            fmt,
            lambda: {"total": found.total, "jobs": [j.to_dict(with_fit) for j in shown]},
            lambda: views.jobs_doc(shown, with_fit, cat, found.total, notes, person),
        )


def _typed_filters(ctx: typer.Context, query: "Query", cat: "Catalog") -> dict[str, str]:
    """The filters given, as the user typed them: Query field -> "--role quant (Quant...)"."""
    fields = {
        "remote": "remote", "level": "level", "type": "type_", "role": "role",
        "company": "company", "location": "location", "min_salary": "min_salary",
        "search": "search", "since": "since", "source": "source",
    }  # fmt: skip
    typed = {}
    for field, param in fields.items():
        value = ctx.params.get(param)
        if value in (None, False) or getattr(query, field) in (None, False):
            continue
        flag = "--" + field.replace("_", "-")
        if value is True:
            typed[field] = flag
            continue
        shown = getattr(value, "value", value)
        if field == "role" and query.role:
            shown = f"{shown} ({cat.row(query.role).name})"
        typed[field] = f"{flag} {shown}"
    return typed


class DateOrder(str, Enum):
    mdy = "mdy"
    dmy = "dmy"


def jobs_import(
    file: Annotated[Path, typer.Argument(help="A JobSpy CSV, or JSON/YAML with careercli's keys.")],
    dates: Annotated[
        DateOrder | None,
        typer.Option(
            "--dates",
            help="How to read dates such as 3/4/2025: mdy (month first) or dmy. By default "
            "the file's own dates decide; a file that cannot tell leaves them empty.",
        ),
    ] = None,
    fmt: FmtOpt = TABLE,
) -> None:
    """Import listings from a file; every record is imported, skipped or a duplicate.

    A skipped record is reported with its line and why; a field that cannot be
    used (a salary of "competitive", an impossible date) costs that field, with
    a warning, not the listing.

    \b
    Example:
      careercli jobs import jobs_New_York.csv
    """
    from careercli import views
    from careercli.jobs.files import read_listing_file
    from careercli.jobs.store import Store

    cat = catalog()
    source, rows = read_listing_file(file)
    with Store(cat, write=True) as store:
        result = store.import_rows(
            rows,
            str(file),
            source,
            date_order=dates.value if dates else None,
            size=file.stat().st_size,
        )
    # Problems quote the file's own text: note() keeps control characters off the terminal.
    for line, problem in result.problems[:50]:
        note(f"{file}:{line}: skipped: {problem}")
    if result.skipped > min(50, len(result.problems)):
        note(f"... and {result.skipped - min(50, len(result.problems))} more skipped record(s)")
    for line, problem in result.warnings[:50]:
        note(f"{file}:{line}: warning: {problem}")
    if result.warned > min(50, len(result.warnings)):
        note(f"... and {result.warned - min(50, len(result.warnings))} more warning(s)")
    emit(fmt, result.to_dict, lambda: views.import_doc(result, file))
    if not result.records:
        note(f"{file} holds no listing.")
    if result.imported == 0 and result.skipped:
        raise typer.Exit(1)


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
        float,
        typer.Option(
            "--timeout",
            min=1,
            max=300,
            callback=_finite,
            help="Seconds for each source: fetching, reading and storing.",
        ),
    ] = 20.0,
    fmt: FmtOpt = TABLE,
) -> None:
    """Fetch listings from public job boards into your job store.

    The only command that uses the network. Each source is replaced in one
    transaction: a failed fetch changes nothing.

    \b
    Example:
      careercli jobs sync lever:leverdemo greenhouse:example remotive
    """
    from careercli import views
    from careercli.jobs.sync import sync_sources

    results = sync_sources(catalog(), sources, base_url, timeout=timeout)
    for r in results:
        if not r.ok:
            note(f"Error: {r.source}: {r.error}")
    emit(fmt, lambda: {"synced": [r.to_dict() for r in results]}, lambda: views.sync_doc(results))
    if any(not r.ok for r in results):
        raise typer.Exit(1)


def jobs_sources(fmt: FmtOpt = TABLE) -> None:
    """Show each source of listings: how many, from which files, and when last synced.

    Every file imported into a source is listed with its count.

    \b
    Example:
      careercli jobs sources
    """
    from careercli import views
    from careercli.jobs.store import Store

    with Store(catalog()) as store:
        found = store.sources()
    emit(fmt, lambda: {"sources": found}, lambda: views.sources_doc(found))


def jobs_reset(
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Start an empty job store; the old file is kept, renamed, never deleted.

    Use it when the store is damaged. Bundled listings are unaffected.

    \b
    Example:
      careercli jobs reset --yes
    """
    from careercli.jobs.store import reset_store, store_path

    path = store_path()
    if not path.exists():
        sys.stdout.write(f"No job store at {path}; nothing to reset.\n")
        return
    if not yes and not typer.confirm(f"Move {path} aside and start an empty store?"):
        declined()
    moved = reset_store(path, waiting=note)
    if moved is None:
        sys.stdout.write(f"No job store at {path}; nothing to reset.\n")
        return
    sys.stdout.write(f"Moved the old store to {moved}. The next sync or import starts fresh.\n")


def salary(
    role: Annotated[
        list[str] | None,
        typer.Argument(help="Roles or titles (default: every role).", autocompletion=complete_role),
    ] = None,
    state: Annotated[
        str | None, typer.Option("--state", help="Two-letter US state code, e.g. CA.")
    ] = None,
    full: Annotated[
        bool,
        typer.Option(
            "--full",
            help="Every BLS occupation's percentiles, the chart and your listings' ranges "
            "(the default for one or two roles and for reports).",
        ),
    ] = False,
    fmt: FmtOpt = TABLE,
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
    from careercli.profile import load_profile
    from careercli.salary import Wages, salary_report

    cat = catalog()
    wages = Wages.load()
    prof = load_profile() if not role or not state else None
    report = salary_report(cat, wages, role, state, prof)
    for text in report.notes:
        note(text)
    brief = fmt == TABLE and not (full or export) and len(report.roles) > 2
    emit(
        fmt,
        lambda: report.to_dict(wages),
        lambda: (
            views.salary_brief_doc(report.roles, wages, report.area)
            if brief
            else views.salary_doc(report.roles, wages, report.area)
        ),
        export=export,
        title="careercli: salaries",
        about=lambda: [
            ("Roles", ", ".join(r.name for r in report.roles)),
            ("Area", "United States" if report.area == "US" else report.area),
        ],
    )


def demand(
    role: Annotated[
        str | None,
        typer.Argument(
            help="A role, or a SOC code such as 15-2051 (default: your profile's target).",
            autocompletion=complete_role,
        ),
    ] = None,
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=0, max=10_000, help="At most N skills (0 = all).")
    ] = 20,
    fmt: FmtOpt = TABLE,
) -> None:
    """Skills most asked for in your stored listings of a role or occupation.

    Each skill's count and share of the listings, how often a description
    names it as required or as a nice-to-have, and by month when the
    listings have dates. Listings from several sources count once.

    \b
    Example:
      careercli demand "data analyst"
      careercli demand 15-2051 --format json
    """
    import re

    from careercli import views
    from careercli.jobs.demand import skill_demand

    cat = catalog()
    soc = None
    role_id = None
    if role is not None and re.fullmatch(r"\s*\d\d-\d\d\d\d(?:\.\d\d)?\s*", role):
        soc = role.strip()
    elif role is not None:
        role_id = cat.resolve_role_id(role)
    else:
        from careercli.profile import load_profile, profile_path

        targets = [t for t in load_profile().targets if cat.has_role(t)]
        if not targets:
            raise CareerError(
                "Name a role (or a SOC code) for the demand of skills.",
                hint='careercli demand "data analyst", or save a target with `careercli '
                "profile set --target ROLE`.",
            )
        role_id = targets[0]
        note(f"Showing your profile's target role ({profile_path()}).")
    found = skill_demand(cat, role_id, soc)
    emit(
        fmt,
        lambda: {**found.to_dict(), "skills": [s.to_dict() for s in found.skills[: limit or None]]},
        lambda: views.demand_doc(found, limit or None),
    )


def register(app: typer.Typer, sub_app: dict[str, Any]) -> None:
    jobs_app = typer.Typer(invoke_without_command=True, help=JOBS_HELP, **sub_app)
    jobs_app.callback()(jobs)
    jobs_app.command("import")(jobs_import)
    jobs_app.command("sync")(jobs_sync)
    jobs_app.command("sources")(jobs_sources)
    jobs_app.command("reset")(jobs_reset)
    app.command(rich_help_panel="Jobs")(salary)
    app.command(rich_help_panel="Jobs")(demand)
    app.add_typer(jobs_app, name="jobs", rich_help_panel="Jobs")
