"""`conflicts --format csv`: one row per claim in a conflict, for spreadsheets.

`claimant` names every claimant of the claim (separated by "; ") and `relayed_by` the one
through whom they are heard, so a spreadsheet can filter second-hand accounts.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from claimtrack.render.escape import csv_cell

COLUMNS = (
    "conflict",
    "kind",
    "status",
    "summary",
    "position",
    "claim",
    "claimant",
    "relayed_by",
    "assertion",
    "subject",
    "property",
    "scope",
    "as_of",
    "value",
    "seed",
    "seed_line",
    "quote",
)


def render(document: dict[str, Any]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for conflict in document["conflicts"]:
        position_of = {
            cid: i + 1 for i, p in enumerate(conflict["positions"]) for cid in p["claims"]
        }
        for claim in conflict["claims"]:
            source = claim["source"]
            cells = (
                conflict["id"],
                conflict["kind"],
                conflict["status"],
                conflict["summary"],
                position_of.get(claim["id"]),
                claim["id"],
                "; ".join(c["name"] for c in claim["claimants"]),
                claim["relayed_by"]["name"] if claim["relayed_by"] else "",
                claim["kind"],
                claim["subject"],
                claim["property"],
                claim["scope"] or "",
                claim["as_of"] or "",
                claim["value"]["text"],
                source["seed"],
                source["line"] or "",
                source["quote"],
            )
            writer.writerow(csv_cell(cell) for cell in cells)
    return out.getvalue()
