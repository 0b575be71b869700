"""Moving around a corpus: filtered claims, the seed catalog with counts, and coverage (the
figures in each seed that no claim quotes yet)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from claimtrack.conflicts.engine import Conflict, Findings
from claimtrack.model import Claim, Project
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
    "claimant": lambda c, v: v in c.claimants,
    "relayed_by": lambda c, v: c.relayed_by == v,
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


def entity_id(project: Project, given: str) -> str:
    """An entity as the user names it (id, name or alias, any case) to its id."""
    return project.aliases.get(name_key(given), given)


def _wanted(project: Project, filters: dict[str, str | None]) -> dict[str, str]:
    """The filters that are set, with entity names resolved through aliases and seeds named as
    the catalog names them (a path given as seeds/x.txt is x.txt)."""
    wanted = {}
    for key, given in filters.items():
        if given is None:
            continue
        if key in ("subject", "claimant", "relayed_by"):
            wanted[key] = entity_id(project, given)
        elif key == "seed":
            wanted[key] = given.removeprefix("seeds/")
        else:
            wanted[key] = given
    return wanted


def select_claims(project: Project, filters: dict[str, str | None]) -> list[Claim]:
    """Claims matching every given filter.

    `claimant` matches any of a claim's claimants but never its relayer: the relayer reports
    the words, they do not assert them (`relayed_by` finds what an entity relays).
    """
    wanted = _wanted(project, filters)
    return [c for c in project.claims if all(_CLAIM_TESTS[k](c, v) for k, v in wanted.items())]


def select_conflicts(
    project: Project, conflicts: list[Conflict], filters: dict[str, str | None]
) -> list[Conflict]:
    """Conflicts matching every given filter: what the conflict is about (property, scope), what
    it is (kind, status), or who and which seed take part in it (subject, claimant, relayed_by,
    seed)."""
    wanted = _wanted(project, filters)

    def keep(conflict: Conflict) -> bool:
        return all(
            _CONFLICT_TESTS[k](conflict, v)
            if k in _CONFLICT_TESTS
            else any(_CLAIM_TESTS[k](claim, v) for claim in conflict.claims)
            for k, v in wanted.items()
        )

    return [c for c in conflicts if keep(c)]


@dataclass(frozen=True, slots=True)
class TrackRecord:
    """What a desk asks first about a source: what it has claimed, how much of it is disputed,
    and how its claims were rated.

    `claims` counts every claim the entity makes, in its own words or heard through someone
    else; `relayed` is how many of those were heard through someone else (its words reported
    by a relayer, who may misreport them); `relays` counts others' claims it reported.
    `conflicts` are the conflicts one of its claims takes part in, by status. `ratings` counts
    the ratings verdicts gave its claims, one per verdict and claim rated.
    """

    claimant: str
    claims: int
    relayed: int
    relays: int
    conflicts: int
    by_status: dict[str, int]
    ratings: dict[str, int]


def track_records(project: Project, findings: Findings) -> list[TrackRecord]:
    """Each claimant's track record, the most conflicted first.

    Only verdicts on current conflicts count: a verdict on claims that have since changed
    (CT303) rates claims as they no longer stand.
    """
    claims: Counter[str] = Counter()
    relayed: Counter[str] = Counter()
    relays: Counter[str] = Counter()
    for claim in project.claims:
        claims.update(claim.claimants)
        if claim.relayed_by is not None:
            relayed.update(claim.claimants)
            relays[claim.relayed_by] += 1
    by_claim = {c.id: c for c in project.claims}
    statuses: dict[str, Counter[str]] = {}
    ratings: dict[str, Counter[str]] = {}
    for conflict in findings.conflicts:
        for who in {w for c in conflict.claims for w in c.claimants}:
            statuses.setdefault(who, Counter())[conflict.status] += 1
        verdict = project.verdicts.get(conflict.id)
        if verdict is None or verdict.rating is None:
            continue
        for claim_id in verdict.claims:
            rated = by_claim.get(claim_id)
            for who in rated.claimants if rated else ():
                ratings.setdefault(who, Counter())[verdict.rating] += 1
    records = [
        TrackRecord(
            who,
            claims[who],
            relayed[who],
            relays[who],
            sum(statuses.get(who, Counter()).values()),
            dict(sorted(statuses.get(who, Counter()).items())),
            dict(sorted(ratings.get(who, Counter()).items())),
        )
        for who in set(claims) | set(relays)
    ]
    return sorted(records, key=lambda r: (-r.conflicts, -r.claims, r.claimant))


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
