"""The conflict engine: which claims cannot all be true, and which agree.

Claims are compared only within one subject, property and scope (and, for a property that
changes over time, one `as_of`). Within such a group, numbers and dates are intervals: the
group is in conflict when no single value lies in every claim's interval, and in tension when
one does only thanks to an approximation's tolerance. Claims that can all hold are grouped into
positions with the stabbing sweep, so a conflict reads as "these sources say X, those say Y".
Declared rules then check claims that each look fine but cannot hold together.
"""

from __future__ import annotations

import builtins
import hashlib
import itertools
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal

from claimtrack.checks.underspecified import underspecified
from claimtrack.conflicts.attribution import attribution, independent_sources
from claimtrack.conflicts.describe import describe_interval, sum_intervals
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

GroupKey = tuple[str, str, str | None, str | None]
Side = tuple[list[Claim] | None, Interval]
"""One position of a rule's part or total: its claims (none for a number in the rule) and the
interval they share."""


@dataclass(frozen=True, slots=True)
class Position:
    """Claims that can all be true together, as one side of a conflict."""

    claims: tuple[Claim, ...]
    label: str
    independent_sources: int
    role: str = ""


@dataclass(frozen=True, slots=True)
class Conflict:
    id: str
    kind: str
    subject: str | None
    property: str
    scope: str | None
    as_of: str | None
    positions: tuple[Position, ...]
    summary: str
    explanation: str
    rule: str | None = None
    status: str = "open"

    @builtins.property  # the field `property` shadows the builtin in this class body
    def claims(self) -> tuple[Claim, ...]:
        return tuple(c for p in self.positions for c in p.claims)


@dataclass(frozen=True, slots=True)
class Agreement:
    """Several claims that say the same thing: corroboration, counted by independent sources."""

    subject: str
    property: str
    scope: str | None
    as_of: str | None
    claims: tuple[Claim, ...]
    label: str
    independent_sources: int


@dataclass(slots=True)
class Findings:
    conflicts: list[Conflict] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    underspecified: list[Claim] = field(default_factory=list)


def conflict_id(kind: str, key: Iterable[str | None], claims: Iterable[Claim]) -> str:
    """Stable across runs and file order: what the conflict is about and which claims."""
    text = "|".join([kind, *(k or "" for k in key), *sorted(c.id for c in claims)])
    return "cf-" + hashlib.sha256(text.encode()).hexdigest()[:8]


