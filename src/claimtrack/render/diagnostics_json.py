"""Diagnostics as a JSON object: {"diagnostics": [...], "summary": {...}}."""

from __future__ import annotations

import json

from claimtrack.diagnostics import Diagnostic, Severity


def as_dicts(diagnostics: list[Diagnostic]) -> list[dict[str, object]]:
    return [
        {
            "path": d.path,
            "line": d.line,
            "column": d.column,
            "code": d.code,
            "severity": d.severity.value,
            "message": d.message,
        }
        for d in diagnostics
    ]


def render(diagnostics: list[Diagnostic], files: int, accepted: int = 0) -> str:
    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    document = {
        "diagnostics": as_dicts(diagnostics),
        "summary": {
            "files": files,
            "errors": errors,
            "warnings": len(diagnostics) - errors,
            "accepted": accepted,
        },
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
