"""The inventory model: what an identity, a person and the policy may hold.

Strict on purpose: an unknown key is a typo until proven otherwise, and a date
must be written as a date. Presence is left to the rules (OWN001, LIF002, ...)
so that a missing owner reads as a governance finding, not a schema error.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PlainValidator, WithJsonSchema

from nhiown.dates import Duration, check_timezone, parse_date
from nhiown.validation import shown

Tier = Literal["low", "medium", "high", "critical"]
TIERS: tuple[Tier, ...] = ("low", "medium", "high", "critical")
Kind = Literal[
    "service_account",
    "api_key",
    "oauth_app",
    "bot",
    "ci_token",
    "workload_identity",
    "ssh_key",
    "certificate",
    "other",
]
Environment = Literal["production", "staging", "development", "other"]
Status = Literal["active", "retired"]
CredentialType = Literal["secret", "key", "token", "certificate", "keyless"]
RuleLevel = Literal["off", "warning", "error"]

ID_PATTERN = r"^[a-z0-9][a-z0-9._-]*$"
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
DURATION_PATTERN = r"^\d+\s*[dwmyDWMY]$"


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise ValueError(f"expected a date (YYYY-MM-DD), got a number: {value!r}")
    if not isinstance(value, str):
        raise ValueError(f"expected a date (YYYY-MM-DD), got {shown(value)}")
    return parse_date(value)


def _duration(value: Any) -> Duration:
    if isinstance(value, Duration):
        return value
    if not isinstance(value, int | str):
        raise ValueError(f"expected a duration such as 90d, got {value!r}")
    return Duration.parse(value)


IsoDate = Annotated[
    dt.date,
    PlainValidator(_date),
    WithJsonSchema({"type": "string", "format": "date", "pattern": DATE_PATTERN}),
]
DurationValue = Annotated[
    Duration,
    PlainValidator(_duration),
    WithJsonSchema(
        {
            "oneOf": [
                {"type": "integer", "minimum": 0, "description": "days"},
                {"type": "string", "pattern": DURATION_PATTERN},
            ]
        }
    ),
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class Owners(_Strict):
    """The two people answerable for an identity."""

    business: str | None = None
    technical: str | None = None


class Approval(_Strict):
    """Who approved the identity's existence, when, and under which ticket."""

    by: str | None = None
    date: IsoDate | None = None
    ticket: str | None = None


class Review(_Strict):
    """The last review, who did it, and when the next one is due."""

    last: IsoDate | None = None
    next: IsoDate | None = None
    by: str | None = None


class Credential(_Strict):
    """The secret (or its absence) behind the identity."""

    type: CredentialType | None = None
    store: str | None = None
    last_rotated: IsoDate | None = None
    revoked: IsoDate | None = None


class Offboarding(_Strict):
    """The events that must end the identity."""

    triggers: list[str] | None = None


class Waiver(_Strict):
    """An approved, expiring exception to one rule for one identity."""

    rule: str | None = None
    reason: str | None = None
    approved_by: str | None = None
    expires: IsoDate | None = None


class Identity(_Strict):
    """One machine identity: a service account, key, token, app or bot."""

    id: str = Field(json_schema_extra={"pattern": ID_PATTERN})
    name: str | None = None
    kind: Kind | None = None
    platform: str | None = None
    environment: Environment | None = None
    status: Status = "active"
    risk_tier: Tier | None = None
    purpose: str | None = None
    workflow: str | None = None
    team: str | None = None
    notes: str | None = None
    owners: Owners | None = None
    approval: Approval | None = None
    created: IsoDate | None = None
    expires: IsoDate | None = None
    review: Review | None = None
    credential: Credential | None = None
    scopes: list[str] | None = None
    offboarding: Offboarding | None = None
    retired: IsoDate | None = None
    exceptions: list[Waiver] | None = None

    @property
    def active(self) -> bool:
        return self.status == "active"


REQUIRED_IDENTITY_KEYS = ("id", "kind", "risk_tier")
"""Keys without which an identity cannot be judged; SCH001 when absent."""


class Person(_Strict):
    """Someone who can own, approve or review identities."""

    id: str
    name: str | None = None
    team: str | None = None
    status: Literal["active", "departed"] = "active"
    aliases: list[str] = []


DEFAULT_REVIEW_INTERVAL = {"low": "365d", "medium": "180d", "high": "90d"}
DEFAULT_REVIEW_INTERVAL |= {"critical": "30d"}
DEFAULT_MAX_LIFETIME = {"low": "730d", "medium": "365d", "high": "365d"}
DEFAULT_MAX_LIFETIME |= {"critical": "180d"}
DEFAULT_PRIVILEGED_SCOPES = ["*", "admin", "owner", "root", "*:*", "write:org"]
DEFAULT_PRIVILEGED_SCOPES += ["iam:*"]


def _tier_map(defaults: dict[str, str]) -> Any:
    return Field(
        default_factory=lambda: {k: Duration.parse(v) for k, v in defaults.items()}
    )


class Policy(_Strict):
    """Governance settings; every key optional, with the defaults below."""

    timezone: Annotated[str, PlainValidator(lambda v: check_timezone(_text(v)))] = "UTC"
    due_window: DurationValue = Duration(30)
    review_interval: dict[Tier, DurationValue] = _tier_map(DEFAULT_REVIEW_INTERVAL)
    max_lifetime: dict[Tier, DurationValue] = _tier_map(DEFAULT_MAX_LIFETIME)
    rotation_interval: dict[Tier, DurationValue] = _tier_map(DEFAULT_REVIEW_INTERVAL)
    privileged_scopes: list[str] = Field(
        default_factory=lambda: list(DEFAULT_PRIVILEGED_SCOPES)
    )
    max_scopes: int = Field(default=10, ge=0)
    approval_required: list[Tier] = ["high", "critical"]
    distinct_owners_required: list[Tier] = ["medium", "high", "critical"]
    rules: dict[str, RuleLevel] = {}


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"expected text, got {value!r}")
    return value


def with_defaults(policy_data: dict[str, Any]) -> dict[str, Any]:
    """Tier maps given in part keep the default for the tiers left out."""
    filled = dict(policy_data)
    for key, defaults in (
        ("review_interval", DEFAULT_REVIEW_INTERVAL),
        ("max_lifetime", DEFAULT_MAX_LIFETIME),
        ("rotation_interval", DEFAULT_REVIEW_INTERVAL),
    ):
        given = filled.get(key)
        if isinstance(given, dict):
            filled[key] = {**defaults, **given}
    return filled
