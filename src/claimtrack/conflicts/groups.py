"""Which claims are compared at all: one subject, property and scope, and for a property that
changes over time, periods (`as_of`) that overlap.

`as_of` values are periods: `2023-08` covers the whole month and meets `2023-08-01`, while
`2023-08-01` and `2023-08-31` never meet. Overlap is not transitive, so a changing property's
claims are split into the largest sets whose periods share a day (the maximal cliques of an
interval graph, one per period end); a claim of a wide period can belong to several. Each set is
labelled with its narrowest `as_of`.
"""

from __future__ import annotations

from collections import defaultdict

from claimtrack.checks.underspecified import underspecified
from claimtrack.conflicts.intervals import lower, period, upper
from claimtrack.model import Claim, Interval, Project

GroupKey = tuple[str, str, str | None, str | None]
"""subject, property, scope, and the as_of of a changing property (None otherwise)."""


def group_claims(project: Project) -> tuple[dict[GroupKey, list[Claim]], list[Claim]]:
    """The comparison groups, each sorted by claim id, and the claims too vague to compare."""
    properties = project.properties
    groups: dict[GroupKey, list[Claim]] = defaultdict(list)
    changing: dict[tuple[str, str, str | None], list[Claim]] = defaultdict(list)
    vague = []
    for claim in project.claims:
        if underspecified(project, claim):
            vague.append(claim)
        elif properties[claim.property].changes:
            changing[(claim.subject, claim.property, claim.scope)].append(claim)
        else:
            groups[(claim.subject, claim.property, claim.scope, None)].append(claim)
    for (subject, prop, scope), claims in changing.items():
        for label, members in _overlapping(claims):
            groups[(subject, prop, scope, label)].extend(members)
    for claims in groups.values():
        claims.sort(key=lambda c: c.id)
    return groups, vague


def _overlapping(claims: list[Claim]) -> list[tuple[str, list[Claim]]]:
    by_period: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        by_period[claim.as_of or ""].append(claim)
    if len(by_period) == 1:
        return list(by_period.items())
    periods = {as_of: period(as_of) for as_of in by_period}
    cliques: list[frozenset[str]] = []
    for end in sorted({upper(p) for p in periods.values()}):
        members = frozenset(a for a, p in periods.items() if lower(p) <= end <= upper(p))
        cliques.append(members)
    maximal = [c for c in set(cliques) if not any(c < other for other in cliques)]
    found = []
    for members in maximal:
        label = min(members, key=lambda a: (_width(periods[a]), a))
        found.append((label, [c for a in sorted(members) for c in by_period[a]]))
    return sorted(found, key=lambda item: item[0])


def _width(iv: Interval) -> object:
    return iv.hi - iv.lo
