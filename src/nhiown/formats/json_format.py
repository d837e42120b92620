"""``--format json`` for check: exactly SPEC section 6, stable byte for byte."""

from __future__ import annotations

import json
from typing import Any

from nhiown.findings import Finding, Report


def finding_dict(finding: Finding) -> dict[str, Any]:
    return {
        "rule": finding.rule,
        "name": finding.name,
        "severity": finding.severity.value,
        "identity": finding.identity,
        "file": finding.file,
        "line": finding.line,
        "column": finding.column,
        "message": finding.message,
    }


def report_dict(report: Report) -> dict[str, Any]:
    data: dict[str, Any] = {
        "version": 1,
        "today": report.today.isoformat(),
        "summary": {
            "identities": report.identities,
            "errors": report.errors,
            "warnings": report.warnings,
            "waived": len(report.waived),
        },
        "findings": [finding_dict(f) for f in report.findings],
        "waived": [
            {
                **finding_dict(w.finding),
                "reason": w.reason,
                "approved_by": w.approved_by,
                "expires": w.expires.isoformat(),
            }
            for w in report.waived
        ],
    }
    if report.baseline is not None:
        # Only with --baseline, so the SPEC shape stays exact without it.
        data["baseline"] = {
            "file": report.baseline.file,
            "known": report.baseline.known,
            "stale": [e.to_dict() for e in report.baseline.stale],
        }
    return data


def render(report: Report) -> str:
    return json.dumps(report_dict(report), indent=2, ensure_ascii=False) + "\n"
