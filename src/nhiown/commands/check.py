"""``nhiown check``: load, validate, run the rules, report, exit 0/1."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from nhiown import options
from nhiown.engine import RuleSelection, check
from nhiown.findings import Report, Severity
from nhiown.formats import Display, json_format, table
from nhiown.inventory import load_inventory
from nhiown.sources import default_paths


class CheckFormat(str, Enum):
    table = "table"
    json = "json"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"


RENDERERS: dict[CheckFormat, Callable[[Report, Display], str]] = {
    CheckFormat.table: table.render,
    CheckFormat.json: lambda report, _display: json_format.render(report),
}


def run_check(
    paths: list[Path],
    *,
    today: str | None = None,
    config: Path | None = None,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
) -> Report:
    """Load the inventory at ``paths`` and judge it; the report, not printed."""
    inventory = load_inventory(paths or default_paths(), config)
    policy = inventory.settings.policy
    selection = RuleSelection.build(policy.rules, select or [], ignore or [])
    return check(inventory, options.resolve_today(today, policy.timezone), selection)


def command(
    paths: options.Paths = None,
    output_format: Annotated[
        CheckFormat, typer.Option("--format", "-f", help="Report format.")
    ] = CheckFormat.table,
    output: options.Output = None,
    fail_on: Annotated[
        FailOn,
        typer.Option("--fail-on", help="Exit 1 on findings at or above this severity."),
    ] = FailOn.error,
    select: Annotated[
        list[str] | None,
        typer.Option(
            "--select",
            help="Run only these rules: codes or prefixes, comma-separated or"
            " repeated (OWN,REV001).",
            show_default=False,
        ),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option("--ignore", help="Skip these rules (codes or prefixes).",
                     show_default=False),
    ] = None,
    today: options.Today = None,
    config: options.Config = None,
    no_color: options.NoColor = False,
    debug: options.Debug = False,
) -> None:
    """Check the inventory against the policy and report every finding.

    Exit status: 0 when nothing is at or above --fail-on, 1 when something is,
    2 when the inventory or the command line cannot be used.
    """
    report = run_check(
        paths or [],
        today=today,
        config=config,
        select=options.split_codes(select),
        ignore=options.split_codes(ignore),
    )
    display = options.display_for(no_color, output)
    options.emit(RENDERERS[output_format](report, display), output)
    raise typer.Exit(report.exit_code(Severity(fail_on.value)))
