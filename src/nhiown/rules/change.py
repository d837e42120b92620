"""Change rules: separation of duties, judged on a change by ``nhiown gate``.

They judge a pair of inventories (the base and the working tree) and the
change's authors, not one identity, so ``check`` never runs them; the logic
lives in ``nhiown.change``. They are registered here so that ``nhiown rules``,
``policy.rules``, ``--select`` and ``--ignore`` know them.
"""

from __future__ import annotations

from collections.abc import Iterator

from nhiown.findings import Severity
from nhiown.rules.base import Hit, Subject, rule


@rule("CHG001", "self-extension", Severity.ERROR, owasp="NHI7", checks=False)
def self_extension(subject: Subject) -> Iterator[Hit]:
    """An owner extended their own identity without an independent approver.

    ## What it does
    Fires, in `nhiown gate`, when `expires`, the next review (`review.next`, or
    `review.last` plus the tier's interval) or an exception's `expires` moves
    later, or is removed, or a new exception is added, while an author of the
    change is an owner of the identity and the change records no independent
    approver. An independent approver is `approval.by` with a new
    `approval.date`, or `review.by` with a new `review.last`, naming someone who
    is neither an owner of the identity nor an author of the change. Retiring
    an identity extends nothing.

    ## Why is this bad?
    The person who benefits from an identity must never be the only one able to
    extend its life: a self-extended identity is one nobody else decided to
    keep (OWASP NHI7, long-lived credentials).

    ## Example
    A change authored by bob@example.com, the technical owner:
    ```yaml
    owners: {business: alice@example.com, technical: bob@example.com}
    expires: 2028-01-09          # was 2027-01-09
    ```

    ## Use instead
    Have someone independent review it, recorded in the same change:
    ```yaml
    expires: 2028-01-09
    review: {last: 2026-12-01, next: 2027-03-01, by: carol@example.com}
    ```
    """
    yield from ()


@rule("CHG002", "scope-widened", Severity.ERROR, owasp="NHI5", checks=False)
def scope_widened(subject: Subject) -> Iterator[Hit]:
    """Scopes were added, or the risk tier lowered, without an independent approver.

    ## What it does
    Fires, in `nhiown gate`, on each scope an existing identity gains and when
    its `risk_tier` moves down (critical, high, medium, low), unless the change
    records an independent approver (`approval.by` with a new `approval.date`,
    or `review.by` with a new `review.last`, who is neither an owner nor an
    author). Whoever wrote the change, widening needs a second person.

    ## Why is this bad?
    Scopes only grow unless someone pushes back; a lowered tier quietly relaxes
    every review, rotation and approval rule for the identity (OWASP NHI5,
    overprivileged identities).

    ## Example
    ```yaml
    scopes: [repo:read, admin]   # admin is new
    ```

    ## Use instead
    Record the approval of someone who is neither owner nor author:
    ```yaml
    scopes: [repo:read, admin]
    approval: {by: carol@example.com, date: 2026-12-01, ticket: SEC-2001}
    ```
    """
    yield from ()


@rule("CHG003", "identity-removed", Severity.ERROR, owasp="NHI1", checks=False)
def identity_removed(subject: Subject) -> Iterator[Hit]:
    """An identity disappeared from the inventory without being retired first.

    ## What it does
    Fires, in `nhiown gate`, for each identity id present at the base and
    absent from the working tree, unless it had `status: retired` at the base.
    The finding points at the `id` line in the file it was removed from.
    Moving an identity to another file is not a removal.

    ## Why is this bad?
    Deleting the entry does not delete the account: the credential may still
    work, now with no owner and no record (OWASP NHI1, improper offboarding).

    ## Example
    A change deletes the entry of `billing-deployer`, which was active.

    ## Use instead
    Retire it first and revoke its credential, in one change:
    ```yaml
    status: retired
    retired: 2026-12-01
    credential: {type: secret, store: vault:x, revoked: 2026-12-01}
    ```
    then remove the entry in a later change, if at all.
    """
    yield from ()


@rule("CHG004", "owner-self-assigned", Severity.ERROR, checks=False)
def owner_self_assigned(subject: Subject) -> Iterator[Hit]:
    """An author of the change made themself an owner of an identity.

    ## What it does
    Fires, in `nhiown gate`, when `owners.business` or `owners.technical` now
    names an author of the change (by id or alias in `people`) who did not
    hold that role at the base, a new identity included. No approval in the
    change silences it: the owner assignment itself needs another author.

    ## Why is this bad?
    Owners approve nothing for themselves, but they may extend and widen with
    someone else's approval; taking ownership is the first step around that.

    ## Example
    A change authored by mallory@example.com:
    ```yaml
    owners: {business: alice@example.com, technical: mallory@example.com}
    ```

    ## Use instead
    Let the current owners, or someone independent, make the handover or
    register the new identity.
    """
    yield from ()


RULES = [self_extension, scope_widened, identity_removed, owner_self_assigned]
