"""Findings as data: every check yields `Diagnostic`s; renderers decide how they look."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Code:
    """A stable finding code; `unreadable` means the input could not be read at all (exit 2)."""

    code: str
    severity: Severity
    title: str
    unreadable: bool = False


class Located(Protocol):
    """A place in a file, such as the model's `Loc`."""

    @property
    def path(self) -> str: ...
    @property
    def line(self) -> int: ...
    @property
    def column(self) -> int: ...


_E, _W = Severity.ERROR, Severity.WARNING

CODES: dict[str, Code] = {
    c.code: c
    for c in (
        Code("CT001", _E, "file cannot be read", unreadable=True),
        Code("CT002", _E, "file is not valid UTF-8", unreadable=True),
        Code("CT003", _E, "YAML syntax error (including truncated files and merge markers)", True),
        Code("CT004", _E, "file is larger than the size limit", unreadable=True),
        Code("CT005", _E, "control character (such as NUL) in the file", unreadable=True),
        Code("CT006", _E, "nesting deeper than the limit", unreadable=True),
        Code("CT007", _W, "byte-order mark at the start of the file"),
        Code("CT008", _E, "file is empty"),
        Code("CT009", _E, "more than one YAML document in a file", unreadable=True),
        Code("CT010", _E, "duplicate key (YAML would silently keep only the last one)"),
        Code("CT011", _E, "anchors and aliases are not allowed"),
        Code("CT012", _E, "unknown field"),
        Code("CT013", _E, "required field missing"),
        Code("CT014", _E, "wrong type"),
        Code("CT015", _E, "YAML 1.1 ambiguity (yes/no/on/off, sexagesimal numbers)"),
        Code("CT016", _E, "invalid value"),
        Code("CT017", _E, "project folder missing", unreadable=True),
        Code("CT018", _W, "editor schema modeline ($schema=...) leads to no file"),
        Code("CT019", _W, "accepted finding code (ignore:) that matches no finding"),
        Code("CT101", _E, "cited seed does not exist"),
        Code("CT102", _E, "quote not found in seed"),
        Code("CT103", _E, "seed reference escapes seeds/"),
        Code("CT104", _E, "claimed figure, or its 'said' wording, does not appear in its quote"),
        Code("CT105", _W, "quote is not in Unicode NFC form"),
        Code("CT106", _E, "seed file changed since its hash was recorded"),
        Code("CT107", _W, "seed is not in the catalog"),
        Code("CT108", _E, "catalog lists a seed file that does not exist"),
        Code("CT109", _E, "'said' gives another figure or hedge than the value"),
        Code("CT111", _E, "seed catalog is missing"),
        Code("CT112", _E, "quote too short to prove anything or too long to search"),
        Code("CT113", _E, "seeds derive from each other in a circle"),
        Code("CT201", _E, "duplicate id"),
        Code("CT202", _E, "unknown entity"),
        Code("CT203", _E, "unknown scope"),
        Code("CT204", _E, "unknown property"),
        Code("CT205", _E, "value does not fit the property's type"),
        Code("CT206", _E, "alias names more than one entity"),
        Code("CT207", _E, "invalid rule"),
        Code("CT208", _E, "ids differ only by case or by look-alike letters"),
        Code("CT301", _W, "underspecified claim: scope missing"),
        Code("CT302", _W, "underspecified claim: as_of missing for a property that changes"),
        Code("CT303", _W, "verdict on a conflict that does not exist"),
        Code("CT304", _W, "rule has too many combinations to check or report in full"),
        Code("CT305", _W, "verdict filed under a conflict's former id"),
    )
}


@dataclass(frozen=True, slots=True, order=True)
class Diagnostic:
    """One finding at a place in a file: 1-based line and column (a whole file is at 1:1)."""

    path: str
    line: int
    column: int
    code: str
    message: str

    @classmethod
    def at(cls, place: Located, code: str, message: str) -> Diagnostic:
        """A finding at a located value (anything with path, line and column)."""
        return cls(place.path, place.line, place.column, code, message)

    @property
    def severity(self) -> Severity:
        return CODES[self.code].severity

    @property
    def unreadable(self) -> bool:
        return CODES[self.code].unreadable


def exit_code(diagnostics: list[Diagnostic], *, strict: bool = False) -> int:
    """0 clean, 1 findings that fail, 2 some input could not be read at all."""
    if any(d.unreadable for d in diagnostics):
        return 2
    failing = [d for d in diagnostics if strict or d.severity is Severity.ERROR]
    return 1 if failing else 0
