"""The second corpus (tests/corpus2): an invented election, reported five ways.

The articles state figures as real reporting does: rounded and cut figures, every hedge, each
party's own seat split, a preliminary and a final count, derived figures that do and do not add
up, reports dated to the month against reports dated to the day. Every expectation is keyed by
claim ids, never by conflict ids, so it reads as the fact-checker's judgement: which claims
contradict which, which only strain, which claimant revised itself, whose arithmetic fails, and
which claims, however differently worded, contradict nothing.
"""

from __future__ import annotations

import json
import shutil
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from claimtrack.cli import app
from tests.conftest import REPO

CORPUS = REPO / "tests" / "corpus2"

Pair = frozenset[str]


def pair(a: str, b: str) -> Pair:
    return frozenset((a, b))


def run(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, [*args, "--root", str(root)])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout


@pytest.fixture(scope="module")
def found() -> dict[str, Any]:
    """`claimtrack conflicts --format json` on the corpus, run once for the module."""
    code, out = run(CORPUS, "conflicts", "--format", "json")
    assert code == 0, out
    document: dict[str, Any] = json.loads(out)
    return document


def of_kind(document: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [c for c in document["conflicts"] if c["kind"] == kind]


def incompatible_pairs(conflicts: list[dict[str, Any]]) -> set[Pair]:
    """Every two claims that these conflicts say cannot both hold."""
    out = set()
    for conflict in conflicts:
        positions = [p["claims"] for p in conflict["positions"]]
        for i, j in conflict["pairs"]:
            out |= {pair(a, b) for a in positions[i] for b in positions[j]}
    return out


def claim_ids(conflict: dict[str, Any]) -> set[str]:
    return {c["id"] for c in conflict["claims"]}


def figure_claims(conflict: dict[str, Any]) -> set[str]:
    """The claims whose figure a derived-figure finding says the arithmetic does not give."""
    return {cid for p in conflict["positions"] if p["role"] == "figure" for cid in p["claims"]}


def disputed(document: dict[str, Any]) -> Iterator[str]:
    """Claims on a side of some conflict: every position of a value conflict, tension or
    joint conflict, and the figure (not the operands) of a derived-figure finding."""
    for conflict in document["conflicts"]:
        if conflict["kind"] == "derived":
            yield from figure_claims(conflict)
        else:
            yield from claim_ids(conflict)


# --- validate ---------------------------------------------------------------------------------


def test_the_corpus_validates_clean_even_when_strict() -> None:
    code, out = run(CORPUS, "validate", "--strict")
    assert (code, out.startswith("All clean")) == (0, True), out


def test_every_claim_named_here_is_in_the_corpus() -> None:
    """So that no expectation below passes by naming a claim that does not exist."""
    code, out = run(CORPUS, "claims", "--format", "json")
    assert code == 0, out
    ids = {c["id"] for c in json.loads(out)["claims"]}
    pairs = set(TENSIONS).union(*VALUE_CONFLICTS.values())
    named = {cid for p in pairs for cid in p}
    named |= {cid for p in NEVER_TOGETHER for cid in p} | set(ON_NO_SIDE) | EXPECTED_DERIVED
    assert sorted(named - ids) == []


# --- value conflicts and tensions, pair by pair -------------------------------------------------

Group = tuple[str, str, str | None]
"""Subject, property and scope of the claims compared."""

VALUE_CONFLICTS: dict[Group, set[Pair]] = {
    # The board's 71.4% against the party website's 70%. The encyclopedia's "just under 72
    # percent" fits both and is on no side.
    ("ge-2024", "turnout", "ge-2024"): {pair("ceb-turnout-71-4", "rf-website-turnout-70")},
    # Dolvar: the party's "below 50 percent" contradicts both the board and the paper.
    ("dolvar", "turnout", "ge-2024"): {
        pair("ceb-dolvar-turnout-63-3", "rf-dolvar-turnout-below-50"),
        pair("standard-dolvar-turnout-about-64", "rf-dolvar-turnout-below-50"),
    },
    # "some 51.8 percent" is hedged to its last digit, and 50.83 is a point off.
    ("civic-accord", "vote-share", "ge-2024"): {
        pair("ceb-ca-share-50-83", "ency-ca-share-some-51-8")
    },
    # 53 (board, encyclopedia), 55 (the Courier), 66 (Redl): every two disagree.
    ("renewal-front", "seats-won", "ge-2024"): {
        pair("ceb-rf-53-seats", "redl-rf-66-seats"),
        pair("ency-rf-53-seats", "redl-rf-66-seats"),
        pair("ceb-rf-53-seats", "courier-rf-55-seats"),
        pair("ency-rf-53-seats", "courier-rf-55-seats"),
        pair("courier-rf-55-seats", "redl-rf-66-seats"),
    },
    # 70 (board, encyclopedia, the Courier) against Redl's 57.
    ("civic-accord", "seats-won", "ge-2024"): {
        pair("ceb-ca-70-seats", "redl-ca-57-seats"),
        pair("ency-ca-70-seats", "redl-ca-57-seats"),
        pair("courier-ca-70-seats", "redl-ca-57-seats"),
    },
    # The Renewal Front's gain: eight (the wire) against ten (the encyclopedia).
    ("renewal-front", "seat-change", "ge-2024"): {
        pair("meridian-rf-gained-8-seats", "ency-rf-gained-10-seats")
    },
    # "one in ten" is 10 percent, against "fewer than 1 percent".
    ("ge-2024", "share-missing-from-rolls", "ge-2024"): {
        pair("ceb-missing-fewer-than-1-percent", "rf-missing-one-in-ten")
    },
    # Certified on a day in October against "in November 2024".
    ("ge-2024", "results-certified", "ge-2024"): {
        pair("meridian-certified-2024-10-21", "ency-certified-november-2024"),
        pair("standard-certified-2024-10-21", "ency-certified-november-2024"),
    },
    # "October 2024" overlaps 22 October, when the paper names Brandt.
    ("renewal-front", "leader", None): {
        pair("ency-redl-leads-rf-2024-10", "standard-brandt-leads-rf-2024-10-22")
    },
}

MIDDLE = ("ge-2024", "stations-opened-late", "ge-2024")
VALUE_CONFLICTS[MIDDLE] = {
    # "Nearly 400" reaches down to 385, nowhere near the board's 212; Civic Accord's "fewer than
    # 150" contradicts all three others. Ballot Watch's "more than 200" fits both 212 and
    # "nearly 400": it is opposed to Civic Accord only.
    pair("ceb-late-stations-212", "rf-late-stations-nearly-400"),
    pair("ca-late-stations-fewer-than-150", "ceb-late-stations-212"),
    pair("ca-late-stations-fewer-than-150", "rf-late-stations-nearly-400"),
    pair("ca-late-stations-fewer-than-150", "ballot-watch-late-stations-more-than-200"),
}

TENSIONS = {
    # "about 64 percent" against 63.3: only the approximation's tolerance joins them, and the
    # group also holds two hard conflicts.
    pair("ceb-dolvar-turnout-63-3", "standard-dolvar-turnout-about-64"),
}


def key(conflict: dict[str, Any]) -> Group:
    return (conflict["subject"], conflict["property"], conflict["scope"])


@pytest.mark.parametrize(
    "group",
    [pytest.param(g, id=f"{g[0]}/{g[1]}") for g in VALUE_CONFLICTS],
)
def test_value_conflicts_are_exactly_these_pairs(found: dict[str, Any], group: Group) -> None:
    in_group = [c for c in of_kind(found, "value") if key(c) == group]
    assert incompatible_pairs(in_group) == VALUE_CONFLICTS[group]


def test_no_value_conflicts_elsewhere(found: dict[str, Any]) -> None:
    assert {key(c) for c in of_kind(found, "value")} == set(VALUE_CONFLICTS)


def test_tensions_are_exactly_these_pairs(found: dict[str, Any]) -> None:
    assert incompatible_pairs(of_kind(found, "tension")) == TENSIONS


MIDDLE_FITS_BOTH = ("ballot-watch-late-stations-more-than-200", "rf-late-stations-nearly-400")

NEVER_TOGETHER = [
    # A claimant revising its own count is a revision, not a conflict.
    ("ceb-ballots-preliminary", "ceb-ballots-final"),
    # Redl on 21 October and Brandt on 22 October: different days of a changing fact.
    ("meridian-redl-leads-rf-2024-10-21", "standard-brandt-leads-rf-2024-10-22"),
    ("courier-redl-leads-rf-2024-10-16", "standard-brandt-leads-rf-2024-10-22"),
    ("meridian-redl-leads-rf-2024-10-21", "ency-brandt-leads-rf-2024-12"),
    # A lower bound that both disagreeing figures lie above.
    MIDDLE_FITS_BOTH,
    ("ballot-watch-late-stations-more-than-200", "ceb-late-stations-212"),
    # Two upper bounds never contradict each other, however far apart.
    ("rf-missing-up-to-900000", "ceb-missing-at-most-12000"),
    # 8,417,912 is "some 8.41 million" cut and "8.42 million" rounded.
    ("ceb-registered-8417912", "mps-registered-some-8-41-million"),
    ("ceb-registered-8417912", "ency-registered-8-42-million"),
    ("mps-registered-some-8-41-million", "ency-registered-8-42-million"),
    ("ceb-registered-8417912", "rf-registered-over-8-4-million"),
    # A month holds its days.
    ("ency-polling-october-2024", "meridian-polling-day-2024-10-13"),
    # "just under 72" reaches 70.5, and 70% covers up to 71.
    ("ceb-turnout-71-4", "ency-turnout-just-under-72"),
    ("rf-website-turnout-70", "ency-turnout-just-under-72"),
    ("ency-ca-share-some-51-8", "meridian-ca-share-more-than-50"),
    ("ceb-rf-share-41-24", "ency-rf-share-approximately-41"),
    ("ceb-rf-share-41-24", "courier-rf-share-just-over-41"),
    ("ceb-polling-stations-4968", "ency-polling-stations-almost-5000"),
    ("ceb-complaints-137", "rf-complaints-between-120-and-150"),
    ("ceb-ballots-final", "courier-ballots-around-6-million"),
    ("ceb-ca-votes-3012904", "courier-ca-votes-roughly-3-million"),
]


@pytest.mark.parametrize(
    ("a", "b"),
    [pytest.param(a, b, id=f"{a}+{b}") for a, b in NEVER_TOGETHER],
)
def test_claims_that_can_both_hold_are_never_opposed(found: dict[str, Any], a: str, b: str) -> None:
    for conflict in found["conflicts"]:
        positions = [set(p["claims"]) for p in conflict["positions"]]
        for i, j in conflict["pairs"]:
            opposed = (a in positions[i] and b in positions[j]) or (
                b in positions[i] and a in positions[j]
            )
            assert not opposed, conflict["summary"]


ON_NO_SIDE = [
    "ency-turnout-just-under-72",
    "mps-registered-some-8-41-million",
    "ency-registered-8-42-million",
    "rf-registered-over-8-4-million",
    "ceb-ballots-preliminary",
    "meridian-ca-share-more-than-50",
    "ceb-rf-share-41-24",
    "ency-rf-share-approximately-41",
    "courier-rf-share-just-over-41",
    "ceb-polling-stations-4968",
    "ency-polling-stations-almost-5000",
    "rf-missing-up-to-900000",
    "ceb-missing-at-most-12000",
    "rf-complaints-between-120-and-150",
    "ceb-complaints-137",
    "mps-polling-day-2024-10-13",
    "meridian-polling-day-2024-10-13",
    "ency-polling-october-2024",
    "clerk-havrinsk-ca-14-seats",
    "clerk-havrinsk-rf-11-seats",
    "courier-havrinsk-council-31-seats",
    "meridian-redl-leads-rf-2024-10-21",
    "courier-redl-leads-rf-2024-10-16",
    "ency-brandt-leads-rf-2024-12",
    "ency-ca-78-seats-2019",
    "ceb-invalid-83110",
]


def test_claims_that_fit_every_other_claim_take_no_side(found: dict[str, Any]) -> None:
    assert sorted(set(ON_NO_SIDE) & set(disputed(found))) == []


def test_a_claim_that_fits_both_sides_corroborates_nothing(found: dict[str, Any]) -> None:
    corroborating = {cid for a in found["agreements"] for cid in a["claims"]}
    assert "ency-turnout-just-under-72" not in corroborating


def test_a_month_corroborates_the_days_inside_it(found: dict[str, Any]) -> None:
    """Redl led the party "in October 2024" (the encyclopedia) and on 21 October (the wire)."""
    leaders = [set(a["claims"]) for a in found["agreements"] if a["property"] == "leader"]
    assert any(
        {"ency-redl-leads-rf-2024-10", "meridian-redl-leads-rf-2024-10-21"} <= a for a in leaders
    )


# --- revisions ---------------------------------------------------------------------------------


def test_the_board_revising_its_own_count_is_a_revision(found: dict[str, Any]) -> None:
    revisions = [
        (
            r["claimant"],
            r["property"],
            [(s["stage"], s["claims"], s["latest"]) for s in r["stages"]],
        )
        for r in found["revisions"]
    ]
    assert revisions == [
        (
            "ceb",
            "ballots-cast",
            [
                ("preliminary", ["ceb-ballots-preliminary"], False),
                ("official", ["ceb-ballots-final"], True),
            ],
        )
    ]


# --- sum rules ---------------------------------------------------------------------------------


def joint(document: dict[str, Any], rule: str) -> list[dict[str, Any]]:
    return [c for c in of_kind(document, "joint") if c["rule"] == rule]


def test_two_parties_each_claiming_their_own_seats_cannot_both_fit(
    found: dict[str, Any],
) -> None:
    """22 or more and 21 of 41 seats: the Farmers' and Greens' League, which nobody gives a
    figure for, can have none, and still the two do not fit."""
    (conflict,) = joint(found, "senn-assembly-seats")
    assert claim_ids(conflict) == {
        "ca-senn-at-least-22-seats",
        "rf-senn-21-seats",
        "courier-senn-assembly-41-seats",
    }


def test_a_split_that_does_not_add_up_to_the_chamber_is_a_joint_conflict(
    found: dict[str, Any],
) -> None:
    """The Courier's own 70 + 55 = 125 of 123 seats. Redl's 66 + 57 and the board's 70 + 53
    each make 123: their splits contradict each other seat by seat (value conflicts above),
    but neither is jointly impossible, and mixing them is nobody's claim."""
    (conflict,) = joint(found, "chamber-seats")
    ids = claim_ids(conflict)
    assert {"courier-ca-70-seats", "courier-rf-55-seats"} <= ids
    assert ids & {"ceb-chamber-123-seats", "ency-chamber-123-seats"}
    assert not ids & {"redl-rf-66-seats", "redl-ca-57-seats", "ceb-rf-53-seats", "ency-rf-53-seats"}


def test_an_incomplete_count_leaves_room_for_the_seats_still_to_be_declared(
    found: dict[str, Any],
) -> None:
    """14 + 11 of 31 council seats, six still to come: `exactly` binds only a complete set."""
    assert joint(found, "havrinsk-council-seats") == []


def test_no_other_joint_conflicts(found: dict[str, Any]) -> None:
    assert sorted(c["rule"] for c in of_kind(found, "joint")) == [
        "chamber-seats",
        "senn-assembly-seats",
    ]


# --- derived figures ---------------------------------------------------------------------------


def derived(document: dict[str, Any], figure: str) -> dict[str, Any]:
    (conflict,) = [c for c in of_kind(document, "derived") if figure in figure_claims(c)]
    return conflict


def test_a_turnout_its_own_ballots_and_voters_do_not_give(found: dict[str, Any]) -> None:
    """412,300 of 598,150 is 68.9%, not the 71.2% the Courier prints beside them."""
    conflict = derived(found, "courier-senn-turnout-71-2")
    assert conflict["rule"] == "turnout-arithmetic"
    assert claim_ids(conflict) == {
        "courier-senn-turnout-71-2",
        "courier-senn-ballots-412300",
        "courier-senn-registered-598150",
    }
    assert "68.9" in conflict["explanation"]


def test_a_seat_change_its_own_seat_figures_do_not_give(found: dict[str, Any]) -> None:
    """The encyclopedia's "gained ten seats, rising from 45 to 53": 53 - 45 is 8. Its own seat
    figures are read first: the Courier's 55 would give ten, but the encyclopedia never said 55."""
    conflict = derived(found, "ency-rf-gained-10-seats")
    assert conflict["rule"] == "seat-change-arithmetic"
    assert {"ency-rf-53-seats", "ency-rf-45-seats-2019"} <= claim_ids(conflict)
    assert not claim_ids(conflict) & {"redl-rf-66-seats", "courier-rf-55-seats"}
    assert "53 - 45 = 8;" in conflict["explanation"]


def test_a_share_the_counted_votes_do_not_give(found: dict[str, Any]) -> None:
    """The encyclopedia gives no votes of its own; the board's 3,012,904 of 5,927,412 valid
    votes is 50.83%, not some 51.8%."""
    conflict = derived(found, "ency-ca-share-some-51-8")
    assert conflict["rule"] == "vote-share-arithmetic"
    assert {"ceb-ca-votes-3012904", "ceb-valid-votes-5927412"} <= claim_ids(conflict)


EXPECTED_DERIVED = {
    "courier-senn-turnout-71-2",
    "ency-rf-gained-10-seats",
    "ency-ca-share-some-51-8",
    "rf-website-turnout-70",
}


def test_figures_that_add_up_are_never_derived_findings(found: dict[str, Any]) -> None:
    """The board's turnout, shares and valid votes, the wire's gain of eight (53 - 45) and the
    encyclopedia's "just under 72" all agree with the arithmetic."""
    figures = {cid for c in of_kind(found, "derived") for cid in figure_claims(c)}
    assert figures <= EXPECTED_DERIVED


def test_a_revised_count_is_never_an_operand(found: dict[str, Any]) -> None:
    """The board's preliminary ballots were revised by its final count: neither its own turnout
    nor anyone else's is checked against the preliminary figure."""
    for conflict in of_kind(found, "derived"):
        assert "ceb-ballots-preliminary" not in claim_ids(conflict), conflict["summary"]


def test_the_standing_count_does_not_give_the_party_websites_turnout(
    found: dict[str, Any],
) -> None:
    """6,010,522 of 8,417,912 is 71.40%: the party's 70% is not what the final count gives,
    and the superseded preliminary count (70.9%) must not excuse it."""
    conflict = derived(found, "rf-website-turnout-70")
    assert conflict["rule"] == "turnout-arithmetic"
    assert {"ceb-ballots-final", "ceb-registered-8417912"} <= claim_ids(conflict)


def supported_claims(document: dict[str, Any], subject: str, prop: str) -> set[str]:
    (conflict,) = [
        c for c in of_kind(document, "value") if (c["subject"], c["property"]) == (subject, prop)
    ]
    assert conflict["supports"] is not None, conflict["summary"]
    return {cid for i in conflict["supports"] for cid in conflict["positions"][i]["claims"]}


def test_the_arithmetic_says_which_share_it_supports(found: dict[str, Any]) -> None:
    assert supported_claims(found, "civic-accord", "vote-share") == {"ceb-ca-share-50-83"}


def test_the_arithmetic_says_which_turnout_it_supports(found: dict[str, Any]) -> None:
    assert supported_claims(found, "ge-2024", "turnout") == {"ceb-turnout-71-4"}


# --- wordings the said check must read ---------------------------------------------------------

WORDED = {
    "lost-eight": """\
        - id: ency-ca-lost-8-seats
          subject: civic-accord
          property: seat-change
          scope: ge-2024
          value: -8
          said: lost eight
          claimant: encyclopedia
          kind: report
          seed: encyclopedia-2024-general-election.txt
          quote: Civic Accord lost eight seats, falling from 78 to 70
        """,
    "more-than-half": """\
        - id: meridian-ca-more-than-half-again
          subject: civic-accord
          property: vote-share
          scope: ge-2024
          value: {more_than: 50}
          said: more than half
          claimant: meridian
          kind: report
          seed: meridian-final-results-2024-10-21.txt
          quote: the ruling party has now won more than half of the vote
        """,
}


@pytest.mark.parametrize("name", list(WORDED))
def test_figures_in_words_ground_a_claim(tmp_path: Path, name: str) -> None:
    """A loss worded "lost eight" is -8 seats; "more than half" is more than 50 percent."""
    root = tmp_path / "corpus2"
    shutil.copytree(CORPUS, root)
    worded = root / "claims" / "articles" / "worded.yaml"
    worded.write_text(
        "claims:\n" + textwrap.indent(textwrap.dedent(WORDED[name]), "  "), encoding="utf-8"
    )
    # Only the new file is checked: the copy's schema modelines point outside it (CT018).
    code, out = run(root, "validate", "--strict", str(worded))
    assert (code, out.startswith("All clean")) == (0, True), out
