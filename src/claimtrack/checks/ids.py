"""CT201, CT208: every claim id is unique across the whole project, and no two ids look alike.

Ids are how verdicts, conflicts and people refer to a claim, so two claims with one id, even in
different files, make every such reference ambiguous.

PASS::

    claims:
      - id: cnrp-seats-claimed
      - id: cnrp-seats-official

FAIL (the second one is reported, naming where the first is)::

    claims:
      - id: cnrp-seats
      - id: cnrp-seats

Ids that differ only by case or by letters that look alike (Cyrillic a or Greek omicron for
Latin a or o) are an error too (CT208), among claims and within each registry: on a screen or in
a review they are the same id, so one is a typo for the other or a forgery of it::

    entities:
      cpp: {name: Cambodian People's Party}
      CPP: {name: Cambodian People's Party}
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from claimtrack.checks import Context
from claimtrack.diagnostics import Diagnostic
from claimtrack.model import Loc

CODES = ("CT201", "CT208")

_LOOK_ALIKE = str.maketrans(
    "\u0430\u03b1\u0432\u03b2\u0441\u03f2"
    "\u0501\u0435\u0451\u03b5\u04bb\u043d"
    "\u0456\u0457\u03b9\u0131\u0458\u043a"
    "\u03ba\u04cf\u043c\u03b7\u043e\u03bf"
    "\u03c3\u0440\u03c1\u051b\u0455\u0442"
    "\u03c4\u03c5\u03bd\u051d\u03c9\u0445"
    "\u03c7\u0443\u03b30"
    "1",
    "aabbccdeeehhiiiijkklmnoooppqsttuvwwxxyyol",
)
"""Letters of other scripts that are drawn like a Latin letter, after case folding (from the
Unicode confusables list, the letters that appear in ids in practice), and the digits 0 and 1,
drawn like o and l in many fonts."""


def look_alike_key(text: str) -> str:
    """What an id looks like to a reader: compatibility forms, case and look-alikes folded."""
    return unicodedata.normalize("NFKC", text).casefold().translate(_LOOK_ALIKE)


def check(context: Context) -> Iterator[Diagnostic]:
    for loc, message in _all_look_alikes(context):
        if context.wanted(loc.path):
            yield Diagnostic.at(loc, "CT208", message)
    first: dict[str, Loc] = {}
    for claim_id, claim_loc, id_loc in context.project.claim_ids:
        seen = first.setdefault(claim_id, claim_loc)
        if seen is not claim_loc and context.wanted(claim_loc.path):
            yield Diagnostic.at(
                id_loc,
                "CT201",
                f"duplicate claim id {claim_id!r}; first used at {seen.path}:{seen.line}",
            )


def _look_alikes(what: str, ids: Iterable[tuple[str, Loc]]) -> Iterator[tuple[Loc, str]]:
    first: dict[str, tuple[str, Loc]] = {}
    for key, loc in ids:
        seen = first.setdefault(look_alike_key(key), (key, loc))
        if seen[0] != key:
            yield (
                loc,
                (
                    f"{what} id {key!r} looks like {seen[0]!r} (at {seen[1].path}:{seen[1].line}); "
                    "they differ only by case or by look-alike letters: use one spelling"
                ),
            )


def _all_look_alikes(context: Context) -> Iterator[tuple[Loc, str]]:
    project = context.project
    yield from _look_alikes("claim", ((i, id_loc) for i, _, id_loc in project.claim_ids))
    tables: tuple[tuple[str, Mapping[str, Any]], ...] = (
        ("entity", project.entities),
        ("scope", project.scopes),
        ("property", project.properties),
        ("rule", project.rules),
        ("verdict", project.verdicts),
    )
    for what, table in tables:
        yield from _look_alikes(what, ((key, item.loc) for key, item in table.items()))
