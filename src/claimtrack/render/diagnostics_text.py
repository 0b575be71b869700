"""`path:line:col: CODE message`, one finding a line, sorted, then a summary line."""

from __future__ import annotations

from claimtrack.diagnostics import Diagnostic, Severity


def summary(diagnostics: list[Diagnostic], files: int) -> str:
    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    warnings = len(diagnostics) - errors
    if not diagnostics:
        return f"All clean: {files} file{'s' if files != 1 else ''} checked."
    return (
        f"Found {errors} error{'s' if errors != 1 else ''} and {warnings} "
        f"warning{'s' if warnings != 1 else ''} in {files} file{'s' if files != 1 else ''}."
    )


def render(diagnostics: list[Diagnostic], files: int) -> str:
    lines = [f"{d.path}:{d.line}:{d.column}: {d.code} {d.message}" for d in diagnostics]
    return "\n".join([*lines, summary(diagnostics, files)]) + "\n"
