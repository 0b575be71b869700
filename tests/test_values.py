"""How a claimed figure is read: its written precision, each hedge, `said`, and the limits.

Every row of the hedge table and every precision rule in docs/claims.md has a test here, run
through the CLI as a fact-checker runs it.
"""

from __future__ import annotations

import hashlib
import json
import time
from typing import Any

import pytest

from tests.conftest import Project, claim

GOOD = claim("cnrp-63", 63, quote="The CNRP claims to have won 63.")

COUNT = """\
Count Closes in Valdoria

The commission said turnout reached 71.4% of registered voters. The Green League put turnout
at about 72 percent, observers said just under 72% voted, and the Blue Alliance said only 70%
turned out. The Green League won some 51.8 percent of the vote; the commission's count gave it
50.83 percent. Some 8.41 million people voted, and the commission counted 8,417,912 ballots.
Half of the 64 observers, at least 63 of them trained, said five teams had seen sixty-three
polling stations, and more than one in ten stations opened late. At least 10% of stations ran
short of ballots, and fewer than 5% had no lamps. Officials said 5 to 10 stations closed early,
at a cost of $1.2bn. Two and a half million voters stayed at home.
"""

MORE_PROPERTIES = """\
properties:
  share: {name: Share of the vote, type: percent}
  ballots: {name: Ballots cast, type: number}
  late: {name: Stations that opened late, type: percent}
  careful: {name: Turnout to half a point, type: percent, tolerance: 0.5}
"""


def add_seed(project: Project, text: str) -> None:
    """`seeds/count.txt` with `text`, catalogued beside the shared article."""
    catalog = project.root / "seeds" / "catalog.yaml"
    digest = hashlib.sha256(project.write("seeds/count.txt", text).read_bytes()).hexdigest()
    head = catalog.read_text().split("  count.txt:")[0]
    catalog.write_text(f"{head}  count.txt:\n    sha256: {digest}\n")


@pytest.fixture
def count(project: Project) -> Project:
    """The shared project with a second seed (a made-up election count) and more properties."""
    add_seed(project, COUNT)
    project.write("claims/registry-more.yaml", MORE_PROPERTIES)
    return project


def on_count(cid: str, value: object, quote: str, **fields: str) -> str:
    """A claim about the election, quoted from the count."""
    extra = "\n".join(f"{k}: {v}" for k, v in fields.items() if k not in ("prop", "claimant"))
    text = claim(
        cid,
        value,
        subject="election",
        prop=fields.get("prop", "turnout"),
        claimant=fields.get("claimant", "nec"),
        quote=quote,
        extra=extra,
    )
    return text.replace("seed: article.txt", "seed: count.txt")


def conflicts(project: Project) -> dict[str, Any]:
    result = project.run("conflicts", "--format", "json")
    assert result.exit_code == 0, result.stdout + result.stderr
    return json.loads(result.stdout)


def reading(project: Project, prop: str, first: object, second: object) -> str:
    """How two claims on one property compare: 'value' (conflict), 'tension' or 'agree'."""
    project.claims(
        "claims/pair.yaml",
        claim("first", first, prop=prop) + claim("second", second, prop=prop, claimant="nec"),
    )
    document = conflicts(project)
    if document["conflicts"]:
        return str(document["conflicts"][0]["kind"])
    assert len(document["agreements"]) == 1
    return "agree"


def bounds(project: Project, prop: str, value: object) -> tuple[Any, Any]:
    """The numbers a value covers without tolerance, as `export` gives them."""
    project.claims("claims/one.yaml", claim("one", value, prop=prop))
    result = project.run("export", "--format", "jsonl")
    assert result.exit_code == 0, result.stdout + result.stderr
    row = json.loads(result.stdout.splitlines()[0])
    return row["min"], row["max"]


def findings(project: Project) -> list[str]:
    return project.run("validate").stdout.splitlines()[:-1]


# The examples of the issue, from `claimtrack conflicts --format json`


def test_turnout_71_4_against_70_is_a_conflict(count: Project) -> None:
    count.claims(
        "claims/turnout.yaml",
        on_count("official", 71.4, "turnout reached 71.4%")
        + on_count("blue", 70, "only 70% turned out", claimant="cnrp"),
    )
    assert count.run("validate").exit_code == 0
    (conflict,) = conflicts(count)["conflicts"]
    assert conflict["kind"] == "value"
    assert [p["claims"] for p in conflict["positions"]] == [["blue"], ["official"]]
    assert conflict["explanation"] == (
        "no value lies in all of: 70% = [69.5%, 71%); 71.4% = [71.35%, 71.5%)"
    )


