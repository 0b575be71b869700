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


# False conflicts, gone because the claims are right


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
    assert police_chief["kind"] == "denial"  # of knowing, the claim's own proposition
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
    assert coup["quote"] == "Sam Rainsy called it a “constitutional coup”"
    assert _conflicts_on(found, "cnrp", "supports-hun-sen-as-pm") == []


def test_three_accounts_of_the_shooting_each_say_only_what_their_source_says(
    found: Document, claims: dict[str, Document]
) -> None:
    """'Opportunists destroyed police barricades', a separate incident at the Royal Palace, and a
    stray bullet: none says what another denies, so none conflicts with another.

    The committee names no place, RFA's separate incident is at the Royal Palace and the killing
    near the Kbal Thnal Bridge, and a stray bullet can come from a shooting over barricades.
    Where two accounts do contradict, whether the man was protesting, they conflict.
    """
    accounts = {
        "security-command-killed-after-barricades-destroyed": (
            "clash-2013-09-15",
            "shooting-followed-barricades-destroyed",
            "true",
        ),
        "rfa-barricade-clash-separate-incident": (
            "mao-sok-chan",
            "killed-at-royal-palace-barricades",
            "false",
        ),
        "kem-sokha-shot-on-way-home": ("mao-sok-chan", "hit-by-stray-bullet", "true"),
    }
    for claim_id, said in accounts.items():
        claim = claims[claim_id]
        assert (claim["subject"], claim["property"], claim["value"]) == said
        assert claim_id not in _in_conflicts(found)
    assert _sides(found, "mao-sok-chan", "victim-was-protesting") == {
        frozenset({"rfa-victim-was-protester"}),
        frozenset({"kem-sokha-victim-was-passer-by"}),
    }


def test_many_voluntary_defections_do_not_deny_pressure_on_others(
    found: Document, claims: dict[str, Document]
) -> None:
    """'Many voluntary changes of party affiliation' and 'stepping up pressure ... to defect' can
    both be true: the police chief does not say that no defection is coerced."""
    chief = claims["police-chief-defections-voluntary"]
    assert (chief["property"], chief["value"]) == ("voluntary-defections-occurred", "true")
    assert chief["quote"].startswith("in any case many voluntary changes")
    assert "denied knowledge" not in chief["quote"]
    assert _conflicts_on(found, "cnrp", "defections-coerced") == []
    assert _conflicts_on(found, "cnrp", "voluntary-defections-occurred") == []


def test_the_breakdown_of_mondays_agenda_is_not_the_breakdown_of_the_talks(
    found: Document, claims: dict[str, Document]
) -> None:
    """Kem Sokha, on 16 September, on an agenda that 'initially failed' before the talks went
    on; Hun Sen, a week later, on why the talks failed. Not the same breakdown."""
    kem_sokha = claims["kem-sokha-breakdown-over-irregularities"]
    hun_sen = claims["hun-sen-breakdown-over-posts"]
    assert (kem_sokha["property"], kem_sokha["scope"]) == (
        "talks-breakdown-cause",
        "talks-2013-09-16",
    )
    assert kem_sokha["value"].startswith("One side wanted to talk about the National Assembly")
    assert hun_sen["scope"] == "talks-2013-09"
    assert _conflicts_on(found, "talks-2013-09", "talks-breakdown-cause") == []


# Disputes that had no claims


def test_posts_demanded_against_posts_offered(found: Document, claims: dict[str, Document]) -> None:
    """A demand and an offer are both true as facts: what conflicts is each side's position,
    and the property's name says so."""
    for prop, demanded, offered in (
        (
            "assembly-post-position",
            "cnrp-demanded-assembly-presidency",
            "hun-sen-offered-deputy-presidency",
        ),
        (
            "commission-chairs-position",
            "cnrp-demanded-six-commission-chairs",
            "hun-sen-offered-four-commission-chairs",
        ),
    ):
        assert _sides(found, "cnrp", prop) == {frozenset({demanded}), frozenset({offered})}
        (conflict,) = _conflicts_on(found, "cnrp", prop)
        assert "(negotiating position)" in conflict["summary"]
    demand = claims["cnrp-demanded-six-commission-chairs"]
    assert (demand["claimant"], demand["relayed_by"], demand["min"]) == ("cnrp", "hun-sen", 6)


