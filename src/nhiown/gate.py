"""A gate run: the inventory at the base from git objects, the working tree's
from disk, the change rules between them and the check rules on what changed.

The change rules (CHG001-CHG004) see both sides and the change's authors;
every ``check`` rule runs too, but only its findings on what the change
touched are kept: identities added or modified, and the file-level findings
(no identity) of files whose text changed. Someone else's overdue review in
an untouched identity never blocks a small fix.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path, PurePosixPath

from nhiown import git, options
from nhiown.change import judge_change, touched_files, touched_ids
from nhiown.engine import RuleSelection, check
from nhiown.errors import NhiownError
from nhiown.findings import Finding, Report, sort_findings
from nhiown.inventory import Inventory, build_inventory, load_inventory
from nhiown.sources import (
    DEFAULT_PATHS,
    SUFFIXES,
    SourceFile,
    choose_default,
    default_paths,
    display_name,
)
from nhiown.yamlload import decode, load_yaml


def run_gate(
    base_ref: str,
    paths: list[Path],
    *,
    authors: list[str] | None = None,
    today: str | None = None,
    config: Path | None = None,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
) -> Report:
    """Judge the change from ``base_ref`` to the working tree; the report."""
    repo = git.open_repository(Path.cwd())
    for path in paths:
        git.refuse_option(path.as_posix(), "path")
    start = git.fork_point(repo, git.resolve_commit(repo, base_ref))
    if paths:
        base_paths, head_paths = paths, _still_there(repo, start, paths)
    else:
        base_paths, head_paths = _default_paths(repo, start, base_ref)
    refuse_links(repo, head_paths)
    base = load_base(repo, start, base_ref, base_paths)
    head = load_inventory(head_paths, config)
    by = authors if authors else git.authors(repo, start)

    policy = head.settings.policy
    selection = RuleSelection.build(policy.rules, select or [], ignore or [])
    state = check(head, options.resolve_today(today, policy.timezone), selection)
    ids = touched_ids(base, head)
    files = touched_files(base, head)

    def touched(finding: Finding) -> bool:
        if finding.identity is None:
            return finding.file in files
        return finding.identity in ids

    changes = _selected(judge_change(base, head, by, state.today), selection)
    return Report(
        today=state.today,
        identities=len(ids),
        findings=sort_findings([f for f in state.findings if touched(f)] + changes),
        waived=tuple(w for w in state.waived if touched(w.finding)),
        title="nhiown gate",
        rules_run=state.rules_run,
    )


def _default_paths(
    repo: git.Repository, start: str, ref: str
) -> tuple[list[Path], list[Path]]:
    """The default inventory at the base and in the working tree.

    Each side is chosen by what is there, so a change that replaces
    ``inventory.yaml`` by ``inventory/`` (or back) is judged file by file,
    identity by identity: a side that holds neither was deleted, or is new.
    """
    base = choose_default(git.present(repo, start, list(DEFAULT_PATHS)), f"at {ref}")
    return base, default_paths(required=not base)


def _still_there(repo: git.Repository, start: str, paths: list[Path]) -> list[Path]:
    """The paths that exist in the tree; one the change deleted is no error.

    Its identities are gone from the working tree, which is what CHG003 is
    there to judge.
    """
    present = []
    for path in paths:
        if path.exists() or not git.tree_paths(repo, start, [path]):
            present.append(path)  # a path known nowhere stays an error
    return present


def refuse_links(repo: git.Repository, paths: list[Path]) -> None:
    """``git.link_error`` when the working tree reaches an inventory file or
    folder through a symbolic link.

    ``check`` would follow it, but the base is a git tree, where a link is a
    blob of its text: what it leads to would look new at the base, so an
    extension or a deletion behind it would pass unjudged. Refusing keeps both
    sides read alike; the hint names the real PATH to give instead.
    """
    for path in paths:
        relative = git.top_relative(repo, path)
        if relative != ".":
            place = repo.top
            for part in PurePosixPath(relative).parts:
                place = place / part
                if place.is_symlink():
                    raise _disk_link_error(repo, place)
        folder = repo.top / relative
        if folder.is_dir():
            _refuse_links_below(repo, folder)


def _refuse_links_below(repo: git.Repository, folder: Path) -> None:
    """``git.link_error`` for a link ``check`` would follow under ``folder``."""
    pending = [folder]
    while pending:
        try:
            with os.scandir(pending.pop()) as found:
                entries = sorted(found, key=lambda entry: entry.name)
        except OSError:
            continue  # reading the inventory says what is wrong with it
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_symlink():
                if entry.name.lower().endswith(SUFFIXES) or _maybe_folder(entry):
                    raise _disk_link_error(repo, Path(entry.path))
            elif entry.is_dir():
                pending.append(Path(entry.path))


def _maybe_folder(entry: os.DirEntry[str]) -> bool:
    """Whether a link may lead to a folder; one that cannot be looked at may."""
    try:
        return entry.is_dir()
    except OSError:
        return True


def _disk_link_error(repo: git.Repository, link: Path) -> NhiownError:
    real = Path(os.path.realpath(link))
    try:
        inside = real.relative_to(os.path.realpath(repo.top))
    except ValueError:
        return git.link_error(display_name(link), None)
    if real.name == link.name and real.parent == Path(os.path.realpath(link.parent)):
        return git.link_error(display_name(link), None)  # a loop leads nowhere
    return git.link_error(display_name(link), display_name(repo.top / inside))


def load_base(
    repo: git.Repository, commit: str, ref: str, paths: list[Path]
) -> Inventory:
    """The inventory at ``commit``, read from git objects, never the work tree.

    The same PATH arguments name its files; file names read as in the working
    tree, so findings on a removed identity point where it used to be.
    """
    names = git.tree_paths(repo, commit, paths)
    try:
        sources = []
        for name in names:
            shown = display_name(repo.top / name)
            text = decode(repo.blob(commit, name), shown)
            data = load_yaml(text, shown)
            sources.append(SourceFile(repo.top / name, shown, text, data))
        return build_inventory(sources, None)
    except NhiownError as exc:
        raise NhiownError(
            f"the base ({ref}) is broken: {exc.message}",
            file=exc.file, line=exc.line, column=exc.column,
            hint=exc.hint or f"fix the inventory at {ref}, or pick another --base",
        ) from None


def _selected(findings: list[Finding], selection: RuleSelection) -> list[Finding]:
    """The findings whose rule is on, at the severity the selection gives it."""
    kept = []
    for finding in findings:
        level = selection.severity(finding.rule)
        if level is not None:
            kept.append(dataclasses.replace(finding, severity=level))
    return kept
