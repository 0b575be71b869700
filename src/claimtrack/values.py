"""Read a claim's value as its property's type says: numbers and dates become intervals.

A hedged number keeps its meaning as an interval ("at least 63" is [63, inf)); "about" widens a
point by a tolerance, kept apart from the point itself so that an overlap that exists only
through the tolerance can be told from a real one.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from claimtrack.diagnostics import Diagnostic
from claimtrack.model import INF, Interval, Loc, Property, RawValue, Value
from claimtrack.records import did_you_mean, parse_date, parse_number
from claimtrack.schema import HEDGES
from claimtrack.text import name_key

DEFAULT_TOLERANCE = Decimal("0.1")
_LOWER = {"at_least": False, "more_than": True}
_UPPER = {"at_most": False, "less_than": True}
_YAML11_BOOLS = {"yes": True, "no": False, "on": True, "off": False, "y": True, "n": False}


class ValueMisfit(Exception):
    """A value that does not fit its property; carries the diagnostic to report."""

    def __init__(self, loc: Loc, code: str, message: str) -> None:
        super().__init__(message)
        self.diagnostic = Diagnostic.at(loc, code, message)


def format_number(x: Decimal) -> str:
    if x.is_infinite():
        return "∞" if x > 0 else "-∞"
    if x == x.to_integral_value():
        return f"{int(x):,}"
    return f"{x.normalize():f}"


def day_interval(date: str) -> Interval:
    """A full or partial date as the closed range of day ordinals it covers."""
    parts = [int(p) for p in date.split("-")]
    year = parts[0]
    if len(parts) == 3:
        first = last = dt.date(year, parts[1], parts[2])
    elif len(parts) == 2:
        first = dt.date(year, parts[1], 1)
        following = dt.date(year + (parts[1] == 12), parts[1] % 12 + 1, 1)
        last = following - dt.timedelta(days=1)
    else:
        first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return Interval(Decimal(first.toordinal()), Decimal(last.toordinal()))


def read_value(raw: RawValue, prop: Property, aliases: dict[str, str]) -> Value:
    """The typed value of `raw` under `prop`; raises `ValueMisfit` with a located diagnostic."""
    match prop.type:
        case "number" | "percent":
            return _number_value(raw, prop)
        case "date":
            return _date_value(raw, prop)
        case "boolean":
            return _boolean_value(raw, prop)
        case "text":
            return _text_value(raw, prop)
        case "entity":
            text = _scalar(raw, prop, "an entity id or alias")
            entity = aliases.get(name_key(text))
            if entity is None:
                raise ValueMisfit(
                    raw.loc,
                    "CT202",
                    f"unknown entity {text!r} as value of "
                    f"{prop.id!r}{did_you_mean(text, sorted(set(aliases.values())))}",
                )
            return Value("entity", text, token=entity)
    raise AssertionError(prop.type)  # pragma: no cover


def _misfit(raw: RawValue, prop: Property, expected: str) -> ValueMisfit:
    return ValueMisfit(raw.loc, "CT205", f"property {prop.id!r} takes {expected}")


def _scalar(raw: RawValue, prop: Property, expected: str) -> str:
    if raw.scalar is None:
        raise _misfit(raw, prop, expected)
    return raw.scalar


def _number(text: str, plain: bool, loc: Loc, prop: Property) -> Decimal:
    number = parse_number(text) if plain else None
    if number is None:
        if plain and ":" in text:
            raise ValueMisfit(
                loc, "CT015", f"{text!r} reads as a base-60 number in YAML 1.1; write plain digits"
            )
        raise ValueMisfit(
            loc,
            "CT205",
            f"property {prop.id!r} takes a number, found {text!r}"
            "; hedged numbers are written {at_least: 63}, {about: 1000000} ...",
        )
    if prop.type == "percent" and not Decimal(0) <= number <= Decimal(100):
        raise ValueMisfit(loc, "CT205", f"{format_number(number)} is not a percentage (0-100)")
    return number


def _number_value(raw: RawValue, prop: Property) -> Value:
    unit = "%" if prop.type == "percent" else ""
    if raw.scalar is not None:
        x = _number(raw.scalar, raw.plain, raw.loc, prop)
        point = Interval.point(x)
        return Value(prop.type, f"{format_number(x)}{unit}", point, point)
    if raw.is_list:
        raise _misfit(raw, prop, "one number or a hedge such as {at_least: 63}")
    entries = {key: (text, plain, loc) for key, text, plain, loc in raw.mapping}
    for key, (_, _, loc) in entries.items():
        base = key.split(".")[0]
        if base not in HEDGES:
            raise ValueMisfit(loc, "CT012", f"unknown hedge {base!r}{did_you_mean(base, HEDGES)}")
    nums = {key: _number(t, p, loc, prop) for key, (t, p, loc) in entries.items()}
    shapes = {k.split(".")[0] for k in nums} - {"tolerance"}
    if "about" in shapes:
        if shapes != {"about"}:
            raise _misfit(raw, prop, "'about' on its own (with an optional tolerance)")
        centre = nums["about"]
        tolerance = nums.get("tolerance", prop.tolerance or DEFAULT_TOLERANCE)
        spread = abs(centre) * tolerance
        return Value(
            prop.type,
            f"about {format_number(centre)}{unit}",
            Interval(centre - spread, centre + spread),
            Interval.point(centre),
        )
    if "tolerance" in nums:
        raise ValueMisfit(entries["tolerance"][2], "CT205", "'tolerance' goes with 'about'")
    if "between" in shapes:
        if shapes != {"between"} or set(nums) != {"between.0", "between.1"}:
            raise _misfit(raw, prop, "'between' with exactly two numbers, on its own")
        lo, hi = nums["between.0"], nums["between.1"]
        display = f"between {format_number(lo)}{unit} and {format_number(hi)}{unit}"
        return _checked(raw, Interval(lo, hi), prop, display)
    lowers = shapes & _LOWER.keys()
    uppers = shapes & _UPPER.keys()
    if len(lowers) > 1 or len(uppers) > 1 or not shapes:
        raise _misfit(
            raw,
            prop,
            "at most one lower bound (at_least, more_than) and one upper "
            "bound (at_most, less_than)",
        )
    lo, lo_open, hi, hi_open = -INF, True, INF, True
    words = []
    if lowers:
        key = lowers.pop()
        lo, lo_open = nums[key], _LOWER[key]
        words.append(f"{key.replace('_', ' ')} {format_number(lo)}{unit}")
    if uppers:
        key = uppers.pop()
        hi, hi_open = nums[key], _UPPER[key]
        words.append(f"{key.replace('_', ' ')} {format_number(hi)}{unit}")
    if prop.type == "percent":
        lo, hi = max(lo, Decimal(0)), min(hi, Decimal(100))
    return _checked(raw, Interval(lo, hi, lo_open, hi_open), prop, " and ".join(words))


def _checked(raw: RawValue, interval: Interval, prop: Property, display: str) -> Value:
    empty = interval.lo > interval.hi or (
        interval.lo == interval.hi and (interval.lo_open or interval.hi_open)
    )
    if empty:
        raise ValueMisfit(raw.loc, "CT016", f"{display} is an empty range")
    return Value(prop.type, display, interval, interval)


def _date_value(raw: RawValue, prop: Property) -> Value:
    expected = "a date (YYYY-MM-DD, YYYY-MM or YYYY) or {between: [date, date]}"
    if raw.scalar is not None:
        date = parse_date(raw.scalar)
        if date is None:
            raise _misfit(raw, prop, expected)
        days = day_interval(date)
        return Value("date", date, days, days)
    entries = {key: (text, loc) for key, text, _, loc in raw.mapping}
    if set(entries) != {"between.0", "between.1"}:
        raise _misfit(raw, prop, expected)
    start, end = (parse_date(entries[k][0]) for k in ("between.0", "between.1"))
    if start is None or end is None:
        raise _misfit(raw, prop, expected)
    interval = Interval(day_interval(start).lo, day_interval(end).hi)
    return _checked(raw, interval, prop, f"between {start} and {end}")


def _boolean_value(raw: RawValue, prop: Property) -> Value:
    text = _scalar(raw, prop, "true or false")
    lowered = text.lower()
    if raw.plain and lowered in ("true", "false"):
        return Value("boolean", lowered, token=lowered)
    if raw.plain and lowered in _YAML11_BOOLS:
        raise ValueMisfit(
            raw.loc,
            "CT015",
            f"{text!r} is a YAML 1.1 boolean that tools read differently; write true or false",
        )
    raise _misfit(raw, prop, "true or false")


def _text_value(raw: RawValue, prop: Property) -> Value:
    text = _scalar(raw, prop, "text")
    key = name_key(text)
    if prop.terms:
        term = prop.terms.get(key)
        if term is None:
            canonical = sorted(set(prop.terms.values()))
            raise ValueMisfit(
                raw.loc,
                "CT205",
                f"{text!r} is not a term of {prop.id!r} "
                f"({', '.join(canonical)}){did_you_mean(text, canonical)}",
            )
        return Value("text", text, token=term)
    return Value("text", text, token=key)
