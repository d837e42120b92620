"""Output formats. Each renders a finished report to text; none decides anything."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Display:
    """How the terminal looks: colour, width, and whether it can show Unicode."""

    color: bool = False
    width: int = 80
    unicode: bool = True
