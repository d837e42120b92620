"""``nhiown rules``: the rule table, its JSON form, and one rule's full doc."""

from __future__ import annotations

import io
import json
from typing import Any

from rich.padding import Padding
from rich.table import Table

from nhiown.formats import Display
from nhiown.formats.table import console_for, plain_table, without_trailing_spaces
from nhiown.rules.base import Rule

OWASP_NHI_2025 = {
    "NHI1": "Improper Offboarding",
    "NHI2": "Secret Leakage",
    "NHI3": "Vulnerable Third-Party NHI",
    "NHI4": "Insecure Authentication",
    "NHI5": "Overprivileged NHI",
    "NHI6": "Insecure Cloud Deployment Configurations",
    "NHI7": "Long-Lived Secrets",
    "NHI8": "Environment Isolation",
    "NHI9": "NHI Reuse",
    "NHI10": "Human Use of NHI",
}
"""Titles of the OWASP Top 10 Non-Human Identities Risks, 2025 edition."""


def owasp_title(reference: str | None) -> str | None:
    """``NHI1:2025 Improper Offboarding`` for ``NHI1``; None without a reference."""
    if reference is None:
        return None
    title = OWASP_NHI_2025.get(reference)
    return f"{reference}:2025 {title}" if title else reference


def rule_dict(rule: Rule, *, with_doc: bool = False) -> dict[str, Any]:
    """One rule as plain data, for ``--format json``."""
    data: dict[str, Any] = {
        "code": rule.code,
        "name": rule.name,
        "severity": rule.severity.value,
        "owasp": rule.owasp,
        "summary": rule.summary,
    }
    if with_doc:
        data["doc"] = rule.doc
    return data


def render_json(rules: list[Rule], *, with_doc: bool = False) -> str:
    """The rules as ``{"version": 1, "rules": [...]}``, stable byte for byte."""
    payload = {"version": 1, "rules": [rule_dict(r, with_doc=with_doc) for r in rules]}
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def render_table(rules: list[Rule], display: Display) -> str:
    """Code, name, default severity, OWASP reference and summary of each rule.

    Codes and names are never cut: when the columns do not fit the terminal,
    each rule prints as a heading line with its summary below.
    """
    buffer = io.StringIO()
    console = console_for(display, buffer)
    fixed = [
        max(len(r.code) for r in rules), max(len(r.name) for r in rules),
        len("severity"), len("owasp"),
    ]
    if sum(fixed) + 16 + 2 * len(fixed) <= display.width:
        console.print(_table(rules, display))
    else:
        for rule in rules:
            owasp = f", {rule.owasp}" if rule.owasp else ""
            console.print(f"{rule.code} {rule.name} ({rule.severity.value}{owasp})",
                          soft_wrap=True)
            console.print(Padding(rule.summary, (0, 0, 0, 4)))
    console.print("`nhiown rules CODE` explains one rule, with an example and a fix.")
    return without_trailing_spaces(buffer.getvalue())


def _table(rules: list[Rule], display: Display) -> Table:
    rows = [
        (rule.code, rule.name, rule.severity.value, rule.owasp or "-", rule.summary)
        for rule in rules
    ]
    return plain_table(display, ("code", "name", "severity", "owasp"), "summary", rows)


def render_doc(rule: Rule) -> str:
    """The rule's docstring under a header line with code, name, severity, OWASP.

    Plain Markdown, as ``ruff rule`` prints it: it reads in a terminal and
    pastes into a wiki or a pull request unchanged.
    """
    facts = [f"default severity: {rule.severity.value}"]
    title = owasp_title(rule.owasp)
    if title:
        facts.append(f"OWASP {title}")
    header = f"# {rule.code} {rule.name} ({', '.join(facts)})"
    return f"{header}\n\n{rule.doc.strip()}\n"
