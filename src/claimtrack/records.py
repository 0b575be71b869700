"""Read YAML node trees against the record definitions in `schema`.

Scalars are read from their source text, never through YAML 1.1's implicit typing: `no` where
text is expected is the text "no", and `yes` where a boolean is expected is refused rather than
guessed. Every value comes back with its location.

CT010 duplicate key: YAML itself would silently keep only the last one.

FAIL::

    - id: cnrp-63
      value: 63
      value: 64

CT012 unknown field, usually a typo; the closest known field is suggested.

FAIL::

    - id: cnrp-63
      qoute: The CNRP claims to have won 63.

CT013 required field missing: a claim needs id, subject, property, value, claimant, seed and
quote, from the claim itself or from its file's defaults.

FAIL (no quote)::

    - id: cnrp-63
      value: 63

CT014 wrong type: a list where one value is expected, text where a number is, an empty field.

FAIL::

    value: [63, 64]

CT015 YAML 1.1 ambiguity: yes/no/on/off and base-60 numbers such as 1:30, which other YAML
tools read as booleans and numbers.

FAIL::

    value: yes

CT016 invalid value: a malformed id, date or hash, or an empty range.

PASS::

    as_of: 2013-09-16

FAIL::

    as_of: 16/09/2013
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import sys
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from claimtrack.diagnostics import Diagnostic
from claimtrack.figures import FigureError, read_figure
from claimtrack.load import NULLS as _NULLS
from claimtrack.load import Entry, Scanned, ScannedMapping, is_null
from claimtrack.model import Loc, RawValue
from claimtrack.schema import DATE_PATTERN, ID_PATTERN, Field, Record

_SEXAGESIMAL = re.compile(r"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$")
_YAML11_BOOLS = frozenset({"yes", "no", "on", "off", "y", "n"})
_DATE = re.compile(DATE_PATTERN)
_ID = re.compile(ID_PATTERN)
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")

_TEXTUAL = frozenset({"text", "ref", "path"})
_NOT_TEXT = re.compile(
    r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+"
    r"|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|true|True|TRUE|false|False|FALSE)$"
)
"""Plain scalars that YAML 1.2 (what editors and most other tools read) takes for a number or
a boolean, not text: where text is expected they must be quoted, so that the file means the
same to every reader and the JSON Schema and validate agree."""
_NOT_TEXT_FIRST = frozenset("0123456789+-.tTfFnN~")
"""How every plain scalar that is null or matches _NOT_TEXT begins: others need no search."""

Fields = dict[str, Any]
Locs = dict[str, Loc]


def describe(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    if is_null(node):
        return "nothing"
    return f"{node.value!r}"


CODES = ("CT010", "CT012", "CT013", "CT014", "CT015", "CT016")
"""The findings this module reports, documented above (`claimtrack explain CODE`)."""


def did_you_mean(word: str, choices: list[str] | tuple[str, ...]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def parse_date(text: str) -> str | None:
    """A full or partial ISO date (YYYY, YYYY-MM, YYYY-MM-DD) that exists, else None."""
    if not _DATE.match(text):
        return None
    parts = [int(p) for p in text.split("-")]
    try:
        dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return None
    return text


class Reader:
    """Reads nodes of one file, collecting diagnostics instead of raising."""

    def __init__(self, path: str, diagnostics: list[Diagnostic]) -> None:
        self.path = path
        self.diagnostics = diagnostics

    def loc(self, node: Node) -> Loc:
        mark = node.start_mark
        return Loc(self.path, mark.line + 1, mark.column + 1)

    def report(self, node: Node, code: str, message: str) -> None:
        mark = node.start_mark
        self.diagnostics.append(
            Diagnostic(self.path, mark.line + 1, mark.column + 1, code, message)
        )

    def items(self, node: MappingNode, what: str) -> Iterator[tuple[str, Node, Node]]:
        """The mapping's entries with text keys, reporting duplicate and non-text keys."""
        seen: dict[str, Node] = {}
        for key_node, value_node in node.value:
            if type(key_node) is not ScalarNode:
                self.report(
                    key_node,
                    "CT014",
                    f"{what}: keys must be plain text, found {describe(key_node)}",
                )
                continue
            key = key_node.value
            first = seen.get(key)
            if first is not None:
                self.report(
                    key_node,
                    "CT010",
                    f"duplicate key {key!r} in {what} (first on "
                    f"line {first.start_mark.line + 1}); YAML would keep only the last one",
                )
                continue
            seen[key] = key_node
            yield key, key_node, value_node

    def record(self, node: Node, record: Record, what: str | None = None) -> tuple[Fields, Locs]:
        """Read a mapping against `record`; unknown, missing and ill-typed fields are reported.

        The hot path of loading (every claim passes here), so plain text fields are read inline
        and messages are only built when something is wrong.
        """
        if type(node) is ScannedMapping and node.path == self.path:
            try:
                return self._scanned(node.entries, record)
            except _Irregular:
                pass  # read the composed nodes instead, which says what is wrong
        values: Fields = {}
        locs: Locs = {}
        if not isinstance(node, MappingNode):
            self.report(
                node,
                "CT014",
                f"{what or record.name}: expected a mapping of fields, found {describe(node)}",
            )
            return values, locs
        specs = record.fields
        path = self.path
        what = what or record.name
        present = set()
        for key, key_node, value_node in self.items(node, what):
            present.add(key)
            spec = specs.get(key)
            if spec is None:
                self.report(
                    key_node,
                    "CT012",
                    f"unknown field {key!r} in {what}{did_you_mean(key, list(specs))}",
                )
                continue
            if (
                spec.kind in _TEXTUAL
                and type(value_node) is ScalarNode
                and (value_node.style or value_node.value not in _NULLS)
            ):
                value = value_node.value
                if self.not_text(value_node, f"{what} field {key!r}"):
                    continue
                if spec.kind == "ref":  # a few names repeated across a corpus: keep one copy
                    value = sys.intern(value)
            else:
                value = self.field(value_node, spec, f"{what} field {key!r}")
                if value is None:
                    continue
            values[key] = value
            mark = value_node.start_mark
            locs[key] = Loc(path, mark.line + 1, mark.column + 1)
        missing = [name for name in record.required if name not in present]
        if missing:
            self.report(
                node,
                "CT013",
                f"{what}: required field"
                f"{'s' if len(missing) > 1 else ''} "
                f"{', '.join(repr(m) for m in missing)} missing",
            )
        for name, value, needed in record.requires:
            if values.get(name) == value and needed not in present:
                self.report(
                    node,
                    "CT013",
                    f"{what}: {name} {value} needs {needed!r}: {record.fields[needed].doc}",
                )
        return values, locs

    def field(self, node: Node, spec: Field, what: str) -> Any:
        kind = spec.kind
        if kind in (
            "record",
            "records",
            "recordmap",
            "texts",
            "refs",
            "termmap",
            "total",
            "operand",
            "numbermap",
            "value",
        ):
            return getattr(self, f"_read_{kind}")(node, spec, what)
        text = self.scalar_text(node, what)
        if text is None or (kind in ("text", "ref", "path", "id") and self.not_text(node, what)):
            return None
        match kind:
            case "text" | "ref" | "path":
                return text
            case "id":
                if not _ID.match(text):
                    self.report(
                        node,
                        "CT016",
                        f"{what}: {text!r} is not a valid id (letters, "
                        "digits and . _ : - only, no spaces)",
                    )
                    return None
                return text
            case "enum":
                if text not in spec.choices:
                    self.report(
                        node,
                        "CT016",
                        f"{what}: {text!r} is not one of "
                        f"{', '.join(spec.choices)}{did_you_mean(text, spec.choices)}",
                    )
                    return None
                return text
            case "date":
                date = parse_date(text)
                if date is None:
                    self.report(
                        node,
                        "CT016",
                        f"{what}: {text!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)",
                    )
                return date
            case "bool":
                return self.boolean(node, text, what)
            case "number":
                number = self.number(node, text, what)
                if number is not None and spec.minimum is not None and number < spec.minimum:
                    self.report(
                        node, "CT016", f"{what}: {text!r} is below {spec.minimum}; give 0 or more"
                    )
                    return None
                return number
            case "sha256":
                if not _SHA256.match(text):
                    self.report(node, "CT016", f"{what}: expected 64 lowercase hex digits")
                    return None
                return text
        raise AssertionError(kind)  # pragma: no cover

    def scalar_text(self, node: Node, what: str) -> str | None:
        if not isinstance(node, ScalarNode):
            self.report(node, "CT014", f"{what}: expected a single value, found {describe(node)}")
            return None
        if is_null(node):
            self.report(node, "CT014", f"{what}: empty; give a value or remove the field")
            return None
        return str(node.value)

    def not_text(self, node: Node, what: str) -> bool:
        """Report (and say so) text that is empty, or that other YAML readers see as a number
        or a boolean unless it is quoted."""
        text = node.value
        if not text:
            self.report(node, "CT014", f"{what}: empty; give a value or remove the field")
            return True
        if not node.style and _NOT_TEXT.match(text):
            self.report(
                node,
                "CT014",
                f"{what}: expected text, found {text}, which YAML reads as a "
                f"{'boolean' if text.isalpha() else 'number'}; put it in quotes: '{text}'",
            )
            return True
        return False

    def boolean(self, node: Node, text: str, what: str) -> bool | None:
        if not node.style:
            lowered = text.lower()
            if lowered in ("true", "false"):
                return lowered == "true"
            if lowered in _YAML11_BOOLS:
                self.report(
                    node,
                    "CT015",
                    f"{what}: {text!r} is a YAML 1.1 boolean that "
                    "tools read differently; write true or false",
                )
                return None
        self.report(node, "CT014", f"{what}: expected true or false, found {text!r}")
        return None

    def number(self, node: Node, text: str, what: str) -> Decimal | None:
        if not node.style:
            try:
                return read_figure(text).number
            except FigureError as error:
                if error.limit:
                    self.report(node, "CT016", f"{what}: {error}")
                    return None
            if _SEXAGESIMAL.match(text):
                self.report(
                    node,
                    "CT015",
                    f"{what}: {text!r} reads as a base-60 number in "
                    "YAML 1.1; write the number in plain digits",
                )
                return None
        hint = "; write numbers without thousands separators" if "," in text else ""
        self.report(node, "CT014", f"{what}: expected a number, found {text!r}{hint}")
        return None

    def _read_record(self, node: Node, spec: Field, what: str) -> Fields | None:
        assert spec.record is not None
        values, locs = self.record(node, spec.record, what)
        return {"values": values, "locs": locs, "loc": self.loc(node)}

    def _read_records(self, node: Node, spec: Field, what: str) -> list[Fields] | None:
        assert spec.record is not None
        if not isinstance(node, SequenceNode):
            self.report(node, "CT014", f"{what}: expected a list, found {describe(node)}")
            return None
        out = []
        for item in node.value:
            values, locs = self.record(item, spec.record)
            out.append({"values": values, "locs": locs, "loc": self.loc(item)})
        return out

    def _read_recordmap(self, node: Node, spec: Field, what: str) -> dict[str, Fields] | None:
        assert spec.record is not None
        if not isinstance(node, MappingNode):
            self.report(
                node,
                "CT014",
                f"{what}: expected a mapping of ids to "
                f"{spec.record.name} fields, found {describe(node)}",
            )
            return None
        out = {}
        for key, key_node, value_node in self.items(node, what):
            if not key.strip() or _CONTROL.search(key):
                self.report(
                    key_node,
                    "CT016",
                    f"{what}: {key!r} is not a usable id: "
                    f"{'it is blank' if not key.strip() else 'it holds a control character'}",
                )
                continue
            values, locs = self.record(value_node, spec.record, f"{spec.record.name} {key!r}")
            out[key] = {"values": values, "locs": locs, "loc": self.loc(key_node)}
        return out

    def _read_texts(self, node: Node, spec: Field, what: str) -> tuple[str, ...] | None:
        if not isinstance(node, SequenceNode):
            self.report(node, "CT014", f"{what}: expected a list, found {describe(node)}")
            return None
        texts = []
        for item in node.value:
            text = self.scalar_text(item, what)
            if text is None or self.not_text(item, what):
                continue
            if not text.strip():
                self.report(item, "CT016", f"{what}: a blank name matches nothing; remove it")
            else:
                texts.append(text)
        return tuple(texts)

    def _read_refs(self, node: Node, spec: Field, what: str) -> tuple[tuple[str, Loc], ...] | None:
        """One name or a non-empty list of names, each with its own place, so that a finding
        about the second of three claimants points at that one."""
        items = node.value if isinstance(node, SequenceNode) else [node]
        if not items:
            self.report(node, "CT014", f"{what}: empty list; name at least one entity")
            return None
        refs = []
        for item in items:
            text = self.scalar_text(item, what)
            if text is not None:
                refs.append((sys.intern(text), self.loc(item)))
        return tuple(refs) if len(refs) == len(items) else None

    def _read_termmap(self, node: Node, spec: Field, what: str) -> dict[str, tuple[str, ...]]:
        out: dict[str, tuple[str, ...]] = {}
        if not isinstance(node, MappingNode):
            self.report(
                node,
                "CT014",
                f"{what}: expected a mapping of terms to their other "
                f"wordings, found {describe(node)}",
            )
            return out
        for key, _key_node, value_node in self.items(node, what):
            variants = self._read_texts(value_node, spec, f"{what} term {key!r}")
            out[key] = variants or ()
        return out

    def _read_total(self, node: Node, spec: Field, what: str) -> Any:
        assert spec.record is not None
        if isinstance(node, ScalarNode):
            text = self.scalar_text(node, what)
            return None if text is None else self.number(node, text, what)
        values, locs = self.record(node, spec.record, what)
        return {"values": values, "locs": locs, "loc": self.loc(node)}

    def _read_operand(self, node: Node, spec: Field, what: str) -> Any:
        """A property id on its own, or {property, subject, scope}."""
        assert spec.record is not None
        if isinstance(node, ScalarNode):
            text = self.scalar_text(node, what)
            return None if text is None else {"values": {"property": text}, "loc": self.loc(node)}
        values, _ = self.record(node, spec.record, what)
        return {"values": values, "loc": self.loc(node)}

    def _read_numbermap(self, node: Node, spec: Field, what: str) -> dict[str, Any] | None:
        if not isinstance(node, MappingNode):
            self.report(
                node,
                "CT014",
                f"{what}: expected a mapping of ids to numbers, found {describe(node)}",
            )
            return None
        out = {}
        for key, _key_node, value_node in self.items(node, what):
            text = self.scalar_text(value_node, f"{what} {key!r}")
            number = None if text is None else self.number(value_node, text, f"{what} {key!r}")
            if number is not None:
                out[key] = (number, self.loc(value_node))
        return out

    def _read_value(self, node: Node, spec: Field, what: str) -> RawValue | None:
        if isinstance(node, ScalarNode):
            if is_null(node):
                self.report(node, "CT014", f"{what}: empty; give the claimed value")
                return None
            return RawValue(scalar=str(node.value), plain=not node.style)
        if isinstance(node, SequenceNode):
            return RawValue(is_list=True)
        entries = []
        for key, _key_node, value_node in self.items(node, what):
            if isinstance(value_node, SequenceNode) and key == "between":
                for index, item in enumerate(value_node.value):
                    if isinstance(item, ScalarNode):
                        entries.append(
                            (f"between.{index}", str(item.value), not item.style, self.loc(item))
                        )
                    else:
                        self.report(item, "CT014", f"{what}: 'between' takes two values")
                continue
            if not isinstance(value_node, ScalarNode):
                self.report(
                    value_node,
                    "CT014",
                    f"{what} {key!r}: expected a single value, found {describe(value_node)}",
                )
                continue
            entries.append((key, str(value_node.value), not value_node.style, self.loc(value_node)))
        return RawValue(mapping=tuple(entries))

    def _scanned(self, entries: list[Entry], record: Record) -> tuple[Fields, Locs]:
        """`record` on entries the line scanner read, for a file in which nothing is wrong.

        Gives what reading the composed nodes gives, or raises `_Irregular` at the first thing
        that would be reported (or that only the node reading handles), before reporting
        anything: the nodes are then read, and say what is wrong.
        """
        values: Fields = {}
        locs: Locs = {}
        plan = _plan(record)
        for key, _line, _column, value in entries:
            step = plan.get(key)
            if step is None or key in values:
                raise _Irregular
            read, spec, intern = step
            if read is None:  # text, path or ref: the hot path, inline
                if value[0] != "s":
                    raise _Irregular
                text = value[1]
                if not text or (
                    value[2]
                    and text[0] in _NOT_TEXT_FIRST
                    and (text in _NULLS or _NOT_TEXT.match(text))
                ):
                    raise _Irregular
                values[key] = sys.intern(text) if intern else text
            else:
                values[key] = read(self, value, spec)
            locs[key] = value[-1]
        for name in record.required:
            if name not in values:
                raise _Irregular
        for name, expected, needed in record.requires:
            if values.get(name) == expected and needed not in values:
                raise _Irregular
        return values, locs


