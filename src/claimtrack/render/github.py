"""GitHub Actions workflow commands, so findings show on the lines of a pull request."""

from __future__ import annotations

from claimtrack.diagnostics import Diagnostic, Severity
from claimtrack.render.diagnostics_text import summary


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(diagnostics: list[Diagnostic], files: int, accepted: int = 0) -> str:
    lines = []
    for d in diagnostics:
        level = "error" if d.severity is Severity.ERROR else "warning"
        props = (
            f"file={_escape_property(d.path)},line={d.line},col={d.column},"
            f"title={_escape_property(d.code)}"
        )
        lines.append(f"::{level} {props}::{_escape_data(f'{d.code} {d.message}')}")
    return "\n".join([*lines, summary(diagnostics, files, accepted)]) + "\n"
