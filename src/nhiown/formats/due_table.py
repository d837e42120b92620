"""``due --format table``: one table per person who must act, most urgent first.

Identity ids and e-mail addresses are never cut or split by a border: when
the table cannot fit the terminal, the same items print as a list.
"""

from __future__ import annotations

import io

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from nhiown.due import DueList, Item
from nhiown.formats import Display
from nhiown.formats.due_text import NO_OWNER, nothing_due, summary, task, when
from nhiown.formats.table import ASCII_HEAD, console_for

_OVERDUE = "bold red"
_TODAY = "yellow"
_HEADERS = ("date", "when", "identity", "action", "with")
_GAP = 2
"""Spaces between columns: the box's separator and the cell's right padding."""


def render(due_list: DueList, display: Display) -> str:
    """The groups, then a summary line; or the "nothing due" line."""
    buffer = io.StringIO()
    console = console_for(display, buffer)
    if not due_list.items:
        console.print(Text(nothing_due(due_list), style="bold green"), soft_wrap=True)
        return buffer.getvalue()
    widths = _widths(list(due_list.items), display.width)
    fits = _fits(widths, display.width)
    for actor, items in due_list.by_actor():
        console.print(_title(actor, items), soft_wrap=True)
        if fits:
            console.print(_table(items, widths, display))
        else:
            _print_list(console, items)
        console.print()
    style = _OVERDUE if due_list.overdue else "bold"
    console.print(Text(summary(due_list), style=style))
    # Rich pads the last column; trailing blanks only get in a diff's way.
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())


def _title(actor: str | None, items: list[Item]) -> Text:
    text = Text(actor or NO_OWNER, style="bold underline")
    text.append(f": {len(items)} to do")
    overdue = sum(item.overdue for item in items)
    if overdue:
        text.append(f", {overdue} overdue", style=_OVERDUE)
    return text


def _style(item: Item) -> str:
    if item.overdue:
        return _OVERDUE
    return _TODAY if item.days_left == 0 else ""


def _short_when(item: Item) -> str:
    """'3d overdue', 'today', 'in 5d': the table's column is narrow."""
    days = abs(item.days_left)
    if item.days_left < 0:
        return f"{days}d overdue"
    return "today" if days == 0 else f"in {days}d"


def _columns(item: Item) -> list[str]:
    return [
        item.date.isoformat(), _short_when(item), item.identity, task(item),
        item.other_owner or "-",
    ]


def _widths(items: list[Item], width: int) -> list[int]:
    """Each column's width over all groups, so the groups' tables line up.

    The action column takes what the others leave, down to its longest word
    (it wraps between words); the others never wrap.
    """
    rows = [list(_HEADERS)] + [_columns(item) for item in items]
    widths = [max(cell_len(row[i]) for row in rows) for i in range(len(_HEADERS))]
    left = width - (sum(widths) - widths[3]) - _GAP * (len(widths) - 1)
    longest_word = max(cell_len(word) for row in rows for word in row[3].split())
    widths[3] = max(min(widths[3], left), longest_word)
    return widths


def _fits(widths: list[int], width: int) -> bool:
    return sum(widths) + _GAP * (len(widths) - 1) <= width


def _table(items: list[Item], widths: list[int], display: Display) -> Table:
    table = Table(
        box=box.SIMPLE_HEAD if display.unicode else ASCII_HEAD,
        show_edge=False,
        pad_edge=False,
        padding=(0, _GAP - 1, 0, 0),
        expand=False,
    )
    for header, width in zip(_HEADERS, widths, strict=True):
        if header == "action":
            table.add_column(header, width=width, overflow="fold")
        else:
            table.add_column(header, min_width=width, no_wrap=True)
    for item in items:
        date, left, identity, action, other = _columns(item)
        table.add_row(date, Text(left, style=_style(item)), identity, action, other)
    return table


def _print_list(console: Console, items: list[Item]) -> None:
    for item in items:
        line = Text(f"  {item.date} ")
        line.append(when(item), style=_style(item))
        line.append(f" {item.identity}: {task(item)}")
        if item.other_owner:
            line.append(f" (with {item.other_owner})")
        console.print(line, soft_wrap=True)
