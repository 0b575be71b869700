"""Resolve references against the registries: aliases to entity ids, values to typed values.

A claim with a reference that does not resolve is reported and left out of the resolved set, so
the conflict engine never reasons about a claim it cannot understand.

CT202 unknown entity: the subject, claimant or entity value names nobody in the registry; the
closest id is suggested.

PASS (an alias of cnrp)::

    subject: CNRP

FAIL::

    subject: cnpr

CT203 unknown scope.

FAIL::

    scope: election-2031

CT204 unknown property.

FAIL::

    property: seats-wonn

CT205 value does not fit the property's type: text for a number, a percentage above 100, a
word that is not one of a text property's terms.

FAIL (seats-won is a number)::

    value: sixty-three

CT206 alias names more than one entity: the name would resolve to either.

FAIL::

    cpp: {name: Cambodian People's Party, aliases: [the party]}
    cnrp: {name: Cambodia National Rescue Party, aliases: [the party]}

CT207 invalid rule: a rule over a property that is not a number, or that changes over time,
or whose parts or total do not resolve.

FAIL (a sum rule over a boolean property)::

    rules:
      r: {property: free-and-fair, total: 1, relation: at-most}
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Mapping

from claimtrack.diagnostics import Diagnostic
from claimtrack.model import (
    Claim,
    ClaimDraft,
    Loc,
    Operand,
    Project,
    Rule,
    TotalRef,
    Value,
    claimant_key,
)
from claimtrack.records import did_you_mean
from claimtrack.text import name_key
from claimtrack.values import ValueMisfit, read_value

CODES = ("CT202", "CT203", "CT204", "CT205", "CT206", "CT207")
"""The findings this module reports, documented above (`claimtrack explain CODE`)."""


class _Refs:
    """Looks up names with a cache: a corpus repeats the same few names many times."""

    def __init__(self, project: Project, diagnostics: list[Diagnostic]) -> None:
        self.project = project
        self.diagnostics = diagnostics
        self._entities: dict[str, str | None] = {}
        self.values: dict[tuple[object, ...], Value] = {}
        """Values read so far, by property and value as written: a corpus repeats the same
        figures under the same properties, and a value does not depend on where it stands."""
        self.claimants: dict[tuple[str, ...], tuple[str, ...]] = {}
        """One copy of each list of claimants: a corpus has few, each claimed many times."""

    def report(self, loc: Loc, code: str, message: str) -> None:
        self.diagnostics.append(Diagnostic.at(loc, code, message))

    def entity(self, name: str, loc: Loc, role: str) -> str | None:
        found = self.lookup(name)
        if found is None:
            self.unknown(name, loc, role)
        return found

    def lookup(self, name: str) -> str | None:
        """The entity `name` names, if any (`entity` without the finding, for a caller that
        finds the name's place only when it is needed)."""
        found = self._entities.get(name, "")
        if found == "":
            found = self.project.aliases.get(name_key(name))
            self._entities[name] = found
        return found

    def unknown(self, name: str, loc: Loc, role: str) -> None:
        choices = sorted(self.project.entities)
        self.report(
            loc,
            "CT202",
            f"unknown entity {name!r} as {role}"
            f"{did_you_mean(name, choices)}; add it to an entities registry, or "
            "add this spelling to an entity's aliases",
        )

    def named(self, name: str, loc: Loc, table: Mapping[str, object], code: str, what: str) -> bool:
        if name in table:
            return True
        self.report(loc, code, f"unknown {what} {name!r}{did_you_mean(name, sorted(table))}")
        return False


def resolve(project: Project, *, keep_drafts: bool = True) -> list[Diagnostic]:
    """Fill `project.claims` from its drafts and canonicalise rules; returns what failed.

    Without `keep_drafts`, `project.drafts` is emptied, each draft let go as soon as its claim
    is made: a run that only compares claims then never holds both at once.
    """
    if keep_drafts:
        project.claims, diagnostics = resolve_claims(project, project.drafts)
    else:
        drafts, project.drafts = project.drafts, []
        project.claims, diagnostics = resolve_claims(project, _taken(drafts))
    refs = _Refs(project, diagnostics)
    project.rules = {
        rule.id: resolved
        for rule in project.rules.values()
        if (resolved := _rule(rule, refs)) is not None
    }
    return diagnostics


def _taken(drafts: list[ClaimDraft]) -> Iterator[ClaimDraft]:
    """The drafts in order, each removed from `drafts` as it is given."""
    drafts.reverse()
    while drafts:
        yield drafts.pop()


def resolve_claims(
    project: Project, drafts: Iterable[ClaimDraft]
) -> tuple[list[Claim], list[Diagnostic]]:
    """The claims of `drafts` against the project's registries, and what failed (the part of
    `resolve` that one file's claims need, whatever the rest of the project holds)."""
    diagnostics: list[Diagnostic] = []
    refs = _Refs(project, diagnostics)
    return [c for d in drafts if (c := _claim(d, refs)) is not None], diagnostics


def _claim(draft: ClaimDraft, refs: _Refs) -> Claim | None:
    project = refs.project
    ok = True
    missing = []
    if draft.subject is None:
        missing.append("subject")
    if draft.property is None:
        missing.append("property")
    if not draft.claimant_names:
        missing.append("claimant")
    if missing:
        refs.report(
            draft.loc,
            "CT013",
            f"claim {draft.id!r} has no "
            f"{' or '.join(missing)}: give it here or in the file's defaults",
        )
        ok = False
    subject = draft.subject and refs.lookup(draft.subject)
    if draft.subject and subject is None:
        refs.unknown(draft.subject, draft.locs["subject"], "subject")
    attribution = _attribution(draft, refs)
    prop = None
    if draft.property is not None:
        prop = project.properties.get(draft.property)
        if prop is None:
            refs.named(
                draft.property, draft.locs["property"], project.properties, "CT204", "property"
            )
    if draft.scope is not None and draft.scope not in project.scopes:
        ok = refs.named(draft.scope, draft.locs["scope"], project.scopes, "CT203", "scope")
    raw = draft.value
    if not (ok and subject and attribution and prop and raw and draft.sources):
        return None
    if raw.scalar is not None:
        written: tuple[object, ...] = (prop.id, raw.scalar, raw.plain)
    else:
        written = (prop.id, raw.is_list, *(entry[:3] for entry in raw.mapping))
    value = refs.values.get(written)
    if value is None:
        try:
            value = read_value(raw, prop, project.aliases)
        except ValueMisfit as misfit:  # not kept: the finding is located at this claim
            refs.diagnostics.append(misfit.at(draft.locs["value"]))
            return None
        if value.type == "entity" and value.token in project.entities:
            entity = project.entities[value.token]
            value = dataclasses.replace(value, display=entity.short or entity.name)
        refs.values[written] = value
    return Claim(
        id=draft.id,
        loc=draft.loc,
        subject=subject,
        property=prop.id,
        scope=draft.scope,
        value=value,
        claimant=attribution[0][0],
        claimants=attribution[0],
        relayed_by=attribution[1],
        kind=draft.kind,
        as_of=draft.as_of,
        said=draft.said,
        said_loc=draft.locs.get("said"),
        note=draft.note,
        sources=draft.sources,
        stage=draft.stage,
    )


def _attribution(draft: ClaimDraft, refs: _Refs) -> tuple[tuple[str, ...], str | None] | None:
    """The claimants' entity ids (in the order written, the first primary) and the relayer's.

    None, with a finding at the name concerned, when a name is unknown, when two names are one
    entity (an alias listed beside its entity would count one voice twice), or when the relayer
    is a claimant (no one relays their own words).
    """
    if not draft.claimant_names:
        return None
    ok = True
    claimants: list[str] = []
    for index, name in enumerate(draft.claimant_names):
        found = refs.lookup(name)
        if found is None:
            refs.unknown(name, draft.locs[claimant_key(index)], "claimant")
            ok = False
        elif found in claimants:
            refs.report(
                draft.locs[claimant_key(index)],
                "CT016",
                f"claim {draft.id!r} lists the claimant {found!r} twice ({name!r} is one of "
                "its names); name each claimant once",
            )
            ok = False
        else:
            claimants.append(found)
    relayer = None
    if draft.relayed_by is not None:
        loc = draft.locs["relayed_by"]
        relayer = refs.entity(draft.relayed_by, loc, "relayed_by")
        if relayer is None:
            ok = False
        elif relayer in claimants:
            refs.report(
                loc,
                "CT016",
                f"claim {draft.id!r}: relayed_by {draft.relayed_by!r} is also its claimant; "
                "no one relays their own words: remove relayed_by, or name who is relayed as "
                "the claimant",
            )
            ok = False
    if not ok:
        return None
    written = tuple(claimants)
    return refs.claimants.setdefault(written, written), relayer


def _rule(rule: Rule, refs: _Refs) -> Rule | None:
    project = refs.project
    locs = rule.locs
    ok = _numeric(rule, rule.property, locs.get("property", rule.loc), refs)
    operands = []
    for operand in rule.operands:
        ok &= _numeric(rule, operand.property, operand.loc, refs)
        subject = operand.subject and refs.entity(
            operand.subject, operand.loc, f"an operand of rule {rule.id!r}"
        )
        if operand.scope is not None:
            ok &= refs.named(operand.scope, operand.loc, project.scopes, "CT203", "scope")
        ok &= operand.subject is None or subject is not None
        operands.append(Operand(operand.property, subject, operand.scope, operand.loc))
    for scope in rule.totals:
        ok &= refs.named(scope, locs.get("totals", rule.loc), project.scopes, "CT203", "scope")
    parts: list[str] = []
    for name in rule.parts:
        entity = refs.entity(name, locs.get("parts", rule.loc), f"a part of rule {rule.id!r}")
        ok &= entity is not None
        if entity is not None and entity in parts:
            refs.report(
                locs.get("parts", rule.loc),
                "CT207",
                f"rule {rule.id!r} lists {entity!r} twice"
                f"{f' (as {name!r})' if name != entity else ''}: it would be counted "
                "twice in the sum; list it once",
            )
            ok = False
        parts.append(entity or name)
    if rule.scope is not None:
        ok &= refs.named(rule.scope, locs.get("scope", rule.loc), project.scopes, "CT203", "scope")
    total = rule.total
    if isinstance(total, TotalRef):
        subject = refs.entity(total.subject, total.loc, f"the total of rule {rule.id!r}")
        ok &= subject is not None and refs.named(
            total.property, total.loc, project.properties, "CT204", "property"
        )
        total_type = project.properties.get(total.property)
        if total_type is not None and total_type.type not in ("number", "percent"):
            refs.report(
                total.loc,
                "CT207",
                f"rule {rule.id!r}: its total needs a number property, "
                f"{total.property!r} is {total_type.type}",
            )
            ok = False
        total = TotalRef(subject or total.subject, total.property, total.loc)
    if not ok:
        return None
    return dataclasses.replace(rule, parts=tuple(parts), total=total, operands=tuple(operands))


def _numeric(rule: Rule, prop_id: str, loc: Loc, refs: _Refs) -> bool:
    """Rules do arithmetic on figures that hold together: numbers that do not change."""
    project = refs.project
    if not refs.named(prop_id, loc, project.properties, "CT204", "property"):
        return False
    prop = project.properties[prop_id]
    if prop.type not in ("number", "percent"):
        refs.report(
            loc,
            "CT207",
            f"rule {rule.id!r}: arithmetic needs a number property, {prop_id!r} is {prop.type}",
        )
        return False
    if prop.changes:
        refs.report(
            loc,
            "CT207",
            f"rule {rule.id!r}: {prop_id!r} changes over time; rules compare values that "
            "hold together",
        )
        return False
    return True
