"""The command line: one module per command group, each as thin as it can be.

Exit codes: 0 clean, 1 findings (or conflicts that fail --fail-on), 2 usage error or input
that cannot be read. Heavy modules are imported inside commands, and the commands themselves are
only registered when the command line is used, so `claimtrack --version` answers without
loading typer at all.
"""

from __future__ import annotations

import errno
import io
import os
import signal
import sys
from importlib import import_module
from typing import TYPE_CHECKING, Any

from claimtrack import __version__

if TYPE_CHECKING:
    import typer
    from typing_extensions import Buffer

COMMAND_MODULES = (
    "validate",
    "explain",
    "conflicts",
    "curate",
    "browse",
    "claimants",
    "publish",
    "project",
)
"""Each registers its commands on `app` when imported; `--help` lists them in this order."""

__all__ = ["app", "main"]


FAST_COMMANDS = ("validate",)
"""Commands a hook runs on every commit, registered alone when they are the command run: typer
builds every registered command's options before running one, which took longer than
checking a file. Each is the only command its module registers (a test pins this)."""


def _app(command: str | None = None) -> typer.Typer:
    """The typer app with every command registered (importing a module twice is a no-op), or
    with `command` alone when it is one of `FAST_COMMANDS`."""
    from claimtrack.cli.common import app

    if command in FAST_COMMANDS:
        import_module(f"claimtrack.cli.{command}")
        return app
    for name in COMMAND_MODULES:
        import_module(f"claimtrack.cli.{name}")
    return app


def __getattr__(name: str) -> Any:
    """`from claimtrack.cli import app` gives the app with its commands."""
    if name == "app":
        return _app()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_OUTPUT_ERRORS = {errno.EFBIG: "file too large", errno.ENOSPC: "no space left on device"}
_OUTPUT_ERRORS |= {errno.EDQUOT: "disk quota exceeded", errno.EIO: "input/output error"}


class _WholeWrites(io.FileIO):
    """Standard output that writes all it is given or raises: a plain file descriptor takes
    part of a write at a size limit or a full disk, and Python's buffer then drops the rest
    without a word, so the output would be cut short with exit 0."""

    def write(self, data: Buffer) -> int:
        view = memoryview(data).cast("B")
        done = 0
        while done < len(view):
            done += super().write(view[done:]) or 0
        return done


def _prepare_streams() -> None:
    """Output that survives its surroundings.

    A character the terminal's encoding cannot show (PYTHONIOENCODING=ascii, a C locale) is
    written as a backslash escape instead of failing the run. A file-size limit (ulimit -f)
    makes a write fail with an error to report, instead of the signal that kills the process.
    """
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.flush()
        sys.stdout = io.TextIOWrapper(
            io.BufferedWriter(_WholeWrites(sys.stdout.fileno(), "w", closefd=False)),
            encoding=sys.stdout.encoding,
            errors="backslashreplace",
            line_buffering=sys.stdout.line_buffering,
            write_through=sys.stdout.write_through,
        )
    if isinstance(sys.stderr, io.TextIOWrapper):
        sys.stderr.reconfigure(errors="backslashreplace")
    if hasattr(signal, "SIGXFSZ"):
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)


def _discard_output() -> None:
    """What is still buffered goes nowhere, so exiting does not fail on it a second time."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def main() -> None:
    """Console entry point. An unexpected error is reported in one line, never a traceback.

    A lone `--version` is answered before the command line is built: typer would otherwise
    build every command first, which takes longer than everything else together. Output that
    cannot be written (a closed pipe, a full disk, a size limit) ends the run with exit 2 and,
    but for a closed pipe, a line on stderr: it is the surroundings, not a bug.
    """
    _prepare_streams()
    if sys.argv[1:] == ["--version"]:
        sys.stdout.write(f"claimtrack {__version__}\n")
        sys.stdout.flush()
        return
    try:
        try:
            _app(sys.argv[1] if len(sys.argv) > 1 else None)()
        finally:
            sys.stdout.flush()
    except BrokenPipeError:
        _discard_output()
        sys.exit(2)
    except Exception as exc:
        if isinstance(exc, OSError) and exc.errno in _OUTPUT_ERRORS and exc.filename is None:
            _discard_output()
            sys.stderr.write(f"claimtrack: cannot write the output: {_OUTPUT_ERRORS[exc.errno]}\n")
            sys.exit(2)
        sys.stderr.write(
            f"claimtrack: internal error: {type(exc).__name__}: {exc}\n"
            "Please report this with the command you ran.\n"
        )
        sys.exit(2)
