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
from pathlib import Path
from typing import Any

from nhiown import repository
from nhiown.errors import ConfigError, NhiownError, UsageError
from nhiown.findings import BaselineEntry, BaselineOutcome, Finding, Report
from nhiown.rules import REGISTRY

VERSION = 1

_TOP_KEYS = ("version", "findings")
_ENTRY_KEYS = ("rule", "name", "identity", "field", "file", "message")
_NULLABLE = ("identity", "file", "message")
"""The keys of the file and of its entries; only the last three may be null."""


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
        # utf-8-sig: an editor may save the file with a BOM, as inventories.
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise UsageError("baseline file not found", file=name,
                         hint=_hint(name)) from None
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise ConfigError(f"cannot read baseline: {reason}", file=name) from None
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicate_keys)
    except _DuplicateKeyError as exc:
        raise _not_baseline(name, f"key {_shown(exc.key)} appears twice in one"
                            " object") from None
    except json.JSONDecodeError as exc:
        raise ConfigError(f"baseline is not JSON: {exc.msg}", file=name,
                          line=exc.lineno, column=exc.colno, hint=_hint(name)) from None
    except RecursionError:
        raise ConfigError("baseline is not JSON: lists or objects nested too deeply",
                          file=name, hint=_hint(name)) from None
    except ValueError:
        # The only other refusal of json: an integer of more than 4300 digits.
        raise ConfigError("baseline is not JSON: a number with too many digits",
                          file=name, hint=_hint(name)) from None
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


def _parse(data: Any, name: str) -> list[BaselineEntry]:
    if not isinstance(data, dict):
        raise _not_baseline(
            name, f"expected an object with version and findings, found {_shown(data)}"
        )
    if "version" not in data:
        raise _not_baseline(name, f"version is missing; expected {VERSION}")
    version = data["version"]
    # Not ``== 1`` alone: JSON's true and 1.0 equal 1 in Python.
    if type(version) is not int or version != VERSION:
        raise _not_baseline(
            name, f"version: expected the integer {VERSION}, found {_shown(version)}"
        )
    _refuse_unknown_keys(data, _TOP_KEYS, "at the top level", name)
    if "findings" not in data:
        raise _not_baseline(name, "findings is missing; expected a list of entries")
    findings = data["findings"]
    if not isinstance(findings, list):
        raise _not_baseline(
            name, f"findings: expected a list of entries, found {_shown(findings)}"
        )
    return [_entry(item, index, name) for index, item in enumerate(findings)]


def _entry(item: Any, index: int, name: str) -> BaselineEntry:
    where = f"findings[{index}]"
    if not isinstance(item, dict):
        raise _not_baseline(name, f"{where}: expected an object with rule, identity"
                            f" and field, found {_shown(item)}")
    if isinstance(item.get("identity"), str):
        where += f" (identity {_shown(item['identity'])})"
    _refuse_unknown_keys(item, _ENTRY_KEYS, f"in {where}", name)
    for key in ("rule", "identity"):
        if key not in item:
            none = " (null for a finding of no identity)" if key == "identity" else ""
            raise _not_baseline(name, f"{where}: {key} is missing{none}")
    for key, value in item.items():
        if not isinstance(value, str) and not (value is None and key in _NULLABLE):
            wanted = "a string or null" if key in _NULLABLE else "a string"
            raise _not_baseline(
                name, f"{where}: {key}: expected {wanted}, found {_shown(value)}"
            )

    rule = item["rule"]
    if rule not in REGISTRY:
        raise ConfigError(f"baseline entry {where}: unknown rule code {_shown(rule)}",
                          file=name, hint="`nhiown rules` lists the codes")
    identity = item["identity"]
    file, message = item.get("file"), item.get("message")
    if identity is None and (file is None or message is None):
        raise _not_baseline(name, f"{where}: the {rule} entry of no identity (identity"
                            " null) needs file and message")
    return BaselineEntry(
        identity, rule, item.get("field", ""),
        file if identity is None else None,
        message if identity is None else None,
        name=item.get("name", ""),
    )


def _refuse_unknown_keys(
    data: dict[str, Any], known: tuple[str, ...], where: str, name: str
) -> None:
    unknown = sorted(set(data) - set(known))
    if unknown:
        raise _not_baseline(name, f"unknown key {_shown(unknown[0])} {where};"
                            f" expected only {', '.join(known)}")


class _DuplicateKeyError(Exception):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # json keeps the last of two equal keys; in a baseline, most likely a
    # botched merge, that would silently drop the first one's entries.
    data: dict[str, Any] = {}
    for key, value in pairs:
        if key in data:
            raise _DuplicateKeyError(key)
        data[key] = value
    return data


def _not_baseline(name: str, problem: str) -> ConfigError:
    return ConfigError(f"not an nhiown baseline: {problem}", file=name,
                       hint=_hint(name))


def _shown(value: Any) -> str:
    """A JSON value as an error message names it: short, on one line."""
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    # ensure_ascii escapes every control character, so the message stays one
    # line and cannot carry terminal escapes.
    text = json.dumps(value)
    return text if len(text) <= 40 else text[:37] + "..."
