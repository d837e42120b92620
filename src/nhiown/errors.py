"""The one exception family: anything that stops nhiown from running (exit 2)."""

from __future__ import annotations

import errno
from collections.abc import Iterator
from contextlib import contextmanager

from nhiown.secretscan import redact


class NhiownError(Exception):
    """Input nhiown cannot work with; rendered as one line on stderr, exit 2.

    ``file``, ``line`` and ``column`` (1-based) say where, when known; ``hint``
    is an optional suggestion shown after the message.
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        column: int | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.hint = hint

    def location(self) -> str:
        """``file:line:column`` as far as known, or an empty string."""
        parts = [p for p in (self.file, self.line, self.column) if p is not None]
        return ":".join(str(p) for p in parts)

    def __str__(self) -> str:
        where = self.location()
        text = f"{where}: {self.message}" if where else self.message
        text = f"{text} (hint: {self.hint})" if self.hint else text
        # Messages quote keys and values from the file; never a secret.
        return redact(text)


class YamlError(NhiownError):
    """The file is not YAML nhiown accepts (syntax, tabs, tags, duplicates...)."""


class ConfigError(NhiownError):
    """The configuration (policy, people, options) is unusable."""


class UsageError(NhiownError):
    """The command line asks for something that cannot be done."""


class OutputError(NhiownError):
    """Standard output went away or filled up: what was printed is cut short."""


# A pipe closed by the reader (`| head`) and a full device (`> /dev/full`).
OUTPUT_FAILURES = (errno.EPIPE, errno.ENOSPC)


@contextmanager
def output_failures_as_errors(
    lead: str = "cannot write to standard output",
) -> Iterator[None]:
    """Turn a failed write to stdout inside the block into an OutputError."""
    try:
        yield
    except OSError as exc:
        if exc.errno not in OUTPUT_FAILURES:
            raise
        raise OutputError(f"{lead}: {exc.strerror}; the output is incomplete") from None
