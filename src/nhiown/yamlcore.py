"""What both YAML loaders share: YAML 1.2 core-schema scalars, merge keys and
the limits that keep a hostile file from growing without bound."""

from __future__ import annotations

import re
from typing import Any

from nhiown.yamltree import YMap

MAX_DEPTH = 64
"""Deeper nesting than this is no inventory; it guards the recursion."""

MIN_EXPANSION_BUDGET = 200_000
"""Nodes an alias may expand to at least; real inventories stay far below."""

MERGE_KEY = "<<"

# YAML 1.2 core schema: only these plain scalars are not strings. Timestamps
# are not in 1.2, so dates stay strings and the model checks their form.
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_BOOLS = {"true": True, "True": True, "TRUE": True}
_BOOLS |= {"false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?[0-9]+\Z")
_INT_OCT = re.compile(r"0o[0-7]+\Z")
_INT_HEX = re.compile(r"0x[0-9a-fA-F]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_INF = re.compile(r"([-+]?)\.(inf|Inf|INF)\Z")
_NAN = re.compile(r"\.(nan|NaN|NAN)\Z")
_MAYBE_NUMBER = frozenset("0123456789+-.")
NUMBER_START = _MAYBE_NUMBER
"""First characters of the plain scalars that may be numbers."""
NOT_TEXT = _NULLS | frozenset(_BOOLS)
"""Plain scalars that are null or a boolean rather than text."""


def resolve_plain(value: str) -> Any:
    """The YAML 1.2 core-schema value of a plain (unquoted) scalar."""
    if value in _NULLS:
        return None
    if value in _BOOLS:
        return _BOOLS[value]
    if value[0] not in _MAYBE_NUMBER:
        return value
    if _INT.match(value):
        return int(value)
    if _INT_OCT.match(value):
        return int(value[2:], 8)
    if _INT_HEX.match(value):
        return int(value[2:], 16)
    if _FLOAT.match(value):
        return float(value)
    inf = _INF.match(value)
    if inf:
        return float("-inf") if inf.group(1) == "-" else float("inf")
    if _NAN.match(value):
        return float("nan")
    return value


def expansion_budget(text: str) -> int:
    """How many nodes aliases may expand to in ``text``: more for bigger files."""
    return max(MIN_EXPANSION_BUDGET, len(text))


def apply_merges(result: YMap, sources: list[YMap]) -> None:
    """Add merged keys; local keys win, then earlier sources win."""
    merged = set()
    for source in sources:
        for key, value in source.items():
            if key not in result:
                result[key] = value
                result.marks[key] = source.marks[key]
                merged.add(key)
    result.merged = frozenset(merged)
