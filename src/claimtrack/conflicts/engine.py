"""The conflict engine: which claims cannot all be true, and which agree.

The steps, each in a module of its own:

- `groups`: claims are compared only within one subject, property and scope (and, for a
  property that changes over time, periods that overlap);
- `revisions`: a claimant's earlier stage of a result that its later stage changed is a
  revision, taken out of the comparison and out of the rules below (only the standing
  stage is an operand or a figure they check);
- `pairwise`: within a group, the claims that cannot both hold (value conflicts) and those
  that meet only through an approximation's tolerance (tensions), as positions of claims that
  contradict the same claims;
- `sums` and `derived`: declared rules check claims that each look fine but cannot hold
  together (a sum against a total, a ratio or difference against its figures);
- `identity`: ids that survive new evidence, so verdicts stay attached.
"""

from __future__ import annotations

import dataclasses

from claimtrack.conflicts import derived, sums
from claimtrack.conflicts.describe import Names, describe_interval, describe_rounded
from claimtrack.conflicts.findings import (
    Agreement,
    Conflict,
    Findings,
    Position,
    Revision,
    position,
)
from claimtrack.conflicts.groups import GroupKey, group_claims
from claimtrack.conflicts.identity import conflict_id, contested_value, former_id, revision_id
from claimtrack.conflicts.intervals import core, intersection, widened
from claimtrack.conflicts.pairwise import Dispute, disputes
from claimtrack.conflicts.revisions import Stages, split_revisions
from claimtrack.model import Claim, Project, Verdict
from claimtrack.schema import SUM_RELATIONS

EXPLAINED_PAIRS = 10
"""At most this many pairs are spelt out in a conflict's explanation; `pairs` lists them."""


