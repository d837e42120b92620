"""What falls due: the dated to-do list behind ``nhiown due``.

Pure: an inventory, today, a window and filters in; sorted items out. Every
format renders the same items, so the table, the calendar and the JSON agree.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterator
from dataclasses import dataclass

from nhiown.dates import Duration
from nhiown.errors import UsageError
from nhiown.inventory import Inventory, Record
from nhiown.model import Identity, Policy
from nhiown.people import People
from nhiown.schedule import (
    Deadline,
    expiry_deadline,
    holds_secret,
    review_deadline,
    rotation_deadline,
)
from nhiown.secretscan import printable
from nhiown.yamltree import Path, locate, locate_key

KINDS = ("review", "expiry", "rotation", "exception")
"""The ``what`` of an item, in the order ties on date and identity are broken."""

ACTIONS = {
    "review": "review",
    "expiry": "renew or retire",
    "rotation": "rotate secret",
    "exception": "renew or drop waiver",
}

TECHNICAL_KINDS = frozenset({"rotation"})
"""Kinds the technical owner acts on (hands on the secret); the business owner
decides the rest: whether the identity, or its waiver, should live on."""


_TEXT_FIELDS = (
    "identity", "business_owner", "technical_owner", "team", "file", "actor",
    "other_owner", "rule",
)


@dataclass(frozen=True)
class Item:
    """One thing that falls due: which identity, what, by when, and who owns it."""

    identity: str
    what: str
    date: dt.date
    days_left: int
    business_owner: str | None
    technical_owner: str | None
    team: str | None
    file: str
    line: int
    actor: str | None = None
    """The owner who must act, as the people directory names them."""
    other_owner: str | None = None
    """The identity's other owner, when a different person."""
    rule: str | None = None
    """For an exception: the rule code it waives."""
    key: str = ""
    """What tells this item apart from the identity's others of the same kind."""

    def __post_init__(self) -> None:
        # Every format prints these; none may print a secret or a terminal
        # escape that came from the file.
        for name in _TEXT_FIELDS:
            value = getattr(self, name)
            if value is not None:
                object.__setattr__(self, name, printable(value))

    @property
    def overdue(self) -> bool:
        return self.days_left < 0

    @property
    def action(self) -> str:
        return ACTIONS[self.what]

    def sort_key(self) -> tuple[bool, dt.date, str, int, str, str]:
        return (
            not self.overdue, self.date, self.identity, KINDS.index(self.what),
            self.key, self.file,
        )


@dataclass(frozen=True)
class Filters:
    """Who the list is for: a person (business or technical owner), a team."""

    owner: str | None = None
    team: str | None = None

    def describe(self) -> str:
        parts = [f"owner {self.owner}"] if self.owner else []
        parts += [f"team {self.team}"] if self.team else []
        return ", ".join(parts)


@dataclass(frozen=True)
class DueList:
    """The items due as of ``today`` within ``within`` (ending on ``until``)."""

    today: dt.date
    within: Duration
    items: tuple[Item, ...]
    filters: Filters = Filters()

    @property
    def until(self) -> dt.date:
        return self.within.after(self.today)

    @property
    def within_days(self) -> int:
        """The window in days from today (a month window counts its real days)."""
        return self.within.days_from(self.today)

    @property
    def overdue(self) -> int:
        return sum(item.overdue for item in self.items)

    def by_actor(self) -> list[tuple[str | None, list[Item]]]:
        """The items grouped by who must act, the most urgent group first."""
        groups: dict[str | None, list[Item]] = {}
        for item in self.items:
            groups.setdefault(item.actor, []).append(item)
        return list(groups.items())


def due(
    inventory: Inventory,
    today: dt.date,
    within: Duration,
    filters: Filters = Filters(),
) -> DueList:
    """Every item of the active, valid identities dated on or before the window's end.

    UsageError when ``filters`` name a person or team the inventory never
    mentions: a typo would otherwise read as "nothing due".
    """
    settings = inventory.settings
    _check_filters(inventory, filters)
    until = within.after(today)
    items = [
        item
        for record in inventory.records
        if record.identity is not None and record.identity.active
        and _wanted(record.identity, settings.people, filters)
        for item in _items(record, record.identity, settings.policy, settings.people,
                           today)
        if item.date <= until
    ]
    return DueList(today, within, tuple(sorted(items, key=Item.sort_key)), filters)


def team_of(identity: Identity, people: People) -> str | None:
    """The identity's ``team``, else its business owner's team from ``people``."""
    if identity.team:
        return identity.team
    owners = identity.owners
    return people.team_of(owners.business if owners else None)


