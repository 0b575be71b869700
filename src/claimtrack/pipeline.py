"""The stages in order: load, resolve, check, find conflicts. What every command builds on."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from claimtrack.checks import Context, run_checks
from claimtrack.conflicts.engine import Engine, Findings
from claimtrack.diagnostics import Diagnostic
from claimtrack.model import Project
from claimtrack.project import SEEDS_DIR, load_project
from claimtrack.resolve import resolve
from claimtrack.seeds import SeedLibrary

Progress = Callable[[int, int], None]


@dataclass(slots=True)
class Run:
    project: Project
    seeds: SeedLibrary
    diagnostics: list[Diagnostic] = field(default_factory=list)
    findings: Findings | None = None


def load(root: Path, progress: Progress | None = None) -> Run:
    """Load and resolve the whole project (references resolve against all of it)."""
    enabled = gc.isenabled()
    gc.disable()  # millions of short-lived parser nodes, no cycles: collection only costs time
    try:
        project, diagnostics = load_project(root, progress)
        diagnostics.extend(resolve(project))
    finally:
        if enabled:
            gc.enable()
    return Run(project, SeedLibrary(root), diagnostics)


def selection(root: Path, run: Run, paths: Iterable[Path]) -> Callable[[str], bool]:
    """Which findings to report: those in `paths`, and for a seed, the claims that cite it."""
    wanted: set[str] = set()
    for path in paths:
        wanted.add(path.resolve().relative_to(root).as_posix())
    cited = {f"{SEEDS_DIR}/{s.seed}" for d in run.project.drafts for s in d.sources}
    if wanted & cited:
        for draft in run.project.drafts:
            if any(f"{SEEDS_DIR}/{s.seed}" in wanted for s in draft.sources):
                wanted.add(draft.loc.path)
    return wanted.__contains__


def validate(run: Run, wanted: Callable[[str], bool] | None = None) -> list[Diagnostic]:
    """Every finding of the checks, plus verdicts that no longer match a conflict."""
    select = wanted or (lambda _path: True)
    found = [d for d in run.diagnostics if select(d.path)]
    found.extend(run_checks(Context(run.project, run.seeds, select)))
    if run.project.verdicts:
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
    return sorted(set(found))


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
