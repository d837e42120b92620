"""Offboarding rules: identities say when they end, and really end."""

from __future__ import annotations

from collections.abc import Iterator

from nhiown.findings import Severity
from nhiown.rules.base import Hit, Subject, rule
from nhiown.schedule import holds_secret


@rule("OFF001", "offboarding-missing", Severity.ERROR, owasp="NHI1")
def offboarding_missing(subject: Subject) -> Iterator[Hit]:
    """The identity lists no offboarding triggers.

    ## What it does
    Requires a non-empty `offboarding.triggers` list: the events that must end
    the identity (`workflow_retired`, `vendor_replaced`, `owner_role_change`).

    ## Why is this bad?
    Identities are created with a workflow and forgotten with it. Triggers say
    up front what ends them (OWASP NHI1, improper offboarding).

    ## Example
    ```yaml
    offboarding: {}
    ```

    ## Use instead
    ```yaml
    offboarding:
      triggers: [workflow_retired, vendor_replaced]
    ```
    """
    offboarding = subject.identity.offboarding
    if offboarding is None or not offboarding.triggers:
        yield Hit(("offboarding", "triggers"), "no offboarding triggers")


@rule("OFF002", "retired-not-revoked", Severity.ERROR, owasp="NHI1", retired_too=True)
def retired_not_revoked(subject: Subject) -> Iterator[Hit]:
    """A retired identity lacks its retirement date or its secret's revocation.

    ## What it does
    For `status: retired`, requires a `retired` date, and for a credential that
    holds a secret (type not `keyless`), a `credential.revoked` date.

    ## Why is this bad?
    Marking an identity retired in the inventory does nothing to the secret.
    Until it is revoked at the platform, it still works (OWASP NHI1).

    ## Example
    ```yaml
    status: retired
    credential: {type: token}
    ```

    ## Use instead
    ```yaml
    status: retired
    retired: 2026-11-01
    credential: {type: token, revoked: 2026-11-02}
    ```
    """
    identity = subject.identity
    if identity.active:
        return
    if identity.retired is None:
        yield Hit(("retired",), "retired identity has no retired date")
    credential = identity.credential
    if holds_secret(credential) and credential and credential.revoked is None:
        message = "retired identity's secret was never revoked"
        yield Hit(("credential", "revoked"), message)


RULES = [offboarding_missing, retired_not_revoked]
