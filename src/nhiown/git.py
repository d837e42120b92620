"""Reading the inventory's history from git, through its command line.

Git runs with argument lists, never through a shell, and every ref or path
that comes from the user is refused when it could be read as an option: a
``--base`` of ``--output=x`` must not become a git flag.
"""

from __future__ import annotations

import os
import posixpath
import subprocess
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from nhiown.errors import NhiownError, UsageError
from nhiown.sources import SUFFIXES, display_name

LINK_MODE = "120000"
FILE_MODES = ("100644", "100755")


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
    paths name no files (git would list the whole tree). A symbolic link on
    the way to a path, or one below it that ``check`` would follow, is an
    error (``link_error``): git lists a link as a blob of its text, so what
    it leads to would look new, and a change behind it would pass unjudged.
    """
    if not paths:
        return []
    wanted = [top_relative(repo, path) for path in paths]
    _refuse_linked_folders(repo, commit, wanted)
    output = repo.run("ls-tree", "-r", "-z", commit, "--", *wanted)
    found = []
    for entry in filter(None, output.split("\0")):
        info, name = entry.split("\t", 1)
        named = name in wanted
        parts = PurePosixPath(name).parts[len(_folder_parts(name, wanted)):]
        if not named and any(p.startswith(".") for p in parts):
            continue
        inventory_like = named or name.lower().endswith(SUFFIXES)
        if info.startswith(LINK_MODE + " "):
            if inventory_like or not _links_to_a_file(repo, commit, name):
                raise _tree_link_error(repo, commit, name)
        elif inventory_like:
            found.append(name)
    return sorted(found)


def link_error(shown: str, target: str | None) -> NhiownError:
    """The error for a symbolic link met in the inventory named ``shown``.

    ``target`` is the display name of what it leads to, when that is inside
    the repository, so the hint can name the PATH to give instead.
    """
    example = f", e.g. {target}" if target else ""
    return NhiownError(
        "a symbolic link in the inventory; gate compares git trees and cannot"
        " follow it",
        file=shown,
        hint=f"give the real PATH{example}",
    )


def _refuse_linked_folders(repo: Repository, commit: str, wanted: list[str]) -> None:
    """``link_error`` when a folder on the way to a wanted path is a link."""
    above = sorted({
        "/".join(PurePosixPath(name).parts[:depth])
        for name in wanted if name != "."
        for depth in range(1, len(PurePosixPath(name).parts))
    })
    if not above:
        return
    output = repo.run("ls-tree", "-z", commit, "--", *above)
    for entry in filter(None, output.split("\0")):
        info, name = entry.split("\t", 1)
        if info.startswith(LINK_MODE + " "):
            raise _tree_link_error(repo, commit, name)


def _link_target(repo: Repository, commit: str, name: str) -> str | None:
    """Where the link ``name`` leads, relative to the top; None when outside."""
    text = repo.blob(commit, name).decode("utf-8", "replace")
    target = posixpath.normpath(posixpath.join(posixpath.dirname(name), text))
    if posixpath.isabs(text) or target == ".." or target.startswith("../"):
        return None
    return target


def _links_to_a_file(repo: Repository, commit: str, name: str) -> bool:
    """Whether the link ``name`` leads to a regular file in the tree.

    ``check`` never reads such a link unless it is named like an inventory
    file; anything else (a folder, another link, a place outside) could be.
    """
    target = _link_target(repo, commit, name)
    if target is None or target == ".":
        return False
    output = repo.run("ls-tree", "-z", commit, "--", target)
    entries = [entry for entry in output.split("\0") if entry]
    return len(entries) == 1 and entries[0].split(" ", 1)[0] in FILE_MODES


def _tree_link_error(repo: Repository, commit: str, name: str) -> NhiownError:
    target = _link_target(repo, commit, name)
    shown = display_name(repo.top / target) if target else None
    return link_error(display_name(repo.top / name), shown)


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