@pytest.mark.parametrize(("other", "quote"), [(71.4, "turnout reached 71.4%"), (70, "only 70%")])
def test_just_under_72_is_compatible_with_71_4_and_with_70(
    count: Project, other: object, quote: str
) -> None:
    count.claims(
        "claims/turnout.yaml",
        on_count(
            "observers",
            "{just_under: 72}",
            "observers said just under 72% voted",
            claimant="comfrel",
            said="just under 72%",
        )
        + on_count("other", other, quote),
    )
    assert count.run("validate").exit_code == 0
    document = conflicts(count)
    assert document["conflicts"] == []
    assert document["agreements"][0]["claims"] == ["observers", "other"]


def test_71_4_and_70_still_conflict_beside_just_under_72(count: Project) -> None:
    count.claims(
        "claims/turnout.yaml",
        on_count("official", 71.4, "turnout reached 71.4%")
        + on_count("blue", 70, "only 70% turned out", claimant="cnrp")
        + on_count(
            "observers",
            "{just_under: 72}",
            "observers said just under 72% voted",
            claimant="comfrel",
            said="just under 72%",
        ),
    )
    (conflict,) = conflicts(count)["conflicts"]
    assert conflict["kind"] == "value"
    sides = [set(p["claims"]) for p in conflict["positions"]]
    assert not any({"official", "blue"} <= side for side in sides)


def test_about_72_percent_against_71_4_is_a_tension(count: Project) -> None:
    count.claims(
        "claims/turnout.yaml",
        on_count("official", 71.4, "turnout reached 71.4%")
        + on_count(
            "green",
            "{about: 72}",
            "put turnout at about 72 percent",
            claimant="cpp",
            said="about 72 percent",
        ),
    )
    assert count.run("validate").exit_code == 0
    document = conflicts(count)
    (conflict,) = document["conflicts"]
    assert conflict["kind"] == "tension"
    assert document["agreements"] == []


def test_some_51_8_percent_against_50_83_is_a_conflict(count: Project) -> None:
    count.claims(
        "claims/share.yaml",
        on_count(
            "green",
            "{some: 51.8}",
            "won some 51.8 percent of the vote",
            prop="share",
            claimant="cpp",
            said="some 51.8 percent",
        )
        + on_count("official", 50.83, "the commission's count gave it 50.83 percent", prop="share"),
    )
    assert count.run("validate").exit_code == 0
    (conflict,) = conflicts(count)["conflicts"]
    assert conflict["kind"] == "value"


def test_some_8_41_million_against_8_417_912_is_not_a_conflict(count: Project) -> None:
    count.claims(
        "claims/ballots.yaml",
        on_count(
            "reported",
            "{some: 8.41 million}",
            "Some 8.41 million people voted",
            prop="ballots",
            claimant="cpp",
            said="Some 8.41 million",
        )
        + on_count("counted", 8417912, "the commission counted 8,417,912 ballots", prop="ballots"),
    )
    assert count.run("validate").exit_code == 0
    document = conflicts(count)
    assert document["conflicts"] == []
    assert document["agreements"][0]["claims"] == ["counted", "reported"]


# Precision: what a figure covers as written


def test_decimals_cover_rounding_and_truncation(project: Project) -> None:
    assert bounds(project, "turnout", 71.4) == (71.35, 71.5)
    assert reading(project, "turnout", 71.4, 71.49) == "agree"
    assert reading(project, "turnout", 71.4, 71.5) == "agree"  # 71.45-71.5: cut or rounded
    assert reading(project, "turnout", 71.4, 71.6) == "value"


def test_a_trailing_zero_after_the_point_is_precision(project: Project) -> None:
    assert bounds(project, "turnout", "51.80") == (51.795, 51.81)
    assert reading(project, "turnout", "51.80", 51.83) == "value"


def test_a_whole_percentage_covers_its_point(project: Project) -> None:
    assert bounds(project, "turnout", 70) == (69.5, 71)
    assert reading(project, "turnout", 70, 70.9) == "agree"


def test_a_scale_word_sets_the_step(project: Project) -> None:
    assert bounds(project, "voters", "8.41 million") == (8405000, 8420000)
    assert reading(project, "voters", "8.41 million", 8419999) == "agree"
    assert reading(project, "voters", "8.41 million", 8420000) == "value"


def test_a_single_significant_digit_is_read_as_rounded_only(project: Project) -> None:
    assert bounds(project, "voters", "1 million") == (500000, 1500000)
    assert reading(project, "voters", "1 million", 1900000) == "value"