def test_an_ambiguous_offer_is_kept_in_its_words_without_a_count(
    claims: dict[str, Document],
) -> None:
    """'One deputy chairman post in five commissions': one post, or one in each of five?"""
    offer = claims["hun-sen-offered-one-deputy-chair"]
    assert (offer["value_type"], offer["value"], offer["min"]) == (
        "text",
        "one deputy chairman post in five commissions",
        None,
    )


def test_the_first_round_of_talks_is_dated_by_both_reports(found: Document) -> None:
    """Seed 002's 'Saturday' and seed 004's 'Sept. 14-15' agree on the first day: the reports
    differ only on the second (Monday 16 against the 15th)."""
    (first,) = [
        a
        for a in found["agreements"]
        if (a["subject"], a["property"]) == ("talks-2013-09", "talks-first-day")
    ]
    assert set(first["claims"]) == {"rfa-first-talks-saturday", "rfa-talks-began-sept-14"}
    assert _sides(found, "talks-2013-09", "talks-second-day") == {
        frozenset({"rfa-second-talks-monday-sept-16"}),
        frozenset({"rfa-talks-held-sept-14-15"}),
    }


def test_the_foreign_ministry_warning_names_no_one(
    found: Document, claims: dict[str, Document]
) -> None:
    """The ministry urges missions not to back the opposition or interfere; it names no one and
    says nothing of an investigation, so it stands against none of the calls for one."""
    warning = claims["foreign-ministry-missions-must-not-support-opposition"]
    assert (warning["claimant"], warning["kind"], warning["subject"], warning["value"]) == (
        "foreign-ministry",
        "official",
        "foreign-missions",
        "false",
    )
    assert claims["foreign-ministry-missions-must-not-interfere"]["value"] == "true"
    assert not [c for c in found["conflicts"] if c["subject"] == "foreign-missions"]
    sides = _sides(found, "election-2013", "investigation-needed")
    assert all(
        claim_id not in side
        for side in sides
        for claim_id in (
            "foreign-ministry-missions-must-not-support-opposition",
            "foreign-ministry-missions-must-not-interfere",
        )
    )


def test_lao_mong_hay_challenges_the_use_of_congratulations_not_sar_khengs_facts(
    found: Document, claims: dict[str, Document]
) -> None:
    analyst = claims["lao-mong-hay-congratulations-used-for-legitimacy"]
    assert (analyst["claimant"], analyst["subject"], analyst["value"]) == (
        "lao-mong-hay",
        "cambodian-government",
        "true",
    )
    assert not [c for c in found["conflicts"] if c["scope"] == "election-2018"]
    ballots = claims["sar-kheng-few-invalid-ballots"]
    assert (ballots["claimant"], ballots["property"], ballots["value"]) == (
        "sar-kheng",
        "few-invalid-ballots",
        "true",
    )


def test_the_kings_invitation_is_his_as_the_cpp_spokesman_relays_it(
    found: Document, claims: dict[str, Document]
) -> None:
    """'Sihamoni had invited 68 CPP and 55 CNRP elected lawmakers': the King's count of
    invitees, not a seat count, so the seats conflict keeps its claims."""
    for claim_id, party, count in (
        ("king-invited-68-cpp-lawmakers", "cpp", 68),
        ("king-invited-55-cnrp-lawmakers", "cnrp", 55),
    ):
        invitation = claims[claim_id]
        assert (
            invitation["claimant"],
            invitation["relayed_by"],
            invitation["subject"],
            invitation["property"],
            invitation["min"],
        ) == ("norodom-sihamoni", "prak-sokhonn", party, "lawmakers-invited", count)
        assert claim_id not in _in_conflicts(found)
    assert "king-invited-55-cnrp-lawmakers" not in {
        claim_id for side in _sides(found, "cnrp", "seats-won") for claim_id in side
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
    letter = claims["cnrp-demands-independent-body"]
    assert (letter["claimant"], letter["relayed_by"]) == ("cnrp", "mu-sochua")
    assert letter["quote"].startswith("Ms. Sochua said they discussed only the letter")
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
