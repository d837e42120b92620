"""``due --format ics``: an RFC 5545 calendar to subscribe to or import.

One all-day event per item. Its UID names the identity and what falls due,
never the date: when a review is recorded and ``review.next`` moves, the next
export carries the same UID with the new date, so a subscribed calendar moves
the event instead of keeping the old one beside a new one. DTSTAMP is today
at midnight UTC, not the clock, so the same inventory and today give the same
bytes.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from nhiown import __version__
from nhiown.due import DueList, Item
from nhiown.formats.due_text import owners_line, task, when

PRODID = f"-//nhiown//nhiown due {__version__}//EN"
UID_DOMAIN = "nhiown"


def uid(item: Item) -> str:
    """The event's identity across exports: identity, kind and which waiver."""
    parts = [item.identity, item.what] + ([item.key.lower()] if item.key else [])
    return ".".join(parts) + f"@{UID_DOMAIN}"


def render(due_list: DueList) -> str:
    """The calendar as text with CRLF line ends, as RFC 5545 wants."""
    # Imported here: only this format needs the library, and check starts faster.
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    scope = due_list.filters.describe()
    calendar.add("x-wr-calname", "nhiown due" + (f" ({scope})" if scope else ""))
    stamp = dt.datetime.combine(due_list.today, dt.time(), tzinfo=dt.UTC)
    seen: dict[str, int] = {}
    for item in due_list.items:
        base = uid(item)
        # Duplicate ids (SCH002) would otherwise give two events one UID.
        seen[base] = seen.get(base, 0) + 1
        unique = base if seen[base] == 1 else base.replace("@", f".{seen[base]}@", 1)
        calendar.add_component(_event(item, unique, stamp))
    return calendar.to_ical().decode("utf-8")


def _event(item: Item, unique: str, stamp: dt.datetime) -> Any:
    from icalendar import Event, vCalAddress

    event = Event()
    event.add("uid", unique)
    event.add("dtstamp", stamp)
    event.add("dtstart", item.date)
    if item.date < dt.date.max:  # without DTEND an all-day event lasts one day
        event.add("dtend", item.date + dt.timedelta(days=1))
    suffix = " (overdue)" if item.overdue else ""
    event.add("summary", f"{item.identity}: {task(item)}{suffix}")
    event.add("description", _description(item))
    event.add("categories", [item.what])
    # A reminder, not a meeting: it must not block anyone's time.
    event.add("transp", "TRANSPARENT")
    for name, role in ((item.actor, "REQ-PARTICIPANT"), (item.other_owner,
                                                         "OPT-PARTICIPANT")):
        if name and "@" in name:
            attendee = vCalAddress(f"mailto:{name}")
            attendee.params["role"] = role
            attendee.params["cn"] = name
            event.add("attendee", attendee, encode=False)
    return event


def _description(item: Item) -> str:
    lines = [
        f"{task(item).capitalize()} {item.identity} by {item.date}"
        f" ({when(item)} as of {item.date - dt.timedelta(days=item.days_left)}).",
        f"Who acts: {item.actor or 'no owner'}.",
        f"Owners: {owners_line(item)}.",
    ]
    if item.team:
        lines.append(f"Team: {item.team}.")
    lines.append(f"Inventory: {item.file}:{item.line}")
    return "\n".join(lines)
