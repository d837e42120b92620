"""``nhiown init [PATH]``: write a starter inventory and config that pass check."""

from __future__ import annotations

import datetime as dt
import shlex
from pathlib import Path
from typing import Annotated

import typer

from nhiown import options
from nhiown.errors import NhiownError, UsageError
from nhiown.sources import SUFFIXES, display_name
from nhiown.starter import CONFIG_NAME, INVENTORY_NAME, starter_files

# The starter's policy says UTC, so "today" is judged there too.
STARTER_TIMEZONE = "UTC"


def write_starter(directory: Path, today: dt.date) -> list[Path]:
    """Write the starter files into ``directory``; the paths written.

    Nothing is written when any of them exists already, or when ``directory``
    is new and named like a YAML file: UsageError (exit 2).
    """
    if not directory.exists() and directory.name.lower().endswith(SUFFIXES):
        # `init inventory.yaml` would make a folder of that name.
        raise UsageError(
            f"{display_name(directory)} does not exist and is named like a YAML"
            " file; PATH is the folder to write inventory.yaml and .nhiown.yaml"
            " into",
            hint="give a folder (`nhiown init .` for this one); to use a folder"
            " with this name, create it first",
        )
    files = starter_files(today)
    targets = [directory / name for name in files]
    existing = [display_name(path) for path in targets if path.exists()]
    folder = directory / "inventory"
    if folder.is_dir():
        raise UsageError(
            f"{display_name(folder)}/ exists; a starter inventory.yaml beside it"
            " would be read instead of it, so nothing was written",
            hint="add identities to that folder, or run `nhiown init` elsewhere",
        )
    if existing:
        verb = "exists" if len(existing) == 1 else "exist"
        raise UsageError(
            f"{' and '.join(existing)} already {verb}; nothing was written",
            hint="choose another PATH, or move the existing files away first",
        )
    if directory.exists() and not directory.is_dir():
        raise UsageError(f"{display_name(directory)} is a file, not a folder")
    try:
        directory.mkdir(parents=True, exist_ok=True)
        for path, text in zip(targets, files.values(), strict=True):
            # "x" refuses to replace a file created since the check above.
            with path.open("x", encoding="utf-8", newline="\n") as stream:
                stream.write(text)
    except OSError as exc:
        raise NhiownError(f"cannot write {exc.filename}: {exc.strerror}") from None
    return targets


def next_command(directory: Path) -> str:
    """The ``check`` command that finds the starter config from here."""
    if directory.absolute() == Path.cwd():
        return "nhiown check"
    folder = display_name(directory)
    if folder.startswith("-"):
        folder = f"./{folder}"  # else the pasted command reads it as an option
    # Quoted for a POSIX shell, so that a folder with spaces can be pasted.
    config = shlex.quote(f"{folder}/{CONFIG_NAME}")
    inventory = shlex.quote(f"{folder}/{INVENTORY_NAME}")
    return f"nhiown check --config {config} {inventory}"


def command(
    path: Annotated[
        Path,
        typer.Argument(
            help="Folder to write inventory.yaml and .nhiown.yaml into (created if"
            " missing; a new name ending in .yaml or .yml is refused).",
            metavar="PATH",
            parser=options.parse_path,
        ),
    ] = Path("."),
    today: Annotated[
        str | None,
        typer.Option(
            "--today", metavar="DATE",
            help="Date the starter as of this day, YYYY-MM-DD (also env"
            f" {options.TODAY_ENV}); default: today in UTC.",
            show_default=False,
        ),
    ] = None,
    no_color: options.NoColor = False,
    debug: options.Debug = False,
) -> None:
    """Write a commented starter inventory.yaml and .nhiown.yaml into PATH.

    Their dates are computed from today (or --today), so `nhiown check` passes
    on them as written. Existing files are never replaced.

    Exit status: 0 when both files were written; 2, touching nothing, when
    either exists already or cannot be written, or when PATH does not exist
    and is named like a YAML file.
    """
    written = write_starter(path, options.resolve_today(today, STARTER_TIMEZONE))
    for target in written:
        typer.echo(f"wrote {display_name(target)}")
    typer.echo(f"next: {next_command(path)}")
    raise typer.Exit(0)
