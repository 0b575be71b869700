"""`claimtrack coverage`: every figure of the seeds that no claim states, and nothing else.

The bundled seeds pin what is read as a figure in real articles; a seed written here pins the
misreadings of issue 12 (a word read as a month, a year cut into a day, footnote markers).
"""

from __future__ import annotations

import hashlib
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimtrack.textfigures import find_figures
from tests.conftest import Project, Result, claim

S000 = "000_3151aab1fac2fcb4.txt"
S001 = "001_f4e74dbbec6aac99.txt"
S002 = "002_facd879dbe44f1ea.txt"
S003 = "003_5c7b923898c733e8.txt"
S004 = "004_655b0d2d04cd4c32.txt"


def rows_of(result: Result) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = json.loads(result.stdout)["uncovered_figures"]
    return rows


@pytest.fixture(scope="module")
def bundled_rows() -> list[dict[str, object]]:
    from typer.testing import CliRunner

    from claimtrack.cli import app
    from tests.conftest import REPO

    result = CliRunner().invoke(app, ["coverage", "--format", "json", "--root", str(REPO)])
    assert result.exit_code == 0, result.output
    return rows_of(Result(result.exit_code, result.stdout, result.stderr))


@pytest.mark.parametrize(
    ("seed", "line", "figure"),
    [
        (S001, 23, "1998"),  # a year
        (S001, 3, "two"),  # "a two-day ... assembly": a number in words
        (S002, 13, "tens of thousands"),  # a crowd estimate, with no exact value
        (S002, 80, "Thousands"),
        (S000, 27, "Tuesday"),  # a date given as a weekday
        (S002, 43, "Tuesday"),
        (S003, 15, "Nov. 10"),  # month first, abbreviated
        (S004, 45, "June"),  # a month on its own
        (S004, 47, "July"),
        (S002, 97, "Sep 21, 2013"),  # a date followed by a time: the date only
        (S002, 88, "6"),  # "Comments (6)"
    ],
)
def test_figures_of_the_bundled_seeds_are_listed(
    bundled_rows: list[dict[str, object]], seed: str, line: int, figure: str
) -> None:
    assert {"seed": seed, "line": line, "figure": figure} in [
        {k: r[k] for k in ("seed", "line", "figure")} for r in bundled_rows
    ]


def test_what_is_not_a_figure_is_not_listed(bundled_rows: list[dict[str, object]]) -> None:
    listed = {r["figure"] for r in bundled_rows}
    assert not listed & {
        "111417",  # khmer-chiefs-111417.jpg: part of a file name
        "1st",  # "(1st from L)": an ordinal ranks, it does not count
        "2nd",
        "3rd",
        "11:30",  # "11:30am": a time of day, as are "08:23 PM" and "11:21 PM"
        "11",
        "30",
        "08",
        "21",
        "23",
        "Sept. 16",  # always read with its year
        "2013",
    }


def test_a_figure_in_a_quote_is_covered_only_when_the_claim_states_it(
    bundled_rows: list[dict[str, object]],
) -> None:
    """Seed 004 line 25: "four commission chairman posts, and one deputy chairman post in five
    commissions" is quoted by a claim of four chairs and by one in words (a text value): "four"
    is covered, "one" and "five" are not."""
    at_25 = [r["figure"] for r in bundled_rows if r["seed"] == S004 and r["line"] == 25]
    assert at_25 == ["one", "five"]


@pytest.mark.parametrize(
    ("seed", "figure"),
    [
        (S000, "68"),  # value 68, quoted
        (S000, "1 in 10"),  # said: more than 1 in 10 (a percentage of 10)
        (S000, "1 million"),  # said: at least 1 million
        (S001, "83.02 per cent"),  # a percent claim of 83.02
        (S002, "one million"),  # said: one million
        (S002, "U.S. $2,500"),  # said: U.S. $2,500
        (S002, "Sept. 23"),  # a date claim, said: Sept. 23
        (S002, "Saturday"),  # the first round of talks, 2013-09-14
        (S002, "55"),  # "invited 68 CPP and 55 CNRP elected lawmakers": the King's invitation
        (S004, "Sept. 14-15"),  # a date range claim
        (S004, "U.S. $10,000"),
        (S003, "Nov. 14, 2017"),  # a photo caption beside a file name: the detention date
        (S004, "six"),  # "six of 12 legislative commissions": the chairs the CNRP demanded
        (S004, "12"),
    ],
)
def test_figures_that_claims_state_are_not_listed(
    bundled_rows: list[dict[str, object]], seed: str, figure: str
) -> None:
    assert not [r for r in bundled_rows if r["seed"] == seed and r["figure"] == figure]


def test_a_weekday_is_stated_by_a_claim_of_that_day(bundled_rows: list[dict[str, object]]) -> None:
    """Seed 002 line 68, "On Sunday, ... a man was shot dead": a claim of 2013-09-15 (a Sunday)
    states the weekday; the crowd estimate in the same quote is not stated by it."""
    at_68 = [r["figure"] for r in bundled_rows if r["seed"] == S002 and r["line"] == 68]
    assert at_68 == ["tens of thousands"]


def test_a_sentence_is_not_cut_at_an_abbreviation(bundled_rows: list[dict[str, object]]) -> None:
    row = next(r for r in bundled_rows if r["figure"] == "Nov. 10")
    assert str(row["sentence"]).startswith("On Nov. 10, Cambodia’s Prime Minister Hun Sen")


