"""Reading claims as intervals, and the few operations the engine needs on them.

A claim's `interval` includes an approximation's tolerance and `core` does not (both include
the precision a figure was written with): two claims whose intervals are disjoint cannot both
hold; two whose intervals meet but whose cores do not are in tension. Periods (`as_of`) are read
the same way, as the days they cover, so `2023-08` and `2023-08-01` overlap.
"""

from __future__ import annotations

from decimal import Decimal

from claimtrack.model import Claim, Interval
from claimtrack.values import day_interval

Key = tuple[Decimal, int]


def lower(iv: Interval) -> Key:
    """Sort key of an interval's lower end, comparable with `upper`: see `left_of`."""
    return (iv.lo, 3 if iv.lo_open else 1)


def upper(iv: Interval) -> Key:
    return (iv.hi, 0 if iv.hi_open else 2)


def left_of(a: Interval, b: Interval) -> bool:
    """Every point of `a` lies below every point of `b`: they cannot both hold."""
    return upper(a) < lower(b)


def disjoint(a: Interval, b: Interval) -> bool:
    return left_of(a, b) or left_of(b, a)


def widened(claim: Claim) -> Interval:
    """The claim's values with an approximation's tolerance (numbers and dates only)."""
    assert claim.value.interval is not None
    return claim.value.interval


def core(claim: Claim) -> Interval:
    """The claim's values without tolerance: what it says if taken at its word."""
    return claim.value.core or widened(claim)


def intersection(intervals: list[Interval]) -> Interval:
    lo = max(intervals, key=lower)
    hi = min(intervals, key=upper)
    return Interval(lo.lo, hi.hi, lo.lo_open, hi.hi_open)


def period(as_of: str) -> Interval:
    """The days an `as_of` covers: a year, a month or a day."""
    return day_interval(as_of)


def subtract(a: Interval, b: Interval) -> Interval:
    return Interval(a.lo - b.hi, a.hi - b.lo, a.lo_open or b.hi_open, a.hi_open or b.lo_open)


def divide(a: Interval, b: Interval, scale: Decimal) -> Interval | None:
    """a / b * scale for figures that cannot be negative (people, ballots, seats); None when
    `b` may be zero, where the quotient says nothing."""
    if b.lo <= 0 or a.lo < 0 or scale <= 0:
        return None
    return Interval(
        a.lo / b.hi * scale, a.hi / b.lo * scale, a.lo_open or b.hi_open, a.hi_open or b.lo_open
    )
