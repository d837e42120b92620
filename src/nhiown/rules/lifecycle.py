"""Lifecycle rules: every identity ends, and not too far in the future."""

from __future__ import annotations

from collections.abc import Iterator

from nhiown.findings import Severity
from nhiown.rules.base import Hit, Subject, later, rule


@rule("LIF001", "expired", Severity.ERROR, owasp="NHI7")
def expired(subject: Subject) -> Iterator[Hit]:
    """An active identity is past its expiry date.

    ## What it does
    Fires when today is after `expires` and the identity is still `active`.
    The expiry date itself is the last valid day.

    ## Why is this bad?
    Expiry is the promise that the identity would be renewed on purpose or
    removed. An expired but active identity is a long-lived credential nobody
    decided to keep (OWASP NHI7).

    ## Example
    ```yaml
    status: active
    expires: 2026-10-31    # today 2026-12-03
    ```

    ## Use instead
    Renew it with a new, approved `expires`, or retire it:
    `nhiown retire ID --date 2026-12-03`.
    """
    expires = subject.identity.expires
    if expires is not None and subject.today > expires:
        when = later(expires, subject.today)
        yield Hit(("expires",), f"expired on {expires} ({when})")


@rule("LIF002", "expiry-missing", Severity.ERROR, owasp="NHI7")
def expiry_missing(subject: Subject) -> Iterator[Hit]:
    """The identity has no expiry date.

    ## What it does
    Requires `expires` on every active identity.

    ## Why is this bad?
    An identity without an end date lives forever by default (OWASP NHI7).

    ## Example
    ```yaml
    created: 2026-01-10
    ```

    ## Use instead
    ```yaml
    created: 2026-01-10
    expires: 2027-01-09
    ```
    """
    if subject.identity.expires is None:
        yield Hit(("expires",), "no expires date")


@rule("LIF003", "lifetime-too-long", Severity.WARNING, owasp="NHI7")
def lifetime_too_long(subject: Subject) -> Iterator[Hit]:
    """The identity is planned to live longer than its tier allows.

    ## What it does
    Fires when `expires - created` exceeds the tier's `policy.max_lifetime`
    (critical 180d, high and medium 365d, low 730d by default).

    ## Why is this bad?
    Long lifetimes turn temporary access into permanent access (OWASP NHI7).

    ## Example
    ```yaml
    risk_tier: critical
    created: 2026-01-01
    expires: 2028-01-01
    ```

    ## Use instead
    ```yaml
    risk_tier: critical
    created: 2026-01-01
    expires: 2026-06-30
    ```
    """
    identity = subject.identity
    limit = subject.interval(subject.policy.max_lifetime)
    if identity.created is None or identity.expires is None or limit is None:
        return
    latest = limit.after(identity.created)
    if identity.expires > latest:
        days = (identity.expires - identity.created).days
        yield Hit(
            ("expires",),
            f"lifetime {days} days exceeds {limit} for {identity.risk_tier} tier"
            f" (expire by {latest})",
        )


RULES = [expired, expiry_missing, lifetime_too_long]
