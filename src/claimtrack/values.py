"""Read a claim's value as its property's type says: numbers and dates become intervals.

A number is read as a careful editor reads it (docs/claims.md has the table): a figure covers
what could have been rounded or cut to it ("71.4%" is 71.35-71.5), a bound is the number itself
("at least 63" is [63, inf)), "nearly 72" reaches a little below 72, and "about" widens the
figure by a tolerance kept apart from it, so that an overlap that exists only through the
tolerance can be told from a real one.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from claimtrack.diagnostics import Diagnostic
from claimtrack.figures import (
    FigureError,
    exact,
    format_number,
    precision_interval,
    read_figure,
    whole_step,
)
from claimtrack.model import INF, Figure, Interval, Loc, Property, RawValue, Value
from claimtrack.records import did_you_mean, parse_date
from claimtrack.schema import HEDGE_CLASSES, HEDGES
from claimtrack.text import name_key

_LOWER = {"at_least": False, "more_than": True}
_UPPER = {"at_most": False, "less_than": True}
_YAML11_BOOLS = {"yes": True, "no": False, "on": True, "off": False, "y": True, "n": False}


class ValueMisfit(Exception):
    """A value that does not fit its property: where (None for the value itself, whose place
    the claim keeps), and the finding to report there (`at`)."""

    def __init__(self, loc: Loc | None, code: str, message: str) -> None:
        super().__init__(message)
        self.loc = loc
        self.code = code
        self.message = message

    def at(self, value: Loc) -> Diagnostic:
        """The finding, at `loc`, or at `value` (where the value was written) without one."""
        return Diagnostic.at(self.loc or value, self.code, self.message)


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
                    None,
                    "CT202",
                    f"unknown entity {text!r} as value of "
                    f"{prop.id!r}{did_you_mean(text, sorted(set(aliases.values())))}",
                )
            return Value("entity", text, token=entity)
    raise AssertionError(prop.type)  # pragma: no cover


def _misfit(raw: RawValue, prop: Property, expected: str) -> ValueMisfit:
    return ValueMisfit(None, "CT205", f"property {prop.id!r} takes {expected}")


def _scalar(raw: RawValue, prop: Property, expected: str) -> str:
    if raw.scalar is None:
        raise _misfit(raw, prop, expected)
    return raw.scalar


def _figure(text: str, plain: bool, loc: Loc | None, prop: Property) -> Figure:
    if plain and ":" in text:
        raise ValueMisfit(
            loc, "CT015", f"{text!r} reads as a base-60 number in YAML 1.1; write plain digits"
        )
    try:
        figure = read_figure(text)
    except FigureError as error:
        if error.limit:
            raise ValueMisfit(loc, "CT016", str(error)) from None
        raise ValueMisfit(
            loc,
            "CT205",
            f"property {prop.id!r} takes a number, found {text!r}"
            "; hedged numbers are written {at_least: 63}, {about: 8.41 million} ...",
        ) from None
    if prop.type == "percent" and not Decimal(0) <= figure.number <= Decimal(100):
        raise ValueMisfit(
            loc, "CT205", f"{format_number(figure.number)} is not a percentage (0-100)"
        )
    return figure


def _as_written(figure: Figure, prop: Property) -> Figure:
    """A plain figure's precision: a count written in full is exact, anything else is not."""
    if prop.type == "percent":
        return whole_step(figure)
    if figure.scale is None and figure.step >= 1 and "e" not in figure.text.lower():
        return exact(figure)
    return figure


def _approximation(figure: Figure, prop: Property) -> Figure:
    """An approximated figure's precision: a whole number's trailing zeros are not significant,
    except in a percentage (70% is to the point)."""
    return whole_step(figure) if prop.type == "percent" else figure


def _unit(figure: Figure) -> Decimal:
    """One step of the last written digit, never coarser than the second significant digit:
    the default tolerance of "about" and the reach of "nearly" and "just over"."""
    if figure.significant_digits >= 2 or figure.step == 0:
        return figure.step
    return figure.step / 10


def _tolerance(entry: tuple[str, bool, Loc] | None, prop: Property, figure: Figure) -> Decimal:
    if entry is None:
        return prop.tolerance if prop.tolerance is not None else _unit(figure)
    text, _, loc = entry
    try:
        tolerance = read_figure(text).number
    except FigureError as error:
        raise ValueMisfit(loc, "CT016", f"tolerance: {error}") from None
    if tolerance < 0:
        raise ValueMisfit(loc, "CT016", f"tolerance {text!r} is negative; give 0 or more")
    return tolerance


def _clamped(interval: Interval, figure: Figure, prop: Property) -> Interval:
    """Keep a widened interval on the figure's side of zero, and a percentage within 0-100."""
    lo, hi, lo_open, hi_open = interval.lo, interval.hi, interval.lo_open, interval.hi_open
    floor = Decimal(0) if prop.type == "percent" or figure.number > 0 else -INF
    if lo < floor:
        lo, lo_open = floor, False
    if prop.type == "percent" and hi > 100:
        hi, hi_open = Decimal(100), False
    return Interval(lo, hi, lo_open, hi_open)


