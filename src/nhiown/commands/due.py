"""``nhiown due``: what falls due within a window, and who must act."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from nhiown import options
from nhiown.dates import Duration
from nhiown.errors import UsageError
from nhiown.formats import Renderer, lazy
from nhiown.inventory import load_inventory
from nhiown.sources import default_paths

if TYPE_CHECKING:
    from nhiown.due import DueList

EXIT_OVERDUE = 1


class DueFormat(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"
    csv = "csv"
    ics = "ics"


RENDERERS: dict[DueFormat, Renderer] = {
    DueFormat.table: lazy("due_table"),
    DueFormat.json: lazy("due_json", uses_display=False),
    DueFormat.markdown: lazy("due_markdown", uses_display=False),
    DueFormat.csv: lazy("due_csv", uses_display=False),
    DueFormat.ics: lazy("due_ics", uses_display=False),
}


def run_due(
    paths: list[Path],
    *,
    within: str | None = None,
    owner: str | None = None,
    team: str | None = None,
    today: str | None = None,
    config: Path | None = None,
) -> DueList:
    """Load the inventory at ``paths`` and list what falls due; not printed."""
    from nhiown.due import Filters, due  # loaded only when due runs

    inventory = load_inventory(paths or default_paths(), config)
    policy = inventory.settings.policy
    window = policy.due_window if within is None else _window(within)
    filters = Filters(owner=_given(owner), team=_given(team))
    return due(inventory, options.resolve_today(today, policy.timezone), window,
               filters)


def _window(value: str) -> Duration:
    try:
        text = value.strip()
        return Duration.parse(int(text) if text.isascii() and text.isdigit() else text)
    except ValueError as exc:
        raise UsageError(f"--within: {exc}") from None


def _given(value: str | None) -> str | None:
    if value is not None and not value.strip():
        raise UsageError("--owner and --team need a value")
    return value


def _one(option: str, values: list[str] | None) -> str | None:
    """The option's value; given twice, Click would keep the last in silence."""
    if not values:
        return None
    if len(values) > 1:
        raise UsageError(
            f"{option} given {len(values)} times; it takes one value",
            hint="run `nhiown due` once per owner or team",
        )
    return values[0]


def command(
    paths: options.Paths = None,
    within: Annotated[
        str | None,
        typer.Option(
            "--within", "-w", metavar="DURATION",
            help="Look this far ahead: days (30) or 30d, 6w, 3m, 1y"
            " (default: policy.due_window, 30d).",
            show_default=False,
        ),
    ] = None,
    owner: Annotated[
        list[str] | None,
        typer.Option(
            "--owner", metavar="EMAIL",
            help="Only identities this person owns, as business or technical owner"
            " (people aliases count).",
            show_default=False,
        ),
    ] = None,
    team: Annotated[
        list[str] | None,
        typer.Option(
            "--team", metavar="TEAM",
            help="Only identities of this team (the identity's team, else its"
            " business owner's team in people).",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        DueFormat,
        typer.Option(
            "--format", "-f",
            help="table, json, markdown (a digest), csv, or ics (a calendar).",
        ),
    ] = DueFormat.table,
    output: options.Output = None,
    fail_on_overdue: Annotated[
        bool,
        typer.Option("--fail-on-overdue",
                     help="Exit 1 when anything listed is overdue."),
    ] = False,
    today: options.Today = None,
    config: options.Config = None,
    no_color: options.NoColor = False,
    debug: options.Debug = False,
) -> None:
    """List the reviews, expiries, rotations and waivers that fall due, by owner.

    Overdue items come first, then by date. Exit status: 0 (whatever is
    listed), 1 with --fail-on-overdue when something is overdue, 2 when the
    inventory or the command line cannot be used.
    """
    options.refuse_overwriting_inputs(output, paths or [], config)
    due_list = run_due(
        paths or [], within=within, owner=_one("--owner", owner),
        team=_one("--team", team), today=today, config=config,
    )
    display = options.display_for(no_color, output)
    options.emit(RENDERERS[output_format](due_list, display), output,
                 machine=output_format is not DueFormat.table)
    raise typer.Exit(EXIT_OVERDUE if fail_on_overdue and due_list.overdue else 0)
