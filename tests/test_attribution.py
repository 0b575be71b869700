"""Relayed speech and several claimants, from the claim file to every output.

The corpus is made up: a prime minister (Hem Rith) who says the vote was free and fair, an
opposition leader (Dara Vann) who says it was not and who reports that Hem Rith admitted as much
in private talks, and a diplomat (Lena Ortiz), a party to neither side, who reports the same.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import textwrap
from collections.abc import Callable
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from claimtrack.cli import app
from tests.conftest import REPO, Project, Result

SEEDS = {
    "talks.txt": """\
        Talks End Without Deal

        Opposition leader Dara Vann said that the prime minister admitted in the talks that the
        vote was not free and fair.
        """,
    "interview.txt": """\
        Leaders Trade Charges

        “The vote was not free and fair,” Dara Vann told reporters. The prime minister said the
        vote was free and fair.
        """,
    "diplomat.txt": """\
        Envoy Speaks Out

        A diplomat, Lena Ortiz, said the prime minister had told her privately that the vote was
        not free and fair.
        """,
    "diplomat-again.txt": """\
        Envoy Repeats Account

        Lena Ortiz repeated that the prime minister had told her the vote was not free and fair.
        """,
    "posted.txt": """\
        Result Posted

        The ruling party and the election committee both posted the same result: the CPP won 68
        seats. The opposition said the CPP won only 50 seats. The ruling party said that observers
        from Comfrel had confirmed the figure.
        """,
}

PEOPLE = """\
    entities:
      hem-rith: {name: Hem Rith, type: person, aliases: [prime minister]}
      dara-vann: {name: Dara Vann, type: person, aliases: [Vann]}
      lena-ortiz: {name: Lena Ortiz, type: person}
    """


def claim(
    cid: str,
    value: object,
    *,
    subject: str,
    claimant: str,
    seed: str,
    quote: str,
    prop: str = "free",
    extra: str = "",
) -> str:
    """One claim as a YAML list item, scoped to the 2013 election."""
    lines = [
        f"- id: {cid}",
        f"  subject: {subject}",
        f"  property: {prop}",
        "  scope: e2013",
        f"  value: {value}",
        f"  claimant: {claimant}",
        f"  seed: {seed}",
        f"  quote: {quote}",
        *(f"  {line}" for line in extra.splitlines()),
    ]
    return "\n".join(lines) + "\n"


PM_SAYS_FREE = claim(
    "pm-says-free",
    "true",
    subject="election",
    claimant="hem-rith",
    quote="The prime minister said the vote was free and fair.",
    seed="interview.txt",
)
VANN_SAYS_NOT_FREE = claim(
    "vann-says-not-free",
    "false",
    subject="election",
    claimant="dara-vann",
    quote="“The vote was not free and fair,” Dara Vann told reporters.",
    seed="interview.txt",
)
RELAYED_BY_VANN = claim(
    "pm-admitted-not-free",
    "false",
    subject="election",
    claimant="hem-rith",
    quote="the prime minister admitted in the talks that the vote was not free and fair.",
    seed="talks.txt",
    extra="relayed_by: Vann",
)
RELAYED_BY_ORTIZ = claim(
    "pm-told-ortiz-not-free",
    "false",
    subject="election",
    claimant="hem-rith",
    quote="the prime minister had told her privately that the vote was not free and fair.",
    seed="diplomat.txt",
    extra=(
        "relayed_by: lena-ortiz\nalso:\n  - seed: diplomat-again.txt\n"
        "    quote: the prime minister had told her the vote was not free and fair."
    ),
)
POSTED_68 = claim(
    "cpp-68-posted",
    68,
    subject="cpp",
    claimant="[cpp, NEC]",
    quote=(
        "'The ruling party and the election committee both posted the same result: the CPP won 68'"
    ),
    prop="seats",
    seed="posted.txt",
)
OPPOSITION_50 = claim(
    "cpp-50-opposition",
    50,
    subject="cpp",
    claimant="cnrp",
    quote="The opposition said the CPP won only 50 seats.",
    prop="seats",
    seed="posted.txt",
)


@pytest.fixture
def talks(project: Project) -> Project:
    """The test project plus the made-up seeds (catalogued) and people."""
    catalog = (project.root / "seeds/catalog.yaml").read_text(encoding="utf-8")
    for name, text in SEEDS.items():
        seed = project.write(f"seeds/{name}", text)
        digest = hashlib.sha256(seed.read_bytes()).hexdigest()
        catalog += f"  {name}:\n    title: {textwrap.dedent(text).splitlines()[0]}\n"
        catalog += f"    sha256: {digest}\n"
    project.write("seeds/catalog.yaml", catalog)
    project.write("claims/people.yaml", PEOPLE)
    return project


def conflicts(project: Project, *args: str) -> dict[str, Any]:
    result = project.run("conflicts", "--format", "json", *args)
    assert result.exit_code == 0, result.stdout + result.stderr
    return json.loads(result.stdout)


def validate(project: Project) -> list[str]:
    return project.run("validate").stdout.splitlines()[:-1]


def one_conflict(project: Project) -> dict[str, Any]:
    (conflict,) = conflicts(project)["conflicts"]
    return conflict


def sources(conflict: dict[str, Any]) -> dict[tuple[str, ...], tuple[int, list[str]]]:
    """Each position's claims -> (independent sources, claims relayed by an interested party)."""
    return {
        tuple(p["claims"]): (p["independent_sources"], p["interested_relays"])
        for p in conflict["positions"]
    }