_loc = tuple.__new__
"""Loc(path, line, column) without the keyword handling of a named tuple's constructor: built
once for every field of every claim."""

_Step = tuple[Callable[["Reader", Scanned, Field], Any] | None, Field, bool]
_PLANS: dict[int, tuple[Record, dict[str, _Step]]] = {}


def _plan(record: Record) -> dict[str, _Step]:
    """How each field of `record` is read from scanned entries (see `Reader._scanned`): no
    reader for text, read inline (and interned for a reference); a field of a kind only the
    node reading handles is left out, as an unknown field is."""
    found = _PLANS.get(id(record))
    if found is None or found[0] is not record:
        plan: dict[str, _Step] = {}
        for name, spec in record.fields.items():
            if spec.kind in _TEXTUAL:
                plan[name] = (None, spec, spec.kind == "ref")
            elif spec.kind in _SCANNED_KINDS:
                plan[name] = (_SCANNED_KINDS[spec.kind], spec, False)
        found = _PLANS[id(record)] = (record, plan)
    return found[1]


class _Irregular(Exception):
    """Raised by the reading of scanned entries where the node reading is needed."""


def _text_of(value: Scanned) -> str:
    """A scalar's text, where the node reading would take it as given (`Reader.scalar_text`)."""
    if value[0] != "s" or (value[2] and value[1] in _NULLS):
        raise _Irregular
    text: str = value[1]
    return text


