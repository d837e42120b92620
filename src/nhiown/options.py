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

TODAY_ENV = "NHIOWN_TODAY"

Paths = Annotated[
    list[Path] | None,
    typer.Argument(
        help="Inventory files or directories"
        " (default: inventory.yaml, else inventory/).",
        metavar="PATH",
        show_default=False,
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
Config = Annotated[
    Path | None,
    typer.Option(
        "--config",
        help="Config file with policy: and people: (default: .nhiown.yaml here or"
        " in a parent, up to the git root).",
        metavar="FILE",
        show_default=False,
    ),
]
Output = Annotated[
    Path | None,
    typer.Option(
        "--output", "-o", help="Write the report to this file instead of stdout.",
        metavar="FILE",
        show_default=False,
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
    color = is_tty and not no_color and "NO_COLOR" not in os.environ
    if output is None and os.environ.get("FORCE_COLOR") and not no_color:
        color = "NO_COLOR" not in os.environ
    encoding = "utf-8"
    if output is None:
        encoding = getattr(stream, "encoding", None) or "ascii"
    unicode = encoding.lower().replace("-", "").replace("_", "").startswith("utf")
    width = _terminal_width() if is_tty else _env_width()
    return Display(color=color, width=width, unicode=unicode)


def _terminal_width() -> int:
    try:
        return max(os.get_terminal_size().columns, 40)
    except OSError:
        return _env_width()


def _env_width() -> int:
    try:
        return max(int(os.environ.get("COLUMNS", "80")), 40)
    except ValueError:
        return 80


def emit(text: str, output: Path | None) -> None:
    """Write the report to ``output`` (UTF-8) or to stdout."""
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise NhiownError(f"cannot write {output}: {exc.strerror}") from None


def split_codes(values: list[str] | None) -> list[str]:
    """Codes given as repeated options and/or comma-separated lists."""
    return [code for value in values or [] for code in value.split(",") if code.strip()]
