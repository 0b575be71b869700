"""`conflicts --format markdown`: a section per conflict, for an editor's review or a PR comment."""

from __future__ import annotations

from typing import Any

from claimtrack.render.escape import markdown, markdown_code
from claimtrack.render.records import sides
from claimtrack.text import plural


def _cell(text: object) -> str:
    return markdown(str(text if text is not None else ""))


def render(document: dict[str, Any]) -> str:
    summary = document["summary"]
    lines = ["# Conflicts", ""]
    kinds = ", ".join(f"{n} {k}" for k, n in summary["by_kind"].items()) or "none"
    statuses = ", ".join(f"{n} {s}" for s, n in summary["by_status"].items()) or "none"
    lines += [f"{plural(summary['conflicts'], 'conflict')} ({kinds}; {statuses}).", ""]
    for conflict in document["conflicts"]:
        lines += [
            f"## {_cell(conflict['id'])} · {conflict['kind']} · {conflict['status']}",
            "",
            _cell(conflict["summary"]),
            "",
            f"*Why:* {_cell(conflict['explanation'])}",
            "",
        ]
        if conflict["verdict"]:
            v = conflict["verdict"]
            rated = f", rated {v['rating']}" if v["rating"] else ""
            decided = f": {v['verdict']}" if v["verdict"] else ""
            lines += [
                f"*Verdict* ({_cell(v['status'])}{_cell(rated)}){_cell(decided)} "
                f"({_cell(v['by'] or 'unknown')}, {_cell(v['date'] or 'undated')})",
                "",
            ]
            if v["note"]:
                lines += [f"*Note:* {_cell(v['note'])}", ""]
            if v["new_claims"]:
                lines += [f"*New since the verdict:* {_cell(', '.join(v['new_claims']))}", ""]
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
                    f"| {_cell(side)} | {markdown_code(claim['id'])} "
                    f"| {_cell(claim['attribution'])} "
                    f"| {_cell(claim['value']['text'])} "
                    f"| {_cell(claim['kind'])} | {markdown_code(where)}{_cell(publisher)} | "
                    f"“{_cell(source['quote'])}” |"
                )
                side = ""
        lines.append("")
    for revision in document["revisions"]:
        lines += [f"## {_cell(revision['id'])} · revision", "", _cell(revision["summary"]), ""]
        for stage in revision["stages"]:
            standing = " (stands)" if stage["latest"] else ""
            listed = ", ".join(markdown_code(c) for c in stage["claims"])
            lines.append(f"- {_cell(stage['stage'])}{standing}: {_cell(stage['label'])} ({listed})")
        lines.append("")
    return "\n".join(lines)
