"""`conflicts --format markdown`: a section per conflict, for an editor's review or a PR comment."""

from __future__ import annotations

from typing import Any


def _cell(text: object) -> str:
    return str(text if text is not None else "").replace("|", "\\|").replace("\n", " ")


def render(document: dict[str, Any]) -> str:
    summary = document["summary"]
    lines = ["# Conflicts", ""]
    kinds = ", ".join(f"{n} {k}" for k, n in summary["by_kind"].items()) or "none"
    statuses = ", ".join(f"{n} {s}" for s, n in summary["by_status"].items()) or "none"
    lines += [f"{summary['conflicts']} conflicts ({kinds}; {statuses}).", ""]
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
            lines += [
                f"*Verdict:* {v['verdict'] or ''} (rating: {v['rating'] or 'none'}, "
                f"by {v['by'] or 'unknown'}, {v['date'] or 'undated'})",
                "",
            ]
            if v["new_claims"]:
                lines += [f"*New since the verdict:* {', '.join(v['new_claims'])}", ""]
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
                f"| `{claim['id']}` | {_cell(claim['claimant_name'])} "
                f"| {_cell(claim['value']['text'])} "
                f"| {claim['kind']} | {_cell(where + title)} | "
                f"“{_cell(source['quote'])}” |"
            )
        lines.append("")
    for revision in document["revisions"]:
        lines += [f"## {revision['id']} · revision", "", revision["summary"], ""]
        for stage in revision["stages"]:
            standing = " (stands)" if stage["latest"] else ""
            claims = ", ".join(f"`{c}`" for c in stage["claims"])
            lines.append(f"- {stage['stage']}{standing}: {_cell(stage['label'])} ({claims})")
        lines.append("")
    return "\n".join(lines)
