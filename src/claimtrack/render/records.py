"""Conflicts and claims as plain records: the stable JSON contract every other format reads."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from typing import Any

from claimtrack.conflicts.describe import Names
from claimtrack.conflicts.engine import new_evidence, verdict_of
from claimtrack.conflicts.findings import Agreement, Conflict, Findings, Revision
from claimtrack.model import Claim, Interval, Project, Value
from claimtrack.seeds import SeedError, SeedLibrary, locate_quote

CONTRACT_VERSION = 2


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
    """Builds records, looking up seed titles and quote lines once per seed."""

    def __init__(self, project: Project, seeds: SeedLibrary) -> None:
        self.project = project
        self.seeds = seeds
        self.names = Names(project)
        self._claims: dict[str, dict[str, Any]] = {}

    def source(self, seed: str, quote: str) -> dict[str, Any]:
        info = self.project.catalog.get(seed)
        line = None
        try:
            found = locate_quote(self.seeds.get(seed), quote)
            line = found[0] if found else None
        except SeedError:
            pass
        return {
            "seed": seed,
            "quote": quote,
            "line": line,
            "title": info.title if info else None,
            "publisher": info.publisher if info else None,
            "published": info.published if info else None,
            "url": info.url if info else None,
        }

    def claim(self, claim: Claim) -> dict[str, Any]:
        """A claim's record, built once however many conflicts it takes part in."""
        record = self._claims.get(claim.id)
        if record is None:
            record = self._claims[claim.id] = self._claim(claim)
        return record

    def _claim(self, claim: Claim) -> dict[str, Any]:
        names = self.names
        return {
            "id": claim.id,
            "claimant": claim.claimant,
            "claimant_name": names.entity(claim.claimant),
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
                    "claims": [c.id for c in p.claims],
                }
                for p in conflict.positions
            ],
            "pairs": [list(pair) for pair in conflict.pairs],
            "pairs_complete": conflict.pairs_complete,
            "supports": None if conflict.supports is None else list(conflict.supports),
            "claims": [self.claim(c) for c in conflict.claims],
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
            "claims": [c.id for c in agreement.claims],
        }


def document(maker: RecordMaker, findings: Findings, conflicts: list[Conflict]) -> dict[str, Any]:
    """The whole `claimtrack conflicts --format json` document."""
    return {
        "version": CONTRACT_VERSION,
        "conflicts": [maker.conflict(c) for c in conflicts],
        "agreements": [maker.agreement(a) for a in findings.agreements],
        "revisions": [maker.revision(r) for r in findings.revisions],
        "summary": {**counts(conflicts), "revisions": len(findings.revisions)},
    }


def counts(conflicts: list[Conflict]) -> dict[str, Any]:
    return {
        "conflicts": len(conflicts),
        "by_kind": dict(sorted(Counter(c.kind for c in conflicts).items())),
        "by_status": dict(sorted(Counter(c.status for c in conflicts).items())),
    }
