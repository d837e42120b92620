"""``nhiown show ID``: one identity with its owners, dates, scopes and findings."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from nhiown import options
from nhiown.commands.check import FailOn
from nhiown.findings import Severity


class ShowFormat(StrEnum):
    table = "table"
    json = "json"


def command(
    identifier: Annotated[
        str, typer.Argument(help="The identity's id.", metavar="ID", show_default=False)
    ],
    paths: options.Paths = None,
    output_format: Annotated[
        ShowFormat, typer.Option("--format", "-f", help="Report format.")
    ] = ShowFormat.table,
    output: options.Output = None,
    fail_on: Annotated[
        FailOn,
        typer.Option("--fail-on",
                     help="Exit 1 when the identity has findings at or above this"
                     " severity."),
    ] = FailOn.error,
    today: options.Today = None,
    config: options.Config = None,
    no_color: options.NoColor = False,
    debug: options.Debug = False,
) -> None:
    """Show one identity: owners, tier, dates with days left, scopes, findings.

    Findings are those `nhiown check` reports for this identity, with the same
    policy, so the exit status follows the same rule.

    Exit status: 0 when the identity has no finding at or above --fail-on, 1
    when it has, 2 when the inventory cannot be used or no identity has this id
    (close ids are suggested).
    """
    options.refuse_overwriting_inputs(output, paths or [], config)
    from nhiown.formats import identity_card  # loaded only when show runs
    from nhiown.identity_view import build_view

    view = build_view(identifier, paths or [], today=today, config=config)
    if output_format is ShowFormat.json:
        text = identity_card.render_json(view)
    else:
        text = identity_card.render_table(view, options.display_for(no_color, output))
    options.emit(text, output, machine=output_format is ShowFormat.json)
    raise typer.Exit(view.report.exit_code(Severity(fail_on.value)))
