"""The command line: parses options, wires the pipeline to a renderer, sets the exit code.

Exit codes: 0 clean, 1 findings (or open conflicts with --fail-on open), 2 usage error or input
that cannot be read. Heavy modules are imported inside commands so `--version` starts fast.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from claimtrack import __version__

if TYPE_CHECKING:
    from rich.console import Console

    from claimtrack.model import Claim
    from claimtrack.pipeline import Run

app = typer.Typer(
    name="claimtrack",
    help="Track claims quoted from news sources and find where the sources contradict each other.",
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)

PIPED_WIDTH = 120
"""Columns for tables written to a file or pipe, where no terminal says how wide to be."""

RootOption = Annotated[
    Path | None,
    typer.Option(
        "--root",
        help="Project folder (default: found by walking up from here).",
        file_okay=False,
        show_default=False,
    ),
]


class DiagnosticFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


class ConflictFormat(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"
    csv = "csv"


class FailOn(StrEnum):
    never = "never"
    open = "open"


def _fail(message: str) -> NoReturn:
    typer.echo(f"claimtrack: {message}", err=True)
    raise typer.Exit(2)


def _root(root: Path | None) -> Path:
    from claimtrack.project import CONFIG_FILE, NotAProject, find_root

    if root is not None:
        if not (root / CONFIG_FILE).is_file():
            _fail(
                f"{root} is not a claims project (no {CONFIG_FILE}); "
                "run `claimtrack init` there to create one"
            )
        return root.resolve()
    try:
        return find_root(Path.cwd())
    except NotAProject:
        _fail(
            f"not inside a claims project (no {CONFIG_FILE} here or in any parent folder); "
            "run `claimtrack init` to create one, or pass --root DIR"
        )


def _load(root: Path) -> Run:
    """Load the project, with a progress bar on a terminal (never when piped or in CI).

    The process ends after one command, so the loaded model is then frozen out of the cyclic
    collector's sight: it lives to the end and would only be scanned again and again.
    """
    import gc

    from claimtrack.pipeline import load

    if sys.stderr.isatty() and not os.environ.get("CI"):
        from rich.progress import Progress

        with Progress(transient=True, console=_console(stderr=True)) as progress:
            task = progress.add_task("Reading claim files", total=None)

            def advance(done: int, total: int) -> None:
                progress.update(task, completed=done, total=total)

            run = load(root, advance)
    else:
        run = load(root)
    gc.freeze()
    return run


def _console(stderr: bool = False) -> Console:
    """Rich console: colour only on a terminal and without NO_COLOR; wide enough when piped."""
    from rich.console import Console

    console = Console(stderr=stderr, highlight=False)
    if not console.is_terminal and "COLUMNS" not in os.environ:
        console.width = PIPED_WIDTH
    return console


def _version(value: bool) -> None:
    if value:
        typer.echo(f"claimtrack {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Track claims quoted from news sources and find where the sources contradict each other."""


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

    project_root = _root(root)
    outside = [p for p in paths or [] if not p.resolve().is_relative_to(project_root)]
    if outside:
        _fail(f"{outside[0]} is not inside the project at {project_root}")
    run = _load(project_root)
    wanted = selection(project_root, run, paths) if paths else None
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


def _old_conflict_ids(root: Path, revision: str) -> set[str]:
    """Conflict ids at a git revision: the project as it was there, checked out to a temp dir."""
    from claimtrack.history import conflict_ids_at

    try:
        return conflict_ids_at(root, revision)
    except ValueError as exc:
        _fail(str(exc))


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
    kind: Annotated[str | None, typer.Option(help="value, tension, joint or derived.")] = None,
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

    project_root = _root(root)
    run = _load(project_root)
    if any(d.unreadable for d in run.diagnostics):
        for d in sorted(d for d in run.diagnostics if d.unreadable):
            typer.echo(f"{d.path}:{d.line}:{d.column}: {d.code} {d.message}", err=True)
        _fail("some files cannot be read; fix them first (see `claimtrack validate`)")
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
        old = _old_conflict_ids(project_root, new_since)
        selected = [c for c in selected if c.id not in old]
    doc = document(RecordMaker(run.project, run.seeds), findings, selected)
    if output_format is ConflictFormat.table:
        from claimtrack.render import conflicts_table

        conflicts_table.render(doc, _console())
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


@app.command()
def show(
    item: Annotated[
        str, typer.Argument(help="A claim id, a conflict id (cf-...) or a revision id (rv-...).")
    ],
    root: RootOption = None,
) -> None:
    """Show a claim or a conflict in full: why it conflicts, and each quote in its seed.

    [dim]Example:[/dim] claimtrack show cnrp-seats-claimed-at-least-63
    """
    from claimtrack.pipeline import conflicts as find_conflicts
    from claimtrack.render import show as renderer

    run = _load(_root(root))
    findings = find_conflicts(run)
    console = _console()
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
    _fail(f"no claim or conflict with id {item!r}")


class ListFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    claimreview = "claimreview"