# Reading the fields


def test_relayed_and_shared_claims_validate(talks: Project) -> None:
    talks.claims(
        "claims/free.yaml",
        PM_SAYS_FREE + VANN_SAYS_NOT_FREE + RELAYED_BY_VANN + POSTED_68 + OPPOSITION_50,
    )
    assert talks.run("validate", "--strict").stdout.startswith("All clean")


def test_unknown_relayer_is_located_with_a_suggestion(talks: Project) -> None:
    talks.claims(
        "claims/free.yaml", RELAYED_BY_VANN.replace("relayed_by: Vann", "relayed_by: dara-van")
    )
    assert validate(talks) == [
        "claims/free.yaml:10:17: CT202 unknown entity 'dara-van' as relayed_by; did you mean "
        "'dara-vann'?; add it to an entities registry, or add this spelling to an entity's aliases"
    ]


def test_relayer_who_is_the_claimant_is_an_error(talks: Project) -> None:
    talks.claims(
        "claims/free.yaml", RELAYED_BY_VANN.replace("relayed_by: Vann", "relayed_by: Hem Rith")
    )
    assert validate(talks) == [
        "claims/free.yaml:10:17: CT016 claim 'pm-admitted-not-free': relayed_by 'Hem Rith' is also "
        "its claimant; no one relays their own words: remove relayed_by, or name who is relayed "
        "as the claimant"
    ]
    assert conflicts(talks)["conflicts"] == []


def test_a_relayer_from_the_defaults_is_checked_against_each_claim(talks: Project) -> None:
    talks.claims(
        "claims/free.yaml",
        RELAYED_BY_VANN.replace("  relayed_by: Vann\n", "")
        + VANN_SAYS_NOT_FREE.replace("claimant: dara-vann", "claimant: Dara Vann"),
        defaults="relayed_by: dara-vann\n",
    )
    assert validate(talks) == [
        "claims/free.yaml:2:15: CT016 claim 'vann-says-not-free': relayed_by 'dara-vann' is also "
        "its claimant; no one relays their own words: remove relayed_by, or name who is relayed "
        "as the claimant"
    ]


def test_unknown_claimant_in_a_list_is_located_at_that_name(talks: Project) -> None:
    talks.claims("claims/seats.yaml", POSTED_68.replace("[cpp, NEC]", "[cpp, nex]"))
    assert validate(talks) == [
        "claims/seats.yaml:7:21: CT202 unknown entity 'nex' as claimant; did you mean 'nec'?; add "
        "it to an entities registry, or add this spelling to an entity's aliases"
    ]


