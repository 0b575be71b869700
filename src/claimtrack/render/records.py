"""Conflicts and claims as plain records: the stable JSON contract every other format reads."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any

from claimtrack.conflicts.attribution import attribution, interested_relays
from claimtrack.conflicts.describe import Names
from claimtrack.conflicts.engine import new_evidence, verdict_of
from claimtrack.conflicts.findings import Agreement, Conflict, Findings, Revision
from claimtrack.model import Claim, Interval, Project, Value
from claimtrack.seeds import SeedError, SeedLibrary, SeedText, locate_quote, quote_lines

CONTRACT_VERSION = 2
RECENT_CLAIMS = 1024
"""Claim records kept for the conflicts that follow: the least recently used goes first."""


def _number(x: Decimal) -> int | float | None:
    if not x.is_finite():
        return None
    return int(x) if x == x.to_integral_value() else float(x)


def _bounds(iv: Interval) -> dict[str, Any]:
    return {
        "min": _number(iv.lo),
        "max": _number(iv.hi),
        "min_open": iv.lo_open,
        "max_open": iv.hi_open,
    }


def value_record(value: Value, said: str | None) -> dict[str, Any]:
    """`min`/`max` are the value as written (its precision, without tolerance); `interval`
    adds an approximation's tolerance: the range the engine compares."""
    out: dict[str, Any] = {
        "type": value.type,
        "text": said or value.display,
        "display": value.display,
    }
    if value.interval is not None and value.type != "date":
        out.update(_bounds(value.core or value.interval))
        out["interval"] = _bounds(value.interval)
    elif value.token is not None:
        out["token"] = value.token
    return out


class RecordMaker:
    """Builds records, looking up seed titles and each quote's line once.

    Only the records of the claims last asked for are kept (`RECENT_CLAIMS`): consecutive
    conflicts of a sum rule share most of their claims, and a bound keeps a streamed document
    of a million claims from holding a record of each.
    """

    def __init__(self, project: Project, seeds: SeedLibrary) -> None:
        self.project = project
        self.seeds = seeds
        self.names = Names(project)
        self._lines: dict[tuple[str, str], int | None] = {}
        self._recent: dict[str, dict[str, Any]] = {}

    def locate(self, claims: Iterable[Claim]) -> None:
        """Find the line of every quote of `claims` in its seed, one seed at a time.

        All quotes of a seed are placed in one pass over it (`seeds.quote_lines`), which keeps
        nothing on the seed, where looking quotes up one by one would keep word tables of every
        seed cited (hundreds of megabytes at 100,000 claims).
        """
        wanted: dict[str, set[str]] = defaultdict(set)
        for claim in claims:
            for source in claim.sources:
                if (source.seed, source.quote) not in self._lines:
                    wanted[source.seed].add(source.quote)
        for seed, quotes in wanted.items():
            self._locate(seed, quotes)

    def _locate(self, seed: str, quotes: Iterable[str]) -> None:
        try:
            shared = self.seeds.get(seed)
        except SeedError:
            self._lines.update(((seed, quote), None) for quote in quotes)
            return
        text = SeedText(shared.name, shared.path, shared.folded, shared.sha256)
        for quote, line in quote_lines(text, quotes).items():
            self._lines[seed, quote] = line

    def line(self, seed: str, quote: str) -> int | None:
        """Where the quote starts in its seed: found by `locate`, or looked up in the seed as
        the library keeps it (a record or two need no pass over every seed)."""
        if (seed, quote) in self._lines:
            return self._lines[seed, quote]
        try:
            found = locate_quote(self.seeds.get(seed), quote)
        except SeedError:
            return None
        return found[0] if found else None

    def source(self, seed: str, quote: str) -> dict[str, Any]:
        info = self.project.catalog.get(seed)
        return {
            "seed": seed,
            "quote": quote,
            "line": self.line(seed, quote),
            "title": info.title if info else None,
            "publisher": info.publisher if info else None,
            "published": info.published if info else None,
            "url": info.url if info else None,
        }

    def entity(self, entity_id: str) -> dict[str, str]:
        return {"id": entity_id, "name": self.names.entity(entity_id)}

    def claim(self, claim: Claim) -> dict[str, Any]:
        recent = self._recent
        record = recent.pop(claim.id, None)
        if record is None:
            record = self._claim(claim)
            if len(recent) >= RECENT_CLAIMS:
                del recent[next(iter(recent))]
        recent[claim.id] = record
        return record

    def _claim(self, claim: Claim) -> dict[str, Any]:
        names = self.names
        relayer = claim.relayed_by
        return {
            "id": claim.id,
            "claimant": claim.claimant,
            "claimant_name": names.entity(claim.claimant),
            "claimants": [self.entity(who) for who in claim.claimants],
            "relayed_by": None if relayer is None else self.entity(relayer),
            "attribution": attribution([claim], names.entity),
            "kind": claim.kind,
            "subject": claim.subject,
            "subject_name": names.entity(claim.subject),
            "property": claim.property,
            "scope": claim.scope,
            "as_of": claim.as_of,
            "stage": claim.stage,
            "value": value_record(claim.value, claim.said),
            "source": self.source(claim.source.seed, claim.source.quote),
            "also": [self.source(s.seed, s.quote) for s in claim.sources[1:]],
            "location": {"path": claim.loc.path, "line": claim.loc.line},
        }

    def conflict(self, conflict: Conflict) -> dict[str, Any]:
        verdict = verdict_of(self.project, conflict)
        everyone = conflict.claims  # a tuple built on each access: once, not once a position
        return {
            "id": conflict.id,
            "kind": conflict.kind,
            "status": conflict.status,
            "summary": conflict.summary,
            "explanation": conflict.explanation,
            "subject": conflict.subject,
            "property": conflict.property,
            "scope": conflict.scope,
            "as_of": conflict.as_of,
            "rule": conflict.rule,
            "positions": [
                {
                    "label": p.label,
                    "role": p.role or None,
                    "independent_sources": p.independent_sources,
                    "interested_relays": [c.id for c in interested_relays(p.claims, everyone)],
                    "claims": [c.id for c in p.claims],
                }
                for p in conflict.positions
            ],
            "pairs": [list(pair) for pair in conflict.pairs],
            "pairs_complete": conflict.pairs_complete,
            "supports": None if conflict.supports is None else list(conflict.supports),
            "claims": [self.claim(c) for c in everyone],
            "verdict": None
            if verdict is None
            else {
                "id": verdict.conflict,
                "status": verdict.status,
                "verdict": verdict.verdict,
                "rating": verdict.rating,
                "by": verdict.by,
                "date": verdict.date,
                "claims": list(verdict.claims),
                "reviewed": list(verdict.reviewed),
                "new_claims": new_evidence(verdict, conflict),
                "note": verdict.note,
            },
        }

    def revision(self, revision: Revision) -> dict[str, Any]:
        return {
            "id": revision.id,
            "kind": "revision",
            "summary": revision.summary,
            "subject": revision.subject,
            "property": revision.property,
            "scope": revision.scope,
            "as_of": revision.as_of,
            "claimant": revision.claimant,
            "stages": [
                {
                    "stage": stage,
                    "label": p.label,
                    "latest": index == len(revision.stages) - 1,
                    "claims": [c.id for c in p.claims],
                }
                for index, (stage, p) in enumerate(revision.stages)
            ],
            "claims": [self.claim(c) for _, p in revision.stages for c in p.claims],
        }

    def agreement(self, agreement: Agreement) -> dict[str, Any]:
        return {
            "subject": agreement.subject,
            "property": agreement.property,
            "scope": agreement.scope,
            "as_of": agreement.as_of,
            "value": agreement.label,
            "independent_sources": agreement.independent_sources,
            "interested_relays": [
                c.id for c in interested_relays(agreement.claims, agreement.claims)
            ],
            "claims": [c.id for c in agreement.claims],
        }


