"""`conflicts --format json`: the documented, versioned contract."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any, Protocol

from claimtrack.render.records import Member

_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
"""Compact JSON: the C encoder is ten times faster than indented output on large corpora, and
people read it through `jq` or `python -m json.tool` anyway."""


class Sink(Protocol):
    def write(self, text: str, /) -> object: ...


def render(document: dict[str, Any]) -> str:
    return _encode(document) + "\n"


def write(members: Iterable[Member], out: Sink) -> None:
    """Write the document member by member and each list record by record, as `render` would
    give it whole: a project of a million claims never holds its document in memory, only the
    record being written."""
    out.write("{")
    for index, (key, value) in enumerate(members):
        out.write(f"{',' if index else ''}{_encode(key)}:")
        if isinstance(value, Iterator):
            out.write("[")
            for count, record in enumerate(value):
                out.write(f",{_encode(record)}" if count else _encode(record))
            out.write("]")
        else:
            out.write(_encode(value))
    out.write("}\n")
