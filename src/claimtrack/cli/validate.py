"""`validate`: the gate editors run in pre-commit and CI."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from claimtrack.cli.common import (
    NoCacheOption,
    RootOption,
    app,
    fail,
    load_run,
    open_cache,
    project_root,
    working_directory,
)

if TYPE_CHECKING:
    from claimtrack.diagnostics import Diagnostic
    from claimtrack.targets import Target


class DiagnosticFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"


@app.command()
def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Files or folders to report on (pre-commit passes the changed files); the "
            "project is found from them. Default: the whole project.",
            show_default=False,
        ),
    ] = None,
    root: RootOption = None,
    output_format: Annotated[
        DiagnosticFormat,
        typer.Option(
            "--format",
            help="text, json, github (workflow annotations) or sarif (code-scanning dashboards).",
        ),
    ] = DiagnosticFormat.text,
    strict: Annotated[bool, typer.Option(help="Warnings fail too.")] = False,
    no_cache: NoCacheOption = False,
) -> None:
    """Check that claim files are well formed, references resolve and every quote is in its seed.

    Prints one finding a line as [bold]path:line:col: CODE message[/bold], then a summary.
    Exit 0 clean, 1 findings (warnings only with --strict), 2 unreadable input.
    A path that is missing or not part of a claims project is refused (exit 2), never checked.

    [dim]Example:[/dim] claimtrack validate claims/election-2013/results.yaml --format github
    """
    from claimtrack.diagnostics import exit_code
    from claimtrack.targets import Target, TargetError, place

    if paths and not all(p.is_absolute() for p in paths):
        working_directory()  # relative paths need it, and it may have been deleted
    if paths:
        try:
            targets = place(paths, project_root(root) if root is not None else None)
        except TargetError as exc:
            *first, last = str(exc).splitlines()
            for problem in first:
                typer.echo(f"claimtrack: {problem}", err=True)
            fail(last)
    else:
        targets = [Target(project_root(root))]
    from claimtrack.project import ChangedWhileRead

    diagnostics: list[Diagnostic] = []
    files = accepted = 0
    for target in targets:
        try:
            found, checked, left_out = check_target(target, whole=not paths, use_cache=not no_cache)
        except ChangedWhileRead as exc:
            fail(str(exc))
        accepted += left_out
        if output_format is DiagnosticFormat.github:
            where = repository_paths(target.root)
        else:
            where = paths_from(target.root, Path.cwd())
        diagnostics.extend(replace(d, path=where(d.path)) for d in found)
        files += checked
    diagnostics.sort()
    if output_format is DiagnosticFormat.json:
        from claimtrack.render import diagnostics_json as renderer
    elif output_format is DiagnosticFormat.github:
        from claimtrack.render import github as renderer  # type: ignore[no-redef]
    elif output_format is DiagnosticFormat.sarif:
        from claimtrack.render import sarif as renderer  # type: ignore[no-redef]
    else:
        from claimtrack.render import diagnostics_text as renderer  # type: ignore[no-redef]
    sys.stdout.write(renderer.render(diagnostics, files, accepted))
    raise typer.Exit(exit_code(diagnostics, strict=strict))


def check_target(
    target: Target, *, whole: bool, use_cache: bool = True
) -> tuple[list[Diagnostic], int, int]:
    """Findings in the target's files (references resolve against its whole project), how
    many files were checked (every claim and seed file, or the files named and found) and how
    many findings were left out because the project accepts them."""
    from claimtrack import outcome
    from claimtrack.pipeline import reaches_everything, selection
    from claimtrack.pipeline import validate as run_validate
    from claimtrack.project import CLAIMS_DIR
    from claimtrack.targets import TargetError

    cache = open_cache(target.root, use_cache)
    key = outcome.inputs(target.root, cache) if whole and cache is not None else None
    if cache is not None and key is not None:
        known = outcome.recall(target.root, cache, key)
        if known is not None:
            return known.diagnostics, known.files, known.suppressed
    claims_only = (
        not whole
        and not target.folders
        and all(name.startswith(f"{CLAIMS_DIR}/") for name in target.files)
    )
    only = frozenset(target.files) if claims_only else frozenset()
    run = load_run(target.root, lazy=True, cache=cache, use_cache=use_cache, only=only)
    project = run.project

    def every_file() -> int:
        return len(project.claim_files) + len(project.seed_files)

    if whole:
        found = run_validate(run)
        if cache is not None and key is not None:
            known = outcome.Outcome(found, every_file(), run.suppressed, outcome.unlisted(run))
            outcome.remember(cache, key, known, target.root)
        return found, every_file(), run.suppressed
    try:
        named = target.expand(project)
    except TargetError as exc:
        fail(str(exc))
    if reaches_everything(run, named):
        if run.loaded is not None:
            run.loaded.read_skipped()
        return run_validate(run), every_file(), run.suppressed
    wanted = selection(run, named)
    found = run_validate(run, wanted)
    return found, len(named), run.suppressed


def paths_from(root: Path, cwd: Path) -> Callable[[str], str]:
    """Project-relative paths as a user can open them from `cwd`: relative to it when the
    project is in or above it, as they are (relative to the project) when the two are apart."""
    cwd = cwd.resolve()
    if root == cwd or not (root.is_relative_to(cwd) or cwd.is_relative_to(root)):
        return lambda path: path

    def shown(path: str) -> str:
        relative = Path(os.path.relpath(root / path, cwd)).as_posix()
        return relative + "/" if path.endswith("/") else relative

    return shown


def repository_paths(root: Path) -> Callable[[str], str]:
    """Paths from the root of the git repository, which is what GitHub annotations are matched
    against; outside a repository, paths as `paths_from` gives them."""
    import subprocess

    try:
        done = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "--show-toplevel"],
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError:
        done = None
    if done is None or done.returncode != 0:
        return paths_from(root, Path.cwd())
    top = Path(done.stdout.strip()).resolve()
    prefix = root.relative_to(top).as_posix() if root.is_relative_to(top) else ""
    if prefix in ("", "."):
        return lambda path: path
    return lambda path: f"{prefix}/{path}"
