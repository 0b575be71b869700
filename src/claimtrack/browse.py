"""Moving around a corpus: filtered claims, the seed catalog with counts, and coverage (the
figures in each seed that no claim states yet)."""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from claimtrack.conflicts.engine import Conflict, Findings
from claimtrack.diagnostics import Diagnostic
from claimtrack.model import Claim, Interval, Project, Value, Verdict
from claimtrack.project import SEEDS_DIR
from claimtrack.seeds import SeedError, SeedLibrary, folded_span, raw_span
from claimtrack.text import name_key, normalise_quote
from claimtrack.textfigures import MONTHS, DateParts, Figure, find_figures

_ABBREVIATIONS = {
    *(name[:3] for name in MONTHS), "Sept", "Mr", "Ms", "Mrs", "Dr", "St", "No", "Gen", "Lt",
    "Col", "Sen", "Rep", "Gov", "Jr", "Sr", "vs", "etc", "Inc", "Ltd", "Co", "Corp",
}  # fmt: skip
_SENTENCE_END = re.compile(
    r"(?:\."
    + "".join(f"(?<!\\b{word}\\.)" for word in sorted(_ABBREVIATIONS))
    + r"(?<!\b[A-Za-z]\.)|[!?])[”\"’']?\s|\n"
)
"""A sentence ends at a line break, or at . ! ? (and a closing quote) before a space, unless
the full stop ends an abbreviation (Sept. 16, U.S. officials, Mr. Hun Sen)."""
_SENTENCE_SHOWN = 400


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


CONFLICT_KINDS = ("value", "tension", "joint", "derived")


class UnknownFilter(ValueError):
    """A filter value the project does not have: it would select nothing and look like a
    clean result, so it is refused with the closest value that exists."""


def check_filters(project: Project, filters: dict[str, str | None], kinds: tuple[str, ...]) -> None:
    """Raise `UnknownFilter` for the first set filter whose value is not in the project (an
    entity, property, scope or seed it does not have) or not allowed (`kinds`, statuses)."""
    from rapidfuzz import process

    from claimtrack.schema import VERDICT_STATUSES

    for key, given in filters.items():
        if given is None:
            continue
        if key in ("subject", "claimant", "relayed_by"):
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
        option = key.replace("_", "-")
        if key in ("kind", "status"):
            raise UnknownFilter(
                f"--{option} {given!r}: not a {what}; one of {', '.join(choices)}{hint}"
            )
        raise UnknownFilter(f"--{option} {given!r}: no such {what} in the project{hint}")


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


@dataclass(slots=True)
class Coverage:
    """The figures no claim states, and the seeds that could not be read for them."""

    uncovered: list[Uncovered] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Stated:
    """Where a claim's quote stands in a seed, where its `said` wording stands inside it, and
    the value the claim gives."""

    start: int
    end: int
    said: tuple[tuple[int, int], ...]
    value: Value


def coverage(project: Project, seeds: SeedLibrary, only: str | None = None) -> Coverage:
    """Figures (numbers, percentages, ratios, money, dates, weekdays) in each seed (or only the
    one named, as seeds/x.txt or x.txt) that no claim states. A figure is stated by a claim when
    it stands inside one of the claim's quotes and either lies inside the claim's `said` wording
    there or reads as the claim's value (`states`). A seed that cannot be read is a problem,
    located at the seed."""
    wanted = project.seed_files if only is None else {only.removeprefix(f"{SEEDS_DIR}/")}
    stated = _stated_by_seed(project, seeds, wanted)
    result = Coverage()
    for name in sorted(project.seed_files & wanted):
        try:
            seed = seeds.get(name)
        except SeedError as exc:
            path = f"{SEEDS_DIR}/{name}"
            result.problems.append(Diagnostic(path, exc.line, exc.column, exc.code, str(exc)))
            continue
        text = seed.nfc
        claims = sorted(stated.get(name, []), key=lambda s: s.start)
        starts = [s.start for s in claims]
        longest = max((s.end - s.start for s in claims), default=0)
        lines = _Lines(text)
        for figure in find_figures(text):
            first = bisect.bisect_left(starts, figure.end - longest)
            last = bisect.bisect_right(starts, figure.start)
            if any(_covers(s, figure) for s in claims[first:last]):
                continue
            result.uncovered.append(
                Uncovered(name, lines.line(figure.start), figure.text, lines.sentence(figure))
            )
    return result


