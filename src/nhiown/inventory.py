"""The inventory: identities from every file, with policy, people and the
schema problems found on the way (SCH001)."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from nhiown.config import Located, Settings, build_settings, place
from nhiown.errors import NhiownError, UsageError
from nhiown.model import ID_PATTERN, REQUIRED_IDENTITY_KEYS, Identity
from nhiown.sources import (
    SourceFile,
    discover,
    find_config,
    read_source,
    why_not_a_file,
)
from nhiown.validation import Problem, key_name, shown, validate
from nhiown.yamltree import YMap, YSeq, written_key

TOP_LEVEL_KEYS = ("version", "identities", "policy", "people")
_ID = re.compile(ID_PATTERN)


@dataclass
class Record:
    """One identity entry as written, with its model when it validates."""

    source: SourceFile
    index: int
    raw: YMap
    identity: Identity | None
    problems: list[Problem]

    @property
    def id(self) -> str | None:
        value = self.raw.get("id")
        return value if isinstance(value, str) else None

    @property
    def file(self) -> str:
        return self.source.name


@dataclass
class Inventory:
    """Everything loaded: files, identity records, policy and people."""

    sources: list[SourceFile]
    records: list[Record]
    settings: Settings
    config_file: str | None = None
    file_problems: list[Located] = field(default_factory=list)


def load_inventory(paths: list[Path], config: Path | None = None) -> Inventory:
    """Load every file under ``paths`` and the config; NhiownError on bad input."""
    sources = [read_source(path) for path in discover(paths)]
    if config is not None and not config.is_file():
        if config.is_dir():
            why = "is a directory"
        elif config.exists() or config.is_symlink():
            why = why_not_a_file(config)  # a device, a FIFO, a broken link
        else:
            why = "config file not found"
        raise NhiownError(f"{config}: {why}")
    config_path = config if config is not None else find_config(Path.cwd())
    config_source = read_source(config_path) if config_path is not None else None
    return build_inventory(sources, config_source)


def build_inventory(
    sources: list[SourceFile], config_source: SourceFile | None
) -> Inventory:
    """An inventory from files already read and parsed (from disk or from git).

    ``sources`` must be in the order findings should list them (sorted names).
    """
    for source in sources:
        if source.data is None:
            raise NhiownError(
                "empty file: an inventory file holds an `identities:` list",
                file=source.name, line=1, column=1,
                hint="add `identities: []`, or remove the file",
            )
    single = sources[0] if len(sources) == 1 else None
    settings = build_settings(config_source, single)
    records: list[Record] = []
    file_problems: list[Located] = list(settings.problems)
    for source in sources:
        file_problems += _check_top_level(source, single is not None)
        file_records, item_problems = _records(source)
        records += file_records
        file_problems += item_problems
    return Inventory(
        sources, records, settings,
        config_source.name if config_source else None, file_problems,
    )


def _check_top_level(source: SourceFile, single: bool) -> list[Located]:
    data = source.data
    if not isinstance(data, YMap):
        message = "an inventory file is a mapping with an `identities:` list"
        return [Located(source.name, 1, 1, message)]
    problems: list[Problem] = []
    for key in data:
        if str(key).startswith("x-"):
            continue
        if key not in TOP_LEVEL_KEYS:
            close = difflib.get_close_matches(str(key), TOP_LEVEL_KEYS, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            name = key_name(key, written_key(source.text, data, (key,)))
            message = f"unknown top-level key {name}{hint}"
            problems.append(Problem((key,), message, on_key=True))
        elif key in ("policy", "people") and not single:
            message = (
                f"{key}: belongs in .nhiown.yaml when the inventory has several files"
            )
            problems.append(Problem((key,), message, True))
    version = data.get("version", 1)
    if type(version) is not int or version != 1:  # not true, not 1.0
        problems.append(
            Problem(("version",), f"version: expected 1, got {shown(version)}")
        )
    identities = data.get("identities")
    if "identities" not in data:
        return [Located(source.name, 1, 1, "no `identities:` list in this file")] + [
            place(source, data, p) for p in problems
        ]
    if identities is not None and not isinstance(identities, YSeq):
        problems.append(Problem(("identities",), "identities: expected a list"))
    return [place(source, data, p) for p in problems]


def _records(source: SourceFile) -> tuple[list[Record], list[Located]]:
    data = source.data
    if not isinstance(data, YMap) or not isinstance(data.get("identities"), YSeq):
        return [], []
    records = []
    problems = []
    for index, raw in enumerate(data["identities"]):
        if isinstance(raw, YMap):
            records.append(_record(source, index, raw))
            continue
        message = "an identity is a mapping of keys to values, not a single value"
        problems.append(place(source, data, Problem(("identities", index), message)))
    return records, problems


def _record(source: SourceFile, index: int, raw: YMap) -> Record:
    identity, problems = validate(
        Identity, raw, spelling=partial(written_key, source.text, raw)
    )
    # A missing or empty id is said once, below, not also as a type error.
    problems = [p for p in problems if p.path != ("id",) or raw.get("id") is not None]
    for key in REQUIRED_IDENTITY_KEYS:
        if key not in raw or raw[key] is None:
            problems.append(Problem((key,), f"missing required key {key!r}"))
    identifier = raw.get("id")
    if isinstance(identifier, str) and not _ID.match(identifier):
        problems.append(Problem(
            ("id",),
            f"id {identifier!r} must be lower case letters, digits, '.', '_' or '-'"
            " and start with a letter or digit",
        ))
    return Record(source, index, raw, identity, problems)


def find_record(inventory: Inventory, identifier: str) -> Record:
    """The one record with this id; UsageError when unknown or ambiguous.

    An unknown id suggests close ones, so a typo costs one more try, not a
    search through the files.
    """
    matches = [record for record in inventory.records if record.id == identifier]
    if len(matches) == 1:
        return matches[0]
    if matches:
        places = ", ".join(
            f"{r.file}:{r.raw.key_mark('id')[0]}" for r in matches if "id" in r.raw
        )
        raise UsageError(
            f"identity {identifier!r} is defined more than once ({places})",
            hint="fix the duplicate id (SCH002) first",
        )
    for record in inventory.records:
        raw_id = record.raw.get("id")
        if not isinstance(raw_id, str) and str(raw_id) == identifier:
            line, column = record.raw.value_mark("id")
            raise UsageError(
                f"id {identifier} is not text to YAML, so no identity has it",
                file=record.file, line=line, column=column,
                hint=f"quote it in the file: id: '{identifier}' (SCH001)",
            )
    raise UsageError(f"no identity with id {identifier!r}", hint=_suggest(
        identifier, sorted({r.id for r in inventory.records if r.id})
    ))


def _suggest(identifier: str, known: list[str]) -> str:
    """Up to three known ids close to ``identifier``, ignoring case.

    Ids are lower case, but one pasted from a ticket or a log often is not,
    and difflib alone finds nothing in common between the two spellings.
    """
    folded: dict[str, list[str]] = {}
    for name in known:
        folded.setdefault(name.casefold(), []).append(name)
    wanted = identifier.casefold()
    close = [
        name
        for match in difflib.get_close_matches(wanted, folded, n=3, cutoff=0.6)
        for name in folded[match]
    ][:3]
    close = close or [k for k in known if wanted and wanted in k.casefold()][:3]
    if close:
        return "did you mean " + " or ".join(repr(c) for c in close) + "?"
    return "`nhiown check` lists the identities with their ids"
