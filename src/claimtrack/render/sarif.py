"""Findings as SARIF 2.1.0, the format code-scanning dashboards (GitHub's among them) read.

Each code is a rule whose help is the same documentation `claimtrack explain` prints; each
finding is a result located in its file relative to the project (`%SRCROOT%`), so a dashboard
links it to the line.
"""

from __future__ import annotations

import json

from claimtrack import __version__
from claimtrack.diagnostics import CODES, Diagnostic, Severity

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _rule(code: str) -> dict[str, object]:
    from claimtrack.explain import explain

    found = CODES[code]
    return {
        "id": code,
        "name": found.title,
        "shortDescription": {"text": found.title},
        "help": {"text": explain(code).text},
        "defaultConfiguration": {
            "level": "error" if found.severity is Severity.ERROR else "warning"
        },
    }


def render(diagnostics: list[Diagnostic], files: int, accepted: int = 0) -> str:
    codes = sorted({d.code for d in diagnostics})
    index = {code: i for i, code in enumerate(codes)}
    results = [
        {
            "ruleId": d.code,
            "ruleIndex": index[d.code],
            "level": "error" if d.severity is Severity.ERROR else "warning",
            "message": {"text": d.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": d.path, "uriBaseId": "%SRCROOT%"},
                        "region": {"startLine": d.line, "startColumn": d.column},
                    }
                }
            ],
        }
        for d in diagnostics
    ]
    document = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "claimtrack",
                        "version": __version__,
                        "rules": [_rule(code) for code in codes],
                    }
                },
                "results": results,
                "properties": {"filesChecked": files, "acceptedFindings": accepted},
            }
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
