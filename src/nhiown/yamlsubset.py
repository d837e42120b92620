"""A fast loader for the plain subset of YAML that inventories are written in.

ruamel.yaml's pure-Python scanner spends most of a large inventory's check
time on per-character work. This loader reads line by line with regular
expressions instead, and builds the same ``YMap``/``YSeq`` with the same marks
as ``yamlload``'s composer. It takes on block mappings and sequences with
plain keys, plain and single-line quoted scalars, one-line flow collections,
comments, anchors, aliases and merge keys. For anything else, and for every
error (duplicate keys, tabs, tags, a second document, an alias bomb), it
raises ``Unsupported`` and the ruamel.yaml path decides, with its exact
message and position: semantics never depend on which path ran.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from nhiown.yamlcore import (
    MAX_DEPTH,
    MERGE_KEY,
    NOT_TEXT,
    NUMBER_START,
    apply_merges,
    resolve_plain,
)
from nhiown.yamltree import YMap, YSeq

# Plain scalars that may not be text (dates, numbers, booleans) repeat all over
# an inventory and across its files; resolving one is pure, so one memo serves
# every file of a run.
_resolve_plain = functools.lru_cache(maxsize=1 << 14)(resolve_plain)


class Unsupported(Exception):
    """The text leaves the subset this loader proves it reads like ruamel.yaml."""


# Anything but printable characters and '\n' (tabs, lone '\r', NEL, the
# Unicode line separators, surrogates, a BOM inside the text) goes to
# ruamel.yaml. Written as the characters refused, not as the negation of those
# allowed: the negated class over all of Unicode takes 6 ms to compile, which
# every run would pay at start-up.
_OUTSIDE = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]"
)
# A line with content: its indentation, then text that is not a comment.
_CONTENT = re.compile(r"^( *)([^ \n#][^\n]*)", re.MULTILINE)
_KEY_TEXT = r"(<<|[A-Za-z0-9_][A-Za-z0-9_.\-/@+]*)"
_KEY = re.compile(rf"{_KEY_TEXT}:(?: +|$)")
_TAIL = r"(?: +#.*| *)\Z"
# Block plain scalar: words separated by spaces; ':' only when a non-space
# follows; a later word may not start with '#' (that starts a comment). Each
# pattern has one way to match, so a long line cannot make it backtrack.
_FIRST_WORD = r"[^ :]+(?::+[^ :]+)*"
_LATER_WORD = r"[^ :#][^ :]*(?::+[^ :]+)*"
_PLAIN = re.compile(rf"({_FIRST_WORD}(?: +{_LATER_WORD})*){_TAIL}")
_PLAIN_BAD_START = frozenset("?:,[]{}#&*!|>'\"%@`")
# A mapping entry; group 2 is its value when that is a one-line plain scalar.
_PLAIN_START = r"(?:[^ ?:,\[\]{}#&*!|>'\"%@`-]|-(?=[^ ]))"
_ENTRY = re.compile(
    rf"{_KEY_TEXT}:(?:\Z| +(?:({_PLAIN_START}[^ :]*(?::+[^ :]+)*"
    rf"(?: +{_LATER_WORD})*){_TAIL})?)"
)
_SINGLE = re.compile(rf"'((?:[^']|'')*)'{_TAIL}")
_DOUBLE = re.compile(rf'"([^"\\]*)"{_TAIL}')
_NAME = r"[A-Za-z0-9_-]+"
_ANCHOR = re.compile(rf"&({_NAME})(?: +|\Z)")
_ALIAS = re.compile(rf"\*({_NAME}){_TAIL}")
_END = re.compile(_TAIL)
_DOCUMENT_MARKERS = re.compile(r"^(?:---|\.\.\.|%)", re.MULTILINE)

# Flow context: no ',[]{}' in plain scalars either.
_C = r"[^ :,\[\]{}]"
_FPLAIN = re.compile(rf"{_C}+(?::+{_C}+)*(?: +[^ :#,\[\]{{}}]{_C}*(?::+{_C}+)*)*")
_FSINGLE = re.compile(r"'((?:[^']|'')*)'")
_FDOUBLE = re.compile(r'"([^"\\]*)"')
_FALIAS = re.compile(rf"\*({_NAME})(?=[ ,\]}}]|\Z)")
_FSEP = re.compile(r" *([,\]}])")
_FSTART = r"[^ :#,\[\]{}\-?!&*|>'\"%@`]"
_FTEXT = rf"{_FSTART}{_C}*(?::+{_C}+)*(?: +[^ :#,\[\]{{}}]{_C}*(?::+{_C}+)*)*"
# A flow mapping pair up to its value; group 2 is the value when plain, and
# group 3 the separator after it.
_FENTRY = re.compile(rf"({_FTEXT}): +(?:({_FTEXT}) *([,}}]))?")
_FLOW_BAD_START = frozenset("-?:,[]{}#&*!|>'\"%@`")

_MAX_ENTRIES = 1 << 16

# A simple key longer than this is an error to ruamel.yaml.
_MAX_KEY_SPAN = 1000

Line = tuple[int, int, str]
"""A content line: 1-based number, indentation, text after the indentation."""


def load_subset(text: str, budget: int) -> Any:
    """The data of ``text``, exactly as the ruamel.yaml path builds it.

    ``budget`` is how many nodes aliases may expand to. Raises ``Unsupported``
    for anything outside the subset or in error.
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    if _OUTSIDE.search(text) or _DOCUMENT_MARKERS.search(text):
        raise Unsupported
    return _Loader(text, budget).document()


