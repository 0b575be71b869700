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
    """How far from settled a conflict may be before it fails the run (see `browse.fails`)."""

    never = "never"
    unreviewed = "unreviewed"
    open = "open"
    disputed = "disputed"


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
    claimant: Annotated[
        str | None, typer.Option(help="Only where this entity claims (not where it relays).")
    ] = None,
    relayed_by: Annotated[
        str | None, typer.Option(help="Only where this entity relays someone's claim.")
    ] = None,
    seed: Annotated[str | None, typer.Option(help="Only conflicts citing this seed.")] = None,
    kind: Annotated[str | None, typer.Option(help="value, tension or joint.")] = None,
    status: Annotated[str | None, typer.Option(help="open, resolved or disputed.")] = None,
    fail_on: Annotated[
        FailOn,
        typer.Option(
            help="Exit 1 on a selected conflict that is (for CI): unreviewed (no verdict), "
            "open (no verdict or status open) or disputed (anything not resolved)."
        ),
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
      claimtrack conflicts --new-since origin/main --fail-on unreviewed
    """
    from claimtrack.browse import (
        CONFLICT_KINDS,
        UnknownFilter,
        check_filters,
        fails,
        select_conflicts,
    )
    from claimtrack.pipeline import conflicts as find_conflicts
    from claimtrack.render.records import RecordMaker, document

    root_dir = project_root(root)
    run = load_run(root_dir)
    filters = {
        "subject": subject,
        "property": prop,
        "scope": scope,
        "claimant": claimant,
        "relayed_by": relayed_by,
        "seed": seed,
        "kind": kind,
        "status": status,
    }
    try:
        check_filters(run.project, filters, CONFLICT_KINDS)
    except UnknownFilter as exc:
        fail(str(exc))
    if any(d.unreadable for d in run.diagnostics):
        for d in sorted(d for d in run.diagnostics if d.unreadable):
            typer.echo(f"{d.path}:{d.line}:{d.column}: {d.code} {d.message}", err=True)
        fail("some files cannot be read; fix them first (see `claimtrack validate`)")
    findings = find_conflicts(run)
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
    failing = [c.id for c in selected if fails(c, run.project.verdicts, fail_on.value)]
    if failing:
        state = {
            FailOn.unreviewed: "no verdict",
            FailOn.open: "no verdict or an open one",
            FailOn.disputed: "no resolved verdict",
        }[fail_on]
        typer.echo(
            f"claimtrack: --fail-on {fail_on.value}: {len(failing)} of the conflicts shown "
            f"{'have' if len(failing) != 1 else 'has'} {state}: {', '.join(failing)} "
            "(record verdicts by id in claims/verdicts.yaml)",
            err=True,
        )
        raise typer.Exit(1)