def test_one_claimant_named_twice_is_an_error(talks: Project) -> None:
    talks.claims("claims/seats.yaml", POSTED_68.replace("[cpp, NEC]", "[cpp, nec, CPP]"))
    assert validate(talks) == [
        "claims/seats.yaml:7:26: CT016 claim 'cpp-68-posted' lists the claimant 'cpp' twice "
        "('CPP' is one of its names); name each claimant once"
    ]


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("[]", "7:15: CT014 claim field 'claimant': empty list; name at least one entity"),
        (
            "[cpp, {id: nec}]",
            "7:21: CT014 claim field 'claimant': expected a single value, found a mapping",
        ),
        ("[cpp, ~]", "7:21: CT014 claim field 'claimant': empty; give a value or remove the field"),
    ],
)
def test_a_claimant_list_must_hold_names(talks: Project, written: str, expected: str) -> None:
    talks.claims("claims/seats.yaml", POSTED_68.replace("[cpp, NEC]", written))
    assert f"claims/seats.yaml:{expected}" in validate(talks)
    assert conflicts(talks)["conflicts"] == []


def test_relayed_by_takes_one_entity(talks: Project) -> None:
    talks.claims(
        "claims/free.yaml", RELAYED_BY_VANN.replace("relayed_by: Vann", "relayed_by: [Vann, cpp]")
    )
    assert validate(talks) == [
        "claims/free.yaml:10:17: CT014 claim field 'relayed_by': expected a single value, "
        "found a list"
    ]


# Independent sources


def test_an_account_relayed_by_the_other_side_is_not_a_source(talks: Project) -> None:
    """Vann says the vote was unfair, and says Hem Rith privately agreed: Vann's account of Hem
    Rith adds nothing to Vann's own word, though it comes from a second article."""
    talks.claims("claims/free.yaml", PM_SAYS_FREE + VANN_SAYS_NOT_FREE + RELAYED_BY_VANN)
    conflict = one_conflict(talks)
    assert sources(conflict) == {
        ("pm-admitted-not-free", "vann-says-not-free"): (1, ["pm-admitted-not-free"]),
        ("pm-says-free",): (1, []),
    }
    assert conflict["summary"] == (
        "Free and fair, the election (2013 election): false (Hem Rith (as relayed by Dara Vann), "
        "Dara Vann) vs true (Hem Rith)"
    )


def test_an_account_relayed_by_a_party_to_neither_side_is_a_source(talks: Project) -> None:
    """Ortiz claims nothing in the dispute: her account counts, once, though two articles carry
    it (both rest on her word alone)."""
    talks.claims("claims/free.yaml", PM_SAYS_FREE + VANN_SAYS_NOT_FREE + RELAYED_BY_ORTIZ)
    assert sources(one_conflict(talks)) == {
        ("pm-told-ortiz-not-free", "vann-says-not-free"): (2, []),
        ("pm-says-free",): (1, []),
    }


def test_a_relayer_who_claims_elsewhere_in_the_group_is_interested(talks: Project) -> None:
    """Ortiz becomes a party once she asserts a value herself, on either side."""
    ortiz_says_free = PM_SAYS_FREE.replace("pm-says-free", "ortiz-says-free").replace(
        "claimant: hem-rith", "claimant: lena-ortiz"
    )
    talks.claims(
        "claims/free.yaml", PM_SAYS_FREE + VANN_SAYS_NOT_FREE + RELAYED_BY_ORTIZ + ortiz_says_free
    )
    assert sources(one_conflict(talks)) == {
        ("pm-told-ortiz-not-free", "vann-says-not-free"): (1, ["pm-told-ortiz-not-free"]),
        ("ortiz-says-free", "pm-says-free"): (1, []),
    }


