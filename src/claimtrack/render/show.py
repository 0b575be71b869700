"""`claimtrack show`: one claim or conflict in full, each quote in its seed's context."""

from __future__ import annotations

from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from claimtrack.conflicts.engine import Conflict
from claimtrack.model import Claim
from claimtrack.pipeline import Run
from claimtrack.render.conflicts_table import conflict_panel
from claimtrack.render.escape import terminal, terminal_lines
from claimtrack.render.records import RecordMaker
from claimtrack.seeds import SeedError, quote_span

_CONTEXT_LINES = 1


def _in_context(run: Run, seed_name: str, quote: str) -> Text:
    """The seed's lines around the quote, the quoted words highlighted."""
    try:
        seed = run.seeds.get(seed_name)
    except SeedError as exc:
        return Text(terminal(str(exc)), style="red")
    span = quote_span(seed, quote)
    if span is None:
        return Text("quote not found in the seed (see claimtrack validate)", style="red")
    text = seed.nfc
    start = span[0]
    for _ in range(_CONTEXT_LINES + 1):
        start = text.rfind("\n", 0, max(start - 1, 0)) + 1 if start > 0 else 0
    end = span[1]
    for _ in range(_CONTEXT_LINES + 1):
        found = text.find("\n", end + 1)
        end = len(text) if found < 0 else found
    first_line = text.count("\n", 0, start) + 1
    excerpt = text[start:end].strip("\n")
    offset = start + (len(text[start:end]) - len(text[start:end].lstrip("\n")))
    quoted = slice(span[0] - offset, span[1] - offset)
    shown = Text(terminal_lines(excerpt[: quoted.start]))
    shown.append(terminal_lines(excerpt[quoted]), style="bold reverse")
    shown.append(terminal_lines(excerpt[quoted.stop :]))
    return Text(f"from line {first_line}\n", style="dim") + shown


def _claim_table(run: Run, claim: Claim) -> Table:
    record = RecordMaker(run.project, run.seeds).claim(claim)
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold")
    table.add_column()
    for label, value in (
        ("claimant", f"{record['claimant_name']} ({claim.claimant})"),
        ("kind", claim.kind),
        ("subject", f"{record['subject_name']} ({claim.subject})"),
        ("property", claim.property),
        ("scope", claim.scope or "-"),
        ("as of", claim.as_of or "-"),
        ("value", f"{claim.wording}  [{claim.value.type}: {claim.value.display}]"),
        ("defined at", f"{claim.loc.path}:{claim.loc.line}"),
        ("note", claim.note or "-"),
    ):
        table.add_row(label, Text(terminal(value)))
    return table


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
    console.print(conflict_panel(maker.conflict(conflict)))
    for claim in conflict.claims:
        console.print(
            Text(
                terminal(f"{claim.id}: {claim.wording} ({claim.claimant}, {claim.kind})"),
                style="bold",
            )
        )
        _sources(run, claim, console)