def _scanned_id(reader: Reader, value: Scanned, spec: Field) -> str:
    text: str = value[1]
    if (
        value[0] != "s"
        or not _ID.match(text)
        or (value[2] and text[0] in _NOT_TEXT_FIRST and (text in _NULLS or _NOT_TEXT.match(text)))
    ):
        raise _Irregular
    return text


def _scanned_enum(reader: Reader, value: Scanned, spec: Field) -> str:
    text = _text_of(value)
    if text not in spec.choices:
        raise _Irregular
    return text


def _scanned_date(reader: Reader, value: Scanned, spec: Field) -> str:
    date = parse_date(_text_of(value))
    if date is None:
        raise _Irregular
    return date


def _scanned_refs(reader: Reader, value: Scanned, spec: Field) -> tuple[tuple[str, Loc], ...]:
    items = value[1] if value[0] == "[" else [value]
    if not items:
        raise _Irregular
    return tuple((sys.intern(_text_of(item)), item[3]) for item in items)


def _scanned_value(reader: Reader, value: Scanned, spec: Field) -> RawValue:
    shape = value[0]
    if shape == "s":
        if value[2] and value[1] in _NULLS:
            raise _Irregular
        return RawValue(scalar=value[1], plain=value[2])
    if shape == "[":
        return RawValue(is_list=True)
    if shape != "{":
        raise _Irregular
    entries = []
    seen = set()
    for key, _line, _column, item in value[1]:
        if key in seen:
            raise _Irregular
        seen.add(key)
        if item[0] == "[":
            if key != "between":
                raise _Irregular
            for index, bound in enumerate(item[1]):
                entries.append((f"between.{index}", bound[1], bound[2], bound[3]))
        else:
            entries.append((key, item[1], item[2], item[3]))
    return RawValue(mapping=tuple(entries))


