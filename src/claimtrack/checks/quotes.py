"""CT101, CT102, CT103, CT105, CT112: every source's seed exists inside seeds/ and holds the
quote, and the quote is long enough to prove something and short enough to search.

The quote must appear in the seed verbatim once typographic quotes, dashes and whitespace
(including line breaks) are folded: nothing else is forgiven, so a changed number, sign or unit
is a miss. On a miss the closest passage of the seed is shown to help the editor fix the quote;
it is never accepted as found.

PASS (the seed has “The CNRP claims to have won 63.” with curly quotes)::

    seed: 000_3151aab1fac2fcb4.txt
    quote: '"The CNRP claims to have won 63."'

FAIL (CT102: 64 is not in the seed; the message shows the passage with 63)::

    seed: 000_3151aab1fac2fcb4.txt
    quote: The CNRP claims to have won 64.

FAIL (CT103)::

    seed: ../secrets.txt

FAIL (CT112: one word occurs in almost any article; a quote has at least two)::

    quote: "63"

A seed that cannot be used (CT001 unreadable, CT002 not UTF-8, CT004 over the size limit) is
reported at each claim that cites it, since none of their quotes can be checked.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from claimtrack.checks import Context
from claimtrack.diagnostics import Diagnostic
from claimtrack.model import Source
from claimtrack.seeds import SeedError, nearest_passage, quote_problem

CODES = ("CT001", "CT002", "CT004", "CT101", "CT102", "CT103", "CT105", "CT112")
_SHOWN = 160


def check(context: Context) -> Iterator[Diagnostic]:
    wanted, seeds, folded = context.wanted, context.seeds, context.folded
    for draft in context.project.drafts:
        if not wanted(draft.loc.path):
            continue
        for source in draft.sources:
            try:  # first the common case, cheaply: a quote found as written, nothing to say
                quote = folded(source.quote)
                if (
                    quote in seeds.get(source.seed).folded
                    and quote_problem(quote) is None
                    and unicodedata.is_normalized("NFC", source.quote)
                ):
                    continue
            except SeedError:
                pass
            yield from _check_source(context, source)


def _check_source(context: Context, source: Source) -> Iterator[Diagnostic]:
    try:
        seed = context.seeds.get(source.seed)
    except SeedError as exc:
        loc = source.seed_loc
        yield Diagnostic.at(loc, exc.code, str(exc))
        return
    loc = source.quote_loc
    if not unicodedata.is_normalized("NFC", source.quote):
        yield Diagnostic.at(
            loc,
            "CT105",
            "quote is in decomposed Unicode (NFD); it was matched after "
            "composing it, but save it as NFC so other tools find it too",
        )
    folded = context.folded(source.quote)
    problem = quote_problem(folded)
    if problem is not None:
        yield Diagnostic.at(loc, "CT112", problem)
        return
    if folded in seed.folded:
        return
    message = f"quote not found in seed {source.seed}"
    near = nearest_passage(seed, source.quote)
    if near is not None:
        passage = near.passage if len(near.passage) <= _SHOWN else near.passage[:_SHOWN] + "…"
        message += (
            f"; closest passage (seed line {near.line}, {near.score:.0f}% alike): {passage!r}"
        )
    yield Diagnostic.at(loc, "CT102", message)
