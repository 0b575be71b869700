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

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, TypeVar

from claimtrack.checks import Context
from claimtrack.diagnostics import Diagnostic
from claimtrack.model import Loc, id_place
from claimtrack.text import look_alike_key

CODES = ("CT201", "CT208")
T = TypeVar("T")


def check(context: Context) -> Iterator[Diagnostic]:
    for loc, message in _all_look_alikes(context):
        if context.wanted(loc.path):
            yield Diagnostic.at(loc, "CT208", message)
    first: dict[str, Loc] = {}
    for claim_id, places in context.project.claim_ids:
        claim_loc = places.base
        seen = first.setdefault(claim_id, claim_loc)
        if seen is not claim_loc and context.wanted(claim_loc.path):
            yield Diagnostic.at(
                id_place(places),
                "CT201",
                f"duplicate claim id {claim_id!r}; first used at {seen.path}:{seen.line}",
            )


def _look_alikes(
    what: str, ids: Iterable[tuple[str, T]], where: Callable[[T], Loc]
) -> Iterator[tuple[Loc, str]]:
    """Ids that look like an earlier one, at the place `where` finds from what `ids` gives with
    each (only for those: a hundred thousand claim ids need no place of their own here)."""
    first: dict[str, tuple[str, T]] = {}
    for key, at in ids:
        folded = look_alike_key(key)
        seen = first.setdefault(key if folded == key else folded, (key, at))
        if seen[0] != key:
            earlier = where(seen[1])
            yield (
                where(at),
                (
                    f"{what} id {key!r} looks like {seen[0]!r} (at {earlier.path}:{earlier.line}); "
                    "they differ only by case or by look-alike letters: use one spelling"
                ),
            )


def _all_look_alikes(context: Context) -> Iterator[tuple[Loc, str]]:
    project = context.project
    yield from _look_alikes("claim", project.claim_ids, id_place)
    tables: tuple[tuple[str, Mapping[str, Any]], ...] = (
        ("entity", project.entities),
        ("scope", project.scopes),
        ("property", project.properties),
        ("rule", project.rules),
        ("verdict", project.verdicts),
    )
    for what, table in tables:
        yield from _look_alikes(what, ((key, item.loc) for key, item in table.items()), _itself)


def _itself(loc: Loc) -> Loc:
    return loc
