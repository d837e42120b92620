"""``--format markdown``: a summary and a findings table for a pull request.

GitHub-flavoured Markdown, fit for a PR comment or ``$GITHUB_STEP_SUMMARY``.
Cells are escaped so that no value can break the table or turn into markup:
``|`` and Markdown punctuation get a backslash, line breaks become ``<br>``.
"""

from __future__ import annotations

import re

from nhiown.findings import BaselineEntry, Finding, Report, Waived
from nhiown.formats import Display

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~&])")
_FINDING_HEADER = ("Severity", "Rule", "Name", "Identity", "Where", "Message")
_STALE_HEADER = ("Rule", "Name", "Identity", "Field")
_WAIVED_HEADER = ("Rule", "Name", "Identity", "Where", "Until", "Approved by",
                  "Reason")


def render(report: Report, display: Display) -> str:
    """The Markdown report: title, summary line, then the tables."""
    blocks = [f"## {report.title}", summary(report)]
    if report.findings:
        rows = [_finding_row(f) for f in report.findings]
        blocks.append(table(_FINDING_HEADER, rows))
    if report.waived:
        rows = [_waived_row(w) for w in report.waived]
        blocks += [f"### Waived by exceptions ({len(rows)})",
                   table(_WAIVED_HEADER, rows)]
    if report.baseline and report.baseline.stale:
        stale = report.baseline.stale
        blocks += [
            f"### Stale baseline entries ({len(stale)})",
            f"No longer found; drop them from {cell(report.baseline.file)} with"
            " `nhiown check --write-baseline`.",
            table(_STALE_HEADER, [_stale_row(e) for e in stale]),
        ]
    return "\n\n".join(blocks) + "\n"


def summary(report: Report) -> str:
    """One line: how many identities, errors and warnings, and what was left out."""
    checked = _plural(report.identities, "identity", "identities")
    if report.findings:
        text = (f"**{_plural(report.errors, 'error')},"
                f" {_plural(report.warnings, 'warning')}** in {checked}")
    else:
        none = "No new findings" if report.baseline else "No findings"
        text = f"**{none}** in {checked}"
    extras = []
    if report.waived:
        extras.append(f"{len(report.waived)} waived")
    if report.baseline is not None:
        extras.append(f"{report.baseline.known} known from the baseline")
        if report.baseline.stale:
            extras.append(f"{len(report.baseline.stale)} stale baseline entries")
    return text + (f" ({', '.join(extras)})" if extras else "") + "."


def table(header: tuple[str, ...], rows: list[list[str]]) -> str:
    """A GFM table; ``rows`` hold cells already escaped."""
    lines = [_line(list(header)), _line(["---"] * len(header))]
    lines += [_line(row) for row in rows]
    return "\n".join(lines)


def cell(text: str) -> str:
    """``text`` as one table cell: escaped, on one line."""
    escaped = _SPECIAL.sub(r"\\\1", text)
    return "<br>".join(escaped.replace("\r\n", "\n").replace("\r", "\n").split("\n"))


def _code(text: str) -> str:
    # Backslashes do not escape inside code spans, except '\|' in tables; a value
    # holding a backtick is shown as plain escaped text instead.
    if "`" in text or "\n" in text or "\r" in text:
        return cell(text)
    return "`" + text.replace("|", "\\|") + "`"


def _line(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _where(finding: Finding) -> str:
    return _code(f"{finding.file}:{finding.line}")


def _finding_row(f: Finding) -> list[str]:
    return [f.severity.value, f.rule, f.name, _code(f.identity) if f.identity else "-",
            _where(f), cell(f.message)]


def _waived_row(w: Waived) -> list[str]:
    f = w.finding
    return [f.rule, f.name, _code(f.identity) if f.identity else "-", _where(f),
            w.expires.isoformat(), cell(w.approved_by), cell(w.reason)]


def _stale_row(e: BaselineEntry) -> list[str]:
    identity = _code(e.identity) if e.identity else cell(f"{e.file}: {e.message}")
    return [e.rule, e.name, identity, _code(e.field) if e.field else "-"]


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else plural or word + 's'}"
