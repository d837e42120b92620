"""Wording shared by the human formats of ``due`` (table, Markdown, calendar)."""

from __future__ import annotations

from nhiown.due import DueList, Item

NO_OWNER = "(no owner)"


def days(count: int) -> str:
    """'1 day', '30 days'."""
    return f"{count} day" + ("" if count == 1 else "s")


def when(item: Item) -> str:
    """'3 days overdue', 'today' or 'in 5 days'."""
    count = days(abs(item.days_left))
    if item.days_left < 0:
        return f"{count} overdue"
    return "today" if item.days_left == 0 else f"in {count}"


def task(item: Item) -> str:
    """The action with what it applies to: 'renew or drop waiver of SCP001'."""
    if item.rule:
        return f"{item.action} of {item.rule}"
    return item.action


def nothing_due(due_list: DueList) -> str:
    """The one line printed when the list is empty."""
    scope = due_list.filters.describe()
    suffix = f" for {scope}" if scope else ""
    return f"nothing due within {days(due_list.within_days)}{suffix}"


def summary(due_list: DueList) -> str:
    """'5 items due within 30 days, 2 overdue'."""
    count = len(due_list.items)
    text = f"{count} item{'' if count == 1 else 's'} due within"
    text += f" {days(due_list.within_days)} (until {due_list.until})"
    scope = due_list.filters.describe()
    if scope:
        text += f" for {scope}"
    return text + f", {due_list.overdue} overdue"


def owners_line(item: Item) -> str:
    """'business alice@example.com, technical bob@example.com'."""
    return (
        f"business {item.business_owner or NO_OWNER},"
        f" technical {item.technical_owner or NO_OWNER}"
    )
