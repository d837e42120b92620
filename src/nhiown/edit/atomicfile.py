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
    on one file system and is atomic; it takes the original's owner, group
    and mode where it may (see ``_keep_owner``). Through a symbolic link, the
    file it points to is replaced. A file the user may not write is left
    alone, although the rename alone would be allowed to replace it, and so
    is a file with other hard links, which the rename would leave behind.
    """
    target = path.resolve()
    _require_write_access(target, name)
    try:
        original = target.stat()
        _require_single_link(original, name)
        handle, temporary = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
        )
    except OSError as exc:
        raise NhiownError(f"cannot write file: {exc.strerror}", file=name) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
            stream.flush()
            # After the write, which may clear setuid, and chmod after chown,
            # which clears it; fsync last so that the metadata is on disk too.
            os.chmod(temporary, _keep_owner(temporary, original))
            os.fsync(stream.fileno())
        if target.read_bytes() != expected:
            raise ChangedOnDisk(name)
        os.replace(temporary, target)
    except OSError as exc:
        _remove(temporary)
        raise NhiownError(f"cannot write file: {exc.strerror}", file=name) from None
    except BaseException:
        _remove(temporary)
        raise


def _require_write_access(target: Path, name: str) -> None:
    """NhiownError unless the user may write ``target`` itself.

    Renaming needs only write access to the directory, so without this a
    read-only file (mode 444, or another user's) in a shared folder would be
    replaced, and would then belong to the editor. Root passes, as it does
    for any write.
    """
    if target.exists() and not os.access(target, os.W_OK):
        raise NhiownError(
            "cannot write file: Permission denied", file=name,
            hint="the file is read-only for you; ask its owner, or make it"
            " writable first",
        )


def _require_single_link(original: os.stat_result, name: str) -> None:
    """NhiownError when the file has other hard links.

    The rename gives this name a new file; every other link would keep the
    old text, and the two copies would then differ (and, in one inventory,
    define every identity twice).
    """
    if original.st_nlink > 1:
        raise NhiownError(
            f"has {original.st_nlink} hard links; an edit by rename would split"
            " them", file=name,
            hint="edit the file by hand so that every link sees the change, or"
            " copy it to a file of its own first",
        )


def _keep_owner(temporary: str, original: os.stat_result) -> int:
    """Give ``temporary`` the original's owner and group; the mode it may take.

    Only root may give a file away, and an owner may only pass it to a group
    they are in. When that is refused, the edit goes ahead, as it does in any
    editor that writes by renaming: the new file belongs to the editor, who
    could write the old one anyway. It then loses setuid (and setgid, when the
    group changed too), since those bits would now run a program as the
    editor instead of the original owner; the kernel's chown drops them for
    the same reason. Any other error of chown stops the edit.
    """
    mode = stat.S_IMODE(original.st_mode)
    wanted = (original.st_uid, original.st_gid)
    if not hasattr(os, "chown"):  # Windows: no owners to keep
        return mode
    if _owner(temporary) != wanted:
        try:
            os.chown(temporary, *wanted)
        except PermissionError:
            with contextlib.suppress(PermissionError):
                os.chown(temporary, -1, original.st_gid)
    uid, gid = _owner(temporary)
    if uid != original.st_uid:
        mode &= ~stat.S_ISUID
    if gid != original.st_gid:
        mode &= ~stat.S_ISGID
    return mode


def _owner(path: str) -> tuple[int, int]:
    info = os.stat(path)
    return info.st_uid, info.st_gid


def _remove(temporary: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(temporary)
