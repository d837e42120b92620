"""``nhiown check``: load, validate, run the rules, report, exit 0/1.

``RENDERERS`` is the one list of report formats; ``gate`` reuses it.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from nhiown import baseline, options
from nhiown.engine import RuleSelection, check
from nhiown.errors import UsageError
from nhiown.findings import Report, Severity
from nhiown.formats import Renderer, lazy
from nhiown.inventory import load_inventory
from nhiown.rules import expand_selector
from nhiown.sources import default_paths

CHANGE_PREFIX = "CHG"
"""Rules that only `nhiown gate` runs."""


class CheckFormat(StrEnum):
    table = "table"
    json = "json"
    sarif = "sarif"
    github = "github"
    junit = "junit"
    markdown = "markdown"


class FailOn(StrEnum):
    error = "error"
    warning = "warning"


RENDERERS: dict[CheckFormat, Renderer] = {
    CheckFormat.table: lazy("table"),
    CheckFormat.json: lazy("json_format", uses_display=False),
    CheckFormat.sarif: lazy("sarif"),
    CheckFormat.github: lazy("github"),
    CheckFormat.junit: lazy("junit"),
    CheckFormat.markdown: lazy("markdown"),
}
"""Every report format, by name: ``check`` and ``gate`` render through this."""

FormatOption = Annotated[
    CheckFormat,
    typer.Option(
        "--format", "-f",
        help="Report format: table for people; json, sarif (code scanning),"
        " github (workflow annotations), junit (GitLab, Jenkins), markdown"
        " (PR comment, step summary). Never coloured except table.",
    ),
]
FailOnOption = Annotated[
    FailOn,
    typer.Option("--fail-on", help="Exit 1 on findings at or above this severity."),
]
SelectOption = Annotated[
    list[str] | None,
    typer.Option(
        "--select",
        metavar="CODES",
        help="Run only these rules: codes or prefixes, comma-separated or"
        " repeated (OWN,REV001).",
        show_default=False,
    ),
]
IgnoreOption = Annotated[
    list[str] | None,
    typer.Option(
        "--ignore", metavar="CODES", help="Skip these rules (codes or prefixes).",
        show_default=False,
    ),
]
"""Options that ``check`` and ``gate`` share, spelled once."""


def run_check(
    paths: list[Path],
    *,
    today: str | None = None,
    config: Path | None = None,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
) -> Report:
    """Load the inventory at ``paths`` and judge it; the report, not printed."""
    selected = {code for given in select or [] for code in expand_selector(given)}
    if selected and all(code.startswith(CHANGE_PREFIX) for code in selected):
        raise UsageError(
            "--select names only change rules, which judge a change, not a state",
            hint="run them with `nhiown gate --base REF`",
        )
    inventory = load_inventory(paths or default_paths(), config)
    policy = inventory.settings.policy
    selection = RuleSelection.build(policy.rules, select or [], ignore or [])
    return check(inventory, options.resolve_today(today, policy.timezone), selection)


def command(
    paths: options.Paths = None,
    output_format: FormatOption = CheckFormat.table,
    output: options.Output = None,
    fail_on: FailOnOption = FailOn.error,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    baseline_file: Annotated[
        Path | None,
        typer.Option(
            "--baseline", metavar="FILE",
            help="Report and fail only on findings not in this baseline file;"
            " entries that no longer occur are reported as stale (they do not"
            " change the exit code). A missing or bad file exits 2.",
            show_default=False,
            parser=options.parse_path,
        ),
    ] = None,
    write_baseline: Annotated[
        Path | None,
        typer.Option(
            "--write-baseline", metavar="FILE",
            help="Record today's findings in this file (JSON) for --baseline,"
            " print only how many were recorded (on stderr), and exit 0.",
            show_default=False,
            parser=options.parse_path,
        ),
    ] = None,
    today: options.Today = None,
    config: options.Config = None,
    no_color: options.NoColor = False,
    debug: options.Debug = False,
) -> None:
    """Check the inventory against the policy and report every finding.

    Exit status: 0 when nothing is at or above --fail-on (with --baseline:
    nothing new; with --write-baseline: always), 1 when something is, 2 when
    the inventory, the baseline or the command line cannot be used.
    """
    if baseline_file is not None and write_baseline is not None:
        raise UsageError(
            "--baseline and --write-baseline cannot be used together",
            hint="--write-baseline FILE alone records every current finding",
        )
    options.refuse_overwriting_inputs(
        output, paths or [], config, baseline=baseline_file
    )
    options.refuse_overwriting_inputs(
        write_baseline, paths or [], config, "--write-baseline"
    )
    if write_baseline is not None and (
        output is not None or output_format is not CheckFormat.table
    ):
        # It writes the baseline and nothing else; a report asked for would
        # silently not appear.
        raise UsageError(
            "--write-baseline writes no report, so --output and --format have"
            " nothing to write",
            hint="record the baseline in one run and write the report in another",
        )
    known = baseline.load(baseline_file) if baseline_file is not None else None
    report = run_check(
        paths or [],
        today=today,
        config=config,
        select=options.split_codes(select),
        ignore=options.split_codes(ignore),
    )
    if write_baseline is not None:
        count = baseline.write(write_baseline, report)
        typer.echo(f"nhiown: {count} finding(s) recorded in {write_baseline}", err=True)
        raise typer.Exit(0)
    if known is not None and baseline_file is not None:
        report = baseline.apply(report, known, str(baseline_file))
    display = options.display_for(no_color, output)
    options.emit(RENDERERS[output_format](report, display), output,
                 machine=output_format is not CheckFormat.table)
    raise typer.Exit(report.exit_code(Severity(fail_on.value)))


