"""The options every edit command shares, turned into values.

Kept apart from the edit machinery so that loading the command line, for
``check`` too, does not load it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from nhiown.dates import parse_date
from nhiown.errors import UsageError
from nhiown.inventory import Inventory, Record

if TYPE_CHECKING:
    from nhiown.edit.session import Planner

Identifier = Annotated[
    str,
    typer.Argument(metavar="ID", show_default=False, help="The identity's id."),
]
DryRun = Annotated[
    bool,
    typer.Option("--dry-run", help="Print the edit as a unified diff; write nothing."),
]



def date_option(flag: str, help: str) -> Any:
    """A ``--flag DATE`` option; its value is parsed by ``option_date``."""
    return typer.Option(flag, metavar="DATE", show_default=False, help=help)


@dataclass(frozen=True)
class Request:
    """The options every edit command shares."""

    identifier: str
    paths: list[Path]
    today: str | None
    config: Path | None
    dry_run: bool
    no_color: bool


@dataclass(frozen=True)
class Context:
    """What a command needs to decide its changes."""

    inventory: Inventory
    record: Record
    today: dt.date


def option_date(flag: str, value: str | None) -> dt.date | None:
    """The date given to ``flag``, if any; UsageError (exit 2) when not a date."""
    return None if value is None else required_date(flag, value)


def required_date(flag: str, value: str) -> dt.date:
    """The date given to ``flag``; UsageError (exit 2) when it is not one."""
    try:
        return parse_date(value.strip())
    except ValueError as exc:
        raise UsageError(f"{flag}: {exc}") from None


def run(request: Request, planner: Planner) -> NoReturn:
    """Perform the edit and exit: 0 written (or shown), 1 refused."""
    # The edit machinery loads only when an edit runs: `check` starts faster.
    from nhiown.edit import session

    raise typer.Exit(session.perform(request, planner))
