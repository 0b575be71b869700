"""How the conflict engine judges claims: pair by pair, stage by stage, claimant by claimant.

Each test builds a small made-up project and reads `claimtrack conflicts --format json`.
"""

from __future__ import annotations

import json
import textwrap
from typing import Any

from typer.testing import CliRunner

from claimtrack.cli import app
from tests.conftest import Project, claim

EXTRA = """\
    entities:
      party-a: {name: Party A, type: party}
      party-b: {name: Party B, type: party}
      party-c: {name: Party C, type: party}
      pollster: {name: Night Poll, type: organisation}
    properties:
      ballots: {name: Ballots cast, type: number}
      registered: {name: Registered voters, type: number}
      seat-change: {name: Seat change, type: number}
      share: {name: Vote share, type: percent}
      votes: {name: Votes, type: number}
      valid-votes: {name: Valid votes, type: number}
    """

Q = "The CNRP"


def report(project: Project) -> dict[str, Any]:
    result = project.run("conflicts", "--format", "json")
    assert result.exit_code == 0, result.stdout + result.stderr
    return json.loads(result.stdout)


def figure(cid: str, value: object, claimant: str, prop: str = "turnout", **kw: Any) -> str:
    kw.setdefault("subject", "election")
    return claim(cid, value, prop=prop, claimant=claimant, quote=Q, **kw)


def setup(project: Project, claims: str, rules: str = "") -> None:
    project.write("claims/extra.yaml", textwrap.dedent(EXTRA) + textwrap.dedent(rules))
    project.claims("claims/figures.yaml", claims)


def sides(conflict: dict[str, Any]) -> list[list[str]]:
    return [p["claims"] for p in conflict["positions"]]


# 1. A claim that fits both sides takes no side and corroborates nothing


def test_a_claim_that_fits_both_sides_is_in_no_conflict(project: Project) -> None:
    setup(
        project,
        figure("official", "71.4", "nec")
        + figure("party", 70, "cpp")
        + figure("just-under", "{less_than: 72}", "comfrel"),
    )
    document = report(project)
    (conflict,) = document["conflicts"]
    assert sides(conflict) == [["party"], ["official"]]
    assert [p["independent_sources"] for p in conflict["positions"]] == [1, 1]
    assert "just-under" not in {c["id"] for c in conflict["claims"]}
    assert document["agreements"] == []


def test_without_a_dispute_agreeing_claims_still_corroborate(project: Project) -> None:
    setup(project, figure("official", "71.4", "nec") + figure("under", "{less_than: 72}", "cpp"))
    (agreement,) = report(project)["agreements"]
    assert agreement["claims"] == ["official", "under"]


# 2. A tension is reported even where the same group holds a hard conflict


def test_a_tension_shows_beside_a_hard_conflict(project: Project) -> None:
    setup(
        project,
        figure("official", "71.4", "nec")
        + figure("party", 70, "cpp")
        + figure("night", "{about: 72}", "pollster", extra="said: about 72 percent"),
    )
    value, tension = report(project)["conflicts"]
    assert (value["kind"], sides(value)) == ("value", [["party"], ["official"]])
    assert tension["kind"] == "tension"
    assert sides(tension) == [["party"], ["official"], ["night"]]
    assert tension["pairs"] == [[0, 2], [1, 2]]
    assert tension["explanation"].endswith(
        "cannot both hold: 70% and about 72 percent, 71.4% and about 72 percent"
    )


def test_every_pair_of_positions_that_cannot_both_hold_is_listed(project: Project) -> None:
    setup(
        project,
        figure("a", 50, "nec") + figure("b", 60, "cpp") + figure("c", 70, "cnrp"),
    )
    (conflict,) = report(project)["conflicts"]
    assert conflict["pairs"] == [[0, 1], [0, 2], [1, 2]]


