"""Read one YAML file into a node tree that keeps every line and column, strictly.

PyYAML's C parser does the parsing. Around it: limits (size, nesting) that protect the parser,
and refusals that PyYAML does not make itself (anchors and aliases). Every failure becomes a
located `Diagnostic`, never an exception. Findings marked unreadable stop the file from being
read at all, and make validate exit 2.

CT001 file cannot be read: permissions, or a folder or device where a file should be.

FAIL: a claims file whose permissions let nobody read it (``chmod 000``).

CT002 file is not valid UTF-8: claim files and seeds are UTF-8 text.

FAIL: a file saved as Latin-1 by an old editor.

CT003 YAML syntax error, including a file cut short and a merge conflict left in it.

FAIL::

    <<<<<<< HEAD
    claims:

CT004 file is larger than the size limit (32 MiB): split it into several files.

FAIL: one file holding a whole consortium's 400,000 claims.

CT005 control character (such as NUL) in the file: invisible, and never meant.

FAIL: a quote pasted from a PDF with a form feed (``\\f``) inside it.

CT006 nesting deeper than the limit (64 levels): claim files need six.

FAIL: ``value: [[[[...]]]]`` nested a hundred levels deep.

CT007 byte-order mark at the start of the file: harmless here, but other tools trip on it.

FAIL: a file saved as "UTF-8 with BOM" by a Windows editor.

CT008 file is empty, or holds only comments.

FAIL: ``claims/todo.yaml`` holding only ``# fill in later``.

CT009 more than one YAML document in a file: a second ``---`` would be silently ignored.

FAIL::

    claims: []
    ---
    claims: []

CT011 anchors and aliases are not allowed: they hide what a claim says, and a few lines of
them can expand into gigabytes.

PASS::

    claims:
      - id: cnrp-63

FAIL::

    defaults: &common {scope: election-2013}
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from claimtrack.diagnostics import Diagnostic
from claimtrack.files import UnsafeFile, read_regular
from claimtrack.model import Loc

try:
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - without libyaml: slower, not wrong
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, Parser, Composer):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)


CODES = ("CT001", "CT002", "CT003", "CT004", "CT005", "CT006", "CT007", "CT008", "CT009", "CT011")
"""The findings this module reports, documented above (`claimtrack explain CODE`)."""

_TAGS = {
    ScalarNode: "tag:yaml.org,2002:str",
    SequenceNode: "tag:yaml.org,2002:seq",
    MappingNode: "tag:yaml.org,2002:map",
}


class _Loader(_Parser):
    """libyaml's parser and composer without YAML 1.1's implicit typing.

    claimtrack reads every scalar from its source text according to the field it fills, so
    resolving `no` to a boolean or `2013-07-28` to a date would be wasted work (a third of the
    parse) and a source of surprises.
    """

    def resolve(self, kind: type, value: object, implicit: object) -> str:
        return _TAGS[kind]

    def descend_resolver(self, current_node: object, current_index: object) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None


MAX_FILE_BYTES = 32 * 1024 * 1024
"""Larger files are refused (CT004): a hand-written claim file never gets near it, and a seed
catalog of 100,000 articles takes about 15 MiB."""

MAX_DEPTH = 64
"""Deeper nesting is refused (CT006). Claim files need 6 levels."""

_SAFE_TO_COMPOSE = 4000
"""Below this bound on nesting the parser's recursion is known to be safe; above it, measure."""

_FORBIDDEN_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")
_MERGE_MARKER = re.compile(r"^(<{7}|={7}|>{7})(\s|$)", re.MULTILINE)
_MERGE_SIGNS = ("<<<<<<<", "=======", ">>>>>>>")
"""Found ten times faster than a marker at the start of a line: the line search runs only
when one of them is somewhere in the file."""
_UNSUSPECT = bytes(
    b for b in range(256) if not ((b < 0x20 and b not in b"\t\n\r") or b in (0x7F, 0xC2, 0xEF))
)
"""The bytes a forbidden character cannot begin with in UTF-8: the search for one runs only
when some other byte is there (an ASCII control, or 0xC2 or 0xEF, which begin the C1 controls
and U+FFFE, U+FFFF, and also harmless characters such as the no-break space)."""
_BOM = b"\xef\xbb\xbf"


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _diag(path: str, line: int, column: int, code: str, message: str) -> Diagnostic:
    return Diagnostic(path, line, column, code, message)


