"""The typed model of a claims project, built once from YAML at the edge: nothing downstream
sees YAML."""

from __future__ import annotations

import builtins
import struct
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from itertools import chain
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple, TypeVar, overload

INF = Decimal("Infinity")
T = TypeVar("T")


class Loc(NamedTuple):
    """A 1-based place in a file."""

    path: str
    line: int
    column: int


_new = tuple.__new__
_NARROW = struct.Struct("<IH")
_WIDE = struct.Struct("<II")
_LAYOUTS: dict[tuple[str, ...], tuple[str, ...]] = {}
_LINE_COLUMN = itemgetter(1, 2)


@cache
def _packing(count: int, wide: bool) -> struct.Struct:
    return struct.Struct("<" + ("II" if wide else "IH") * count)


def intern_keys(keys: tuple[str, ...]) -> tuple[str, ...]:
    """One copy of each tuple of field names, shared by every claim written with them."""
    return _LAYOUTS.setdefault(keys, keys)


def packing(count: int) -> struct.Struct:
    """How `pack` packs `count` places (kept by a caller that packs many alike)."""
    return _packing(count, False)


def pack(locs: Sequence[Loc], packing: struct.Struct) -> bytes:
    """The lines and columns of `locs` as `Places` keeps them."""
    try:
        return packing.pack(*chain.from_iterable(map(_LINE_COLUMN, locs)))
    except struct.error:  # a column past 65,535
        return _packing(len(locs), True).pack(*chain.from_iterable(map(_LINE_COLUMN, locs)))


class Places:
    """Where the fields of one claim (or one of its sources) stand in its file, kept packed.

    A claim has about ten such places; as a `Loc` apiece (with an int for every line above
    256, and a dict to find them) they were 40% of what a loaded claim holds. Here each is a
    line (four bytes: a file is at most 32 MiB) and a column (two bytes, four when one does
    not fit) in the file of `base` (the claim's own place), packed in C, and comes out as a
    `Loc` when a finding asks for it. The field names are one tuple shared by every claim
    written with the same fields.
    """

    __slots__ = ("base", "keys", "packed")

    def __init__(self, base: Loc, keys: tuple[str, ...], packed: bytes) -> None:
        self.base = base
        self.keys = keys
        self.packed = packed

    @classmethod
    def of(cls, base: Loc, keys: Sequence[str], locs: Sequence[Loc]) -> Places:
        """The places `locs` of the fields `keys`, all in `base`'s file."""
        return cls(base, intern_keys(tuple(keys)), pack(locs, packing(len(locs))))

    def __getitem__(self, key: str) -> Loc:
        try:
            index = self.keys.index(key)
        except ValueError:
            raise KeyError(key) from None
        if len(self.packed) == 6 * len(self.keys):
            line, column = _NARROW.unpack_from(self.packed, 6 * index)
        else:
            line, column = _WIDE.unpack_from(self.packed, 8 * index)
        return _new(Loc, (self.base.path, line, column))

    @overload
    def get(self, key: str) -> Loc | None: ...
    @overload
    def get(self, key: str, default: Loc) -> Loc: ...
    def get(self, key: str, default: Loc | None = None) -> Loc | None:
        return self[key] if key in self.keys else default

    def __contains__(self, key: object) -> bool:
        return key in self.keys

    def items(self) -> list[tuple[str, Loc]]:
        return [(key, self[key]) for key in self.keys]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Places) and self.items() == other.items()

    def __hash__(self) -> int:
        return hash(tuple(self.items()))

    def __repr__(self) -> str:
        return f"Places({dict(self.items())!r})"

    def __reduce__(self) -> tuple[type[Places], tuple[Loc, tuple[str, ...], bytes]]:
        return (Places, (self.base, self.keys, self.packed))


