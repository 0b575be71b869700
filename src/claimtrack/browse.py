"""Moving around a corpus: filtered claims, the seed catalog with counts, and coverage (the
figures in each seed that no claim quotes yet)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from claimtrack.conflicts.engine import Conflict, Findings
from claimtrack.model import Claim, Project, Verdict
from claimtrack.seeds import SeedError, SeedLibrary, quote_span
from claimtrack.text import name_key

_FIGURE = re.compile(
    r"(?:U\.S\. )?\$\s?\d(?:[\d,]*\d)?(?:\.\d+)?"  # money
    r"|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2}(?:-\d{1,2})?"
    r"(?:, \d{4})?"  # dates
    r"|(?<![\w:.-])\d(?:[\d,]*\d)?(?:\.\d+)?(?: ?(?:per cent|percent|%))?(?![\w:])"  # numbers
)
_SENTENCE_END = re.compile(r"[.!?][”\"’']?\s|\n")


@dataclass(frozen=True, slots=True)
class Uncovered:
    seed: str
    line: int
    figure: str
    sentence: str


_CLAIM_TESTS: dict[str, Callable[[Claim, str], bool]] = {
    "subject": lambda c, v: c.subject == v,
    "claimant": lambda c, v: c.claimant == v,
    "property": lambda c, v: c.property == v,
    "scope": lambda c, v: c.scope == v,
    "seed": lambda c, v: any(s.seed == v for s in c.sources),
    "kind": lambda c, v: c.kind == v,
}
_CONFLICT_TESTS: dict[str, Callable[[Conflict, str], bool]] = {
    "property": lambda c, v: c.property == v,
    "scope": lambda c, v: c.scope == v,
    "kind": lambda c, v: c.kind == v,
    "status": lambda c, v: c.status == v,
}


CONFLICT_KINDS = ("value", "tension", "joint")


class UnknownFilter(ValueError):
    """A filter value the project does not have: it would select nothing and look like a
    clean result, so it is refused with the closest value that exists."""


def check_filters(
    project: Project, filters: dict[str, str | None], kinds: tuple[str, ...]
) -> None:
    """Raise `UnknownFilter` for the first set filter whose value is not in the project (an
    entity, property, scope or seed it does not have) or not allowed (`kinds`, statuses)."""
    from rapidfuzz import process

    from claimtrack.schema import VERDICT_STATUSES

    for key, given in filters.items():
        if given is None:
            continue
        if key in ("subject", "claimant"):
            if name_key(given) in project.aliases:
                continue
            names = [n for e in project.entities.values() for n in (e.id, e.name, *e.aliases)]
            what, choices = "entity", names
        elif key == "seed":
            choices = sorted(project.seed_files | project.catalog.keys())
            if given.removeprefix("seeds/") in choices:
                continue
            what = "seed"
        else:
            what, choices = {
                "property": ("property", sorted(project.properties)),
                "scope": ("scope", sorted(project.scopes)),
                "kind": ("kind", list(kinds)),
                "status": ("status", list(VERDICT_STATUSES)),
            }[key]
            if given in choices:
                continue
        closest = process.extractOne(given, choices)
        hint = f"; the closest is {closest[0]!r}" if closest else ""
        if key in ("kind", "status"):
            raise UnknownFilter(
                f"--{key} {given!r}: not a {what}; one of {', '.join(choices)}{hint}"
            )
        raise UnknownFilter(f"--{key} {given!r}: no such {what} in the project{hint}")


def fails(conflict: Conflict, verdicts: Mapping[str, Verdict], level: str) -> bool:
    """Whether `conflict` fails a gate at `level` (never, unreviewed, open or disputed), each
    level also failing the less settled states: no verdict < open < disputed < resolved.

    A conflict nobody has given a verdict fails every level but never: the gate exists to stop
    the contradictions nobody has looked at. Any verdict acknowledges one for `unreviewed`;
    only a resolved verdict (which must say what was decided) passes `disputed`."""
    if level == "never":
        return False
    verdict = verdicts.get(conflict.id)
    if verdict is None:
        return True
    if level == "unreviewed":
        return False
    if level == "open":
        return verdict.status == "open"
    return verdict.status != "resolved"


def _wanted(project: Project, filters: dict[str, str | None]) -> dict[str, str]:
    """The filters that are set, with entity names resolved through aliases and seeds named as
    the catalog names them (a path given as seeds/x.txt is x.txt)."""
    wanted = {}
    for key, given in filters.items():
        if given is None:
            continue
        if key in ("subject", "claimant"):
            wanted[key] = project.aliases.get(name_key(given), given)
        elif key == "seed":
            wanted[key] = given.removeprefix("seeds/")
        else:
            wanted[key] = given
    return wanted


def select_claims(project: Project, filters: dict[str, str | None]) -> list[Claim]:
    """Claims matching every given filter."""
    wanted = _wanted(project, filters)
    return [c for c in project.claims if all(_CLAIM_TESTS[k](c, v) for k, v in wanted.items())]


def select_conflicts(
    project: Project, conflicts: list[Conflict], filters: dict[str, str | None]
) -> list[Conflict]:
    """Conflicts matching every given filter: what the conflict is about (property, scope), what
    it is (kind, status), or who and which seed take part in it (subject, claimant, seed)."""
    wanted = _wanted(project, filters)

    def keep(conflict: Conflict) -> bool:
        return all(
            _CONFLICT_TESTS[k](conflict, v)
            if k in _CONFLICT_TESTS
            else any(_CLAIM_TESTS[k](claim, v) for claim in conflict.claims)
            for k, v in wanted.items()
        )

    return [c for c in conflicts if keep(c)]


def seed_counts(project: Project, findings: Findings) -> dict[str, tuple[int, int]]:
    """Seed name -> (claims citing it, conflicts involving it)."""
    claims = Counter(s.seed for c in project.claims for s in c.sources)
    conflicts = Counter(
        seed
        for conflict in findings.conflicts
        for seed in {s.seed for c in conflict.claims for s in c.sources}
    )
    names = sorted(project.seed_files | project.catalog.keys())
    return {name: (claims[name], conflicts[name]) for name in names}


def coverage(project: Project, seeds: SeedLibrary) -> list[Uncovered]:
    """Figures (numbers, percentages, money, dates) in each seed that no claim's quote covers."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for draft in project.drafts:
        for source in draft.sources:
            try:
                span = quote_span(seeds.get(source.seed), source.quote)
            except SeedError:
                continue
            if span:
                spans.setdefault(source.seed, []).append(span)
    found = []
    for name in sorted(project.seed_files):
        try:
            text = seeds.get(name).nfc
        except SeedError:
            continue
        covered = spans.get(name, [])
        for match in _FIGURE.finditer(text):
            start, end = match.span()
            if any(a <= start and end <= b for a, b in covered):
                continue
            found.append(
                Uncovered(
                    name,
                    text.count("\n", 0, start) + 1,
                    match.group().strip(),
                    _sentence(text, start, end),
                )
            )
    return found


def _sentence(text: str, start: int, end: int) -> str:
    before = [m.end() for m in _SENTENCE_END.finditer(text, 0, start)]
    after = _SENTENCE_END.search(text, end)
    return " ".join(text[before[-1] if before else 0 : after.end() if after else len(text)].split())
