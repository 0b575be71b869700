"""`validate`: the gate editors run in pre-commit and CI."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from claimtrack.cli.common import (
    RootOption,
    app,
    fail,
    load_run,
    project_root,
    working_directory,
)


class DiagnosticFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


@app.command()
def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Files to report on (pre-commit passes the changed ones). Default: all.",
            show_default=False,
        ),
    ] = None,
    root: RootOption = None,
    output_format: Annotated[
        DiagnosticFormat,
        typer.Option("--format", help="text, json, or github (workflow annotations)."),
    ] = DiagnosticFormat.text,
    strict: Annotated[bool, typer.Option(help="Warnings fail too.")] = False,
) -> None:
    """Check that claim files are well formed, references resolve and every quote is in its seed.

    Prints one finding a line as [bold]path:line:col: CODE message[/bold], then a summary.
    Exit 0 clean, 1 findings (warnings only with --strict), 2 unreadable input.

    [dim]Example:[/dim] claimtrack validate claims/seats.yaml --format github
    """
    from claimtrack.diagnostics import exit_code
    from claimtrack.pipeline import selection
    from claimtrack.pipeline import validate as run_validate

    root_dir = project_root(root)
    if paths and not all(p.is_absolute() for p in paths):
        working_directory()  # relative paths need it, and it may have been deleted
    outside = [p for p in paths or [] if not p.resolve().is_relative_to(root_dir)]
    if outside:
        fail(f"{outside[0]} is not inside the project at {root_dir}")
    run = load_run(root_dir)
    wanted = selection(root_dir, run, paths) if paths else None
    diagnostics = run_validate(run, wanted)
    files = len(paths) if paths else len(run.project.claim_files) + len(run.project.seed_files)
    if output_format is DiagnosticFormat.json:
        from claimtrack.render import diagnostics_json as renderer
    elif output_format is DiagnosticFormat.github:
        from claimtrack.render import github as renderer  # type: ignore[no-redef]
    else:
        from claimtrack.render import diagnostics_text as renderer  # type: ignore[no-redef]
    sys.stdout.write(renderer.render(diagnostics, files))
    raise typer.Exit(exit_code(diagnostics, strict=strict))
