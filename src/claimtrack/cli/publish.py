"""Publishing commands: `report` for editors and readers, `export` for other systems."""

from __future__ import annotations

import gc
import itertools
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from claimtrack.cli.browse import CLAIM_COLUMNS, claim_rows
from claimtrack.cli.common import RootOption, app, fail, load_run, project_root, write_output


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    claimreview = "claimreview"


class ReportFormat(StrEnum):
    markdown = "markdown"
    html = "html"


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
    from claimtrack.render import claimreview, listing

    if output_format is ExportFormat.claimreview:
        if not site:
            fail("--format claimreview needs --site, the address of the published fact-checks")
        if problem := claimreview.site_problem(site):
            fail(problem)
    run = load_run(project_root(root))
    gc.freeze()  # the project lives to the end of the run: collections need not walk it
    if output_format is ExportFormat.claimreview and site:
        from claimtrack.pipeline import conflicts as find_conflicts
        from claimtrack.render.records import RecordMaker, members

        findings = find_conflicts(run)
        # the conflict records as an iterator: each is read once and dropped unless reviewed
        doc = dict(members(RecordMaker(run.project, run.seeds), findings, findings.conflicts))
        kinds = {
            e.id: "Person" if e.type == "person" else "Organization"
            for e in run.project.entities.values()
        }
        sys.stdout.write(claimreview.render(claimreview.reviews(doc, site, publisher, kinds)))
        return
    rows = claim_rows(run, run.project.claims)
    if output_format is ExportFormat.jsonl:
        listing.write_jsonl(rows, sys.stdout)
    else:
        first = next(rows, None)
        columns = CLAIM_COLUMNS if first is None else list(first)
        listing.write_csv(itertools.chain([first] if first else [], rows), columns, sys.stdout)


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

    root_dir = project_root(root)
    run = load_run(root_dir)
    gc.freeze()
    findings = find_conflicts(run)
    doc = document(RecordMaker(run.project, run.seeds), findings, findings.conflicts)
    title = f"Conflicts: {run.project.name or root_dir.name}"
    if output_format is ReportFormat.html:
        from claimtrack.render import report_html
        from claimtrack.seeds import passages

        quotes = [
            (source.seed, source.quote)
            for conflict in findings.conflicts
            for claim in conflict.claims
            for source in claim.sources
        ]
        text = report_html.render(doc, title, passages(run.seeds, quotes))
    else:
        from claimtrack.render import conflicts_markdown
        from claimtrack.render.escape import markdown

        text = conflicts_markdown.render(doc).replace("# Conflicts", f"# {markdown(title)}", 1)
    write_output(output, text, force=force)
