"""Reading the inventory's history from git, through its command line.

Git runs with argument lists, never through a shell, and every ref or path
that comes from the user is refused when it could be read as an option: a
``--base`` of ``--output=x`` must not become a git flag.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from nhiown.errors import NhiownError, UsageError
from nhiown.sources import SUFFIXES


@dataclass(frozen=True)
class Repository:
    """The git work tree around the working directory."""

    top: Path
    """The work tree's top folder: the working directory and ``..`` steps up,
    without resolving links, so that file names match those of ``check``."""

    def run(self, *args: str) -> str:
        """Git's stdout for ``args``; NhiownError with git's message on failure."""
        result = _git(list(args), self.top)
        if result.returncode != 0:
            raise NhiownError(f"git {args[0]} failed: {_first_line(result.stderr)}")
        return result.stdout

    def blob(self, commit: str, path: str) -> bytes:
        """The bytes of ``path`` (relative to the top) at ``commit``."""
        result = subprocess.run(
            ["git", "cat-file", "blob", f"{commit}:{path}"],
            cwd=self.top, capture_output=True, check=False,
        )
        if result.returncode != 0:
            message = _first_line(result.stderr.decode("utf-8", "replace"))
            raise NhiownError(f"git cat-file failed: {message}", file=path)
        return result.stdout


def open_repository(start: Path) -> Repository:
    """The repository holding ``start``; UsageError when there is none."""
    result = _git(["rev-parse", "--show-cdup"], start)
    if result.returncode != 0:
        if "not a git repository" in result.stderr:
            raise UsageError(
                "not inside a git repository: gate compares the inventory with a"
                " git ref",
                hint="run it in a clone of the inventory repository",
            )
        raise NhiownError(f"git rev-parse failed: {_first_line(result.stderr)}")
    cdup = result.stdout.strip()
    return Repository(Path(os.path.normpath(start.absolute() / (cdup or "."))))


def refuse_option(value: str, what: str) -> None:
    """UsageError when ``value`` starts with '-', as git would read an option."""
    if value.startswith("-"):
        raise UsageError(
            f"{what} {value!r} looks like an option",
            hint=f"a {what} never starts with '-'",
        )


def resolve_commit(repo: Repository, ref: str) -> str:
    """The commit id ``ref`` names; UsageError when git does not know it."""
    refuse_option(ref, "ref")
    result = _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], repo.top)
    if result.returncode != 0 or not result.stdout.strip():
        raise UsageError(
            f"unknown git ref {ref!r}",
            hint="fetch it first (git fetch origin main), and in CI check out with"
            " the full history (fetch-depth: 0)",
        )
    return result.stdout.strip()


def fork_point(repo: Repository, base: str, head: str = "HEAD") -> str:
    """Where ``head`` left ``base``'s history (``git merge-base``).

    Judging from there, not from the tip of ``base``, keeps commits that landed
    on the base branch since out of the change, as a pull request shows it.
    """
    head_commit = resolve_commit(repo, head)
    result = _git(["merge-base", base, head_commit], repo.top)
    if result.returncode != 0 or not result.stdout.strip():
        raise UsageError(
            f"{base} and {head} share no history",
            hint="the clone is probably shallow; fetch the full history"
            " (fetch-depth: 0, or git fetch --unshallow)",
        )
    return result.stdout.strip()


def authors(repo: Repository, base: str, head: str = "HEAD") -> list[str]:
    """Author e-mails of the commits in ``base..head``, each once, sorted."""
    output = repo.run("log", "--format=%ae", f"{base}..{head}")
    return sorted({line.strip() for line in output.splitlines() if line.strip()})


def present(repo: Repository, commit: str, names: list[str]) -> list[str]:
    """The ``names`` (files or folders, as given) that exist at ``commit``."""
    wanted = {top_relative(repo, Path(name)): name for name in names}
    output = repo.run("ls-tree", "--name-only", "-z", commit, "--", *wanted)
    found = set(output.split("\0"))
    return [name for relative, name in wanted.items() if relative in found]


def tree_paths(repo: Repository, commit: str, paths: list[Path]) -> list[str]:
    """The inventory files that ``paths`` name at ``commit``, relative to the top.

    A folder holds its ``*.yaml`` and ``*.yml`` files at any depth, hidden
    files and folders left out, as ``check`` reads the working tree. No
    paths name no files (git would list the whole tree).
    """
    if not paths:
        return []
    wanted = [top_relative(repo, path) for path in paths]
    output = repo.run("ls-tree", "-r", "--name-only", "-z", commit, "--", *wanted)
    found = []
    for name in filter(None, output.split("\0")):
        if name in wanted:
            found.append(name)
            continue
        below = PurePosixPath(name)
        parts = below.parts[len(_folder_parts(name, wanted)):]
        if name.lower().endswith(SUFFIXES) and not any(
            p.startswith(".") for p in parts
        ):
            found.append(name)
    return sorted(found)


def top_relative(repo: Repository, path: Path) -> str:
    """``path`` (as given on the command line) relative to the work tree's top."""
    text = path.as_posix()
    refuse_option(text, "path")
    absolute = Path(os.path.normpath(Path.cwd() / path))
    try:
        relative = absolute.relative_to(repo.top).as_posix()
    except ValueError:
        raise UsageError(f"{text}: outside the git repository") from None
    return relative or "."


def _folder_parts(name: str, wanted: list[str]) -> tuple[str, ...]:
    """The parts of the wanted folder that ``name`` was found under."""
    for folder in wanted:
        if folder == "." or name.startswith(folder.rstrip("/") + "/"):
            return () if folder == "." else PurePosixPath(folder).parts
    return ()


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            ["git", *args], cwd=cwd, capture_output=True, text=True,
            encoding="utf-8", errors="replace", check=False,
        )
    except FileNotFoundError:
        raise NhiownError("git is not installed (or not on PATH)") from None


def _first_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[0] if lines else "no message"
