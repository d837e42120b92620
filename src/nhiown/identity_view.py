"""One identity as ``nhiown show`` presents it: the entry, its dates, its findings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from nhiown import options
from nhiown.engine import RuleSelection, check
from nhiown.findings import Report
from nhiown.inventory import Record, find_record, load_inventory
from nhiown.model import Policy
from nhiown.people import People
from nhiown.schedule import expiry_deadline, review_deadline, rotation_deadline
from nhiown.sources import default_paths
from nhiown.validation import dotted


@dataclass(frozen=True)
class DueDate:
    """A date the identity must meet, and how far off it is."""

    what: str
    """``review``, ``expiry``, ``rotation`` or ``exception`` (as ``nhiown due``)."""
    date: dt.date
    days_left: int
    field: str
    """Dotted path of the value the date comes from (``review.next``)."""
    derived: bool = False
    """Computed from a last date plus the tier's interval, not written."""


@dataclass(frozen=True)
class IdentityView:
    """The record as written, its due dates and its share of the check report."""

    record: Record
    report: Report
    due: tuple[DueDate, ...]
    people: People


def build_view(
    identifier: str,
    paths: list[Path],
    *,
    today: str | None = None,
    config: Path | None = None,
) -> IdentityView:
    """Load the inventory, judge it, and keep what concerns ``identifier``.

    The whole inventory is checked, not the one entry, so that findings that
    depend on the others (a duplicate id) are the ones ``check`` reports.
    """
    inventory = load_inventory(paths or default_paths(), config)
    record = find_record(inventory, identifier)
    policy = inventory.settings.policy
    day = options.resolve_today(today, policy.timezone)
    levels: dict[str, str] = dict(policy.rules)
    full = check(inventory, day, RuleSelection.build(levels))
    report = Report(
        today=day,
        identities=1,
        findings=tuple(f for f in full.findings if f.identity == identifier),
        waived=tuple(w for w in full.waived if w.finding.identity == identifier),
    )
    return IdentityView(record, report, _due_dates(record, policy, day),
                        inventory.settings.people)


def _due_dates(record: Record, policy: Policy, today: dt.date) -> tuple[DueDate, ...]:
    identity = record.identity
    if identity is None or not identity.active:
        return ()
    deadlines = [
        ("review", review_deadline(identity, policy)),
        ("expiry", expiry_deadline(identity)),
        ("rotation", rotation_deadline(identity, policy)),
    ]
    due = [
        DueDate(what, d.date, (d.date - today).days, dotted(d.path), d.derived)
        for what, d in deadlines
        if d is not None
    ]
    for index, waiver in enumerate(identity.exceptions or []):
        if waiver.expires is not None:
            days = (waiver.expires - today).days
            path = dotted(("exceptions", index, "expires"))
            due.append(DueDate("exception", waiver.expires, days, path))
    return tuple(due)
