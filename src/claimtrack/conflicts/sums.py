"""Sum rules: the parts' figures against a total, read claimant by claimant.

A claimant's figures are read together where it gave them, and another source's figures are
borrowed only for the parts (or the total) it is silent on. An opposition leader who says his
party won 66 and the ruling party 57 is consistent (123 seats); so is an election body that says
53 and 70. "66 + 70 = 136" mixes the two and nobody holds it, so it is not reported. A party
that claims 63 for itself, against 68 that every source gives the other party, is.

`exactly` needs the whole set of parts: with declared `parts` a part nobody gives a figure for
counts as anything from 0 up, and without declared parts the subjects with claims may not be
all of them, so only "the sum is at most the total" is checked.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from claimtrack.conflicts.describe import Names, describe_interval, sum_intervals
from claimtrack.conflicts.findings import Conflict, Position, position
from claimtrack.conflicts.groups import GroupKey
from claimtrack.conflicts.identity import conflict_id, contested_value, former_id
from claimtrack.conflicts.intervals import intersection, lower, upper, widened
from claimtrack.diagnostics import Diagnostic
from claimtrack.model import (
    INF,
    Claim,
    Interval,
    Project,
    Rule,
    TotalRef,
    common_point_exists,
    stab_groups,
)

MAX_COMBINATIONS = 10_000
"""At most this many combinations of positions are tried per rule and scope (then CT304)."""

MAX_JOINT_REPORTS = 20
"""At most this many impossible combinations are reported per rule and scope (then CT304)."""

RELATION_WORDS = {"at-most": "at most", "exactly": "exactly", "at-least": "at least"}


@dataclass(frozen=True, slots=True)
class Side:
    """One position of a part or the total: its claims (none for a number in the rule), the
    interval they share, and whose subject it is about."""

    claims: tuple[Claim, ...]
    interval: Interval
    subject: str | None = None


@dataclass(slots=True)
class _Budget:
    evaluated: int = 0
    truncated: bool = False
    reported: set[tuple[int, ...]] = field(default_factory=set)


def check_sum_rule(
    project: Project, rule: Rule, groups: dict[GroupKey, list[Claim]]
) -> tuple[list[Conflict], list[Diagnostic]]:
    subjects_in: dict[str | None, set[str]] = defaultdict(set)
    for subject, prop, scope, _ in groups:
        if prop == rule.property:
            subjects_in[scope].add(subject)
    scopes = [rule.scope] if rule.scope else sorted(s for s in subjects_in if s is not None)
    conflicts: list[Conflict] = []
    diagnostics: list[Diagnostic] = []
    for scope in scopes:
        _check_in(project, rule, scope, subjects_in[scope], groups, conflicts, diagnostics)
    return conflicts, diagnostics


def _sides(claims: list[Claim], subject: str | None) -> list[Side]:
    groups = stab_groups([(c, widened(c)) for c in claims])
    return [Side(tuple(g), intersection([widened(c) for c in g]), subject) for g in groups]


def _total_sides(
    rule: Rule, scope: str | None, groups: dict[GroupKey, list[Claim]]
) -> list[Side] | None:
    total = rule.total
    if isinstance(total, TotalRef):
        claims = groups.get((total.subject, total.property, scope, None), [])
        return _sides(claims, total.subject) if claims else None
    if rule.totals:
        number = rule.totals.get(scope or "")
        return None if number is None else [Side((), Interval.point(number))]
    assert isinstance(total, Decimal)
    return [Side((), Interval.point(total))]


def _check_in(
    project: Project,
    rule: Rule,
    scope: str | None,
    claimed: set[str],
    groups: dict[GroupKey, list[Claim]],
    conflicts: list[Conflict],
    diagnostics: list[Diagnostic],
) -> None:
    totals = _total_sides(rule, scope, groups)
    if totals is None:
        return
    total = rule.total
    excluded = (
        total.subject if isinstance(total, TotalRef) and total.property == rule.property else None
    )
    subjects = rule.parts or tuple(sorted(claimed - {excluded}))
    parts: list[list[Side]] = []
    unknown = 0
    for subject in subjects:
        claims = groups.get((subject, rule.property, scope, None))
        if claims:
            parts.append(_sides(claims, subject))
        else:
            unknown += 1
    if not parts:
        return
    if rule.relation == "exactly" and not rule.parts:
        unknown += 1  # parties no source names may hold the rest
    slots = _charitable_order([*parts, totals], rule.relation)
    budget = _Budget()
    failing: list[list[Side]] = []
    for reading in sorted(_readings(slots)):
        held = dict(reading)
        options = [
            [sides[i] for i in held[slot]] if slot in held else sides
            for slot, sides in enumerate(slots)
        ]
        search = _Search(options, unknown, rule.relation, budget)
        for combo in search.minimal_failures():
            key = tuple(map(id, combo))  # the same Side objects serve every reading
            if key in budget.reported or not _held(combo, search.base):
                continue
            budget.reported.add(key)
            failing.append(combo)
        if budget.truncated:
            break
    for combo in failing[:MAX_JOINT_REPORTS]:
        conflicts.append(_joint(project, rule, scope, combo, unknown))
    if budget.truncated or len(failing) > MAX_JOINT_REPORTS:
        message = (
            f"rule {rule.id!r} in {scope}: more than "
            f"{min(len(failing), MAX_JOINT_REPORTS)} impossible combinations of positions "
            f"({budget.evaluated:,} checked); the first {min(len(failing), MAX_JOINT_REPORTS)} "
            "are reported: settle the disputed parts first"
        )
        diagnostics.append(Diagnostic.at(rule.loc, "CT304", message))


Reading = tuple[tuple[int, tuple[int, ...]], ...]
"""A claimant's own figures: (slot, the positions holding them) for each part it gave a figure
for, and the total (the last slot) if it gave that too. Every other slot is borrowed."""


def _readings(slots: list[list[Side]]) -> set[Reading]:
    """Each claimant's reading of the rule, once per distinct reading: claimants who gave the
    same figures read the rule the same way, and a big scope has thousands of claimants."""
    own: dict[str, dict[int, set[int]]] = defaultdict(dict)
    last = len(slots) - 1
    for slot, sides in enumerate(slots):
        for index, side in enumerate(sides):
            for claim in side.claims:
                if slot < last or claim.claimant in own:
                    own[claim.claimant].setdefault(slot, set()).add(index)
    return {
        tuple(
            sorted(
                (slot, tuple(sorted(indices)))
                for slot, indices in held.items()
                if len(indices) < len(slots[slot])  # holding every position borrows nothing
            )
        )
        for held in own.values()
    }


def _held(combo: list[Side], base: list[Side]) -> bool:
    """Whether someone holds the figures a failing combination moved off the charitable
    reading: figures borrowed from two claimants who contradict each other make a sum that
    nobody holds."""
    moved = [side for side, first in zip(combo, base, strict=True) if side is not first]
    if len(moved) < 2:
        return True
    holders = set.intersection(*({c.claimant for c in side.claims} for side in moved))
    return bool(holders)


def _joint(
    project: Project, rule: Rule, scope: str | None, combo: list[Side], unknown: int
) -> Conflict:
    names = Names(project)
    prop = project.properties[rule.property]
    *parts, total = combo
    summed = sum_intervals([s.interval for s in parts] + _unknown(unknown))
    involved = [c for s in combo for c in s.claims]
    positions: list[Position] = [
        position(project, s.claims, "part", involved) for s in parts if s.claims
    ]
    if total.claims:
        positions.append(position(project, total.claims, "total", involved))
    terms = " + ".join(
        f"{names.short(s.subject)} {p.label}"
        for s, p in zip(parts, positions[: len(parts)], strict=True)
    )
    relation = RELATION_WORDS[rule.relation]
    total_words = (
        f"{names.short(total.subject)}'s {total.claims[0].wording}"
        if total.claims
        else describe_interval(total.interval, prop.type)
    )
    summary = (
        f"{names.property(rule.property)}{names.context(scope, None)}: {terms} "
        f"= {describe_interval(summed, prop.type)}, but the sum must be "
        f"{relation} {total_words} (rule {rule.id})"
    )
    arithmetic = " + ".join(describe_interval(s.interval, prop.type) for s in parts)
    if unknown:
        arithmetic += " + the parts no source gives (0 or more)"
    explanation = (
        f"{arithmetic} = {describe_interval(summed, prop.type)}; "
        f"{rule.description or 'rule ' + rule.id}: sum "
        f"{relation} {describe_interval(total.interval, prop.type)}"
    )
    key = (None, rule.property, scope, None, rule.id)
    values = [f"{s.subject or 'total'}={contested_value(s.claims)}" for s in combo if s.claims]
    if not total.claims:
        values.append(f"total={describe_interval(total.interval, prop.type)}")
    claims = [c for p in positions for c in p.claims]
    return Conflict(
        conflict_id("joint", key, values),
        "joint",
        None,
        rule.property,
        scope,
        None,
        tuple(positions),
        summary,
        explanation,
        rule=rule.id,
        former_ids=(former_id("joint", key, claims),),
    )


def _unknown(count: int) -> list[Interval]:
    return [Interval(Decimal(0), INF, False, True)] * count


def _charitable_order(slots: list[list[Side]], relation: str) -> list[list[Side]]:
    """Each part's positions from the most charitable reading (the smallest claim, for "at
    most"), and the total's from the most generous; `exactly` keeps the same order."""
    at_most = relation == "at-most"
    parts = [
        sorted(
            sides,
            key=lambda s: (
                (lower(s.interval), upper(s.interval))
                if at_most
                else (upper(s.interval), lower(s.interval))
            ),
            reverse=not at_most,
        )
        for sides in slots[:-1]
    ]
    total = sorted(slots[-1], key=lambda s: (upper(s.interval), lower(s.interval)), reverse=at_most)
    return [*parts, total]


