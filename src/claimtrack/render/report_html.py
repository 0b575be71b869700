"""`claimtrack report --format html`: one self-contained page (no external assets, no script).

It opens with a contents table (status, rating, kind of each conflict) linking to each
conflict; each conflict links to its claims, and each claim is shown where it stands in its
seed, the quoted words highlighted in the surrounding passage, with links back to the
conflicts it takes part in. Every field taken from the project's files is escaped on its own,
where it is printed.

The page reads on a phone: below 40rem each table row becomes a block of labelled lines, and
long ids and seed names wrap anywhere rather than widen the page.
"""

from __future__ import annotations

from html import escape
from typing import Any

from claimtrack.render.records import sides, where
from claimtrack.seeds import Passage
from claimtrack.text import plural

_STYLE = """
body{font:16px/1.5 Georgia,serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font-size:1.8rem}h2{font-size:1.15rem;margin-top:2.5rem}h3{font-size:1rem;margin-bottom:.2rem}
a{color:#1a4d8f}code{font-size:.85rem;overflow-wrap:anywhere}
.meta{color:#666;font-size:.9rem}.why{color:#444;font-style:italic}
.tag{display:inline-block;padding:0 .4rem;border-radius:.3rem;font:600 .8rem sans-serif}
.open{background:#fde2e1}.resolved{background:#dff3e3}.disputed{background:#fff1c9}
table{border-collapse:collapse;width:100%;font-size:.92rem}
th,td{border-top:1px solid #ddd;padding:.4rem;vertical-align:top;text-align:left}
td{overflow-wrap:break-word}td code,.side,.tag{white-space:nowrap}
blockquote{margin:0;font-style:italic}.verdict{background:#f4f6f8;padding:.6rem;margin:.6rem 0}
.passage{background:#fafafa;border-left:3px solid #ccc;padding:.4rem .8rem;white-space:pre-line}
mark{background:#ffe58a;font-style:normal}
@media (max-width:40rem){
 table,tbody,tr,th,td{display:block}tr.head{display:none}
 tr{border-top:2px solid #ccc;padding:.4rem 0}td{border:0;padding:.1rem 0}
 td code{white-space:normal;overflow-wrap:anywhere}
 td[data-label]::before{content:attr(data-label) ": ";font-weight:bold;font-style:normal}
 .contents td{display:inline-block;margin-right:.6rem}.contents td:last-child{display:block}
 .contents td[data-label=Conflict]::before,.contents td[data-label=Status]::before{content:none}
}
"""


def claim_anchor(claim_id: str) -> str:
    """The anchor of a claim's passage: claim ids and conflict ids never collide."""
    return f"claim-{claim_id}"


def _cell(label: str, html: str) -> str:
    return f'<td data-label="{label}">{html}</td>'


def _contents(conflicts: list[dict[str, Any]]) -> str:
    rows = [
        '<table class="contents"><tr class="head"><th>Status</th><th>Rating</th><th>Kind</th>'
        "<th>Conflict</th></tr>"
    ]
    for conflict in conflicts:
        verdict = conflict["verdict"] or {}
        status = escape(conflict["status"])
        rows.append(
            "<tr>"
            + _cell("Status", f'<span class="tag {status}">{status}</span>')
            + _cell("Rating", escape(verdict.get("rating") or "-"))
            + _cell("Kind", escape(conflict["kind"]))
            + _cell(
                "Conflict",
                f'<a href="#{escape(conflict["id"])}">{escape(conflict["summary"])}</a>',
            )
            + "</tr>"
        )
    rows.append("</table>")
    return "\n".join(rows)


def _verdict(verdict: dict[str, Any]) -> str:
    rated = f", rated {escape(verdict['rating'])}" if verdict["rating"] else ""
    decided = f": {escape(verdict['verdict'])}" if verdict["verdict"] else ""
    note = f"<br>Note: {escape(verdict['note'])}" if verdict["note"] else ""
    who = ", ".join(escape(x) for x in (verdict["by"], verdict["date"]) if x)
    return (
        f'<div class="verdict"><strong>Verdict</strong> ({escape(verdict["status"])}{rated})'
        f'{decided}{note}<br><span class="meta">{who}</span></div>'
    )