class Engine:
    def __init__(self, project: Project) -> None:
        self.project = project
        self.names = Names(project)

    def run(self) -> Findings:
        findings = Findings()
        groups = self._groups(findings)
        for key in sorted(groups, key=_sort_key):
            self._compare(key, groups[key], findings)
        for rule in sorted(self.project.rules.values(), key=lambda r: r.id):
            self._check_rule(rule, groups, findings)
        verdicts = self.project.verdicts
        findings.conflicts = [
            _with_status(c, verdicts[c.id].status) if c.id in verdicts else c
            for c in findings.conflicts
        ]
        return findings

    def _groups(self, findings: Findings) -> dict[GroupKey, list[Claim]]:
        properties = self.project.properties
        groups: dict[GroupKey, list[Claim]] = defaultdict(list)
        for claim in self.project.claims:
            if underspecified(self.project, claim):
                findings.underspecified.append(claim)
                continue
            as_of = claim.as_of if properties[claim.property].changes else None
            groups[(claim.subject, claim.property, claim.scope, as_of)].append(claim)
        for claims in groups.values():
            claims.sort(key=lambda c: c.id)
        return groups

    def independent(self, claims: Iterable[Claim], group: Iterable[Claim]) -> int:
        """Independent accounts behind `claims`, judged among `group` (see attribution)."""
        return independent_sources(self.project, claims, group)

    def _position(
        self, claims: list[Claim], role: str = "", group: list[Claim] | None = None
    ) -> Position:
        wordings = list(dict.fromkeys(c.wording for c in claims))
        sources = self.independent(claims, claims if group is None else group)
        return Position(tuple(claims), " / ".join(wordings), sources, role)

    def _compare(self, key: GroupKey, claims: list[Claim], findings: Findings) -> None:
        subject, prop_id, scope, as_of = key
        prop = self.project.properties[prop_id]
        first = claims[0].value
        if first.interval is not None:
            widened = [c.value.interval or first.interval for c in claims]
            cores = [c.value.core or first.interval for c in claims]
            if not common_point_exists(widened):
                kind, intervals = "value", widened
            elif not common_point_exists(cores):
                kind, intervals = "tension", cores
            else:
                kind, intervals = "", []
            sides = stab_groups(list(zip(claims, intervals, strict=True))) if kind else [claims]
        else:
            by_token: dict[str, list[Claim]] = defaultdict(list)
            for claim in claims:
                by_token[claim.value.token or ""].append(claim)
            sides = [by_token[t] for t in sorted(by_token)]
            kind = "value" if len(sides) > 1 and not prop.multi else ""
        if prop.multi and kind:
            kind = ""
            sides = [claims]
        if not kind:
            if len(claims) > 1 and len(sides) == 1:
                position = self._position(claims)
                findings.agreements.append(
                    Agreement(
                        subject,
                        prop_id,
                        scope,
                        as_of,
                        tuple(claims),
                        position.label,
                        position.independent_sources,
                    )
                )
            return
        positions = tuple(self._position(side, group=claims) for side in sides)
        names = self.names
        context = names.context(None if scope == subject else scope, as_of)
        summary = f"{names.property(prop_id)}, {names.short(subject)}{context}: " + " vs ".join(
            f"{p.label} ({names.claimants(p.claims)})" for p in positions
        )
        explanation = self._explain(kind, positions)
        findings.conflicts.append(
            Conflict(
                conflict_id(kind, key, claims),
                kind,
                subject,
                prop_id,
                scope,
                as_of,
                positions,
                summary,
                explanation,
            )
        )

    def _explain(self, kind: str, positions: tuple[Position, ...]) -> str:
        first = positions[0].claims[0].value
        if first.interval is None:
            return (
                "these values cannot both hold for a property with a single value: "
                + " vs ".join(p.label for p in positions)
            )
        use_core = kind == "tension"
        parts = []
        for p in positions:
            ivs = [c.value.core if use_core else c.value.interval for c in p.claims]
            parts.append(f"{p.label} = {describe_interval(_intersection(ivs), first.type)}")  # type: ignore[arg-type]
        if kind == "tension":
            return (
                "the values overlap only within the tolerance of an approximation; "
                "without it: " + "; ".join(parts)
            )
        return "no value lies in all of: " + "; ".join(parts)

    def _check_rule(
        self, rule: Rule, groups: dict[GroupKey, list[Claim]], findings: Findings
    ) -> None:
        subjects_in: dict[str | None, set[str]] = defaultdict(set)
        for subject, prop, scope, _ in groups:
            if prop == rule.property:
                subjects_in[scope].add(subject)
        scopes = [rule.scope] if rule.scope else sorted(s for s in subjects_in if s is not None)
        for scope in scopes:
            self._check_rule_in(rule, scope, subjects_in[scope], groups, findings)

    def _check_rule_in(
        self,
        rule: Rule,
        scope: str | None,
        claimed: set[str],
        groups: dict[GroupKey, list[Claim]],
        findings: Findings,
    ) -> None:
        total = rule.total
        if isinstance(total, TotalRef):
            total_claims = groups.get((total.subject, total.property, scope, None), [])
            if not total_claims:
                return
            total_sides: list[Side] = [self._side(c) for c in _stab(total_claims)]
        else:
            total_sides = [(None, Interval.point(total))]
        excluded = (
            total.subject
            if isinstance(total, TotalRef) and total.property == rule.property
            else None
        )
        subjects = rule.parts or tuple(sorted(claimed - {excluded}))
        known: list[list[Side]] = []
        unknown = 0
        for subject in subjects:
            claims = groups.get((subject, rule.property, scope, None))
            if claims:
                known.append([self._side(side) for side in _stab(claims)])
            else:
                unknown += 1
        if not known:
            return
        search = _Search(known, total_sides, unknown, rule.relation)
        failing = 0
        for combo in search.minimal_failures():
            failing += 1
            if failing > MAX_JOINT_REPORTS:
                break
            *parts, (total_claims_side, total_iv) = combo
            self._joint(
                rule, scope, parts, total_claims_side, total_iv, search.sum(combo), findings
            )
        if search.truncated or failing > MAX_JOINT_REPORTS:
            loc = rule.loc
            message = (
                f"rule {rule.id!r} in {scope}: more than "
                f"{MAX_JOINT_REPORTS if failing > MAX_JOINT_REPORTS else failing} "
                f"impossible combinations of positions ({search.evaluated:,} checked); "
                f"the first {min(failing, MAX_JOINT_REPORTS)} are reported: settle the "
                "disputed parts first"
            )
            findings.diagnostics.append(Diagnostic.at(loc, "CT304", message))

    def _side(self, claims: list[Claim]) -> Side:
        return claims, _intersection([c.value.interval for c in claims])  # type: ignore[misc]

    def _joint(
        self,
        rule: Rule,
        scope: str | None,
        parts: list[tuple[list[Claim] | None, Interval]],
        total_side: list[Claim] | None,
        total_iv: Interval,
        summed: Interval,
        findings: Findings,
    ) -> None:
        names = self.names
        prop = self.project.properties[rule.property]
        involved = [c for claims, _ in parts if claims for c in claims] + (total_side or [])
        positions = [
            self._position(claims, role="part", group=involved) for claims, _ in parts if claims
        ]
        if total_side:
            positions.append(self._position(total_side, role="total", group=involved))
        claims = [c for p in positions for c in p.claims]
        terms = " + ".join(
            f"{names.short(p.claims[0].subject)} {p.label}" for p in positions if p.role == "part"
        )
        relation = {"at-most": "at most", "exactly": "exactly", "at-least": "at least"}
        total_words = (
            f"{names.short(total_side[0].subject)}'s {total_side[0].wording}"
            if total_side
            else describe_interval(total_iv, prop.type)
        )
        summary = (
            f"{names.property(rule.property)}{names.context(scope, None)}: {terms} "
            f"= {describe_interval(summed, prop.type)}, but the sum must be "
            f"{relation[rule.relation]} {total_words} (rule {rule.id})"
        )
        arithmetic = " + ".join(describe_interval(iv, prop.type) for _, iv in parts)
        explanation = (
            f"{arithmetic} = {describe_interval(summed, prop.type)}; "
            f"{rule.description or 'rule ' + rule.id}: sum "
            f"{relation[rule.relation]} {describe_interval(total_iv, prop.type)}"
        )
        key = (None, rule.property, scope, None)
        findings.conflicts.append(
            Conflict(
                conflict_id("joint", (*key, rule.id), claims),
                "joint",
                None,
                rule.property,
                scope,
                None,
                tuple(positions),
                summary,
                explanation,
                rule=rule.id,
            )
        )


