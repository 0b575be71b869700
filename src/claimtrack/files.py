"""Reading and writing users' files safely.

Reading: only regular files, through a non-blocking open (a FIFO or a device never blocks the
run), never more than the limit plus one byte whatever the file claims its size is, and symbolic
links only when they resolve inside the project (a pull request can commit a link to /dev/zero,
/dev/stdin or a secret). Writing: atomically, and never over something that exists unless asked,
and never over anything but a regular file.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)
_READ_CHUNK = 1 << 20


def kind_of(mode: int) -> str:
    """What a non-regular file is, in words."""
    return next((words for test, words in _KINDS if test(mode)), "not a regular file")


class UnsafeFile(Exception):
    """A file that is not read: `code` is the finding code (CT001 cannot read, CT004 too large)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def _too_large(what: str, limit: int) -> UnsafeFile:
    return UnsafeFile("CT004", f"{what}; the limit is {limit:,} bytes: split it into several files")


def inside(path: Path | str, folder: Path | str) -> bool:
    """Whether `path`, every symbolic link followed, is within `folder` (itself resolved)."""
    return Path(os.path.realpath(path)).is_relative_to(os.path.realpath(folder))


def read_regular(path: Path, *, within: Path, limit: int, head: bool = False) -> bytes:
    """The bytes of `path` if it is a regular file inside `within`, at most `limit` of them.

    Raises `UnsafeFile` instead of reading a special file, a file reached through a link that
    leaves `within`, or more than `limit` bytes (counted while reading: `st_size` is not trusted,
    /proc and /sys files report 0 and grow). With `head`, a longer file gives its first `limit`
    bytes instead.
    """
    if not inside(path, within):
        raise UnsafeFile(
            "CT001",
            "is a symbolic link that leads outside the project; only links inside it are followed",
        )
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except OSError as exc:
        raise UnsafeFile("CT001", f"cannot read file: {exc.strerror or exc}") from None
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            raise UnsafeFile("CT001", f"is {kind_of(status.st_mode)}; only regular files are read")
        if status.st_size > limit and not head:
            raise _too_large(f"file is {status.st_size:,} bytes", limit)
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(_READ_CHUNK, limit + (not head) - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit and not head:
            raise _too_large("file holds more than its recorded size", limit)
        if head and size >= limit:
            return b"".join(chunks)
        return b"".join(chunks)
    except OSError as exc:
        raise UnsafeFile("CT001", f"cannot read file: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


class RefusedOverwrite(Exception):
    """The target exists and overwriting was not asked for, or it is not a regular file."""


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomically(path: Path, text: str, *, overwrite: bool = False) -> None:
    """Write `text` to `path` through a temporary file and a rename: all or nothing.

    A dangling symbolic link counts as existing. Even with `overwrite`, only a regular file (or
    a link, which is replaced, never written through) is replaced: never a device or a FIFO.
    Raises OSError when the folder cannot be written or the disk or a size limit is reached.
    """
    with atomic_writer(path, overwrite=overwrite) as handle:
        handle.write(text)


@contextmanager
def atomic_writer(path: Path, *, overwrite: bool = False) -> Iterator[TextIO]:
    """A file to write `path` through piece by piece, all or nothing, as `write_atomically`:
    what is written goes to a temporary file, renamed to `path` only when the block ends
    without an exception, so a document streamed out record by record is never left half
    written."""
    try:
        mode: int | None = os.lstat(path).st_mode
    except FileNotFoundError:
        mode = None
    if mode is not None:
        if not overwrite:
            raise RefusedOverwrite(f"{path} exists; use --force to replace it")
        if not (stat.S_ISREG(mode) or stat.S_ISLNK(mode)):
            raise RefusedOverwrite(
                f"{path} is {kind_of(mode)}; not replacing it, even with --force"
            )
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.chmod(temp, 0o666 & ~_umask())  # as an ordinary new file, not mkstemp's private 0600
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            yield handle
        if overwrite:
            os.replace(temp, path)
        else:
            os.link(temp, path)
    finally:
        if os.path.exists(temp):
            os.unlink(temp)
