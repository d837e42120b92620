"""One change to one identity, made as text surgery on the file's characters.

The value's exact span is replaced, or a missing key is inserted where its
siblings would put it, in their style: their indentation in a block mapping,
``, key: value`` in a flow mapping, the order the model declares its fields.
Everything else, comments and line ends included, stays untouched.
"""

from __future__ import annotations

from nhiown.edit.change import Change
from nhiown.edit.refusal import Refusal
from nhiown.edit.scalars import render_scalar
from nhiown.edit.spans import (
    Alias,
    Document,
    Mapping,
    Node,
    Scalar,
    Sequence,
    after_colon,
    parse_spans,
)
from nhiown.errors import NhiownError
from nhiown.model import Credential, Identity, Review

DEFAULT_STEP = 2
"""Indentation added for a nested block mapping when no sibling shows one."""

ORDER: dict[tuple[str, ...], list[str]] = {
    (): list(Identity.model_fields),
    ("review",): list(Review.model_fields),
    ("credential",): list(Credential.model_fields),
}
"""Where a new key goes: after the siblings the model declares before it."""


def apply_change(
    text: str, filename: str, index: int, identifier: str, change: Change
) -> str:
    """``text`` with ``change`` made to the ``index``-th identity of the file.

    Refusal when the value is shared through an anchor or a merge key;
    NhiownError when the file does not have the shape the change needs.
    """
    document = parse_spans(text, filename)
    splicer = _Splicer(text, filename, document, change)
    return splicer.set(splicer.identity(index, identifier), 0)


def _column(text: str, index: int) -> int:
    """0-based column of ``index`` in its line."""
    return index - (text.rfind("\n", 0, index) + 1)


def _next_line_start(text: str, index: int) -> int | None:
    """Start of the line after the one holding the character before ``index``."""
    if index > 0 and text[index - 1] == "\n":
        return index
    newline = text.find("\n", index)
    return None if newline < 0 else newline + 1


