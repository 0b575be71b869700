"""`conflicts` on a terminal: a rich table per conflict and a summary of counts.

Colour follows rich's detection: none when piped, none when NO_COLOR is set.
"""

from __future__ import annotations

from typing import Any

from rich import box
from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

_KIND_STYLE = {
    "value": "bold red",
    "joint": "bold magenta",
    "derived": "bold magenta",
    "tension": "bold yellow",
    "revision": "bold blue",
}
_STATUS_STYLE = {"open": "red", "disputed": "yellow", "resolved": "green"}
_QUOTE_LIMIT = 280


def _excerpt(quote: str) -> str:
    quote = " ".join(quote.split())
    return quote if len(quote) <= _QUOTE_LIMIT else quote[: _QUOTE_LIMIT - 1] + "…"


def _source_cell(source: dict[str, Any]) -> Text:
    text = Text(source["seed"] + (f":{source['line']}" if source["line"] else ""), style="cyan")
    if source["title"]:
        title = source["title"]
        text.append(f"\n{title if len(title) <= 60 else title[:59] + '…'}", style="italic")
    details = ", ".join(x for x in (source["publisher"], source["published"]) if x)
    if details:
        text.append(f"\n{details}", style="dim")
    return text


def _claimant_cell(claim: dict[str, Any]) -> Text:
    text = Text(claim["claimant_name"])
    text.append(f"\n{claim['kind']}", style="italic")
    text.append(f"\n{claim['id']}", style="dim")
    return text


def conflict_panel(conflict: dict[str, Any]) -> Panel:
    """One conflict: its summary, why, and a row per claim grouped by side. No markup parsing:
    quotes and names are shown exactly as they are."""
    table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False)
    table.add_column("Side", no_wrap=True, style="bold")
    table.add_column("Claimant", ratio=3, overflow="fold")
    table.add_column("Says", ratio=2)
    table.add_column("Source", ratio=3, overflow="fold")
    table.add_column("Quote", ratio=7)
    side_of = {}
    for index, position in enumerate(conflict["positions"]):
        label = position["role"] or chr(ord("A") + index)
        for claim_id in position["claims"]:
            side_of[claim_id] = (label, position)
    previous = None
    for claim in conflict["claims"]:
        label, position = side_of[claim["id"]]
        if previous is not None and previous != label:
            table.add_section()
        side = Text(label)
        if previous != label:
            sources = position["independent_sources"]
            side.append(f"\n{sources} source{'s' if sources != 1 else ''}", style="dim")
        previous = label
        table.add_row(
            side,
            _claimant_cell(claim),
            Text(claim["value"]["text"], style="bold"),
            _source_cell(claim["source"]),
            Text(f"“{_excerpt(claim['source']['quote'])}”"),
        )
    parts: list[Any] = [
        Text(conflict["summary"], style="bold"),
        Text(f"Why: {conflict['explanation']}", style="dim"),
        table,
    ]
    if conflict["verdict"]:
        v = conflict["verdict"]
        parts.append(
            Text(
                f"Verdict: {v['verdict'] or ''}  rating: {v['rating'] or '-'}  "
                f"by {v['by'] or '-'} on {v['date'] or '-'}",
                style="green",
            )
        )
        if v["new_claims"]:
            parts.append(
                Text(f"New since the verdict: {', '.join(v['new_claims'])}", style="yellow")
            )
    title = Text()
    title.append(conflict["id"], style="bold")
    title.append(" · ")
    title.append(conflict["kind"], style=_KIND_STYLE.get(conflict["kind"], ""))
    title.append(" · ")
    title.append(conflict["status"], style=_STATUS_STYLE.get(conflict["status"], ""))
    return Panel(Group(*parts), title=title, title_align="left", border_style="dim")


def revision_panel(revision: dict[str, Any]) -> Panel:
    """A claimant's figure at each stage, the standing one last and marked."""
    table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False)
    table.add_column("Stage", no_wrap=True, style="bold")
    table.add_column("Says", ratio=2)
    table.add_column("Claims", ratio=5, overflow="fold")
    for stage in revision["stages"]:
        label = Text(stage["stage"])
        if stage["latest"]:
            label.append(" (stands)", style="green")
        table.add_row(label, Text(stage["label"]), Text(", ".join(stage["claims"])))
    title = Text()
    title.append(revision["id"], style="bold")
    title.append(" · ")
    title.append("revision", style=_KIND_STYLE["revision"])
    body = Group(Text(revision["summary"], style="bold"), table)
    return Panel(body, title=title, title_align="left", border_style="dim")


def render(document: dict[str, Any], console: Console) -> None:
    for conflict in document["conflicts"]:
        console.print(conflict_panel(conflict))
    for revision in document["revisions"]:
        console.print(revision_panel(revision))
    summary = document["summary"]
    counts = Table(box=box.SIMPLE, title="Summary", title_justify="left")
    counts.add_column("Kind")
    counts.add_column("Count", justify="right")
    for kind, n in summary["by_kind"].items():
        counts.add_row(Text(kind, style=_KIND_STYLE.get(kind, "")), str(n))
    counts.add_row(Text("total", style="bold"), str(summary["conflicts"]))
    statuses = ", ".join(f"{n} {s}" for s, n in summary["by_status"].items()) or "none"
    agreements = document["agreements"]
    corroborated = sum(a["independent_sources"] > 1 for a in agreements)
    console.print(counts)
    console.print(
        f"Status: {statuses}.  Agreements: {len(agreements)} values claimed more "
        f"than once, {corroborated} by two or more independent sources.  "
        f"Revisions: {len(document['revisions'])}."
    )
