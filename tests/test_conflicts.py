"""`claimtrack conflicts`: each rule pinned with a small purpose-built claim set, including the
traps that make a naive tool report false conflicts."""

from __future__ import annotations

import json
import subprocess
from typing import Any

import pytest

from tests.conftest import ARTICLE, Project, claim

Q63 = "The CNRP claims to have won 63."
Q55 = "compared with CNRP’s 55"
Q68 = "The CPP is claiming to have won 68"
Q123 = "123 seats"


def report(project: Project, *args: str) -> dict[str, Any]:
    result = project.run("conflicts", "--format", "json", *args)
    assert result.exit_code == 0, result.stdout + result.stderr
    return json.loads(result.stdout)


def kinds(project: Project) -> list[tuple[str, list[list[str]]]]:
    """Each conflict as (kind, claim ids per position)."""
    return [
        (c["kind"], [p["claims"] for p in c["positions"]]) for c in report(project)["conflicts"]
    ]


def test_at_least_against_an_official_figure_below_it_conflicts(project: Project) -> None:
    project.claims(
        "claims/seats.yaml",
        claim("claimed", "{at_least: 63}", quote=Q63, extra="said: 63")
        + claim("official", 55, claimant="nec", quote=Q55),
    )
    (conflict,) = report(project)["conflicts"]
    assert conflict["kind"] == "value"
    assert [p["claims"] for p in conflict["positions"]] == [["official"], ["claimed"]]
    assert conflict["explanation"] == "no value lies in all of: 55 = 55; at least 63 = [63, ∞)"


def test_at_least_against_a_figure_inside_it_agrees(project: Project) -> None:
    project.claims(
        "claims/seats.yaml",
        claim("claimed", "{at_least: 63}", quote=Q63, extra="said: 63")
        + claim("other", 68, claimant="nec", quote=Q68),
    )
    document = report(project)
    assert document["conflicts"] == []
    (agreement,) = document["agreements"]
    assert agreement["claims"] == ["claimed", "other"]
    assert agreement["independent_sources"] == 1


def test_overlap_only_through_tolerance_is_a_tension(project: Project) -> None:
    project.claims(
        "claims/voters.yaml",
        claim(
            "about",
            "{about: 1000000}",
            prop="voters",
            quote="about 1 million",
            extra="said: about 1 million",
        )
        + claim("exact", 1550000, prop="voters", claimant="nec"),
    )
    (conflict,) = report(project)["conflicts"]
    assert conflict["kind"] == "tension"
    assert conflict["explanation"] == (
        "the values overlap only within the tolerance of an approximation; without it: "
        "about 1 million = [500,000, 1,500,000]; 1,550,000 = 1,550,000"
    )


def test_beyond_the_tolerance_is_a_conflict(project: Project) -> None:
    project.claims(
        "claims/voters.yaml",
        claim(
            "about",
            "{about: 1000000}",
            prop="voters",
            quote="about 1 million",
            extra="said: about 1 million",
        )
        + claim("far", 1700000, prop="voters", claimant="nec"),
    )
    assert [c[0] for c in kinds(project)] == ["value"]


def test_two_elections_do_not_conflict(project: Project) -> None:
    project.claims(
        "claims/seats.yaml",
        claim("cpp-2013", 68, subject="cpp", quote=Q68)
        + claim(
            "cpp-2018", 125, subject="cpp", scope="e2018", quote="The CPP", extra="said: The CPP"
        ),
    )
    assert kinds(project) == []


def test_a_role_that_changes_is_compared_only_at_the_same_time(project: Project) -> None:
    def role(cid: str, value: str, as_of: str) -> str:
        return claim(
            cid,
            value,
            subject="prak-sokhonn",
            prop="role",
            scope=None,
            quote="The CPP",
            extra=f"as_of: {as_of}",
        )

    project.claims(
        "claims/roles.yaml",
        role("r2013", "deputy president", "2013-09-16") + role("r2017", "president", "2017-11-14"),
    )
    project.write("claims/terms.yaml", "properties:\n  role2: {name: r, type: text}\n")
    assert kinds(project) == []
    project.claims("claims/more-roles.yaml", role("same-day", "president", "2013-09-16"))
    assert kinds(project) == [("value", [["r2013"], ["same-day"]])]