def test_relayed_agreement_by_an_interested_party_is_not_corroboration(talks: Project) -> None:
    talks.claims("claims/free.yaml", VANN_SAYS_NOT_FREE + RELAYED_BY_VANN)
    document = conflicts(talks)
    (agreement,) = document["agreements"]
    assert (agreement["independent_sources"], agreement["interested_relays"]) == (
        1,
        ["pm-admitted-not-free"],
    )


def test_a_relayer_who_is_the_subject_is_interested(talks: Project) -> None:
    """The CPP's account of what observers confirmed about the CPP's own seats is not a
    second source beside the election committee."""
    nec_68 = POSTED_68.replace("cpp-68-posted", "nec-68").replace("[cpp, NEC]", "nec")
    nec_68 = nec_68.replace("The ruling party and the election", "the election")
    comfrel_68 = claim(
        "comfrel-68",
        68,
        subject="cpp",
        claimant="comfrel",
        prop="seats",
        seed="posted.txt",
        quote="The ruling party said that observers from Comfrel had confirmed the figure.",
        extra="relayed_by: CPP\nsaid: the figure",
    )
    talks.claims("claims/seats.yaml", nec_68 + comfrel_68)
    (agreement,) = conflicts(talks)["agreements"]
    assert (agreement["independent_sources"], agreement["interested_relays"]) == (
        1,
        ["comfrel-68"],
    )


def test_several_claimants_in_one_quote_are_one_source(talks: Project) -> None:
    talks.claims("claims/seats.yaml", POSTED_68 + OPPOSITION_50)
    assert sources(one_conflict(talks)) == {
        ("cpp-50-opposition",): (1, []),
        ("cpp-68-posted",): (1, []),
    }


def test_several_claimants_relayed_each_carry_the_relayer(talks: Project) -> None:
    talks.claims(
        "claims/seats.yaml",
        POSTED_68.replace(
            "  claimant: [cpp, NEC]\n", "  claimant: [cpp, NEC]\n  relayed_by: comfrel\n"
        )
        + OPPOSITION_50,
    )
    (record,) = [c for c in one_conflict(talks)["claims"] if c["id"] == "cpp-68-posted"]
    assert record["attribution"] == (
        "Cambodian People's Party (as relayed by Comfrel), "
        "National Election Committee (as relayed by Comfrel)"
    )


# Filters


def test_claimant_filter_matches_any_claimant_but_not_the_relayer(talks: Project) -> None:
    talks.claims(
        "claims/free.yaml", PM_SAYS_FREE + VANN_SAYS_NOT_FREE + RELAYED_BY_VANN + POSTED_68
    )

    def ids(*args: str) -> list[str]:
        rows = json.loads(talks.run("claims", "--format", "json", *args).stdout)["claims"]
        return [row["id"] for row in rows]

    assert ids("--claimant", "NEC") == ["cpp-68-posted"]
    assert ids("--claimant", "cpp") == ["cpp-68-posted"]
    assert ids("--claimant", "Vann") == ["vann-says-not-free"]
    assert ids("--relayed-by", "Vann") == ["pm-admitted-not-free"]
    assert ids("--claimant", "hem-rith") == ["pm-says-free", "pm-admitted-not-free"]
    found = conflicts(talks, "--relayed-by", "dara-vann")["conflicts"]
    assert [c["property"] for c in found] == ["free"]


# Every output


@pytest.fixture
def disputed(talks: Project) -> Project:
    """One conflict with a relayed claim, one with a claim of two claimants; both resolved, so
    that ClaimReview has something to publish."""
    talks.claims(
        "claims/free.yaml",
        PM_SAYS_FREE + VANN_SAYS_NOT_FREE + RELAYED_BY_VANN + POSTED_68 + OPPOSITION_50,
    )
    ids = {c["property"]: c["id"] for c in conflicts(talks)["conflicts"]}
    talks.write(
        "claims/verdicts.yaml",
        f"""\
        verdicts:
          {ids["free"]}:
            status: resolved
            rating: unproven
            verdict: Only the opposition leader reports the admission.
            claims: [pm-admitted-not-free]
            date: 2026-01-02
          {ids["seats"]}:
            status: resolved
            rating: "true"
            verdict: The posted result stands.
            claims: [cpp-68-posted]
            date: 2026-01-02
        """,
    )
    return talks


