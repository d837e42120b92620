"""What a rule is, and what it sees when it judges one identity."""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from nhiown.dates import Duration
from nhiown.findings import Severity
from nhiown.model import Identity, Policy, Tier
from nhiown.people import People
from nhiown.yamltree import Path, YMap


@dataclass(frozen=True)
class Hit:
    """A rule firing: where in the identity (a path into it) and why."""

    path: Path
    message: str
    on_key: bool = False
    """Point at the key instead of its value (unknown or misplaced keys)."""


@dataclass(frozen=True)
class Subject:
    """One identity as the rules see it, with the policy and today's date."""

    identity: Identity
    raw: YMap
    policy: Policy
    people: People
    today: dt.date

    def interval(self, table: Mapping[Tier, Duration]) -> Duration | None:
        """The identity's tier entry of a policy table (None without a tier)."""
        tier = self.identity.risk_tier
        return table.get(tier) if tier else None

    def owners(self) -> list[str]:
        owners = self.identity.owners
        if owners is None:
            return []
        return [name for name in (owners.business, owners.technical) if name]

    def is_owner(self, name: str | None) -> bool:
        return any(self.people.same(name, owner) for owner in self.owners())


CheckFn = Callable[[Subject], Iterator[Hit]]


@dataclass(frozen=True)
class Rule:
    """A registered rule. Its docstring is what ``nhiown rules CODE`` prints."""

    code: str
    name: str
    severity: Severity
    doc: str
    owasp: str | None = None
    check: CheckFn | None = None
    """Per-identity check; None for rules born in the loader or the engine."""
    retired_too: bool = False
    """Judge retired identities too (only SCH001, SCH002, OFF002, SEC001)."""

    @property
    def summary(self) -> str:
        return self.doc.strip().splitlines()[0]


def rule(
    code: str,
    name: str,
    severity: Severity,
    *,
    owasp: str | None = None,
    retired_too: bool = False,
    checks: bool = True,
) -> Callable[[CheckFn], Rule]:
    """Make a Rule of a documented function; ``checks=False`` keeps only the doc."""

    def wrap(function: CheckFn) -> Rule:
        return Rule(
            code=code,
            name=name,
            severity=severity,
            doc=inspect.cleandoc(function.__doc__ or ""),
            owasp=owasp,
            check=function if checks else None,
            retired_too=retired_too,
        )

    return wrap


def is_blank(value: str | None) -> bool:
    return value is None or not value.strip()


def later(date: dt.date, today: dt.date) -> str:
    """'N days ago' / 'today' / 'in N days' relative to today."""
    days = (date - today).days
    if days == 0:
        return "today"
    count = f"{abs(days)} day" + ("" if abs(days) == 1 else "s")
    return f"in {count}" if days > 0 else f"{count} ago"