def _number_value(raw: RawValue, prop: Property) -> Value:
    unit = "%" if prop.type == "percent" else ""
    if raw.scalar is not None:
        figure = _as_written(_figure(raw.scalar, raw.plain, None, prop), prop)
        core = _clamped(precision_interval(figure), figure, prop)
        return Value(prop.type, f"{figure.display()}{unit}", core, core, figures=(figure,))
    if raw.is_list:
        raise _misfit(raw, prop, "one number or a hedge such as {at_least: 63}")
    entries = {key: (text, plain, loc) for key, text, plain, loc in raw.mapping}
    for key, (_, _, loc) in entries.items():
        base = key.split(".")[0]
        if base not in HEDGES:
            raise ValueMisfit(loc, "CT012", f"unknown hedge {base!r}{did_you_mean(base, HEDGES)}")
    tolerance_entry = entries.pop("tolerance", None)
    figures = {key: _figure(t, p, loc, prop) for key, (t, p, loc) in entries.items()}
    keys = {k.split(".")[0] for k in figures}
    classes = {HEDGE_CLASSES[k] for k in keys}
    approximations = classes & {"about", "nearly", "just_over"}
    if approximations:
        if len(keys) != 1:
            key = min(k for k in keys if HEDGE_CLASSES[k] in approximations)
            raise _misfit(raw, prop, f"{key!r} on its own (with an optional tolerance)")
        return _approximate(raw, prop, keys.pop(), figures, tolerance_entry, unit)
    if tolerance_entry is not None:
        raise ValueMisfit(
            tolerance_entry[2],
            "CT205",
            "'tolerance' goes with an approximation such as 'about'",
        )
    if "between" in keys:
        if keys != {"between"} or set(figures) != {"between.0", "between.1"}:
            raise _misfit(raw, prop, "'between' with exactly two numbers, on its own")
        low, high = figures["between.0"], figures["between.1"]
        display = f"between {low.display()}{unit} and {high.display()}{unit}"
        interval = Interval(low.number, high.number)
        return _checked(raw, interval, prop, display, (exact(low), exact(high)), "between")
    lowers = sorted(k for k in keys if HEDGE_CLASSES[k] in _LOWER)
    uppers = sorted(k for k in keys if HEDGE_CLASSES[k] in _UPPER)
    if len(lowers) > 1 or len(uppers) > 1 or not keys:
        raise _misfit(
            raw,
            prop,
            "at most one lower bound (at_least, more_than, over) and one upper "
            "bound (at_most, up_to, less_than)",
        )
    lo, lo_open, hi, hi_open = -INF, True, INF, True
    words, written, shape = [], [], []
    for key in lowers:
        figure = figures[key]
        lo, lo_open = figure.number, _LOWER[HEDGE_CLASSES[key]]
        words.append(f"{key.replace('_', ' ')} {figure.display()}{unit}")
        written.append(exact(figure))
        shape.append(HEDGE_CLASSES[key])
    for key in uppers:
        figure = figures[key]
        hi, hi_open = figure.number, _UPPER[HEDGE_CLASSES[key]]
        words.append(f"{key.replace('_', ' ')} {figure.display()}{unit}")
        written.append(exact(figure))
        shape.append(HEDGE_CLASSES[key])
    if prop.type == "percent":
        if lo < 0:
            lo, lo_open = Decimal(0), False
        if hi > 100:
            hi, hi_open = Decimal(100), False
    interval = Interval(lo, hi, lo_open, hi_open)
    return _checked(raw, interval, prop, " and ".join(words), tuple(written), "+".join(shape))


def _approximate(
    raw: RawValue,
    prop: Property,
    key: str,
    figures: dict[str, Figure],
    tolerance_entry: tuple[str, bool, Loc] | None,
    unit: str,
) -> Value:
    """about X: the figure's precision, widened by a tolerance into a tension zone.
    nearly X: up to one and a half units below X. just over X: up to one and a half above."""
    figure = _approximation(figures[key], prop)
    hedge = HEDGE_CLASSES[key]
    display = f"{key.replace('_', ' ')} {figure.display()}{unit}"
    x = figure.number
    if hedge == "about":
        core = _clamped(precision_interval(figure), figure, prop)
        spread = _tolerance(tolerance_entry, prop, figure)
        widened = Interval(core.lo - spread, core.hi + spread, core.lo_open, core.hi_open)
        return Value(
            prop.type,
            display,
            _clamped(widened, figure, prop),
            core,
            figures=(figure,),
            hedge=hedge,
        )
    if tolerance_entry is not None:
        raise ValueMisfit(
            tolerance_entry[2],
            "CT205",
            f"'tolerance' goes with 'about'; {key!r} reaches one and a half units of its figure",
        )
    reach = _unit(figure) * 3 / 2
    if hedge == "nearly":
        interval = Interval(x - reach, x, hi_open=True)
    else:
        interval = Interval(x, x + reach, lo_open=True)
    core = _clamped(interval, figure, prop)
    return _checked(raw, core, prop, display, (figure,), hedge)


def _checked(
    raw: RawValue,
    interval: Interval,
    prop: Property,
    display: str,
    figures: tuple[Figure, ...] = (),
    hedge: str = "",
) -> Value:
    empty = interval.lo > interval.hi or (
        interval.lo == interval.hi and (interval.lo_open or interval.hi_open)
    )
    if empty:
        raise ValueMisfit(None, "CT016", f"{display} is an empty range")
    return Value(prop.type, display, interval, interval, figures=figures, hedge=hedge)


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
            None,
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
                None,
                "CT205",
                f"{text!r} is not a term of {prop.id!r} "
                f"({', '.join(canonical)}){did_you_mean(text, canonical)}",
            )
        return Value("text", text, token=term)
    return Value("text", text, token=key)
