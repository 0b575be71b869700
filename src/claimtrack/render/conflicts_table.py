"""`conflicts` on a terminal: a panel per conflict, or one line per conflict when there are many.

Ids and seed names are what a reader copies into `claimtrack show` and the verdicts file, so they
are never broken or cut: they sit in columns at least as wide as the longest of them, and the
prose columns (claimant, value, quote) wrap instead. Where the terminal is too narrow for that,
each claim is stacked on its own lines. Every printed field is one `Text` built from one record
field, so each can be escaped on its own.

Colour follows rich's detection: none when piped, none when NO_COLOR is set.
"""

from __future__ import annotations

from typing import Any

from rich import box
from rich.cells import cell_len
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from claimtrack.render.escape import terminal_record
from claimtrack.render.records import sides, where
from claimtrack.text import plural

_KIND_STYLE = {
    "value": "bold red",
    "joint": "bold magenta",
    "derived": "bold magenta",
    "tension": "bold yellow",
    "revision": "bold blue",
}
_STATUS_STYLE = {"open": "red", "disputed": "yellow", "resolved": "green"}
_STATUS_ORDER = {"open": 0, "disputed": 1, "resolved": 2}
_QUOTE_LIMIT = 280
_PANEL_FRAME = 4
"""Columns a panel takes from the width: two borders and a space of padding on each side."""
_TABLE_FRAME = 4 + 4 * 2
"""Columns the claims table takes between its five columns: a divider and a space each side."""
_SIDE_WIDTH = 13
_CLAIMANT_MIN = 10
_SLACK = 12
"""Room left for rich's own spacing and wrapped cells; below it the claims are stacked, since a
table that shrinks a column would cut an id."""
_SAYS_MIN = 8
_SAYS_MAX = 16
_SOURCE_MAX = 32
"""The source column is as wide as its longest `seed:line`; a longer publisher is cut to it."""

COMPACT_ABOVE = 20
"""More conflicts than this are listed one a line unless the details are asked for."""


def _excerpt(quote: str) -> str:
    quote = " ".join(quote.split())
    return quote if len(quote) <= _QUOTE_LIMIT else quote[: _QUOTE_LIMIT - 1] + "…"


def _side_cell(label: str, position: dict[str, Any]) -> Text:
    side = Text(label, style="bold")
    side.append(f"\n{plural(position['independent_sources'], 'source')}", style="dim")
    relays = len(position["interested_relays"])
    if relays:
        side.append(f"\n+{relays} relayed by\nan interested\nparty", style="dim")
    return side


def _claimant_cell(claim: dict[str, Any]) -> Text:
    text = Text(claim["attribution"])
    text.append(f"\n{claim['kind']}", style="italic")
    return text


def _source_cell(source: dict[str, Any]) -> Text:
    text = Text(where(source), style="cyan")
    if source["publisher"]:
        text.append(f"\n{source['publisher']}", style="dim")
    return text


def _claim_cell(claim: dict[str, Any]) -> Group:
    return Group(
        Text(claim["id"], style="bold cyan", no_wrap=True),
        Text(f"“{_excerpt(claim['source']['quote'])}”"),
    )


def verdict_text(verdict: dict[str, Any]) -> Text:
    """The verdict in words: status, rating, what was decided, the note, who and when."""
    text = Text("Verdict", style="bold green")
    rated = f", rated {verdict['rating']}" if verdict["rating"] else ""
    text.append(f" ({verdict['status']}{rated})", style="green")
    if verdict["verdict"]:
        text.append(f": {verdict['verdict']}")
    if verdict["note"]:
        text.append("\nNote: ", style="bold")
        text.append(verdict["note"])
    if verdict.get("new_claims"):
        text.append(f"\nNew since the verdict: {', '.join(verdict['new_claims'])}", style="yellow")
    who = ", ".join(x for x in (verdict["by"], verdict["date"]) if x)
    if who:
        text.append(f"\n{who}", style="dim")
    return text


def _widths(conflict: dict[str, Any], width: int) -> dict[str, int] | None:
    """Column widths that keep every id and seed name whole, or None when the terminal is too
    narrow for them (then the claims are stacked)."""
    claims = conflict["claims"]
    longest_where = max((cell_len(where(c["source"])) for c in claims), default=1)
    publishers = max((cell_len(c["source"]["publisher"] or "") for c in claims), default=0)
    words = max((cell_len(w) for c in claims for w in c["value"]["text"].split()), default=1)
    widths = {
        "id": max((cell_len(c["id"]) for c in claims), default=1),
        "source": max(longest_where, min(publishers, _SOURCE_MAX)),
        "says": min(max(words, _SAYS_MIN), _SAYS_MAX),
    }
    needed = _PANEL_FRAME + _TABLE_FRAME + _SIDE_WIDTH + _CLAIMANT_MIN + sum(widths.values())
    return widths if needed + _SLACK <= width else None


def _claims_table(conflict: dict[str, Any], widths: dict[str, int]) -> Table:
    table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False, show_edge=False)
    table.add_column("Side", width=_SIDE_WIDTH)
    table.add_column("Claimant", ratio=2, min_width=_CLAIMANT_MIN, overflow="fold")
    table.add_column("Says", ratio=1, min_width=widths["says"], overflow="fold")
    table.add_column("Source", no_wrap=True, overflow="ellipsis", min_width=widths["source"])
    table.add_column("Claim and quote", ratio=5, min_width=widths["id"])
    for index, (label, position, claims) in enumerate(sides(conflict)):
        if index:
            table.add_section()
        for row, claim in enumerate(claims):
            table.add_row(
                _side_cell(label, position) if row == 0 else Text(""),
                _claimant_cell(claim),
                Text(claim["value"]["text"], style="bold"),
                _source_cell(claim["source"]),
                _claim_cell(claim),
            )
    return table


