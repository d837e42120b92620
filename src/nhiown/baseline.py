"""Baselines: accept the findings of today, fail only on new ones.

A finding is known by its rule, its identity and its field (the dotted path of
the value concerned, ``review.next``), never by its line: editing or moving
another identity shifts lines, and must not make old findings new. Messages are
left out as well, because many say how long ago something fell due and change
every day.

A finding of no identity (a file-level schema problem, a secret outside any
identity) has no such handle, so it is known by rule, file (from the repository
root), field and message instead; those messages do not depend on the date.

Several findings can share a key (two secrets in one identity): the baseline
keeps one entry per finding, and only findings beyond that count are new.
"""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from nhiown import repository
from nhiown.errors import ConfigError, NhiownError, UsageError
from nhiown.findings import BaselineEntry, BaselineOutcome, Finding, Report

VERSION = 1


def _hint(name: str) -> str:
    return f"record one with `nhiown check --write-baseline {name}`"


def entry(finding: Finding, paths: dict[str, str]) -> BaselineEntry:
    """How the baseline knows ``finding``; ``paths`` maps files to repo paths."""
    if finding.identity is not None:
        return BaselineEntry(finding.identity, finding.rule, finding.field,
                             name=finding.name)
    return BaselineEntry(
        None, finding.rule, finding.field, paths[finding.file], finding.message,
        name=finding.name,
    )


def entries(report: Report) -> list[BaselineEntry]:
    """One entry per finding of ``report``, sorted."""
    paths = repository.repo_paths(f.file for f in report.findings)
    return sorted((entry(f, paths) for f in report.findings),
                  key=BaselineEntry.sort_key)


def dumps(report: Report) -> str:
    """The baseline file for ``report``: JSON, sorted, stable byte for byte."""
    document = {
        "version": VERSION,
        "findings": [e.to_dict() for e in entries(report)],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def write(path: Path, report: Report) -> int:
    """Write the baseline of ``report`` to ``path``; the number of entries."""
    text = dumps(report)
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise NhiownError(f"cannot write baseline: {exc.strerror}",
                          file=str(path)) from None
    return len(report.findings)


def load(path: Path) -> list[BaselineEntry]:
    """The entries of a baseline file; exit-2 errors when it is missing or bad."""
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UsageError("baseline file not found", file=name,
                         hint=_hint(name)) from None
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise ConfigError(f"cannot read baseline: {reason}", file=name) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ConfigError(f"baseline is not JSON: {exc.msg}", file=name,
                          line=exc.lineno, column=exc.colno, hint=_hint(name)) from None
    return _parse(data, name)


def apply(report: Report, known: list[BaselineEntry], file: str) -> Report:
    """``report`` with only the findings ``known`` lacks, and the stale entries."""
    paths = repository.repo_paths(f.file for f in report.findings)
    ran = report.rules_run
    remaining = Counter(e for e in known if ran is None or e.rule in ran)
    new = []
    for finding in report.findings:
        key = entry(finding, paths)
        if remaining[key] > 0:
            remaining[key] -= 1
        else:
            new.append(finding)
    stale = sorted(remaining.elements(), key=BaselineEntry.sort_key)
    outcome = BaselineOutcome(file, len(report.findings) - len(new), tuple(stale))
    return dataclasses.replace(report, findings=tuple(new), baseline=outcome)


@cache
def _file_model() -> type[BaseModel]:
    # Built on first use: making Pydantic models costs milliseconds that runs
    # without a baseline should not pay.
    class Entry(BaseModel):
        model_config = ConfigDict(extra="forbid", strict=True)
        rule: str
        name: str = ""
        identity: str | None
        field: str = ""
        file: str | None = None
        message: str | None = None

    class File(BaseModel):
        model_config = ConfigDict(extra="forbid", strict=True)
        version: Literal[1]
        findings: list[Entry]

    return File


def _parse(data: Any, name: str) -> list[BaselineEntry]:
    try:
        document: Any = _file_model().model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(part) for part in error["loc"]) or "top level"
        raise ConfigError(f"not an nhiown baseline: {where}: {error['msg']}",
                          file=name, hint=_hint(name)) from None
    result = []
    for item in document.findings:
        if item.identity is None and (item.file is None or item.message is None):
            raise ConfigError(
                f"not an nhiown baseline: the {item.rule} entry of no identity"
                " needs file and message", file=name, hint=_hint(name),
            )
        result.append(BaselineEntry(
            item.identity, item.rule, item.field,
            item.file if item.identity is None else None,
            item.message if item.identity is None else None,
            name=item.name,
        ))
    return result