_ENTRIES: dict[str, tuple[str, str | None, int, int]] = {}
"""Mapping lines already read, by their text after the indentation: most lines
of an inventory (``kind: bot``, ``environment: production``, dates, a file
header repeated in every file) come back many times."""


def _entry(text: str) -> tuple[str, str | None, int, int]:
    """``key: value`` read apart: the key, the plain value if one-line plain,
    where that value starts, and where the rest after ``key:`` starts."""
    match = _ENTRY.match(text)
    if match is None or match.end(1) > _MAX_KEY_SPAN:
        raise Unsupported
    raw_key, plain = match.group(1, 2)
    entry = (raw_key, plain, match.start(2), match.end())
    if len(_ENTRIES) < _MAX_ENTRIES:
        _ENTRIES[text] = entry
    return entry


def _content_lines(text: str) -> list[Line]:
    lines = []
    number = 1
    last = 0
    count = text.count
    for match in _CONTENT.finditer(text):
        start = match.start()
        number += count("\n", last, start)
        last = start
        indent, rest = match.groups()
        lines.append((number, len(indent), rest))
    return lines


class _Loader:
    """One document: content lines in, YMap/YSeq out, with ruamel's marks."""

    def __init__(self, text: str, budget: int) -> None:
        self.lines = _content_lines(text)
        self.count = len(self.lines)
        breaks = text.count("\n")
        tail = len(text) - (text.rfind("\n") + 1)
        # Where the stream ends, as ruamel.yaml's end-of-stream token marks it.
        self.eof = (breaks + 1, tail + 1)
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.nodes = 0
        self.expanded = 0
        self.budget = budget

    def scalar(self, raw: str) -> Any:
        """``resolve_plain(raw)``, remembered for the scalars that are not text."""
        if raw[0] not in NUMBER_START and raw not in NOT_TEXT:
            return raw
        return _resolve_plain(raw)

    def document(self) -> Any:
        if not self.lines:
            return None
        _, indent, rest = self.lines[0]
        root: YMap | YSeq
        if _is_entry(rest):
            root, index = self.sequence(0, indent, 1)
        elif _KEY.match(rest):
            root, index = self.mapping(0, indent, 1, None)
        else:
            raise Unsupported
        if index != self.count:
            raise Unsupported
        return root

    def next_mark(self, index: int) -> tuple[int, int]:
        """The 1-based mark of the token that follows the content before ``index``."""
        if index < self.count:
            number, indent, _ = self.lines[index]
            return (number, indent + 1)
        return self.eof

    def end_line(self, index: int) -> int:
        # A block ends at the next token; ruamel's composer counts a token at
        # column 1 as the end of the line before.
        line, column = self.next_mark(index)
        return line - 1 if column == 1 else line

    def mapping(
        self, index: int, indent: int, depth: int, first: Line | None,
        mark: tuple[int, int] | None = None,
    ) -> tuple[YMap, int]:
        """A block mapping whose keys sit at column ``indent``; ``first`` is its
        first entry when it starts on a sequence item's line."""
        if depth > MAX_DEPTH - 1:
            raise Unsupported
        line = first or self.lines[index]
        result = YMap(mark or (line[0], indent + 1))
        marks = result.marks
        self.nodes += 1
        merges: list[YMap] = []
        merged = False
        lines, count, scalar = self.lines, self.count, self.scalar
        entries = _ENTRIES
        while True:
            number, _, text = line
            entry = entries.get(text)
            if entry is None:
                entry = _entry(text)
            raw_key, plain, value_start, rest_start = entry
            if raw_key == MERGE_KEY and (plain is not None or merged):
                # A scalar to merge, or a second merge key: both are errors,
                # and the exact path says which.
                raise Unsupported
            key = scalar(raw_key)
            index += 1
            if plain is not None and raw_key != MERGE_KEY:
                # The common line, `key: plain words`, without the general path.
                if index < count and lines[index][1] > indent:
                    raise Unsupported  # a continued scalar, or an error
                self.nodes += 2
                if key in result:
                    raise Unsupported
                result[key] = scalar(plain)
                marks[key] = (number, indent + 1, number, indent + value_start + 1)
            else:
                self.nodes += 1
                rest = text[rest_start:]
                value, value_mark, index = self.value(
                    rest, number, indent + rest_start + 1, indent, index, depth, True
                )
                if raw_key == MERGE_KEY:
                    merged = True
                    merges.extend(_merge_sources(value))
                else:
                    if key in result:
                        raise Unsupported
                    result[key] = value
                    marks[key] = (number, indent + 1, *value_mark)
            if index == count:
                break
            line = lines[index]
            if line[1] != indent:
                if line[1] > indent:
                    raise Unsupported
                break
        result.end_line = self.end_line(index)
        if merges:
            apply_merges(result, merges)
        return result, index

    def sequence(
        self, index: int, indent: int, depth: int, mark: tuple[int, int] | None = None
    ) -> tuple[YSeq, int]:
        """A block sequence whose dashes sit at column ``indent``."""
        if depth > MAX_DEPTH - 1:
            raise Unsupported
        lines = self.lines
        result = YSeq(mark or (lines[index][0], indent + 1))
        self.nodes += 1
        while index < self.count:
            number, line_indent, text = lines[index]
            if line_indent != indent or not _is_entry(text):
                if line_indent > indent:
                    raise Unsupported
                break
            after = text[1:]
            rest = after.lstrip(" ")
            column = indent + 1 + (len(after) - len(rest))
            index += 1
            key = _KEY.match(rest)
            if key is not None:
                value, index = self.mapping(
                    index - 1, column, depth + 1, (number, column, rest)
                )
                value_mark: tuple[int, int] = value.mark
            elif not rest or rest[0] == "#":
                value, value_mark, index = self.block(index, indent, depth, False, None)
                if value is None:
                    value_mark = (number, indent + 2)  # just after the dash
            elif rest[0] == "-" and _is_entry(rest):
                raise Unsupported
            else:
                value, value_mark, index = self.value(
                    rest, number, column + 1, indent, index, depth, False
                )
            result.append(value)
            result.marks.append(value_mark)
        result.end_line = self.end_line(index)
        return result, index

    def value(
        self, rest: str, number: int, column: int, indent: int, index: int,
        depth: int, in_mapping: bool,
    ) -> tuple[Any, tuple[int, int], int]:
        """The value written after a key or dash at 1-based ``column``.

        ``indent`` is the column of that key or dash; ``index`` is the next
        content line. Returns the value, its mark and the next line's index.
        """
        mark = (number, column)
        anchor = None
        before = self.nodes
        if rest[:1] == "&":
            found = _ANCHOR.match(rest)
            if found is None:
                raise Unsupported
            anchor = found.group(1)
            rest = rest[found.end():]
            column += found.end()
        if not rest or rest[0] == "#":
            value, child_mark, index = self.block(
                index, indent, depth, in_mapping, mark if anchor else None
            )
            if anchor is None:
                mark = child_mark
        else:
            if anchor is not None and (rest[0] == "*" or _KEY.match(rest)):
                raise Unsupported
            value = self.inline(rest, number, column, depth)
            if anchor is not None and rest[0] in "[{":
                value.mark = mark  # a node starts at its anchor
            if index < self.count and self.lines[index][1] > indent:
                raise Unsupported  # a continued scalar, or an error
        if anchor is not None:
            self.anchors[anchor] = (value, self.nodes - before)
        return value, mark, index

    def block(
        self, index: int, indent: int, depth: int, in_mapping: bool,
        mark: tuple[int, int] | None,
    ) -> tuple[Any, tuple[int, int], int]:
        """The node on the lines below a key or dash that has nothing after it."""
        if index < self.count:
            number, line_indent, text = self.lines[index]
            nested = line_indent > indent
            if nested or (in_mapping and line_indent == indent and _is_entry(text)):
                node_mark = mark or (number, line_indent + 1)
                value: YMap | YSeq
                if _is_entry(text):
                    value, index = self.sequence(
                        index, line_indent, depth + 1, node_mark
                    )
                else:
                    value, index = self.mapping(
                        index, line_indent, depth + 1, None, node_mark
                    )
                return value, node_mark, index
        self.nodes += 1
        return None, self.next_mark(index), index

    def inline(self, rest: str, number: int, column: int, depth: int) -> Any:
        """A value that ends on its own line: scalar, alias or flow collection."""
        first = rest[0]
        if first == "'":
            found = _SINGLE.match(rest)
            if found is None:
                raise Unsupported
            self.nodes += 1
            return found.group(1).replace("''", "'")
        if first == '"':
            found = _DOUBLE.match(rest)
            if found is None:
                raise Unsupported
            self.nodes += 1
            return found.group(1)
        if first == "*":
            found = _ALIAS.match(rest)
            if found is None:
                raise Unsupported
            return self.alias(found.group(1))
        if first in "[{":
            value, end = _Flow(self, rest, number, column).node(0, depth + 1)
            if _END.match(rest, end) is None:
                raise Unsupported
            return value
        if first in _PLAIN_BAD_START or (first == "-" and _is_entry(rest)):
            raise Unsupported
        found = _PLAIN.match(rest)
        if found is None:
            raise Unsupported
        self.nodes += 1
        return self.scalar(found.group(1))

    def alias(self, name: str) -> Any:
        if name not in self.anchors:
            raise Unsupported
        value, size = self.anchors[name]
        self.nodes += size
        self.expanded += size
        if self.expanded > self.budget:
            raise Unsupported
        return value