def test_synonymous_terms_agree(project: Project) -> None:
    project.claims(
        "claims/roles.yaml",
        claim(
            "vice",
            "vice president",
            subject="prak-sokhonn",
            prop="role",
            scope=None,
            quote="The CPP",
            extra="as_of: 2013-09-16",
        )
        + claim(
            "deputy",
            "deputy president",
            subject="prak-sokhonn",
            prop="role",
            scope=None,
            quote="The CPP",
            extra="as_of: 2013-09-16",
        ),
    )
    document = report(project)
    assert document["conflicts"] == []
    assert document["agreements"][0]["claims"] == ["deputy", "vice"]


def test_a_name_spelt_two_ways_is_one_entity(project: Project) -> None:
    project.claims(
        "claims/roles.yaml",
        claim(
            "one",
            "deputy president",
            subject="Prak Sokhon",
            prop="role",
            scope=None,
            quote="The CPP",
            extra="as_of: 2013-09-16",
        )
        + claim(
            "two",
            "president",
            subject="Prak Sokhonn",
            prop="role",
            scope=None,
            quote="The CPP",
            extra="as_of: 2013-09-16",
        ),
    )
    (conflict,) = report(project)["conflicts"]
    assert conflict["subject"] == "prak-sokhonn"
    assert {c["subject"] for c in conflict["claims"]} == {"prak-sokhonn"}


def test_pending_then_final_is_not_a_conflict(project: Project) -> None:
    project.claims(
        "claims/status.yaml",
        claim(
            "pending",
            "pending",
            subject="election",
            prop="status",
            quote="The CNRP",
            extra="as_of: 2013-07-31",
        )
        + claim(
            "final",
            "final",
            subject="election",
            prop="status",
            quote="final results",
            extra="as_of: 2013-09-16",
        ),
    )
    assert kinds(project) == []


def test_underspecified_claims_are_warned_about_not_compared(project: Project) -> None:
    project.claims(
        "claims/seats.yaml",
        claim("no-scope", 63, quote=Q63, scope=None)
        + claim("official", 55, claimant="nec", quote=Q55),
    )
    assert kinds(project) == []
    lines = project.run("validate").stdout.splitlines()
    assert lines[0].startswith("claims/seats.yaml:2:5: CT301 claim 'no-scope' has no scope")
    project.claims(
        "claims/status.yaml",
        claim("undated", "final", subject="election", prop="status", quote="final results"),
    )
    assert " CT302 claim 'undated' has no as_of" in project.run("validate").stdout


def test_multi_valued_properties_do_not_conflict(project: Project) -> None:
    project.claims(
        "claims/slogans.yaml",
        claim("a", "justice", prop="slogan", quote="The CNRP")
        + claim("b", "change", prop="slogan", quote="The CNRP"),
    )
    assert kinds(project) == []


def test_dates_compare_as_days(project: Project) -> None:
    def day(cid: str, value: str) -> str:
        return claim(cid, value, subject="election", prop="polling-day", quote="The CNRP")

    project.claims("claims/days.yaml", day("full", "2013-07-28") + day("month", "2013-07"))
    assert kinds(project) == []
    project.claims("claims/more-days.yaml", day("next", "2013-07-29"))
    (conflict,) = report(project)["conflicts"]
    assert conflict["explanation"] == (
        "no value lies in all of: 2013-07-28 = 2013-07-28; 2013-07-29 = 2013-07-29"
    )
    assert [p["claims"] for p in conflict["positions"]] == [["full"], ["next"]]  # July fits both


def test_true_and_false_conflict(project: Project) -> None:
    project.claims(
        "claims/free.yaml",
        claim("yes", "true", subject="election", prop="free", quote="The CNRP")
        + claim(
            "no",
            "false",
            subject="election",
            prop="free",
            claimant="nec",
            quote="The NEC",
            extra="kind: denial",
        ),
    )
    assert kinds(project) == [("value", [["no"], ["yes"]])]


RULE = """\
    rules:
      seats-fit:
        description: Seats won cannot exceed the assembly's seats
        property: seats
        total: {subject: assembly, property: seat-count}
        relation: at-most
    """


