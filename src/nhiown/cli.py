"""The command line: Typer wiring, and the one place errors become exit codes."""

from __future__ import annotations

import gc
import sys
from collections.abc import Sequence
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from nhiown import __version__
from nhiown.commands import (
    check,
    due,
    gate,
    init,
    retire,
    review,
    rotate,
    rules,
    schema,
    show,
)
from nhiown.errors import NhiownError

EXIT_UNUSABLE = 2
EXIT_ABORTED = 130


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
        except typer.TyperException as exc:  # Click's usage errors
            print(f"nhiown: error: {_usage_message(exc)}", file=sys.stderr)
            sys.exit(exc.exit_code)
        except typer.Abort:
            sys.exit(EXIT_ABORTED)
        except NhiownError as exc:
            if debug:
                raise
            print(f"nhiown: error: {exc}", file=sys.stderr)
            sys.exit(EXIT_UNUSABLE)
        except Exception as exc:
            if debug:
                raise
            print(
                f"nhiown: internal error: {type(exc).__name__}: {exc}"
                " (run again with --debug for the traceback)",
                file=sys.stderr,
            )
            sys.exit(EXIT_UNUSABLE)
        sys.exit(code if isinstance(code, int) else 0)


def _usage_message(exc: typer.TyperException) -> str:
    """Click's message on one line, with the help command that explains it."""
    message = " ".join(exc.format_message().split()).replace("Value error, ", "")
    context = getattr(exc, "ctx", None)
    if context is None:
        return message
    return f"{message} (hint: see `{context.command_path} --help`)"


app = typer.Typer(
    name="nhiown",
    cls=_Commands,
    help="Keep an inventory of machine identities owned, reviewed and expiring on"
    " time.",
    add_completion=False,
    invoke_without_command=True,
    # Rich tracebacks could print local variables, and they may hold secrets.
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"nhiown {__version__}")
        raise typer.Exit()


@app.callback()
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
        typer.echo(context.get_help())


app.command("check")(check.command)
app.command("due")(due.command)
app.command("rules")(rules.command)
app.command("schema")(schema.command)
app.command("init")(init.command)
app.command("show")(show.command)
app.command("review")(review.command)
app.command("rotate")(rotate.command)
app.command("retire")(retire.command)
app.command("gate")(gate.command)


def main() -> None:
    """Entry point of the ``nhiown`` script."""
    # A run builds large trees without reference cycles and then exits; the
    # cyclic collector would only walk that growing heap again and again
    # (a fifth of the time of a large check).
    gc.disable()
    for stream in (sys.stdout, sys.stderr):
        # A console that cannot show a character gets '?' instead of a crash.
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")
    _only_the_invoked_command(sys.argv[1:2])
    app()


def _only_the_invoked_command(first: list[str]) -> None:
    """Keep just the command being run, when the first argument names one.

    Typer builds the options of every registered command before it runs any;
    a one-off process needs only its own (``check`` runs in pre-commit on every
    commit). Help for the whole group still lists them all.
    """
    chosen = [c for c in app.registered_commands if first and c.name == first[0]]
    if chosen:
        app.registered_commands = chosen
