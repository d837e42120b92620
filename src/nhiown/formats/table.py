"""``--format table``: findings grouped by file, for people at a terminal.

Identity ids, e-mail addresses and paths are never cut or split by a border:
when the table cannot fit the terminal, the same findings print as a list.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from nhiown.findings import BaselineOutcome, Finding, Report, Severity
from nhiown.formats import Display

Cell = str | Text
_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow"}
_GAP = 2
# SIMPLE_HEAD drawn with '-': rich's ASCII boxes all draw '|' between columns.
ASCII_HEAD = box.Box("    \n    \n -- \n    \n    \n    \n    \n    \n", ascii=True)


def console_for(display: Display, buffer: io.StringIO) -> Console:
    return Console(
        file=buffer,
        width=display.width,
        force_terminal=display.color,
        no_color=not display.color,
        color_system="standard" if display.color else None,
        highlight=False,
        emoji=False,
        legacy_windows=False,
        soft_wrap=False,
    )


def render(report: Report, display: Display) -> str:
    buffer = io.StringIO()
    console = console_for(display, buffer)
    by_file: dict[str, list[Finding]] = {}
    for finding in report.findings:
        by_file.setdefault(finding.file, []).append(finding)
    for file, findings in by_file.items():
        console.print(Text(file, style="bold underline"))
        if _fits(findings, display.width):
            console.print(_table(findings, display))
        else:
            _print_list(console, findings)
        console.print()
    if report.waived:
        console.print(Text("Waived by exceptions", style="bold"))
        for waived in report.waived:
            f = waived.finding
            console.print(Text(f"  {f.file}:{f.line}:{f.column} {f.rule} {f.identity}",
                               style="dim"), soft_wrap=True)
            note = f"until {waived.expires}, approved by {waived.approved_by}"
            console.print(_indented(f"{f.message} ({note})", style="dim"))
        console.print()
    if report.baseline and report.baseline.stale:
        _print_stale(console, report.baseline)
    console.print(_summary(report, display))
    return without_trailing_spaces(buffer.getvalue())


def without_trailing_spaces(text: str) -> str:
    """Rich pads lines to the full width; CI logs read better without it."""
    return "".join(line.rstrip() + "\n" for line in text.splitlines())


def _columns(finding: Finding) -> list[str]:
    return [
        f"{finding.line}:{finding.column}",
        finding.severity.value,
        finding.rule,
        finding.identity or "-",
    ]


def _fits(findings: list[Finding], width: int) -> bool:
    """Whether every fixed column and the longest word of a message fit."""
    widths = [max(cell_len(c) for c in column) for column in zip(
        ("where", "severity", "rule", "identity"), *(_columns(f) for f in findings),
        strict=True,
    )]
    words = [word for f in findings for word in f.message.split()]
    longest_word = max((cell_len(word) for word in words), default=0)
    # Three spaces after each fixed column (see _lead and the separator).
    needed = sum(widths) + (_GAP + 1) * len(widths) + max(longest_word, 16)
    return needed <= width


def plain_table(
    display: Display, fixed: Sequence[str], last: str, rows: Iterable[Sequence[Cell]]
) -> Table:
    """nhiown's table: a rule under the headers, ``fixed`` columns never
    wrapped (ids, codes, e-mails), the ``last`` one taking the rest.

    The fixed columns reach Rich as one cell, laid out here: Rich measures,
    pads and renders every cell on its own, which made a table of thousands
    of findings ten times slower than JSON. Rich still wraps the last column
    and draws the rule.
    """
    rows = list(rows)
    widths = [
        max([cell_len(header), *(_cell_width(row[index]) for row in rows)])
        for index, header in enumerate(fixed)
    ]
    table = Table(
        box=box.SIMPLE_HEAD if display.unicode else ASCII_HEAD,
        show_edge=False,
        pad_edge=False,
        padding=0,
    )
    lead_width = sum(widths) + (_GAP + 1) * len(widths) - 1
    table.add_column(_lead(fixed, widths), no_wrap=True, width=lead_width)
    table.add_column(last, overflow="fold", ratio=1)
    for row in rows:
        table.add_row(_lead(row[:-1], widths), row[-1])
    return table


def _lead(cells: Sequence[Cell], widths: list[int]) -> Text:
    """The fixed cells padded to their widths, three spaces apart, and two
    spaces after the last (the table's one-space separator makes the third)."""
    lead = Text()
    for index, (cell, width) in enumerate(zip(cells, widths, strict=True)):
        if index:
            lead.append(" ")
        lead.append(cell)
        lead.append(" " * (width - _cell_width(cell) + _GAP))
    return lead


def _cell_width(cell: Cell) -> int:
    return cell.cell_len if isinstance(cell, Text) else cell_len(cell)


def _table(findings: Iterable[Finding], display: Display) -> Table:
    rows = []
    for finding in findings:
        where, severity, rule, identity = _columns(finding)
        rows.append((
            where, Text(severity, style=_STYLE[finding.severity]), rule, identity,
            finding.message,
        ))
    return plain_table(
        display, ("where", "severity", "rule", "identity"), "message", rows
    )


def _print_list(console: Console, findings: Iterable[Finding]) -> None:
    for finding in findings:
        where, severity, rule, identity = _columns(finding)
        head = Text(f"  {where} ")
        head.append(severity, style=_STYLE[finding.severity])
        head.append(f" {rule} {finding.name} {identity}")
        console.print(head, soft_wrap=True)
        console.print(_indented(finding.message))


def _indented(message: str, style: str = "") -> Padding:
    """A message wrapped at word boundaries under its heading line."""
    return Padding(Text(message, style=style), (0, 0, 0, 6))


def _summary(report: Report, display: Display) -> Text:
    if not report.findings:
        mark = "✓" if display.unicode else "OK"
        checked = _plural(report.identities, "identity", "identities")
        none = "no new findings" if report.baseline else "no findings"
        text = Text(f"{mark} {checked} checked, {none}", style="bold green")
    else:
        checked = _plural(report.identities, "identity", "identities")
        text = Text(f"{checked} checked: ", style="bold")
        text.append(_plural(report.errors, "error"), style=_STYLE[Severity.ERROR])
        text.append(", ")
        text.append(_plural(report.warnings, "warning"), style=_STYLE[Severity.WARNING])
    if report.waived:
        text.append(f", {len(report.waived)} waived")
    if report.baseline is not None:
        text.append(f", {report.baseline.known} known from the baseline")
        if report.baseline.stale:
            text.append(f", {len(report.baseline.stale)} stale", style="yellow")
    return text


def _print_stale(console: Console, outcome: BaselineOutcome) -> None:
    console.print(Text(
        f"Stale baseline entries (no longer found; refresh {outcome.file}"
        " with --write-baseline)", style="bold",
    ), soft_wrap=True)
    for entry in outcome.stale:
        where = entry.identity or f"{entry.file}: {entry.message}"
        field = f" {entry.field}" if entry.field else ""
        console.print(Text(f"  {entry.rule} {entry.name} {where}{field}", style="dim"),
                      soft_wrap=True)
    console.print()


def _plural(count: int, word: str, words: str | None = None) -> str:
    return f"{count} {word if count == 1 else words or word + 's'}"
