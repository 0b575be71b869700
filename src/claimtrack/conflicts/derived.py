"""Derived figures: a figure that is arithmetic on others, checked within their precision.

A `ratio` rule says property = numerator / denominator * scale (turnout = ballots cast /
registered voters * 100); a `difference` rule says property = minuend - subtrahend (a seat
change). Every figure is an interval (precision, hedges and tolerance included), so the
arithmetic is interval arithmetic and a figure fails only when no reading of the operands gives
it. Each claimant's own operands are used where it gave them, others' only where it is silent.
Where two sources disagree on the derived figure itself, the arithmetic says which of them it
supports.
"""

from __future__ import annotations

from dataclasses import dataclass

from claimtrack.conflicts.describe import Names, describe_interval, describe_rounded
from claimtrack.conflicts.findings import Conflict, position
from claimtrack.conflicts.groups import GroupKey
from claimtrack.conflicts.identity import conflict_id, contested_value
from claimtrack.conflicts.intervals import disjoint, divide, intersection, subtract, widened
from claimtrack.model import Claim, Interval, Project, Rule, stab_groups
from claimtrack.schema import DERIVED_RELATIONS

MAX_DERIVED_REPORTS = 20
"""At most this many combinations of operands are reported per derived figure."""


@dataclass(frozen=True, slots=True)
class _Side:
    claims: tuple[Claim, ...]
    interval: Interval


def _sides(claims: list[Claim]) -> list[_Side]:
    return [
        _Side(tuple(g), intersection([widened(c) for c in g]))
        for g in stab_groups([(c, widened(c)) for c in claims])
    ]


def _compute(rule: Rule, operands: list[Interval]) -> Interval | None:
    if rule.relation == "ratio":
        return divide(operands[0], operands[1], rule.scale)
    return subtract(operands[0], operands[1])


def _operand_groups(
    rule: Rule, key: GroupKey, groups: dict[GroupKey, list[Claim]]
) -> list[list[Claim]] | None:
    subject, _, scope, _ = key
    found = []
    for operand in rule.operands:
        claims = groups.get(
            (operand.subject or subject, operand.property, operand.scope or scope, None)
        )
        if not claims:
            return None
        found.append(claims)
    return found


def _formula(project: Project, rule: Rule, values: list[str]) -> str:
    names = Names(project)
    words = [names.property(o.property) for o in rule.operands]
    if rule.relation == "ratio":
        scale = f" * {describe_interval(Interval.point(rule.scale), 'number')}"
        scale = "" if rule.scale == 1 else scale
        return f"{words[0]} / {words[1]}{scale} = {values[0]} / {values[1]}{scale}"
    return f"{words[0]} - {words[1]} = {values[0]} - {values[1]}"


def check_derived_rule(
    project: Project, rule: Rule, groups: dict[GroupKey, list[Claim]]
) -> list[Conflict]:
    conflicts = []
    for key in sorted(k for k in groups if k[1] == rule.property and k[3] is None):
        if rule.scope and key[2] != rule.scope:
            continue
        operand_claims = _operand_groups(rule, key, groups)
        if operand_claims is None:
            continue
        operand_sides = [_sides(claims) for claims in operand_claims]
        failing: dict[tuple[int, ...], list[Claim]] = {}
        for claim in groups[key]:
            options = [_own(sides, claim.claimant) for sides in operand_sides]
            combos = _combinations(options)
            results = [(combo, _compute(rule, [s.interval for s in combo])) for combo in combos]
            if any(iv is None or not disjoint(iv, widened(claim)) for _, iv in results):
                continue
            first = results[0][0]
            index = tuple(
                sides.index(side) for sides, side in zip(operand_sides, first, strict=True)
            )
            failing.setdefault(index, []).append(claim)
        for index, figures in list(failing.items())[:MAX_DERIVED_REPORTS]:
            combo = [sides[i] for sides, i in zip(operand_sides, index, strict=True)]
            conflicts.append(_conflict(project, rule, key, figures, combo))
    return conflicts


def _own(sides: list[_Side], claimant: str) -> list[_Side]:
    own = [side for side in sides if any(c.claimant == claimant for c in side.claims)]
    return own or sides


def _combinations(options: list[list[_Side]]) -> list[list[_Side]]:
    combos: list[list[_Side]] = [[]]
    for sides in options:
        combos = [[*combo, side] for combo in combos for side in sides][:MAX_DERIVED_REPORTS]
    return combos


def _conflict(
    project: Project, rule: Rule, key: GroupKey, figures: list[Claim], combo: list[_Side]
) -> Conflict:
    names = Names(project)
    subject, prop_id, scope, _ = key
    prop = project.properties[prop_id]
    computed = _compute(rule, [s.interval for s in combo])
    assert computed is not None
    roles = DERIVED_RELATIONS[rule.relation]
    involved = [*figures, *(c for s in combo for c in s.claims)]
    positions = [position(project, figures, "figure", involved)]
    positions += [
        position(project, s.claims, role, involved) for s, role in zip(combo, roles, strict=True)
    ]
    operand_types = [project.properties[o.property].type for o in rule.operands]
    values = [describe_interval(s.interval, t) for s, t in zip(combo, operand_types, strict=True)]
    result = describe_rounded(computed, prop.type)
    formula = _formula(project, rule, values)
    summary = (
        f"{names.property(prop_id)}, {names.short(subject)}{names.context(scope, None)}: "
        f"{positions[0].label} ({names.claimants(figures)}), but {formula} = {result} "
        f"(rule {rule.id})"
    )
    explanation = (
        f"{formula} = {result}; {rule.description or 'rule ' + rule.id}: "
        f"{positions[0].label} lies outside it"
    )
    id_values = [f"figure={contested_value(figures)}"] + [
        f"{role}={contested_value(s.claims)}" for s, role in zip(combo, roles, strict=True)
    ]
    return Conflict(
        conflict_id("derived", (*key, rule.id), id_values),
        "derived",
        subject,
        prop_id,
        scope,
        None,
        tuple(positions),
        summary,
        explanation,
        rule=rule.id,
        pairs=tuple((0, i) for i in range(1, len(positions))),
    )


def arithmetic(
    project: Project, rule: Rule, key: GroupKey, groups: dict[GroupKey, list[Claim]]
) -> Interval | None:
    """What the rule's arithmetic gives for a derived figure's group, where every operand is
    undisputed (one position each); None where it cannot say."""
    if key[3] is not None or (rule.scope and key[2] != rule.scope):
        return None
    operand_claims = _operand_groups(rule, key, groups)
    if operand_claims is None:
        return None
    sides = [_sides(claims) for claims in operand_claims]
    if any(len(s) != 1 for s in sides):
        return None
    return _compute(rule, [s[0].interval for s in sides])


def supporting(conflict: Conflict, computed: Interval) -> tuple[int, ...]:
    """The positions of a conflict whose shared value the arithmetic agrees with."""
    return tuple(
        i
        for i, p in enumerate(conflict.positions)
        if not disjoint(intersection([widened(c) for c in p.claims]), computed)
    )
