"""``nhiown gate``: judge the change from a git ref to the working tree.

The options live here; the run itself is ``nhiown.gate``.
"""

from __future__ import annotations

from typing import Annotated

import typer

from nhiown import options
from nhiown.commands.check import (
    RENDERERS,
    CheckFormat,
    FailOn,
    FailOnOption,
    FormatOption,
    IgnoreOption,
    SelectOption,
)
from nhiown.errors import UsageError
from nhiown.findings import Severity


def command(
    base: Annotated[
        str,
        typer.Option(
            "--base", metavar="REF",
            help="Git ref the change starts from (origin/main, a commit id); the"
            " change is judged from where HEAD left it (git merge-base).",
            show_default=False,
        ),
    ],
    paths: options.Paths = None,
    author: Annotated[
        list[str] | None,
        typer.Option(
            "--author", metavar="EMAIL",
            help="Author e-mail of the change (repeatable); replaces the authors"
            " of the commits in BASE..HEAD.",
            show_default=False,
        ),
    ] = None,
    output_format: FormatOption = CheckFormat.table,
    output: options.Output = None,
    fail_on: FailOnOption = FailOn.error,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    today: options.Today = None,
    config: options.Config = None,
    no_color: options.NoColor = False,
    debug: options.Debug = False,
) -> None:
    """Judge a change to the inventory: who extended, widened or removed what.

    Compares the inventory at --base (read from git) with the working tree,
    matching identities by id across files. Runs the change rules CHG001-CHG004
    against the change's authors, and every check rule on the identities the
    change added or modified. Policy and people come from the working tree.

    Exit status: 0 when nothing is at or above --fail-on, 1 when something is,
    2 when it cannot run (not a git repository, unknown ref, an inventory that
    does not parse at the base or in the tree, a symbolic link in the
    inventory, which git trees cannot follow: give the real PATH; bad command
    line).
    """
    options.refuse_overwriting_inputs(output, paths or [], config)
    from nhiown.gate import run_gate  # git and the diff load only for gate

    report = run_gate(
        base,
        paths or [],
        authors=_authors(author),
        today=today,
        config=config,
        select=options.split_codes(select),
        ignore=options.split_codes(ignore),
    )
    display = options.display_for(no_color, output)
    options.emit(RENDERERS[output_format](report, display), output,
                 machine=output_format is not CheckFormat.table)
    raise typer.Exit(report.exit_code(Severity(fail_on.value)))


def _authors(given: list[str] | None) -> list[str]:
    """--author values; an empty one would silently judge a change by nobody.

    One starting with '-' is refused as refs and paths are: it is an option
    that took the place of the value (`--author --base`), not an address.
    """
    if given is not None and any(not name.strip() for name in given):
        raise UsageError("--author: empty; give the author's e-mail address")
    names = [
        name.strip()
        for name in options.split_codes(given, "author", "ana@example.com")
    ]
    for name in names:
        if name.startswith("-"):
            raise UsageError(
                f"--author {name!r} looks like an option",
                hint="give the author's e-mail address; it never starts with '-'",
            )
    return names