def _scanned_records(reader: Reader, value: Scanned, spec: Field) -> list[Fields]:
    assert spec.record is not None
    if value[0] == "[" and not value[1]:
        return []
    if value[0] != "-":
        raise _Irregular
    record = spec.record
    read = reader._scanned
    out = []
    for loc, entries in value[1]:
        values, locs = read(entries, record)
        out.append({"values": values, "locs": locs, "loc": loc})
    return out


def _scanned_record(reader: Reader, value: Scanned, spec: Field) -> Fields:
    assert spec.record is not None
    if value[0] not in ("m", "{"):
        raise _Irregular
    values, locs = reader._scanned(value[1], spec.record)
    return {"values": values, "locs": locs, "loc": value[2]}


def _scanned_sha256(reader: Reader, value: Scanned, spec: Field) -> str:
    text = _text_of(value)
    if not _SHA256.match(text):
        raise _Irregular
    return text


def _scanned_bool(reader: Reader, value: Scanned, spec: Field) -> bool:
    text = _text_of(value)
    if not value[2] or text.lower() not in ("true", "false"):
        raise _Irregular
    return text.lower() == "true"


def _scanned_texts(reader: Reader, value: Scanned, spec: Field) -> tuple[str, ...]:
    if value[0] != "[":
        raise _Irregular
    texts = []
    for item in value[1]:
        text = _text_of(item)
        if not text.strip() or (item[2] and _NOT_TEXT.match(text)):
            raise _Irregular
        texts.append(text)
    return tuple(texts)


def _scanned_recordmap(reader: Reader, value: Scanned, spec: Field) -> dict[str, Fields]:
    assert spec.record is not None
    if value[0] != "m":
        raise _Irregular
    path = reader.path
    record = spec.record
    read = reader._scanned
    out = {}
    for key, line, column, entry in value[1]:
        if entry[0] != "m" or key in out or not key.strip() or _CONTROL.search(key):
            raise _Irregular
        values, locs = read(entry[1], record)
        out[key] = {"values": values, "locs": locs, "loc": _loc(Loc, (path, line, column))}
    return out


_SCANNED_KINDS = {
    "sha256": _scanned_sha256,
    "bool": _scanned_bool,
    "texts": _scanned_texts,
    "recordmap": _scanned_recordmap,
    "id": _scanned_id,
    "enum": _scanned_enum,
    "date": _scanned_date,
    "refs": _scanned_refs,
    "value": _scanned_value,
    "records": _scanned_records,
    "record": _scanned_record,
}
"""The kinds of field read from scanned entries; a field of any other kind is read from nodes."""
