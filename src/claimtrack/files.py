"""Writing users' files safely: atomically, and never over something that exists unless asked."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


class RefusedOverwrite(Exception):
    """The target exists and overwriting was not asked for."""


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomically(path: Path, text: str, *, overwrite: bool = False) -> None:
    """Write `text` to `path` through a temporary file and a rename: all or nothing."""
    if path.exists() and not overwrite:
        raise RefusedOverwrite(f"{path} exists; not overwriting it")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.chmod(temp, 0o666 & ~_umask())  # as an ordinary new file, not mkstemp's private 0600
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        if overwrite:
            os.replace(temp, path)
        else:
            os.link(temp, path)
    finally:
        if os.path.exists(temp):
            os.unlink(temp)
