"""`conflicts`: where the sources contradict each other, for reading and for CI gates."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TextIO

import typer

if TYPE_CHECKING:
    from claimtrack.cache import Cache

from claimtrack.cli.common import (
    NoCacheOption,
    RootOption,
    app,
    checked_filters,
    fail,
    load_run,
    make_console,
    open_cache,
    project_root,
)


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


def old_conflict_ids(root: Path, revision: str, cache: Cache | None) -> set[str]:
    """Conflict ids at a git revision: the project as it was there, checked out to a temp dir."""
    from claimtrack.history import conflict_ids_at

    try:
        return conflict_ids_at(root, revision, cache)
    except ValueError as exc:
        fail(str(exc))


def table_view(doc: dict[str, Any], *, details: bool) -> None:
    """Panels, or one line per conflict; paged with rich's pager when written to a terminal
    (`$PAGER`, or less told to quit at once when everything fits on one screen)."""
    import os
    from contextlib import nullcontext

    from claimtrack.render import conflicts_table

    console = make_console()
    paged = sys.stdout.isatty()
    if paged:
        os.environ.setdefault("LESS", "FX")
    with console.pager() if paged else nullcontext():
        if details:
            conflicts_table.render(doc, console)
        else:
            conflicts_table.render_lines(doc, console)


@contextmanager
def output_file(output: Path | None, *, force: bool) -> Iterator[TextIO]:
    """Where the document goes: standard output (also for `-o -`), a character device such as
    /dev/null written to as it is (there is nothing to replace), or a file written atomically,
    never replaced unless forced. A write that fails half way leaves no file behind."""
    from claimtrack.files import RefusedOverwrite, atomic_writer

    if output is None or str(output) == "-":
        yield sys.stdout
        return
    try:
        device = stat.S_ISCHR(os.stat(output).st_mode)
    except OSError:
        device = False
    try:
        if device:
            with open(output, "w", encoding="utf-8", newline="\n") as handle:
                yield handle
        else:
            with atomic_writer(output, overwrite=force) as handle:
                yield handle
    except RefusedOverwrite as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror or exc}")
    typer.echo(f"wrote {output}", err=True)


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
    kind: Annotated[str | None, typer.Option(help="value, tension, joint or derived.")] = None,
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
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write json, markdown or csv to this file instead of standard output.",
        ),
    ] = None,
    force: Annotated[bool, typer.Option(help="Replace the output file if it exists.")] = False,
    details: Annotated[
        bool,
        typer.Option(
            "--details",
            help="Each conflict in full even when there are many (above 20, the table lists "
            "one a line).",
        ),
    ] = False,
    no_cache: NoCacheOption = False,
) -> None:
    """Find claims that contradict each other, and claims that cannot all hold under a rule.

    [dim]Examples:[/dim]
      claimtrack conflicts
      claimtrack conflicts --scope election-2013 --format markdown
      claimtrack conflicts --new-since origin/main --fail-on unreviewed
    """
    from claimtrack.browse import (
        CONFLICT_KINDS,
        fails,
        select_conflicts,
    )
    from claimtrack.pipeline import conflicts as find_conflicts
    from claimtrack.render.records import RecordMaker, brief_document, document, members
    from claimtrack.text import plural

    root_dir = project_root(root)
    if output is not None and output_format is ConflictFormat.table:
        fail("--output writes json, markdown or csv: choose one with --format")
    cache = open_cache(root_dir, not no_cache)
    run = load_run(root_dir, cache=cache, use_cache=not no_cache, keep_drafts=False)
    filters = checked_filters(
        run,
        CONFLICT_KINDS,
        subject=subject,
        property=prop,
        scope=scope,
        claimant=claimant,
        relayed_by=relayed_by,
        seed=seed,
        kind=kind,
        status=status,
    )
    if any(d.unreadable for d in run.diagnostics):
        from claimtrack.render.diagnostics_text import line

        for d in sorted(d for d in run.diagnostics if d.unreadable):
            typer.echo(line(d), err=True)
        fail("some files cannot be read; fix them first (see `claimtrack validate`)")
    findings = find_conflicts(run)
    selected = select_conflicts(run.project, findings.conflicts, filters)
    if new_since:
        old = old_conflict_ids(root_dir, new_since, cache)
        selected = [c for c in selected if c.id not in old]
    maker = RecordMaker(run.project, run.seeds)
    if output_format is ConflictFormat.table:
        from claimtrack.render.conflicts_table import COMPACT_ABOVE

        if details or len(selected) <= COMPACT_ABOVE:
            table_view(document(maker, findings, selected), details=True)
        else:
            table_view(brief_document(maker, findings, selected), details=False)
    else:
        from importlib import import_module

        renderer = import_module(f"claimtrack.render.conflicts_{output_format.value}")
        with output_file(output, force=force) as out:
            if output_format is ConflictFormat.json:
                renderer.write(members(maker, findings, selected), out)
            else:
                out.write(renderer.render(document(maker, findings, selected)))
    problems = [d for d in run.diagnostics if d.severity.value == "error"]
    if problems:
        typer.echo(
            f"claimtrack: {plural(len(problems), 'problem')} in the claim files left some claims "
            "out; run `claimtrack validate` to see them",
            err=True,
        )
    if findings.underspecified:
        typer.echo(
            f"claimtrack: {plural(len(findings.underspecified), 'claim')} left out of the "
            "comparisons for lack of a scope or as_of its property needs (CT301, CT302 in "
            "validate)",
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
