"""CT301, CT302: a claim says enough to be compared with others.

A claim without a scope, for a property that needs one, could be about either election: the
conflict engine leaves it out rather than guess, and says so here. Likewise a claim without
`as_of` for a property that changes over time (a role, a result's status).

PASS::

    property: seats-won
    scope: election-2013

FAIL (CT301)::

    property: seats-won
"""

from __future__ import annotations

from collections.abc import Iterator

from claimtrack.checks import Context
from claimtrack.diagnostics import Diagnostic
from claimtrack.model import Claim, Project

CODES = ("CT301", "CT302")


def underspecified(project: Project, claim: Claim) -> tuple[str, str] | None:
    """Why the claim cannot be compared, as (code, message), or None when it can."""
    prop = project.properties[claim.property]
    if prop.scoped and claim.scope is None:
        return "CT301", (
            f"claim {claim.id!r} has no scope, and {prop.id!r} differs between "
            "events: add 'scope:' so it is compared with the right claims"
        )
    if prop.changes and claim.as_of is None:
        return "CT302", (
            f"claim {claim.id!r} has no as_of, and {prop.id!r} changes over time: "
            "add 'as_of:' so it is compared with claims of the same time"
        )
    return None


def check(context: Context) -> Iterator[Diagnostic]:
    for claim in context.project.claims:
        if not context.wanted(claim.loc.path):
            continue
        problem = underspecified(context.project, claim)
        if problem:
            loc = claim.loc
            yield Diagnostic.at(loc, *problem)