def test_trailing_zeros_before_a_scale_word_are_not_significant(project: Project) -> None:
    assert bounds(project, "voters", "120 million") == (115000000, 130000000)


def test_a_count_written_in_full_is_exact(project: Project) -> None:
    assert bounds(project, "seats", 68) == (68, 68)
    assert bounds(project, "voters", 1000000) == (1000000, 1000000)
    assert reading(project, "seats", 68, 69) == "value"


def test_a_number_with_decimals_covers_its_last_digit(project: Project) -> None:
    assert bounds(project, "voters", 2.5) == (2.45, 2.6)


def test_bounds_are_the_numbers_written(project: Project) -> None:
    assert bounds(project, "turnout", "{at_least: 71.4}") == (71.4, 100)
    assert bounds(project, "voters", "{up_to: 1.5 million}") == (None, 1500000)


# Hedges: one test per row of the table in docs/claims.md


@pytest.mark.parametrize("hedge", ["about", "around", "roughly", "approximately", "some"])
def test_about_and_its_synonyms(project: Project, hedge: str) -> None:
    value = f"{{{hedge}: 72}}"
    assert bounds(project, "turnout", value) == (71.5, 73)
    assert reading(project, "turnout", value, 72.9) == "agree"
    assert reading(project, "turnout", value, 73.5) == "tension"
    assert reading(project, "turnout", value, 74.5) == "value"


def test_about_a_figure_with_a_scale_word_reaches_one_unit_of_its_last_digit(
    project: Project,
) -> None:
    value = "{some: 8.41 million}"
    assert bounds(project, "voters", value) == (8405000, 8420000)
    assert reading(project, "voters", value, 8429999) == "tension"
    assert reading(project, "voters", value, 8430000) == "value"


def test_about_a_round_number_reaches_one_unit_of_its_second_digit(project: Project) -> None:
    value = "{about: 1000000}"
    assert bounds(project, "voters", value) == (500000, 1500000)
    assert reading(project, "voters", value, 1550000) == "tension"
    assert reading(project, "voters", value, 1650000) == "value"


@pytest.mark.parametrize("hedge", ["nearly", "almost", "just_under"])
def test_nearly_and_its_synonyms(project: Project, hedge: str) -> None:
    value = f"{{{hedge}: 72}}"
    assert bounds(project, "turnout", value) == (70.5, 72)
    assert reading(project, "turnout", value, 70.6) == "agree"
    assert reading(project, "turnout", value, 69) == "value"
    assert reading(project, "turnout", value, 72.1) == "value"
    assert reading(project, "turnout", value, 10) == "value"


def test_nearly_a_round_million_reaches_a_little_below_it(project: Project) -> None:
    assert bounds(project, "voters", "{almost: 1 million}") == (850000, 1000000)


def test_just_over(project: Project) -> None:
    value = "{just_over: 50}"
    assert bounds(project, "turnout", value) == (50, 51.5)
    assert reading(project, "turnout", value, 51.2) == "agree"
    assert reading(project, "turnout", value, 49.9) == "value"
    assert reading(project, "turnout", value, 53) == "value"


@pytest.mark.parametrize("hedge", ["more_than", "over"])
def test_more_than_and_over_are_lower_bounds(project: Project, hedge: str) -> None:
    value = f"{{{hedge}: 50}}"
    assert bounds(project, "turnout", value) == (50, 100)
    assert reading(project, "turnout", value, 80) == "agree"
    assert reading(project, "turnout", value, 49.2) == "value"


def test_at_least(project: Project) -> None:
    assert reading(project, "seats", "{at_least: 63}", 68) == "agree"
    assert reading(project, "seats", "{at_least: 63}", 62) == "value"


@pytest.mark.parametrize("hedge", ["at_most", "up_to"])
def test_at_most_and_up_to(project: Project, hedge: str) -> None:
    value = f"{{{hedge}: 10}}"
    assert reading(project, "seats", value, 10) == "agree"
    assert reading(project, "seats", value, 11) == "value"


def test_less_than_is_an_upper_bound_only(project: Project) -> None:
    assert bounds(project, "turnout", "{less_than: 72}") == (0, 72)
    assert reading(project, "turnout", "{less_than: 72}", 10) == "agree"
    assert reading(project, "turnout", "{less_than: 72}", 73) == "value"


def test_between(project: Project) -> None:
    assert bounds(project, "seats", "{between: [5, 10]}") == (5, 10)
    assert bounds(project, "seats", "{at_least: 5, at_most: 10}") == (5, 10)
    assert reading(project, "seats", "{between: [5, 10]}", 11) == "value"


