"""When things fall due: shared by the rules (overdue) and ``nhiown due``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from nhiown.model import Credential, Identity, Policy
from nhiown.yamltree import Path


@dataclass(frozen=True)
class Deadline:
    """A date by which something must happen, and the value it derives from."""

    date: dt.date
    path: Path
    derived: bool = False
    """True when computed from a last date plus the tier's interval."""


def holds_secret(credential: Credential | None) -> bool:
    """A credential whose secret can leak and must be rotated (not keyless)."""
    return credential is not None and credential.type != "keyless"


def review_deadline(identity: Identity, policy: Policy) -> Deadline | None:
    """``review.next``, else ``review.last`` plus the tier's review interval."""
    review = identity.review
    if review is None:
        return None
    if review.next is not None:
        return Deadline(review.next, ("review", "next"))
    interval = (
        policy.review_interval.get(identity.risk_tier) if identity.risk_tier else None
    )
    if review.last is None or interval is None:
        return None
    return Deadline(interval.after(review.last), ("review", "last"), derived=True)


def rotation_deadline(identity: Identity, policy: Policy) -> Deadline | None:
    """Last rotation plus the tier's rotation interval, for secrets only."""
    credential = identity.credential
    if not holds_secret(credential) or credential is None:
        return None
    interval = (
        policy.rotation_interval.get(identity.risk_tier) if identity.risk_tier else None
    )
    if credential.last_rotated is None or interval is None:
        return None
    path = ("credential", "last_rotated")
    return Deadline(interval.after(credential.last_rotated), path, derived=True)


def expiry_deadline(identity: Identity) -> Deadline | None:
    if identity.expires is None:
        return None
    return Deadline(identity.expires, ("expires",))
