"""Plain YAML data that remembers where every key and value sits in the text.

The loaders build ``YMap`` and ``YSeq``: a ``dict`` and a ``list`` that Pydantic
and the rules read like any other, plus the 1-based (line, column) of each key
and value. Positions are what findings point at and what in-place edits change.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

Mark = tuple[int, int]
"""A 1-based (line, column) in the file's text."""

PathPart = str | int | float | None
"""A key or a list index. Keys are text in a valid file; YAML also reads a
plain ``~``, ``.5`` or ``true`` key as null, a number or a boolean."""
Path = tuple[PathPart, ...]


class YMap(dict[Any, Any]):
    """A mapping with the positions of its keys and values.

    ``marks[key]`` is ``(key_line, key_column, value_line, value_column)``.
    Keys that came in through a merge (``<<: *defaults``) are listed in
    ``merged``: their marks point into the anchor, not into this mapping.
    """

    __slots__ = ("end_line", "mark", "marks", "merged")

    def __init__(self, mark: Mark) -> None:
        super().__init__()
        self.mark = mark
        self.marks: dict[Any, tuple[int, int, int, int]] = {}
        self.merged: frozenset[Any] = frozenset()
        self.end_line = mark[0]

    def key_mark(self, key: Any) -> Mark:
        kl, kc, _, _ = self.marks[key]
        return (kl, kc)

    def value_mark(self, key: Any) -> Mark:
        _, _, vl, vc = self.marks[key]
        return (vl, vc)


class YSeq(list[Any]):
    """A sequence with the position of each item."""

    __slots__ = ("end_line", "mark", "marks")

    def __init__(self, mark: Mark) -> None:
        super().__init__()
        self.mark = mark
        self.marks: list[Mark] = []
        self.end_line = mark[0]


def locate(node: Any, path: Sequence[PathPart]) -> Mark | None:
    """Where the value at ``path`` sits below ``node``; None when it is absent.

    An empty path is the node itself.
    """
    mark: Mark | None = getattr(node, "mark", None)
    for part in path:
        if isinstance(node, YMap) and part in node:
            mark = node.value_mark(part)
        elif isinstance(node, YSeq) and isinstance(part, int) and part < len(node):
            mark = node.marks[part]
        else:
            return None
        node = node[part]
    return mark


def locate_value(node: Any, path: Sequence[PathPart]) -> Mark | None:
    """Where the value at ``path`` is written, or its key when it is empty.

    The parser places an empty value (``review:`` with nothing after it) where
    the next token starts, often lines below; the key is where it was meant.
    """
    if path and lookup(node, path) is None:
        return locate_key(node, path)
    return locate(node, path)


def locate_key(node: Any, path: Sequence[PathPart]) -> Mark | None:
    """Where the key that ends ``path`` sits (for unknown or misplaced keys)."""
    if not path:
        return getattr(node, "mark", None)
    parent = lookup(node, path[:-1])
    last = path[-1]
    if isinstance(parent, YMap) and last in parent:
        return parent.key_mark(last)
    return locate(node, path)


_PLAIN_KEY = re.compile(r"[^\r\n]*?(?=[ \t]*(?::(?:[\s,\]}]|$)|[,\]}\r\n]|[ \t]#|$))")
"""A plain key up to the colon, comma, bracket or comment that ends it."""


def written_key(text: str, node: Any, path: Sequence[PathPart]) -> str | None:
    """The key that ends ``path`` as ``text`` spells it: ``~``, ``.5``, ``1e3``.

    A key that is not text was written as a plain scalar (quoting makes text),
    so it ends where a plain key ends. None when the key is not in the file
    or is empty (``: value``).
    """
    parent = lookup(node, path[:-1]) if path else None
    if not isinstance(parent, YMap) or path[-1] not in parent:
        return None
    line, column = parent.key_mark(path[-1])
    start = 0
    for _ in range(line - 1):
        start = text.find("\n", start) + 1
    found = _PLAIN_KEY.match(text, start + column - 1)
    return found.group(0) if found and found.group(0) else None


def lookup(node: Any, path: Sequence[PathPart], default: Any = None) -> Any:
    """The value at ``path`` below ``node``, or ``default`` when absent."""
    for part in path:
        in_map = isinstance(node, dict) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and part < len(node)
        if in_map or in_list:
            node = node[part]
        else:
            return default
    return node
