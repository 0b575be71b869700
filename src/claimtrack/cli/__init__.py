"""The command line: one module per command group, each as thin as it can be.

Exit codes: 0 clean, 1 findings (or open conflicts with --fail-on open), 2 usage error or input
that cannot be read. Heavy modules are imported inside commands so `--version` starts fast.
"""

from __future__ import annotations

import sys
from importlib import import_module

from claimtrack.cli.common import app

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

for _name in COMMAND_MODULES:
    import_module(f"claimtrack.cli.{_name}")

__all__ = ["app", "main"]


def main() -> None:
    """Console entry point. An unexpected error is reported in one line, never a traceback."""
    try:
        app()
    except Exception as exc:
        sys.stderr.write(
            f"claimtrack: internal error: {type(exc).__name__}: {exc}\n"
            "Please report this with the command you ran.\n"
        )
        sys.exit(2)
