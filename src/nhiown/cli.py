"""The command line: Typer wiring, and the one place errors become exit codes."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from nhiown import __version__
from nhiown.commands import check
from nhiown.errors import NhiownError

EXIT_UNUSABLE = 2

app = typer.Typer(
    name="nhiown",
    help="Keep an inventory of machine identities owned, reviewed and expiring on"
    " time.",
    add_completion=False,
    no_args_is_help=True,
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
    version: Annotated[
        bool,
        typer.Option("--version", callback=_show_version, is_eager=True,
                     help="Show the version and exit."),
    ] = False,
) -> None:
    """Govern machine identities: owners, purpose, reviews, expiry, least scope."""


app.command("check")(check.command)


def main() -> None:
    """Entry point: run the app; NhiownError becomes one stderr line and exit 2."""
    debug = "--debug" in sys.argv
    for stream in (sys.stdout, sys.stderr):
        # A console that cannot show a character gets '?' instead of a crash.
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")
    try:
        app()
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
