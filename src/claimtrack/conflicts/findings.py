"""What the conflict engine finds, as plain data for the renderers."""

from __future__ import annotations

import builtins
from collections.abc import Iterable
from dataclasses import dataclass, field

from claimtrack.conflicts.attribution import independent_sources
from claimtrack.diagnostics import Diagnostic
from claimtrack.model import Claim, Project


@dataclass(frozen=True, slots=True)
class Position:
    """Claims that can all be true together, as one side of a conflict: in a value conflict or
    a tension, the claims that contradict exactly the same claims of their group."""

    claims: tuple[Claim, ...]
    label: str
    independent_sources: int
    role: str = ""


@dataclass(frozen=True, slots=True)
class Conflict:
    """Claims that cannot all hold.

    `pairs` names the positions (by index) that cannot both hold, every claim of one with every
    claim of the other: in a conflict of three positions the middle one may fit each of the
    others while they contradict each other.
    `pairs_complete` is False when there were too many to list (`pairwise.MAX_PAIRS`).
    `supports` says which positions a derived-figure rule's arithmetic agrees with.
    `former_ids` are the ids the same dispute had before ids survived new claims (see
    `identity`), so a verdict filed under one of them is found and can be renamed.
    """

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
    pairs: tuple[tuple[int, int], ...] = ()
    pairs_complete: bool = True
    supports: tuple[int, ...] | None = None
    former_ids: tuple[str, ...] = ()

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


@dataclass(frozen=True, slots=True)
class Revision:
    """One claimant's figure at successive stages of a result (preliminary, then official...).

    Not a conflict between sources: the claimant changed its own figure. `stages` are the
    positions in stage order; the last is the figure that stands.
    """

    id: str
    subject: str
    property: str
    scope: str | None
    as_of: str | None
    claimant: str
    stages: tuple[tuple[str, Position], ...]
    summary: str


@dataclass(slots=True)
class Findings:
    conflicts: list[Conflict] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)
    revisions: list[Revision] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    underspecified: list[Claim] = field(default_factory=list)


def position(
    project: Project,
    claims: Iterable[Claim],
    role: str = "",
    group: Iterable[Claim] | None = None,
) -> Position:
    """A side of a finding: its claims, their wordings, and how many independent accounts back
    them, judged among `group`, every claim compared with them (default: the side itself)."""
    listed = tuple(claims)
    wordings = list(dict.fromkeys(c.wording for c in listed))
    sources = independent_sources(project, listed, listed if group is None else group)
    return Position(listed, " / ".join(wordings), sources, role)
