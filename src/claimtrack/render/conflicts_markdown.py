"""`conflicts --format markdown`: a section per conflict, for an editor's review or a PR comment."""

from __future__ import annotations

from typing import Any

from claimtrack.render.escape import markdown, markdown_code


def _cell(text: object) -> str:
    return markdown(str(text if text is not None else ""))


def render(document: dict[str, Any]) -> str:
    summary = document["summary"]
    lines = ["# Conflicts", ""]
    kinds = ", ".join(f"{n} {k}" for k, n in summary["by_kind"].items()) or "none"
    statuses = ", ".join(f"{n} {s}" for s, n in summary["by_status"].items()) or "none"
    lines += [f"{summary['conflicts']} conflicts ({kinds}; {statuses}).", ""]
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
            lines += [
                f"*Verdict:* {_cell(v['verdict'])} (rating: {_cell(v['rating'] or 'none')}, "
                f"by {_cell(v['by'] or 'unknown')}, {_cell(v['date'] or 'undated')})",
                "",
            ]
        lines += [
            "| Claim | Claimant | Value | Kind | Source | Quote |",
            "|---|---|---|---|---|---|",
        ]
        for claim in conflict["claims"]:
            source = claim["source"]
            where = source["seed"] + (f":{source['line']}" if source["line"] else "")
            title = (
                f" ({source['title']}, {source['published'] or 'undated'})"
                if source["title"]
                else ""
            )
            lines.append(
                f"| {markdown_code(claim['id'])} | {_cell(claim['claimant_name'])} "
                f"| {_cell(claim['value']['text'])} "
                f"| {_cell(claim['kind'])} | {_cell(where + title)} | "
                f"“{_cell(source['quote'])}” |"
            )
        lines.append("")
    return "\n".join(lines)
