"""Where every node of a YAML document sits in its text, as character spans.

Only the file being edited is parsed this way, at edit time, so this follows
ruamel's event stream plainly rather than fast. ``start``/``end`` are indices
into the text (BOM removed), ``end`` exclusive.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml import events as ev
from ruamel.yaml.error import YAMLError

from nhiown.errors import YamlError

MERGE_KEY = "<<"
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})


@dataclass
class Scalar:
    """A scalar as written: its text value, quoting style (None is plain)."""

    start: int
    end: int
    value: str
    style: str | None
    anchor: str | None

    @property
    def is_null(self) -> bool:
        return self.style is None and self.value in _NULLS

    @property
    def content_end(self) -> int:
        return self.end


@dataclass
class Alias:
    """A reference (``*name``) to an anchored node."""

    start: int
    end: int
    name: str
    anchor: None = None

    @property
    def content_end(self) -> int:
        return self.end


@dataclass
class Sequence:
    """A list, block or flow (``[...]``)."""

    start: int
    end: int
    flow: bool
    anchor: str | None
    items: list[Node] = field(default_factory=list)

    @property
    def content_end(self) -> int:
        if self.flow or not self.items:
            return self.end
        return self.items[-1].content_end


@dataclass
class Mapping:
    """A mapping, block or flow (``{...}``), its items in written order."""

    start: int
    end: int
    flow: bool
    anchor: str | None
    items: list[tuple[Node, Node]] = field(default_factory=list)

    @property
    def content_end(self) -> int:
        """Where the mapping's last character is, comments after it excluded."""
        if self.flow or not self.items:
            return self.end
        return self.items[-1][1].content_end

    def find(self, key: str) -> tuple[Node, Node] | None:
        """The item whose key is ``key``, written in this mapping itself."""
        for item in self.items:
            if isinstance(item[0], Scalar) and item[0].value == key and not (
                is_merge_key(item[0])
            ):
                return item
        return None

    def merge_values(self) -> list[Node]:
        """The values of this mapping's merge keys (``<<: *a``), in order."""
        return [value for key, value in self.items if is_merge_key(key)]


Node = Scalar | Alias | Sequence | Mapping


def after_colon(text: str, key_end: int) -> int:
    """The index just after the ``:`` that follows a key ending at ``key_end``."""
    index = key_end
    while index < len(text) and text[index] in " \t":
        index += 1
    return index + 1 if index < len(text) and text[index] == ":" else key_end


def _skip_properties(text: str, index: int) -> int:
    """Where the node's own text starts, after an anchor (``&a``) and a tag.

    ruamel starts a node at its properties; an edit must keep them.
    """
    while index < len(text) and text[index] in "&!":
        while index < len(text) and not text[index].isspace():
            index += 1
        while index < len(text) and text[index] in " \t\r\n":
            index += 1
    return index


def is_merge_key(node: Node) -> bool:
    return isinstance(node, Scalar) and node.style is None and node.value == MERGE_KEY


@dataclass
class Document:
    """The root node, the anchored nodes by name, and the names aliased."""

    root: Node | None
    anchors: dict[str, Node]
    aliased: set[str]

    def resolve(self, node: Node) -> Node:
        """The node an alias stands for (the node itself otherwise)."""
        if isinstance(node, Alias):
            return self.anchors[node.name]
        return node

    def shared(self, node: Node) -> bool:
        """Whether the node is anchored and used again through an alias."""
        return node.anchor is not None and node.anchor in self.aliased


def parse_spans(text: str, filename: str) -> Document:
    """The span tree of ``text``; YamlError when it is not YAML."""
    builder = _Builder(text)
    try:
        root = builder.document(iter(YAML(typ="safe", pure=True).parse(text)))
    except YAMLError as exc:
        raise YamlError(f"YAML error: {exc}", file=filename) from None
    return Document(root, builder.anchors, builder.aliased)


class _Builder:
    def __init__(self, text: str) -> None:
        self.text = text
        self.anchors: dict[str, Node] = {}
        self.aliased: set[str] = set()

    def document(self, events: Iterator[Any]) -> Node | None:
        self.events = events
        next(events)  # StreamStart
        if isinstance(next(events), ev.StreamEndEvent):
            return None
        return self.node(next(events))

    def node(self, event: Any) -> Node:
        start = _skip_properties(self.text, event.start_mark.index)
        node: Node
        if isinstance(event, ev.AliasEvent):
            self.aliased.add(event.anchor)
            return Alias(start, event.end_mark.index, event.anchor)
        if isinstance(event, ev.ScalarEvent):
            node = Scalar(
                start, event.end_mark.index, event.value, event.style, event.anchor
            )
        elif isinstance(event, ev.MappingStartEvent):
            node = self.mapping(event)
        else:
            node = self.sequence(event)
        if event.anchor is not None:
            self.anchors[event.anchor] = node
        return node

    def mapping(self, start: Any) -> Mapping:
        index = _skip_properties(self.text, start.start_mark.index)
        node = Mapping(index, 0, bool(start.flow_style), start.anchor)
        while True:
            event = next(self.events)
            if isinstance(event, ev.MappingEndEvent):
                node.end = event.end_mark.index
                return node
            key = self.node(event)
            value = self.node(next(self.events))
            if isinstance(value, Scalar) and value.style is None and not value.value:
                # ruamel marks an empty value where the next token starts, maybe
                # lines below; the value belongs right after the key's colon.
                value.start = value.end = after_colon(self.text, key.end)
            node.items.append((key, value))

    def sequence(self, start: Any) -> Sequence:
        index = _skip_properties(self.text, start.start_mark.index)
        node = Sequence(index, 0, bool(start.flow_style), start.anchor)
        while True:
            event = next(self.events)
            if isinstance(event, ev.SequenceEndEvent):
                node.end = event.end_mark.index
                return node
            node.items.append(self.node(event))
