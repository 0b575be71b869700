"""The curated corpus says what the five articles say: no false conflicts, every dispute claimed.

Each test reads `claimtrack conflicts --format json` (or `claimtrack claims --format json`) on
the bundled project, as a fact-checker would, and finds conflicts by what they are about rather
than by id, so that a change of the id scheme does not hide a regression.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from typer.testing import CliRunner

from claimtrack.cli import app
from tests.conftest import REPO

Document = dict[str, Any]


def _run(*args: str) -> Document:
    result = CliRunner().invoke(app, [*args, "--format", "json", "--root", str(REPO)])
    assert result.exit_code == 0, result.output
    document: Document = json.loads(result.stdout)
    return document


@pytest.fixture(scope="module")
def found() -> Document:
    return _run("conflicts")


@pytest.fixture(scope="module")
def claims() -> dict[str, Document]:
    return {c["id"]: c for c in _run("claims")["claims"]}


def _conflicts_on(found: Document, subject: str, prop: str) -> list[Document]:
    return [c for c in found["conflicts"] if (c["subject"], c["property"]) == (subject, prop)]


def _sides(found: Document, subject: str, prop: str) -> set[frozenset[str]]:
    """The claims on each side of the one conflict about `prop` of `subject`."""
    (conflict,) = _conflicts_on(found, subject, prop)
    return {frozenset(p["claims"]) for p in conflict["positions"]}


def _in_conflicts(found: Document) -> set[str]:
    return {c["id"] for conflict in found["conflicts"] for c in conflict["claims"]}


# The two false conflicts, gone because the claims are right


def test_the_funeral_photo_dates_the_funeral_not_the_death(
    found: Document, claims: dict[str, Document]
) -> None:
    """'Sept. 16, 2013' captions the funeral; the text has him shot Sunday, cremated Monday.

    The caption's date and the text's "Monday" agree as the funeral's date, so both are 16
    September, and nothing else dates the death.
    """
    assert _conflicts_on(found, "mao-sok-chan", "date-of-death") == []
    deaths = {c["id"]: c["value"] for c in claims.values() if c["property"] == "date-of-death"}
    assert deaths == {"rfa-text-shot-on-sunday": "Sunday"}
    assert claims["rfa-caption-funeral-sept-16"]["property"] == "funeral-date"
    assert claims["rfa-text-cremated-monday"]["property"] == "cremation-date"
    (funeral,) = [
        a
        for a in found["agreements"]
        if (a["subject"], a["property"]) == ("mao-sok-chan", "funeral-date")
    ]
    assert set(funeral["claims"]) == {"rfa-caption-funeral-sept-16", "rfa-text-funeral-monday"}


def test_denying_knowledge_of_the_detentions_is_not_denying_them(
    found: Document, claims: dict[str, Document]
) -> None:
    police_chief = claims["police-chief-denies-knowledge"]
    assert (police_chief["subject"], police_chief["property"], police_chief["value"]) == (
        "mao-chanmeakthurith",
        "knew-of-incident",
        "false",
    )
    assert police_chief["kind"] == "claim"
    officials = [c for c in found["conflicts"] if c["subject"] == "cnrp-kampong-trach-officials"]
    assert officials == []
    assert "him-neang-released-after-pledge" not in _in_conflicts(found)


def test_the_constitutional_coup_is_about_the_sitting_not_the_talks(
    found: Document, claims: dict[str, Document]
) -> None:
    coup = claims["rainsy-constitutional-coup"]
    assert (coup["subject"], coup["scope"]) == (
        "assembly-sitting-2013-09-23",
        "assembly-sitting-2013-09-23",
    )
    assert _conflicts_on(found, "cnrp", "supports-hun-sen-as-pm") == []


# Disputes that had no claims


def test_posts_demanded_against_posts_offered(found: Document, claims: dict[str, Document]) -> None:
    assert _sides(found, "cnrp", "assembly-leadership-post") == {
        frozenset({"cnrp-demanded-assembly-presidency"}),
        frozenset({"hun-sen-offered-deputy-presidency"}),
    }
    assert _sides(found, "cnrp", "commission-chairs") == {
        frozenset({"cnrp-demanded-six-commission-chairs"}),
        frozenset({"hun-sen-offered-four-commission-chairs"}),
    }
    demand = claims["cnrp-demanded-six-commission-chairs"]
    assert (demand["claimant"], demand["relayed_by"], demand["min"]) == ("cnrp", "hun-sen", 6)
    assert claims["hun-sen-offered-one-deputy-chair"]["min"] == 1


def test_how_the_shooting_happened(found: Document) -> None:
    """'Opportunists destroyed police barricades' against a separate incident and a stray bullet."""
    assert _sides(found, "mao-sok-chan", "killed-in-barricade-clash") == {
        frozenset({"security-command-killed-after-barricades-destroyed"}),
        frozenset({"rfa-barricade-clash-separate-incident", "kem-sokha-shot-on-way-home"}),
    }


def test_who_was_wounded_is_claimed_on_both_sides_without_a_false_conflict(
    found: Document, claims: dict[str, Document]
) -> None:
    """'Wounded several others' and '[security personnel] injured' name different people."""
    assert claims["rfa-several-others-wounded"]["subject"] == "protesters-2013-09-15"
    injured = claims["security-command-security-personnel-injured"]
    assert injured["subject"] == "security-forces-2013-09-15"
    involved = _in_conflicts(found)
    assert "rfa-several-others-wounded" not in involved
    assert "security-command-security-personnel-injured" not in involved


def test_the_eu_backing_an_investigation_rests_on_mu_sochua(
    found: Document, claims: dict[str, Document]
) -> None:
    eu = claims["eu-supported-investigation-call"]
    assert (eu["claimant"], eu["relayed_by"]) == ("european-union", "mu-sochua")
    sides = _sides(found, "election-2013", "investigation-needed")
    (backers,) = [side for side in sides if "us-calls-for-investigation" in side]
    assert {"eu-supported-investigation-call", "japan-backs-investigation"} <= backers
    (against,) = sides - {backers}
    assert "nec-ccc-probe-unnecessary" in against


def test_what_son_chhay_was_paid_for(found: Document) -> None:
    assert _sides(found, "son-chhay", "payment-for-spying") == {
        frozenset({"hun-sen-payment-for-spying"}),
        frozenset({"son-chhay-payment-was-goodwill"}),
    }
    assert _conflicts_on(found, "son-chhay", "took-payment") == []


def test_acceptance_of_the_result_in_the_talks(
    found: Document, claims: dict[str, Document]
) -> None:
    """Hun Sen and the Sam Rainsy he relays, against the CNRP's spokesman and Kem Sokha."""
    (conflict,) = [
        c
        for c in _conflicts_on(found, "cnrp", "accepted-official-result")
        if c["scope"] == "talks-2013-09"
    ]
    assert {frozenset(p["claims"]) for p in conflict["positions"]} == {
        frozenset({"hun-sen-cnrp-accepted-result", "rainsy-would-accept-result-per-hun-sen"}),
        frozenset({"yim-sovann-no-compromise", "kem-sokha-recording-will-show-justice-demanded"}),
    }
    refusal = claims["cnrp-refused-to-accept-results"]
    assert (refusal["claimant"], refusal["scope"]) == ("cnrp", "election-2013")