class ReportFormat(StrEnum):
    markdown = "markdown"
    html = "html"


CLAIM_COLUMNS = [
    "id",
    "claimant",
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


def _claim_rows(run: Run, claims: list[Claim]) -> list[dict[str, object]]:
    from claimtrack.render.records import RecordMaker

    maker = RecordMaker(run.project, run.seeds)
    rows = []
    for claim in claims:
        record = maker.claim(claim)
        rows.append(
            {
                "id": claim.id,
                "claimant": claim.claimant,
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
        )
    return rows


def _emit(
    rows: Sequence[Mapping[str, object]], output_format: ListFormat, title: str, columns: list[str]
) -> None:
    from claimtrack.render import listing

    if output_format is ListFormat.table:
        listing.table(title, rows, columns, _console())
    elif output_format is ListFormat.json:
        sys.stdout.write(listing.as_json(title.lower().replace(" ", "_"), rows))
    else:
        sys.stdout.write(listing.as_csv(rows, columns))


@app.command(name="claims")
def list_claims(
    root: RootOption = None,
    output_format: Annotated[ListFormat, typer.Option("--format")] = ListFormat.table,
    subject: Annotated[str | None, typer.Option(help="About this entity (id or alias).")] = None,
    prop: Annotated[str | None, typer.Option("--property", help="This property.")] = None,
    scope: Annotated[str | None, typer.Option(help="In this scope.")] = None,
    claimant: Annotated[str | None, typer.Option(help="Claimed by this entity.")] = None,
    seed: Annotated[str | None, typer.Option(help="Citing this seed.")] = None,
    kind: Annotated[str | None, typer.Option(help="official, claim, report, denial...")] = None,
) -> None:
    """List claims, filtered.

    [dim]Example:[/dim] claimtrack claims --subject "Prak Sokhon" --format csv
    """
    from claimtrack.browse import select_claims

    run = _load(_root(root))
    filters = {
        "subject": subject,
        "property": prop,
        "scope": scope,
        "claimant": claimant,
        "seed": seed,
        "kind": kind,
    }
    rows = _claim_rows(run, select_claims(run.project, filters))
    _emit(rows, output_format, "Claims", CLAIM_COLUMNS)


@app.command(name="seeds")
def list_seeds(
    root: RootOption = None,
    output_format: Annotated[ListFormat, typer.Option("--format")] = ListFormat.table,
) -> None:
    """List the seed catalog with how many claims cite each article and how many conflicts
    involve it.

    [dim]Example:[/dim] claimtrack seeds --format json
    """
    from claimtrack.browse import seed_counts
    from claimtrack.pipeline import conflicts as find_conflicts

    run = _load(_root(root))
    rows = []
    for name, (claims, conflicts_count) in seed_counts(run.project, find_conflicts(run)).items():
        info = run.project.catalog.get(name)
        rows.append(
            {
                "seed": name,
                "title": info.title if info else None,
                "publisher": info.publisher if info else None,
                "published": info.published if info else None,
                "derived_from": info.derived_from if info else None,
                "claims": claims,
                "conflicts": conflicts_count,
            }
        )
    _emit(
        rows,
        output_format,
        "Seeds",
        ["seed", "title", "publisher", "published", "claims", "conflicts"],
    )


@app.command()
def coverage(
    root: RootOption = None,
    output_format: Annotated[ListFormat, typer.Option("--format")] = ListFormat.table,
    seed: Annotated[str | None, typer.Option(help="Only this seed.")] = None,
) -> None:
    """Find the figures (numbers, percentages, money, dates) in each seed that no claim quotes
    yet, each in its sentence, so nothing checkable is missed.

    [dim]Example:[/dim] claimtrack coverage --seed 000_3151aab1fac2fcb4.txt
    """
    from dataclasses import asdict

    from claimtrack.browse import coverage as uncovered

    run = _load(_root(root))
    rows = [
        asdict(u)
        for u in uncovered(run.project, run.seeds)
        if seed is None or u.seed == seed.removeprefix("seeds/")
    ]
    _emit(rows, output_format, "Uncovered figures", ["seed", "line", "figure", "sentence"])


@app.command()
def export(
    output_format: Annotated[
        ExportFormat,
        typer.Option("--format", help="jsonl (one claim a line), csv, or claimreview (JSON-LD)."),
    ] = ExportFormat.jsonl,
    site: Annotated[
        str | None,
        typer.Option(help="For claimreview: the address where the fact-checks are published."),
    ] = None,
    publisher: Annotated[
        str,
        typer.Option(
            help="For claimreview: the fact-checking organisation, where a verdict names no one."
        ),
    ] = "Fact-check desk",
    root: RootOption = None,
) -> None:
    """Export every claim flat for spreadsheets and databases, or the resolved conflicts'
    verdicts as schema.org ClaimReview markup.

    [dim]Examples:[/dim]
      claimtrack export --format csv > claims.csv
      claimtrack export --format claimreview --site https://example.org/fact-checks
    """
    from claimtrack.render import listing

    run = _load(_root(root))
    if output_format is ExportFormat.claimreview:
        if not site:
            _fail("--format claimreview needs --site, the address of the published fact-checks")
        from claimtrack.pipeline import conflicts as find_conflicts
        from claimtrack.render import claimreview
        from claimtrack.render.records import RecordMaker, document

        findings = find_conflicts(run)
        doc = document(RecordMaker(run.project, run.seeds), findings, findings.conflicts)
        kinds = {
            e.id: "Person" if e.type == "person" else "Organization"
            for e in run.project.entities.values()
        }
        sys.stdout.write(claimreview.render(claimreview.reviews(doc, site, publisher, kinds)))
        return
    rows = _claim_rows(run, run.project.claims)
    if output_format is ExportFormat.jsonl:
        sys.stdout.write(listing.as_jsonl(rows))
    else:
        sys.stdout.write(listing.as_csv(rows, list(rows[0]) if rows else CLAIM_COLUMNS))


@app.command()
def report(
    output_format: Annotated[
        ReportFormat, typer.Option("--format", help="markdown, or html (one self-contained page).")
    ] = ReportFormat.html,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to this file instead of standard output."),
    ] = None,
    force: Annotated[bool, typer.Option(help="Replace the output file if it exists.")] = False,
    root: RootOption = None,
) -> None:
    """Write a report of every conflict, its verdict and each side's quote and source, for
    publication or an editor's review.

    [dim]Example:[/dim] claimtrack report --format html -o conflicts.html
    """
    from claimtrack.pipeline import conflicts as find_conflicts
    from claimtrack.render.records import RecordMaker, document

    project_root = _root(root)
    run = _load(project_root)
    findings = find_conflicts(run)
    doc = document(RecordMaker(run.project, run.seeds), findings, findings.conflicts)
    title = f"Conflicts: {run.project.name or project_root.name}"
    if output_format is ReportFormat.html:
        from claimtrack.render import report_html

        text = report_html.render(doc, title)
    else:
        from claimtrack.render import conflicts_markdown

        text = conflicts_markdown.render(doc).replace("# Conflicts", f"# {title}", 1)
    _write_output(output, text, force=force)


def _write_output(output: Path | None, text: str, *, force: bool) -> None:
    """Standard output, or a file written atomically that is never replaced unless forced."""
    if output is None:
        sys.stdout.write(text)
        return
    from claimtrack.files import RefusedOverwrite, write_atomically

    try:
        write_atomically(output, text, overwrite=force)
    except RefusedOverwrite:
        _fail(f"{output} exists; use --force to replace it")
    typer.echo(f"wrote {output}", err=True)


class SchemaKind(StrEnum):
    claims = "claims"
    catalog = "catalog"


@app.command()
def schema(
    kind: Annotated[
        SchemaKind,
        typer.Option(
            "--file", help="claims (claim and registry files) or catalog (seeds/catalog.yaml)."
        ),
    ] = SchemaKind.claims,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to this file instead of standard output."),
    ] = None,
    force: Annotated[bool, typer.Option(help="Replace the output file if it exists.")] = False,
) -> None:
    """Print the JSON Schema of claim files, made from the definitions validate itself uses.

    Editors with the yaml-language-server complete and check fields as you type when a file
    starts with [bold]# yaml-language-server: $schema=../schema/claims.schema.json[/bold].

    [dim]Example:[/dim] claimtrack schema -o schema/claims.schema.json --force
    """
    from claimtrack.scaffold import schema_text

    text = schema_text(kind.value)
    _write_output(output, text, force=force)


