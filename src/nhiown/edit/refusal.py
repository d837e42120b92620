"""Declined edits: the command ran, judged the edit wrong or unsafe, and wrote
nothing (exit 1). Input it cannot use at all is an NhiownError (exit 2)."""

from __future__ import annotations


class Refusal(Exception):
    """An edit nhiown will not make; ``hint`` says what to do instead."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} (hint: {self.hint})" if self.hint else self.message
