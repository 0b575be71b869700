"""One escaping function per output medium, for text that comes from users' files.

Names, ids, quotes and seed text are data: printed raw, a newline forges a finding line (and a
GitHub workflow command, which GitHub reads from any log line), an ESC sequence clears the
screen or plants a link, a CSV cell starting with `=` runs as a spreadsheet formula, Markdown
and `</script>` change the page. Every renderer passes such text through the function for its
medium, and through nothing else.
"""

from __future__ import annotations

import json
import re
from typing import Any

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
"""C0 and C1 controls, DEL, Unicode line separators and bidirectional overrides (which reorder
what a reader sees)."""
_CONTROL_BUT_LINES = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    return _NAMED.get(char) or (
        f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"
    )


def terminal(text: str) -> str:
    """For a terminal or a plain-text line: every control character shown as an escape (`\\n`,
    `\\x1b`), so one value stays on one line and sends the terminal nothing."""
    return _CONTROL.sub(_visible, text)


def terminal_lines(text: str) -> str:
    """As `terminal`, but keeps line breaks (CRLF read as one) and tabs: for multi-line text
    such as a seed's lines."""
    return _CONTROL_BUT_LINES.sub(_visible, text.replace("\r\n", "\n"))


def terminal_record(record: Any) -> Any:
    """`terminal` applied to every string in a record of dicts, lists and scalars."""
    if isinstance(record, str):
        return terminal(record)
    if isinstance(record, dict):
        return {key: terminal_record(value) for key, value in record.items()}
    if isinstance(record, list | tuple):
        return [terminal_record(value) for value in record]
    return record


def github_data(text: str) -> str:
    """The message of a workflow command: GitHub's own escapes for `%`, CR and LF, and the
    other control characters made visible (GitHub would print them raw)."""
    escaped = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return terminal(escaped)


def github_property(text: str) -> str:
    """A property of a workflow command (file=, title=): also `:` and `,`, which end it."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?%?")


def csv_cell(value: object) -> object:
    """A CSV cell that no spreadsheet runs as a formula: text starting with `=`, `+`, `-`, `@`,
    a tab or a carriage return gets a leading `'` (OWASP's advice). Numbers, including
    negative ones written as text, are left as they are. Line breaks become spaces (claimtrack
    compares text with whitespace folded, so nothing is lost) and other control characters are
    shown visibly: a CSV printed into a CI log cannot start a line that forges a workflow
    command, nor a terminal escape."""
    if not isinstance(value, str):
        return value
    if any(c in value for c in "\r\n"):
        value = " ".join(value.split())
    value = terminal(value)
    if not value.startswith(_FORMULA_START):
        return value
    if _NUMBER.fullmatch(value):
        return value
    return "'" + value


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|~&])")
_MARKDOWN_BLOCK_START = re.compile(r"^(\d*)([.)#+\-=])")


def markdown(text: str) -> str:
    """Inline Markdown that renders as the text itself: characters that Markdown or HTML read
    anywhere are backslash-escaped, as is a start that would open a heading or a list, and line
    breaks become spaces (a paragraph stays one paragraph, a table row one row)."""
    flat = _MARKDOWN_SPECIAL.sub(r"\\\1", terminal(" ".join(text.split())))
    return _MARKDOWN_BLOCK_START.sub(r"\1\\\2", flat, 1)


def markdown_code(text: str) -> str:
    """Text inside an inline code span in a table cell: backticks cannot close it early, nor
    lines or a `|` (which GitHub reads as a cell border even there) break it."""
    inner = terminal(text).replace("`", "'").replace("|", "\\|")
    return f"`{inner}`"


def json_in_script(document: Any) -> str:
    """JSON safe inside an HTML `<script>` element: `<`, `>` and `&` as `\\u003c` etc., so
    `</script>` in a quote cannot end the element (the JSON means the same)."""
    text = json.dumps(document, indent=2, ensure_ascii=False)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )
