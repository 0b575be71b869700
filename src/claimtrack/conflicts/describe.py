"""Findings in words a fact-checker reads: intervals ([63, ∞), 2013-07-28) and names."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from claimtrack.conflicts.attribution import attribution
from claimtrack.model import Claim, Interval, Project
from claimtrack.values import format_number


def _bound(x: Decimal, value_type: str) -> str:
    if value_type == "date" and x.is_finite():
        return dt.date.fromordinal(int(x)).isoformat()
    unit = "%" if value_type == "percent" and x.is_finite() else ""
    return f"{format_number(x)}{unit}"


def describe_interval(iv: Interval, value_type: str) -> str:
    if iv.is_point() and not (iv.lo_open or iv.hi_open):
        return _bound(iv.lo, value_type)
    left = "(" if iv.lo_open else "["
    right = ")" if iv.hi_open else "]"
    return f"{left}{_bound(iv.lo, value_type)}, {_bound(iv.hi, value_type)}{right}"


def sum_intervals(intervals: list[Interval]) -> Interval:
    return Interval(
        sum((i.lo for i in intervals), Decimal(0)),
        sum((i.hi for i in intervals), Decimal(0)),
        any(i.lo_open for i in intervals),
        any(i.hi_open for i in intervals),
    )


def describe_rounded(iv: Interval, value_type: str) -> str:
    """A computed interval (a quotient has endless digits) rounded outward to two decimals."""
    lo = _rounded(iv.lo, ROUND_FLOOR)
    hi = _rounded(iv.hi, ROUND_CEILING)
    rounded = Interval(lo, hi, iv.lo_open and lo == iv.lo, iv.hi_open and hi == iv.hi)
    return describe_interval(rounded, value_type)


def _rounded(x: Decimal, rounding: str) -> Decimal:
    if not x.is_finite() or x.adjusted() > 20:  # beyond any count of people; kept as it is
        return x
    return x.quantize(Decimal("0.01"), rounding=rounding)


class Names:
    """Display names for ids, for summaries a person can read."""

    def __init__(self, project: Project) -> None:
        self.project = project

    def entity(self, entity_id: str | None) -> str:
        entity = self.project.entities.get(entity_id or "")
        return entity.name if entity else (entity_id or "?")

    def short(self, entity_id: str | None) -> str:
        entity = self.project.entities.get(entity_id or "")
        return (entity.short or entity.name) if entity else (entity_id or "?")

    def property(self, prop_id: str) -> str:
        prop = self.project.properties.get(prop_id)
        return prop.name if prop else prop_id

    def context(self, scope: str | None, as_of: str | None) -> str:
        parts = []
        if scope:
            found = self.project.scopes.get(scope)
            parts.append(found.name if found else scope)
        if as_of:
            parts.append(f"as of {as_of}")
        return f" ({', '.join(parts)})" if parts else ""

    def claimants(self, claims: Iterable[Claim]) -> str:
        return attribution(claims, self.short)