def test_a_bound_that_fits_one_side_is_never_shown_opposed_to_it(project: Project) -> None:
    """212 and "nearly 400" contradict each other; "more than 200" fits both, so it is not on
    212's side against "nearly 400": it is opposed only to "fewer than 150", which contradicts
    every other claim."""
    setup(
        project,
        figure("board", 212, "nec", prop="voters")
        + figure("party", "{nearly: 400}", "cpp", prop="voters")
        + figure("monitor", "{more_than: 200}", "comfrel", prop="voters")
        + figure("rival", "{less_than: 150}", "cnrp", prop="voters"),
    )
    (conflict,) = report(project)["conflicts"]
    positions = sides(conflict)
    assert positions == [["rival"], ["board"], ["party"], ["monitor"]]
    opposed = {frozenset((positions[i][0], positions[j][0])) for i, j in conflict["pairs"]}
    assert opposed == {
        frozenset(("board", "party")),
        frozenset(("rival", "board")),
        frozenset(("rival", "party")),
        frozenset(("rival", "monitor")),
    }
    assert [p["independent_sources"] for p in conflict["positions"]] == [1, 1, 1, 1]


# 7. Stages of a result: a revision, not a conflict between sources


def test_a_later_stage_of_the_same_claimants_figure_is_a_revision(project: Project) -> None:
    setup(
        project,
        figure("nec-prelim", "70.1", "nec", extra="stage: preliminary")
        + figure("nec-official", "71.4", "nec", extra="stage: official")
        + figure("party", "70.1", "cpp"),
    )
    document = report(project)
    (conflict,) = document["conflicts"]
    assert sides(conflict) == [["party"], ["nec-official"]]  # not NEC against NEC
    (revision,) = document["revisions"]
    assert document["summary"]["revisions"] == 1
    assert revision["kind"] == "revision" and revision["claimant"] == "nec"
    assert revision["id"].startswith("rv-")
    assert [(s["stage"], s["claims"], s["latest"]) for s in revision["stages"]] == [
        ("preliminary", ["nec-prelim"], False),
        ("official", ["nec-official"], True),
    ]
    assert (
        "National Election Committee revised its figure: 70.1% (preliminary) then 71.4% (official)"
        in (revision["summary"])
    )
    official = next(c for c in conflict["claims"] if c["id"] == "nec-official")
    assert official["stage"] == "official"
    shown = project.run("show", revision["id"]).stdout
    assert "official (stands)" in shown and "nec-prelim" in shown


def test_stage_can_be_a_file_default_and_agreeing_stages_are_no_revision(
    project: Project,
) -> None:
    project.write("claims/extra.yaml", textwrap.dedent(EXTRA))
    project.claims(
        "claims/prelim.yaml", figure("p", "71.4", "nec"), defaults="stage: preliminary\n"
    )
    project.claims("claims/final.yaml", figure("f", "71.4", "nec"), defaults="stage: final\n")
    document = report(project)
    assert document["revisions"] == [] and document["conflicts"] == []
    assert document["agreements"][0]["claims"] == ["f", "p"]


def test_an_unknown_stage_is_refused_with_its_place(project: Project) -> None:
    setup(project, figure("p", "71.4", "nec", extra="stage: draft"))
    out = project.run("validate").stdout
    assert "claims/figures.yaml:10:12: CT016" in out and "'draft' is not one of" in out


# 7. as_of values are periods that compare by overlap


def test_as_of_periods_that_overlap_are_compared(project: Project) -> None:
    def status(cid: str, value: str, as_of: str) -> str:
        return claim(
            cid,
            value,
            subject="prak-sokhonn",
            prop="role",
            scope=None,
            quote=Q,
            extra=f"as_of: {as_of}",
        )

    project.claims(
        "claims/status.yaml",
        status("month", "president", "2013-08") + status("first", "deputy president", "2013-08-01"),
    )
    (conflict,) = report(project)["conflicts"]
    assert conflict["as_of"] == "2013-08-01"
    assert sorted(c["id"] for c in conflict["claims"]) == ["first", "month"]
    (project.root / "claims/status.yaml").unlink()
    project.claims(
        "claims/status.yaml",
        status("first", "president", "2013-08-01")
        + status("last", "deputy president", "2013-08-31"),
    )
    assert report(project)["conflicts"] == []


