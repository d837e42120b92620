"""``--format sarif``: SARIF 2.1.0 for GitHub code scanning and other viewers.

One result per finding, located by a path from the repository root (base id
``SRCROOT``) and the finding's line and column. Waived findings stay results,
with an external suppression carrying the waiver's reason, so a viewer shows
them as suppressed rather than losing them. Every rule a result uses is
described in ``tool.driver.rules`` from its registry doc.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

from nhiown import __version__, repository
from nhiown.findings import Finding, Report, Severity, Waived
from nhiown.formats import Display
from nhiown.rules import REGISTRY
from nhiown.rules.base import Rule

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
BASE_ID = "SRCROOT"

# GitHub ranks alerts by this score (0-10): critical above 9, high from 7,
# medium from 4. Schema rules are about form, not risk, and get none.
_SECURITY_SEVERITY = {Severity.ERROR: "7.5", Severity.WARNING: "4.0"}
_SECURITY_SEVERITY_BY_RULE = {"SEC001": "9.5", "SCP001": "8.5", "OWN003": "8.0"}
_NOT_SECURITY = {"SCH001", "SCH002", "SCH003"}
_SECTION = re.compile(r"^## (.+)$", re.MULTILINE)


def render(report: Report, display: Display) -> str:
    """The SARIF log of ``report``, paths from the repository root of the cwd."""
    return render_at(report, repository.root(), Path.cwd())


def render_at(report: Report, base: Path, cwd: Path) -> str:
    """The SARIF log with paths relative to ``base`` (files named from ``cwd``)."""
    pairs: list[tuple[Finding, Waived | None]] = [
        *((f, None) for f in report.findings),
        *((w.finding, w) for w in report.waived),
    ]
    pairs.sort(key=lambda pair: pair[0].sort_key())
    codes = sorted({f.rule for f, _ in pairs}, key=list(REGISTRY).index)
    index = {code: i for i, code in enumerate(codes)}
    results = [_result(f, index[f.rule], w, base, cwd) for f, w in pairs]
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "nhiown",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": [_rule(REGISTRY[code]) for code in codes],
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def _rule(rule: Rule) -> dict[str, Any]:
    described: dict[str, Any] = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": section(rule.doc, "What it does") or rule.summary},
        "defaultConfiguration": {"level": rule.severity.value},
        "help": {"text": rule.doc, "markdown": rule.doc},
    }
    tags = [] if rule.code in _NOT_SECURITY else ["security"]
    if rule.owasp:
        tags.append(f"OWASP-{rule.owasp}")
    properties: dict[str, Any] = {"tags": tags} if tags else {}
    if rule.code not in _NOT_SECURITY:
        properties["security-severity"] = _SECURITY_SEVERITY_BY_RULE.get(
            rule.code, _SECURITY_SEVERITY[rule.severity]
        )
    if properties:
        described["properties"] = properties
    return described


def section(doc: str, title: str) -> str:
    """The text under ``## title`` in a rule doc, joined into one paragraph."""
    parts = _SECTION.split(doc)
    for heading, body in zip(parts[1::2], parts[2::2], strict=True):
        if heading.strip() == title:
            return " ".join(body.split())
    return ""


def _result(
    finding: Finding, rule_index: int, waived: Waived | None, base: Path, cwd: Path
) -> dict[str, Any]:
    text = finding.message
    if finding.identity:
        text = f"{finding.identity}: {text}"
    location: dict[str, Any] = {
        "physicalLocation": {
            "artifactLocation": _artifact(finding.file, base, cwd),
            "region": {"startLine": finding.line, "startColumn": finding.column},
        },
    }
    if finding.identity:
        location["logicalLocations"] = [{"name": finding.identity, "kind": "object"}]
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": finding.severity.value,
        "message": {"text": text},
        "locations": [location],
    }
    if waived is not None:
        result["suppressions"] = [{
            "kind": "external",
            "status": "accepted",
            "justification": waived.reason,
            "properties": {
                "approvedBy": waived.approved_by,
                "expires": waived.expires.isoformat(),
            },
        }]
    return result


def _artifact(file: str, base: Path, cwd: Path) -> dict[str, str]:
    inside = repository.relative(file, base, cwd)
    if inside is None:
        return {"uri": (cwd / file).resolve().as_uri()}
    return {"uri": quote(inside), "uriBaseId": BASE_ID}
