"""`claimtrack report --format html`: one self-contained page (no external assets) with every
conflict, its verdict, and each side's claimant, value, source and quote."""

from __future__ import annotations

from html import escape
from typing import Any

_STYLE = """
body{font:16px/1.5 Georgia,serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font-size:1.8rem}h2{font-size:1.15rem;margin-top:2.5rem}
.meta{color:#666;font-size:.9rem}.why{color:#444;font-style:italic}
.tag{display:inline-block;padding:0 .4rem;border-radius:.3rem;font:600 .8rem sans-serif}
.open{background:#fde2e1}.resolved{background:#dff3e3}.disputed{background:#fff1c9}
table{border-collapse:collapse;width:100%;font-size:.92rem}
th,td{border-top:1px solid #ddd;padding:.4rem;vertical-align:top;text-align:left}
blockquote{margin:0;font-style:italic}.verdict{background:#f4f6f8;padding:.6rem;margin:.6rem 0}
"""


def _side_labels(conflict: dict[str, Any]) -> dict[str, str]:
    labels = {}
    for index, position in enumerate(conflict["positions"]):
        label = position["role"] or chr(ord("A") + index)
        for claim_id in position["claims"]:
            labels[claim_id] = label
    return labels


def _conflict(conflict: dict[str, Any]) -> str:
    status = escape(conflict["status"])
    parts = [
        f'<section id="{escape(conflict["id"])}">',
        f"<h2>{escape(conflict['summary'])}</h2>",
        f'<p class="meta">{escape(conflict["id"])} · {escape(conflict["kind"])} · '
        f'<span class="tag {status}">{status}</span></p>',
        f'<p class="why">Why they cannot all be true: {escape(conflict["explanation"])}</p>',
    ]
    verdict = conflict["verdict"]
    if verdict:
        parts.append(
            f'<div class="verdict"><strong>Verdict</strong> ({escape(verdict["status"])}'
            f"{', rated ' + escape(verdict['rating']) if verdict['rating'] else ''}): "
            f"{escape(verdict['verdict'] or '')} {escape(verdict['note'] or '')}"
            f'<br><span class="meta">{escape(verdict["by"] or "")} '
            f"{escape(verdict['date'] or '')}</span></div>"
        )
    parts.append(
        "<table><tr><th>Side</th><th>Who says</th><th>What</th><th>Source</th><th>Quote</th></tr>"
    )
    labels = _side_labels(conflict)
    for claim in conflict["claims"]:
        source = claim["source"]
        where = ", ".join(
            escape(x)
            for x in (source["title"] or source["seed"], source["publisher"], source["published"])
            if x
        )
        parts.append(
            f"<tr><td>{escape(labels[claim['id']])}</td>"
            f"<td>{escape(claim['attribution'])}<br><span class='meta'>{escape(claim['kind'])}"
            f"</span></td><td>{escape(claim['value']['text'])}</td><td>{where}</td>"
            f"<td><blockquote>“{escape(source['quote'])}”</blockquote></td></tr>"
        )
    parts.append("</table></section>")
    return "\n".join(parts)


def render(document: dict[str, Any], title: str) -> str:
    summary = document["summary"]
    counts = ", ".join(f"{n} {k}" for k, n in summary["by_status"].items()) or "none"
    body = "\n".join(_conflict(c) for c in document["conflicts"])
    return (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head><body>"
        f"<h1>{escape(title)}</h1>"
        f'<p class="meta">{summary["conflicts"]} conflicts ({escape(counts)}).</p>'
        f"\n{body}\n</body></html>\n"
    )
