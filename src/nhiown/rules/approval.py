"""Approval rule: high-risk identities exist because someone said yes."""

from __future__ import annotations

from collections.abc import Iterator

from nhiown.findings import Severity
from nhiown.rules.base import Hit, Subject, is_blank, rule


@rule("APR001", "approval-missing", Severity.ERROR, owasp="NHI5")
def approval_missing(subject: Subject) -> Iterator[Hit]:
    """A tier that needs approval has no recorded approver or date.

    ## What it does
    For tiers in `policy.approval_required` (high and critical by default),
    requires `approval.by` and `approval.date`.

    ## Why is this bad?
    A powerful identity that nobody approved is one that nobody weighed:
    its scopes, lifetime and owners were never checked by a second person.

    ## Example
    ```yaml
    risk_tier: critical
    approval: {ticket: SEC-1042}
    ```

    ## Use instead
    ```yaml
    risk_tier: critical
    approval: {by: carol@example.com, date: 2026-01-10, ticket: SEC-1042}
    ```
    """
    identity = subject.identity
    if identity.risk_tier not in subject.policy.approval_required:
        return
    approval = identity.approval
    missing = []
    if approval is None or is_blank(approval.by):
        missing.append("by")
    if approval is None or approval.date is None:
        missing.append("date")
    if missing:
        fields = " and ".join(f"approval.{key}" for key in missing)
        yield Hit(
            ("approval", missing[0]),
            f"{identity.risk_tier} tier needs an approval; no {fields}",
        )


RULES = [approval_missing]