RELAYED = "Hem Rith (as relayed by Dara Vann)"
SHARED = "Cambodian People's Party, National Election Committee"


def test_json_names_claimants_and_relayer(disputed: Project) -> None:
    records = {c["id"]: c for x in conflicts(disputed)["conflicts"] for c in x["claims"]}
    relayed, shared = records["pm-admitted-not-free"], records["cpp-68-posted"]
    assert relayed["claimant"] == "hem-rith" and relayed["claimant_name"] == "Hem Rith"
    assert relayed["claimants"] == [{"id": "hem-rith", "name": "Hem Rith"}]
    assert relayed["relayed_by"] == {"id": "dara-vann", "name": "Dara Vann"}
    assert relayed["attribution"] == RELAYED
    assert shared["claimant"] == "cpp"
    assert [c["id"] for c in shared["claimants"]] == ["cpp", "nec"]
    assert shared["relayed_by"] is None
    assert shared["attribution"] == SHARED
    assert records["vann-says-not-free"]["attribution"] == "Dara Vann"


def test_summaries_name_every_claimant(disputed: Project) -> None:
    summaries = sorted(c["summary"] for c in conflicts(disputed)["conflicts"])
    assert summaries[1] == (
        "Seats won, CPP (2013 election): 50 (CNRP) vs 68 (CPP, National Election Committee)"
    )


def test_table(disputed: Project) -> None:
    """On a wide terminal, so that no cell wraps."""
    root = str(disputed.root)
    out = CliRunner().invoke(app, ["conflicts", "--root", root], env={"COLUMNS": "300"}).stdout
    assert out.count(RELAYED) == 2  # the summary, and the claimant's cell
    assert "+1 relayed by" in out and "an interested" in out
    assert out.count(SHARED) == 1  # the claimant's cell (the summary has short names)


def test_show_claim_and_conflict(disputed: Project) -> None:
    out = disputed.run("show", "pm-admitted-not-free").stdout
    assert re.search(
        r"claimant\s+Hem Rith \(hem-rith\), as relayed by Dara Vann \(dara-vann\)", out
    )
    out = disputed.run("show", "cpp-68-posted").stdout
    assert re.search(
        r"claimants\s+Cambodian People's Party \(cpp\), National Election Committee \(nec\)", out
    )
    conflict_id = next(c["id"] for c in conflicts(disputed)["conflicts"] if c["property"] == "free")
    out = disputed.run("show", conflict_id).stdout
    assert "pm-admitted-not-free: false (hem-rith (as relayed by dara-vann), claim)" in out


def test_markdown_and_html(disputed: Project) -> None:
    markdown = disputed.run("conflicts", "--format", "markdown").stdout
    assert f"| `pm-admitted-not-free` | {RELAYED} |" in markdown
    assert f"| `cpp-68-posted` | {SHARED} |" in markdown
    html = disputed.run("report", "--format", "html").stdout
    assert '<td data-label="Who says">Hem Rith (as relayed by Dara Vann)<br>' in html
    assert (
        '<td data-label="Who says">Cambodian People&#x27;s Party, National Election Committee<br>'
        in html
    )


def test_conflicts_csv(disputed: Project) -> None:
    out = disputed.run("conflicts", "--format", "csv").stdout
    rows = {r["claim"]: r for r in csv.DictReader(io.StringIO(out))}
    assert (
        rows["pm-admitted-not-free"]["claimant"],
        rows["pm-admitted-not-free"]["relayed_by"],
    ) == (
        "Hem Rith",
        "Dara Vann",
    )
    assert rows["cpp-68-posted"]["claimant"] == (
        "Cambodian People's Party; National Election Committee"
    )
    assert rows["vann-says-not-free"]["relayed_by"] == ""


