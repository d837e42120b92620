"""Schema rules: the inventory's shape (SCH001), unique ids (SCH002), dates
that contradict each other or today (SCH003)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from nhiown.findings import Severity
from nhiown.rules.base import Hit, Subject, rule

_Dated = tuple[tuple[str, ...], dt.date | None]
"""A date of the identity, possibly absent, and where it sits."""

PLACEHOLDER_YEAR = 2000


@rule("SCH001", "schema", Severity.ERROR, retired_too=True, checks=False)
def schema(subject: Subject) -> Iterator[Hit]:
    """A key, type, enum value or date breaks the inventory schema.

    ## What it does
    Validates every identity and the policy against the inventory model: unknown
    keys (a typo such as `expirs`), wrong types, values outside an enum and
    dates that are not strict ISO `YYYY-MM-DD` each give one finding at that
    place. Other identities are still checked in full.

    ## Why is this bad?
    A misspelt key is silently ignored by every other tool: `expirs:` looks like
    an expiry date to a reviewer, but nothing enforces it. A date written as
    `2026-1-5` or `20260105` is ambiguous or not a date at all.

    ## Example
    ```yaml
    - id: billing-deployer
      kind: service-account
      expirs: 2027-02-30
    ```

    ## Use instead
    ```yaml
    - id: billing-deployer
      kind: service_account
      expires: 2027-02-28
    ```
    """
    yield from ()


@rule("SCH002", "duplicate-id", Severity.ERROR, retired_too=True, checks=False)
def duplicate_id(subject: Subject) -> Iterator[Hit]:
    """Two identities share an id.

    ## What it does
    Reports every identity whose `id` is used by another identity anywhere in
    the inventory, across files; each place is reported.

    ## Why is this bad?
    Reviews, rotations, waivers and `nhiown review ID` refer to identities by
    id. Two entries with one id make it unclear which one a record is about,
    and one of them is usually a stale copy that nobody governs.

    ## Example
    ```yaml
    - id: ci-deployer
      platform: github
    - id: ci-deployer
      platform: gitlab
    ```

    ## Use instead
    ```yaml
    - id: ci-deployer-github
      platform: github
    - id: ci-deployer-gitlab
      platform: gitlab
    ```
    """
    yield from ()


def _dates(subject: Subject) -> Iterator[tuple[tuple[str, ...], dt.date]]:
    identity = subject.identity
    candidates: list[tuple[tuple[str, ...], dt.date | None]] = [
        (("created",), identity.created),
        (("expires",), identity.expires),
        (("retired",), identity.retired),
    ]
    if identity.review:
        candidates += [(("review", "last"), identity.review.last)]
        candidates += [(("review", "next"), identity.review.next)]
    if identity.approval:
        candidates += [(("approval", "date"), identity.approval.date)]
    if identity.credential:
        rotated = identity.credential.last_rotated
        candidates += [(("credential", "last_rotated"), rotated)]
        candidates += [(("credential", "revoked"), identity.credential.revoked)]
    for path, value in candidates:
        if value is not None:
            yield path, value


@rule("SCH003", "date-implausible", Severity.WARNING)
def date_implausible(subject: Subject) -> Iterator[Hit]:
    """A date contradicts the other dates or today.

    ## What it does
    Flags `created`, `review.last` or `credential.last_rotated` in the future,
    a `review.last` or `expires` before `created`, and placeholder years
    before 2000 (such as `1970-01-01` or `0001-01-01`).

    ## Why is this bad?
    Such dates are almost always typos or placeholders, and every other rule
    trusts them: a review "done" next year silences the overdue-review rule.

    ## Example
    ```yaml
    created: 2026-03-01
    expires: 2025-03-01   # before created
    ```

    ## Use instead
    ```yaml
    created: 2026-03-01
    expires: 2027-03-01
    ```
    """
    identity, today = subject.identity, subject.today
    for path, value in _dates(subject):
        if value.year < PLACEHOLDER_YEAR:
            yield Hit(path, f"{'.'.join(path)} {value} looks like a placeholder")
    future: list[_Dated] = [(("created",), identity.created)]
    if identity.review:
        future.append((("review", "last"), identity.review.last))
    if identity.credential:
        rotated = identity.credential.last_rotated
        future.append((("credential", "last_rotated"), rotated))
    for path, when in future:
        if when is not None and when > today:
            yield Hit(path, f"{'.'.join(path)} {when} is in the future")
    created = identity.created
    if created is None:
        return
    before: list[_Dated] = [(("expires",), identity.expires)]
    if identity.review:
        before.append((("review", "last"), identity.review.last))
    for path, when in before:
        if when is not None and when < created:
            yield Hit(path, f"{'.'.join(path)} {when} is before created {created}")


RULES = [schema, duplicate_id, date_implausible]
