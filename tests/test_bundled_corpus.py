"""The bundled seeds and claims: validate is clean, and the conflicts are exactly these.

A change to the engine or to the curated data that adds, loses or reshapes a conflict shows up
here, with the conflict's id, kind and claims.
"""

from __future__ import annotations

import json
import re
import shlex
from collections.abc import Callable

from claimtrack.diagnostics import CODES
from tests.conftest import REPO, Result

EXPECTED = {
    "cf-b6f32f4d": (
        "value",
        [
            "hun-sen-cnrp-accepted-result",
            "kem-sokha-recording-will-show-justice-demanded",
            "rainsy-would-accept-result-per-hun-sen",
            "yim-sovann-no-compromise",
        ],
    ),
    "cf-60acad22": (
        "value",
        ["cnrp-demanded-assembly-presidency", "hun-sen-offered-deputy-presidency"],
    ),
    "cf-dff59561": (
        "value",
        ["cnrp-demanded-six-commission-chairs", "hun-sen-offered-four-commission-chairs"],
    ),
    "cf-6976927c": (
        "value",
        [
            "china-and-hungary-endorse-free-and-fair",
            "cnrp-election-tainted-by-fraud",
            "icapp-capdi-endorse-free-and-fair",
        ],
    ),
    "cf-01f92bd7": (
        "value",
        [
            "government-accuses-us-of-meddling",
            "kem-sokha-charged-with-us-conspiracy",
            "us-denies-meddling",
        ],
    ),
    "cf-7cb7b03a": (
        "value",
        ["hun-sen-rainsy-abandoned-investigation", "kem-sokha-cnrp-demanded-investigation"],
    ),
    "cf-b9a4f89b": (
        "value",
        [
            "cnrp-continues-to-demand-committee",
            "cnrp-demands-independent-body",
            "cpp-will-not-investigate",
            "eu-supported-investigation-call",
            "japan-backs-investigation",
            "kem-sokha-cnrp-will-push-for-probe",
            "nec-ccc-probe-unnecessary",
            "us-calls-for-investigation",
        ],
    ),
    "cf-7bead161": (
        "value",
        [
            "cnrp-robbed-of-victory-by-irregularities",
            "hun-sen-irregularities-not-decisive",
            "kem-sokha-cannot-agree-on-outcome",
        ],
    ),
    "cf-5cf2c533": ("value", ["hun-sen-payment-for-spying", "son-chhay-payment-was-goodwill"]),
    "cf-4c861427": ("value", ["cnrp-remarks-twisted", "pro-government-media-tuol-sleng-remarks"]),
    "cf-cebed882": (
        "value",
        [
            "cnrp-claims-63-seats",
            "cnrp-claims-at-least-63-seats",
            "cpp-spokesman-cnrp-55-seats",
            "hun-sen-cnrp-55-seats",
            "nec-cnrp-55-seats",
        ],
    ),
    "cf-9b7c629f": ("value", ["rfa-second-talks-monday-sept-16", "rfa-talks-held-sept-14-15"]),
    "cf-8cd320b2": ("value", ["kem-sokha-victim-was-passer-by", "rfa-victim-was-protester"]),
    "cf-235f511d": (
        "value",
        [
            "cnrp-widespread-irregularities",
            "nec-and-ccc-rejected-irregularities",
            "ti-and-comfrel-widespread-irregularities",
        ],
    ),
    "cf-6e8dfab5": (
        "value",
        [
            "bangladesh-and-thailand-congratulate-hun-sen",
            "cnrp-claims-victory",
            "cnrp-robbed-of-victory",
            "cpp-claims-victory",
            "nec-declares-cpp-victor",
        ],
    ),
    "cf-d87cd484": (
        "joint",
        [
            "assembly-has-123-seats",
            "cnrp-claims-63-seats",
            "cnrp-claims-at-least-63-seats",
            "cpp-claims-68-seats",
            "cpp-spokesman-cpp-68-seats",
            "hun-sen-cpp-68-seats",
            "nec-cpp-68-seats",
        ],
    ),
}


def test_validate_is_clean_even_when_strict(bundled: Callable[..., Result]) -> None:
    result = bundled("validate", "--strict")
    assert (result.exit_code, result.stdout) == (0, "All clean: 18 files checked.\n")


def test_conflicts_are_exactly_the_curated_ones(bundled: Callable[..., Result]) -> None:
    document = json.loads(bundled("conflicts", "--format", "json").stdout)
    found = {
        c["id"]: (c["kind"], sorted(x["id"] for x in c["claims"])) for c in document["conflicts"]
    }
    assert found == EXPECTED


def test_no_false_conflicts_from_the_traps(bundled: Callable[..., Result]) -> None:
    """Two elections, a changing role, a name spelt two ways, pending then final results."""
    document = json.loads(bundled("conflicts", "--format", "json").stdout)
    involved = {c["id"] for conflict in document["conflicts"] for c in conflict["claims"]}
    for trap in (
        "cpp-won-all-125-seats",
        "parliament-has-125-seats",
        "kem-sokha-vice-president-2013-07",
        "kem-sokha-president-2017",
        "prak-sokhon-cpp-spokesman-2013",
        "prak-sokhonn-foreign-minister-2017",
        "results-pending",
        "results-final",
        "eu-2008-failed-standards",
    ):
        assert trap not in involved
    agreements = {(a["subject"], a["property"]): a for a in document["agreements"]}
    assert agreements[("cpp", "seats-won")]["independent_sources"] == 3
    assert agreements[("election-2018", "turnout")]["independent_sources"] == 1


def test_hun_sen_heard_only_through_kem_sokha_has_no_independent_source(
    bundled: Callable[..., Result],
) -> None:
    """Kem Sokha, himself a claimant in the dispute, is our only witness to Hun Sen's words."""
    document = json.loads(bundled("conflicts", "--format", "json").stdout)
    (conflict,) = [c for c in document["conflicts"] if c["id"] == "cf-7bead161"]
    assert conflict["summary"].endswith(
        "false (Hun Sen (as relayed by Kem Sokha)) vs true (CNRP, Kem Sokha)"
    )
    relayed, direct = conflict["positions"]
    assert (relayed["independent_sources"], relayed["interested_relays"]) == (
        0,
        ["hun-sen-irregularities-not-decisive"],
    )
    assert direct["independent_sources"] == 1


def test_verdicts_show_in_the_status(bundled: Callable[..., Result]) -> None:
    document = json.loads(bundled("conflicts", "--format", "json").stdout)
    assert document["summary"]["by_status"] == {"disputed": 1, "open": 15}
    assert bundled("conflicts", "--fail-on", "open").exit_code == 1


def test_readme_documents_every_finding_code() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for code in CODES.values():
        row = re.search(
            rf"^\| {code.code} \| {code.severity.value}[^|]* \| (.+) \|$", readme, re.MULTILINE
        )
        assert row, code.code
        assert row.group(1).startswith(code.title), code.code


def test_readme_examples_print_what_the_readme_shows(bundled: Callable[..., Result]) -> None:
    """Every `$ claimtrack ...` example in the README without a pipe shows real output."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    examples = re.findall(
        r"^\$ claimtrack ([^|#\n]+)\n((?:(?!\$ |```)[^\n]+\n)+)", readme, re.MULTILINE
    )
    assert len(examples) >= 2
    for command, shown in examples:
        out = bundled(*shlex.split(command)).stdout
        assert out == shown, command