# 5. Sum rules read each claimant's figures together

SEAT_RULE = """\
    rules:
      seats-fit:
        property: seats
        total: {subject: assembly, property: seat-count}
        relation: at-most
    """


def seats(cid: str, value: object, subject: str, claimant: str) -> str:
    return claim(cid, value, subject=subject, claimant=claimant, quote=Q)


TOTAL = claim("total", 123, subject="assembly", prop="seat-count", claimant="nec", quote=Q)


def test_a_sum_nobody_holds_is_not_reported(project: Project) -> None:
    """The opposition's 66 + 57 and the election body's 53 + 70 each fit 123 seats; 66 + 70 is
    nobody's reading, even for a third source that names only a small party."""
    setup(
        project,
        seats("opp-own", 66, "cnrp", "cnrp")
        + seats("opp-ruling", 57, "cpp", "cnrp")
        + seats("body-opp", 53, "cnrp", "nec")
        + seats("body-ruling", 70, "cpp", "nec")
        + seats("small", 0, "party-c", "comfrel")
        + TOTAL,
        SEAT_RULE,
    )
    assert [c["kind"] for c in report(project)["conflicts"]] == ["value", "value"]


def test_two_parties_claiming_their_own_seats_that_cannot_both_hold(project: Project) -> None:
    setup(
        project,
        seats("a-own", 70, "cpp", "cpp") + seats("b-own", 60, "cnrp", "cnrp") + TOTAL,
        SEAT_RULE,
    )
    (conflict,) = report(project)["conflicts"]
    assert conflict["kind"] == "joint"
    assert sides(conflict) == [["b-own"], ["a-own"], ["total"]]
    assert conflict["explanation"].startswith("60 + 70 = 130")


EXACT_RULE = """\
    rules:
      seats-add-up:
        property: seats
        total: 123
        relation: exactly
    """


def test_exactly_without_declared_parts_allows_parties_nobody_names(project: Project) -> None:
    setup(project, seats("a", 60, "cpp", "nec") + seats("b", 50, "cnrp", "nec"), EXACT_RULE)
    assert report(project)["conflicts"] == []
    project.claims("claims/more.yaml", seats("c", 20, "party-a", "nec"))
    (conflict,) = report(project)["conflicts"]
    assert conflict["explanation"].startswith(
        "50 + 60 + 20 + the parts no source gives (0 or more) = [130, ∞)"
    )


def test_exactly_checks_a_complete_declared_set(project: Project) -> None:
    rule = EXACT_RULE + "    parts: [cpp, cnrp]\n"
    setup(project, seats("a", 60, "cpp", "nec") + seats("b", 50, "cnrp", "nec"), rule)
    (conflict,) = report(project)["conflicts"]
    assert conflict["explanation"] == "60 + 50 = 110; rule seats-add-up: sum exactly 123"


def test_a_rules_total_can_be_given_per_scope(project: Project) -> None:
    rule = EXACT_RULE.replace("total: 123", "totals: {e2013: 123, e2018: 125}")
    rule += "    parts: [cpp, cnrp]\n"
    setup(
        project,
        seats("a", 68, "cpp", "nec")
        + seats("b", 55, "cnrp", "nec")
        + claim("c", 125, subject="cpp", claimant="nec", quote=Q, scope="e2018")
        + claim("d", 0, subject="cnrp", claimant="nec", quote=Q, scope="e2018"),
        rule,
    )
    assert report(project)["conflicts"] == []
    project.claims("claims/more.yaml", seats("wrong", 1, "cnrp", "comfrel"))
    assert [c["scope"] for c in report(project)["conflicts"] if c["kind"] == "joint"] == ["e2013"]


# 6. Derived figures: ratio and difference rules

TURNOUT_RULE = """\
    rules:
      turnout-arithmetic:
        description: Turnout is ballots cast over registered voters
        relation: ratio
        property: turnout
        numerator: ballots
        denominator: registered
        scale: 100
    """


