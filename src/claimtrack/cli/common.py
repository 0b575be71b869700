"""What every command shares: the app, finding and loading the project, the console, output."""

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

    from claimtrack.cache import Cache
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


def fail(message: str) -> NoReturn:
    """One line on stderr and exit 2; names from files or arguments are shown escaped."""
    from claimtrack.render.escape import terminal

    typer.echo(f"claimtrack: {terminal(message)}", err=True)
    raise typer.Exit(2)


def working_directory() -> Path:
    """The current folder, or a usage error if it has been deleted under the shell."""
    try:
        return Path.cwd()
    except OSError as exc:
        fail(f"the current folder cannot be read ({exc.strerror}); cd into the project again")


def project_root(root: Path | None) -> Path:
    from claimtrack.project import CONFIG_FILE, NotAProject, find_root

    if root is not None:
        if not (root / CONFIG_FILE).is_file():
            fail(
                f"{root} is not a claims project (no {CONFIG_FILE}); "
                "run `claimtrack init` there to create one"
            )
        return root.resolve()
    try:
        return find_root(working_directory())
    except NotAProject:
        fail(
            f"not inside a claims project (no {CONFIG_FILE} here or in any parent folder); "
            "run `claimtrack init` to create one, or pass --root DIR"
        )


def open_cache(root: Path, use_cache: bool = True) -> Cache | None:
    """The project's cache, unless `use_cache` is False or CLAIMTRACK_NO_CACHE is set, or it
    cannot be used (the run then reads everything, as without one)."""
    from claimtrack.cache import Cache, disabled

    return Cache.open(root) if use_cache and not disabled() else None


def load_run(
    root: Path,
    *,
    use_cache: bool = True,
    lazy: bool = False,
    cache: Cache | None = None,
    only: frozenset[str] = frozenset(),
    keep_drafts: bool = True,
) -> Run:
    """Load the project, with a progress bar on a terminal (never when piped or in CI), through
    the project's cache unless `use_cache` is False or CLAIMTRACK_NO_CACHE is set (see
    `pipeline.load` for `lazy` and `keep_drafts`).

    The process ends after one command, so the loaded model is then frozen out of the cyclic
    collector's sight: it lives to the end and would only be scanned again and again.
    """
    import gc

    from claimtrack.pipeline import load

    cache = cache or open_cache(root, use_cache)
    gc.disable()  # so that `load` leaves it off: frozen first, the model is never scanned
    try:
        if sys.stderr.isatty() and not os.environ.get("CI"):
            from rich.progress import Progress

            with Progress(transient=True, console=make_console(stderr=True)) as progress:
                task = progress.add_task("Reading claim files", total=None)

                def advance(done: int, total: int) -> None:
                    progress.update(task, completed=done, total=total)

                run = load(root, advance, cache, lazy=lazy, only=only, keep_drafts=keep_drafts)
        else:
            run = load(root, None, cache, lazy=lazy, only=only, keep_drafts=keep_drafts)
        if cache is not None and not lazy:
            cache.flush()
    finally:
        gc.freeze()
        gc.enable()
    return run


NoCacheOption = Annotated[
    bool,
    typer.Option(
        "--no-cache",
        help="Read and check every file afresh, neither reading nor writing the cache in "
        ".claimtrack-cache/ (CLAIMTRACK_NO_CACHE=1 does the same).",
    ),
]


def _ids(context: typer.Context, incomplete: str, *, claims: bool) -> list[str]:
    """Conflict ids (and claim ids) starting with what was typed, for shell completion, in the
    project that `--root` names or the working directory is in. Silent when the project cannot
    be loaded: a completion that printed an error would corrupt the shell's line."""
    try:
        from claimtrack.pipeline import conflicts as find_conflicts
        from claimtrack.pipeline import load
        from claimtrack.project import find_root

        given = context.params.get("root")
        run = load(Path(given).resolve() if given else find_root(Path.cwd()))
        ids = [c.id for c in find_conflicts(run).conflicts]
        if claims:
            ids += [c.id for c in run.project.claims]
        return sorted(i for i in ids if i.startswith(incomplete))
    except Exception:
        return []


def complete_ids(context: typer.Context, incomplete: str) -> list[str]:
    """Claim and conflict ids, for `show`."""
    return _ids(context, incomplete, claims=True)


def complete_conflict_ids(context: typer.Context, incomplete: str) -> list[str]:
    """Conflict ids, for `verdict`."""
    return _ids(context, incomplete, claims=False)


def make_console(stderr: bool = False) -> Console:
    """Rich console: colour only on a terminal and without NO_COLOR; wide enough when piped."""
    from rich.console import Console

    console = Console(stderr=stderr, highlight=False)
    if not console.is_terminal and not _columns_given():
        console.width = PIPED_WIDTH
    else:
        console.width = min(max(console.width, MIN_WIDTH), MAX_WIDTH)
    return console


MIN_WIDTH, MAX_WIDTH = 40, 1000
"""Narrower terminals (or COLUMNS=0, a negative or a non-number) get 40 columns: tables of a
few characters' width would print nothing readable. Wider ones get 1000: COLUMNS=100000000
would have every table padded to a hundred million spaces a line."""


def _columns_given() -> bool:
    """Whether COLUMNS holds a usable width; rich falls back to 80 columns on anything else."""
    value = os.environ.get("COLUMNS", "")
    return value.isdigit() and int(value) > 0


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


class ListFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


def emit(
    rows: Sequence[Mapping[str, object]], output_format: ListFormat, title: str, columns: list[str]
) -> None:
    from claimtrack.render import listing

    if output_format is ListFormat.table:
        listing.table(title, rows, columns, make_console())
    elif output_format is ListFormat.json:
        sys.stdout.write(listing.as_json(title.lower().replace(" ", "_"), rows))
    else:
        sys.stdout.write(listing.as_csv(rows, columns))


def closest(word: str, choices: Sequence[str], count: int = 3, cutoff: float = 0.5) -> str:
    """ "; closest: a, b" naming the choices nearest to a mistyped `word`, or nothing."""
    import difflib

    close = difflib.get_close_matches(word, choices, n=count, cutoff=cutoff)
    return f"; closest: {', '.join(close)}" if close else ""


def checked_filters(
    run: Run, kinds: tuple[str, ...], **filters: str | None
) -> dict[str, str | None]:
    """The filters as given, once every value is known to the project: a value it does not have
    would select nothing and look like a clean result, so it is a usage error naming the
    closest one."""
    from claimtrack.browse import UnknownFilter, check_filters

    try:
        check_filters(run.project, filters, kinds)
    except UnknownFilter as exc:
        fail(str(exc))
    return filters


def write_output(output: Path | None, text: str, *, force: bool) -> None:
    """Standard output (also for `-o -`), or a file written atomically that is never replaced
    unless forced."""
    if output is None or str(output) == "-":
        sys.stdout.write(text)
        return
    from claimtrack.files import RefusedOverwrite, write_atomically

    try:
        write_atomically(output, text, overwrite=force)
    except RefusedOverwrite as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror or exc}")
    typer.echo(f"wrote {output}", err=True)
