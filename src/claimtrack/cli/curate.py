"""Curating without hand-editing YAML: `verdict`, and the `seeds` group (list, add, rehash).

Every write goes through `claimtrack.edits`, which keeps the user's comments and layout and
writes atomically; these commands only check their arguments and say what they did.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import sys
from pathlib import Path
from typing import Annotated

import typer

from claimtrack.cli.common import (
    ListFormat,
    RootOption,
    app,
    closest,
    complete_conflict_ids,
    emit,
    fail,
    load_run,
    project_root,
)

STATUS_HELP = "unreviewed is the absence of a verdict; record open, disputed or resolved."


def _split_ids(text: str | None) -> list[str] | None:
    if text is None:
        return None
    return [part.strip() for part in text.split(",") if part.strip()]


@app.command()
def verdict(
    conflict_id: Annotated[
        str,
        typer.Argument(
            metavar="CONFLICT-ID",
            help="The conflict's id, as `claimtrack conflicts` shows it (cf-...).",
            autocompletion=complete_conflict_ids,
        ),
    ],
    status: Annotated[str, typer.Option(help="open, disputed or resolved.")],
    rating: Annotated[
        str | None,
        typer.Option(
            help="true, mostly-true, half-true, mostly-false, false, misleading or unproven."
        ),
    ] = None,
    verdict_text: Annotated[
        str | None,
        typer.Option("--verdict", help="What was decided, in words (required when resolved)."),
    ] = None,
    note: Annotated[str | None, typer.Option(help="A note for the desk.")] = None,
    by: Annotated[str | None, typer.Option(help="Who reached the verdict.")] = None,
    claims: Annotated[
        str | None,
        typer.Option(help="Comma-separated ids of the claims the rating applies to (one side)."),
    ] = None,
    root: RootOption = None,
) -> None:
    """Record or update the verdict on a conflict, keeping the verdicts file's comments and
    layout. The file is created if the project has none.

    [dim]Example:[/dim] claimtrack verdict cf-9b7c629f --status disputed --note "Asked RFA."
    """
    from claimtrack.edits import EditRefused, record_verdict
    from claimtrack.pipeline import conflicts as find_conflicts
    from claimtrack.project import CLAIMS_DIR
    from claimtrack.schema import RATINGS, VERDICT_STATUSES

    if status not in VERDICT_STATUSES:
        statuses = ", ".join(VERDICT_STATUSES)
        fail(f"--status {status!r} is not one of {statuses}{closest(status, VERDICT_STATUSES)}")
    if rating is not None and rating not in RATINGS:
        choices = ", ".join(RATINGS)
        fail(f"--rating {rating!r} is not one of {choices}{closest(rating, RATINGS)}")
    root_dir = project_root(root)
    run = load_run(root_dir)
    current = {c.id: c for c in find_conflicts(run).conflicts}
    conflict = current.get(conflict_id)
    if conflict is None:
        fail(f"{conflict_id!r} is not a current conflict{closest(conflict_id, sorted(current))}")
    existing = run.project.verdicts.get(conflict_id)
    rated = _split_ids(claims)
    if rated is not None:
        involved = {c.id for c in conflict.claims}
        stray = [c for c in rated if c not in involved]
        if stray:
            fail(
                f"--claims names {', '.join(stray)}, not part of {conflict_id} "
                f"(its claims: {', '.join(sorted(involved))})"
            )
    decided = verdict_text or (existing.verdict if existing else None)
    if status == "resolved" and not decided:
        fail("a resolved verdict must say what was decided: add --verdict TEXT")
    path = root_dir / (existing.loc.path if existing else f"{CLAIMS_DIR}/verdicts.yaml")
    fields: dict[str, object] = {
        "status": status,
        "verdict": verdict_text,
        "rating": rating,
        "claims": rated,
        "by": by,
        "date": dt.date.today(),
        "note": note,
    }
    try:
        created = record_verdict(path, conflict_id, {k: v for k, v in fields.items() if v})
    except (EditRefused, OSError) as exc:
        fail(f"verdict not recorded: {exc}")
    shown = path.relative_to(root_dir).as_posix()
    typer.echo(f"{'recorded' if created else 'updated'} the verdict on {conflict_id} in {shown}")


seeds_app = typer.Typer(invoke_without_command=True, rich_markup_mode="rich")
app.add_typer(seeds_app, name="seeds")


@seeds_app.callback()
def list_seeds(
    context: typer.Context,
    root: RootOption = None,
    output_format: Annotated[ListFormat, typer.Option("--format")] = ListFormat.table,
) -> None:
    """List the seed catalog with how many claims cite each article and how many conflicts
    involve it; `seeds add` and `seeds rehash` change it.

    [dim]Example:[/dim] claimtrack seeds --format json
    """
    if context.invoked_subcommand is not None:
        context.obj = root
        return
    from claimtrack.browse import seed_counts
    from claimtrack.pipeline import conflicts as find_conflicts

    run = load_run(project_root(root))
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
    emit(
        rows,
        output_format,
        "Seeds",
        ["seed", "title", "publisher", "published", "claims", "conflicts"],
    )


def _as_date(text: str | None) -> dt.date | str | None:
    """A full date as a date, so it is written unquoted like the rest of the catalog."""
    try:
        return dt.date.fromisoformat(text) if text and len(text) == 10 else text
    except ValueError:
        return text


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""Characters an article never prints (tab, line feed and carriage return aside)."""


def _has_seeds(root_dir: Path) -> bool:
    """Whether the project already has seed files (then a missing catalog is an error)."""
    from claimtrack.project import CATALOG_NAME, SEEDS_DIR

    folder = root_dir / SEEDS_DIR
    return folder.is_dir() and any(p.name != CATALOG_NAME for p in folder.iterdir())


