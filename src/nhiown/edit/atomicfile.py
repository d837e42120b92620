"""Replacing a file all at once: a reader sees the old bytes or the new, never
half of either, and a failure leaves the old file as it was."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from nhiown.errors import NhiownError


class ChangedOnDisk(NhiownError):
    """The file is no longer what the edit was worked out from."""

    def __init__(self, name: str) -> None:
        super().__init__(
            "the file changed on disk while nhiown was editing it; nothing written",
            file=name, hint="run the command again",
        )


def replace_file(path: Path, expected: bytes, content: bytes, name: str) -> None:
    """Write ``content`` over ``path``, which must still hold ``expected``.

    The temporary file sits in the same directory, so that the rename stays
    on one file system and is atomic; it takes the original's permissions.
    Through a symbolic link, the file it points to is replaced.
    """
    target = path.resolve()
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
        handle, temporary = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
        )
    except OSError as exc:
        raise NhiownError(f"cannot write file: {exc.strerror}", file=name) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        if target.read_bytes() != expected:
            raise ChangedOnDisk(name)
        os.replace(temporary, target)
    except OSError as exc:
        _remove(temporary)
        raise NhiownError(f"cannot write file: {exc.strerror}", file=name) from None
    except BaseException:
        _remove(temporary)
        raise


def _remove(temporary: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(temporary)
