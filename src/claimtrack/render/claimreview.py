"""schema.org ClaimReview JSON-LD for resolved conflicts, for fact-check markup.

A verdict rates the claims it names in `claims:` (the side it judges); each becomes one
ClaimReview. Fields follow Google's Fact Check markup: claimReviewed, reviewRating with
alternateName, url, author, datePublished, and itemReviewed (a Claim with its author,
appearance and datePublished).

A claim with several claimants has one `author` per claimant (a JSON-LD list). A relayed claim
keeps the claimant as its author, since the words are attributed to them, and says through whom
they are heard in the Claim's `description`: "Hun Sen (as relayed by Kem Sokha)".
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from claimtrack.render.escape import json_in_script

RATINGS = {  # rating -> (ratingValue on a 1-5 scale or None, alternateName)
    "true": (5, "True"),
    "mostly-true": (4, "Mostly true"),
    "half-true": (3, "Half true"),
    "mostly-false": (2, "Mostly false"),
    "false": (1, "False"),
    "misleading": (2, "Misleading"),
    "unproven": (None, "Unproven"),
}


def reviews(
    document: dict[str, Any], site: str, publisher: str, claimant_types: dict[str, str]
) -> list[dict[str, Any]]:
    """A ClaimReview for each claim a resolved verdict rates. The document's conflicts are read
    once, in order, so they may come as an iterator (`records.members`) built as they are read."""
    out = []
    for conflict in document["conflicts"]:
        verdict = conflict["verdict"]
        if conflict["status"] != "resolved" or not verdict or not verdict["rating"]:
            continue
        value, label = RATINGS[verdict["rating"]]
        rating: dict[str, Any] = {"@type": "Rating", "alternateName": label}
        if value is not None:
            rating.update(ratingValue=value, bestRating=5, worstRating=1)
        for claim in conflict["claims"]:
            if claim["id"] not in verdict["claims"]:
                continue
            source = claim["source"]
            appearance: dict[str, Any] = {
                "@type": "CreativeWork",
                "headline": source["title"] or source["seed"],
            }
            if source["publisher"]:
                appearance["publisher"] = {"@type": "Organization", "name": source["publisher"]}
            if source.get("url"):
                appearance["url"] = source["url"]
            authors = [
                {"@type": claimant_types.get(who["id"], "Organization"), "name": who["name"]}
                for who in claim["claimants"]
            ]
            item: dict[str, Any] = {
                "@type": "Claim",
                "author": authors[0] if len(authors) == 1 else authors,
                "appearance": appearance,
            }
            if claim["relayed_by"]:
                item["description"] = claim["attribution"]
            if claim["as_of"] or source["published"]:
                item["datePublished"] = claim["as_of"] or source["published"]
            out.append(
                {
                    "@context": "https://schema.org",
                    "@type": "ClaimReview",
                    "url": f"{site.rstrip('#')}#{conflict['id']}",
                    "claimReviewed": source["quote"],
                    "author": {"@type": "Organization", "name": verdict["by"] or publisher},
                    "datePublished": verdict["date"],
                    "reviewRating": rating,
                    "itemReviewed": item,
                    "reviewBody": verdict["verdict"],
                }
            )
    return out


def site_problem(site: str) -> str | None:
    """Why `site` cannot be the address of published fact-checks, or None if it can: only an
    absolute http(s) address (a `javascript:` or `data:` one would run in readers' browsers)."""
    try:
        parts = urlsplit(site)
    except ValueError:
        return f"--site {site!r} is not a web address"
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return f"--site must be an http:// or https:// address, not {site!r}"
    if any(ord(char) < 0x21 or ord(char) == 0x7F for char in site):
        return f"--site {site!r} holds spaces or control characters"
    return None


def render(items: list[dict[str, Any]]) -> str:
    """JSON-LD ready to paste into a `<script type="application/ld+json">` element."""
    return json_in_script(items) + "\n"
