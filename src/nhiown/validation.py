"""Pydantic validation turned into schema problems with paths, not exceptions.

An identity with a bad field is still judged by every rule that does not need
that field: the bad values are dropped and the rest validated again.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from nhiown.secretscan import redact
from nhiown.yamltree import Path

M = TypeVar("M", bound=BaseModel)

_TYPE_NAMES = {
    "string_type": "text",
    "int_type": "a whole number",
    "list_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
}


@dataclass(frozen=True)
class Problem:
    """One schema problem at ``path``; ``on_key`` for unknown keys."""

    path: Path
    message: str
    on_key: bool = False


def dotted(path: Path) -> str:
    """``review.next``, ``exceptions[0].rule``: a path as a user writes it."""
    text = ""
    for part in path:
        if part == "[key]":  # Pydantic's marker for a bad key of a dict
            continue
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def shown(value: Any) -> str:
    """A short, secret-free rendering of a user value for messages."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "nothing (null)"
    text = redact(repr(value))
    return text if len(text) <= 60 else text[:57] + "..."


def validate(
    model: type[M], data: Any, prefix: Path = ()
) -> tuple[M | None, list[Problem]]:
    """Validate ``data``; on errors, also the model of what is left valid."""
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        errors = exc.errors()
    problems = [_problem(model, error, prefix) for error in errors]
    stripped = data
    # Later list items first, so that dropping one does not shift the others.
    locs = {tuple(part for part in e["loc"] if part != "[key]") for e in errors}
    for loc in sorted(locs, key=_loc_key, reverse=True):
        stripped = _without(stripped, loc)
    try:
        return model.model_validate(stripped), problems
    except ValidationError:
        return None, problems


def _problem(model: type[BaseModel], error: Any, prefix: Path) -> Problem:
    loc: Path = tuple(error["loc"])
    path = prefix + loc
    name = dotted(path)
    kind = error["type"]
    if kind == "invalid_key":  # a key written as a number, true or null
        message = f"key {shown(error['input'])} is not text; keys are names"
        return Problem(path, f"{message} such as 'expires'", on_key=True)
    if "[key]" in loc:  # a mapping key of the wrong kind: point at the key
        path = tuple(part for part in path if part != "[key]")
        return Problem(path, f"{dotted(path)}: {_bad_key(error)}", on_key=True)
    if kind == "extra_forbidden":
        return Problem(path, _unknown_key(model, loc), on_key=True)
    if kind == "missing":
        return Problem(path, f"missing required key {name!r}")
    if kind in _TYPE_NAMES:
        expected = _TYPE_NAMES[kind]
        got = shown(error["input"])
        return Problem(path, f"{name}: expected {expected}, got {got}")
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        got = shown(error["input"])
        return Problem(path, f"{name}: expected {expected}, got {got}")
    message = str(error["msg"]).removeprefix("Value error, ")
    if kind == "value_error":
        return Problem(path, f"{name}: {redact(message)}")
    return Problem(path, f"{name}: {redact(message)}, got {shown(error['input'])}")


def _bad_key(error: Any) -> str:
    if error["type"] == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        return f"key must be {expected}, got {shown(error['input'])}"
    message = str(error["msg"]).removeprefix("Value error, ")
    return f"bad key {shown(error['input'])}: {redact(message)}"


def _unknown_key(model: type[BaseModel], loc: Path) -> str:
    key = loc[-1]
    fields = _fields_at(model, loc[:-1])
    close = difflib.get_close_matches(str(key), fields, n=1, cutoff=0.6)
    where = f" in {dotted(loc[:-1])}" if loc[:-1] else ""
    message = f"unknown key {str(key)!r}{where}"
    return message + (f" (did you mean {close[0]!r}?)" if close else "")


def _fields_at(model: type[BaseModel], loc: Path) -> list[str]:
    """Field names of the (nested) model found at ``loc``."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = getattr(current, "model_fields", {}).get(part)
        if field is None:
            return []
        current = _model_in(field.annotation)
    return list(getattr(current, "model_fields", {}))


def _model_in(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def _without(data: Any, loc: Path) -> Any:
    """A copy of ``data`` without the value at ``loc`` (shallow where possible)."""
    if not loc:
        return data
    head, rest = loc[0], loc[1:]
    if isinstance(data, dict) and head in data:
        copy = dict(data)
        if rest:
            copy[head] = _without(data[head], rest)
        else:
            del copy[head]
        return copy
    if isinstance(data, list) and isinstance(head, int) and head < len(data):
        items = list(data)
        if rest:
            items[head] = _without(items[head], rest)
        else:
            del items[head]
        return items
    return data


def _loc_key(loc: Path) -> tuple[tuple[int, int, str], ...]:
    return tuple((0, p, "") if isinstance(p, int) else (1, 0, p) for p in loc)
