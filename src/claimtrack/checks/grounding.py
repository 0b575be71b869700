"""CT104: a claimed number appears in its own quote.

A claim's figure must be what the source says, not what the editor remembers. The number is
looked for in the quote as digits (with or without thousands separators); a figure the source
writes in words ("one million", "more than 1 in 10") is grounded by giving that wording as
`said`, which must itself be in the quote.

PASS::

    value: 68
    quote: The CPP is claiming to have won 68 of the National Assembly's 123 seats.

PASS::

    value: {about: 1000000}
    said: one million
    quote: including the removal of one million voters from the electoral rolls

FAIL::

    value: 63
    quote: The CNRP claims to have won a majority.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from claimtrack.checks import Context
from claimtrack.diagnostics import Diagnostic
from claimtrack.model import Claim
from claimtrack.text import normalise_quote
from claimtrack.values import format_number

CODES = ("CT104",)
_NUMBER_BEFORE = re.compile(r"[\d.,]\Z")
_NUMBER_AFTER = re.compile(r"\d|[.,]\d")


def check(context: Context) -> Iterator[Diagnostic]:
    for claim in context.project.claims:
        if context.wanted(claim.loc.path):
            yield from _check_claim(claim, context.folded(claim.source.quote))


def _figures(claim: Claim) -> list[Decimal]:
    core = claim.value.core
    if claim.value.type not in ("number", "percent") or core is None:
        return []
    return [x for x in {core.lo, core.hi} if x.is_finite()]


def _appears(figure: Decimal, quote: str) -> bool:
    """The figure stands in the quote as a number of its own (not inside 1,063 or 6.3)."""
    for spelling in {f"{figure.normalize():f}", format_number(figure)}:
        at = quote.find(spelling)
        while at >= 0:
            end = at + len(spelling)
            if not _NUMBER_BEFORE.search(quote, 0, at) and not _NUMBER_AFTER.match(quote, end):
                return True
            at = quote.find(spelling, at + 1)
    return False


def _check_claim(claim: Claim, quote: str) -> Iterator[Diagnostic]:
    loc = claim.source.quote_loc
    if claim.said is not None:
        if normalise_quote(claim.said) not in quote:
            yield Diagnostic.at(
                loc,
                "CT104",
                f"the wording {claim.said!r} given in 'said' is not in the quote",
            )
        return
    missing = [f for f in _figures(claim) if not _appears(f, quote)]
    if missing:
        shown = ", ".join(format_number(f) for f in missing)
        yield Diagnostic.at(
            loc,
            "CT104",
            f"{shown} does not appear in the quote; quote the figure, or give the "
            "source's own wording in 'said'",
        )
