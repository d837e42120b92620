"""The change rules (CHG001-CHG004): what a change did, and who did it.

Pure: two inventories (the base and the working tree) and the change's authors
in, findings out. Identities are matched by id across files, so moving one to
another file is neither a removal nor an addition. Values are read from the
raw YAML, not from the model, so that an identity with a schema problem
elsewhere is still judged on the values it changed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from nhiown.dates import parse_date
from nhiown.findings import Finding
from nhiown.inventory import Inventory, Record
from nhiown.model import TIERS, Policy
from nhiown.people import People
from nhiown.rules import REGISTRY
from nhiown.rules.ownership import ROLES
from nhiown.validation import dotted
from nhiown.yamltree import Path, YMap, YSeq, locate, lookup


@dataclass(frozen=True)
class Pair:
    """One identity at the base and in the working tree (None where absent)."""

    base: Record | None
    head: Record | None


def pairs(base: Inventory, head: Inventory) -> dict[str, Pair]:
    """Every identity id of either side with its records, sorted by id.

    When an id is defined twice (SCH002 reports that), its first definition
    stands for it.
    """
    base_ids = _by_id(base)
    head_ids = _by_id(head)
    return {
        identifier: Pair(base_ids.get(identifier), head_ids.get(identifier))
        for identifier in sorted(base_ids.keys() | head_ids.keys())
    }


def touched_ids(base: Inventory, head: Inventory) -> set[str]:
    """Ids the change added or modified; moved but unchanged identities are not.

    Every definition of an id counts, so adding a second one (SCH002) touches it.
    """
    before = _definitions(base)
    return {
        identifier
        for identifier, raws in _definitions(head).items()
        if raws != before.get(identifier)
    }


def _definitions(inventory: Inventory) -> dict[str, list[YMap]]:
    found: dict[str, list[YMap]] = {}
    for record in inventory.records:
        if record.id is not None:
            found.setdefault(record.id, []).append(record.raw)
    return found


def touched_files(base: Inventory, head: Inventory) -> set[str]:
    """Working-tree files whose text differs from the same file at the base."""
    before = {source.name: source.text for source in base.sources}
    return {s.name for s in head.sources if before.get(s.name) != s.text}


def judge_change(
    base: Inventory, head: Inventory, authors: list[str], today: dt.date
) -> list[Finding]:
    """CHG001-CHG004 for the change from ``base`` to ``head`` by ``authors``.

    The working tree's policy and people judge both sides: the base only
    supplies the old values.
    """
    settings = head.settings
    findings: list[Finding] = []
    for identifier, pair in pairs(base, head).items():
        if pair.head is None:
            assert pair.base is not None
            findings += _removed(identifier, pair.base)
            continue
        judge = _Judge(
            identifier, pair, settings.people, settings.policy, authors, today
        )
        findings += judge.findings()
    return findings


class _Judge:
    """The change rules for one identity that exists in the working tree."""

    def __init__(
        self,
        identifier: str,
        pair: Pair,
        people: People,
        policy: Policy,
        authors: list[str],
        today: dt.date,
    ) -> None:
        assert pair.head is not None
        self.today = today
        self.identifier = identifier
        self.head = pair.head
        self.old: YMap = pair.base.raw if pair.base is not None else YMap((1, 1))
        self.new: YMap = pair.head.raw
        self.is_new = pair.base is None
        self.people = people
        self.policy = policy
        self.authors = authors
        self.owners = _owners(self.new) + _owners(self.old)
        self.approver = self._independent_approver()

    def findings(self) -> list[Finding]:
        found: list[Finding] = []
        if not self.is_new:
            found += self._extensions()
            found += self._widening()
        found += self._self_assignment()
        return found

    def _finding(self, code: str, path: Path, message: str) -> Finding:
        mark = locate(self.new, path) if path else None
        if mark is None:
            mark = _id_mark(self.head)
        rule = REGISTRY[code]
        return Finding(
            self.head.file, mark[0], mark[1], code, self.identifier, message,
            rule.severity, rule.name, dotted(path),
        )

    def _is_author(self, name: str | None) -> bool:
        return any(self.people.same(name, author) for author in self.authors)

    def _is_owner(self, name: str | None) -> bool:
        return any(self.people.same(name, owner) for owner in self.owners)

    def _independent_approver(self) -> str | None:
        """Someone recorded by the change itself, neither owner nor author.

        The record must be new: a real date later than the one at the base and
        not after today (re-dating an old approval approves nothing), by a
        person who, when ``people`` is given, is listed and has not left.
        """
        for date_path, by_path in (
            (("approval", "date"), ("approval", "by")),
            (("review", "last"), ("review", "by")),
        ):
            if not self._newly_dated(date_path):
                continue
            name = lookup(self.new, by_path)
            if not isinstance(name, str) or not name.strip():
                continue
            if self._is_owner(name) or self._is_author(name):
                continue
            person = self.people.find(name)
            if self.people.given and (person is None or person.status != "active"):
                continue
            return name
        return None

    def _newly_dated(self, path: Path) -> bool:
        when = _as_date(lookup(self.new, path))
        if when is None or when > self.today:
            return False
        before = _as_date(lookup(self.old, path))
        return before is None or when > before

    def _author_owner(self) -> str | None:
        return next((a for a in self.authors if self._is_owner(a)), None)

    def _extensions(self) -> Iterator[Finding]:
        """CHG001: an owner among the authors moves a date later, unapproved."""
        owner = self._author_owner()
        if owner is None or self.approver is not None:
            return
        if self.new.get("status") == "retired":
            # A retired identity's expiry and reviews no longer matter.
            return
        for path, what, before, after in self._moved_dates():
            moved = _later(before, after, new_entry=path[0] == "exceptions")
            if moved is None:
                continue
            message = (
                f"{what} {moved} by {owner}, an owner, with no independent approver"
                " recorded in the change"
            )
            yield self._finding("CHG001", path, message)

    def _moved_dates(
        self,
    ) -> Iterator[tuple[Path, str, dt.date | None, dt.date | None]]:
        """(path, what, base date, head date) of every date CHG001 watches."""
        yield ("expires",), "expires", _date(self.old, ("expires",)), _date(
            self.new, ("expires",)
        )
        before, _ = self._review_due(self.old)
        after, path = self._review_due(self.new)
        yield path, "the next review", before, after
        old_waivers = _waiver_expiry(self.old)
        for index, (code, expires) in enumerate(_waivers(self.new)):
            if code is None:
                continue
            what = f"the exception to {code}"
            if code not in old_waivers:
                what = f"an exception to {code}"
            yield ("exceptions", index, "expires"), what, old_waivers.get(code), expires

    def _review_due(self, raw: YMap) -> tuple[dt.date | None, Path]:
        """``review.next``, else ``review.last`` plus the tier's interval."""
        upcoming = _date(raw, ("review", "next"))
        if upcoming is not None:
            return upcoming, ("review", "next")
        last = _date(raw, ("review", "last"))
        tier = raw.get("risk_tier")
        interval = self.policy.review_interval.get(tier) if tier in TIERS else None
        if last is None or interval is None:
            return None, ("review",)
        return interval.after(last), ("review", "last")

    def _widening(self) -> Iterator[Finding]:
        """CHG002: scopes added or the tier lowered, unapproved."""
        if self.approver is not None:
            return
        old_scopes = _scopes(self.old)
        new_scopes = self.new.get("scopes")
        if isinstance(new_scopes, YSeq):
            for index, scope in enumerate(new_scopes):
                if isinstance(scope, str) and scope not in old_scopes:
                    message = (
                        f"scope {scope!r} added with no independent approver recorded"
                        " in the change"
                    )
                    yield self._finding("CHG002", ("scopes", index), message)
        before, after = self.old.get("risk_tier"), self.new.get("risk_tier")
        lowered = before in TIERS and after in TIERS
        if lowered and TIERS.index(after) < TIERS.index(before):
            message = (
                f"risk_tier lowered from {before} to {after} with no independent"
                " approver recorded in the change"
            )
            yield self._finding("CHG002", ("risk_tier",), message)

    def _self_assignment(self) -> Iterator[Finding]:
        """CHG004: an author becomes an owner they were not before.

        No approval silences it, for a new identity either: whoever registers
        an identity names its owners, and the gate wants that to be someone
        other than the owner, so the assignment gets a second pair of eyes.
        """
        for role in ROLES:
            name = lookup(self.new, ("owners", role))
            if not isinstance(name, str) or not self._is_author(name):
                continue
            if self.people.same(name, lookup(self.old, ("owners", role))):
                continue
            message = f"{name}, an author of this change, made themself {role} owner"
            if self.is_new:
                message += " of a new identity"
            yield self._finding("CHG004", ("owners", role), message)


