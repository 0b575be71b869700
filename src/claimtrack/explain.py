"""What a finding code means, from the docstring of the module that reports it.

Each module that reports findings lists them in `CODES` and documents them in its docstring,
with an example that passes and one that fails (as yamllint documents its rules). `claimtrack
explain CODE` prints that text and the README's table of codes is checked against the same
source, so the two never drift apart. A docstring that documents several codes marks each one's
part with a line that starts with the code; the module's opening paragraph is shown with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import import_module

from claimtrack.diagnostics import CODES, Code

REPORTERS = (
    "claimtrack.load",
    "claimtrack.records",
    "claimtrack.project",
    "claimtrack.resolve",
    "claimtrack.pipeline",
    "claimtrack.conflicts",
)
"""The modules beside the checks (`checks.all_checks`) that report findings: reading, resolving,
comparing. A code listed by several is documented by the first, so reading comes first."""

_SECTION = re.compile(r"^(CT\d{3}) (?=[A-Za-z])", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Explanation:
    code: Code
    module: str
    text: str


def reporter_of(code: str) -> str:
    """The module that documents `code`: the first of REPORTERS, then of the checks, to list it."""
    from claimtrack.checks import all_checks

    for module in [*map(import_module, REPORTERS), *all_checks()]:
        if code in getattr(module, "CODES", ()):
            return module.__name__
    raise KeyError(code)


def explain(code: str) -> Explanation:
    """The documentation of `code`; raises KeyError for a code claimtrack does not have."""
    code = code.upper()
    found = CODES[code]
    module = reporter_of(code)
    doc = (import_module(module).__doc__ or "").strip()
    return Explanation(found, module, _section(doc, code))


def _section(doc: str, code: str) -> str:
    """The opening paragraph and `code`'s own part of a sectioned docstring, else all of it."""
    starts = [m for m in _SECTION.finditer(doc) if m.start() > 0]  # the summary line is no part
    if not starts:
        return doc
    intro = doc[: starts[0].start()].strip()
    for index, match in enumerate(starts):
        if match.group(1) == code:
            end = starts[index + 1].start() if index + 1 < len(starts) else len(doc)
            return f"{intro}\n\n{doc[match.start() : end].strip()}"
    return intro
