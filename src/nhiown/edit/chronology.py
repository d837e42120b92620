"""The dates an edit records must fit those already recorded: nothing done
after today, before the identity existed, or before the last time it was done.

A recorded date that is not a date is left to the schema rules; it cannot
contradict anything here.
"""

from __future__ import annotations

import datetime as dt

from nhiown.dates import parse_date
from nhiown.edit.refusal import Refusal
from nhiown.edit.request import Context
from nhiown.yamltree import PathPart, locate_value, lookup


def require_chronology(
    context: Context,
    flag: str,
    day: dt.date,
    given: bool,
    event: str,
    previous: tuple[PathPart, ...] | None = None,
) -> None:
    """Refusal when ``day``, the date of ``event`` (``flag``'s value when
    ``given``, else today), is after today, before ``created``, or before the
    date at ``previous``, the same event as last recorded."""
    shown = f"{flag} {day}" if given else f"today's date {day}"
    if day > context.today:
        raise Refusal(
            f"{shown} is after today, {context.today}: a {event} is recorded once"
            " it has happened",
            hint=f"give the day of the {event}, or --today if today is wrong",
        )
    created = _recorded(context, ("created",))
    if created is not None and day < created[0]:
        raise Refusal(
            f"{shown} is before created {created[0]} ({created[1]}): the identity"
            " did not exist yet",
            hint=f"give the day of the {event}, or correct created by hand first",
        )
    if previous is None:
        return
    last = _recorded(context, previous)
    if last is not None and day < last[0]:
        key = ".".join(str(part) for part in previous)
        raise Refusal(
            f"{shown} is before {key} {last[0]} ({last[1]}): it would replace a"
            f" later {event} with an earlier one",
            hint=f"give the day of this {event}, or correct {key} by hand first",
        )


def _recorded(
    context: Context, path: tuple[PathPart, ...]
) -> tuple[dt.date, str] | None:
    """The date at ``path`` and where it is written, FILE:LINE:COL; None when
    absent or not a date."""
    value = lookup(context.record.raw, path)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        day = value
    elif isinstance(value, str):
        try:
            day = parse_date(value)
        except ValueError:
            return None
    else:
        return None
    mark = locate_value(context.record.raw, path)
    where = context.record.file
    if mark is not None:
        where = f"{where}:{mark[0]}:{mark[1]}"
    return day, where
