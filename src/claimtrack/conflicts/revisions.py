"""A claimant's own figure at successive stages of a result is a revision, not a conflict.

An election body that announces 70.1% preliminary and 71.4% official has corrected itself: the
official figure stands, and the preliminary one is withdrawn from comparison with other sources
(it neither conflicts with them nor corroborates them). Stages are ordered as `schema.STAGES`
lists them; claims without a stage are compared as they are.
"""

from __future__ import annotations

from collections import defaultdict

from claimtrack.conflicts.intervals import core, disjoint
from claimtrack.model import Claim
from claimtrack.schema import STAGES

Stages = list[tuple[str, list[Claim]]]
"""A revision: the claimant's claims per stage, earliest first; the last stage stands."""


def _differ(a: Claim, b: Claim) -> bool:
    if a.value.interval is None:
        return a.value.token != b.value.token
    return disjoint(core(a), core(b))


def split_revisions(claims: list[Claim]) -> tuple[list[Claim], list[tuple[str, Stages]]]:
    """The claims to compare with other sources, and each claimant's revisions."""
    staged: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        if claim.stage is not None:
            staged[claim.claimant].append(claim)
    superseded: set[str] = set()
    revisions = []
    for claimant in sorted(staged):
        own = staged[claimant]
        latest = max(STAGES.index(c.stage or "") for c in own)
        standing = [c for c in own if STAGES.index(c.stage or "") == latest]
        earlier = [
            c
            for c in own
            if STAGES.index(c.stage or "") < latest and any(_differ(c, s) for s in standing)
        ]
        if not earlier:
            continue
        superseded.update(c.id for c in earlier)
        by_stage: dict[str, list[Claim]] = defaultdict(list)
        for claim in earlier:
            by_stage[claim.stage or ""].append(claim)
        stages = [(stage, by_stage[stage]) for stage in STAGES if stage in by_stage]
        stages.append((STAGES[latest], standing))
        revisions.append((claimant, stages))
    compared = [c for c in claims if c.id not in superseded] if superseded else claims
    return compared, revisions
