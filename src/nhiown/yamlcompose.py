"""The exact YAML path: ruamel.yaml's event stream composed into YMap/YSeq.

The composer is nhiown's own so that it can keep every position, refuse what
an inventory must never contain (tags that construct objects, duplicate keys,
several documents) and stop an alias bomb before it grows, instead of
trusting a constructor to do so. ``nhiown.yamlload`` imports this module only
when the fast subset loader gives a file up, so a run on a plain inventory
never pays for importing ruamel.yaml.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml import events as ev
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.reader import ReaderError

from nhiown.errors import YamlError
from nhiown.yamlcore import (
    MAX_DEPTH,
    MERGE_KEY,
    apply_merges,
    expansion_budget,
    resolve_plain,
)
from nhiown.yamltree import YMap, YSeq

_STR_TAGS = {"tag:yaml.org,2002:str", "!"}
_CONTAINER_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


def load(text: str, filename: str) -> Any:
    """One YAML document of ``text``, composed from ruamel.yaml's events."""
    composer = _Composer(filename, expansion_budget(text))
    try:
        return composer.compose(_events(text))
    except MarkedYAMLError as exc:
        raise _syntax_error(exc, text, filename) from None
    except ReaderError as exc:
        line, column = _position(text, exc.position)
        raise YamlError(
            f"character {exc.character!r} is not allowed in YAML",
            file=filename,
            line=line,
            column=column,
        ) from None
    except YAMLError as exc:
        raise YamlError(f"YAML error: {exc}", file=filename) from None


def _events(text: str) -> Iterator[Any]:
    yaml = YAML(typ="safe", pure=True)
    return yaml.parse(text)


