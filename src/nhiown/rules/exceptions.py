"""Exception rules: waivers are approved, expiring and actually needed.

A valid, unexpired exception silences its rule for one identity; the engine
asks this module which exceptions are valid, then reports unused ones.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass
from typing import Any

from nhiown.findings import Severity
from nhiown.model import Waiver
from nhiown.rules.base import Hit, Subject, is_blank, later, rule
from nhiown.yamltree import lookup

UNWAIVABLE_PREFIXES = ("SCH", "SEC", "EXC", "CHG")
"""Schema errors, leaked secrets and the waiver rules themselves stay visible;
so do the change rules, which a waiver written in the same change would
otherwise silence."""


@dataclass(frozen=True)
class ActiveWaiver:
    index: int
    waiver: Waiver


@rule("EXC001", "exception-invalid", Severity.ERROR)
def exception_invalid(subject: Subject) -> Iterator[Hit]:
    """An exception lacks its reason, approver or expiry, or names no known rule.

    ## What it does
    Every entry of `exceptions` needs `rule` (a known, waivable rule code),
    `reason`, `approved_by` and `expires`. An invalid exception waives nothing.
    Schema (SCH), secret (SEC), exception (EXC) and change (CHG) rules cannot
    be waived.

    ## Why is this bad?
    A waiver nobody approved, that never ends, or that names a typo is a
    permanent hole in the policy.

    ## Example
    ```yaml
    exceptions:
      - rule: SCP01
        reason: Vendor API offers no narrower scope
    ```

    ## Use instead
    ```yaml
    exceptions:
      - rule: SCP001
        reason: Vendor API offers no narrower scope
        approved_by: dana@example.com
        expires: 2027-01-31
    ```
    """
    yield from ()


@rule("EXC002", "exception-expired", Severity.ERROR)
def exception_expired(subject: Subject) -> Iterator[Hit]:
    """An exception's expiry date has passed.

    ## What it does
    Fires when today is after an exception's `expires`. The waived rule fires
    again as well.

    ## Why is this bad?
    Exceptions are temporary by design; an expired one must be renewed by its
    approver or removed once the underlying problem is fixed.

    ## Example
    ```yaml
    exceptions:
      - {rule: SCP001, reason: ..., approved_by: dana@example.com, expires: 2026-01-31}
    ```

    ## Use instead
    Fix the finding and delete the exception, or have it re-approved with a new
    `expires`.
    """
    yield from ()


@rule("EXC003", "exception-unused", Severity.WARNING)
def exception_unused(subject: Subject) -> Iterator[Hit]:
    """An exception waives a rule that would not fire on that identity.

    ## What it does
    Fires when a valid exception's rule produces no finding for the identity.

    ## Why is this bad?
    A stale waiver silently covers the next real problem of that kind.

    ## Example
    ```yaml
    scopes: [repo:read]
    exceptions:
      - {rule: SCP001, reason: ..., approved_by: dana@example.com, expires: 2027-01-31}
    ```

    ## Use instead
    Delete the exception.
    """
    yield from ()


def _problems(waiver: Waiver, known: Collection[str]) -> list[str]:
    problems = [
        f"no {key}"
        for key in ("rule", "reason", "approved_by")
        if is_blank(getattr(waiver, key))
    ]
    if waiver.expires is None:
        problems.append("no expires")
    code = (waiver.rule or "").strip()
    if code and code not in known:
        problems.append(f"unknown rule {code!r}")
    elif code.startswith(UNWAIVABLE_PREFIXES):
        problems.append(f"rule {code} cannot be waived")
    return problems


def _has_schema_problem(waiver: Waiver, written: Any) -> bool:
    """A key written in the file that the model dropped as invalid."""
    if not isinstance(written, dict):
        return False
    return any(
        written.get(key) is not None and getattr(waiver, key) is None
        for key in Waiver.model_fields
    )


def judge_waivers(
    subject: Subject, known: Collection[str]
) -> tuple[dict[str, ActiveWaiver], list[tuple[str, Hit]]]:
    """The valid waivers by rule code, and the EXC001/EXC002 hits."""
    active: dict[str, ActiveWaiver] = {}
    hits: list[tuple[str, Hit]] = []
    for index, waiver in enumerate(subject.identity.exceptions or []):
        written = lookup(subject.raw, ("exceptions", index))
        if _has_schema_problem(waiver, written):
            continue  # SCH001 says what is wrong; a broken waiver waives nothing
        problems = _problems(waiver, known)
        if problems:
            path: tuple[str | int, ...] = ("exceptions", index)
            if any(p.startswith(("unknown rule", "rule ")) for p in problems):
                path = ("exceptions", index, "rule")
            hits.append(("EXC001", Hit(path, "exception: " + "; ".join(problems))))
            continue
        assert waiver.expires is not None and waiver.rule is not None
        if subject.today > waiver.expires:
            message = (
                f"exception for {waiver.rule} expired on {waiver.expires}"
                f" ({later(waiver.expires, subject.today)})"
            )
            hits.append(("EXC002", Hit(("exceptions", index, "expires"), message)))
            continue
        active.setdefault(waiver.rule.strip(), ActiveWaiver(index, waiver))
    return active, hits


def unused_hit(code: str, active: ActiveWaiver) -> Hit:
    return Hit(
        ("exceptions", active.index, "rule"),
        f"exception for {code} waives nothing: {code} does not fire here",
    )


RULES = [exception_invalid, exception_expired, exception_unused]