def test_a_claim_tolerance_is_in_the_value_s_own_unit(project: Project) -> None:
    assert reading(project, "turnout", "{about: 72, tolerance: 0.2}", 73.1) == "tension"
    assert reading(project, "turnout", "{about: 72, tolerance: 0.2}", 73.5) == "value"


def test_a_property_tolerance_is_in_points_for_a_percentage(count: Project) -> None:
    assert reading(count, "careful", "{about: 72}", 73.4) == "tension"
    assert reading(count, "careful", "{about: 72}", 73.6) == "value"


def test_tolerance_goes_only_with_about(project: Project) -> None:
    project.claims("claims/x.yaml", claim("x", "{nearly: 72, tolerance: 1}", prop="turnout"))
    assert findings(project) == [
        "claims/x.yaml:5:36: CT205 'tolerance' goes with 'about'; 'nearly' reaches one and a "
        "half units of its figure"
    ]


# `said` must say what the value says


def said_finding(project: Project, value: object, said: str, quote: str) -> list[str]:
    add_seed(project, COUNT)
    project.claims(
        "claims/x.yaml",
        claim("x", value, quote=quote, extra=f"said: {said}").replace(
            "seed: article.txt", "seed: count.txt"
        ),
    )
    return findings(project)


def test_a_said_with_another_number_is_an_error(project: Project) -> None:
    assert said_finding(project, 50, "five", "said five teams") == [
        "claims/x.yaml:8:12: CT109 'said' ('five') gives 5 but the value is 50"
    ]
    assert project.run("validate").exit_code == 1


def test_a_said_with_another_bound_is_an_error(project: Project) -> None:
    assert said_finding(project, "{at_least: 64}", "at least 63", "at least 63 of them") == [
        "claims/x.yaml:8:12: CT109 'said' ('at least 63') gives 63 but the value is 64"
    ]


def test_a_said_with_another_hedge_is_an_error(project: Project) -> None:
    assert said_finding(project, 63, "at least 63", "at least 63 of them") == [
        "claims/x.yaml:8:12: CT109 'said' ('at least 63') is worded as 'at least' but the value "
        "is a plain figure; write the value with the hedge the source uses"
    ]


def test_a_said_without_a_figure_is_an_error(project: Project) -> None:
    assert said_finding(project, 32, "Half of the", "Half of the 64 observers") == [
        "claims/x.yaml:8:12: CT109 'said' ('Half of the') gives no figure to check against "
        "the value 32"
    ]


@pytest.mark.parametrize(
    ("value", "said", "quote"),
    [
        (63, "sixty-three", "had seen sixty-three polling stations"),
        (5, "five teams", "said five teams"),
        ("{more_than: 10}", "more than one in ten", "more than one in ten stations opened late"),
        ("{at_least: 63}", "at least 63", "at least 63 of them trained"),
        ("{some: 8.41 million}", "Some 8.41 million", "Some 8.41 million people voted"),
        (8417912, "8,417,912", "the commission counted 8,417,912 ballots"),
        ("{between: [5, 10]}", "5 to 10 stations", "Officials said 5 to 10 stations"),
        ("1.2 billion", "$1.2bn", "at a cost of $1.2bn"),
        ("2.5 million", "Two and a half million", "Two and a half million voters stayed"),
    ],
)
def test_a_said_that_matches_the_value_passes(
    project: Project, value: object, said: str, quote: str
) -> None:
    project.write("claims/registry-more.yaml", MORE_PROPERTIES)
    assert said_finding(project, value, said, quote) == []


def test_a_count_given_in_parts_is_their_sum(project: Project) -> None:
    add_seed(project, "They held two chiefs and an officer overnight.\n")
    project.claims(
        "claims/x.yaml",
        claim(
            "x", 3, quote="two chiefs and an officer", extra="said: two chiefs and an officer"
        ).replace("seed: article.txt", "seed: count.txt"),
    )
    assert findings(project) == []


def test_bounds_nobody_wrote_are_not_looked_for_in_the_quote(count: Project) -> None:
    count.claims(
        "claims/late.yaml",
        on_count("short", "{at_least: 10}", "At least 10% of stations ran short", prop="late")
        + on_count("dark", "{less_than: 5}", "fewer than 5% had no lamps", prop="share"),
    )
    assert findings(count) == []