def test_a_report_whose_turnout_disagrees_with_its_own_figures(project: Project) -> None:
    setup(
        project,
        figure("t", 75, "comfrel")
        + figure("b", 7140000, "comfrel", prop="ballots")
        + figure("r", 10000000, "comfrel", prop="registered"),
        TURNOUT_RULE,
    )
    (conflict,) = report(project)["conflicts"]
    assert conflict["kind"] == "derived" and conflict["rule"] == "turnout-arithmetic"
    assert [(p["role"], p["claims"]) for p in conflict["positions"]] == [
        ("figure", ["t"]),
        ("numerator", ["b"]),
        ("denominator", ["r"]),
    ]
    assert conflict["explanation"] == (
        "Ballots cast / Registered voters * 100 = 7,140,000 / 10,000,000 * 100 = 71.4%; "
        "Turnout is ballots cast over registered voters: 75% lies outside it"
    )


def test_figures_that_agree_with_the_arithmetic_are_fine(project: Project) -> None:
    setup(
        project,
        figure("t", "{about: 71}", "comfrel")
        + figure("b", 7140000, "comfrel", prop="ballots")
        + figure("r", 10000000, "nec", prop="registered"),
        TURNOUT_RULE,
    )
    assert report(project)["conflicts"] == []


def test_the_arithmetic_says_which_disputed_figure_it_supports(project: Project) -> None:
    setup(
        project,
        figure("official", "71.4", "nec")
        + figure("party", 70, "cpp")
        + figure("b", 7140000, "nec", prop="ballots")
        + figure("r", 10000000, "nec", prop="registered"),
        TURNOUT_RULE,
    )
    found = report(project)["conflicts"]
    value = next(c for c in found if c["kind"] == "value")
    assert sides(value) == [["party"], ["official"]]
    assert value["supports"] == [1]
    assert value["explanation"].endswith(
        "the arithmetic of rule turnout-arithmetic gives 71.4%, which supports 71.4%"
    )
    derived = next(c for c in found if c["kind"] == "derived")
    assert sides(derived)[0] == ["party"]  # the party's 70% against the NEC's own figures


def test_a_revised_figure_is_no_operand_of_a_rule(project: Project) -> None:
    """The NEC's preliminary 7,010,000 ballots (70.1%) were revised to 7,140,000 (71.4%): only
    the standing count is read, so the party's 70% fails the arithmetic and the official 71.4%
    is the side it supports."""
    setup(
        project,
        figure("official", "71.4", "nec")
        + figure("party", 70, "cpp")
        + figure("b-prelim", 7010000, "nec", prop="ballots", extra="stage: preliminary")
        + figure("b-final", 7140000, "nec", prop="ballots", extra="stage: official")
        + figure("r", 10000000, "nec", prop="registered"),
        TURNOUT_RULE,
    )
    found = report(project)["conflicts"]
    value = next(c for c in found if c["kind"] == "value")
    assert value["supports"] == [1] and sides(value)[1] == ["official"]
    derived = next(c for c in found if c["kind"] == "derived")
    assert sides(derived) == [["party"], ["b-final"], ["r"]]
    assert all("b-prelim" not in p["claims"] for c in found for p in c["positions"])


def test_a_difference_rule_reads_operands_in_their_scopes(project: Project) -> None:
    rule = """\
        rules:
          seat-change-arithmetic:
            relation: difference
            property: seat-change
            minuend: {property: seats, scope: e2018}
            subtrahend: {property: seats, scope: e2013}
        """
    setup(
        project,
        claim("now", 58, subject="cpp", claimant="nec", quote=Q, scope="e2018")
        + claim("then", 68, subject="cpp", claimant="nec", quote=Q)
        + claim(
            "change", 10, subject="cpp", prop="seat-change", claimant="cpp", quote=Q, scope="e2018"
        ),
        rule,
    )
    (conflict,) = report(project)["conflicts"]
    assert conflict["kind"] == "derived"
    assert conflict["summary"].startswith("Seat change, CPP (2018 election): 10 (CPP), but")
    assert "Seats won - Seats won = 58 - 68 = -10" in conflict["explanation"]


