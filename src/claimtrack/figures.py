"""Written figures: the number a claim gives, with the precision it was written with.

A reporter's "71.4%" is not the point 71.4 but whatever was rounded or cut to 71.4; "8.41
million" is anything from 8,405,000 to 8,419,999. A figure therefore keeps its text and the
step of its last written digit, and `precision_interval` turns the two into the numbers the
figure covers.

Figures are read within hard limits (digits, magnitude, decimal places), checked on the text
before any arithmetic, so that a hostile `1e999999999` is a finding and never a hang.
"""

from __future__ import annotations

import functools
import re
from decimal import Decimal

from claimtrack.model import Figure, Interval

MAX_DIGITS = 20
"""At most this many digits in a written figure (leading zeros included)."""

MAX_DECIMALS = 12
"""At most this many decimal places: a step no finer than 10^-12."""

MAX_MAGNITUDE = Decimal(10) ** 18
"""Figures stay below a quintillion (10^18) in size, scale words included."""

SCALES = {"thousand": 3, "million": 6, "billion": 9}
"""Scale words a figure may be written with, as powers of ten."""

_FIGURE = re.compile(
    r"^(?P<number>[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?)"
    r"(?:\s+(?P<scale>thousand|million|billion))?$",
    re.IGNORECASE,
)
_EXPONENT = re.compile(r"[eE]([-+]?)0*([0-9]+)$")
_NOT_FINITE = frozenset({".inf", "-.inf", "+.inf", ".nan", "inf", "-inf", "nan", "infinity"})


class FigureError(ValueError):
    """A text that is not a figure claimtrack can read; the message says why.

    `limit` tells a number beyond the limits (or not finite) from a text that is no number.
    """

    def __init__(self, message: str, *, limit: bool = True) -> None:
        super().__init__(message)
        self.limit = limit


def format_number(x: Decimal) -> str:
    if x.is_infinite():
        return "∞" if x > 0 else "-∞"
    if x == x.to_integral_value():
        return f"{int(x):,}"
    return f"{x.normalize():f}"


@functools.lru_cache(maxsize=4096)
def read_figure(text: str) -> Figure:
    """The figure a text writes, with the step of its last digit; raises `FigureError`.

    Cached: a corpus writes the same few figures over and over.

    The step is the place of the last written digit: 71.4 -> 0.1, 51.80 -> 0.01, 8.41 million
    -> 10,000, 120 million -> 10 million (a whole number's trailing zeros are not significant).
    Callers decide when a whole number written in full is exact instead.
    """
    stripped = text.strip()
    if stripped.lower() in _NOT_FINITE:
        raise FigureError(f"{text!r} is not a finite number")
    match = _FIGURE.match(stripped)
    if match is None:
        raise FigureError(f"{_shorten(stripped)} is not a number", limit=False)
    written, scale = match.group("number"), match.group("scale")
    exponent = _EXPONENT.search(written)
    body = written[: exponent.start()] if exponent else written
    if sum(c.isdigit() for c in body) > MAX_DIGITS:
        raise FigureError(f"{_shorten(stripped)} has more than {MAX_DIGITS} digits")
    if exponent and len(exponent.group(2)) > 3:
        if exponent.group(1) == "-":
            raise FigureError(f"{_shorten(stripped)} has more than {MAX_DECIMALS} decimal places")
        raise FigureError(f"{_shorten(stripped)} is out of range (figures stay below 10^18)")
    mantissa = Decimal(written)
    shape = mantissa.as_tuple()
    assert isinstance(shape.exponent, int)
    power = SCALES[scale.lower()] if scale else 0
    places = shape.exponent + power
    if places < -MAX_DECIMALS:
        raise FigureError(f"{text!r} has more than {MAX_DECIMALS} decimal places")
    number = mantissa.scaleb(power)
    if abs(number) >= MAX_MAGNITUDE:
        raise FigureError(f"{text!r} is out of range (figures stay below 10^18)")
    if shape.exponent >= 0 and "e" not in written.lower():
        trailing = len(str(int(abs(mantissa)))) - len(str(int(abs(mantissa))).rstrip("0"))
        places = power + (trailing if mantissa != 0 else 0)
    step = Decimal(1).scaleb(places)
    return Figure(stripped, number, step, scale.lower() if scale else None)


def exact(figure: Figure) -> Figure:
    """The same figure read as exact (a count written in full)."""
    return Figure(figure.text, figure.number, Decimal(0), figure.scale)


def whole_step(figure: Figure) -> Figure:
    """The figure with a whole number's step at its last digit (a percentage: 70 -> 1 point)."""
    if figure.step <= 1 or figure.scale is not None:
        return figure
    return Figure(figure.text, figure.number, Decimal(1), figure.scale)


def precision_interval(figure: Figure) -> Interval:
    """The numbers that a reporter could have rounded or cut to this figure.

    Rounding covers half a step either side; cutting (truncation towards zero) covers up to a
    whole step away from zero. A figure with one significant digit is read as rounded only:
    nobody writes "1 million" for 1.9 million.
    """
    x, step = figure.number, figure.step
    if step == 0:
        return Interval.point(x)
    half = step / 2
    if figure.significant_digits < 2:
        return Interval(x - half, x + half)
    if x > 0:
        return Interval(x - half, x + step, hi_open=True)
    return Interval(x - step, x + half, lo_open=True)


def _shorten(text: str) -> str:
    return repr(text if len(text) <= 24 else text[:20] + "...")
