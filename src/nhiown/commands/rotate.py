"""``nhiown rotate``: record that an identity's secret was rotated."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from nhiown import options
from nhiown.edit import request as edit
from nhiown.edit.change import Change
from nhiown.edit.chronology import require_chronology
from nhiown.edit.refusal import Refusal
from nhiown.yamltree import lookup


def rotate_changes(context: edit.Context, date: dt.date | None) -> list[Change]:
    """``credential.last_rotated``; a Refusal for a keyless credential, or for a
    date after today, before ``created`` or before the recorded rotation."""
    if lookup(context.record.raw, ("credential", "type")) == "keyless":
        raise Refusal(
            f"{context.record.id} has a keyless credential: there is no secret to"
            " rotate",
            hint="change credential.type first if it does hold a secret now",
        )
    day = date or context.today
    require_chronology(
        context, "--date", day, date is not None, "rotation",
        ("credential", "last_rotated"),
    )
    return [Change(("credential", "last_rotated"), day.isoformat())]


def command(
    identifier: edit.Identifier,
    paths: options.Paths = None,
    date: Annotated[
        str | None,
        edit.date_option(
            "--date",
            "Day of the rotation, YYYY-MM-DD (default: today); not after today,"
            " before created or before the recorded last_rotated.",
        ),
    ] = None,
    dry_run: edit.DryRun = False,
    today: options.Today = None,
    config: options.Config = None,
    no_color: options.NoColor = False,
    debug: options.Debug = False,
) -> None:
    """Record a rotation of identity ID's secret in place: credential.last_rotated.

    Only the line carrying the date changes (or one line is added). Refused
    for a keyless credential, and for a date after today, before the
    identity's created or before the recorded credential.last_rotated.

    Exit status: 0 recorded (or shown with --dry-run), 1 refused and nothing
    written, 2 when the id, the date, the inventory or the command line cannot
    be used, or when the file cannot be written in place (read-only for you,
    or hard-linked elsewhere: a rename would split the links).
    """
    request = edit.Request(identifier, paths or [], today, config, dry_run, no_color)
    day = edit.option_date("--date", date)
    edit.run(request, lambda context: rotate_changes(context, day))