@dataclass(frozen=True, slots=True)
class Interval:
    """A set of numbers (dates are day ordinals). Open ends exclude the bound itself."""

    lo: Decimal
    hi: Decimal
    lo_open: bool = False
    hi_open: bool = False

    @classmethod
    def point(cls, x: Decimal) -> Interval:
        return cls(x, x)

    def is_point(self) -> bool:
        return self.lo == self.hi


def _lower_key(i: Interval) -> tuple[Decimal, int]:
    return (i.lo, 1 if i.lo_open else 0)


def _upper_key(i: Interval) -> tuple[Decimal, int]:
    return (i.hi, 0 if i.hi_open else 1)


def common_point_exists(intervals: list[Interval]) -> bool:
    """True when one number lies in every interval (they can all be true at once)."""
    lo = max(intervals, key=_lower_key)
    hi = min(intervals, key=_upper_key)
    if lo.lo < hi.hi:
        return True
    return lo.lo == hi.hi and not lo.lo_open and not hi.hi_open


def stab_groups(pairs: list[tuple[T, Interval]]) -> list[list[T]]:
    """Split items into the fewest groups whose intervals share a point (the stabbing sweep).

    The lowest upper end not yet stabbed is the next point; every remaining interval that starts
    at or below it joins its group. Two sorted passes, so a group of many thousands of claims
    with hundreds of distinct values costs n log n. Deterministic for a given order of `pairs`;
    callers sort them first.
    """
    by_upper = sorted(range(len(pairs)), key=lambda i: _upper_key(pairs[i][1]))
    by_lower = sorted(range(len(pairs)), key=lambda i: _start_key(pairs[i][1]))
    group_of: list[int] = [-1] * len(pairs)
    stabs: list[Interval] = []
    cursor = 0
    for index in by_upper:
        if group_of[index] >= 0:
            continue
        stab = pairs[index][1]
        stabs.append(stab)
        reach = _end_key(stab)
        while cursor < len(by_lower) and _start_key(pairs[by_lower[cursor]][1]) <= reach:
            member = by_lower[cursor]
            if group_of[member] < 0:
                group_of[member] = len(stabs) - 1
            cursor += 1
    groups: list[list[T]] = [[] for _ in stabs]
    for index in by_upper:
        groups[group_of[index]].append(pairs[index][0])
    return groups


def _start_key(i: Interval) -> tuple[Decimal, int]:
    return (i.lo, 3 if i.lo_open else 1)


def _end_key(i: Interval) -> tuple[Decimal, int]:
    """With `_start_key`: an interval starting at or below another's end key meets it there."""
    return (i.hi, 0 if i.hi_open else 2)


@dataclass(frozen=True, slots=True)
class Figure:
    """A number as written: its value, and the step of its last written digit.

    `step` is 0 for a figure read as exact (a count written in full). `scale` is the scale
    word it was written with, if any.
    """

    text: str
    number: Decimal
    step: Decimal
    scale: str | None = None

    @property
    def significant_digits(self) -> int:
        """Digits from the first non-zero one down to the step (0 for an exact zero)."""
        if self.step == 0 or self.number == 0:
            return 0
        return self.number.adjusted() - self.step.adjusted() + 1

    def display(self) -> str:
        """The figure as a reader sees it: thousands grouped, decimals kept as written."""
        if self.scale is not None:
            return self.text.split()[0] + " " + self.scale
        digits = self.text.lstrip("+")
        if "e" in digits.lower():
            return f"{self.number.normalize():,f}"
        sign = "-" if digits.startswith("-") else ""
        whole, _, fraction = digits.lstrip("-").partition(".")
        grouped = f"{int(whole or '0'):,}"
        return f"{sign}{grouped}.{fraction}" if fraction else f"{sign}{grouped}"


@dataclass(frozen=True, slots=True)
class Value:
    """A claimed value. Numbers and dates carry an interval; the rest a canonical token.

    `interval` includes an approximation's tolerance, `core` does not: intervals that overlap
    only through tolerance are a tension, not a conflict. Both include the precision the
    figures were written with. A number keeps its written `figures` and the `hedge` class it
    was written with ("" for a plain figure), so `said` and the quote can be checked against it.
    """

    type: str
    display: str
    interval: Interval | None = None
    core: Interval | None = None
    token: str | None = None
    figures: tuple[Figure, ...] = ()
    hedge: str = ""


