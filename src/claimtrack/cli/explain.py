"""`explain`: what a finding code means, from the documentation of the check that reports it."""

from __future__ import annotations

from typing import Annotated

import typer

from claimtrack.cli.common import app, fail


@app.command()
def explain(
    code: Annotated[str, typer.Argument(help="A finding code, such as CT102.")],
) -> None:
    """Explain a finding code: what it catches, why, and an example that passes and one that
    fails.

    [dim]Example:[/dim] claimtrack explain CT102
    """
    from claimtrack.diagnostics import CODES
    from claimtrack.explain import explain as lookup

    try:
        found = lookup(code)
    except KeyError:
        from claimtrack.records import did_you_mean

        fail(f"no finding code {code!r}{did_you_mean(code.upper(), sorted(CODES))}")
    flags = found.code.severity.value + (", unreadable input" if found.code.unreadable else "")
    typer.echo(f"{found.code.code} ({flags}): {found.code.title}\n")
    typer.echo(found.text)