def _removed(identifier: str, record: Record) -> list[Finding]:
    """CHG003: an identity gone from the inventory without being retired first."""
    if record.raw.get("status") == "retired":
        return []
    line, column = _id_mark(record)
    rule = REGISTRY["CHG003"]
    message = (
        f"identity {identifier!r} removed from {record.file} without being retired"
        " at the base first"
    )
    return [Finding(record.file, line, column, "CHG003", identifier, message,
                    rule.severity, rule.name, "id")]


def _later(
    before: dt.date | None, after: dt.date | None, new_entry: bool
) -> str | None:
    """How a date moved later, in words; None when it did not.

    A date the base did not have is only an extension for a new exception (a
    new waiver); an expiry or review date set for the first time shortens an
    open end.
    """
    if before is not None and after is not None:
        return f"moved from {before} to {after}" if after > before else None
    if before is not None:
        return f"removed (was {before})"
    if not new_entry:
        return None
    return f"added, expiring {after}" if after is not None else "added, never expiring"


def _by_id(inventory: Inventory) -> dict[str, Record]:
    found: dict[str, Record] = {}
    for record in inventory.records:
        if record.id is not None:
            found.setdefault(record.id, record)
    return found


def _id_mark(record: Record) -> tuple[int, int]:
    return record.raw.key_mark("id") if "id" in record.raw.marks else record.raw.mark