class _Search:
    """Finds the combinations of positions (one per part, and the total) that break a rule.

    For "at most" and "at least" the sum is monotone, so each part's positions are ordered from
    the most charitable reading (the smallest claim, for "at most") and only minimal failures
    are reported: the charitable reading itself if it already fails, else the fewest parts
    moved off it (up to MAX_RAISED) that make the sum impossible. Moving more parts the same way
    fails too and says nothing new. "exactly" has no such order: combinations are tried in turn.
    """

    MAX_RAISED = 3

    def __init__(
        self, known: list[list[Side]], totals: list[Side], unknown: int, relation: str
    ) -> None:
        self.relation = relation
        self.unknown = [Interval(Decimal(0), INF, False, True)] * unknown
        at_most = relation == "at-most"
        parts = [
            sorted(
                sides,
                key=lambda side: (
                    (side[1].hi, side[1].lo) if not at_most else (side[1].lo, side[1].hi)
                ),
                reverse=not at_most,
            )
            for sides in known
        ]
        total = sorted(totals, key=lambda side: (side[1].hi, side[1].lo), reverse=at_most)
        self.ordered = [*parts, total]
        self.evaluated = 0
        self.truncated = False

    def sum(self, combo: list[Side]) -> Interval:
        return sum_intervals([iv for _, iv in combo[:-1]] + self.unknown)

    def fails(self, combo: list[Side]) -> bool:
        self.evaluated += 1
        return not _possible(self.sum(combo), combo[-1][1], self.relation)

    def minimal_failures(self) -> Iterator[list[Side]]:
        if self.relation == "exactly":
            for product in itertools.product(*self.ordered):
                if self.evaluated >= MAX_COMBINATIONS:
                    self.truncated = True
                    return
                if self.fails(list(product)):
                    yield list(product)
            return
        base = [sides[0] for sides in self.ordered]
        if self.fails(base):
            yield base
            return
        movable = [i for i, sides in enumerate(self.ordered) if len(sides) > 1]
        for size in range(1, min(self.MAX_RAISED, len(movable)) + 1):
            for moved in itertools.combinations(movable, size):
                for choice in itertools.product(*(self.ordered[i][1:] for i in moved)):
                    if self.evaluated >= MAX_COMBINATIONS:
                        self.truncated = True
                        return
                    combo: list[Side] = list(base)
                    for index, side in zip(moved, choice, strict=True):
                        combo[index] = side
                    if self.fails(combo) and self._minimal(combo, base, moved):
                        yield combo

    def _minimal(self, combo: list[Side], base: list[Side], moved: tuple[int, ...]) -> bool:
        for index in moved if len(moved) > 1 else ():
            fewer = list(combo)
            fewer[index] = base[index]
            if self.fails(fewer):
                return False
        return True