# Claimants: the speaker, not the outlet; relayed speech and several claimants


def test_claimants_are_the_speakers(claims: dict[str, Document]) -> None:
    congratulations = claims["bangladesh-and-thailand-congratulate-hun-sen"]
    assert congratulations["claimants"] == ["bangladesh", "thailand"]
    assert claims["sources-authorities-pressure-to-defect"]["claimant"] == "unnamed-sources"
    assert claims["sources-four-security-personnel"]["claimant"] == "unnamed-sources"
    assert claims["local-source-officials-taken-into-custody"]["claimant"] == "local-source"
    for relayed, (claimant, relayer) in {
        "hun-sen-admits-irregularities": ("hun-sen", "kem-sokha"),
        "hun-sen-irregularities-not-decisive": ("hun-sen", "kem-sokha"),
        "hun-sen-cnrp-55-seats": ("sam-rainsy", "hun-sen"),
        "hun-sen-rainsy-abandoned-investigation": ("sam-rainsy", "hun-sen"),
    }.items():
        assert (claims[relayed]["claimant"], claims[relayed]["relayed_by"]) == (
            claimant,
            relayer,
        )
    outlets = {"rfa", "cambodia-daily", "seed-001-outlet"}
    assert all(c["kind"] == "report" for c in claims.values() if c["claimant"] in outlets)


def test_no_verdict_is_resolved_while_the_lawsuit_is_pending(found: Document) -> None:
    (seats,) = _conflicts_on(found, "cnrp", "seats-won")
    assert seats["status"] == "disputed"
    assert seats["verdict"]["rating"] is None
    assert "lawsuit" in seats["verdict"]["note"]
    assert found["summary"]["by_status"].get("resolved", 0) == 0
