"""Validation checks: each module checks one thing and yields diagnostics.

Every check module has a docstring that documents it (with a passing and a failing example),
`CODES`, the codes it can report, and `check(context)`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from types import ModuleType

from claimtrack.diagnostics import Diagnostic
from claimtrack.model import Project
from claimtrack.seeds import SeedLibrary
from claimtrack.text import normalise_quote


@dataclass(frozen=True, slots=True)
class Context:
    """What a check sees: the loaded project, its seeds, and which files are being reported on."""

    project: Project
    seeds: SeedLibrary
    wanted: Callable[[str], bool]
    _folded: dict[str, str] = field(default_factory=dict)

    def folded(self, quote: str) -> str:
        """The quote as it is compared, computed once for all the checks that need it."""
        found = self._folded.get(quote)
        if found is None:
            found = self._folded[quote] = normalise_quote(quote)
        return found


def all_checks() -> list[ModuleType]:
    return [*per_file_checks(), *global_checks()]


def per_file_checks() -> list[ModuleType]:
    """The checks whose findings about a claims file depend on that file's claims alone, and on
    the registries and seeds they consult: cached file by file (see `depends`)."""
    from claimtrack.checks import grounding, quotes, underspecified

    return [quotes, grounding, underspecified]


def global_checks(*, claims_only: bool = False) -> list[ModuleType]:
    """The checks that compare the whole project (every claim id, every seed against the
    catalog, each file's first lines): run whole every time, from what reading kept.

    With `claims_only` (the run reports on claims files alone) the catalog check is left out:
    it reports at the catalog and the seeds only, and at a hundred thousand seeds comparing
    them all costs more than checking a file."""
    from claimtrack.checks import catalog, ids, modeline

    return [ids, modeline] if claims_only else [ids, catalog, modeline]


def run_checks(context: Context, modules: list[ModuleType] | None = None) -> Iterator[Diagnostic]:
    for module in modules if modules is not None else all_checks():
        yield from module.check(context)