MADE_UP = """\
Harbour Report

Decrease 5.5% in freight, the port said on 28 July 2013, after the storm of 14 January 1985.[1]
Pier tolls rose to $1.2 million, or one in ten of its takings, on Tuesday.
Twenty-one ships and two hundred and five crew waited 3 days; a dozen left at 6:45am.
The harbour master (see note [2]) said 1,063 berths, 2nd in the region, cost 10 euros each.
The board voted 2:1 on 7/28/2013 for one in three (1/3) of the berths, up +5% by 8 p.m.
"""


@pytest.fixture
def harbour(project: Project) -> Project:
    seed = project.write("seeds/harbour.txt", MADE_UP)
    digest = hashlib.sha256(seed.read_bytes()).hexdigest()
    catalog = project.root / "seeds/catalog.yaml"
    catalog.write_text(catalog.read_text() + f"  harbour.txt:\n    sha256: {digest}\n")
    return project


def test_the_misreadings_of_issue_12(harbour: Project) -> None:
    result = harbour.run("coverage", "--seed", "harbour.txt", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert [r["figure"] for r in rows_of(result)] == [
        "5.5%",  # not "Dec…" from "Decrease"
        "28 July 2013",  # not "July 20"
        "14 January 1985",  # not "January 19"; the marker [1] after it is no figure
        "$1.2 million",
        "one in ten",
        "Tuesday",
        "Twenty-one",
        "two hundred and five",
        "3",
        "a dozen",  # 6:45am is a time, not two figures
        "1,063",  # [2] is a marker, 2nd an ordinal
        "10 euros",
        "2:1",  # a score, where 6:45 was a time
        "7/28/2013",
        "one in three",
        "1/3",
        "+5%",  # 8 p.m. is a time
    ]


def test_a_quote_that_holds_a_figure_does_not_cover_the_others(project: Project) -> None:
    """The quote holds 68 and 123; the claim states 68 only."""
    project.claims(
        "claims/x.yaml",
        claim(
            "cpp-68",
            68,
            subject="cpp",
            claimant="cpp",
            quote="The CPP is claiming to have won 68 of the National Assembly’s 123 seats.",
        ),
    )
    rows = rows_of(project.run("coverage", "--format", "json"))
    assert [r["figure"] for r in rows if r["line"] == 3] == ["123"]
    assert [r["figure"] for r in rows if r["line"] == 5] == ["68", "55"]  # not in the quote


def test_a_hedged_claim_states_its_bound_and_said_states_its_wording(project: Project) -> None:
    project.claims(
        "claims/x.yaml",
        claim("cnrp-63", "{at_least: 63}", quote="The CNRP claims to have won 63.")
        + claim(
            "comfrel-1m",
            "{about: 1000000}",
            subject="comfrel",
            prop="voters",
            claimant="comfrel",
            quote="Comfrel warned that about 1 million voters could be struck off.",
            extra="said: about 1 million",
        ),
    )
    figures = [r["figure"] for r in rows_of(project.run("coverage", "--format", "json"))]
    assert "63" not in figures
    assert "1 million" not in figures
    assert "55" in figures and "123" in figures


def test_a_seed_that_cannot_be_read_is_reported_not_skipped(harbour: Project) -> None:
    (harbour.root / "seeds/harbour.txt").write_bytes(b"Pier tolls rose \xff to 5%.\n")
    result = harbour.run("coverage", "--format", "csv")
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "seeds/harbour.txt:1:17: CT002 seed harbour.txt is not valid UTF-8"
    )
    assert "article.txt" in result.stdout  # the other seed is still listed


PIECES = [
    "1", "28", "2013", "1,063", "5.5", "1.2.3", "%", "$", "U.S.", "per cent", "million", "one",
    "twenty", "-", "\u2013", "in", "out of every", "of", "and", "hundred", "a", "dozen", "tens",
    "thousands", "July", "Sept.", "May", "Dec", "Decrease", "Sunday", "th", "s", "am", "p.m.",
    ":", "[", "]", "(", ")", ",", ".", "_", "/", "no", "another", "é", "٣", "\n",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(["", " ", "  "])), max_size=40))
def test_figures_are_read_from_any_text_in_order_without_overlap(
    pieces: list[tuple[str, str]],
) -> None:
    text = "".join(piece + gap for piece, gap in pieces)
    end = 0
    for figure in find_figures(text):
        assert end <= figure.start < figure.end <= len(text)
        assert figure.text == " ".join(text[figure.start : figure.end].split())
        assert (
            figure.numbers or figure.dates or figure.weekday is not None or figure.kind == "vague"
        )
        end = figure.end


def test_one_as_a_kind_or_a_pronoun_is_not_a_figure() -> None:
    """Seed 000: "China, a one-party state"; seed 002: "One side wanted to talk about ... while
    the other ..."; neither counts anything. "one deputy chairman post" does."""
    found = [f.text for f in find_figures("China, a one-party state, and Hungary.")]
    assert found == []
    assert [f.text for f in find_figures("One side wanted talks; on one hand, no.")] == []
    assert [f.text for f in find_figures("and one deputy chairman post in five")] == [
        "one",
        "five",
    ]
