"""What every edit command does around its own change: find the identity, work
the edit out, show or write it, then re-check the identity."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import typer

from nhiown import options
from nhiown.commands.check import run_check
from nhiown.edit.atomicfile import replace_file
from nhiown.edit.change import Change
from nhiown.edit.plan import Plan, plan_edit
from nhiown.edit.refusal import Refusal
from nhiown.edit.request import Context, Request
from nhiown.errors import output_failures_as_errors
from nhiown.findings import Finding, Severity
from nhiown.inventory import find_record, load_inventory
from nhiown.sources import default_paths

EXIT_REFUSED = 1

Planner = Callable[[Context], list[Change]]
"""Turns the context into the changes to make; raises Refusal to decline."""


def perform(request: Request, planner: Planner) -> int:
    """Run one edit; 0 when written (or shown, or nothing to do), 1 refused."""
    paths = request.paths or default_paths()
    inventory = load_inventory(paths, request.config)
    record = find_record(inventory, request.identifier)
    today = options.resolve_today(request.today, inventory.settings.policy.timezone)
    try:
        plan = plan_edit(record, planner(Context(inventory, record, today)))
    except Refusal as refusal:
        typer.echo(f"nhiown: refused: {refusal}", err=True)
        return EXIT_REFUSED
    if not plan.changed:
        typer.echo(f"{plan.name}: {plan.identity}: already recorded, nothing to change")
        return 0
    if request.dry_run:
        options.emit(plan.diff(), None)
        return 0
    replace_file(plan.path, plan.original, plan.updated, plan.name)
    # Still exit 2 when the output fails, as any cut-short output is, but a
    # script reading only the error must not conclude that nothing was recorded.
    with output_failures_as_errors(
        f"{plan.name} was changed, but standard output failed"
    ):
        typer.echo(plan.summary())
        _recheck(request, paths, plan)
        sys.stdout.flush()
    return 0


def _recheck(request: Request, paths: list[Path], plan: Plan) -> None:
    report = run_check(paths, today=request.today, config=request.config)
    remaining = [f for f in report.findings if f.identity == plan.identity]
    if not remaining:
        typer.echo(f"re-check: no findings remain for {plan.identity}")
        return
    count = "1 finding remains" if len(remaining) == 1 else (
        f"{len(remaining)} findings remain"
    )
    typer.echo(f"re-check: {count} for {plan.identity}")
    color = options.display_for(request.no_color, None).color
    for finding in remaining:
        typer.echo(_line(finding, color))


def _line(finding: Finding, color: bool) -> str:
    severity = finding.severity.value
    if color:
        tint = "red" if finding.severity is Severity.ERROR else "yellow"
        severity = typer.style(severity, fg=tint, bold=tint == "red")
    return (
        f"  {finding.file}:{finding.line}:{finding.column}: {severity}"
        f" {finding.rule} {finding.name}: {finding.message}"
    )
