"""CT201: every claim id is unique across the whole project.

Ids are how verdicts, conflicts and people refer to a claim, so two claims with one id, even in
different files, make every such reference ambiguous.

PASS::

    claims:
      - id: cnrp-seats-claimed
      - id: cnrp-seats-official

FAIL (the second one is reported, naming where the first is)::

    claims:
      - id: cnrp-seats
      - id: cnrp-seats
"""

from __future__ import annotations

from collections.abc import Iterator

from claimtrack.checks import Context
from claimtrack.diagnostics import Diagnostic
from claimtrack.model import Loc

CODES = ("CT201",)


def check(context: Context) -> Iterator[Diagnostic]:
    first: dict[str, Loc] = {}
    for draft in context.project.drafts:
        seen = first.setdefault(draft.id, draft.loc)
        if seen is not draft.loc and context.wanted(draft.loc.path):
            loc = draft.locs.get("id", draft.loc)
            yield Diagnostic.at(
                loc,
                "CT201",
                f"duplicate claim id {draft.id!r}; first used at {seen.path}:{seen.line}",
            )
