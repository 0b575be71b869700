"""`claimants`: each source's track record across claims, conflicts and verdicts."""

from __future__ import annotations

from typing import Annotated

import typer

from claimtrack.cli.common import ListFormat, RootOption, app, emit, load_run, project_root

COLUMNS = [
    "claimant",
    "name",
    "claims",
    "relayed",
    "relays",
    "conflicts",
    "open",
    "disputed",
    "resolved",
    "ratings",
]


@app.command()
def claimants(
    root: RootOption = None,
    output_format: Annotated[ListFormat, typer.Option("--format")] = ListFormat.table,
    claimant: Annotated[str | None, typer.Option(help="Only this entity (id or alias).")] = None,
) -> None:
    """Each claimant's track record: its claims (those heard through someone else counted
    again as relayed), the claims of others it relays, the conflicts its claims take part in by
    status, and the ratings verdicts gave its claims. The most conflicted first.

    [dim]Example:[/dim] claimtrack claimants --claimant "Hun Sen" --format json
    """
    from claimtrack.browse import entity_id, track_records
    from claimtrack.conflicts.engine import Names
    from claimtrack.pipeline import conflicts as find_conflicts

    run = load_run(project_root(root))
    records = track_records(run.project, find_conflicts(run))
    if claimant is not None:
        wanted = entity_id(run.project, claimant)
        records = [r for r in records if r.claimant == wanted]
    names = Names(run.project)
    rows = [
        {
            "claimant": r.claimant,
            "name": names.entity(r.claimant),
            "claims": r.claims,
            "relayed": r.relayed,
            "relays": r.relays,
            "conflicts": r.conflicts,
            "open": r.by_status.get("open", 0),
            "disputed": r.by_status.get("disputed", 0),
            "resolved": r.by_status.get("resolved", 0),
            "ratings": r.ratings,
        }
        for r in records
    ]
    emit(rows, output_format, "Claimants", COLUMNS)
