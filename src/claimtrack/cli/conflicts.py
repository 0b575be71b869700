"""`conflicts`: where the sources contradict each other, for reading and for CI gates."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from claimtrack.cli.common import RootOption, app, fail, load_run, make_console, project_root


class ConflictFormat(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"
    csv = "csv"


class FailOn(StrEnum):
    never = "never"
    open = "open"


def old_conflict_ids(root: Path, revision: str) -> set[str]:
    """Conflict ids at a git revision: the project as it was there, checked out to a temp dir."""
    from claimtrack.history import conflict_ids_at

    try:
        return conflict_ids_at(root, revision)
    except ValueError as exc:
        fail(str(exc))


@app.command()
def conflicts(
    root: RootOption = None,
    output_format: Annotated[
        ConflictFormat,
        typer.Option("--format", help="table (on a terminal), json, markdown or csv."),
    ] = ConflictFormat.table,
    subject: Annotated[str | None, typer.Option(help="Only conflicts about this entity.")] = None,
    prop: Annotated[str | None, typer.Option("--property", help="Only this property.")] = None,
    scope: Annotated[str | None, typer.Option(help="Only this scope.")] = None,
    claimant: Annotated[str | None, typer.Option(help="Only where this entity claims.")] = None,
    seed: Annotated[str | None, typer.Option(help="Only conflicts citing this seed.")] = None,
    kind: Annotated[str | None, typer.Option(help="value, tension or joint.")] = None,
    status: Annotated[str | None, typer.Option(help="open, resolved or disputed.")] = None,
    fail_on: Annotated[
        FailOn, typer.Option(help="Exit 1 when a conflict is still open (for CI).")
    ] = FailOn.never,
    new_since: Annotated[
        str | None,
        typer.Option(
            help="Only conflicts that are new since this git revision (for reviewing a change).",
            metavar="REV",
        ),
    ] = None,
) -> None:
    """Find claims that contradict each other, and claims that cannot all hold under a rule.

    [dim]Examples:[/dim]
      claimtrack conflicts
      claimtrack conflicts --scope election-2013 --format markdown
      claimtrack conflicts --new-since origin/main --fail-on open
    """
    from claimtrack.browse import select_conflicts
    from claimtrack.pipeline import conflicts as find_conflicts
    from claimtrack.render.records import RecordMaker, document

    root_dir = project_root(root)
    run = load_run(root_dir)
    if any(d.unreadable for d in run.diagnostics):
        from claimtrack.render.diagnostics_text import line

        for d in sorted(d for d in run.diagnostics if d.unreadable):
            typer.echo(line(d), err=True)
        fail("some files cannot be read; fix them first (see `claimtrack validate`)")
    findings = find_conflicts(run)
    filters = {
        "subject": subject,
        "property": prop,
        "scope": scope,
        "claimant": claimant,
        "seed": seed,
        "kind": kind,
        "status": status,
    }
    selected = select_conflicts(run.project, findings.conflicts, filters)
    if new_since:
        old = old_conflict_ids(root_dir, new_since)
        selected = [c for c in selected if c.id not in old]
    doc = document(RecordMaker(run.project, run.seeds), findings, selected)
    if output_format is ConflictFormat.table:
        from claimtrack.render import conflicts_table

        conflicts_table.render(doc, make_console())
    else:
        from importlib import import_module

        renderer = import_module(f"claimtrack.render.conflicts_{output_format.value}")
        sys.stdout.write(renderer.render(doc))
    problems = [d for d in run.diagnostics if d.severity.value == "error"]
    if problems:
        typer.echo(
            f"claimtrack: {len(problems)} problems in the claim files left some claims "
            "out; run `claimtrack validate` to see them",
            err=True,
        )
    if findings.underspecified:
        typer.echo(
            f"claimtrack: {len(findings.underspecified)} claims lack a scope or as_of "
            "their property needs and were not compared (CT301, CT302 in validate)",
            err=True,
        )
    if fail_on is FailOn.open and any(c.status != "resolved" for c in selected):
        raise typer.Exit(1)