class Engine:
    def __init__(self, project: Project) -> None:
        self.project = project
        self.names = Names(project)

    def run(self) -> Findings:
        findings = Findings()
        groups, findings.underspecified = group_claims(self.project)
        standing: dict[GroupKey, list[Claim]] = {}
        for key in sorted(groups, key=_sort_key):
            standing[key] = self._compare(key, groups[key], findings)
        groups = standing
        for rule in sorted(self.project.rules.values(), key=lambda r: r.id):
            if rule.relation in SUM_RELATIONS:
                found, diagnostics = sums.check_sum_rule(self.project, rule, groups)
                findings.conflicts.extend(found)
                findings.diagnostics.extend(diagnostics)
            else:
                findings.conflicts.extend(derived.check_derived_rule(self.project, rule, groups))
                self._annotate(rule.id, groups, findings)
        findings.conflicts = [self._with_verdict(c) for c in findings.conflicts]
        return findings

    def _with_verdict(self, conflict: Conflict) -> Conflict:
        verdict = verdict_of(self.project, conflict)
        return conflict if verdict is None else dataclasses.replace(conflict, status=verdict.status)

    def _compare(self, key: GroupKey, claims: list[Claim], findings: Findings) -> list[Claim]:
        """Record the group's revisions, conflicts and agreement; return the claims that stand,
        without the figures their own claimants revised, which rules then read as operands."""
        prop = self.project.properties[key[1]]
        compared, revisions = split_revisions(claims) if not prop.multi else (claims, [])
        for claimant, stages in revisions:
            findings.revisions.append(self._revision(key, claimant, stages))
        found = disputes(compared, prop.multi) if compared else []
        for dispute in found:
            findings.conflicts.append(self._conflict(key, claims, dispute))
        if not found and len(compared) > 1:
            agreeing = position(self.project, compared)
            subject, prop_id, scope, as_of = key
            findings.agreements.append(
                Agreement(
                    subject,
                    prop_id,
                    scope,
                    as_of,
                    agreeing.claims,
                    agreeing.label,
                    agreeing.independent_sources,
                )
            )
        return compared

    def _conflict(self, key: GroupKey, group: list[Claim], dispute: Dispute) -> Conflict:
        subject, prop_id, scope, as_of = key
        positions = tuple(position(self.project, side, group=group) for side in dispute.sides)
        names = self.names
        context = names.context(None if scope == subject else scope, as_of)
        summary = f"{names.property(prop_id)}, {names.short(subject)}{context}: " + " vs ".join(
            f"{p.label} ({names.claimants(p.claims)})" for p in positions
        )
        return Conflict(
            conflict_id(dispute.kind, key, [contested_value(p.claims) for p in positions]),
            dispute.kind,
            subject,
            prop_id,
            scope,
            as_of,
            positions,
            summary,
            self._explain(dispute, positions),
            pairs=tuple(dispute.pairs),
            pairs_complete=dispute.pairs_complete,
            former_ids=(former_id(dispute.kind, key, group),),
        )

    def _explain(self, dispute: Dispute, positions: tuple[Position, ...]) -> str:
        first = positions[0].claims[0].value
        if first.interval is None:
            return (
                "these values cannot both hold for a property with a single value: "
                + " vs ".join(p.label for p in positions)
            )
        read = core if dispute.kind == "tension" else widened
        shared = [intersection([read(c) for c in p.claims]) for p in positions]
        parts = [
            f"{p.label} = {describe_interval(iv, first.type)}"
            for p, iv in zip(positions, shared, strict=True)
        ]
        if dispute.kind == "tension":
            text = (
                "the values overlap only within the tolerance of an approximation; "
                "without it: " + "; ".join(parts)
            )
        else:
            text = "no value lies in all of: " + "; ".join(parts)
        if len(positions) > 2:
            shown = dispute.pairs[:EXPLAINED_PAIRS]
            text += "; cannot both hold: " + ", ".join(
                f"{positions[i].label} and {positions[j].label}" for i, j in shown
            )
            if len(shown) < len(dispute.pairs) or not dispute.pairs_complete:
                text += ", and more (see pairs)"
        return text

    def _revision(self, key: GroupKey, claimant: str, stages: Stages) -> Revision:
        subject, prop_id, scope, as_of = key
        names = self.names
        steps = tuple((stage, position(self.project, claims, stage)) for stage, claims in stages)
        context = names.context(None if scope == subject else scope, as_of)
        history = " then ".join(f"{p.label} ({stage})" for stage, p in steps)
        summary = (
            f"{names.property(prop_id)}, {names.short(subject)}{context}: "
            f"{names.short(claimant)} revised its figure: {history}; the {steps[-1][0]} "
            "figure stands"
        )
        return Revision(
            revision_id(key, claimant), subject, prop_id, scope, as_of, claimant, steps, summary
        )

    def _annotate(
        self, rule_id: str, groups: dict[GroupKey, list[Claim]], findings: Findings
    ) -> None:
        """Say which side of a disputed derived figure its rule's arithmetic supports."""
        rule = self.project.rules[rule_id]
        for index, conflict in enumerate(findings.conflicts):
            if conflict.kind not in ("value", "tension") or conflict.property != rule.property:
                continue
            key = (conflict.subject or "", conflict.property, conflict.scope, conflict.as_of)
            computed = derived.arithmetic(self.project, rule, key, groups)
            if computed is None:
                continue
            supports = derived.supporting(conflict, computed)
            prop = self.project.properties[rule.property]
            labels = " and ".join(conflict.positions[i].label for i in supports) or "neither side"
            note = (
                f"; the arithmetic of rule {rule.id} gives "
                f"{describe_rounded(computed, prop.type)}, which supports {labels}"
            )
            findings.conflicts[index] = dataclasses.replace(
                conflict, supports=supports, explanation=conflict.explanation + note
            )


def verdict_of(project: Project, conflict: Conflict) -> Verdict | None:
    """The verdict filed under the conflict's id, or under the id it had before (version 1)."""
    verdicts = project.verdicts
    found = verdicts.get(conflict.id)
    if found is None:
        found = next((verdicts[i] for i in conflict.former_ids if i in verdicts), None)
    return found


def new_evidence(verdict: Verdict, conflict: Conflict) -> list[str]:
    """Claims of the conflict the verdict was not written with.

    With `reviewed`, every claim beyond `claims` and `reviewed` is new; without it, the claims
    that have joined the side(s) the verdict rates.
    """
    if verdict.reviewed:
        seen = {*verdict.claims, *verdict.reviewed}
        return [c.id for c in conflict.claims if c.id not in seen]
    rated = set(verdict.claims)
    return [
        c.id
        for p in conflict.positions
        if rated & {c.id for c in p.claims}
        for c in p.claims
        if c.id not in rated
    ]


def _sort_key(key: GroupKey) -> tuple[str, str, str, str]:
    return (key[1], key[0], key[2] or "", key[3] or "")