def test_claims_listing_and_export(disputed: Project) -> None:
    out = disputed.run("claims", "--format", "csv").stdout
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(out))}
    assert (
        rows["pm-admitted-not-free"]["claimants"],
        rows["pm-admitted-not-free"]["relayed_by"],
    ) == (
        "hem-rith",
        "dara-vann",
    )
    assert rows["cpp-68-posted"]["claimants"] == "cpp; nec"
    table = disputed.run("claims").stdout
    assert "cpp; nec" in table
    lines = disputed.run("export").stdout.splitlines()
    exported = {r["id"]: r for r in map(json.loads, lines)}
    assert exported["cpp-68-posted"]["claimants"] == ["cpp", "nec"]
    assert exported["cpp-68-posted"]["claimant"] == "cpp"
    assert exported["pm-admitted-not-free"]["relayed_by"] == "dara-vann"
    flat = list(csv.DictReader(io.StringIO(disputed.run("export", "--format", "csv").stdout)))
    assert {r["relayed_by"] for r in flat} == {"", "dara-vann"}


def test_claimreview(disputed: Project) -> None:
    out = disputed.run("export", "--format", "claimreview", "--site", "https://example.org/c")
    items = {r["claimReviewed"]: r["itemReviewed"] for r in json.loads(out.stdout)}
    relayed = items["the prime minister admitted in the talks that the vote was not free and fair."]
    assert relayed["author"] == {"@type": "Person", "name": "Hem Rith"}
    assert relayed["description"] == RELAYED
    shared = items[
        "The ruling party and the election committee both posted the same result: the CPP won 68"
    ]
    assert shared["author"] == [
        {"@type": "Organization", "name": "Cambodian People's Party"},
        {"@type": "Organization", "name": "National Election Committee"},
    ]
    assert "description" not in shared


# The worked examples of docs/claims.md


def _docs_block(heading: str, language: str) -> str:
    """The first fenced block of `language` after `heading` in docs/claims.md."""
    docs = (REPO / "docs" / "claims.md").read_text(encoding="utf-8")
    section = docs[docs.index(heading) :]
    return re.search(rf"```{language}\n(.*?)```", section, re.DOTALL).group(1)  # type: ignore[union-attr]


def test_docs_independence_example_is_real_output(bundled: Callable[..., Result]) -> None:
    shown = json.loads("{" + _docs_block("#### Independent sources", "json") + "}")["positions"]
    document = json.loads(bundled("conflicts", "--format", "json").stdout)
    (conflict,) = [c for c in document["conflicts"] if c["id"] == "cf-7bead161"]
    assert [{k: p[k] for k in shown[0]} for p in conflict["positions"]] == shown


def test_docs_several_claimants_example_is_the_bundled_claim(
    bundled: Callable[..., Result],
) -> None:
    """The example is a claim of the bundled project, which names both bodies."""
    example = yaml.safe_load(_docs_block("### Several claimants", "yaml"))[0]
    claimed = json.loads(bundled("claims", "--format", "json").stdout)["claims"]
    (mine,) = [c for c in claimed if c["id"] == example["id"]]
    assert mine["claimants"] == example["claimant"] == ["nec", "ccc"]
    assert mine["quote"] == " ".join(example["quote"].split())
    document = json.loads(bundled("conflicts", "--format", "json").stdout)
    (record,) = [
        c
        for x in document["conflicts"]
        for c in x["claims"]
        if c["id"] == "nec-and-ccc-rejected-irregularities"
    ]
    assert [c["id"] for c in record["claimants"]] == ["nec", "ccc"]
    assert record["attribution"] == "National Election Committee, Constitutional Council"
    (summary,) = [
        x["summary"] for x in document["conflicts"] if x["property"] == "widespread-irregularities"
    ]
    assert "false (NEC, CCC) vs" in summary
