"""The command line: Typer wiring, and the one place errors become exit codes."""

from __future__ import annotations

import contextlib
import gc
import importlib
import os
import sys
from collections.abc import Iterable, Sequence
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from nhiown import __version__
from nhiown.errors import NhiownError, OutputError, output_failures_as_errors

EXIT_UNUSABLE = 2
EXIT_ABORTED = 130

COMMANDS = (
    "check", "due", "rules", "schema", "init", "show", "review", "rotate", "retire",
    "gate",
)
"""Every command, in the order help lists them; each is ``nhiown.commands.NAME``."""


class _Commands(TyperGroup):
    """The command group, with the handler that turns errors into exit 2.

    It sits in ``main`` so that the handler also runs under Typer's test
    runner, which calls ``main`` with the arguments instead of ``sys.argv``.
    """

    def main(
        self, args: Sequence[str] | None = None, *pos: Any, **kwargs: Any
    ) -> Any:
        argv = list(sys.argv[1:] if args is None else args)
        debug = "--debug" in argv
        kwargs["standalone_mode"] = False
        try:
            code = super().main(argv, *pos, **kwargs)
            with output_failures_as_errors():
                sys.stdout.flush()
        except typer.TyperException as exc:  # Click's usage errors
            _complain(f"nhiown: error: {_usage_message(exc)}")
            sys.exit(exc.exit_code)
        except typer.Abort:
            sys.exit(EXIT_ABORTED)
        except OutputError as exc:
            _silence_stdout()
            _complain(f"nhiown: error: {exc}")
            sys.exit(EXIT_UNUSABLE)
        except NhiownError as exc:
            if debug:
                raise
            _complain(f"nhiown: error: {exc}")
            sys.exit(EXIT_UNUSABLE)
        except Exception as exc:
            if debug:
                raise
            _complain(
                f"nhiown: internal error: {type(exc).__name__}: {exc}"
                " (run again with --debug for the traceback)"
            )
            sys.exit(EXIT_UNUSABLE)
        sys.exit(code if isinstance(code, int) else 0)


    # Click turns a broken pipe met while parsing (help) or running into a
    # bare exit 1, the code for findings and refused edits; these two raise
    # it as an OutputError instead.
    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        with output_failures_as_errors():
            return super().make_context(*args, **kwargs)

    def invoke(self, ctx: Any) -> Any:
        with output_failures_as_errors():
            return super().invoke(ctx)


def _complain(line: str) -> None:
    """One line on stderr; when stderr itself cannot be written (full, gone),
    the exit code is all that is left to tell, so it must not change."""
    with contextlib.suppress(OSError, ValueError):
        print(line, file=sys.stderr, flush=True)


def _silence_stdout() -> None:
    """Point stdout at the null device, so that the interpreter's last flush
    of what is still buffered cannot fail again on the way out."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _usage_message(exc: typer.TyperException) -> str:
    """Click's message on one line, with the help command that explains it."""
    message = " ".join(exc.format_message().split()).replace("Value error, ", "")
    context = getattr(exc, "ctx", None)
    if context is None:
        return message
    return f"{message} (hint: see `{context.command_path} --help`)"


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"nhiown {__version__}")
        raise typer.Exit()


def root(
    context: typer.Context,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_show_version, is_eager=True,
                     help="Show the version and exit."),
    ] = False,
) -> None:
    """Govern machine identities: owners, purpose, reviews, expiry, least scope."""
    if context.invoked_subcommand is None:
        # No command is an incomplete command line: the help, and exit 2.
        typer.echo(context.get_help())
        raise typer.Exit(EXIT_UNUSABLE)


def build_app(names: Iterable[str] = COMMANDS) -> typer.Typer:
    """The ``nhiown`` application with the commands ``names``.

    Each command's module, and what it imports, loads only when the command
    is registered: a one-off process registers just the command it runs
    (``check`` runs in pre-commit on every commit).
    """
    app = typer.Typer(
        name="nhiown",
        cls=_Commands,
        help="Keep an inventory of machine identities owned, reviewed and expiring"
        " on time.",
        add_completion=False,
        invoke_without_command=True,
        # Rich tracebacks could print local variables, and they may hold secrets.
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    app.callback()(root)
    for name in names:
        module = importlib.import_module(f"nhiown.commands.{name}")
        app.command(name)(module.command)
    return app


def main() -> None:
    """Entry point of the ``nhiown`` script."""
    # A run builds large trees without reference cycles and then exits; the
    # cyclic collector would only walk that growing heap again and again
    # (a fifth of the time of a large check).
    gc.disable()
    if sys.stderr is None:  # started with descriptor 2 closed (`2>&-`)
        # print() would fall back to stdout and mix errors into the report.
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115 (lives as long as the process)
    if sys.stdout is None:  # started with descriptor 1 closed (`>&-`)
        _complain("nhiown: error: standard output is closed")
        sys.exit(EXIT_UNUSABLE)
    for stream in (sys.stdout, sys.stderr):
        # A console that cannot show a character gets '?' instead of a crash.
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")
    invoked = sys.argv[1] if len(sys.argv) > 1 else None
    # Help for the group, and a mistyped command's error, need them all.
    build_app([invoked] if invoked in COMMANDS else COMMANDS)()