@dataclass(frozen=True, slots=True, eq=False)
class Source:
    """A seed and the quote from it; `places` says where both were written (the claim's own
    places for its first source, shared with the claim)."""

    seed: str
    quote: str
    places: Places

    @property
    def seed_loc(self) -> Loc:
        return self.places["seed"]

    @property
    def quote_loc(self) -> Loc:
        return self.places["quote"]

    def _key(self) -> tuple[str, str, Loc, Loc]:
        return (self.seed, self.quote, self.seed_loc, self.quote_loc)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Source) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())


@dataclass(frozen=True, slots=True)
class RawValue:
    """A claim's value as written, kept until the property registry says how to read it. Where
    it was written is among the claim's places (under "value"); each entry of a mapping keeps
    its own."""

    scalar: str | None = None
    plain: bool = True
    mapping: tuple[tuple[str, str, bool, Loc], ...] = ()
    is_list: bool = False


@dataclass(frozen=True, slots=True)
class ClaimDraft:
    """A claim as written in its file, with file defaults applied and references unresolved."""

    id: str
    loc: Loc
    subject: str | None
    property: str | None
    scope: str | None
    value: RawValue | None
    claimant_names: tuple[str, ...]
    """Each claimant as written; empty when none is given (`claimants` adds their places)."""
    relayed_by: str | None
    kind: str
    as_of: str | None
    said: str | None
    note: str | None
    sources: tuple[Source, ...]
    locs: Places
    """Where the fields that findings point at were written, and each claimant (under
    `claimant_key`)."""
    stage: str | None = None

    @builtins.property
    def claimants(self) -> tuple[tuple[str, Loc], ...]:
        """Each claimant as written, with its place."""
        locs = self.locs
        return tuple(
            (name, locs[claimant_key(index)]) for index, name in enumerate(self.claimant_names)
        )


def id_place(places: Places) -> Loc:
    """Where a claim's id was written (its own place, if the id came from elsewhere)."""
    return places.get("id", places.base)


_CLAIMANT_KEYS = tuple(f"claimant.{index}" for index in range(8))


def claimant_key(index: int) -> str:
    """The name under which a claim's places hold where its claimant `index` was written."""
    return _CLAIMANT_KEYS[index] if index < len(_CLAIMANT_KEYS) else f"claimant.{index}"


@dataclass(frozen=True, slots=True)
class Claim:
    """A resolved claim: canonical entity, scope and property ids, and a typed value.

    `claimant` is the first (primary) of `claimants`, for code and outputs that name one
    asserter; `relayed_by` is the entity through whom the claimants' words reach the source,
    when they are not heard directly.
    """

    id: str
    loc: Loc
    subject: str
    property: str
    scope: str | None
    value: Value
    claimant: str
    claimants: tuple[str, ...]
    relayed_by: str | None
    kind: str
    as_of: str | None
    said: str | None
    note: str | None
    sources: tuple[Source, ...]
    said_loc: Loc | None = None
    stage: str | None = None

    @builtins.property  # the field `property` shadows the builtin in this class body
    def source(self) -> Source:
        return self.sources[0]

    @builtins.property
    def wording(self) -> str:
        """The value as the source worded it, or as claimtrack reads it."""
        return self.said or self.value.display


@dataclass(frozen=True, slots=True)
class Entity:
    id: str
    name: str
    type: str | None
    aliases: tuple[str, ...]
    loc: Loc
    note: str | None = None
    short: str | None = None


