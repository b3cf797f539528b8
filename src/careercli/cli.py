"""The command line: the app, its global options and the one place errors become exit codes.

Each command lives in `careercli.commands` (one module per group) and reads as: parse the
options, make one call into the core, emit the result. Neither they nor this module say
`from __future__ import annotations`: Typer reads every command's annotations at start-up, and
string annotations would be evaluated again each time (a fifth of `careercli --help`).
"""

import contextlib
import errno
import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from careercli import __version__
from careercli.commands import catalog, data, fit, jobs, occupations, profile, skills
from careercli.commands.common import state
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
        from careercli.commands.common import state

        state.argv = [str(a) for a in args]  # reports say the command they were made by
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
        except OSError as exc:
            if exc.errno not in _OUTPUT_ERRORS:
                raise
            # stdout is a full disk or a broken device (`> /dev/full`): say so, exit 1.
            _silence_stdout()
            sys.stderr.write(f"Error: cannot write the output: {exc.strerror or exc}\n")
            raise typer.Exit(1) from None
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


_OUTPUT_ERRORS = {errno.ENOSPC, errno.EIO, errno.EPIPE, errno.EBADF, errno.EDQUOT}


def _safe_streams() -> None:
    """A closed stream (`>&-`, `<&-`) reads as empty and writes nowhere; an output encoding that
    cannot show a character (PYTHONIOENCODING=ascii, a Latin-1 locale) shows '?' instead."""
    for name, mode in (("stdin", "r"), ("stdout", "w"), ("stderr", "w")):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, mode, encoding="utf-8"))  # noqa: SIM115
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError, OSError):
            stream.reconfigure(errors="replace")  # type: ignore[union-attr]


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

SUB_APP = {
    "cls": CareerGroup,
    "rich_markup_mode": None,
    "context_settings": {"help_option_names": ["-h", "--help"]},
}


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"careercli {__version__}\n")
        raise typer.Exit()


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
    no_pager: Annotated[
        bool,
        typer.Option(
            "--no-pager",
            help="Never page long output (it pages through $PAGER only on a terminal).",
        ),
    ] = False,
) -> None:
    state.data_dir = data_dir
    state.pager = not no_pager
    if ctx.invoked_subcommand is None:
        sys.stdout.write(ctx.get_help() + "\n")
        raise typer.Exit(0)


MODULES = (catalog, skills, fit, occupations, jobs, profile, data)


def _new_app(modules: tuple[Any, ...]) -> typer.Typer:
    new = typer.Typer(
        help=HELP,
        invoke_without_command=True,
        pretty_exceptions_enable=False,
        **SUB_APP,  # type: ignore[arg-type]
    )
    new.callback()(_main)
    for module in modules:
        module.register(new, SUB_APP)
    return new


def _names(one: typer.Typer) -> set[str]:
    """The top-level command and group names an app has registered."""
    names = {g.name for g in one.registered_groups if g.name}
    for c in one.registered_commands:
        callback = c.callback
        names.add(c.name or (callback.__name__.replace("_", "-") if callback else ""))
    return names


app = _new_app(MODULES)


def owners() -> dict[str, Any]:
    """Each top-level command name: the module that registers it."""
    return {name: module for module in MODULES for name in _names(_new_app((module,)))}


_GLOBAL_FLAGS = {"--no-pager"}
_GLOBAL_VALUES = {"--data-dir"}


def _app_for(args: list[str]) -> typer.Typer:
    """The app for one command line: with only the group of the command it names. Typer turns
    every registered command's options into Click parameters before running any, and that is a
    tenth of start-up; the root help, a misspelt command and anything unusual get the full app."""
    owner = owners()
    i = 0
    while i < len(args):
        arg = args[i]
        if arg in _GLOBAL_FLAGS or arg.startswith("--data-dir="):
            i += 1
        elif arg in _GLOBAL_VALUES:
            i += 2
        elif arg in owner:
            return _new_app((owner[arg],))
        elif arg in ("--version", "-V"):
            return _new_app(())
        else:
            break
    return app


def main() -> int:
    """Console-script entry point."""
    _safe_streams()
    try:
        _app_for(sys.argv[1:])(prog_name="careercli")
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    try:
        sys.stdout.flush()
    except OSError as exc:  # what was written cannot reach its file: say so once
        _silence_stdout()
        if code == 0:
            sys.stderr.write(f"Error: cannot write the output: {exc.strerror or exc}\n")
            code = 1
    return code