@app.command()
def init(
    directory: Annotated[
        Path,
        typer.Argument(help="Where to create the project (created if missing).", file_okay=False),
    ] = Path(),
    force: Annotated[bool, typer.Option(help="Replace files that already exist.")] = False,
) -> None:
    """Create a claims repository: seeds/, claims/ with an example and the registries, the
    JSON Schema, a pre-commit config and a CI workflow. It passes validate at once.

    Nothing that exists is overwritten unless --force is given.

    [dim]Example:[/dim] claimtrack init newsroom-claims
    """
    from claimtrack import scaffold

    clashes = scaffold.existing(directory, __version__)
    if clashes and not force:
        listed = ", ".join(str(p) for p in clashes[:5]) + (" ..." if len(clashes) > 5 else "")
        _fail(f"not overwriting what exists: {listed}; use --force to replace these files")
    for path in scaffold.write(directory, __version__, force=force):
        typer.echo(f"created {path}")
    typer.echo("Next: cd into it, run `claimtrack validate`, then `pre-commit install`.")


def main() -> None:
    """Console entry point. An unexpected error is reported in one line, never a traceback."""
    try:
        app()
    except Exception as exc:
        sys.stderr.write(
            f"claimtrack: internal error: {type(exc).__name__}: {exc}\n"
            "Please report this with the command you ran.\n"
        )
        sys.exit(2)