@dataclass(frozen=True, slots=True)
class Scope:
    id: str
    name: str
    date: str | None
    loc: Loc
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Property:
    id: str
    name: str
    type: str
    loc: Loc
    unit: str | None = None
    multi: bool = False
    changes: bool = False
    scoped: bool = True
    tolerance: Decimal | None = None
    terms: dict[str, str] = field(default_factory=dict)
    note: str | None = None


@dataclass(frozen=True, slots=True)
class TotalRef:
    subject: str
    property: str
    loc: Loc


@dataclass(frozen=True, slots=True)
class Operand:
    """One figure a derived figure is computed from: a property, read for the derived figure's
    subject and scope unless the rule names others."""

    property: str
    subject: str | None
    scope: str | None
    loc: Loc


@dataclass(frozen=True, slots=True)
class Rule:
    """A declared constraint across claims.

    A sum rule (`at-most`, `exactly`, `at-least`) compares the parts' sum with a total; a
    `ratio` rule says property = numerator / denominator * scale, a `difference` rule says
    property = minuend - subtrahend (the operands, in that order).
    """

    id: str
    description: str | None
    property: str
    parts: tuple[str, ...]
    total: Decimal | TotalRef | None
    relation: str
    scope: str | None
    loc: Loc
    locs: dict[str, Loc] = field(default_factory=dict)
    operands: tuple[Operand, ...] = ()
    scale: Decimal = Decimal(1)
    totals: dict[str, Decimal] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Verdict:
    conflict: str
    status: str
    loc: Loc
    verdict: str | None = None
    rating: str | None = None
    by: str | None = None
    date: str | None = None
    note: str | None = None
    claims: tuple[str, ...] = ()
    reviewed: tuple[str, ...] = ()


class SeedInfo(NamedTuple):
    """A seed catalog entry: where an article came from, and its hash when it was catalogued.

    A named tuple rather than a dataclass: a catalog of a hundred thousand seeds is read back
    from the cache on every run, and a tuple unpickles in a tenth of the time."""

    name: str
    loc: Loc
    title: str | None = None
    publisher: str | None = None
    published: str | None = None
    url: str | None = None
    sha256: str | None = None
    derived_from: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Suppression:
    """A finding code accepted on purpose: in a claim's lines, in one file, or everywhere.

    `path` None means the whole project; lines are the claim's span in its file.
    """

    code: str
    loc: Loc
    path: str | None = None
    first_line: int = 1
    last_line: int = 2**31

    def covers(self, path: str, line: int, code: str) -> bool:
        return (
            code == self.code
            and (self.path is None or self.path == path)
            and self.first_line <= line <= self.last_line
        )


@dataclass(slots=True)
class Project:
    """Everything loaded from one claims project."""

    root: Path
    name: str | None = None
    claim_files: list[str] = field(default_factory=list)
    drafts: list[ClaimDraft] = field(default_factory=list)
    claim_ids: list[tuple[str, Places]] = field(default_factory=list)
    """Every claim's id and its places (the claim's own is `base`, the id's under "id"; see
    `id_place`), in file order: what the id checks need, known even when `drafts` holds only
    the claims being re-checked."""
    claims: list[Claim] = field(default_factory=list)
    entities: dict[str, Entity] = field(default_factory=dict)
    scopes: dict[str, Scope] = field(default_factory=dict)
    properties: dict[str, Property] = field(default_factory=dict)
    rules: dict[str, Rule] = field(default_factory=dict)
    verdicts: dict[str, Verdict] = field(default_factory=dict)
    catalog: dict[str, SeedInfo] = field(default_factory=dict)
    catalog_path: str | None = None
    seed_files: set[str] = field(default_factory=set)
    aliases: dict[str, str] = field(default_factory=dict)
    suppressions: list[Suppression] = field(default_factory=list)

    def independent_root(self, seed: str) -> str:
        """The original a seed derives from (a reprinted wire story counts once)."""
        seen = {seed}
        while (
            (info := self.catalog.get(seed)) and info.derived_from and info.derived_from not in seen
        ):
            seed = info.derived_from
            seen.add(seed)
        return seed
