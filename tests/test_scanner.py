"""The line scanner reads exactly what the YAML parser reads, or leaves the file to the parser.

Claim files in the common one-field-a-line shape are read by a line scanner instead of being
composed into nodes (load.scan_simple), and their records read from what it found. Both must
give what composing the file gives: the same values, plain or quoted, at the same lines and
columns, and the same findings. These tests write files at the edges of the scanner's subset
(indicators, quotes, comments, flow collections, indentation) and compare.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from claimtrack.load import ScannedMapping, _Loader, parse_yaml, scan_simple
from claimtrack.records import Reader
from claimtrack.schema import CATALOG_FILE, CLAIMS_FILE, PROJECT_CONFIG
from tests.test_properties import SETTINGS

REPO = Path(__file__).resolve().parent.parent

KEYS = [
    "id",
    "subject",
    "value",
    "claimant",
    "quote",
    "as_of",
    "kind",
    "said",
    "claims",
    "defaults",
    "seed",
    "a.b",
    "x-y",
    "1",
    "null",
    "k_2",
]
VALUES = [
    "cnrp",
    "P. 76",
    "63",
    "-5",
    "8.41 million",
    "2013-07-31",
    "2013-02-30",
    "true",
    "yes",
    "~",
    "null",
    "Null",
    "0x1F",
    ".inf",
    "1e3",
    "a:b",
    "a: b",
    "a:",
    "a #b",
    "a#b",
    "x # note",
    "'quoted'",
    "'it''s'",
    "''",
    "'a' b",
    "'#'",
    "'x' # note",
    "'x'#c",
    "'open",
    "a'b",
    'a"b',
    '"double"',
    '"a\\"b"',
    '""',
    '"x" # c',
    "[a, b]",
    "[ a ,b ]",
    "[]",
    "[ ]",
    "[a, [b]]",
    "[a,]",
    "['x, y', z]",
    "[a b, 'c''d']",
    "{about: 72}",
    "{about: 72, tolerance: 0.5}",
    "{between: [1, 2]}",
    "{ at_least: 63 }",
    "{}",
    "{a: {b: c}}",
    "{a:1}",
    "{a: b",
    "[a",
    "{about: 72} x",
    "{a: 'x'}",
    "{a: -1, b: +2}",
    "{a: - 1}",
    "- x",
    "-x",
    "-",
    "?x",
    ":x",
    "%x",
    "@x",
    "`x`",
    "!x",
    "!!str x",
    "|",
    ">-",
    "&a x",
    "*a",
    "The CNRP’s 55.",
    "\u00a0x",
    "x\u00a0",
    "a, b",
    "a [1]",
    "a {b}",
    "a - b",
    "a  b",
    "x:y:z",
    "x,",
    "#x",
    "---",
    "...",
    "a\tb",
    "é",
    "日本",
    "😀 x",
    "a\\b",
]
NOISE = [
    "",
    "   ",
    "# comment",
    "  # indented comment",
    "---",
    "...",
    "%YAML 1.1",
    "- x",
    "x",
    "  continued",
    "    more: 1",
    "\t",
    " - y: 2",
    "-   z: 3",
    "'k': v",
    "k : v",
    "? k",
]


@st.composite
def files(draw: st.DrawFn) -> str:
    """A top-level mapping of one-line values, blocks of flat mappings and lists of them, with
    noise lines and odd indentation now and then."""
    lines: list[str] = []
    for _ in range(draw(st.integers(1, 3))):
        key = draw(st.sampled_from(KEYS))
        shape = draw(st.sampled_from(["inline", "list", "list", "mapping", "empty"]))
        if shape == "inline":
            lines.append(f"{key}: {draw(st.sampled_from(VALUES))}")
        elif shape == "empty":
            lines.append(f"{key}:{draw(st.sampled_from(['', ' ', ' # c']))}")
        elif shape == "list":
            lines.append(f"{key}:")
            dash = draw(st.sampled_from([0, 2, 2, 4]))
            for _ in range(draw(st.integers(0, 3))):
                for field in range(draw(st.integers(1, 4))):
                    prefix = " " * dash + ("- " if field == 0 else "  ")
                    lines.append(
                        f"{prefix}{draw(st.sampled_from(KEYS))}: {draw(st.sampled_from(VALUES))}"
                    )
        else:
            lines.append(f"{key}:")
            indent = draw(st.sampled_from([1, 2, 4]))
            for _ in range(draw(st.integers(1, 4))):
                inner = f"{' ' * indent}{draw(st.sampled_from(KEYS))}:"
                if draw(st.booleans()):  # a mapping in the mapping, as the catalog's entries
                    lines.append(inner)
                    deeper = indent + draw(st.sampled_from([0, 1, 2, 2]))
                    for _ in range(draw(st.integers(0, 3))):
                        lines.append(
                            f"{' ' * deeper}{draw(st.sampled_from(KEYS))}: "
                            f"{draw(st.sampled_from(VALUES))}"
                        )
                else:
                    lines.append(f"{inner} {draw(st.sampled_from(VALUES))}")
    for _ in range(draw(st.integers(0, 2))):
        at = draw(st.integers(0, len(lines)))
        lines.insert(at, draw(st.sampled_from(NOISE)))
    if lines and draw(st.booleans()):
        at = draw(st.integers(0, len(lines) - 1))
        lines[at] = " " * draw(st.integers(1, 3)) + lines[at]
    return "\n".join(lines) + draw(st.sampled_from(["\n", "", "\n\n", "\n# end\n"]))


def _mark(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _place(node: Node) -> list[Any]:
    return ["f.yaml", *_mark(node)]


def _entries(node: MappingNode) -> list[Any]:
    return [(key.value, *_mark(key), _shape(value)) for key, value in node.value]


def _shape(node: Node) -> Any:
    """A composed node in the scanner's terms (see load.Scanned), lists for tuples."""
    if isinstance(node, ScalarNode):
        return ["s", node.value, not node.style, _place(node)]
    if isinstance(node, SequenceNode):
        if node.flow_style:
            return ["[", [_shape(item) for item in node.value], _place(node)]
        return ["-", [[_place(item), _entries(item)] for item in node.value], _place(node)]
    return ["{" if node.flow_style else "m", _entries(node), _place(node)]


