"""Conflict ids that survive new evidence.

A verdict is filed under a conflict's id, so the id must not change when one more source repeats
a side. It is derived from what the conflict is about and the values in dispute, never from the
list of claims: `cf-` and the first 8 hex digits of the SHA-256 of

    kind | subject | property | scope | as_of | the contested values, sorted

where a side's contested value is the reading of its most precise claim ("55", "at least 63",
a text's canonical term). A claim that joins a side with the same or a looser value keeps the id;
a sharper figure on a side, or a new side, is a different dispute and gets a new id. Joint
conflicts use the rule id, the scope and each part's subject with its value; derived-figure
conflicts the rule, subject, scope and each figure's role with its value.

Until version 2 of the JSON contract the id hashed every claim id of the conflict instead
(`former_id`); a verdict still filed under such an id is matched to its conflict, and
`validate` says which id to rename it to (CT305).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence

from claimtrack.model import INF, Claim

Key = Sequence[str | None]


def _digest(prefix: str, parts: Iterable[str]) -> str:
    return prefix + hashlib.sha256("|".join(parts).encode()).hexdigest()[:8]


def contested_value(claims: Iterable[Claim]) -> str:
    """A side's value as its most precise claim reads it."""

    def width(claim: Claim) -> tuple[object, ...]:
        iv = claim.value.core or claim.value.interval
        if iv is None:
            return (0, claim.value.token or claim.value.display)
        span = iv.hi - iv.lo if iv.hi != INF and iv.lo != -INF else INF
        return (span, claim.value.display)

    value = min(claims, key=width).value
    return value.token if value.interval is None and value.token else value.display


def conflict_id(kind: str, key: Key, values: Iterable[str]) -> str:
    return _digest("cf-", [kind, *(k or "" for k in key), *sorted(values)])


def revision_id(key: Key, claimant: str) -> str:
    return _digest("rv-", ["revision", *(k or "" for k in key), claimant])


def former_id(kind: str, key: Key, claims: Iterable[Claim]) -> str:
    """The id version 1 gave the same conflict: every claim id was part of it."""
    return _digest("cf-", [kind, *(k or "" for k in key), *sorted(c.id for c in claims)])
