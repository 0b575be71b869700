"""Plain listings (claims, seeds, coverage) as a table, JSON or CSV: rows of named columns.

A list (a claim's claimants) stays a list in JSON and reads "cpp; nec" in a table or CSV cell;
a mapping of counts (a claimant's ratings) stays a mapping and reads "false 2; true 1".
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TextIO

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from claimtrack.render.escape import csv_cell, terminal
from claimtrack.text import plural

WHOLE = frozenset({"id", "claimant", "seed"})
"""Columns of ids and file names."""


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k} {v}" for k, v in value.items())
    return str(value)


def table(
    title: str, rows: Sequence[Mapping[str, Any]], columns: list[str], console: Console
) -> None:
    """Ids and seed names, which a reader copies into another command, are never wrapped; the
    other columns wrap to make room for them."""
    view = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD)
    for column in columns:
        header = column.replace("_", " ").capitalize()
        longest_word = max(len(word) for word in header.split())
        view.add_column(header, no_wrap=column in WHOLE, overflow="fold", min_width=longest_word)
    for row in rows:
        view.add_row(*(Text(terminal(_cell(row[c]))) for c in columns))
    console.print(view)
    noun = title.lower()
    console.print(f"{plural(len(rows), noun.removesuffix('s'), noun)}.")


def as_json(key: str, rows: Sequence[Mapping[str, Any]]) -> str:
    return json.dumps({key: rows}, ensure_ascii=False, separators=(",", ":")) + "\n"


def write_jsonl(rows: Iterable[Mapping[str, Any]], out: TextIO) -> None:
    """One row a line, each written as it comes: an export of every claim never holds all of
    them."""
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")


def as_csv(rows: Sequence[Mapping[str, Any]], columns: list[str]) -> str:
    out = io.StringIO()
    write_csv(rows, columns, out)
    return out.getvalue()


def write_csv(rows: Iterable[Mapping[str, Any]], columns: list[str], out: TextIO) -> None:
    """The header, then each row as it comes."""
    writer = csv.DictWriter(out, columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({c: csv_cell(_cell(row[c])) for c in columns})
