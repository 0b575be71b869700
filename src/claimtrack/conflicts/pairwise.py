"""Which claims of one group cannot both hold: conflicts are judged between claims, not groups.

Two numbers or dates cannot both hold when their intervals are disjoint (a *value* conflict);
when only their cores are disjoint, the overlap is an approximation's tolerance (a *tension*).
Both are found in the same group: "about 72%" against 71.4% is a tension even where 70% makes a
hard conflict with 71.4%. A claim that can hold together with every other claim of the group
takes no side and corroborates nothing: "just under 72%" fits both 70% and 71.4%.

A position (a side) holds the claims that contradict exactly the same claims of the group, so
every claim of a position contradicts every claim of each position paired with it, and no two
claims that can both hold are ever shown opposed: with 212, "more than 200", "nearly 400" and
"fewer than 150", "more than 200" is not on 212's side, since it fits "nearly 400" and 212 does
not. Claims with the same contradictions cannot contradict each other, so a position's claims
share a value (they corroborate each other).

The work is sorted sweeps, never every pair of claims: the claims a claim contradicts are those
wholly below it (a prefix of the claims sorted by upper end) and those wholly above it (a suffix
of the claims sorted by lower end), so the two lengths, found by bisection, name the set; tension
partners are found with a prefix extreme over claims sorted by their cores. Only the pairs of
positions are then listed, up to a cap.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from claimtrack.conflicts.intervals import core, disjoint, left_of, lower, upper, widened
from claimtrack.model import Claim, Interval


@dataclass(frozen=True, slots=True)
class Dispute:
    """Positions (lists of claims) of one kind of conflict in a group, and the pairs of
    positions (indexes) whose claims cannot both hold, every claim of one with every claim of
    the other."""

    kind: str
    sides: list[list[Claim]]
    pairs: list[tuple[int, int]]
    pairs_complete: bool = True


MAX_PAIRS = 10_000
"""At most this many pairs of positions are listed per conflict: a figure claimed ten thousand
different ways has fifty million pairs, and the positions already say it all."""


MAX_PAIR_CHECKS = 1_000_000
"""And at most this many pairs of positions are looked at, so the listing stays linear."""


def _pairs(
    count: int, contradict: Callable[[int, int], bool]
) -> tuple[list[tuple[int, int]], bool]:
    """The pairs of positions that cannot both hold, and whether the list is complete."""
    found: list[tuple[int, int]] = []
    checked = 0
    for i in range(count):
        for j in range(i + 1, count):
            checked += 1
            if checked > MAX_PAIR_CHECKS:
                return found, False
            if contradict(i, j):
                if len(found) == MAX_PAIRS:
                    return found, False
                found.append((i, j))
    return found, True


def disputes(claims: list[Claim], multi: bool) -> list[Dispute]:
    """The value conflict and the tension in a group of claims, where there are any."""
    if multi:
        return []
    if claims[0].value.interval is None:
        return _token_disputes(claims)
    found = []
    hard = _value_dispute(claims)
    if hard:
        found.append(hard)
    soft = _tension_dispute(claims)
    if soft:
        found.append(soft)
    return found


def _token_disputes(claims: list[Claim]) -> list[Dispute]:
    by_token: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        by_token[claim.value.token or ""].append(claim)
    if len(by_token) < 2:
        return []
    sides = [by_token[t] for t in sorted(by_token)]
    return [Dispute("value", sides, *_pairs(len(sides), lambda i, j: True))]


def _value_dispute(claims: list[Claim]) -> Dispute | None:
    intervals = [widened(c) for c in claims]
    keys = _contradiction_keys(intervals)
    involved = [(c, iv, k) for c, iv, k in zip(claims, intervals, keys, strict=True) if k != (0, 0)]
    if not involved:
        return None
    sides = _positions(involved)
    reps = [widened(side[0]) for side in sides]
    pairs, complete = _pairs(len(sides), lambda i, j: disjoint(reps[i], reps[j]))
    return Dispute("value", sides, pairs, complete)


def _contradiction_keys(intervals: list[Interval]) -> list[tuple[int, int]]:
    """For each interval, how many intervals lie wholly below it and how many wholly above.

    Those below are the first of the intervals sorted by upper end, those above the last of the
    intervals sorted by lower end, so the two counts name the set of intervals it is disjoint
    from: equal counts, the same set."""
    uppers = sorted(upper(iv) for iv in intervals)
    lowers = sorted(lower(iv) for iv in intervals)
    count = len(intervals)
    return [
        (bisect_left(uppers, lower(iv)), count - bisect_right(lowers, upper(iv)))
        for iv in intervals
    ]


def _positions(involved: Sequence[tuple[Claim, Interval, tuple[int, ...]]]) -> list[list[Claim]]:
    """The claims grouped by what they contradict (their key), each position's claims and the
    positions themselves in the order of their intervals' upper, then lower, ends."""
    by_key: dict[tuple[int, ...], list[tuple[Claim, Interval]]] = defaultdict(list)
    for claim, iv, k in involved:
        by_key[k].append((claim, iv))
    members = [sorted(items, key=lambda item: upper(item[1])) for items in by_key.values()]
    members.sort(key=lambda items: (upper(items[0][1]), min(lower(iv) for _, iv in items)))
    return [[claim for claim, _ in items] for items in members]


