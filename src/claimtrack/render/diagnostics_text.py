"""`path:line:col: CODE message`, one finding a line, sorted, then a summary line."""

from __future__ import annotations

from claimtrack.diagnostics import Diagnostic, Severity
from claimtrack.render.escape import terminal


def summary(diagnostics: list[Diagnostic], files: int) -> str:
    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    warnings = len(diagnostics) - errors
    if not diagnostics:
        return f"All clean: {files} file{'s' if files != 1 else ''} checked."
    return (
        f"Found {errors} error{'s' if errors != 1 else ''} and {warnings} "
        f"warning{'s' if warnings != 1 else ''} in {files} file{'s' if files != 1 else ''}."
    )


def line(d: Diagnostic) -> str:
    """One finding on one line: file names and messages quote users' text, escaped."""
    return f"{terminal(d.path)}:{d.line}:{d.column}: {d.code} {terminal(d.message)}"


def render(diagnostics: list[Diagnostic], files: int) -> str:
    lines = [line(d) for d in diagnostics]
    return "\n".join([*lines, summary(diagnostics, files)]) + "\n"
