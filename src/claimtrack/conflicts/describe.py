"""Intervals in words a fact-checker reads: [63, ∞), 2013-07-28, "between 900,000 and 1.1M"."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from claimtrack.model import Interval
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