def _catalog_path(root_dir: Path) -> Path:
    from claimtrack.project import CATALOG_NAME, SEEDS_DIR

    return root_dir / SEEDS_DIR / CATALOG_NAME


@seeds_app.command("add")
def add_seed(
    context: typer.Context,
    file: Annotated[Path, typer.Argument(help="The article, as a UTF-8 text file.")],
    name: Annotated[
        str | None, typer.Option(help="Its name under seeds/ (default: the file's name).")
    ] = None,
    title: Annotated[str | None, typer.Option(help="Headline.")] = None,
    publisher: Annotated[str | None, typer.Option(help="Outlet that published it.")] = None,
    published: Annotated[
        str | None, typer.Option(help="Publication date: YYYY-MM-DD, YYYY-MM or YYYY.")
    ] = None,
    url: Annotated[str | None, typer.Option(help="Address, where known.")] = None,
    root: RootOption = None,
) -> None:
    """Copy an article into seeds/ (never replacing one), and catalog it with its hash.

    [dim]Example:[/dim] claimtrack seeds add report.txt --publisher "Daily News"
    """
    from claimtrack.edits import EditRefused, record_seed
    from claimtrack.files import RefusedOverwrite, UnsafeFile, read_regular, write_atomically
    from claimtrack.project import CATALOG_NAME, SEEDS_DIR
    from claimtrack.records import parse_date
    from claimtrack.seeds import SEED_SIZE_LIMIT

    root_dir = project_root(root or context.obj)
    if not file.exists():
        fail(f"{file}: no such file (a seed is a text file)")
    if published is not None and parse_date(published) is None:
        fail(f"--published {published!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)")
    if url is not None and not url.startswith(("https://", "http://")):
        fail(f"--url {url!r} is not an http(s) address")
    seed_name = name or file.name
    unsafe = "/" in seed_name or seed_name.startswith(".") or seed_name == "catalog.yaml"
    if unsafe or not seed_name.isprintable():
        fail(f"{seed_name!r} cannot be a seed name; pass --name NAME.txt")
    catalog = _catalog_path(root_dir)
    if not os.path.lexists(catalog) and _has_seeds(root_dir):
        fail(
            f"{SEEDS_DIR}/{CATALOG_NAME} is missing: without it an edited seed goes unnoticed "
            "(CT111); restore it from version control first"
        )
    try:
        data = read_regular(file, within=file.resolve().parent, limit=SEED_SIZE_LIMIT)
    except UnsafeFile as refused:
        fail(f"{file}: {refused.message} (a seed is a UTF-8 text file of at most 4 MiB)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        fail(f"{file} is not UTF-8 text (byte {exc.start}); convert it first")
    if bad := _CONTROL.search(text):
        fail(
            f"{file} holds a control character ({bad.group()!r} at character {bad.start():,}), "
            "which no article prints; clean it first"
        )
    target = root_dir / SEEDS_DIR / seed_name
    try:
        write_atomically(target, text)
    except RefusedOverwrite:
        fail(f"{SEEDS_DIR}/{seed_name} exists; seeds are never replaced (pass --name)")
    fields = {
        "title": title,
        "publisher": publisher,
        "published": _as_date(published),
        "url": url,
        "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
    }
    try:
        record_seed(catalog, seed_name, {k: v for k, v in fields.items() if v})
    except (EditRefused, OSError) as exc:
        target.unlink()
        fail(f"seed not added: {exc}")
    typer.echo(f"added {SEEDS_DIR}/{seed_name} and its catalog entry")


@seeds_app.command("rehash")
def rehash_seed(
    context: typer.Context,
    name: Annotated[str, typer.Argument(help="The seed's name under seeds/.")],
    root: RootOption = None,
) -> None:
    """Record a deliberate edit of a seed: list the claims whose quotes it breaks, then store
    its new hash in the catalog. Exit 1 when some quotes no longer match.

    [dim]Example:[/dim] claimtrack seeds rehash 002_facd879dbe44f1ea.txt
    """
    from claimtrack.checks import Context
    from claimtrack.checks import quotes as quote_check
    from claimtrack.edits import EditRefused, record_seed
    from claimtrack.project import SEEDS_DIR
    from claimtrack.render import diagnostics_text

    root_dir = project_root(root or context.obj)
    run = load_run(root_dir)
    if run.project.catalog_path is None:
        fail(
            f"{SEEDS_DIR}/catalog.yaml is missing: without it an edited seed goes unnoticed "
            "(CT111); restore it from version control first"
        )
    name = name.removeprefix(f"{SEEDS_DIR}/")
    if name not in run.project.seed_files:
        known = sorted(run.project.seed_files)
        fail(f"no seed {name!r} in {SEEDS_DIR}/{closest(name, known)}")
    citing = {d.loc.path for d in run.project.drafts if any(s.seed == name for s in d.sources)}
    broken = [
        d
        for d in quote_check.check(Context(run.project, run.seeds, citing.__contains__))
        if d.code == "CT102"
    ]
    digest = run.seeds.get(name).sha256
    try:
        record_seed(_catalog_path(root_dir), name, {"sha256": digest})
    except (EditRefused, OSError) as exc:
        fail(f"hash not recorded: {exc}")
    if broken:
        sys.stdout.write(diagnostics_text.render(broken, len(citing)))
        typer.echo(f"recorded the new hash of {name}; the quotes above no longer match it")
        raise typer.Exit(1)
    typer.echo(f"recorded the new hash of {name}; every quote from it still matches")