class Names:
    """Display names for ids, for summaries a person can read."""

    def __init__(self, project: Project) -> None:
        self.project = project

    def entity(self, entity_id: str | None) -> str:
        entity = self.project.entities.get(entity_id or "")
        return entity.name if entity else (entity_id or "?")

    def short(self, entity_id: str | None) -> str:
        entity = self.project.entities.get(entity_id or "")
        return (entity.short or entity.name) if entity else (entity_id or "?")

    def property(self, prop_id: str) -> str:
        prop = self.project.properties.get(prop_id)
        return prop.name if prop else prop_id

    def context(self, scope: str | None, as_of: str | None) -> str:
        parts = []
        if scope:
            found = self.project.scopes.get(scope)
            parts.append(found.name if found else scope)
        if as_of:
            parts.append(f"as of {as_of}")
        return f" ({', '.join(parts)})" if parts else ""

    def claimants(self, claims: Iterable[Claim]) -> str:
        return attribution(claims, self.short)


def _with_status(conflict: Conflict, status: str) -> Conflict:
    return replace(conflict, status=status)


def _stab(claims: list[Claim]) -> list[list[Claim]]:
    return stab_groups([(c, c.value.interval) for c in claims])  # type: ignore[misc]


def _intersection(intervals: list[Interval]) -> Interval:
    lo = max(intervals, key=lambda i: (i.lo, i.lo_open))
    hi = min(intervals, key=lambda i: (i.hi, not i.hi_open))
    return Interval(lo.lo, hi.hi, lo.lo_open, hi.hi_open)


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


def _sort_key(key: GroupKey) -> tuple[str, str, str, str]:
    return (key[1], key[0], key[2] or "", key[3] or "")
