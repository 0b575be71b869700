"""`path:line:col: CODE message`, one finding a line, sorted, then a summary line."""

from __future__ import annotations

from claimtrack.diagnostics import Diagnostic, Severity
from claimtrack.render.escape import terminal
from claimtrack.text import plural


def summary(diagnostics: list[Diagnostic], files: int, accepted: int = 0) -> str:
    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    warnings = len(diagnostics) - errors
    left_out = f"; {plural(accepted, 'accepted finding')} left out (ignore:)" if accepted else ""
    if not diagnostics:
        return f"All clean: {plural(files, 'file')} checked{left_out}."
    return (
        f"Found {plural(errors, 'error')} and {plural(warnings, 'warning')} "
        f"in {plural(files, 'file')}{left_out}."
    )


def line(d: Diagnostic) -> str:
    """One finding on one line: file names and messages quote users' text, escaped."""
    return f"{terminal(d.path)}:{d.line}:{d.column}: {d.code} {terminal(d.message)}"


def render(diagnostics: list[Diagnostic], files: int, accepted: int = 0) -> str:
    lines = [line(d) for d in diagnostics]
    return "\n".join([*lines, summary(diagnostics, files, accepted)]) + "\n"