def _conflict(conflict: dict[str, Any]) -> str:
    status = escape(conflict["status"])
    parts = [
        f'<section id="{escape(conflict["id"])}">',
        f"<h2>{escape(conflict['summary'])}</h2>",
        f'<p class="meta"><code>{escape(conflict["id"])}</code> · {escape(conflict["kind"])} · '
        f'<span class="tag {status}">{status}</span> · <a href="#contents">contents</a></p>',
        f'<p class="why">Why they cannot all be true: {escape(conflict["explanation"])}</p>',
    ]
    if conflict["verdict"]:
        parts.append(_verdict(conflict["verdict"]))
    parts.append(
        '<table><tr class="head"><th>Side</th><th>Who says</th><th>What</th><th>Source</th>'
        "<th>Claim and quote</th></tr>"
    )
    for label, position, claims in sides(conflict):
        side = (
            f"<span class='side'>{escape(label)}<br><span class='meta'>"
            f"{plural(position['independent_sources'], 'source')}</span></span>"
        )
        for claim in claims:
            source = claim["source"]
            claim_id = escape(claim["id"])
            parts.append(
                "<tr>"
                + _cell("Side", side)
                + _cell(
                    "Who says",
                    f"{escape(claim['attribution'])}<br>"
                    f"<span class='meta'>{escape(claim['kind'])}</span>",
                )
                + _cell("What", escape(claim["value"]["text"]))
                + _cell(
                    "Source",
                    f"<code>{escape(where(source))}</code>"
                    + (f"<br>{escape(source['publisher'])}" if source["publisher"] else ""),
                )
                + _cell(
                    "Claim",
                    f'<a href="#{escape(claim_anchor(claim["id"]))}"><code>{claim_id}</code></a>'
                    f"<blockquote>“{escape(source['quote'])}”</blockquote>",
                )
                + "</tr>"
            )
    parts.append("</table></section>")
    return "\n".join(parts)


def _passage(source: dict[str, Any], passage: Passage | None) -> str:
    heading = ", ".join(
        escape(x)
        for x in (where(source), source["title"], source["publisher"], source["published"])
        if x
    )
    if passage is None:
        body = f"“{escape(source['quote'])}” (not found in the seed: see claimtrack validate)"
    else:
        body = (
            f"{escape(passage.before)}<mark>{escape(passage.quoted)}</mark>{escape(passage.after)}"
        )
    return (
        f'<p class="meta">{heading}'
        + (f" (from line {passage.first_line})" if passage else "")
        + f'</p><blockquote class="passage">{body}</blockquote>'
    )


def _claims(
    conflicts: list[dict[str, Any]], passages: dict[tuple[str, str], Passage | None]
) -> str:
    """Each claim of the conflicts once, in its seed's context, with links back."""
    seen: dict[str, tuple[dict[str, Any], list[str]]] = {}
    for conflict in conflicts:
        for claim in conflict["claims"]:
            seen.setdefault(claim["id"], (claim, []))[1].append(conflict["id"])
    parts = ['<section id="claims"><h2>Claims in their seeds</h2>']
    for claim_id, (claim, conflict_ids) in seen.items():
        back = ", ".join(
            f'<a href="#{escape(c)}"><code>{escape(c)}</code></a>' for c in conflict_ids
        )
        parts.append(
            f'<article id="{escape(claim_anchor(claim_id))}">'
            f"<h3><code>{escape(claim_id)}</code></h3>"
            f"<p>{escape(claim['attribution'])} ({escape(claim['kind'])}): "
            f"<strong>{escape(claim['value']['text'])}</strong>. In {back}.</p>"
        )
        for source in (claim["source"], *claim["also"]):
            parts.append(_passage(source, passages.get((source["seed"], source["quote"]))))
        parts.append("</article>")
    parts.append("</section>")
    return "\n".join(parts)


def render(
    document: dict[str, Any], title: str, passages: dict[tuple[str, str], Passage | None]
) -> str:
    """The page. `passages` gives each (seed, quote) of the claims in its context."""
    summary = document["summary"]
    conflicts = document["conflicts"]
    counts = ", ".join(f"{n} {k}" for k, n in summary["by_status"].items()) or "none"
    body = "\n".join(_conflict(c) for c in conflicts)
    return (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head><body>"
        f"<h1>{escape(title)}</h1>"
        f'<p class="meta">{plural(summary["conflicts"], "conflict")} ({escape(counts)}).</p>'
        f'<nav id="contents"><h2>Contents</h2>\n{_contents(conflicts)}\n'
        f'<p><a href="#claims">Claims in their seeds</a></p></nav>'
        f"\n{body}\n{_claims(conflicts, passages)}\n</body></html>\n"
    )
