"""The command line: one module per command group, each as thin as it can be.

Exit codes: 0 clean, 1 findings (or open conflicts with --fail-on open), 2 usage error or input
that cannot be read. Heavy modules are imported inside commands so `--version` starts fast.
"""

from __future__ import annotations

import errno
import io
import os
import signal
import sys
from importlib import import_module

from claimtrack.cli.common import app

COMMAND_MODULES = ("validate", "conflicts", "browse", "publish", "project")
"""Each registers its commands on `app` when imported; `--help` lists them in this order."""

for _name in COMMAND_MODULES:
    import_module(f"claimtrack.cli.{_name}")

__all__ = ["app", "main"]


_OUTPUT_ERRORS = {errno.EFBIG: "file too large", errno.ENOSPC: "no space left on device"}
_OUTPUT_ERRORS |= {errno.EDQUOT: "disk quota exceeded", errno.EIO: "input/output error"}


def _prepare_streams() -> None:
    """Output that survives its surroundings.

    A character the terminal's encoding cannot show (PYTHONIOENCODING=ascii, a C locale) is
    written as a backslash escape instead of failing the run. A file-size limit (ulimit -f)
    makes a write fail with an error to report, instead of the signal that kills the process.
    """
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
    if hasattr(signal, "SIGXFSZ"):
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)


def main() -> None:
    """Console entry point. An unexpected error is reported in one line, never a traceback.

    Output that cannot be written (a closed pipe, a full disk, a size limit) ends the run with
    exit 2 and, but for a closed pipe, a line on stderr: it is the surroundings, not a bug.
    """
    _prepare_streams()
    try:
        try:
            app()
        finally:
            sys.stdout.flush()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(2)
    except Exception as exc:
        if isinstance(exc, OSError) and exc.errno in _OUTPUT_ERRORS and exc.filename is None:
            sys.stderr.write(f"claimtrack: cannot write the output: {_OUTPUT_ERRORS[exc.errno]}\n")
            sys.exit(2)
        sys.stderr.write(
            f"claimtrack: internal error: {type(exc).__name__}: {exc}\n"
            "Please report this with the command you ran.\n"
        )
        sys.exit(2)