def test_jointly_impossible_claims_under_a_sum_rule(project: Project) -> None:
    project.write("claims/rules.yaml", RULE)
    project.claims(
        "claims/seats.yaml",
        claim("cpp-68", 68, subject="cpp", claimant="cpp", quote=Q68)
        + claim("cnrp-63", 63, quote=Q63)
        + claim("total", 123, subject="assembly", prop="seat-count", claimant="nec", quote=Q123),
    )
    (conflict,) = report(project)["conflicts"]
    assert conflict["kind"] == "joint"
    assert conflict["rule"] == "seats-fit"
    assert [p["claims"] for p in conflict["positions"]] == [["cnrp-63"], ["cpp-68"], ["total"]]
    assert conflict["explanation"] == (
        "63 + 68 = 131; Seats won cannot exceed the assembly's seats: sum at most 123"
    )
    assert (
        "CNRP 63 + CPP 68 = 131, but the sum must be at most National Assembly's 123"
        in conflict["summary"]
    )


def test_parts_that_fit_the_total_are_fine(project: Project) -> None:
    project.write("claims/rules.yaml", RULE)
    project.claims(
        "claims/seats.yaml",
        claim("cpp-68", 68, subject="cpp", claimant="cpp", quote=Q68)
        + claim("cnrp-55", 55, claimant="nec", quote=Q55)
        + claim("total", 123, subject="assembly", prop="seat-count", claimant="nec", quote=Q123),
    )
    assert kinds(project) == []


def test_exact_sum_rule_with_a_literal_total(project: Project) -> None:
    project.write(
        "claims/rules.yaml",
        RULE.replace("total: {subject: assembly, property: seat-count}", "total: 130")
        .replace("at-most", "exactly")
        .replace("property: seats\n", "property: seats\n        parts: [cpp, cnrp]\n"),
    )
    project.claims(
        "claims/seats.yaml",
        claim("cpp-68", 68, subject="cpp", claimant="cpp", quote=Q68)
        + claim("cnrp-55", 55, claimant="nec", quote=Q55),
    )
    (conflict,) = report(project)["conflicts"]
    assert conflict["explanation"].endswith("sum exactly 130")
    assert [p["claims"] for p in conflict["positions"]] == [["cpp-68"], ["cnrp-55"]]


def test_ids_are_stable_across_file_order_and_names(project: Project) -> None:
    project.write("claims/rules.yaml", RULE)
    a = claim("cnrp-63", 63, quote=Q63) + claim("cpp-68", 68, subject="cpp", quote=Q68)
    b = claim("official", 55, claimant="nec", quote=Q55) + claim(
        "total", 123, subject="assembly", prop="seat-count", claimant="nec", quote=Q123
    )
    project.claims("claims/a.yaml", a)
    project.claims("claims/b.yaml", b)
    first = [c["id"] for c in report(project)["conflicts"]]
    for name in ("a.yaml", "b.yaml"):
        (project.root / "claims" / name).unlink()
    project.claims("claims/z-first.yaml", b)
    project.claims("claims/m-second.yaml", a)
    assert [c["id"] for c in report(project)["conflicts"]] == first
    assert len(first) == 2


def test_verdicts_set_status_and_fail_on_open(project: Project) -> None:
    project.claims(
        "claims/seats.yaml",
        claim("claimed", 63, quote=Q63) + claim("official", 55, claimant="nec", quote=Q55),
    )
    (conflict,) = report(project)["conflicts"]
    assert conflict["status"] == "open"
    assert project.run("conflicts", "--fail-on", "open").exit_code == 1
    project.write(
        "claims/verdicts.yaml",
        f"""\
        verdicts:
          {conflict["id"]}:
            status: resolved
            verdict: The official count stands.
            rating: false
            by: A. Editor
            date: 2026-11-20
        """,
    )
    (conflict,) = report(project)["conflicts"]
    assert conflict["status"] == "resolved"
    assert conflict["verdict"]["rating"] == "false"
    assert project.run("conflicts", "--fail-on", "open").exit_code == 0
    assert project.run("validate", "--strict").exit_code == 0