def test_a_figure_written_with_a_scale_word_is_found_in_the_quote(count: Project) -> None:
    count.claims(
        "claims/x.yaml",
        on_count("x", "8.41 million", "Some 8.41 million people voted", prop="ballots"),
    )
    assert findings(count) == []


# Limits: every number claimtrack cannot read is a located finding, at once


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1e5000", "'1e5000' is out of range (figures stay below 10^18)"),
        ("9e999999", "'9e999999' is out of range (figures stay below 10^18)"),
        ("1e999999999", "'1e999999999' is out of range (figures stay below 10^18)"),
        ("1e18", "'1e18' is out of range (figures stay below 10^18)"),
        ("1e-999999", "'1e-999999' has more than 12 decimal places"),
        ("0.0000000000001", "'0.0000000000001' has more than 12 decimal places"),
        ("123456789012345678901", "'123456789012345678901' has more than 20 digits"),
        ("9" * 1_000_000, "'99999999999999999999...' has more than 20 digits"),
        (".nan", "'.nan' is not a finite number"),
        ("-.inf", "'-.inf' is not a finite number"),
        ("'{about: 9e999999, tolerance: 10}'", None),
    ],
)
def test_numbers_beyond_the_limits_are_located_findings(
    project: Project, value: str, message: str | None
) -> None:
    if message is None:
        value, message = value.strip("'"), "'9e999999' is out of range (figures stay below 10^18)"
    project.claims(
        "claims/x.yaml",
        claim("x", value, prop="voters") + claim("y", 55, quote="The CNRP claims to have won 63."),
    )
    started = time.monotonic()
    lines = findings(project)
    assert time.monotonic() - started < 2
    column = 20 if value.startswith("{") else 12
    assert lines == [
        f"claims/x.yaml:5:{column}: CT016 {message}",
        "claims/x.yaml:16:12: CT104 55 does not appear in the quote; quote the figure, or give "
        "the source's own wording in 'said'",
    ]


def test_a_negative_tolerance_is_a_located_finding(project: Project) -> None:
    project.claims("claims/x.yaml", claim("x", "{about: 12, tolerance: -0.5}", prop="voters"))
    assert findings(project) == [
        "claims/x.yaml:5:35: CT016 tolerance '-0.5' is negative; give 0 or more"
    ]
    assert project.run("conflicts").exit_code == 0


def test_a_negative_tolerance_on_a_property_is_a_located_finding(project: Project) -> None:
    project.write(
        "claims/registry-more.yaml",
        "properties:\n  struck: {name: Struck off, type: number, tolerance: -0.5}\n",
    )
    project.claims(
        "claims/x.yaml",
        claim(
            "x",
            "{about: 1 million}",
            prop="struck",
            quote="about 1 million voters",
            extra="said: about 1 million",
        ),
    )
    assert findings(project) == [
        "claims/registry-more.yaml:2:55: CT016 property 'struck' field 'tolerance': '-0.5' is "
        "below 0; give 0 or more"
    ]


def test_a_rule_total_beyond_the_limits_is_a_located_finding(project: Project) -> None:
    project.write(
        "claims/rules.yaml",
        "rules:\n  cap:\n    property: seats\n    total: 1e5000\n    relation: at-most\n",
    )
    project.claims("claims/x.yaml", GOOD)
    assert findings(project) == [
        "claims/rules.yaml:2:3: CT207 rule 'cap': a sum rule takes either 'total' or 'totals' "
        "(per scope)",
        "claims/rules.yaml:4:12: CT016 rule 'cap' field 'total': '1e5000' is out of range "
        "(figures stay below 10^18)",
    ]
    assert project.run("conflicts").exit_code == 0


@pytest.mark.parametrize(
    ("value", "column", "message"),
    [
        ("{about: 5, nearly: 6}", 12, "CT205 property 'turnout' takes 'about' on its own"),
        ("{nearly: 0}", 12, "CT016 nearly 0% is an empty range"),
        ("{about: 5, tolerance: plenty}", 34, "CT016 tolerance: 'plenty' is not a number"),
    ],
)
def test_hedges_that_cannot_be_read_are_located_findings(
    project: Project, value: str, column: int, message: str
) -> None:
    project.claims("claims/x.yaml", claim("x", value, prop="turnout"))
    (line,) = findings(project)
    assert line.startswith(f"claims/x.yaml:5:{column}: {message}")


def test_show_prints_how_a_figure_reads(project: Project) -> None:
    project.claims("claims/x.yaml", claim("x", "{about: 72}", prop="turnout"))
    shown = project.run("show", "x").stdout
    assert "reads as    [71.5%, 73%); in tension up to [70.5%, 74%)" in shown
