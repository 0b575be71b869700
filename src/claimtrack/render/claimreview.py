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

import json
from typing import Any

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


def render(items: list[dict[str, Any]]) -> str:
    return json.dumps(items, indent=2, ensure_ascii=False) + "\n"