def test_a_verdict_whose_conflict_is_gone_is_warned_about(project: Project) -> None:
    project.write("claims/verdicts.yaml", "verdicts:\n  cf-00000000: {status: open}\n")
    lines = project.run("validate").stdout.splitlines()
    assert lines[0].startswith(
        "claims/verdicts.yaml:2:3: CT303 verdict on cf-00000000, but no such conflict exists now"
    )


def test_filters(project: Project) -> None:
    project.write("claims/rules.yaml", RULE)
    project.claims(
        "claims/seats.yaml",
        claim("cnrp-63", 63, quote=Q63)
        + claim("cpp-68", 68, subject="cpp", quote=Q68)
        + claim("official", 55, claimant="nec", quote=Q55)
        + claim("total", 123, subject="assembly", prop="seat-count", claimant="nec", quote=Q123),
    )
    assert [c["kind"] for c in report(project, "--kind", "joint")["conflicts"]] == ["joint"]
    assert len(report(project, "--claimant", "NEC")["conflicts"]) == 2
    assert len(report(project, "--subject", "CPP")["conflicts"]) == 1
    assert report(project, "--scope", "e2018")["conflicts"] == []
    assert len(report(project, "--seed", "seeds/article.txt")["conflicts"]) == 2
    assert report(project, "--status", "resolved")["conflicts"] == []


def test_json_contract(project: Project) -> None:
    project.claims(
        "claims/seats.yaml",
        claim("claimed", "{at_least: 63}", quote=Q63, extra="said: 63\nkind: claim")
        + claim("official", 55, claimant="nec", quote=Q55, extra="kind: official"),
    )
    document = report(project)
    assert set(document) >= {"conflicts", "agreements", "summary", "version"}
    (conflict,) = document["conflicts"]
    assert set(conflict) >= {"id", "kind", "status", "summary", "claims"}
    assert conflict["id"].startswith("cf-") and len(conflict["id"]) == 11
    official = next(c for c in conflict["claims"] if c["id"] == "official")
    assert set(official) >= {"id", "claimant", "subject", "property", "scope", "value", "source"}
    assert (official["claimant"], official["subject"], official["property"], official["scope"]) == (
        "nec",
        "cnrp",
        "seats",
        "e2013",
    )
    assert official["value"] == {
        "type": "number",
        "text": "55",
        "display": "55",
        "min": 55,
        "max": 55,
        "min_open": False,
        "max_open": False,
        "interval": {"min": 55, "max": 55, "min_open": False, "max_open": False},
    }
    assert official["source"]["seed"] == "article.txt"
    assert official["source"]["quote"] == Q55
    assert official["source"]["line"] == 5
    claimed = next(c for c in conflict["claims"] if c["id"] == "claimed")
    assert (claimed["value"]["min"], claimed["value"]["max"]) == (63, None)


@pytest.mark.parametrize("fmt", ["markdown", "csv", "table"])
def test_other_formats_show_each_side(project: Project, fmt: str) -> None:
    project.claims(
        "claims/seats.yaml",
        claim("claimed", 63, quote=Q63) + claim("official", 55, claimant="nec", quote=Q55),
    )
    out = project.run("conflicts", "--format", fmt).stdout
    for needle in ("claimed", "official", "won 63.", "article.txt"):
        assert needle in out, (fmt, needle)


def test_table_shows_quotes_exactly_even_with_brackets(project: Project) -> None:
    project.write("seeds/b.txt", "Sam Rainsy added [the official result that] CNRP 55.\n")
    project.claims(
        "claims/seats.yaml",
        claim("claimed", 63, quote=Q63)
        + claim(
            "official", 55, claimant="nec", quote="added [the official result that] CNRP 55"
        ).replace("seed: article.txt\n  quote: added", "seed: b.txt\n  quote: added"),
    )
    out = project.run("conflicts").stdout
    assert "[the official result that]" in out


def test_show_a_conflict_and_a_claim(project: Project) -> None:
    project.claims(
        "claims/seats.yaml",
        claim("claimed", 63, quote=Q63) + claim("official", 55, claimant="nec", quote=Q55),
    )
    (conflict,) = report(project)["conflicts"]
    out = project.run("show", conflict["id"]).stdout
    assert "no value lies in all of: 55 = 55; 63 = 63" in out
    assert "claims to have won 63." in out
    claim_out = project.run("show", "claimed").stdout
    assert "In conflict " + conflict["id"] in claim_out
    assert "from line 3" in claim_out  # line 2, before the quote, is blank
    assert project.run("show", "nothing").exit_code == 2


