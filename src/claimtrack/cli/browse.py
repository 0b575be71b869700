"""Browsing commands: `show`, `claims` and `coverage`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from claimtrack.cli.common import (
    ListFormat,
    RootOption,
    app,
    checked_filters,
    closest,
    complete_ids,
    emit,
    fail,
    load_run,
    make_console,
    project_root,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from claimtrack.model import Claim
    from claimtrack.pipeline import Run


@app.command()
def show(
    item: Annotated[
        str,
        typer.Argument(
            help="A claim id, a conflict id (cf-...) or a revision id (rv-...).",
            autocompletion=complete_ids,
        ),
    ],
    root: RootOption = None,
) -> None:
    """Show a claim or a conflict in full: why it conflicts, and each quote in its seed.

    [dim]Examples:[/dim]
      claimtrack show cnrp-claims-at-least-63-seats
      claimtrack show cf-cebed882
    """
    from claimtrack.pipeline import conflicts as find_conflicts
    from claimtrack.render import show as renderer

    run = load_run(project_root(root))
    findings = find_conflicts(run)
    console = make_console()
    for conflict in findings.conflicts:
        if conflict.id == item:
            renderer.render_conflict(run, conflict, console)
            return
    for revision in findings.revisions:
        if revision.id == item:
            from claimtrack.render.conflicts_table import revision_panel
            from claimtrack.render.records import RecordMaker

            console.print(revision_panel(RecordMaker(run.project, run.seeds).revision(revision)))
            return
    for claim in run.project.claims:
        if claim.id == item:
            involved = [c for c in findings.conflicts if claim in c.claims]
            renderer.render_claim(run, claim, involved, console)
            return
    known = [c.id for c in findings.conflicts] + [c.id for c in run.project.claims]
    hint = closest(item, known, cutoff=0.6)
    fail(f"no claim, conflict or revision with id {item!r}{hint}")


CLAIM_COLUMNS = [
    "id",
    "claimants",
    "relayed_by",
    "kind",
    "subject",
    "property",
    "scope",
    "as_of",
    "value",
    "seed",
    "seed_line",
    "quote",
]

CLAIM_TABLE_COLUMNS = ["id", "claimants", "property", "scope", "value", "seed"]
"""What fits a terminal beside whole ids; json and csv give every column (and the quote)."""


def claim_rows(run: Run, claims: list[Claim]) -> Iterator[dict[str, object]]:
    """A row of every claim, built as it is read, so an export writes one row at a time."""
    from claimtrack.render.records import RecordMaker

    maker = RecordMaker(run.project, run.seeds)
    maker.locate(claims)
    for claim in claims:
        record = maker.claim(claim)
        yield {
            "id": claim.id,
            "claimant": claim.claimant,
            "claimants": list(claim.claimants),
            "relayed_by": claim.relayed_by,
            "kind": claim.kind,
            "subject": claim.subject,
            "property": claim.property,
            "scope": claim.scope,
            "as_of": claim.as_of,
            "value": claim.wording,
            "value_type": claim.value.type,
            "min": record["value"].get("min"),
            "max": record["value"].get("max"),
            "seed": claim.source.seed,
            "seed_line": record["source"]["line"],
            "quote": claim.source.quote,
            "file": claim.loc.path,
            "line": claim.loc.line,
        }


@app.command(name="claims")
def list_claims(
    root: RootOption = None,
    output_format: Annotated[ListFormat, typer.Option("--format")] = ListFormat.table,
    subject: Annotated[str | None, typer.Option(help="About this entity (id or alias).")] = None,
    prop: Annotated[str | None, typer.Option("--property", help="This property.")] = None,
    scope: Annotated[str | None, typer.Option(help="In this scope.")] = None,
    claimant: Annotated[
        str | None,
        typer.Option(help="Claimed by this entity, alone or with others (not relayed by it)."),
    ] = None,
    relayed_by: Annotated[
        str | None,
        typer.Option(help="Relayed by this entity (whose words it reports)."),
    ] = None,
    seed: Annotated[str | None, typer.Option(help="Citing this seed.")] = None,
    kind: Annotated[str | None, typer.Option(help="official, claim, report, denial...")] = None,
) -> None:
    """List claims, filtered. The table shows the main columns; json and csv give them all,
    with the quote and where the claim is defined.

    [dim]Example:[/dim] claimtrack claims --subject "Prak Sokhon" --format csv
    """
    from claimtrack.browse import select_claims
    from claimtrack.schema import ASSERTION_KINDS

    run = load_run(project_root(root))
    filters = checked_filters(
        run,
        ASSERTION_KINDS,
        subject=subject,
        property=prop,
        scope=scope,
        claimant=claimant,
        relayed_by=relayed_by,
        seed=seed,
        kind=kind,
    )
    rows = list(claim_rows(run, select_claims(run.project, filters)))
    columns = CLAIM_TABLE_COLUMNS if output_format is ListFormat.table else CLAIM_COLUMNS
    emit(rows, output_format, "Claims", columns)


@app.command()
def coverage(
    root: RootOption = None,
    output_format: Annotated[ListFormat, typer.Option("--format")] = ListFormat.table,
    seed: Annotated[str | None, typer.Option(help="Only this seed.")] = None,
) -> None:
    """Find the figures (numbers in digits or words, percentages, money, dates, weekdays) in
    each seed that no claim states yet, each in its sentence, so nothing checkable is missed.

    [dim]Example:[/dim] claimtrack coverage --seed 000_3151aab1fac2fcb4.txt
    """
    from dataclasses import asdict

    from claimtrack.browse import coverage as uncovered
    from claimtrack.diagnostics import exit_code

    run = load_run(project_root(root))
    found = uncovered(run.project, run.seeds, seed)
    rows = [asdict(u) for u in found.uncovered]
    emit(rows, output_format, "Uncovered figures", ["seed", "line", "figure", "sentence"])
    for d in found.problems:
        typer.echo(f"{d.path}:{d.line}:{d.column}: {d.code} {d.message}", err=True)
    if found.problems:
        raise typer.Exit(exit_code(found.problems))
