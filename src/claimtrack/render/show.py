"""`claimtrack show`: one claim or conflict in full, each quote in its seed's context."""

from __future__ import annotations

from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from claimtrack.conflicts.attribution import attribution
from claimtrack.conflicts.describe import describe_interval
from claimtrack.conflicts.engine import Conflict
from claimtrack.model import Claim, Value
from claimtrack.pipeline import Run
from claimtrack.render.conflicts_table import conflict_panel
from claimtrack.render.escape import terminal, terminal_lines
from claimtrack.render.records import RecordMaker
from claimtrack.seeds import SeedError, quote_in_context

_CONTEXT_LINES = 1


def _in_context(run: Run, seed_name: str, quote: str) -> Text:
    """The seed's lines around the quote, the quoted words highlighted."""
    try:
        seed = run.seeds.get(seed_name)
    except SeedError as exc:
        return Text(terminal(str(exc)), style="red")
    passage = quote_in_context(seed, quote, _CONTEXT_LINES)
    if passage is None:
        return Text("quote not found in the seed (see claimtrack validate)", style="red")
    shown = Text(f"from line {passage.first_line}\n", style="dim")
    shown.append(terminal_lines(passage.before))
    shown.append(terminal_lines(passage.quoted), style="bold reverse")
    shown.append(terminal_lines(passage.after))
    return shown


def _claim_table(run: Run, claim: Claim) -> Table:
    record = RecordMaker(run.project, run.seeds).claim(claim)
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold")
    table.add_column()
    who = ", ".join(f"{c['name']} ({c['id']})" for c in record["claimants"])
    relayer = record["relayed_by"]
    if relayer:
        who += f", as relayed by {relayer['name']} ({relayer['id']})"
    for label, value in (
        ("claimants" if len(claim.claimants) > 1 else "claimant", who),
        ("kind", claim.kind),
        ("subject", f"{record['subject_name']} ({claim.subject})"),
        ("property", claim.property),
        ("scope", claim.scope or "-"),
        ("as of", claim.as_of or "-"),
        ("value", f"{claim.wording}  [{claim.value.type}: {claim.value.display}]"),
        ("reads as", _reading(claim.value)),
        ("defined at", f"{claim.loc.path}:{claim.loc.line}"),
        ("note", claim.note or "-"),
    ):
        table.add_row(label, Text(terminal(value)))
    return table


def _reading(value: Value) -> str:
    """The numbers a value covers, and its tension zone: how claimtrack read the figure."""
    if value.core is None or value.interval is None:
        return value.token or value.display
    covers = describe_interval(value.core, value.type)
    if value.interval == value.core:
        return covers
    return f"{covers}; in tension up to {describe_interval(value.interval, value.type)}"


def _sources(run: Run, claim: Claim, console: Console) -> None:
    for source in claim.sources:
        info = run.project.catalog.get(source.seed)
        title = f" · {info.title}" if info and info.title else ""
        console.print(
            Panel(
                _in_context(run, source.seed, source.quote),
                title=Text(terminal(f"{source.seed}{title}")),
                title_align="left",
            )
        )


def render_claim(run: Run, claim: Claim, conflicts: list[Conflict], console: Console) -> None:
    console.print(
        Panel(
            _claim_table(run, claim), title=Text(terminal(f"claim {claim.id}")), title_align="left"
        )
    )
    _sources(run, claim, console)
    for conflict in conflicts:
        console.print(
            Text(
                terminal(
                    f"In conflict {conflict.id} ({conflict.kind}, {conflict.status}): "
                    f"{conflict.summary}"
                )
            )
        )


def render_conflict(run: Run, conflict: Conflict, console: Console) -> None:
    maker = RecordMaker(run.project, run.seeds)
    console.print(conflict_panel(maker.conflict(conflict), console.width), crop=False)
    for claim in conflict.claims:
        console.print(
            Text(
                terminal(
                    f"{claim.id}: {claim.wording} ({attribution([claim], str)}, {claim.kind})"
                ),
                style="bold",
            )
        )
        _sources(run, claim, console)
