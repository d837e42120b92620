"""``due --format markdown``: a weekly digest for an e-mail, a chat or an issue.

Bullets rather than a table: chat tools that render Markdown render lists,
and far fewer render tables.
"""

from __future__ import annotations

import re

from nhiown.due import DueList, Item
from nhiown.formats.due_text import NO_OWNER, nothing_due, summary, task, when

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def render(due_list: DueList) -> str:
    """A title, a summary sentence, then one section per person who must act."""
    lines = [f"# Machine identities due by {due_list.until}", ""]
    if not due_list.items:
        lines.append(f"As of {due_list.today}: {nothing_due(due_list)}.")
        return "\n".join(lines) + "\n"
    lines += [f"As of {due_list.today}: {summary(due_list)}.", ""]
    for actor, items in due_list.by_actor():
        overdue = sum(item.overdue for item in items)
        heading = f"## {_escape(actor or NO_OWNER)}: {len(items)} to do"
        lines += [heading + (f", {overdue} overdue" if overdue else ""), ""]
        lines += [_bullet(item) for item in items]
        lines.append("")
    return "\n".join(lines)


def _bullet(item: Item) -> str:
    left = when(item)
    if item.days_left <= 0:
        left = f"**{left}**"
    context = [f"with {_escape(item.other_owner)}"] if item.other_owner else []
    context += [f"team {_escape(item.team)}"] if item.team else []
    context.append(f"`{item.file}:{item.line}`")
    return (
        f"- {left} ({item.date}): `{item.identity}` - {task(item)}"
        f" ({'; '.join(context)})"
    )


def _escape(text: str) -> str:
    """Owner and team names as literal text, whatever characters they hold."""
    return _SPECIAL.sub(r"\\\1", text)