def _owners(raw: YMap) -> list[str]:
    names = (lookup(raw, ("owners", role)) for role in ROLES)
    return [name for name in names if isinstance(name, str) and name.strip()]


def _scopes(raw: YMap) -> set[str]:
    scopes = raw.get("scopes")
    if not isinstance(scopes, list):
        return set()
    return {scope for scope in scopes if isinstance(scope, str)}


def _waivers(raw: YMap) -> list[tuple[str | None, dt.date | None]]:
    """(rule, expires) of each exception, in order."""
    entries = raw.get("exceptions")
    if not isinstance(entries, list):
        return []
    result: list[tuple[str | None, dt.date | None]] = []
    for index, entry in enumerate(entries):
        code = entry.get("rule") if isinstance(entry, dict) else None
        code = code.strip().upper() if isinstance(code, str) else None
        result.append((code, _date(raw, ("exceptions", index, "expires"))))
    return result


def _waiver_expiry(raw: YMap) -> dict[str, dt.date | None]:
    """The latest expiry per waived rule (None when one never expires)."""
    latest: dict[str, dt.date | None] = {}
    for code, expires in _waivers(raw):
        if code is None:
            continue
        if code in latest:
            current = latest[code]
            if current is None or expires is None:
                latest[code] = None
                continue
            expires = max(current, expires)
        latest[code] = expires
    return latest


def _date(raw: Any, path: Path) -> dt.date | None:
    """The date at ``path``, or None when absent or not a valid date."""
    value = lookup(raw, path)
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    try:
        return parse_date(value.strip())
    except ValueError:
        return None


def _as_date(value: Any) -> dt.date | None:
    """A raw YAML value as a date, or None when it is not a valid one."""
    if not isinstance(value, str):
        return None
    try:
        return parse_date(value)
    except ValueError:
        return None