def load_yaml(file: Path, path: str, *, within: Path) -> tuple[Node | None, list[Diagnostic]]:
    """Parse `file` (shown as `path`) into a node tree, or say precisely why it cannot be read.

    Only a regular file inside `within` (the project) is read, and never more than the limit.
    """
    try:
        data = read_regular(file, within=within, limit=MAX_FILE_BYTES)
    except UnsafeFile as refused:
        return None, [_diag(path, 1, 1, refused.code, refused.message)]
    return parse_yaml(data, path)


def parse_yaml(data: bytes, path: str) -> tuple[Node | None, list[Diagnostic]]:
    """Parse bytes already read; see `load_yaml`."""
    diagnostics: list[Diagnostic] = []
    if data.startswith(_BOM):
        diagnostics.append(
            _diag(
                path,
                1,
                1,
                "CT007",
                "byte-order mark at the start of the file; save the file as UTF-8 without BOM",
            )
        )
        data = data[len(_BOM) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        prefix = data[: exc.start].decode("utf-8", errors="replace")
        line, col = _line_col(prefix, len(prefix))
        return None, [
            *diagnostics,
            _diag(
                path,
                line,
                col,
                "CT002",
                f"byte 0x{data[exc.start]:02x} is not valid UTF-8; save the file as UTF-8",
            ),
        ]
    if data.translate(None, _UNSUSPECT) and (bad := _FORBIDDEN_CHARS.search(text)):
        line, col = _line_col(text, bad.start())
        return None, [
            *diagnostics,
            _diag(
                path,
                line,
                col,
                "CT005",
                f"control character U+{ord(bad.group()):04X} is not allowed in YAML",
            ),
        ]
    if any(sign in text for sign in _MERGE_SIGNS) and (marker := _MERGE_MARKER.search(text)):
        line, col = _line_col(text, marker.start())
        return None, [
            *diagnostics,
            _diag(
                path,
                line,
                col,
                "CT003",
                f"unresolved merge conflict marker {marker.group(1)!r}: finish the merge first",
            ),
        ]
    if not text.strip():
        return None, [*diagnostics, _diag(path, 1, 1, "CT008", "file is empty")]

    if "&" not in text and "*" not in text:  # no anchor, and no nesting deeper than four
        entries = scan_simple(text, path)
        if entries is not None:
            return ScannedMapping(text, entries, path), diagnostics
    if _needs_event_scan(text):
        problems = _scan_events(text, path)
        if problems:
            return None, [*diagnostics, *problems]
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        return None, [*diagnostics, _syntax_diagnostic(exc, path, text)]
    except yaml.YAMLError as exc:
        return None, [*diagnostics, _diag(path, 1, 1, "CT003", f"YAML error: {exc}")]
    if node is None:
        return None, [
            *diagnostics,
            _diag(path, 1, 1, "CT008", "file has no content, only comments"),
        ]
    return node, diagnostics


def _needs_event_scan(text: str) -> bool:
    """Whether anchors may be present or nesting may be deep enough to matter.

    Block nesting cannot go deeper than twice the longest line (every level is further right),
    flow nesting no deeper than its brackets. Files that clear both bounds, and use no `&`
    or `*`, skip the extra pass.
    """
    if "&" in text or "*" in text:
        return True
    bound = text.count("[") + text.count("{")
    if bound + 2 * len(text) < _SAFE_TO_COMPOSE:
        return False
    return bound + 2 * max(map(len, text.split("\n"))) >= _SAFE_TO_COMPOSE


def _scan_events(text: str, path: str) -> list[Diagnostic]:
    """Walk the parser's flat event stream (no recursion): find anchors, aliases, deep nesting."""
    problems: list[Diagnostic] = []
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            mark = event.start_mark
            if isinstance(event, yaml.AliasEvent):
                problems.append(
                    _diag(
                        path,
                        mark.line + 1,
                        mark.column + 1,
                        "CT011",
                        f"alias *{event.anchor} is not allowed: write the value out",
                    )
                )
            elif isinstance(event, yaml.NodeEvent) and event.anchor is not None:
                problems.append(
                    _diag(
                        path,
                        mark.line + 1,
                        mark.column + 1,
                        "CT011",
                        f"anchor &{event.anchor} is not allowed: write values out",
                    )
                )
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    problems.append(
                        _diag(
                            path,
                            mark.line + 1,
                            mark.column + 1,
                            "CT006",
                            f"nesting deeper than {MAX_DEPTH} levels",
                        )
                    )
                    return problems
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.MarkedYAMLError as exc:
        problems.append(_syntax_diagnostic(exc, path, text))
    return problems


def _syntax_diagnostic(exc: yaml.MarkedYAMLError, path: str, text: str) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    if isinstance(exc, yaml.composer.ComposerError) and "single document" in (exc.context or ""):
        return _diag(
            path,
            line,
            col,
            "CT009",
            "a second YAML document starts here; keep one document per file",
        )
    problem = exc.problem or "syntax error"
    if "end of stream" in problem:
        problem += " (is the file truncated?)"
    if exc.context:
        problem += f" {exc.context}"
    lines = text.split("\n")
    if "tab" in problem or (0 < line <= len(lines) and lines[line - 1][:1] == "\t"):
        problem += "; YAML does not allow tabs for indentation: indent with spaces"
    return _diag(path, line, col, "CT003", problem)


NULLS = frozenset({"", "~", "null", "Null", "NULL"})
"""Plain scalars that YAML reads as null: a field written with no value."""


def is_null(node: Node) -> bool:
    """A plain empty or null scalar: a field written with no value."""
    return isinstance(node, ScalarNode) and not node.style and node.value in NULLS


# The line scanner: the common shape of a claims file, read without building a node tree.
#
# Most claim files are a top-level mapping whose sections are lists of flat mappings, one field
# a line, each value a one-line scalar or a short flow collection. For those files the scanner
# reads each line with one regular expression, several times faster than composing nodes. It
# accepts only a strict subset of YAML whose reading it knows exactly (what PyYAML reads, at
# the same lines and columns); at any line outside that subset, or in a file with a character
# that YAML reads as a line break or that needs care (tabs, byte-order marks), it gives up and
# the file is composed as before. Tests pin the subset against full composition.

Scanned = tuple[Any, ...]
"""A scanned value, tagged by its first item:
("s", text, plain, loc) a scalar (plain: written without quotes);
("[", [scalars], loc) a flow sequence;
("{", [entries], loc) a flow mapping;
("-", [(loc, [entries])], loc) a block sequence of flat mappings (each with its place);
("m", [entries], loc) a block mapping (whose values may be block mappings too).
An entry is (key, line, column, value), the line and column of the key 1-based. Each value
ends with its place, a Loc, as the record reading gives it: built here, once."""

Entry = tuple[str, int, int, Scanned]

_UNSCANNABLE = ("\t", "\r", "\x85", "\u2028", "\u2029", "\ufeff")
"""Left to the parser: tabs, and what YAML reads as a line break or a byte-order mark."""

_PLAIN = (
    r"(?:[^ \n\-?:,\[\]{}#&*!|>'\"%@`]|-(?=[^ \n]))"  # no indicator first; "-" before a non-space
    r"(?:[^ \n:#]++|:(?=[^ \n])|(?<=[^ ])#| ++(?=[^ \n#]))*+"  # ": " and " #" end it
)
_FLOW = r"[\[{](?:[^ #\n]++| ++(?=[^ \n#]))*+"
"""A one-line flow collection as written (read by `_flow`): up to its last character before
trailing spaces or a comment, without a "#". Spaces are taken a run at a time and only before
more of it, so a line with a long run of spaces is read in one pass (a lazy "anything up to
the comment" tried the rest of the line at each character: minutes for 70,000 spaces)."""
_LINES = re.compile(
    r"^(?:((?P<indent> *(?:- )?)(?P<key>[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}):"
    r"(?: +(?=[^ \n#]))?)"  # the head: all before the value, spaces included
    r"(?:(?<= )(?P<value>'(?:[^'\n]++|'')*+'|\"[^\"\\\n]*+\"|" + _FLOW + "|" + _PLAIN + r"))?"
    r" *(?: #.*)?| *(?:#.*)?|(?P<other>.+))$",
    re.MULTILINE,
)
"""Every line of a file, one match each: a key with what stands before it (indent, and dash
of a list item) and its one-line value (quotes kept), if any; or a blank or comment line (no
key, nothing else); or any other line."""
_FLOW_PLAIN = r"(?:[A-Za-z0-9_.+]|-(?=[A-Za-z0-9_.+]))(?:[A-Za-z0-9_.+-]| +(?=[A-Za-z0-9_.+-]))*"
_FLOW_SCALAR = re.compile(r" *(?:'(?P<single>(?:[^']++|'')*+)'|(?P<plain>" + _FLOW_PLAIN + r")) *")
_FLOW_KEY = re.compile(r" *(?P<key>[A-Za-z_][A-Za-z0-9_]{0,127}): +")
_FLOW_EMPTY = re.compile(r"\[ *\]|\{ *\}")
_SPACES = re.compile(r" *")


def _flow_scalar(text: str, at: int, path: str, line: int, base: int) -> tuple[Scanned, int] | None:
    """The scalar at text[at:] (spaces around it skipped), and where it ends."""
    match = _FLOW_SCALAR.match(text, at)
    if match is None:
        return None
    single = match["single"]
    if single is not None:
        place = Loc(path, line, base + match.start("single"))
        scalar = ("s", single.replace("''", "'"), False, place)
    else:
        scalar = ("s", match["plain"], True, Loc(path, line, base + 1 + match.start("plain")))
    return scalar, match.end()


def _flow_sequence(
    text: str, at: int, path: str, line: int, base: int
) -> tuple[Scanned, int] | None:
    """The sequence of scalars opening at text[at] ("["), and where it ends (spaces after it
    skipped)."""
    items: list[Scanned] = []
    here = ("[", items, Loc(path, line, base + 1 + at))
    end = _SPACES.match(text, at + 1).end()  # type: ignore[union-attr]
    if text.startswith("]", end):
        return here, _SPACES.match(text, end + 1).end()  # type: ignore[union-attr]
    while True:
        found = _flow_scalar(text, end, path, line, base)
        if found is None:
            return None
        item, end = found
        items.append(item)
        if text.startswith(",", end):
            end += 1
        elif text.startswith("]", end):
            return here, _SPACES.match(text, end + 1).end()  # type: ignore[union-attr]
        else:
            return None


def _flow(text: str, path: str, line: int, base: int) -> Scanned | None:
    """A one-line flow sequence of scalars, or flow mapping of scalars and such sequences,
    starting at column base + 1 and filling `text`."""
    if _FLOW_EMPTY.fullmatch(text):
        return ("[" if text[0] == "[" else "{", [], Loc(path, line, base + 1))
    if text[0] == "[":
        found = _flow_sequence(text, 0, path, line, base)
        return found[0] if found is not None and found[1] == len(text) else None
    entries: list[Entry] = []
    end = 1
    while True:
        key = _FLOW_KEY.match(text, end)
        if key is None:
            return None
        end = key.end()
        if text.startswith("[", end):
            found = _flow_sequence(text, end, path, line, base)
        else:
            found = _flow_scalar(text, end, path, line, base)
        if found is None:
            return None
        value, end = found
        entries.append((key["key"], line, base + 1 + key.start("key"), value))
        if text.startswith(",", end):
            end += 1
        elif end == len(text) - 1 and text[end] == "}":
            return ("{", entries, Loc(path, line, base + 1))
        else:
            return None


def scan_simple(text: str, path: str) -> list[Entry] | None:
    """The entries of a top-level mapping in the scanner's subset, or None outside it.

    Top-level keys start at column 1 and hold a one-line value, or a block below them: a
    sequence of flat mappings (each item opening with "- key: value", its other keys two
    columns further right than the dash), or a mapping whose values are one-line values or
    flat mappings (as the seed catalog's entries are). Blank and comment lines may stand
    anywhere. A key with neither value nor block (null) is left to the parser too.
    """
    if any(character in text for character in _UNSCANNABLE):
        return None
    top: list[Entry] = []
    pending: str | None = None  # a top-level key waiting for its block
    pending_at = 0
    block: Scanned | None = None  # the block below it, once begun
    items: list[tuple[Loc, list[Entry]]] = []  # of a block list
    entries: list[Entry] = []  # where the next field goes
    key_indent: str | None = None  # what stands before a key that goes to `entries`
    key_column = 0
    item_indent: str | None = None  # what stands before a key that opens a list item
    outer: list[Entry] = []  # the entries of a block mapping, whose values may be mappings
    outer_indent: str | None = None
    opening: tuple[str, int, int] | None = None  # a key of `outer` waiting for its mapping
    number = 0
    new = tuple.__new__  # Loc(path, line, column), without a named tuple's keyword handling
    for head, indent, key, written, other in _LINES.findall(text):
        number += 1
        if not key:
            if other:
                return None
            continue
        value: Scanned | None
        if not written:
            value = None
        elif (first := written[0]) == "'":
            quoted = written[1:-1]
            if "''" in quoted:
                quoted = quoted.replace("''", "'")
            value = ("s", quoted, False, new(Loc, (path, number, len(head) + 1)))
        elif first == '"':
            value = ("s", written[1:-1], False, new(Loc, (path, number, len(head) + 1)))
        elif first in "[{":
            value = _flow(written, path, number, len(head))
            if value is None:
                return None
        else:
            value = ("s", written, True, new(Loc, (path, number, len(head) + 1)))
        if indent == key_indent and value is not None:  # the common line: one more field
            entries.append((key, number, key_column, value))
            continue
        if not indent:
            if (pending is not None and block is None) or opening is not None:
                return None
            pending = block = key_indent = item_indent = outer_indent = None
            if value is None:
                pending, pending_at = key, number
            else:
                top.append((key, number, 1, value))
            continue
        if pending is None:
            return None
        column = len(indent) + 1
        if block is None:  # the first line below a top-level key decides what the block is
            if indent.endswith("- "):
                items = []
                item_indent = indent
                block = ("-", items, Loc(path, number, column - 2))
            else:
                outer = []
                outer_indent = indent
                block = ("m", outer, Loc(path, number, column))
            top.append((pending, pending_at, 1, block))
        if indent == outer_indent:  # a key of the block mapping, after a mapping in it
            if opening is not None:
                return None
            if value is None:
                opening = (key, number, column)
                key_indent = None
            else:
                entries = outer
                key_indent, key_column = indent, column
                entries.append((key, number, column, value))
            continue
        if value is None:
            return None
        if opening is not None:  # the first key of a mapping in the block mapping
            if indent.endswith("- ") or len(indent) <= len(outer_indent or ""):
                return None
            entries = [(key, number, column, value)]
            outer.append((*opening, ("m", entries, Loc(path, number, column))))
            opening = None
            key_indent, key_column = indent, column
            continue
        if indent != item_indent:
            return None
        entries = [(key, number, column, value)]
        key_indent, key_column = " " * len(indent), column
        items.append((Loc(path, number, column), entries))
    if not top or (pending is not None and block is None) or opening is not None:
        return None
    return top


class ScannedMapping(MappingNode):
    """A file's top-level mapping as the line scanner read it (`entries`).

    `Reader.record` reads the entries directly. Anything that walks the node itself (its
    `value` and marks), as the reader does when the file holds something to report, gets the
    node tree composed then, once.
    """

    def __init__(self, text: str, entries: list[Entry], path: str) -> None:
        self.tag = _TAGS[MappingNode]
        self.flow_style = False
        self.text = text
        self.entries = entries
        self.path = path
        """The path its places name."""

    def __getattr__(self, name: str) -> Any:
        if name not in ("value", "start_mark", "end_mark"):
            raise AttributeError(name)
        node = yaml.compose(self.text, Loader=_Loader)
        self.value, self.start_mark, self.end_mark = node.value, node.start_mark, node.end_mark
        return getattr(self, name)
