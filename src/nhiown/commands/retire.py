"""``nhiown retire``: record that an identity was retired (and its secret
revoked)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from nhiown import options
from nhiown.edit import request as edit
from nhiown.edit.change import Change
from nhiown.edit.chronology import require_chronology


def retire_changes(
    context: edit.Context, date: dt.date, revoked: dt.date | None
) -> list[Change]:
    """``status: retired``, ``retired``, and ``credential.revoked`` when given; a
    Refusal when either date is after today or before ``created``."""
    require_chronology(context, "--date", date, True, "retirement")
    if revoked is not None:
        require_chronology(context, "--revoked", revoked, True, "revocation")
    changes = [Change(("status",), "retired"), Change(("retired",), date.isoformat())]
    if revoked is not None:
        changes.append(Change(("credential", "revoked"), revoked.isoformat()))
    return changes


def command(
    identifier: edit.Identifier,
    date: Annotated[
        str,
        edit.date_option(
            "--date",
            "Day the identity was retired, YYYY-MM-DD; not after today or"
            " before created.",
        ),
    ],
    paths: options.Paths = None,
    revoked: Annotated[
        str | None,
        edit.date_option(
            "--revoked",
            "Day its credential was revoked, YYYY-MM-DD (sets"
            " credential.revoked); not after today or before created.",
        ),
    ] = None,
    dry_run: edit.DryRun = False,
    today: options.Today = None,
    config: options.Config = None,
    no_color: options.NoColor = False,
    debug: options.Debug = False,
) -> None:
    """Mark identity ID retired in place: status, retired and credential.revoked.

    Only the lines carrying the new values change (or are added). OFF002 in
    the re-check reminds you when the credential still needs --revoked.
    Refused when --date or --revoked is after today or before the identity's
    created.

    Exit status: 0 recorded (or shown with --dry-run), 1 refused and nothing
    written, 2 when the id, a date, the inventory or the command line cannot
    be used, or when the file cannot be written in place (read-only for you,
    or hard-linked elsewhere: a rename would split the links).
    """
    request = edit.Request(identifier, paths or [], today, config, dry_run, no_color)
    day = edit.required_date("--date", date)
    revoked_day = edit.option_date("--revoked", revoked)
    edit.run(request, lambda context: retire_changes(context, day, revoked_day))
