"""Plain listings (claims, seeds, coverage) as a table, JSON or CSV: rows of named columns."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from claimtrack.render.escape import csv_cell, terminal


def table(
    title: str, rows: Sequence[Mapping[str, Any]], columns: list[str], console: Console
) -> None:
    view = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD)
    for column in columns:
        view.add_column(column.replace("_", " ").capitalize(), overflow="fold")
    for row in rows:
        view.add_row(*(Text("" if row[c] is None else terminal(str(row[c]))) for c in columns))
    console.print(view)
    console.print(f"{len(rows)} {title.lower()}.")


def as_json(key: str, rows: Sequence[Mapping[str, Any]]) -> str:
    return json.dumps({key: rows}, ensure_ascii=False, separators=(",", ":")) + "\n"


def as_jsonl(rows: Sequence[Mapping[str, Any]]) -> str:
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)


def as_csv(rows: Sequence[Mapping[str, Any]], columns: list[str]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({c: "" if row[c] is None else csv_cell(row[c]) for c in columns})
    return out.getvalue()
