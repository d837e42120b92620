"""One value to set below one identity: what every edit is made of."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Change:
    """Set the value at ``path`` (below one identity) to the text ``value``."""

    path: tuple[str, ...]
    value: str