class _Search:
    """Finds the combinations of positions (one per part, and the total) that break a rule.

    For "at most" and "at least" the sum is monotone, so with each part's positions in
    charitable order only minimal failures are reported: the charitable reading itself if it
    already fails, else the fewest parts moved off it (up to MAX_RAISED) that make the sum
    impossible. Moving more parts the same way fails too and says nothing new. "exactly" has no
    such order: combinations are tried in turn. A claimant's own figures usually leave one
    position per part, so the search is small; sums are kept as the base reading's sum plus the
    moved parts' differences, so one check costs the moves, not the parts.
    """

    MAX_RAISED = 3

    def __init__(
        self, ordered: list[list[Side]], unknown: int, relation: str, budget: _Budget
    ) -> None:
        self.relation = relation
        self.budget = budget
        self.ordered = ordered
        self.base = [sides[0] for sides in ordered]
        self.unknown = _unknown(unknown)
        parts = [s.interval for s in self.base[:-1]] + self.unknown
        self.lo = sum((iv.lo for iv in parts), Decimal(0))
        self.hi = sum((iv.hi for iv in parts), Decimal(0))
        self.lo_open = sum(iv.lo_open for iv in parts)
        self.hi_open = sum(iv.hi_open for iv in parts)

    def sum(self, combo: list[Side]) -> Interval:
        lo, hi, lo_open, hi_open = self.lo, self.hi, self.lo_open, self.hi_open
        for index in range(len(combo) - 1):
            old, new = self.base[index].interval, combo[index].interval
            if old is not new:
                if not all(x.is_finite() for x in (old.lo, old.hi, new.lo, new.hi)):
                    # An unbounded side: differences of infinities mean nothing, so add up.
                    return sum_intervals([s.interval for s in combo[:-1]] + self.unknown)
                lo += new.lo - old.lo
                hi += new.hi - old.hi
                lo_open += new.lo_open - old.lo_open
                hi_open += new.hi_open - old.hi_open
        return Interval(lo, hi, lo_open > 0, hi_open > 0)

    def fails(self, combo: list[Side]) -> bool:
        self.budget.evaluated += 1
        return not _possible(self.sum(combo), combo[-1].interval, self.relation)

    def _spent(self) -> bool:
        if self.budget.evaluated >= MAX_COMBINATIONS:
            self.budget.truncated = True
        return self.budget.truncated

    def minimal_failures(self) -> Iterator[list[Side]]:
        if self.relation == "exactly":
            for product in itertools.product(*self.ordered):
                if self._spent():
                    return
                if self.fails(list(product)):
                    yield list(product)
            return
        base = self.base
        if self.fails(base):
            yield base
            return
        movable = [i for i, sides in enumerate(self.ordered) if len(sides) > 1]
        for size in range(1, min(self.MAX_RAISED, len(movable)) + 1):
            for moved in itertools.combinations(movable, size):
                for choice in itertools.product(*(self.ordered[i][1:] for i in moved)):
                    if self._spent():
                        return
                    combo: list[Side] = list(base)
                    for index, side in zip(moved, choice, strict=True):
                        combo[index] = side
                    if self.fails(combo) and self._minimal(combo, moved):
                        yield combo

    def _minimal(self, combo: list[Side], moved: tuple[int, ...]) -> bool:
        for index in moved if len(moved) > 1 else ():
            fewer = list(combo)
            fewer[index] = self.base[index]
            if self.fails(fewer):
                return False
        return True


def _possible(summed: Interval, total: Interval, relation: str) -> bool:
    if relation == "at-most":
        return common_point_exists(
            [
                Interval(summed.lo, INF, summed.lo_open, True),
                Interval(-INF, total.hi, True, total.hi_open),
            ]
        )
    if relation == "at-least":
        return common_point_exists(
            [
                Interval(-INF, summed.hi, True, summed.hi_open),
                Interval(total.lo, INF, total.lo_open, True),
            ]
        )
    return common_point_exists([summed, total])
