"""``due --format csv``: one row per item, for spreadsheets and scripts."""

from __future__ import annotations

import csv
import io

from nhiown.due import DueList

HEADER = (
    "identity", "what", "action", "rule", "date", "days_left", "acts",
    "business_owner", "technical_owner", "team", "file", "line",
)
"""The JSON item's fields, plus the action, the waived rule and who acts."""


def render(due_list: DueList) -> str:
    """A header row, then the items in the list's order (RFC 4180 quoting)."""
    buffer = io.StringIO()
    # '\n' rather than csv's default '\r\n': the file is text, like every
    # other report; spreadsheet and csv readers take either.
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    for item in due_list.items:
        writer.writerow(_cell(value) for value in (
            item.identity, item.what, item.action, item.rule or "",
            item.date.isoformat(), item.days_left, item.actor or "",
            item.business_owner or "", item.technical_owner or "", item.team or "",
            item.file, item.line,
        ))
    return buffer.getvalue()


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet read a text cell as a formula (OWASP: CSV injection)."""


def _cell(value: str | int) -> str | int:
    # An owner written as '=HYPERLINK(...)' must open as text, not run: a
    # leading apostrophe is what spreadsheets take as "this is text". Numbers
    # (a negative days_left) stay numbers.
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
