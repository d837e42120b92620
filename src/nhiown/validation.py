"""Pydantic validation turned into schema problems with paths, not exceptions.

An identity with a bad field is still judged by every rule that does not need
that field: the bad values are dropped and the rest validated again.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from nhiown.secretscan import redact
from nhiown.yamltree import Path, PathPart

M = TypeVar("M", bound=BaseModel)

Spelling = Callable[[Path], str | None]
"""How the file writes the key that ends a path (``written_key`` on its text)."""

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
        if isinstance(part, int) and not isinstance(part, bool):
            text += f"[{part}]"
        else:
            name = part if isinstance(part, str) else yaml_text(part)
            text += f".{name}" if text else name
    return text


def yaml_text(value: PathPart) -> str:
    """A key that is not text, the way YAML writes it: ``null``, ``.inf``."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and not math.isfinite(value):
        return ".nan" if math.isnan(value) else ("-.inf" if value < 0 else ".inf")
    return str(value)


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
    return _cut(redact(repr(value)))


def validate(
    model: type[M], data: Any, prefix: Path = (), spelling: Spelling | None = None
) -> tuple[M | None, list[Problem]]:
    """Validate ``data``; on errors, also the model of what is left valid.

    ``spelling`` lets a message show a key that is not text as it is written.
    """
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        errors = exc.errors()
    problems = [_problem(model, error, prefix, spelling) for error in errors]
    stripped = data
    # Later list items first, so that dropping one does not shift the others.
    locs = {_key_loc(error) for error in errors}
    for loc in sorted(locs, key=_loc_key, reverse=True):
        stripped = _without(stripped, loc)
    try:
        return model.model_validate(stripped), problems
    except ValidationError:
        return None, problems


def _key_loc(error: Any) -> Path:
    """Where the error is, with a bad key as the key itself.

    Pydantic names a key in ``loc`` by its text (``'None'``, ``'0.5'``), which
    no mapping holds; the key itself finds the entry, to drop it and point at it.
    """
    loc: Path = tuple(error["loc"])
    if error["type"] == "invalid_key":
        return (*loc[:-1], error["input"])
    if "[key]" in loc:
        at = loc.index("[key]")
        return (*loc[: at - 1], error["input"], *loc[at + 1:])
    return loc


def _problem(
    model: type[BaseModel], error: Any, prefix: Path, spelling: Spelling | None
) -> Problem:
    loc = _key_loc(error)
    path = prefix + loc
    name = dotted(path)
    kind = error["type"]
    if kind == "invalid_key" or "[key]" in error["loc"]:  # point at the key
        key = error["input"]
        written = key_name(key, spelling(path) if spelling is not None else None)
        if kind == "invalid_key":  # a key written as a number, true or null
            return Problem(path, _not_a_name(model, loc, key, written), on_key=True)
        where = name if isinstance(key, str) else dotted(path[:-1])
        return Problem(path, f"{where}: {_bad_key(error, written)}", on_key=True)
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
    if kind in _BOUNDS:
        bound, words = _BOUNDS[kind]
        limit = error.get("ctx", {}).get(bound)
        got = shown(error["input"])
        return Problem(path, f"{name}: must be {words} {limit}, got {got}")
    message = str(error["msg"]).removeprefix("Value error, ")
    if kind == "value_error":
        return Problem(path, f"{name}: {redact(message)}")
    return Problem(path, f"{name}: {redact(message)}, got {shown(error['input'])}")


_BOUNDS = {
    "greater_than_equal": ("ge", "at least"),
    "greater_than": ("gt", "more than"),
    "less_than_equal": ("le", "at most"),
    "less_than": ("lt", "less than"),
}
"""Pydantic's number-bound errors: the ctx key of the limit, and its words."""


def _bad_key(error: Any, got: str) -> str:
    if error["type"] == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        return f"key must be {expected}, got {got}"
    if error["type"] == "string_type":
        return f"key must be text, got {got}"
    message = str(error["msg"]).removeprefix("Value error, ")
    return f"bad key {got}: {redact(message)}"


def _not_a_name(model: type[BaseModel], loc: Path, key: Any, written: str) -> str:
    """SCH001 for a key YAML reads as null, a boolean or a number: unknown too."""
    where = f" in {dotted(loc[:-1])}" if loc[:-1] else ""
    if key is None:
        what = "null"
    elif isinstance(key, bool):
        what = "a boolean"
    else:  # the loaders' only other scalars that are not text
        what = "a number"
    fields = _fields_at(model, loc[:-1])
    names = f"; keys are names such as {fields[0]!r}" if fields else ""
    return f"unknown key {written}{where} (YAML reads it as {what}{names})"


def key_name(key: PathPart, written: str | None) -> str:
    """A key as a message names it: ``'expirs'`` quoted, ``~`` as ``written``."""
    if isinstance(key, str):
        return shown(key)
    return _cut(redact(written or yaml_text(key)))


def _cut(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "..."


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
    return tuple((0, p, "") if isinstance(p, int) else (1, 0, str(p)) for p in loc)
