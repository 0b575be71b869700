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
    from claimtrack.checks import catalog, grounding, ids, modeline, quotes, underspecified

    return [ids, quotes, grounding, catalog, underspecified, modeline]


def run_checks(context: Context) -> Iterator[Diagnostic]:
    for module in all_checks():
        yield from module.check(context)
