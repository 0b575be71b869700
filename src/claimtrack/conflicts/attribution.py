"""Who says it, and through whom: the wording every output shows, and how relayed accounts
count as sources.

A claim may have several claimants (a figure posted by a party and by a government body) and
may reach the article only through someone else (Hun Sen's words as Kem Sokha reports them).
Outputs name each claimant with the relayer beside them, "Hun Sen (as relayed by Kem Sokha)",
so a reader never takes a second-hand account for the claimant's own words.

Independent sources, for a set of claims judged within a group of claims (one comparison, or
the claims of one rule's conflict), are counted as distinct accounts:

- a claim heard directly counts once per independent seed (a seed `derived_from` another is
  the same account as its original);
- a claim relayed by Y counts once for Y, however many articles carry Y's account: all of them
  rest on Y's word alone;
- a claim relayed by an *interested* Y counts for nothing: Y is interested when Y is a
  claimant of, or the subject of, any claim in the group (on either side). An opponent's
  account of what X conceded, or an ally's account of what X agreed to, does not
  corroborate X's position.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from claimtrack.model import Claim, Project


def claimant_pairs(claims: Iterable[Claim]) -> list[tuple[str, str | None]]:
    """(claimant, relayer) for every claimant of every claim, first appearance first."""
    return list(dict.fromkeys((who, c.relayed_by) for c in claims for who in c.claimants))


def attribution(claims: Iterable[Claim], name: Callable[[str], str]) -> str:
    """Who says it, in words: "CPP, NEC" or "Hun Sen (as relayed by Kem Sokha)".

    Each claimant carries its own relayer, so a list never leaves in doubt whose words are
    second-hand: "CNRP, Hun Sen (as relayed by Kem Sokha)".
    """
    return ", ".join(
        name(who) + (f" (as relayed by {name(relayer)})" if relayer else "")
        for who, relayer in claimant_pairs(claims)
    )


def interested_parties(group: Iterable[Claim]) -> set[str]:
    """Everyone with a stake in a group of claims: each claim's claimants and subject."""
    return {who for c in group for who in (*c.claimants, c.subject)}


def interested_relays(claims: Iterable[Claim], group: Iterable[Claim]) -> list[Claim]:
    """The claims that reach us only through an interested party, and so are not sources.

    The group's parties are gathered only when a claim is relayed at all: most are not, and a
    sum rule's conflict compares hundreds of claims, once for each of its positions."""
    relayed = [c for c in claims if c.relayed_by is not None]
    if not relayed:
        return []
    interested = interested_parties(group)
    return [c for c in relayed if c.relayed_by in interested]


def independent_sources(project: Project, claims: Iterable[Claim], group: Iterable[Claim]) -> int:
    """How many independent accounts support `claims`, judged within `group` (module doc)."""
    interested: set[str] | None = None
    accounts: set[tuple[str, str]] = set()
    for claim in claims:
        if claim.relayed_by is None:
            accounts.update(("seed", project.independent_root(s.seed)) for s in claim.sources)
            continue
        if interested is None:
            interested = interested_parties(group)
        if claim.relayed_by not in interested:
            accounts.add(("relayer", claim.relayed_by))
    return len(accounts)
