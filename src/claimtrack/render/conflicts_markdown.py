"""`conflicts --format markdown`: a section per conflict, for an editor's review or a PR comment."""

from __future__ import annotations

from typing import Any

from claimtrack.render.records import sides
from claimtrack.text import plural


def _cell(text: object) -> str:
    return str(text if text is not None else "").replace("|", "\\|").replace("\n", " ")


def render(document: dict[str, Any]) -> str:
    summary = document["summary"]
    lines = ["# Conflicts", ""]
    kinds = ", ".join(f"{n} {k}" for k, n in summary["by_kind"].items()) or "none"
    statuses = ", ".join(f"{n} {s}" for s, n in summary["by_status"].items()) or "none"
    lines += [f"{plural(summary['conflicts'], 'conflict')} ({kinds}; {statuses}).", ""]
    for conflict in document["conflicts"]:
        lines += [
            f"## {conflict['id']} · {conflict['kind']} · {conflict['status']}",
            "",
            conflict["summary"],
            "",
            f"*Why:* {conflict['explanation']}",
            "",
        ]
        if conflict["verdict"]:
            v = conflict["verdict"]
            rated = f", rated {v['rating']}" if v["rating"] else ""
            decided = f": {v['verdict']}" if v["verdict"] else ""
            lines += [
                f"*Verdict* ({v['status']}{rated}){decided} "
                f"({v['by'] or 'unknown'}, {v['date'] or 'undated'})",
                "",
            ]
            if v["note"]:
                lines += [f"*Note:* {v['note']}", ""]
        lines += [
            "| Side | Claim | Claimant | Value | Kind | Source | Quote |",
            "|---|---|---|---|---|---|---|",
        ]
        for label, position, claims in sides(conflict):
            side = f"{label} ({plural(position['independent_sources'], 'source')})"
            for claim in claims:
                source = claim["source"]
                where = source["seed"] + (f":{source['line']}" if source["line"] else "")
                publisher = f", {source['publisher']}" if source["publisher"] else ""
                lines.append(
                    f"| {_cell(side)} | `{claim['id']}` | {_cell(claim['attribution'])} "
                    f"| {_cell(claim['value']['text'])} "
                    f"| {claim['kind']} | `{where}`{_cell(publisher)} | "
                    f"“{_cell(source['quote'])}” |"
                )
                side = ""
        lines.append("")
    return "\n".join(lines)
