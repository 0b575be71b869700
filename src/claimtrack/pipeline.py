"""The stages in order: load, resolve, check, find conflicts. What every command builds on.

Findings a team has accepted (`ignore:` in a claim, a claims file or claimtrack.yaml) are taken
out last and counted, so a summary says how many were accepted and no acceptance outlives the
finding it was written for.

CT019 accepted finding code (``ignore:``) that matches no finding: the problem was fixed, or
the code was mistyped, and the acceptance would silently cover the next one.

PASS (the claim's quote does not show the figure, on purpose)::

    - id: nec-turnout
      ignore: [CT104]

FAIL (nothing in this file is reported as CT107)::

    ignore: [CT107]
    claims:

CT303 verdict on a conflict that does not exist now, or rating claims the conflict does not
involve: its claims changed since the verdict was written. Review the verdict and re-file it
on the conflict as it stands, or remove it.

FAIL: a verdict under ``cf-0badc0de`` after the claims of that conflict were corrected.

CT305 verdict filed under a conflict's former id: ids were derived from every claim id before
version 2 of the JSON contract, and are now derived from what the conflict is about and the
values in dispute. The verdict still applies; rename it to the id the finding gives.

FAIL::

    verdicts:
      cf-e5aed352: {status: open}   # the former id of cf-cebed882
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from claimtrack.cache import Cache
from claimtrack.checks import Context, global_checks, per_file_checks, run_checks
from claimtrack.conflicts.engine import Engine, Findings
from claimtrack.diagnostics import Diagnostic
from claimtrack.model import Project, Suppression
from claimtrack.project import CONFIG_FILE, SEEDS_DIR, FileRead, Loaded, read_project
from claimtrack.resolve import resolve, resolve_claims
from claimtrack.seeds import SeedLibrary

if TYPE_CHECKING:
    from claimtrack.depends import Fingerprints, Recorder

CODES = ("CT019", "CT303", "CT305")
"""The findings this module reports, documented above (`claimtrack explain CODE`)."""

Progress = Callable[[int, int], None]


@dataclass(slots=True)
class Run:
    project: Project
    seeds: SeedLibrary
    diagnostics: list[Diagnostic] = field(default_factory=list)
    findings: Findings | None = None
    suppressed: int = 0
    """How many findings the last `validate` left out because the project accepts them."""
    loaded: Loaded | None = None
    """Each claims file as read, when its claims were left unread until a check needs them."""
    fingerprints: Fingerprints | None = None
    recorder: Recorder | None = None


def load(
    root: Path,
    progress: Progress | None = None,
    cache: Cache | None = None,
    *,
    lazy: bool = False,
    only: frozenset[str] = frozenset(),
    keep_drafts: bool = True,
) -> Run:
    """Load and resolve the whole project (references resolve against all of it).

    Without `keep_drafts`, `project.drafts` is left empty once the claims are resolved, for a
    run that needs only the claims (as the conflict engine does): they are a third of what a
    loaded project holds.

    With `lazy`, only what the whole project shares is read and resolved (its registries, every
    claim id, the findings of reading each file); each file's claims are resolved and checked
    by `validate`, one file at a time, from the cache where nothing they consulted changed;
    with `only` as well, files other than those may be left unread (see `read_project`).
    """
    enabled = gc.isenabled()
    gc.disable()  # millions of short-lived parser nodes, no cycles: collection only costs time
    try:
        loaded = read_project(
            root, progress, cache, drafts=not lazy, only=only if lazy else frozenset()
        )
        diagnostics = loaded.diagnostics
        diagnostics.extend(resolve(loaded.project, keep_drafts=keep_drafts or lazy))
    finally:
        if enabled:
            gc.enable()
    return Run(loaded.project, SeedLibrary(root), diagnostics, loaded=loaded if lazy else None)


def selection(run: Run, files: Iterable[str]) -> Callable[[str], bool]:
    """Which findings to report: those in `files` (project-relative); for a seed, the claims
    that cite it; for the catalog, every seed and the claims that cite them."""
    wanted = set(files)
    if run.project.catalog_path in wanted:  # a seed it stops listing is reported at the seed
        wanted.update(f"{SEEDS_DIR}/{name}" for name in run.project.seed_files)
    seeds = {name[len(SEEDS_DIR) + 1 :] for name in wanted if name.startswith(f"{SEEDS_DIR}/")}
    if seeds:
        if run.loaded is not None:
            wanted.update(read.path for read in run.loaded.files if read.seeds & seeds)
        else:
            for draft in run.project.drafts:
                if any(s.seed in seeds for s in draft.sources):
                    wanted.add(draft.loc.path)
    return wanted.__contains__


def reaches_everything(run: Run, files: Iterable[str]) -> bool:
    """Whether a change to one of `files` can change findings in any file: the project's
    settings (which findings it accepts) and the files that define entities, scopes or
    properties (every claim resolves against them). Validating such a file reports on the
    whole project, so that renaming an entity other files name is caught by the commit that
    renames it."""
    project = run.project
    named = set(files)
    if CONFIG_FILE in named:
        return True
    tables = (project.entities, project.scopes, project.properties)
    return any(item.loc.path in named for table in tables for item in table.values())


def _checked(run: Run, select: Callable[[str], bool]) -> list[Diagnostic]:
    """The findings of the checks: file by file when the run is lazy, else all at once."""
    loaded = run.loaded
    if loaded is None:
        return list(run_checks(Context(run.project, run.seeds, select)))
    modules = global_checks(claims_only=bool(loaded.only))
    found = list(run_checks(Context(run.project, run.seeds, select), modules))
    for read in loaded.files:
        if select(read.path):
            found.extend(_checked_file(run, loaded, read))
            read.drafts = None  # from the cache or the file again if the engine needs them
    if loaded.cache is not None:
        loaded.cache.flush()
    return found


def _checked_file(run: Run, loaded: Loaded, read: FileRead) -> list[Diagnostic]:
    """One file's claims resolved and checked, or what that found last time when nothing it
    consulted has changed since (see `depends`)."""
    from claimtrack import depends

    cache = loaded.cache
    if run.fingerprints is None or run.recorder is None:
        run.fingerprints = depends.Fingerprints(run.project, run.seeds, cache)
        run.recorder = depends.Recorder(run.project, run.seeds)
    now, recorder = run.fingerprints, run.recorder
    if cache is not None and read.content is not None:
        found = cache.get("checked", read.path, read.content)
        if isinstance(found, tuple) and len(found) == 3 and depends.unchanged(found[0], now):
            return list(found[1])
    view = recorder.view(loaded.drafts_of(read))
    view.claims, diagnostics = resolve_claims(view, view.drafts)
    context = Context(view, recorder.seeds, lambda path: path == read.path)
    diagnostics.extend(run_checks(context, per_file_checks()))
    if cache is not None and read.content is not None:
        consulted = depends.fingerprinted(recorder.dependencies(), now)
        if depends.as_checked(consulted, recorder.texts):
            cache.put("checked", read.path, read.content, (consulted, diagnostics, time.time_ns()))
    return diagnostics


def _everything(run: Run) -> None:
    """Resolve every claim of a lazy run (the conflict engine needs them all), file by file:
    the drafts are not kept, as the engine needs only the claims."""
    loaded = run.loaded
    project = run.project
    if loaded is None or loaded.everything:
        return
    loaded.read_skipped()
    claims = []
    for read in loaded.files:
        found, _ = resolve_claims(project, loaded.drafts_of(read))  # findings came file by file
        claims.extend(found)
    project.claims = claims
    loaded.everything = True


def validate(run: Run, wanted: Callable[[str], bool] | None = None) -> list[Diagnostic]:
    """Every finding of the checks, plus verdicts that no longer match a conflict."""
    select = wanted or (lambda _path: True)
    found = [d for d in run.diagnostics if select(d.path)]
    found.extend(_checked(run, select))
    project = run.project
    places = [v.loc.path for v in project.verdicts.values()]
    places.extend(r.loc.path for r in project.rules.values())
    if project.verdicts and any(map(select, places)):  # the engine reports on these alone
        _everything(run)
        findings = conflicts(run)
        found.extend(d for d in findings.diagnostics if select(d.path))
        known = {c.id: {claim.id for claim in c.claims} for c in findings.conflicts}
        renamed = {former: c.id for c in findings.conflicts for former in c.former_ids}
        for verdict in run.project.verdicts.values():
            loc = verdict.loc
            if not select(loc.path):
                continue
            current = (
                verdict.conflict if verdict.conflict in known else renamed.get(verdict.conflict)
            )
            if current is None:
                found.append(
                    Diagnostic.at(
                        loc,
                        "CT303",
                        f"verdict on {verdict.conflict}, but no such conflict "
                        "exists now (its claims changed or were resolved); "
                        "review it and remove or re-file it",
                    )
                )
                continue
            if current != verdict.conflict:
                found.append(
                    Diagnostic.at(
                        loc,
                        "CT305",
                        f"verdict filed under {verdict.conflict}, the former id of {current}; "
                        f"rename it to {current} (ids no longer change when claims join a side)",
                    )
                )
            stray = sorted(set(verdict.claims) - known[current])
            if stray:
                found.append(
                    Diagnostic.at(
                        loc,
                        "CT303",
                        f"verdict on {verdict.conflict} rates "
                        f"{', '.join(stray)}, which the conflict does not "
                        "involve",
                    )
                )
    return _unsuppressed(run, sorted(set(found)), select)


def _unsuppressed(
    run: Run, found: list[Diagnostic], select: Callable[[str], bool]
) -> list[Diagnostic]:
    """Leave out accepted findings (counted in `run.suppressed`); report unused acceptances."""
    accepted = run.project.suppressions
    if not accepted:
        return found
    by_code: dict[str, list[Suppression]] = {}
    for suppression in accepted:
        by_code.setdefault(suppression.code, []).append(suppression)
    used: set[Suppression] = set()
    kept = []
    for finding in found:
        covering = [
            s
            for s in by_code.get(finding.code, ())
            if s.covers(finding.path, finding.line, finding.code)
        ]
        if covering:
            used.update(covering)
        else:
            kept.append(finding)
    run.suppressed = len(found) - len(kept)
    for suppression in accepted:
        where = suppression.loc.path
        if suppression not in used and select(where) and (suppression.path or select("")):
            kept.append(
                Diagnostic.at(
                    suppression.loc,
                    "CT019",
                    f"ignore: {suppression.code} matches no finding here; remove it",
                )
            )
    return sorted(kept)


def conflicts(run: Run) -> Findings:
    if run.findings is None:
        enabled = gc.isenabled()
        gc.disable()  # many small tuples and intervals, no cycles: as in `load`
        try:
            run.findings = Engine(run.project).run()
        finally:
            if enabled:
                gc.enable()
    return run.findings
