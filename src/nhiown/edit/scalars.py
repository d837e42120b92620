"""Writing a scalar value as YAML text, in the quoting style it should keep."""

from __future__ import annotations

import json
import re

_PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@+/-]*\Z")
_NUMBER = re.compile(r"[-+]?(0o[0-7]+|0x[0-9a-fA-F]+|[0-9._]+([eE][-+]?[0-9]+)?)\Z")
_NOT_TEXT = frozenset({"true", "false", "null", "~"})


def plain_safe(value: str) -> bool:
    """Whether ``value`` reads back as the same string when written unquoted."""
    return bool(_PLAIN.match(value)) and value.lower() not in _NOT_TEXT and not (
        _NUMBER.match(value)
    )


def render_scalar(value: str, style: str | None) -> str:
    """``value`` in ``style``: None (plain when safe), ``'`` or ``"``."""
    if style == "'":
        return "'" + value.replace("'", "''") + "'"
    if style == '"' or not plain_safe(value):
        # A JSON string is a valid YAML double-quoted scalar.
        return json.dumps(value, ensure_ascii=False)
    return value
