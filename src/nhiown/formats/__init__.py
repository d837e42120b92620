"""Output formats. Each renders a finished report to text; none decides anything."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Display:
    """How the terminal looks: colour, width, and whether it can show Unicode."""

    color: bool = False
    width: int = 80
    unicode: bool = True


Renderer = Callable[[Any, Display], str]


def lazy(module: str, *, uses_display: bool = True) -> Renderer:
    """The ``render`` of ``nhiown.formats.<module>``, imported on first use.

    A run pays the import of the one format it prints, not of all of them:
    ``check`` runs in pre-commit on every commit.
    """

    def render(value: Any, display: Display) -> str:
        format_module = importlib.import_module(f"nhiown.formats.{module}")
        if uses_display:
            return format_module.render(value, display)
        return format_module.render(value)

    return render
