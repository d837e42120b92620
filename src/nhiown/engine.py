"""The checker: runs the rules over an inventory and builds the report.

Order of business for each identity: schema problems, then every rule that
applies to its status, then waivers (a valid exception moves its rule's
findings to the waived list), then the severity overrides of the policy and
the command line.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from nhiown.findings import (
    Checked,
    Finding,
    Report,
    Severity,
    Waived,
    sort_findings,
)
from nhiown.inventory import Inventory, Record
from nhiown.rules import PER_IDENTITY, REGISTRY, expand_selector
from nhiown.rules.base import Hit, Subject
from nhiown.rules.exceptions import judge_waivers, unused_hit
from nhiown.secretscan import scan
from nhiown.validation import dotted
from nhiown.yamltree import Path, YMap, locate_key, locate_value, lookup


@dataclass(frozen=True)
class RuleSelection:
    """Which rules run and at which severity: policy.rules, --select, --ignore."""

    levels: dict[str, Severity | None]

    @classmethod
    def build(
        cls,
        policy_rules: Mapping[str, str],
        select: Iterable[str] = (),
        ignore: Iterable[str] = (),
    ) -> RuleSelection:
        levels: dict[str, Severity | None] = {
            code: rule.severity for code, rule in REGISTRY.items()
        }
        for code, level in policy_rules.items():
            levels[code] = None if level == "off" else Severity(level)
        selected = {code for s in select for code in expand_selector(s)}
        if selected:
            levels = {c: (lvl if c in selected else None) for c, lvl in levels.items()}
        for code in {code for s in ignore for code in expand_selector(s)}:
            levels[code] = None
        return cls(levels)

    def severity(self, code: str) -> Severity | None:
        return self.levels.get(code)


def check(inventory: Inventory, today: dt.date, selection: RuleSelection) -> Report:
    """Judge every identity; return findings and waived findings, sorted."""
    findings: list[Finding] = [
        _finding("SCH001", problem.file, (problem.line, problem.column), None,
                 problem.message)
        for problem in inventory.file_problems
    ]
    waived: list[Waived] = []
    for record in inventory.records:
        record_findings, record_waived = _check_record(record, inventory, today)
        findings += record_findings
        waived += record_waived
    findings += _duplicate_ids(inventory.records)
    findings += _secrets(inventory)
    kept = []
    for finding in findings:
        level = selection.severity(finding.rule)
        if level is None:
            continue
        if level is not finding.severity:
            finding = _with_severity(finding, level)
        kept.append(finding)
    kept_waived = [w for w in waived if selection.severity(w.finding.rule) is not None]
    return Report(
        today=today,
        identities=len(inventory.records),
        findings=sort_findings(kept),
        waived=tuple(sorted(kept_waived, key=lambda w: w.finding.sort_key())),
        checked=_checked(inventory.records),
        rules_run=frozenset(
            code for code in REGISTRY if selection.severity(code) is not None
        ),
    )


def _checked(records: list[Record]) -> tuple[Checked, ...]:
    found = {Checked(r.file, r.id, r.raw.mark[0]) for r in records if r.id is not None}
    return tuple(sorted(found, key=lambda c: (c.file, c.line, c.identity)))


def _with_severity(finding: Finding, level: Severity) -> Finding:
    return Finding(
        finding.file, finding.line, finding.column, finding.rule, finding.identity,
        finding.message, level, finding.name, finding.field,
    )


def _finding(
    code: str,
    file: str,
    mark: tuple[int, int],
    identity: str | None,
    message: str,
    path: Path = (),
    field: str | None = None,
) -> Finding:
    rule = REGISTRY[code]
    return Finding(
        file, mark[0], mark[1], code, identity, message, rule.severity, rule.name,
        dotted(path) if field is None else field,
    )


def _position(record: Record, path: Path, on_key: bool = False) -> tuple[int, int]:
    """Where ``path`` sits in the identity, else its ``id`` key, else its start.

    A value merged in from an anchor (``<<: *defaults``) sits where every
    identity that merges it would point; such findings point at the identity.
    """
    raw = record.raw
    if path and path[0] in raw.merged:
        return raw.mark
    mark = (locate_key if on_key else locate_value)(raw, path) if path else None
    if mark is None and "id" in raw and "id" not in raw.merged:
        mark = raw.key_mark("id")
    return mark or raw.mark


def _overlaps(path: Path, invalid: list[Path]) -> bool:
    return any(path[: len(bad)] == bad or bad[: len(path)] == path for bad in invalid)


def _check_record(
    record: Record, inventory: Inventory, today: dt.date
) -> tuple[list[Finding], list[Waived]]:
    findings = [
        _finding("SCH001", record.file, _position(record, p.path, p.on_key),
                 record.id, p.message, p.path)
        for p in record.problems
    ]
    identity = record.identity
    if identity is None:
        return findings, []
    settings = inventory.settings
    subject = Subject(identity, record.raw, settings.policy, settings.people, today)
    invalid = [p.path for p in record.problems]
    hits: dict[str, list[Hit]] = defaultdict(list)
    for rule in PER_IDENTITY:
        if identity.active or rule.retired_too:
            assert rule.check is not None
            for hit in rule.check(subject):
                if not _overlaps(hit.path, invalid):
                    hits[rule.code].append(hit)
    waived: list[Waived] = []
    if identity.active:
        active, waiver_hits = judge_waivers(subject, REGISTRY)
        for code, hit in waiver_hits:
            hits[code].append(hit)
        for code, waiver in active.items():
            if not hits.get(code):
                hits["EXC003"].append(unused_hit(code, waiver))
                continue
            for hit in hits.pop(code):
                finding = _hit_finding(record, code, hit)
                w = waiver.waiver
                assert w.expires is not None
                waived.append(
                    Waived(finding, w.reason or "", w.approved_by or "", w.expires)
                )
    for code, code_hits in hits.items():
        findings += [_hit_finding(record, code, hit) for hit in code_hits]
    return findings, waived


def _hit_finding(record: Record, code: str, hit: Hit) -> Finding:
    mark = _position(record, hit.path, hit.on_key)
    return _finding(code, record.file, mark, record.id, hit.message,
                    field=stable_field(record.raw, hit.path))


def stable_field(raw: YMap, path: Path) -> str:
    """The dotted path with list items named by what they hold, not where.

    ``scopes['admin']`` and ``exceptions[SCP001].expires`` stay the same when
    an item is added before them, and change when the item itself changes:
    a baseline that knew one privileged scope must not hide another.
    """
    text = ""
    node: Any = raw
    for part in path:
        node = lookup(node, (part,))
        if isinstance(part, int):
            text += f"[{_item_name(node, part)}]"
        else:
            name = dotted((part,))
            text += f".{name}" if text else name
    return text


def _item_name(item: Any, index: int) -> str:
    if isinstance(item, str):
        return repr(item)
    if isinstance(item, dict) and isinstance(item.get("rule"), str):
        return str(item["rule"])
    return str(index)


def _duplicate_ids(records: list[Record]) -> list[Finding]:
    by_id: dict[str, list[Record]] = defaultdict(list)
    for record in records:
        if record.id is not None:
            by_id[record.id].append(record)
    findings = []
    for identifier, group in by_id.items():
        if len(group) < 2:
            continue
        places = [(r, _position(r, ("id",))) for r in group]
        for record, mark in places:
            others = ", ".join(
                f"{o.file}:{m[0]}" for o, m in places if o is not record or m != mark
            )
            message = f"id {identifier!r} is also used at {others}"
            findings.append(_finding("SCH002", record.file, mark, identifier, message,
                                     ("id",)))
    return findings


def _secrets(inventory: Inventory) -> list[Finding]:
    findings = []
    by_file: dict[str, list[Record]] = defaultdict(list)
    for record in inventory.records:
        by_file[record.file].append(record)
    for source in inventory.sources:
        matches = list(scan(source.text))
        if not matches:
            continue
        line_starts = _line_starts(source.text)
        records = by_file[source.name]
        starts = [r.raw.mark[0] for r in records]
        for match in matches:
            line = bisect.bisect_right(line_starts, match.offset)
            column = match.offset - line_starts[line - 1] + 1
            at = bisect.bisect_right(starts, line) - 1
            inside = at >= 0 and line <= records[at].raw.end_line
            owner = records[at] if inside else None
            message = (
                f"looks like {match.kind}; remove it from the inventory and rotate it"
            )
            findings.append(_finding("SEC001", source.name, (line, column),
                                     owner.id if owner else None, message))
    return findings


def _line_starts(text: str) -> list[int]:
    starts = [0]
    index = text.find("\n")
    while index != -1:
        starts.append(index + 1)
        index = text.find("\n", index + 1)
    return starts

