"""Findings and the report: immutable values that every output format renders."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from nhiown.secretscan import printable


class Severity(StrEnum):
    """How bad a finding is; ``error`` outranks ``warning``."""

    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return 1 if self is Severity.ERROR else 0


@dataclass(frozen=True, order=True)
class Finding:
    """One problem at one place. Sorted by file, line, column, rule."""

    file: str
    line: int
    column: int
    rule: str
    identity: str | None
    message: str
    severity: Severity = field(compare=False)
    name: str = field(compare=False)
    field: str = field(default="", compare=False)
    """Dotted path of the value concerned (``review.next``), for baselines."""

    def __post_init__(self) -> None:
        # Every finding passes here, so no format can print a secret that a
        # message or an id quoted from the file.
        object.__setattr__(self, "message", printable(self.message))
        if self.identity is not None:
            object.__setattr__(self, "identity", printable(self.identity))

    def sort_key(self) -> tuple[str, int, int, str, str, str]:
        return (
            self.file, self.line, self.column, self.rule, self.identity or "",
            self.message,
        )


@dataclass(frozen=True)
class Waived:
    """A finding silenced by a valid exception, reported apart."""

    finding: Finding
    reason: str
    approved_by: str
    expires: dt.date

    def __post_init__(self) -> None:
        object.__setattr__(self, "reason", printable(self.reason))
        object.__setattr__(self, "approved_by", printable(self.approved_by))


@dataclass(frozen=True)
class Checked:
    """An identity that was checked, found or not: JUnit lists passing ones too."""

    file: str
    identity: str
    line: int

    def __post_init__(self) -> None:
        # Masked as a finding's identity is, so that the two name one case.
        object.__setattr__(self, "identity", printable(self.identity))


@dataclass(frozen=True)
class BaselineEntry:
    """A finding as a baseline knows it: without line, column or severity.

    ``file`` and ``message`` are set only for findings of no identity.
    """

    identity: str | None
    rule: str
    field: str
    file: str | None = None
    message: str | None = None
    # Spelled in full: the ``field`` attribute above hides dataclasses.field.
    name: str = dataclasses.field(default="", compare=False)

    def sort_key(self) -> tuple[str, str, str, str, str]:
        return (
            self.identity or "", self.rule, self.field, self.file or "",
            self.message or "",
        )

    def to_dict(self) -> dict[str, Any]:
        """As the baseline file and the JSON report's stale list write it."""
        data: dict[str, Any] = {
            "rule": self.rule, "name": self.name, "identity": self.identity,
            "field": self.field,
        }
        if self.identity is None:
            data["file"] = self.file
            data["message"] = self.message
        return data


@dataclass(frozen=True)
class BaselineOutcome:
    """What ``--baseline FILE`` did: how many findings it knew, what went stale."""

    file: str
    known: int
    stale: tuple[BaselineEntry, ...] = ()
    """Entries whose finding no longer occurs, sorted."""


@dataclass(frozen=True)
class Report:
    """Everything one ``check`` run found, in output order."""

    today: dt.date
    identities: int
    findings: tuple[Finding, ...]
    waived: tuple[Waived, ...] = ()
    checked: tuple[Checked, ...] = ()
    """Every identity with an id, sorted by file and line."""
    baseline: BaselineOutcome | None = None
    """Set when a baseline filtered ``findings`` to the new ones."""
    title: str = "nhiown check"
    """What the run was, for formats that head the report with it."""
    rules_run: frozenset[str] | None = None
    """The rule codes that ran (None: all); a rule that did not run found nothing
    a baseline could call stale."""

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.WARNING)

    def exit_code(self, fail_on: Severity) -> int:
        """1 when any finding is at or above ``fail_on``, else 0."""
        failing = any(f.severity.rank >= fail_on.rank for f in self.findings)
        return 1 if failing else 0


def sort_findings(findings: list[Finding]) -> tuple[Finding, ...]:
    return tuple(sorted(findings, key=Finding.sort_key))
