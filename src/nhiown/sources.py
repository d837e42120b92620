"""Finding and reading inventory files: paths in, parsed YAML documents out."""

from __future__ import annotations

import contextlib
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nhiown.errors import NhiownError
from nhiown.yamlload import decode, load_yaml

SUFFIXES = (".yaml", ".yml")
CONFIG_NAME = ".nhiown.yaml"
DEFAULT_PATHS = ("inventory.yaml", "inventory")


@dataclass
class SourceFile:
    """One parsed YAML file. ``name`` is how findings refer to it."""

    path: Path
    name: str
    text: str
    data: Any


def display_name(path: Path) -> str:
    """The path relative to the working directory when inside it, with '/'."""
    # os.path rather than pathlib: this runs once per file, and a directory
    # inventory can hold thousands.
    here = os.getcwd()
    absolute = os.path.normpath(os.path.join(here, path))
    inside = os.path.join(here, "")
    if absolute.startswith(inside):
        absolute = absolute[len(inside):]
    return absolute.replace(os.sep, "/")


def default_paths(*, required: bool = True) -> list[Path]:
    """``inventory.yaml``, else ``inventory/``, in the working directory.

    ``inventory.yaml`` with a warning when both exist (see ``choose_default``).
    When neither does, NhiownError, or ``[]`` when not ``required`` (``gate``,
    whose base may hold the inventory the change deleted).
    """
    # A broken link counts as there: discover then says what is wrong with it.
    present = [
        name for name in DEFAULT_PATHS
        if os.path.exists(name) or os.path.islink(name)
    ]
    chosen = choose_default(present, "here")
    if not chosen and required:
        raise NhiownError(
            "no inventory found: neither inventory.yaml nor inventory/ exists here",
            hint="give a PATH, or run `nhiown init` to start one",
        )
    return chosen


def choose_default(present: list[str], where: str) -> list[Path]:
    """The default inventory among the ``DEFAULT_PATHS`` names ``present``.

    None present is no inventory (``[]``). Both present: ``inventory.yaml``,
    as the contract orders, with a warning on stderr, because the identities
    under ``inventory/`` go unchecked (an empty ``inventory.yaml`` beside a
    full folder would otherwise pass in silence). ``where`` ends the warning
    ("here", "at main").
    """
    if len(present) > 1:
        # A warning that cannot be shown must not stop the report.
        with contextlib.suppress(OSError):
            print(
                f"nhiown: warning: both inventory.yaml and inventory/ exist {where};"
                " reading inventory.yaml only (give the PATH to read inventory/)",
                file=sys.stderr, flush=True,
            )
    return [Path(name) for name in present[:1]]


def discover(paths: list[Path]) -> list[Path]:
    """The inventory files named by ``paths``, each once, in sorted order.

    Directories are searched recursively for ``*.yaml`` and ``*.yml``, skipping
    hidden files and folders (``.git``, ``.nhiown.yaml``) and following links
    to folders. An entry so named that is not a regular file (a FIFO, a
    device, a broken link) is an error, never read and never skipped. Sorting
    makes output independent of the file system's order and of the order of
    arguments. A real file reached by several names (a link to a file, a hard
    link, a path through a linked folder) is read once, under the first of
    its names in sorted order: read twice, each identity in it would be a
    duplicate of itself.
    """
    found: dict[str, Path] = {}
    for path in paths:
        if path.is_dir():
            files = list(_yaml_files(path))
            if not files:
                where = display_name(path)
                raise NhiownError(f"{where}: no *.yaml or *.yml files here")
            for file in files:
                found[display_name(file)] = file
        elif path.is_file():
            found[display_name(path)] = path
        else:
            raise NhiownError(f"{path}: {why_not_a_file(path)}")
    result = []
    seen: set[tuple[int, int]] = set()
    for name in sorted(found):
        real = _identity(found[name], name)
        if real not in seen:
            seen.add(real)
            result.append(found[name])
    return result


def _identity(path: Path, name: str) -> tuple[int, int]:
    """(device, inode) of the file ``path`` names, through any links."""
    try:
        status = os.stat(path)
    except OSError:
        # Gone or changed since it was listed: say so rather than skip it.
        raise NhiownError(f"{name}: {why_not_a_file(path)}") from None
    return status.st_dev, status.st_ino


def why_not_a_file(path: Path) -> str:
    """What is wrong with a path that is neither a file nor a directory."""
    try:
        path.stat()
    except OSError as exc:
        if path.is_symlink():
            return f"broken symbolic link ({exc.strerror})"
        return exc.strerror.lower() if exc.strerror else "cannot be read"
    return "not a regular file or directory"


def _yaml_files(directory: Path) -> list[Path]:
    """The inventory files under ``directory``, following links to folders.

    Each real folder is read once, so two links to one folder, or a link back
    up the tree, cannot read a file twice or loop. Entries are taken in sorted
    order, so that the path that names a folder reached twice does not depend
    on the file system.
    """
    result: list[Path] = []
    seen = {os.path.realpath(directory)}
    pending = [str(directory)]
    while pending:
        for entry in _entries(pending.pop()):
            if entry.name.startswith("."):
                continue
            if _is_folder(entry):
                real = os.path.realpath(entry.path)
                if real not in seen:
                    seen.add(real)
                    pending.append(entry.path)
            elif entry.name.lower().endswith(SUFFIXES):
                result.append(_inventory_file(entry))
    return result


def _entries(folder: str) -> list[os.DirEntry[str]]:
    """The folder's entries, sorted by name."""
    try:
        with os.scandir(folder) as entries:
            return sorted(entries, key=lambda entry: entry.name)
    except OSError as error:
        # A folder that cannot be listed would silently drop its identities.
        where = display_name(Path(error.filename or folder))
        raise NhiownError(f"{where}: cannot read folder: {error.strerror}") from None


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        # A link loop or an entry that cannot be looked at is not a folder;
        # when it is named like an inventory file, _inventory_file says why.
        return False


def _inventory_file(entry: os.DirEntry[str]) -> Path:
    """The entry as a path, when it is a regular file (through a link or not).

    A FIFO would block the read forever and a device such as /dev/zero would
    fill memory; a broken link would drop its identities. Each is refused the
    way it is when named on the command line.
    """
    path = Path(entry.path)
    try:
        regular = entry.is_file()
    except OSError:
        regular = False
    if not regular:
        raise NhiownError(f"{display_name(path)}: {why_not_a_file(path)}")
    return path


def read_source(path: Path) -> SourceFile:
    """Read, decode and parse one file; NhiownError (exit 2) when it cannot."""
    name = display_name(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise NhiownError(f"cannot read file: {exc.strerror}", file=name) from None
    text = decode(data, name)
    return SourceFile(path, name, text, load_yaml(text, name))


def find_config(start: Path) -> Path | None:
    """``.nhiown.yaml`` in ``start`` or a parent, up to the git root."""
    for directory in (start.absolute(), *start.absolute().parents):
        candidate = directory / CONFIG_NAME
        if candidate.is_file():
            return candidate
        if candidate.exists() or candidate.is_symlink():
            raise NhiownError(
                f"{display_name(candidate)}: {why_not_a_file(candidate)}",
                hint="the config must be a YAML file",
            )
        if (directory / ".git").exists():
            return None
    return None
