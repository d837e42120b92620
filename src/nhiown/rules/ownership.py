"""Ownership rules: two named, distinct, current owners who do not approve
their own identity."""

from __future__ import annotations

from collections.abc import Iterator

from nhiown.findings import Severity
from nhiown.rules.base import Hit, Subject, is_blank, rule

ROLES = ("business", "technical")


@rule("OWN001", "owner-pair-missing", Severity.ERROR, owasp="NHI1")
def owner_pair_missing(subject: Subject) -> Iterator[Hit]:
    """The business or the technical owner is missing.

    ## What it does
    Requires both `owners.business` (who answers for why the identity exists)
    and `owners.technical` (who can rotate, fix or remove it).

    ## Why is this bad?
    An identity without an owner is never renewed, reviewed or offboarded on
    purpose: it simply outlives its workflow (OWASP NHI1, improper offboarding).

    ## Example
    ```yaml
    owners:
      technical: bob@example.com
    ```

    ## Use instead
    ```yaml
    owners:
      business: alice@example.com
      technical: bob@example.com
    ```
    """
    owners = subject.identity.owners
    for role in ROLES:
        if owners is None or is_blank(getattr(owners, role)):
            yield Hit(("owners", role), f"no {role} owner")


@rule("OWN002", "owners-not-distinct", Severity.ERROR, owasp="NHI1")
def owners_not_distinct(subject: Subject) -> Iterator[Hit]:
    """The business and technical owner are the same person.

    ## What it does
    For tiers listed in `policy.distinct_owners_required` (medium and up by
    default), the two owners must be different people; aliases in `people`
    count as the same person.

    ## Why is this bad?
    Two owners exist so that one can notice what the other does not. One person
    in both roles is a single point of failure and of trust.

    ## Example
    ```yaml
    owners: {business: alice@example.com, technical: alice@example.com}
    ```

    ## Use instead
    ```yaml
    owners: {business: alice@example.com, technical: bob@example.com}
    ```
    """
    owners = subject.identity.owners
    tier = subject.identity.risk_tier
    if owners is None or tier not in subject.policy.distinct_owners_required:
        return
    if subject.people.same(owners.business, owners.technical):
        yield Hit(
            ("owners", "technical"),
            f"business and technical owner are both {owners.technical}"
            f" ({tier} tier needs two people)",
        )


@rule("OWN003", "owner-unknown", Severity.ERROR, owasp="NHI1")
def owner_unknown(subject: Subject) -> Iterator[Hit]:
    """An owner is not in `people`, or has departed.

    ## What it does
    When the configuration lists `people`, each owner must be listed there (by
    id or alias) with status `active`.

    ## Why is this bad?
    An owner who left the company cannot renew, review or retire anything;
    their identities are orphans until someone notices (OWASP NHI1).

    ## Example
    ```yaml
    people:
      - {id: erin@example.com, status: departed}
    ...
    owners: {business: erin@example.com, technical: bob@example.com}
    ```

    ## Use instead
    ```yaml
    owners: {business: alice@example.com, technical: bob@example.com}
    ```
    """
    if not subject.people.given or subject.identity.owners is None:
        return
    for role in ROLES:
        name = getattr(subject.identity.owners, role)
        if is_blank(name):
            continue
        person = subject.people.find(name)
        if person is None:
            yield Hit(("owners", role), f"{role} owner {name} is not in people")
        elif person.status == "departed":
            yield Hit(("owners", role), f"{role} owner {name} has departed")


@rule("OWN004", "approver-is-owner", Severity.ERROR)
def approver_is_owner(subject: Subject) -> Iterator[Hit]:
    """An owner approved, reviewed or waived a rule for their own identity.

    ## What it does
    Flags `approval.by`, `review.by` and each exception's `approved_by` when
    that person is a business or technical owner of the identity (aliases in
    `people` included).

    ## Why is this bad?
    The person who benefits from an identity must never be the only one who
    approves, reviews or extends it: that is separation of duties.

    ## Example
    ```yaml
    owners: {business: alice@example.com, technical: bob@example.com}
    review: {last: 2026-06-01, by: bob@example.com}
    ```

    ## Use instead
    ```yaml
    review: {last: 2026-06-01, by: carol@example.com}
    ```
    """
    identity = subject.identity
    checked: list[tuple[tuple[str | int, ...], str | None, str]] = []
    if identity.approval:
        checked.append((("approval", "by"), identity.approval.by, "approved"))
    if identity.review:
        checked.append((("review", "by"), identity.review.by, "reviewed"))
    for index, waiver in enumerate(identity.exceptions or []):
        path: tuple[str | int, ...] = ("exceptions", index, "approved_by")
        checked.append((path, waiver.approved_by, "approved an exception to"))
    for path, name, act in checked:
        if subject.is_owner(name):
            yield Hit(path, f"{name} {act} an identity they own")


RULES = [owner_pair_missing, owners_not_distinct, owner_unknown, approver_is_owner]