class _Flow:
    """A flow collection (``{a: 1}``, ``[x, y]``) that closes on its line."""

    def __init__(self, loader: _Loader, text: str, number: int, column: int) -> None:
        self.loader = loader
        self.text = text
        self.number = number
        # 1-based column of text[0]; offsets add to it.
        self.base = column

    def node(self, at: int, depth: int) -> tuple[Any, int]:
        if depth > MAX_DEPTH - 1:
            raise Unsupported
        opening = self.text[at]
        mark = (self.number, self.base + at)
        self.loader.nodes += 1
        if opening == "{":
            return self.mapping(at + 1, mark, depth)
        return self.sequence(at + 1, mark, depth)

    def separator(self, at: int) -> tuple[str | None, int]:
        """The ',', ']' or '}' after an item, and where the next item starts."""
        found = _FSEP.match(self.text, at)
        if found is None:
            return None, at
        sep = found.group(1)
        return sep, _skip(self.text, found.end()) if sep == "," else found.end()

    def mapping(self, at: int, mark: tuple[int, int], depth: int) -> tuple[YMap, int]:
        result = YMap(mark)
        merges: list[YMap] = []
        merged = False
        at = _skip(self.text, at)
        if self.text[at : at + 1] == "}":
            result.end_line = self.number
            return result, at + 1
        text, scalar, marks = self.text, self.loader.scalar, result.marks
        number, base = self.number, self.base
        while True:
            start = at
            found = _FENTRY.match(text, at)
            if found is None or found.end(1) - start > _MAX_KEY_SPAN:
                raise Unsupported
            raw, plain, sep = found.group(1, 2, 3)
            if raw == MERGE_KEY and (plain is not None or merged):
                raise Unsupported  # as in a block mapping: the exact path says why
            if plain is not None and raw != MERGE_KEY:
                # The common pair, `key: plain words`, in one match.
                self.loader.nodes += 2
                key = scalar(raw)
                if key in result:
                    raise Unsupported
                result[key] = scalar(plain)
                marks[key] = (number, base + start, number, base + found.start(2))
                if sep == "}":
                    at = found.end()
                    break
                at = _skip(text, found.end())
                continue
            self.loader.nodes += 1
            at = value_at = found.end()
            value, at = self.item(at, depth)
            if raw == MERGE_KEY:
                merged = True
                merges.extend(_merge_sources(value))
            else:
                key = self.loader.scalar(raw)
                if key in result:
                    raise Unsupported
                result[key] = value
                result.marks[key] = (
                    self.number, self.base + start, self.number, self.base + value_at
                )
            sep, at = self.separator(at)
            if sep == "}":
                break
            if sep != ",":
                raise Unsupported
        result.end_line = self.number
        if merges:
            apply_merges(result, merges)
        return result, at

    def sequence(self, at: int, mark: tuple[int, int], depth: int) -> tuple[YSeq, int]:
        result = YSeq(mark)
        at = _skip(self.text, at)
        if self.text[at : at + 1] == "]":
            result.end_line = self.number
            return result, at + 1
        while True:
            start = at
            value, at = self.item(at, depth)
            result.append(value)
            result.marks.append((self.number, self.base + start))
            sep, at = self.separator(at)
            if sep == "]":
                break
            if sep != ",":
                raise Unsupported
        result.end_line = self.number
        return result, at

    def item(self, at: int, depth: int) -> tuple[Any, int]:
        """One value inside the collection, and where the text after it starts."""
        text = self.text
        first = text[at : at + 1]
        if first in ("{", "["):
            return self.node(at, depth + 1)
        if first == "'":
            found = _FSINGLE.match(text, at)
            value: Any = found.group(1).replace("''", "'") if found else None
        elif first == '"':
            found = _FDOUBLE.match(text, at)
            value = found.group(1) if found else None
        elif first == "*":
            found = _FALIAS.match(text, at)
            if found is None:
                raise Unsupported
            return self.loader.alias(found.group(1)), found.end()
        elif not first or first in _FLOW_BAD_START:
            raise Unsupported
        else:
            found = _FPLAIN.match(text, at)
            value = self.loader.scalar(found.group()) if found else None
        if found is None:
            raise Unsupported
        self.loader.nodes += 1
        return value, found.end()


def _skip(text: str, at: int) -> int:
    while text[at : at + 1] == " ":
        at += 1
    return at


def _is_entry(text: str) -> bool:
    """Whether a line's text starts a sequence entry (``-`` then space or end)."""
    return text[0] == "-" and (len(text) == 1 or text[1] == " ")


def _merge_sources(value: Any) -> list[YMap]:
    sources = value if isinstance(value, YSeq) else [value]
    if not all(isinstance(source, YMap) for source in sources):
        raise Unsupported
    return list(sources)