def test_a_derived_rule_without_its_operands_is_refused(project: Project) -> None:
    setup(project, "", TURNOUT_RULE.replace("        denominator: registered\n", ""))
    out = project.run("validate").stdout
    assert "CT207 rule 'turnout-arithmetic': a ratio rule needs 'denominator'" in out


# 9. Ids survive a claim joining a side, and so do verdicts


def test_a_conflict_keeps_its_id_and_verdict_when_a_source_repeats_a_side(
    project: Project,
) -> None:
    setup(project, figure("official", "71.4", "nec") + figure("party", 70, "cpp"))
    (conflict,) = report(project)["conflicts"]
    project.write(
        "claims/verdicts.yaml",
        f"verdicts:\n  {conflict['id']}:\n    status: resolved\n    claims: [party]\n",
    )
    project.claims("claims/later.yaml", figure("repeat", 70, "cnrp"))
    (again,) = report(project)["conflicts"]
    assert again["id"] == conflict["id"]
    assert again["status"] == "resolved"
    assert sides(again) == [["party", "repeat"], ["official"]]
    assert again["verdict"]["new_claims"] == ["repeat"]
    codes = project.run("validate").stdout
    assert "CT303" not in codes and "CT305" not in codes


def test_reviewed_claims_say_what_the_verdict_was_written_with(project: Project) -> None:
    setup(project, figure("official", "71.4", "nec") + figure("party", 70, "cpp"))
    (conflict,) = report(project)["conflicts"]
    project.write(
        "claims/verdicts.yaml",
        f"verdicts:\n  {conflict['id']}:\n    status: open\n    claims: [party]\n"
        "    reviewed: [official]\n",
    )
    project.claims("claims/later.yaml", figure("again", "71.4", "comfrel"))
    (again,) = report(project)["conflicts"]
    assert again["verdict"]["new_claims"] == ["again"]


def test_a_verdict_under_a_former_id_still_applies_and_is_flagged(project: Project) -> None:
    setup(project, figure("official", "71.4", "nec") + figure("party", 70, "cpp"))
    import hashlib

    text = "|".join(["value", "election", "turnout", "e2013", "", "official", "party"])
    former = "cf-" + hashlib.sha256(text.encode()).hexdigest()[:8]
    project.write("claims/verdicts.yaml", f"verdicts:\n  {former}:\n    status: resolved\n")
    (conflict,) = report(project)["conflicts"]
    assert conflict["status"] == "resolved" and conflict["verdict"]["id"] == former
    assert f"CT305 verdict filed under {former}, the former id of {conflict['id']}" in (
        project.run("validate").stdout
    )


def test_a_sharper_figure_is_a_new_dispute(project: Project) -> None:
    setup(project, figure("official", "71.4", "nec") + figure("party", "{at_least: 75}", "cpp"))
    (first,) = report(project)["conflicts"]
    project.claims("claims/later.yaml", figure("exact", 75, "cpp"))
    (second,) = report(project)["conflicts"]
    assert second["id"] != first["id"]


def test_the_json_contract_is_version_2(project: Project) -> None:
    setup(project, figure("official", "71.4", "nec") + figure("night", "{about: 72}", "pollster"))
    document = report(project)
    assert document["version"] == 2
    assert set(document) >= {"conflicts", "agreements", "revisions", "summary"}
    (conflict,) = document["conflicts"]
    assert set(conflict) >= {"pairs", "supports"}
    night = next(c for c in conflict["claims"] if c["id"] == "night")
    assert (night["value"]["min"], night["value"]["max"]) == (71.5, 73)  # the figure's precision
    assert (night["value"]["interval"]["min"], night["value"]["interval"]["max"]) == (70.5, 74)


