"""Setting a project up: `init` and `schema`."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from claimtrack.cli.common import app, fail, write_output


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
    write_output(output, text, force=force)


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
    from claimtrack.project import CONFIG_FILE, NotAProject, find_root

    try:
        enclosing = find_root(directory.resolve().parent)
    except (NotAProject, OSError):
        enclosing = None
    if enclosing is not None:
        fail(
            f"{directory} is inside the claims project at {enclosing}, whose {CONFIG_FILE} "
            "would read the new project's files as its own; create it elsewhere"
        )
    clashes = scaffold.existing(directory)
    if clashes and not force:
        listed = ", ".join(str(p) for p in clashes[:5]) + (" ..." if len(clashes) > 5 else "")
        fail(f"not overwriting what exists: {listed}; use --force to replace these files")
    from claimtrack.files import RefusedOverwrite

    try:
        for path in scaffold.write(directory, force=force):
            typer.echo(f"created {path}")
    except RefusedOverwrite as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"cannot create the project in {directory}: {exc.strerror or exc}")
    typer.echo(
        f"Next: cd {directory}, run `claimtrack validate`, then `git init` (unless it is in a "
        "git repository already) and `pre-commit install` (pip install pre-commit first)."
    )