class _Splicer:
    def __init__(
        self, text: str, filename: str, document: Document, change: Change
    ) -> None:
        self.text = text
        self.filename = filename
        self.document = document
        self.change = change
        self.eol = "\r\n" if "\r\n" in text else "\n"

    def error(self, message: str, index: int, hint: str | None = None) -> NhiownError:
        line = self.text.count("\n", 0, index) + 1
        column = _column(self.text, index) + 1
        return NhiownError(
            message, file=self.filename, line=line, column=column, hint=hint
        )

    def identity(self, index: int, identifier: str) -> Mapping:
        """The identity's mapping; refused when the entry is an alias."""
        root = self.document.root
        listed = root.find("identities") if isinstance(root, Mapping) else None
        items = listed[1] if listed else None
        node: Node | None = None
        if isinstance(items, Sequence) and index < len(items.items):
            node = items.items[index]
        if isinstance(node, Alias):
            raise Refusal(
                f"identity {identifier!r} is the alias *{node.name}, a copy of"
                " another entry", hint="write the identity out in full",
            )
        if not isinstance(node, Mapping) or not _has_id(node, identifier):
            raise NhiownError(
                f"identity {identifier!r} is no longer where it was read",
                file=self.filename, hint="run the command again",
            )
        return node

    def set(self, node: Mapping, depth: int) -> str:
        """Make the change below ``node``, the mapping at ``path[:depth]``."""
        path = self.change.path
        part, here = path[depth], ".".join(path[: depth + 1])
        if self.document.shared(node):
            where = ".".join(path[:depth]) or "the identity"
            raise Refusal(
                f"{where} is the anchor &{node.anchor}, used again elsewhere:"
                " changing it here would change every copy",
                hint="write this identity's own values instead of sharing them",
            )
        item = node.find(part)
        if item is None:
            if self.merged(node, part):
                raise Refusal(
                    f"{here} comes in through a merge key (<<), shared with others",
                    hint=f"write {here} in this identity itself, then run again",
                )
            return self.insert(node, path[depth:], depth)
        key, value = item
        if isinstance(value, Alias) or self.document.shared(value):
            name = value.name if isinstance(value, Alias) else value.anchor
            raise Refusal(
                f"{here} is shared through the anchor &{name}: changing it would"
                " change every copy",
                hint=f"write {here} out in this identity, then run again",
            )
        if depth == len(path) - 1:
            return self.replace(value, here)
        if isinstance(value, Mapping):
            return self.set(value, depth + 1)
        if isinstance(value, Scalar) and value.is_null:
            return self.fill(node, key, value, path[depth + 1 :])
        raise self.error(
            f"{here} is not a mapping", value.start,
            hint="fix what `nhiown check` reports (SCH001) first",
        )

    def merged(self, mapping: Mapping, key: str) -> bool:
        """Whether ``key`` reaches ``mapping`` through one of its merge keys."""
        for value in mapping.merge_values():
            for source in value.items if isinstance(value, Sequence) else [value]:
                target = self.document.resolve(source)
                if isinstance(target, Mapping) and (
                    target.find(key) is not None or self.merged(target, key)
                ):
                    return True
        return False

    def replace(self, node: Node, here: str) -> str:
        if not isinstance(node, Scalar):
            raise self.error(f"{here} holds a list or mapping, not one value",
                             node.start)
        if node.style in ("|", ">"):
            raise self.error(f"{here} is a block scalar (| or >)", node.start,
                             hint="write the value on the key's line first")
        new = render_scalar(self.change.value, node.style)
        if node.start == node.end:
            new = " " + new
        return self.text[: node.start] + new + self.text[node.end :]

    def insert(self, mapping: Mapping, rest: tuple[str, ...], depth: int) -> str:
        """Add the missing key ``rest[0]`` (and any mapping below it)."""
        order = ORDER.get(self.change.path[:depth], [])
        if mapping.flow:
            return self.insert_flow(mapping, rest, order)
        indent = _column(self.text, mapping.items[0][0].start)
        line = " " * indent + self.item(mapping, rest, indent)
        index, after = _position(mapping, rest[0], order)
        if after:
            at = _next_line_start(self.text, mapping.items[index][1].content_end)
            if at is not None:
                return self.text[:at] + line + self.eol + self.text[at:]
        # Before the item; also how a file without a final newline keeps its
        # last line, and the missing newline, untouched.
        key = mapping.items[index][0]
        line_start = self.text.rfind("\n", 0, key.start) + 1
        if not self.text[line_start : key.start].strip():
            return self.text[:line_start] + line + self.eol + self.text[line_start:]
        at = _next_line_start(self.text, mapping.items[-1][1].content_end)
        if at is None:
            return self.text + self.eol + line
        return self.text[:at] + line + self.eol + self.text[at:]

    def insert_flow(
        self, mapping: Mapping, rest: tuple[str, ...], order: list[str]
    ) -> str:
        item = self.item(mapping, rest, 0)
        if not mapping.items:
            at, new = mapping.start + 1, item
        else:
            index, after = _position(mapping, rest[0], order)
            key, value = mapping.items[index]
            at, new = (value.content_end, ", " + item) if after else (
                key.start, item + ", "
            )
        return self.text[:at] + new + self.text[at:]

    def fill(
        self, mapping: Mapping, key: Node, null: Scalar, rest: tuple[str, ...]
    ) -> str:
        """Give an empty key (``review:`` or ``review: ~``) its mapping."""
        if self.nested_flow(mapping):
            new = self.flow_mapping(mapping, rest)
            if null.start == null.end:
                new = " " + new
            return self.text[: null.start] + new + self.text[null.end :]
        cut = after_colon(self.text, key.end) if null.start != null.end else null.end
        text = self.text[:cut] + self.text[null.end :]
        indent = _column(self.text, key.start) + self.step(mapping)
        line = " " * indent + self.item(mapping, rest, indent)
        at = _next_line_start(text, cut)
        if at is None:
            return text + self.eol + line
        return text[:at] + line + self.eol + text[at:]

    def item(self, siblings: Mapping, rest: tuple[str, ...], indent: int) -> str:
        """The text of ``rest[0]: ...`` for a mapping at column ``indent``."""
        key = _key(rest[0], siblings)
        if len(rest) == 1:
            return f"{key}: {render_scalar(self.change.value, _quote(siblings))}"
        if siblings.flow or self.nested_flow(siblings):
            return f"{key}: {self.flow_mapping(siblings, rest[1:])}"
        inner = indent + self.step(siblings)
        nested = self.item(siblings, rest[1:], inner)
        return f"{key}:{self.eol}{' ' * inner}{nested}"

    def flow_mapping(self, siblings: Mapping, rest: tuple[str, ...]) -> str:
        pad = " " if any(
            self.text[m.start + 1] == " " for m in _mapping_values(siblings) if m.flow
        ) else ""
        return "{" + pad + self.item(siblings, rest, 0) + pad + "}"

    def nested_flow(self, mapping: Mapping) -> bool:
        """New nested mappings are flow when every sibling mapping is."""
        if mapping.flow:
            return True
        nested = list(_mapping_values(mapping))
        return bool(nested) and all(m.flow for m in nested)

    def step(self, mapping: Mapping) -> int:
        """How far the siblings' nested block mappings are indented."""
        for key, value in mapping.items:
            if isinstance(value, Mapping) and not value.flow and value.items:
                inner = _column(self.text, value.items[0][0].start)
                return max(inner - _column(self.text, key.start), 1)
        return DEFAULT_STEP


def _has_id(mapping: Mapping, identifier: str) -> bool:
    item = mapping.find("id")
    return item is not None and isinstance(item[1], Scalar) and (
        item[1].value == identifier
    )


def _mapping_values(mapping: Mapping) -> list[Mapping]:
    return [value for _, value in mapping.items if isinstance(value, Mapping)]


def _key(name: str, siblings: Mapping) -> str:
    """``name`` quoted the way every sibling key is, else plain.

    The keys nhiown adds are plain words, so quoting needs no escapes.
    """
    styles = {key.style for key, _ in siblings.items if isinstance(key, Scalar)}
    style = styles.pop() if len(styles) == 1 else None
    return f"{style}{name}{style}" if style in ("'", '"') else name


def _quote(mapping: Mapping) -> str | None:
    """The siblings' quoting when they all agree on one, else plain."""
    styles = {
        value.style
        for _, value in mapping.items
        if isinstance(value, Scalar) and not value.is_null
    }
    return styles.pop() if len(styles) == 1 and styles <= {"'", '"'} else None


def _position(mapping: Mapping, key: str, order: list[str]) -> tuple[int, bool]:
    """Which item the new key goes next to, and whether after (or before) it."""
    rank = order.index(key) if key in order else len(order)
    ranks = [
        order.index(k.value) if isinstance(k, Scalar) and k.value in order else None
        for k, _ in mapping.items
    ]
    before = [i for i, r in enumerate(ranks) if r is not None and r < rank]
    if before:
        return before[-1], True
    later = [i for i, r in enumerate(ranks) if r is not None and r > rank]
    if later:
        return later[0], False
    return len(mapping.items) - 1, True
