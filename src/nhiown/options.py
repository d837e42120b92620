"""Options shared by the commands, and the edge where they become values.

"Today" is decided here, once, and passed down: no rule reads the clock.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from nhiown.dates import parse_date, today_in
from nhiown.errors import NhiownError, UsageError
from nhiown.formats import Display
from nhiown.sources import default_paths, discover, find_config

TODAY_ENV = "NHIOWN_TODAY"

def parse_path(value: str) -> Path:
    """A path from the command line; an empty one is a mistake (an unset
    variable), not the working directory that ``Path("")`` would make it."""
    if not value:
        raise typer.BadParameter("empty path")
    return Path(value)


Paths = Annotated[
    list[Path] | None,
    typer.Argument(
        help="Inventory files or directories (default: inventory.yaml, else"
        " inventory/).",
        metavar="PATH",
        show_default=False,
        parser=parse_path,
    ),
]
Today = Annotated[
    str | None,
    typer.Option(
        "--today",
        help=f"Judge as of this date, YYYY-MM-DD (also env {TODAY_ENV}).",
        metavar="DATE",
        show_default=False,
    ),
]
STDOUT = Path("-")
"""``--output -``: standard output, as everywhere on the command line."""

Config = Annotated[
    Path | None,
    typer.Option(
        "--config",
        help="Config file with policy: and people: (default: .nhiown.yaml here or"
        " in a parent, up to the git root).",
        metavar="FILE",
        show_default=False,
        parser=parse_path,
    ),
]
Output = Annotated[
    Path | None,
    typer.Option(
        "--output", "-o",
        help="Write the report to this file instead of stdout ('-' is stdout).",
        metavar="FILE",
        show_default=False,
        parser=parse_path,
        callback=lambda value: None if value == STDOUT else value,
    ),
]
NoColor = Annotated[
    bool, typer.Option("--no-color", help="No colours (also env NO_COLOR).")
]
Debug = Annotated[
    bool, typer.Option("--debug", help="Show a traceback when something fails.")
]


def resolve_today(option: str | None, timezone: str) -> dt.date:
    """--today, else $NHIOWN_TODAY, else today's date in the policy's time zone."""
    value = option if option is not None else os.environ.get(TODAY_ENV)
    if option is not None and not option.strip():
        raise UsageError("--today: empty; give a date such as 2026-12-03")
    if not value:
        return today_in(timezone)
    source = "--today" if option is not None else TODAY_ENV
    try:
        return parse_date(value.strip())
    except ValueError as exc:
        raise UsageError(f"{source}: {exc}") from None


def display_for(no_color: bool, output: Path | None) -> Display:
    """Colour only for a terminal that wants it; ASCII where it cannot encode."""
    stream = sys.stdout
    is_tty = output is None and stream.isatty()
    # no-color.org: only a non-empty NO_COLOR turns colour off.
    no_color = no_color or bool(os.environ.get("NO_COLOR"))
    # A terminal that calls itself dumb cannot show colour or bold.
    color = is_tty and not no_color and os.environ.get("TERM") != "dumb"
    if output is None and os.environ.get("FORCE_COLOR") and not no_color:
        color = True
    encoding = "utf-8"
    if output is None:
        encoding = getattr(stream, "encoding", None) or "ascii"
    unicode = encoding.lower().replace("-", "").replace("_", "").startswith("utf")
    width = _terminal_width() if is_tty else _env_width()
    return Display(color=color, width=width, unicode=unicode)


_WIDTHS = (40, 1000)
"""Narrower than 40 columns nothing fits; wider than 1,000, Rich would build
lines of any size COLUMNS asks for (an absurd value runs out of memory)."""


def _terminal_width() -> int:
    try:
        return _bounded(os.get_terminal_size().columns)
    except OSError:
        return _env_width()


def _env_width() -> int:
    try:
        return _bounded(int(os.environ.get("COLUMNS", "80")))
    except ValueError:
        return 80


def _bounded(width: int) -> int:
    low, high = _WIDTHS
    return min(max(width, low), high)


def emit(text: str, output: Path | None, *, machine: bool = False) -> None:
    """Write the report to ``output`` (UTF-8) or to stdout.

    A ``machine`` format reaches stdout as UTF-8 whatever the console's
    encoding: a tool reading JSON or SARIF must get every character, where a
    person at a cp1252 console is better served by a '?' than by a crash.
    """
    if output is None:
        buffer = getattr(sys.stdout, "buffer", None)
        if machine and buffer is not None:
            sys.stdout.flush()
            buffer.write(text.encode("utf-8"))
            buffer.flush()
            return
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise NhiownError(f"cannot write {output}: {exc.strerror}") from None


def refuse_overwriting_inputs(
    output: Path | None, paths: list[Path], config: Path | None,
    flag: str = "--output", baseline: Path | None = None,
) -> None:
    """UsageError when ``--output`` names an inventory file, the config or a baseline.

    Checked before the run, so that a slip such as ``-o inventory.yaml``
    never replaces the inventory with its own report.
    """
    if output is None or not output.exists():
        return
    inputs = discover(paths or default_paths())
    found = config if config is not None else find_config(Path.cwd())
    for path in [*inputs, *(p for p in (found, baseline) if p is not None)]:
        if path.exists() and os.path.samefile(path, output):
            raise UsageError(
                f"{flag} {output} is an input of this run; refusing to overwrite it",
                hint="write the report to another file",
            )


def split_codes(
    values: list[str] | None, what: str = "rule code", example: str = "OWN,REV001"
) -> list[str]:
    """Codes (or names) given as repeated options and/or comma-separated lists.

    A value with none in it (an unset variable, a stray comma) is refused:
    ``--select ''`` quietly running every rule would be the opposite of what
    was asked.
    """
    codes = []
    for value in values or []:
        given = [code for code in value.split(",") if code.strip()]
        if not given:
            raise UsageError(f"no {what} in {value!r}; give one such as {example}")
        codes += given
    return codes
