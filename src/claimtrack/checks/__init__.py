"""Validation checks: each module checks one thing and yields diagnostics.

Every check module has a docstring that documents it (with a passing and a failing example),
`CODES`, the codes it can report, and `check(context)`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from types import ModuleType

from claimtrack.diagnostics import Diagnostic
from claimtrack.model import Project
from claimtrack.seeds import SeedLibrary


@dataclass(frozen=True, slots=True)
class Context:
    """What a check sees: the loaded project, its seeds, and which files are being reported on."""

    project: Project
    seeds: SeedLibrary
    wanted: Callable[[str], bool]


def all_checks() -> list[ModuleType]:
    from claimtrack.checks import catalog, grounding, ids, quotes, underspecified

    return [ids, quotes, grounding, catalog, underspecified]


def run_checks(context: Context) -> Iterator[Diagnostic]:
    for module in all_checks():
        yield from module.check(context)
