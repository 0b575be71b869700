"""CT104 and CT109: a claimed figure is the one its source gives.

A claim's figure must be what the source says, not what the editor remembers. Without `said`,
each figure the value writes is looked for in the quote, as written ("8.41 million", "51.80")
or as digits with or without thousands separators (CT104). A figure the source words otherwise
("one million", "more than 1 in 10") is grounded by giving that wording as `said`, which must
itself be in the quote (CT104) and say what the value says (CT109): the same numbers (digits,
number words up to billions, "one in ten" as 10 percent, "more than half" of a percentage as
more than 50, "lost eight" as the change -8, a count given in parts such as "two commune chiefs
and a council officer" as its sum) with the same hedge ("at least 63" is `{at_least: 63}`, "some
51.8 percent" is `{some: 51.8}`, a plain "55" is `55`). Bounds nobody wrote, such as the 0 and
100 that close a percentage, are never looked for.

PASS::

    value: 68
    quote: The CPP is claiming to have won 68 of the National Assembly's 123 seats.

PASS::

    value: {at_least: 1000000}
    said: at least 1 million
    quote: Comfrel said at least 1 million voters could be struck off.

FAIL (CT104)::

    value: 63
    quote: The CNRP claims to have won a majority.

FAIL (CT109)::

    value: {at_least: 64}
    said: at least 63
    quote: The CNRP claims it won at least 63 seats.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from claimtrack.checks import Context
from claimtrack.diagnostics import Diagnostic
from claimtrack.figures import format_number, read_figure, whole_step
from claimtrack.model import Claim, Figure
from claimtrack.text import normalise_quote
from claimtrack.wording import Spoken, spoken_figures

CODES = ("CT104", "CT109")
_NUMBER_BEFORE = re.compile(r"[\d.,]\Z")
_NUMBER_AFTER = re.compile(r"\d|[.,]\d")
_RANGE = frozenset({"at_least", "at_most"})
_WORDS = {
    "": "a plain figure",
    "about": "'about'",
    "nearly": "'nearly'",
    "just_over": "'just over'",
    "more_than": "'more than'",
    "at_least": "'at least'",
    "at_most": "'at most'",
    "less_than": "'less than'",
    "between": "'between'",
}


def check(context: Context) -> Iterator[Diagnostic]:
    wanted, folded = context.wanted, context.folded
    for claim in context.project.claims:
        if wanted(claim.loc.path):
            quote = folded(claim.source.quote)
            if claim.said is None and all(_appears(f, quote) for f in claim.value.figures):
                continue  # the common case, without a generator: every figure in the quote
            yield from _check_claim(claim, quote)


@functools.lru_cache(maxsize=4096)
def _spellings(figure: Figure) -> frozenset[str]:
    """How a quote may write the figure: as the claim writes it, or as digits."""
    return frozenset(
        {
            figure.text,
            figure.display(),
            format_number(figure.number),
            f"{figure.number.normalize():f}",
        }
    )


def _appears(figure: Figure, quote: str) -> bool:
    """The figure stands in the quote as a number of its own (not inside 1,063 or 6.3)."""
    for spelling in _spellings(figure):
        at = quote.find(spelling)
        while at >= 0:
            end = at + len(spelling)
            if not _NUMBER_BEFORE.search(quote, 0, at) and not _NUMBER_AFTER.match(quote, end):
                return True
            at = quote.find(spelling, at + 1)
    return False


def _check_claim(claim: Claim, quote: str) -> Iterator[Diagnostic]:
    loc = claim.source.quote_loc
    figures = claim.value.figures
    if claim.said is not None:
        if normalise_quote(claim.said) not in quote:
            yield Diagnostic.at(
                loc,
                "CT104",
                f"the wording {claim.said!r} given in 'said' is not in the quote",
            )
        if figures:
            percent = claim.value.type == "percent"
            problem = _contradiction(claim.said, figures, claim.value.hedge, percent)
            if problem:
                yield Diagnostic.at(claim.said_loc or loc, "CT109", problem)
        return
    missing = [f for f in figures if not _appears(f, quote)]
    if missing:
        shown = ", ".join(f.display() for f in missing)
        yield Diagnostic.at(
            loc,
            "CT104",
            f"{shown} does not appear in the quote; quote the figure, or give the "
            "source's own wording in 'said'",
        )


def _contradiction(said: str, figures: tuple[Figure, ...], hedge: str, percent: bool) -> str | None:
    """What `said` says differently from the value, or None when they agree. A lone "half" is
    50 only for a percentage: for a count it is a fraction of a figure `said` does not give."""
    spoken = tuple(s for s in spoken_figures(said) if percent or not s.half)
    written = " and ".join(f.display() for f in figures)
    if not spoken:
        return f"'said' ({said!r}) gives no figure to check against the value {written}"
    heard = " and ".join(format_number(s.number) for s in spoken)
    if _counted_in_parts(spoken, figures):
        return None
    if len(spoken) != len(figures) or not all(
        _same(s, f)
        for s, f in zip(
            sorted(spoken, key=lambda s: s.number),
            sorted(figures, key=lambda f: f.number),
            strict=True,
        )
    ):
        return f"'said' ({said!r}) gives {heard} but the value is {written}"
    said_shape = _shape(s.hedge for s in spoken)
    value_shape = _shape(hedge.split("+"))
    if said_shape != value_shape:
        return (
            f"'said' ({said!r}) is worded as {_describe(said_shape)} but the value is "
            f"{_describe(value_shape)}; write the value with the hedge the source uses"
        )
    return None


def _counted_in_parts(spoken: tuple[Spoken, ...], figures: tuple[Figure, ...]) -> bool:
    """A plain count given in parts: "two commune chiefs and a council officer" is 3."""
    if len(figures) != 1 or len(spoken) < 2 or any(s.hedge or s.ratio for s in spoken):
        return False
    return sum(s.number for s in spoken) == figures[0].number


def _same(spoken: Spoken, figure: Figure) -> bool:
    """Equal numbers; a ratio ("one in three") matches the percentage it rounds to."""
    if not spoken.ratio:
        return spoken.number == figure.number
    step = whole_step(read_figure(figure.text)).step
    return abs(spoken.number - figure.number) <= step / 2


def _shape(hedges: Iterator[str] | list[str]) -> frozenset[str]:
    shape = frozenset(h for h in hedges if h)
    return frozenset({"between"}) if shape == _RANGE else shape


def _describe(shape: frozenset[str]) -> str:
    if not shape:
        return _WORDS[""]
    return " and ".join(_WORDS[h] for h in sorted(shape))
