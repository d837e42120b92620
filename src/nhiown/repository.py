"""Where the repository starts, so that CI tools get paths they can resolve.

Findings name files relative to the working directory. Code scanning,
workflow annotations, JUnit reports and baselines want them relative to the
repository root (the git root, else the working directory), so that running
nhiown from a subdirectory or from the root points at the same file.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path


def root(start: Path | None = None) -> Path:
    """The nearest folder holding ``.git`` from ``start`` up, else ``start``."""
    here = (start or Path.cwd()).absolute()
    for directory in (here, *here.parents):
        if (directory / ".git").exists():
            return directory
    return here


def relative(file: str, base: Path, cwd: Path | None = None) -> str | None:
    """``file`` (as findings name it) relative to ``base``, with '/'.

    None when the file lies outside ``base``.
    """
    absolute = (cwd or Path.cwd()).absolute() / file
    try:
        return absolute.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return None


def repo_paths(files: Iterable[str], start: Path | None = None) -> dict[str, str]:
    """Each file's path from the repository root; absolute when outside it."""
    base = root(start)
    cwd = (start or Path.cwd()).absolute()
    return {
        file: relative(file, base, cwd) or (cwd / file).resolve().as_posix()
        for file in set(files)
    }
