"""GitHub Actions workflow commands, so findings show on the lines of a pull request."""

from __future__ import annotations

from claimtrack.diagnostics import Diagnostic, Severity
from claimtrack.render.diagnostics_text import summary
from claimtrack.render.escape import github_data, github_property


def render(diagnostics: list[Diagnostic], files: int, accepted: int = 0) -> str:
    lines = []
    for d in diagnostics:
        level = "error" if d.severity is Severity.ERROR else "warning"
        props = (
            f"file={github_property(d.path)},line={d.line},col={d.column},"
            f"title={github_property(d.code)}"
        )
        lines.append(f"::{level} {props}::{github_data(f'{d.code} {d.message}')}")
    return "\n".join([*lines, summary(diagnostics, files, accepted)]) + "\n"