def _lists(scanned: Any) -> Any:
    if isinstance(scanned, tuple | list):
        return [_lists(item) for item in scanned]
    return scanned


def _compare(text: str) -> None:
    """If the scanner reads `text`, it reads what composing it reads, and the records read
    from either are the same, findings included."""
    scanned = scan_simple(text, "f.yaml")
    if scanned is None:
        return
    composed = yaml.compose(text, Loader=_Loader)
    assert isinstance(composed, MappingNode)
    assert _lists(scanned) == _lists(_entries(composed))
    for record in (CLAIMS_FILE, PROJECT_CONFIG, CATALOG_FILE):
        fast: list[Any] = []
        slow: list[Any] = []
        node = ScannedMapping(text, scanned, "f.yaml")
        assert Reader("f.yaml", fast).record(node, record) == Reader("f.yaml", slow).record(
            composed, record
        )
        assert fast == slow


@SETTINGS
@given(files())
def test_the_scanner_reads_what_the_parser_reads(text: str) -> None:
    _compare(text)


WELL_FORMED = (
    "# yaml-language-server: $schema=../schema/claims.schema.json\n"
    "defaults:\n  scope: e2013\n"
    "claims:\n"
    "  - id: c1\n"
    "    subject: P. 76\n"
    "    value: {about: 72, tolerance: 0.5}\n"
    "    claimant: [cnrp, 'NEC']\n"
    "    quote: 'Turnout was about 72 per cent — officials said.'\n"
    "  - id: c2  # second\n"
    "    value: {between: [1, 2]}\n"
    '    quote: "plain: no"\n'
    "    said: a #b\n"
)
CATALOG = (
    "seeds:\n"
    "  a.txt:\n"
    "    title: Article 0\n"
    "    sha256: fd4d65f3cf98df9a8f6b11c2a68381c6c0aa539ac78c71830b853695ee652827\n"
    "  b.txt:\n"
    "    published: 2013-07-31\n"
    "    url: https://example.org/b?x=1#top\n"
)
EDITS = list(" -:#'\"[]{},?!&*|>%@`\\\t\n\u00a0é’x1.")


@SETTINGS
@given(
    st.sampled_from([WELL_FORMED, CATALOG]),
    st.lists(
        st.tuples(st.integers(0, 10_000), st.sampled_from(EDITS), st.integers(0, 2)),
        min_size=1,
        max_size=4,
    ),
)
def test_the_scanner_reads_edited_files_as_the_parser_does(
    original: str, edits: list[tuple[int, str, int]]
) -> None:
    """A well-formed file with a few characters replaced, inserted or deleted."""
    text = list(original)
    for wanted, character, how in edits:
        at = wanted % len(text)
        if how == 0:
            text[at] = character
        elif how == 1:
            text.insert(at, character)
        else:
            del text[at]
    _compare("".join(text))


@pytest.mark.parametrize(
    "path",
    sorted(
        str(p.relative_to(REPO))
        for folder in ("claims", "seeds", "tests/corpus2", "fuzz/corpus")
        for p in (REPO / folder).rglob("*")
        if p.is_file() and (folder == "fuzz/corpus" or p.suffix == ".yaml")
    ),
)
def test_the_scanner_reads_the_corpora_as_the_parser_does(path: str) -> None:
    data = (REPO / path).read_bytes()
    node, _ = parse_yaml(data, path)
    if isinstance(node, ScannedMapping):
        _compare(data.decode("utf-8"))


def test_a_generated_project_is_read_by_the_scanner(tmp_path: Path) -> None:
    """The common shape is scanned: claims with plain, quoted and flow values, and defaults."""
    text = (
        "# yaml-language-server: $schema=../schema/claims.schema.json\n"
        "defaults:\n  scope: e2013\n\n"
        "claims:\n"
        "  - id: c1  # first\n"
        "    subject: cnrp\n"
        "    value: {about: 72, tolerance: 0.5}\n"
        "    claimant: [cnrp, 'NEC']\n"
        "    quote: 'The CNRP''s \"55\" # not a comment'\n"
        "  # between claims\n"
        "  - id: c2\n"
        "    value: {between: [1, 2]}\n"
        '    quote: "plain: no"\n'
    )
    node, diagnostics = parse_yaml(text.encode(), "claims/x.yaml")
    assert isinstance(node, ScannedMapping) and not diagnostics
    _compare(text)