def test_revisions_and_new_evidence_show_in_table_and_markdown(project: Project) -> None:
    setup(
        project,
        figure("nec-prelim", "70.1", "nec", extra="stage: preliminary")
        + figure("nec-official", "71.4", "nec", extra="stage: official")
        + figure("party", 70, "cpp"),
    )
    (conflict,) = report(project)["conflicts"]
    project.write(
        "claims/verdicts.yaml",
        f"verdicts:\n  {conflict['id']}:\n    status: open\n    claims: [party]\n",
    )
    project.claims("claims/later.yaml", figure("repeat", 70, "cnrp"))
    table = project.run("conflicts").stdout
    assert "revision" in table and "official (stands)" in table
    assert "New since the verdict: repeat" in table
    markdown = project.run("conflicts", "--format", "markdown").stdout
    assert "- official (stands): 71\\.4% (`nec-official`)" in markdown
    assert "*New since the verdict:* repeat" in markdown


def test_a_rule_with_too_many_readings_is_bounded_and_says_so(project: Project) -> None:
    parties = [f"p{i}" for i in range(12)]
    people = [f"{p}-{s}" for p in parties for s in "abc"]
    project.write(
        "claims/many.yaml",
        "entities:\n"
        + "".join(f"  {e}: {{name: {e.upper()}}}\n" for e in parties + people)
        + "rules:\n  seats-add-up:\n    property: seats\n    total: 1000\n"
        + f"    relation: exactly\n    parts: [{', '.join(parties)}]\n",
    )
    project.claims(
        "claims/seats.yaml",
        "".join(
            seats(f"{p}-{s}-says", 10 + n, p, f"{p}-{s}")
            for p in parties
            for n, s in enumerate("abc")
        ),
    )
    project.write("claims/verdicts.yaml", "verdicts:\n  cf-00000000: {status: open}\n")
    joint = [c for c in report(project)["conflicts"] if c["kind"] == "joint"]
    assert 0 < len(joint) <= 20
    found = project.run("validate").stdout
    assert "CT304 rule 'seats-add-up' in e2013: more than " in found
    assert "(10,000 checked)" in found


def test_the_json_schema_knows_stages_and_derived_rules() -> None:
    schema = json.loads(CliRunner().invoke(app, ["schema"]).stdout)
    claim_fields = schema["properties"]["claims"]["items"]["properties"]
    assert claim_fields["stage"]["enum"] == ["preliminary", "provisional", "official", "final"]
    assert "stage" in schema["properties"]["defaults"]["properties"]
    rule_fields = schema["properties"]["rules"]["additionalProperties"]["properties"]
    assert {"numerator", "denominator", "scale", "minuend", "subtrahend", "totals"} <= set(
        rule_fields
    )
    assert "ratio" in rule_fields["relation"]["enum"]


def test_a_derived_rule_with_unknown_operands_is_reported_where_written(
    project: Project,
) -> None:
    rule = TURNOUT_RULE.replace("numerator: ballots", "numerator: ballot").replace(
        "denominator: registered", "denominator: {property: registered, subject: nobody}"
    )
    setup(project, figure("t", 75, "comfrel"), rule)
    out = project.run("validate").stdout
    assert "claims/extra.yaml:18:16: CT204 unknown property 'ballot'; did you mean 'ballots'?" in (
        out
    )
    assert "claims/extra.yaml:19:18: CT202 unknown entity 'nobody'" in out
    assert report(project)["conflicts"] == []


def test_a_figure_claimed_in_many_ways_lists_a_bounded_number_of_pairs(
    project: Project,
) -> None:
    setup(project, "".join(figure(f"t{n}", n, "nec", prop="voters") for n in range(100)))
    (conflict,) = report(project)["conflicts"]
    assert len(conflict["pairs"]) == 100 * 99 // 2 and conflict["pairs_complete"]
    assert conflict["explanation"].endswith(", and more (see pairs)")
    project.claims(
        "claims/more.yaml",
        "".join(figure(f"u{n}", n, "nec", prop="voters") for n in range(100, 150)),
    )
    (conflict,) = report(project)["conflicts"]
    assert len(conflict["positions"]) == 150  # 11,175 pairs, of which 10,000 are listed
    assert len(conflict["pairs"]) == 10_000 and not conflict["pairs_complete"]