def test_new_since_shows_only_what_a_change_introduces(project: Project) -> None:
    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(project.root), *args], check=True, capture_output=True)

    project.claims(
        "claims/seats.yaml",
        claim("claimed", 63, quote=Q63) + claim("official", 55, claimant="nec", quote=Q55),
    )
    git("init", "-q")
    git("add", ".")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "base")
    project.claims(
        "claims/free.yaml",
        claim("yes", "true", subject="election", prop="free", quote="The CNRP")
        + claim("no", "false", subject="election", prop="free", quote="The NEC"),
    )
    new = report(project, "--new-since", "HEAD")["conflicts"]
    assert [c["property"] for c in new] == ["free"]
    assert len(report(project)["conflicts"]) == 2
    result = project.run("conflicts", "--new-since", "no-such-rev")
    assert result.exit_code == 2


def test_a_rule_reports_minimal_failures_not_every_combination(project: Project) -> None:
    """Two parties each over-claim; each over-claim alone breaks the rule, so each is reported
    once against the others' smallest claims, and the pair of them is not reported again."""
    project.write("claims/rules.yaml", RULE)
    project.write("claims/more.yaml", "entities:\n  third: {name: Third, type: party}\n")
    project.claims(
        "claims/seats.yaml",
        claim("cpp-60", 60, subject="cpp", claimant="nec", quote="The CPP", extra="said: The CPP")
        + claim("cpp-70", 70, subject="cpp", claimant="cpp", quote="The CPP", extra="said: The CPP")
        + claim("cnrp-55", 55, claimant="nec", quote=Q55)
        + claim("cnrp-63", 63, quote=Q63)
        + claim(
            "third-5", 5, subject="third", claimant="nec", quote="The CPP", extra="said: The CPP"
        )
        + claim("total", 123, subject="assembly", prop="seat-count", claimant="nec", quote=Q123),
    )
    found = sorted(
        sorted(p["claims"][0] for p in c["positions"])
        for c in report(project, "--kind", "joint")["conflicts"]
    )
    assert found == [
        ["cnrp-55", "cpp-70", "third-5", "total"],
        ["cnrp-63", "cpp-60", "third-5", "total"],
    ]


def test_each_claimants_failing_reading_is_one_conflict(project: Project) -> None:
    """The CNRP's 63 and the NEC's "at least 64" each break the rule with the CPP's 70, which
    nobody disputes; the CPP, silent on the CNRP, is read charitably (63) and adds nothing."""
    project.write("claims/rules.yaml", RULE)
    project.claims(
        "claims/seats.yaml",
        claim("cpp-70", 70, subject="cpp", claimant="cpp", quote="The CPP", extra="said: The CPP")
        + claim("cnrp-63", 63, quote=Q63)
        + claim("cnrp-64", "{at_least: 64}", claimant="nec", quote=Q63, extra="said: 63")
        + claim("total", 123, subject="assembly", prop="seat-count", claimant="nec", quote=Q123),
    )
    found = report(project, "--kind", "joint")["conflicts"]
    assert [c["explanation"].split(";")[0] for c in found] == [
        "63 + 70 = 133",
        "[64, ∞) + 70 = [134, ∞)",
    ]


def test_a_reprinted_story_does_not_count_as_an_independent_source(project: Project) -> None:
    (project.root / "seeds" / "reprint.txt").write_text(ARTICLE)
    catalog = project.root / "seeds" / "catalog.yaml"
    catalog.write_text(catalog.read_text() + "  reprint.txt: {derived_from: article.txt}\n")
    both = claim("a", 63, quote=Q63) + claim("b", 63, claimant="nec", quote=Q63).replace(
        "seed: article.txt", "seed: reprint.txt"
    )
    project.claims("claims/seats.yaml", both)
    assert report(project)["agreements"][0]["independent_sources"] == 1
    catalog.write_text(catalog.read_text().replace("{derived_from: article.txt}", "{}"))
    assert report(project)["agreements"][0]["independent_sources"] == 2