Member = tuple[str, Any]
"""A member of a document: its key, and its value or, for a list of records, an iterator that
builds each record when it is read."""


def members(maker: RecordMaker, findings: Findings, conflicts: list[Conflict]) -> Iterator[Member]:
    """The `claimtrack conflicts --format json` document, member by member in its order.

    Records are built as they are read, so a writer that encodes each one as it comes (see
    `conflicts_json.write`) holds one record at a time, never the whole document.
    """
    yield "version", CONTRACT_VERSION
    maker.locate(c for conflict in conflicts for p in conflict.positions for c in p.claims)
    maker.locate(c for r in findings.revisions for _, p in r.stages for c in p.claims)
    yield "conflicts", (maker.conflict(c) for c in conflicts)
    yield "agreements", (maker.agreement(a) for a in findings.agreements)
    yield "revisions", (maker.revision(r) for r in findings.revisions)
    yield "summary", {**counts(conflicts), "revisions": len(findings.revisions)}


def document(maker: RecordMaker, findings: Findings, conflicts: list[Conflict]) -> dict[str, Any]:
    """The whole `claimtrack conflicts --format json` document, for the renderers that lay out
    all of it at once (table, Markdown, CSV, HTML)."""
    return {
        key: list(value) if isinstance(value, Iterator) else value
        for key, value in members(maker, findings, conflicts)
    }


def brief_document(
    maker: RecordMaker, findings: Findings, conflicts: list[Conflict]
) -> dict[str, Any]:
    """The one-line-per-conflict view's document: what `document` gives, with each conflict cut
    to what one line shows. No claim records are built, so a large project lists at once."""
    return {
        "version": CONTRACT_VERSION,
        "conflicts": [
            {
                "id": c.id,
                "kind": c.kind,
                "status": c.status,
                "summary": c.summary,
                "claims": len(c.claims),
            }
            for c in conflicts
        ],
        "agreements": [maker.agreement(a) for a in findings.agreements],
        "summary": counts(conflicts),
    }


def counts(conflicts: list[Conflict]) -> dict[str, Any]:
    return {
        "conflicts": len(conflicts),
        "by_kind": dict(sorted(Counter(c.kind for c in conflicts).items())),
        "by_status": dict(sorted(Counter(c.status for c in conflicts).items())),
    }


def sides(conflict: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any], list[dict[str, Any]]]]:
    """Each position with its label and its claims, in the conflict's order.

    A joint conflict has several positions in the same role (each part of a sum): they are
    numbered, so that each is a group of its own with its own count of sources.
    """
    claims = {c["id"]: c for c in conflict["claims"]}
    positions = conflict["positions"]
    roles = [p["role"] for p in positions]
    for index, position in enumerate(positions):
        role = position["role"]
        if role is None:
            label = chr(ord("A") + index) if index < 26 else str(index + 1)
        elif roles.count(role) > 1:
            label = f"{role} {roles[: index + 1].count(role)}"
        else:
            label = role
        yield label, position, [claims[i] for i in position["claims"] if i in claims]


def where(source: dict[str, Any]) -> str:
    """A source as `seed:line`, what a reader opens the seed at (the seed alone when the quote
    cannot be found in it)."""
    return source["seed"] + (f":{source['line']}" if source["line"] else "")
