"""Rotation rule: secrets are replaced on the tier's schedule."""

from __future__ import annotations

from collections.abc import Iterator

from nhiown.findings import Severity
from nhiown.rules.base import Hit, Subject, later, rule
from nhiown.schedule import holds_secret, rotation_deadline


@rule("ROT001", "rotation-overdue", Severity.ERROR, owasp="NHI7")
def rotation_overdue(subject: Subject) -> Iterator[Hit]:
    """A secret has not been rotated within the tier's rotation interval.

    ## What it does
    For a `credential` whose `type` is not `keyless`, fires when
    `credential.last_rotated` plus the tier's `policy.rotation_interval` is
    before today, or when `last_rotated` is missing (never rotated).

    ## Why is this bad?
    Every day a secret lives is a day it can leak from a log, a laptop or a
    former employee's notes (OWASP NHI7, long-lived secrets).

    ## Example
    ```yaml
    risk_tier: high
    credential: {type: secret, last_rotated: 2026-01-15}   # today 2026-12-03
    ```

    ## Use instead
    Rotate the secret, then record it: `nhiown rotate ID`. Better still, move
    to a keyless credential (workload identity federation, OIDC).
    """
    credential = subject.identity.credential
    if not holds_secret(credential) or credential is None:
        return
    if credential.last_rotated is None:
        yield Hit(("credential", "last_rotated"), "secret has never been rotated")
        return
    deadline = rotation_deadline(subject.identity, subject.policy)
    if deadline is not None and subject.today > deadline.date:
        interval = subject.interval(subject.policy.rotation_interval)
        yield Hit(
            deadline.path,
            f"secret last rotated {credential.last_rotated}; rotation every"
            f" {interval} was due {deadline.date}"
            f" ({later(deadline.date, subject.today)})",
        )


RULES = [rotation_overdue]
