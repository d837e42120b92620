"""The rule registry: every rule nhiown knows, in code order.

Families are listed explicitly so that a reader can see every rule from here.
"""

from __future__ import annotations

from nhiown.errors import UsageError
from nhiown.rules import (
    approval,
    change,
    exceptions,
    lifecycle,
    offboarding,
    ownership,
    purpose,
    review,
    rotation,
    schema,
    scope,
    secrets,
)
from nhiown.rules.base import Rule

_FAMILIES = [
    schema, ownership, purpose, review, lifecycle, rotation, scope, approval,
    offboarding, exceptions, secrets, change,
]
_ORDER = ["SCH", "OWN", "PUR", "REV", "LIF", "ROT", "SCP", "APR", "OFF", "EXC", "SEC",
          "CHG"]

REGISTRY: dict[str, Rule] = {
    r.code: r
    for r in sorted(
        (r for family in _FAMILIES for r in family.RULES),
        key=lambda r: (_ORDER.index(r.code[:3]), r.code),
    )
}
"""Rules by code."""

PER_IDENTITY: list[Rule] = [r for r in REGISTRY.values() if r.check is not None]


def get_rule(code: str) -> Rule:
    """The rule with this code (case-insensitive), or a UsageError naming the form."""
    rule = REGISTRY.get(code.strip().upper())
    if rule is None:
        by_name = {r.name: r for r in REGISTRY.values()}
        rule = by_name.get(code.strip().lower())
    if rule is None:
        raise UsageError(
            f"unknown rule {code!r}",
            hint="rule codes look like REV001; `nhiown rules` lists them all",
        )
    return rule


def expand_selector(selector: str) -> list[str]:
    """Codes matching a code, a prefix (``OWN``, ``REV00``) or a rule name."""
    wanted = selector.strip().upper()
    if wanted == "ALL":
        return list(REGISTRY)
    codes = [code for code in REGISTRY if code.startswith(wanted)]
    if not codes:
        codes = [get_rule(selector).code]
    return codes
