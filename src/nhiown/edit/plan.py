"""An edit worked out in full before anything is written: old and new bytes,
what changed, and the diff a reviewer will see."""

from __future__ import annotations

import codecs
import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nhiown.edit.atomicfile import ChangedOnDisk
from nhiown.edit.change import Change
from nhiown.edit.splice import apply_change
from nhiown.errors import NhiownError
from nhiown.inventory import Record
from nhiown.secretscan import printable, redact_lines
from nhiown.yamlload import load_yaml
from nhiown.yamltree import lookup

_LINES = re.compile(r"[^\n]*\n|[^\n]+\Z")


@dataclass(frozen=True)
class Applied:
    """One value as it was (None when absent) and as it is now."""

    path: tuple[str, ...]
    old: Any
    new: str


@dataclass(frozen=True)
class Plan:
    """The whole edit of one file, not yet written."""

    path: Path
    name: str
    identity: str
    original: bytes
    text: str
    new_text: str
    applied: tuple[Applied, ...]

    @property
    def updated(self) -> bytes:
        """The new file content: same BOM (if any), same line ends."""
        bom = codecs.BOM_UTF8 if self.original.startswith(codecs.BOM_UTF8) else b""
        return bom + self.new_text.encode("utf-8")

    @property
    def changed(self) -> bool:
        return self.new_text != self.text

    def diff(self) -> str:
        """The unified diff of the edit, as ``git diff`` would show it.

        Secrets are masked, as in every other output: a dry run's diff is
        pasted into tickets and CI logs.
        """
        lines = difflib.unified_diff(
            _LINES.findall(redact_lines(self.text)),
            _LINES.findall(redact_lines(self.new_text)),
            f"a/{self.name}", f"b/{self.name}",
        )
        return "".join(
            line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
            for line in lines
        )

    def summary(self) -> str:
        """One line: which values of which identity changed, from what to what."""
        parts = [
            f"{'.'.join(a.path)} {_shown(a.old)} -> {_shown(a.new)}"
            for a in self.applied
        ]
        return f"{self.name}: {self.identity}: " + ", ".join(parts)


def _shown(value: Any) -> str:
    """A value for the summary line, masked like every value nhiown prints."""
    return "(none)" if value is None else printable(str(value))


def plan_edit(record: Record, changes: list[Change]) -> Plan:
    """The edit that makes ``changes`` to the identity of ``record``.

    The file is read again here, as bytes, and must still be what the
    inventory was loaded from. Values already as asked are left alone.
    """
    source = record.source
    identifier = record.id or ""
    try:
        original = source.path.read_bytes()
    except OSError as exc:
        message = f"cannot read file: {exc.strerror}"
        raise NhiownError(message, file=source.name) from None
    text = original.decode("utf-8", errors="replace").removeprefix("\ufeff")
    if text != source.text:
        raise ChangedOnDisk(source.name)
    new_text = text
    applied = []
    for change in changes:
        old = lookup(record.raw, change.path)
        if old == change.value:
            continue
        try:
            new_text = apply_change(
                new_text, source.name, record.index, identifier, change
            )
        except NhiownError:
            if new_text != text:
                # The text has moved under the earlier changes: made on the
                # file as read, the change fails at the line the user sees.
                apply_change(text, source.name, record.index, identifier, change)
            raise
        applied.append(Applied(change.path, old, change.value))
    _verify(text, new_text, record.index, changes, source.name)
    return Plan(
        source.path, source.name, identifier, original, text, new_text, tuple(applied)
    )


def _verify(
    text: str, new_text: str, index: int, changes: list[Change], name: str
) -> None:
    """The new text must parse to the old data plus the changes, nothing else.

    A guard against any corner of YAML the splicer misjudges: the file is
    left alone rather than changed in a way nobody asked for.
    """
    expected = _plain(load_yaml(text, name))
    for change in changes:
        node = expected["identities"][index]
        for part in change.path[:-1]:
            if not isinstance(node.get(part), dict):
                node[part] = {}
            node = node[part]
        node[change.path[-1]] = change.value
    try:
        result = _plain(load_yaml(new_text, name))
    except NhiownError:
        result = None
    if result != expected:
        raise NhiownError(
            "the edit would change more than the values asked for; nothing written",
            file=name,
            hint="edit this identity by hand, and please report the file's layout",
        )


def _plain(value: Any) -> Any:
    """A deep copy as plain dicts and lists (merged keys and aliases resolved)."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value