def _whole(text: str, style: str) -> Text:
    """An id or seed name, indented, that runs past a narrow width rather than break."""
    line = Text("  ", no_wrap=True, overflow="ignore")
    line.append(text, style=style)
    return line


def _claims_stacked(conflict: dict[str, Any]) -> Group:
    """For a terminal too narrow for the table: each claim on its own lines, ids unbroken."""
    parts: list[RenderableType] = []
    for label, position, claims in sides(conflict):
        side = Text(f"— {label}, ", style="bold")
        side.append(plural(position["independent_sources"], "source"), style="dim")
        parts.append(side)
        for claim in claims:
            parts += [
                _whole(claim["id"], "bold cyan"),
                _whole(where(claim["source"]), "cyan"),
                Padding(
                    Group(
                        Text.assemble(
                            (claim["value"]["text"], "bold"),
                            " · ",
                            claim["attribution"],
                            (f" · {claim['kind']}", "italic"),
                        ),
                        Text(claim["source"]["publisher"] or "", style="dim"),
                        Text(f"“{_excerpt(claim['source']['quote'])}”"),
                    ),
                    (0, 0, 0, 2),
                ),
            ]
    return Group(*parts)


def _title(conflict: dict[str, Any]) -> Text:
    title = Text()
    title.append(conflict["id"], style="bold")
    title.append(" · ")
    title.append(conflict["kind"], style=_KIND_STYLE.get(conflict["kind"], ""))
    title.append(" · ")
    title.append(conflict["status"], style=_STATUS_STYLE.get(conflict["status"], ""))
    return title


def conflict_panel(conflict: dict[str, Any], width: int) -> RenderableType:
    """One conflict: its summary, why, each side's claims, and its verdict with the note.
    No markup parsing: quotes and names are shown exactly as they are.

    On a terminal too narrow for the table the claims are stacked, and without a frame: an id
    longer than the width then runs on (the terminal wraps it) rather than being cut. Text from
    files has its control characters made visible.
    """
    conflict = terminal_record(conflict)
    widths = _widths(conflict, width)
    parts: list[RenderableType] = [
        Text(conflict["summary"], style="bold"),
        Text(f"Why: {conflict['explanation']}", style="dim"),
        _claims_stacked(conflict) if widths is None else _claims_table(conflict, widths),
    ]
    if conflict["verdict"]:
        parts.append(verdict_text(conflict["verdict"]))
    if widths is None:
        return Group(Rule(_title(conflict), align="left", style="dim"), *parts, Text(""))
    return Panel(Group(*parts), title=_title(conflict), title_align="left", border_style="dim")


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


def _summary(document: dict[str, Any], console: Console) -> None:
    summary, agreements = document["summary"], document["agreements"]
    revisions = len(document["revisions"])
    counts = Table(box=box.SIMPLE, title="Summary", title_justify="left")
    counts.add_column("Kind")
    counts.add_column("Count", justify="right")
    for kind, n in summary["by_kind"].items():
        counts.add_row(Text(kind, style=_KIND_STYLE.get(kind, "")), str(n))
    counts.add_row(Text("total", style="bold"), str(summary["conflicts"]))
    statuses = ", ".join(f"{n} {s}" for s, n in summary["by_status"].items()) or "none"
    corroborated = sum(a["independent_sources"] > 1 for a in agreements)
    console.print(counts)
    console.print(
        f"Status: {statuses}.  Agreements: {plural(len(agreements), 'value')} claimed more "
        f"than once, {corroborated:,} by two or more independent sources.  "
        f"Revisions: {revisions:,}."
    )


def render(document: dict[str, Any], console: Console) -> None:
    """Every selected conflict in full, then the counts."""
    for conflict in document["conflicts"]:
        console.print(conflict_panel(conflict, console.width), crop=False)
    for revision in terminal_record(document["revisions"]):
        console.print(revision_panel(revision), crop=False)
    _summary(document, console)


def ordered(lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """What needs attention first: open before disputed before resolved, the most claims first."""
    return sorted(lines, key=lambda c: (_STATUS_ORDER.get(c["status"], 3), -c["claims"], c["id"]))


def render_lines(document: dict[str, Any], console: Console) -> None:
    """One line per conflict (`id  status  kind  claims  summary`), then the counts.

    The id is printed whole; only the summary is cut to the width, since `claimtrack show ID`
    gives it in full.
    """
    lines = ordered(terminal_record(document["conflicts"]))
    id_width = max((len(c["id"]) for c in lines), default=2)
    head = Text(
        f"{plural(len(lines), 'conflict')}, one a line (more than {COMPACT_ABOVE}): "
        "`claimtrack show ID` shows one in full, `--details` shows all.",
        style="dim",
    )
    console.print(head)
    header = Text(f"{'id':<{id_width}}  {'status':<8}  {'kind':<8}  claims  summary", style="bold")
    console.print(header, no_wrap=True, crop=True, overflow="ellipsis")
    for conflict in lines:
        line = Text(no_wrap=True, overflow="ellipsis")
        line.append(f"{conflict['id']:<{id_width}}", style="bold")
        line.append("  ")
        line.append(f"{conflict['status']:<8}", style=_STATUS_STYLE.get(conflict["status"], ""))
        line.append("  ")
        line.append(f"{conflict['kind']:<8}", style=_KIND_STYLE.get(conflict["kind"], ""))
        line.append(f"  {conflict['claims']:>6}  ")
        line.append(conflict["summary"])
        console.print(line, crop=True, overflow="ellipsis", no_wrap=True)
    _summary(document, console)