def _wanted(identity: Identity, people: People, filters: Filters) -> bool:
    if filters.owner is not None:
        owners = identity.owners
        names = (owners.business, owners.technical) if owners else ()
        if not any(people.same(filters.owner, name) for name in names):
            return False
    if filters.team is not None:
        team = team_of(identity, people)
        if team is None or team.strip().lower() != filters.team.strip().lower():
            return False
    return True


def _check_filters(inventory: Inventory, filters: Filters) -> None:
    people = inventory.settings.people
    identities = [r.identity for r in inventory.records if r.identity is not None]
    if filters.owner is not None:
        known = {
            people.canonical(name)
            for identity in identities if identity.owners
            for name in (identity.owners.business, identity.owners.technical) if name
        } | {people.canonical(person) for person in people.persons}
        if people.canonical(filters.owner) not in known:
            raise UsageError(
                f"--owner {filters.owner}: no such owner in the inventory or people",
                hint=_suggest(filters.owner.strip().lower(), known),
            )
    if filters.team is not None:
        teams = {team_of(identity, people) for identity in identities}
        teams |= {person.team for person in people.persons.values()}
        known = {team.strip().lower() for team in teams if team}
        if filters.team.strip().lower() not in known:
            raise UsageError(
                f"--team {filters.team}: no identity or person has this team",
                hint=_suggest(filters.team.strip().lower(), known),
            )


def _suggest(name: str, known: set[str]) -> str:
    close = difflib.get_close_matches(name, sorted(known), n=3, cutoff=0.6)
    if close:
        return "did you mean " + " or ".join(repr(c) for c in close) + "?"
    return "`nhiown check` lists the identities with their owners and teams"


def _items(
    record: Record, identity: Identity, policy: Policy, people: People, today: dt.date
) -> Iterator[Item]:
    owners = identity.owners

    def item(what: str, date: dt.date, path: Path, rule: str | None = None,
             key: str = "") -> Item:
        actor, other = _actors(what, identity, people)
        return Item(
            identity=identity.id,
            what=what,
            date=date,
            days_left=(date - today).days,
            business_owner=owners.business if owners else None,
            technical_owner=owners.technical if owners else None,
            team=team_of(identity, people),
            file=record.file,
            line=_line(record, path),
            actor=actor,
            other_owner=other,
            rule=rule,
            key=key,
        )

    for what, deadline in (
        ("review", review_deadline(identity, policy)),
        ("expiry", expiry_deadline(identity)),
        ("rotation", _rotation(identity, policy, today)),
    ):
        if deadline is not None:
            yield item(what, deadline.date, deadline.path)
    for index, waiver in enumerate(identity.exceptions or []):
        if waiver.expires is not None:
            rule = (waiver.rule or "").strip() or None
            path = ("exceptions", index, "expires")
            yield item("exception", waiver.expires, path, rule, rule or f"#{index}")


def _actors(
    what: str, identity: Identity, people: People
) -> tuple[str | None, str | None]:
    """Who acts and the other owner, each as the people directory names them.

    The technical owner acts on a rotation, the business owner on the rest;
    the other one stands in when that one is missing. Aliases become the
    person's id, so one person gets one group.
    """
    owners = identity.owners
    if owners is None:
        return None, None
    first, second = owners.business, owners.technical
    if what in TECHNICAL_KINDS:
        first, second = second, first
    names = [_named(people, name) for name in (first, second) if name]
    if not names:
        return None, None
    other = names[1] if len(names) > 1 and not people.same(*names) else None
    return names[0], other


def _named(people: People, name: str) -> str:
    person = people.find(name)
    return person.id if person else name


def _rotation(identity: Identity, policy: Policy, today: dt.date) -> Deadline | None:
    """The rotation deadline; a secret never rotated is overdue since ``created``.

    ROT001 calls a never-rotated secret overdue, so ``due`` must list it as
    overdue too, or a lead would never see what fails ``check``. Its date is
    the day the identity (and so its first secret) was created; without a
    ``created`` date there is nothing better than today.
    """
    credential = identity.credential
    if not holds_secret(credential) or credential is None:
        return None
    if credential.last_rotated is not None:
        return rotation_deadline(identity, policy)
    return Deadline(identity.created or today, ("credential", "last_rotated"))


def _line(record: Record, path: Path) -> int:
    """The line of the value at ``path``; else of the nearest key above it that
    is written (``credential:`` for a missing ``last_rotated``); else of ``id``."""
    mark = locate(record.raw, path)
    for end in range(len(path) - 1, 0, -1):
        mark = mark or locate_key(record.raw, path[:end])
    if mark is None and "id" in record.raw:
        mark = record.raw.key_mark("id")
    return (mark or record.raw.mark)[0]