def _stated_by_seed(
    project: Project, seeds: SeedLibrary, wanted: set[str]
) -> dict[str, list[_Stated]]:
    found: dict[str, list[_Stated]] = {}
    for claim in project.claims:
        said = normalise_quote(claim.said) if claim.said else ""
        for source in claim.sources:
            if source.seed not in wanted:
                continue
            try:
                seed = seeds.get(source.seed)
            except SeedError:
                continue  # reported by validate at the claim, and here at the seed if it exists
            span = folded_span(seed, normalise_quote(source.quote))
            if span is None:
                continue
            spans = []
            at = seed.folded.find(said, *span) if said else -1
            while at >= 0:
                spans.append(raw_span(seed, at, at + len(said)))
                at = seed.folded.find(said, at + 1, span[1])
            start, end = raw_span(seed, *span)
            found.setdefault(source.seed, []).append(_Stated(start, end, tuple(spans), claim.value))
    return found


def _covers(stated: _Stated, figure: Figure) -> bool:
    if not (stated.start <= figure.start and figure.end <= stated.end):
        return False
    if any(a <= figure.start and figure.end <= b for a, b in stated.said):
        return True
    return states(stated.value, figure)


def states(value: Value, figure: Figure) -> bool:
    """Whether a claim's value is what the figure says.

    A number (or percentage, amount, ratio, year) states a claim's number when it lies in the
    claim's interval without its tolerance, or, for a one-sided claim ("at least 63"), when it
    is that bound as written (to the figure's own precision). A date states a claim's date when
    some day the claim covers has every part the figure gives (year, month, day); a weekday,
    when the claim covers fewer than seven days and one of them is that weekday.
    """
    core = value.core
    if core is None:
        return False
    if value.type in ("number", "percent"):
        return any(_number_states(core, n) for n in figure.numbers)
    if value.type != "date":
        return False
    first, last = _day(core.lo), _day(core.hi)
    if figure.weekday is not None:
        days = (last - first).days + 1
        return days < 7 and any(
            (first + dt.timedelta(d)).weekday() == figure.weekday for d in range(days)
        )
    return any(_date_states(first, last, parts) for parts in figure.dates)


def _day(ordinal: Decimal) -> dt.date:
    """The day of an interval's end, an open end being the first or last day there is."""
    first, last = Decimal(dt.date.min.toordinal()), Decimal(dt.date.max.toordinal())
    return dt.date.fromordinal(int(min(max(ordinal, first), last)))


def _number_states(core: Interval, n: Decimal) -> bool:
    if core.lo <= n <= core.hi and core.lo.is_finite() and core.hi.is_finite():
        return True
    half_unit = Decimal(5).scaleb(n.as_tuple().exponent - 1)  # type: ignore[operator]
    return any(b.is_finite() and abs(n - b) <= half_unit for b in (core.lo, core.hi))


def _date_states(first: dt.date, last: dt.date, parts: DateParts) -> bool:
    if parts.year is None and (last - first).days >= 366:
        return True  # a whole year holds every month and day
    years = [parts.year] if parts.year is not None else range(first.year, last.year + 1)
    for year in years:
        lo_month, hi_month = (parts.month, parts.month) if parts.month else (1, 12)
        lo_day = parts.day or 1
        hi_day = parts.day or calendar.monthrange(year, hi_month)[1]
        if not 1 <= year <= 9999:
            continue
        try:
            start, end = dt.date(year, lo_month, lo_day), dt.date(year, hi_month, hi_day)
        except ValueError:  # 29 February in a year that has none
            continue
        if start <= last and first <= end:
            return True
    return False


class _Lines:
    """Line numbers and sentences of a text for figures taken in order: the line is counted on
    from the previous figure and sentences are placed by binary search in a table built once,
    so listing every figure of a long seed stays linear."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.ends = [m.end() for m in _SENTENCE_END.finditer(text)]
        self._at = 0
        self._line = 1

    def line(self, offset: int) -> int:
        self._line += self.text.count("\n", self._at, offset)
        self._at = offset
        return self._line

    def sentence(self, figure: Figure) -> str:
        before = bisect.bisect_right(self.ends, figure.start)
        start = self.ends[before - 1] if before else 0
        after = bisect.bisect_left(self.ends, figure.end)
        end = self.ends[after] if after < len(self.ends) else len(self.text)
        sentence = " ".join(self.text[start:end].split())
        if len(sentence) > _SENTENCE_SHOWN:  # no sentence end for pages: show the figure's part
            cut = max(0, figure.start - start - _SENTENCE_SHOWN // 2)
            sentence = (
                "…" + " ".join(self.text[start + cut : start + cut + _SENTENCE_SHOWN].split()) + "…"
            )
        return sentence
