"""``due --format json``: exactly SPEC section 7, stable byte for byte."""

from __future__ import annotations

import json
from typing import Any

from nhiown.due import DueList, Item


def item_dict(item: Item) -> dict[str, Any]:
    """One item in the documented shape (and nothing more: scripts rely on it)."""
    return {
        "identity": item.identity,
        "what": item.what,
        "date": item.date.isoformat(),
        "days_left": item.days_left,
        "business_owner": item.business_owner,
        "technical_owner": item.technical_owner,
        "team": item.team,
        "file": item.file,
        "line": item.line,
    }


def render(due_list: DueList) -> str:
    """The whole list as one JSON document, items in the list's order."""
    document = {
        "version": 1,
        "today": due_list.today.isoformat(),
        "within_days": due_list.within_days,
        "items": [item_dict(item) for item in due_list.items],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