def _tension_dispute(claims: list[Claim]) -> Dispute | None:
    """Claims whose cores are disjoint from another claim's core while their widened
    intervals meet it. Only an approximation's tolerance makes the two differ, so a group
    without one has no tension and costs nothing more."""
    if all(c.value.core is None or c.value.core == c.value.interval for c in claims):
        return None
    items = [(c, core(c), widened(c)) for c in claims]
    sweep = _Sweep(items)
    involved = [(c, cv) for c, cv, wv in items if _has_tension_partner(cv, wv, sweep)]
    if not involved:
        return None
    # A claim's tension partners are the claims its core is disjoint from, less those its
    # widened interval is disjoint from: equal counts of both, the same partners.
    cores = [cv for _, cv in involved]
    wides = [widened(c) for c, _ in involved]
    keys = [
        (*k, *w)
        for k, w in zip(_contradiction_keys(cores), _contradiction_keys(wides), strict=True)
    ]
    sides = _positions([(c, cv, k) for (c, cv), k in zip(involved, keys, strict=True)])
    reps = [(core(side[0]), widened(side[0])) for side in sides]
    pairs, complete = _pairs(
        len(sides),
        lambda i, j: disjoint(reps[i][0], reps[j][0]) and not disjoint(reps[i][1], reps[j][1]),
    )
    return Dispute("tension", sides, pairs, complete)


class _Sweep:
    """The claims sorted by the ends of their cores, with running extremes of their widened
    intervals, for finding tension partners in logarithmic time."""

    def __init__(self, items: list[tuple[Claim, Interval, Interval]]) -> None:
        by_lower = sorted(items, key=lambda item: lower(item[1]))
        self.lower_keys = [lower(item[1]) for item in by_lower]
        suffix: list[Interval] = []
        for _, _, wv in reversed(by_lower):
            suffix.append(wv if not suffix or lower(wv) < lower(suffix[-1]) else suffix[-1])
        self.suffix_lowest = suffix[::-1]
        by_upper = sorted(items, key=lambda item: upper(item[1]))
        self.upper_keys = [upper(item[1]) for item in by_upper]
        prefix: list[Interval] = []
        for _, _, wv in by_upper:
            prefix.append(wv if not prefix or upper(wv) > upper(prefix[-1]) else prefix[-1])
        self.prefix_highest = prefix


def _has_tension_partner(cv: Interval, wv: Interval, sweep: _Sweep) -> bool:
    # partners whose core lies wholly above this core: lower(core) > upper(cv)
    start = bisect_right(sweep.lower_keys, upper(cv))
    if start < len(sweep.suffix_lowest) and not left_of(wv, sweep.suffix_lowest[start]):
        return True
    # partners whose core lies wholly below: upper(core) < lower(cv)
    end = bisect_left(sweep.upper_keys, lower(cv))
    return end > 0 and not left_of(sweep.prefix_highest[end - 1], wv)
