"""The command line: one module per command group, each as thin as it can be.

Exit codes: 0 clean, 1 findings (or conflicts that fail --fail-on), 2 usage error or input
that cannot be read. Heavy modules are imported inside commands, and the commands themselves are
only registered when the command line is used, so `claimtrack --version` answers without
loading typer at all.
"""

from __future__ import annotations

import sys
from importlib import import_module
from typing import TYPE_CHECKING, Any

from claimtrack import __version__

if TYPE_CHECKING:
    import typer

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


def _app() -> typer.Typer:
    """The typer app with every command registered (importing a module twice is a no-op)."""
    from claimtrack.cli.common import app

    for name in COMMAND_MODULES:
        import_module(f"claimtrack.cli.{name}")
    return app


def __getattr__(name: str) -> Any:
    """`from claimtrack.cli import app` gives the app with its commands."""
    if name == "app":
        return _app()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main() -> None:
    """Console entry point. An unexpected error is reported in one line, never a traceback.

    A lone `--version` is answered before the command line is built: typer would otherwise
    build every command first, which takes longer than everything else together.
    """
    if sys.argv[1:] == ["--version"]:
        sys.stdout.write(f"claimtrack {__version__}\n")
        return
    try:
        _app()()
    except Exception as exc:
        sys.stderr.write(
            f"claimtrack: internal error: {type(exc).__name__}: {exc}\n"
            "Please report this with the command you ran.\n"
        )
        sys.exit(2)