def _position(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _syntax_error(exc: MarkedYAMLError, text: str, filename: str) -> YamlError:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else None
    column = mark.column + 1 if mark else None
    if mark is not None and 0 <= mark.index < len(text) and text[mark.index] == "\t":
        line_start = text.rfind("\n", 0, mark.index) + 1
        indenting = not text[line_start:mark.index].strip(" ")
        where = "for indentation" if indenting else "between or inside values"
        return YamlError(
            f"tab character used {where}; inventories use spaces only",
            file=filename,
            line=line,
            column=column,
            hint="replace the tab with spaces",
        )
    problem = " ".join(str(exc.problem or exc.context or "syntax error").split())
    return YamlError(
        f"YAML syntax error: {problem}", file=filename, line=line, column=column
    )


def _mark(event: Any) -> tuple[int, int]:
    return (event.start_mark.line + 1, event.start_mark.column + 1)


def _end_line(event: Any) -> int:
    end = event.end_mark
    # A block scalar ends at the start of the next line; count the line before.
    return end.line if end.column == 0 and end.line > 0 else end.line + 1


class _Composer:
    """Builds data from ruamel events, one document, with positions."""

    def __init__(self, filename: str, budget: int) -> None:
        self.filename = filename
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.expanded = 0
        self.budget = budget

    def error(self, message: str, event: Any, hint: str | None = None) -> YamlError:
        line, column = _mark(event)
        return YamlError(
            message, file=self.filename, line=line, column=column, hint=hint
        )

    def compose(self, events: Iterator[Any]) -> Any:
        self.events = events
        next(self.events)  # StreamStart
        event = next(self.events)
        if isinstance(event, ev.StreamEndEvent):
            return None
        root, _ = self.node(next(self.events), depth=0)
        next(self.events)  # DocumentEnd
        event = next(self.events)
        if not isinstance(event, ev.StreamEndEvent):
            raise self.error(
                "a second YAML document starts here; an inventory file holds one",
                event,
                hint="split the documents into separate files",
            )
        return root

    def node(self, event: Any, depth: int) -> tuple[Any, int]:
        """Compose the node that starts with ``event``; return it and its size."""
        if depth > MAX_DEPTH:
            raise self.error(f"nesting deeper than {MAX_DEPTH} levels", event)
        if isinstance(event, ev.AliasEvent):
            return self.alias(event)
        self.check_tag(event)
        if isinstance(event, ev.ScalarEvent):
            value, size = self.scalar(event), 1
        elif isinstance(event, ev.MappingStartEvent):
            value, size = self.mapping(event, depth)
        elif isinstance(event, ev.SequenceStartEvent):
            value, size = self.sequence(event, depth)
        else:  # pragma: no cover - the parser never yields another node event
            raise self.error(f"unexpected YAML event {type(event).__name__}", event)
        if event.anchor is not None:
            self.anchors[event.anchor] = (value, size)
        return value, size

    def alias(self, event: Any) -> tuple[Any, int]:
        if event.anchor not in self.anchors:
            raise self.error(f"alias *{event.anchor} names no anchor before it", event)
        value, size = self.anchors[event.anchor]
        self.expanded += size
        if self.expanded > self.budget:
            raise self.error(
                "aliases expand to too many nodes (an alias bomb?)",
                event,
                hint="inventories should reuse only small anchors",
            )
        return value, size

    def check_tag(self, event: Any) -> None:
        tag = event.tag
        if tag is None or tag in _STR_TAGS or tag in _CONTAINER_TAGS:
            return
        shown = tag.replace("tag:yaml.org,2002:", "!!")
        raise self.error(
            f"tag {shown} is not allowed; an inventory holds plain data only",
            event,
            hint="remove the tag",
        )

    def scalar(self, event: Any) -> Any:
        if event.style is None and event.tag is None:
            return resolve_plain(event.value)
        return event.value

    def mapping(self, start: Any, depth: int) -> tuple[YMap, int]:
        result = YMap(_mark(start))
        merges: list[YMap] = []
        merge_at: int | None = None
        size = 1
        while True:
            key_event = next(self.events)
            if isinstance(key_event, ev.MappingEndEvent):
                break
            key, key_size = self.node(key_event, depth + 1)
            value_event = next(self.events)
            value, value_size = self.node(value_event, depth + 1)
            size += key_size + value_size
            if self.is_merge(key_event, key):
                if merge_at is not None:
                    raise self.error(
                        f"duplicate key '<<' (first defined on line {merge_at})",
                        key_event,
                        hint="merge several anchors with one key: <<: [*a, *b]",
                    )
                merge_at = _mark(key_event)[0]
                merges.extend(self.merge_sources(value, value_event))
                continue
            if isinstance(key, (dict, list)):
                raise self.error("a mapping or list cannot be used as a key", key_event)
            if key in result:
                first = result.marks[key][0]
                raise self.error(
                    f"duplicate key {key!r} (first defined on line {first})",
                    key_event,
                    hint="keep one of the two",
                )
            result[key] = value
            result.marks[key] = (*_mark(key_event), *_mark(value_event))
        result.end_line = _end_line(key_event)
        if merges:
            apply_merges(result, merges)
        return result, size

    @staticmethod
    def is_merge(key_event: Any, key: Any) -> bool:
        return (
            key == MERGE_KEY
            and isinstance(key_event, ev.ScalarEvent)
            and key_event.style is None
        )

    def merge_sources(self, value: Any, event: Any) -> list[YMap]:
        sources = value if isinstance(value, YSeq) else [value]
        if not all(isinstance(source, YMap) for source in sources):
            raise self.error(
                "a merge key (<<) takes a mapping or a list of mappings", event
            )
        return list(sources)

    def sequence(self, start: Any, depth: int) -> tuple[YSeq, int]:
        result = YSeq(_mark(start))
        size = 1
        while True:
            event = next(self.events)
            if isinstance(event, ev.SequenceEndEvent):
                break
            value, value_size = self.node(event, depth + 1)
            size += value_size
            result.append(value)
            result.marks.append(_mark(event))
        result.end_line = _end_line(event)
        return result, size
