"""``nhiown show``: one identity as a card for people, or as JSON for tools.

The card shows the entry as written (so a broken entry still shows), with the
days left before each date it must meet, then its findings and waivers. Values
that look like secrets are redacted: show output ends up in CI logs too.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from nhiown.findings import Finding, Severity
from nhiown.formats import Display, json_format
from nhiown.formats.table import console_for
from nhiown.identity_view import DueDate, IdentityView
from nhiown.rules.base import later
from nhiown.secretscan import printable
from nhiown.yamltree import lookup

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow"}


def render_json(view: IdentityView) -> str:
    """The entry, its due dates, findings and waivers; stable byte for byte."""
    record = view.record
    report = json_format.report_dict(view.report)
    payload = {
        "version": 1,
        "today": report["today"],
        "identity": {
            "id": printable(record.id) if record.id else None,
            "file": record.file,
            "line": record.raw.mark[0],
            "entry": _redacted(record.raw),
        },
        "due": [
            {"what": d.what, "date": d.date.isoformat(), "days_left": d.days_left,
             "field": d.field, "derived": d.derived}
            for d in sorted(view.due, key=lambda d: (d.date, d.what, d.field))
        ],
        "summary": {k: v for k, v in report["summary"].items() if k != "identities"},
        "findings": report["findings"],
        "waived": report["waived"],
    }
    return json.dumps(payload, indent=2, ensure_ascii=False, default=str) + "\n"


def render_table(view: IdentityView, display: Display) -> str:
    """The card: title, facts, findings, waivers."""
    buffer = io.StringIO()
    console = console_for(display, buffer)
    record = view.record
    entry = _redacted(record.raw)
    title = Text(entry.get("id") if isinstance(entry.get("id"), str) else "(no id)",
                 style="bold")
    name = entry.get("name")
    if name:
        title.append(f"  {name}")
    console.print(title, soft_wrap=True)
    console.print(Text(f"{record.file}:{record.raw.mark[0]}", style="dim"))
    console.print()

    facts = Table.grid(padding=(0, 2))
    facts.add_column(no_wrap=True, style="bold")
    facts.add_column(overflow="fold")
    for label, value in _facts(view, entry):
        facts.add_row(label, value)
    console.print(facts)
    console.print()

    findings = view.report.findings
    console.print(Text("Findings", style="bold underline"))
    if findings:
        _print_findings(console, findings)
    else:
        mark = "✓" if display.unicode else "OK"
        console.print(Text(f"  {mark} no findings", style="green"))
    if view.report.waived:
        console.print()
        console.print(Text("Waived by exceptions", style="bold underline"))
        for waived in view.report.waived:
            f = waived.finding
            console.print(
                Text(f"  {f.line}:{f.column} {f.rule} {f.name}: {f.message} (until"
                     f" {waived.expires}, approved by {waived.approved_by}:"
                     f" {waived.reason})", style="dim"),
                soft_wrap=True,
            )
    # Grid cells are padded to the column width; the padding is noise in a file.
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())


def _redacted(node: Any) -> Any:
    """A plain copy of ``node``, keys and text made safe to print."""
    if isinstance(node, dict):
        return {_redacted(key): _redacted(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_redacted(value) for value in node]
    return printable(node) if isinstance(node, str) else node


def _print_findings(console: Console, findings: Iterable[Finding]) -> None:
    for finding in findings:
        head = Text(f"  {finding.line}:{finding.column} ")
        head.append(finding.severity.value, style=_STYLE[finding.severity])
        head.append(f" {finding.rule} {finding.name}")
        console.print(head, soft_wrap=True)
        console.print(Text(f"      {finding.message}"), soft_wrap=True)


def _facts(view: IdentityView, raw: dict[str, Any]) -> list[tuple[str, str]]:
    due = {d.what: d for d in view.due}
    rows: list[tuple[str, str | None]] = [
        ("kind", _joined(raw, ["kind", "platform", "environment"])),
        ("status", _status(raw)),
        ("risk tier", _text(raw.get("risk_tier"))),
        ("team", _text(raw.get("team")) or _people_team(view, raw)),
        ("purpose", _text(raw.get("purpose"))),
        ("workflow", _text(raw.get("workflow"))),
        ("owners", _pairs(raw.get("owners"), ["business", "technical"])),
        ("approval", _approval(raw.get("approval"))),
        ("created", _text(raw.get("created"))),
        ("expires", _dated(_text(raw.get("expires")), due.get("expiry"), view)),
        ("review", _review(raw, due.get("review"), view)),
        ("credential", _credential(raw, due.get("rotation"), view)),
        ("scopes", _list(raw.get("scopes"))),
        ("offboarding", _list(lookup(raw, ["offboarding", "triggers"]))),
        ("exceptions", _exceptions(raw, view)),
        ("notes", _text(raw.get("notes"))),
    ]
    return [(label, value) for label, value in rows if value]


def _text(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, list):
        return _list(value)
    if isinstance(value, dict):
        return ", ".join(f"{k} {_text(v) or '-'}" for k, v in value.items())
    return str(value)


def _list(value: Any) -> str | None:
    if not isinstance(value, list):
        return _text(value)
    return ", ".join(str(item) for item in value) or None


def _joined(raw: dict[str, Any], keys: list[str]) -> str | None:
    parts = [_text(raw.get(key)) for key in keys]
    return ", ".join(p for p in parts if p) or None


def _pairs(node: Any, keys: list[str]) -> str | None:
    if not isinstance(node, dict):
        return _text(node)
    parts = [f"{key} {_text(node.get(key)) or '(missing)'}" for key in keys]
    extra = [f"{k} {_text(v)}" for k, v in node.items() if k not in keys]
    return ", ".join(parts + extra)


def _status(raw: dict[str, Any]) -> str:
    status = _text(raw.get("status")) or "active"
    retired = _text(raw.get("retired"))
    return f"{status} since {retired}" if retired else status


def _people_team(view: IdentityView, raw: dict[str, Any]) -> str | None:
    business = lookup(raw, ["owners", "business"])
    team = view.people.team_of(business) if isinstance(business, str) else None
    return f"{printable(team)} (the business owner's)" if team else None


def _approval(node: Any) -> str | None:
    if not isinstance(node, dict):
        return _text(node)
    text = f"by {_text(node.get('by')) or '(missing)'}"
    if node.get("date"):
        text += f" on {node['date']}"
    if node.get("ticket"):
        text += f" ({node['ticket']})"
    return text


def _days(due: DueDate | None, view: IdentityView) -> str:
    if due is None:
        return ""
    return f" ({later(due.date, view.report.today)})"


def _dated(text: str | None, due: DueDate | None, view: IdentityView) -> str | None:
    return f"{text}{_days(due, view)}" if text else None


def _review(raw: dict[str, Any], due: DueDate | None, view: IdentityView) -> str | None:
    review = raw.get("review")
    if not isinstance(review, dict):
        return _text(review)
    parts = []
    if review.get("last"):
        by = f" by {review['by']}" if review.get("by") else ""
        parts.append(f"last {review['last']}{by}")
    if review.get("next"):
        parts.append(f"next {review['next']}{_days(due, view)}")
    elif due is not None:
        parts.append(f"next {due.date} by the tier's interval{_days(due, view)}")
    return "; ".join(parts) or None


def _credential(
    raw: dict[str, Any], due: DueDate | None, view: IdentityView
) -> str | None:
    credential = raw.get("credential")
    if not isinstance(credential, dict):
        return _text(credential)
    kind = _text(credential.get("type")) or "(type missing)"
    parts = [kind + (f" in {credential['store']}" if credential.get("store") else "")]
    if kind == "keyless":
        parts.append("nothing to rotate")
    if credential.get("last_rotated"):
        parts.append(f"rotated {credential['last_rotated']}")
    if due is not None:
        parts.append(f"next rotation {due.date}{_days(due, view)}")
    if credential.get("revoked"):
        parts.append(f"revoked {credential['revoked']}")
    return "; ".join(parts)


def _exceptions(raw: dict[str, Any], view: IdentityView) -> str | None:
    exceptions = raw.get("exceptions")
    if not isinstance(exceptions, list):
        return _text(exceptions)
    due = {d.field: d for d in view.due if d.what == "exception"}
    lines = []
    for index, item in enumerate(exceptions):
        if not isinstance(item, dict):
            lines.append(str(item))
            continue
        line = str(item.get("rule") or "(no rule)")
        if item.get("expires"):
            expiry = due.get(f"exceptions[{index}].expires")
            line += f" until {item['expires']}{_days(expiry, view)}"
        if item.get("approved_by"):
            line += f", approved by {item['approved_by']}"
        if item.get("reason"):
            line += f": {item['reason']}"
        lines.append(line)
    return "\n".join(lines) or None
