"""Browsing the bundled corpus: claims, seeds, coverage and export, from the CLI."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable

from tests.conftest import Result


def test_claims_filtered_by_an_alias(bundled: Callable[..., Result]) -> None:
    out = bundled("claims", "--subject", "Prak Sokhon", "--format", "json").stdout
    ids = [row["id"] for row in json.loads(out)["claims"]]
    assert ids == ["prak-sokhon-cpp-spokesman-2013", "prak-sokhonn-foreign-minister-2017"]


def test_claims_as_csv_with_the_seed_line(bundled: Callable[..., Result]) -> None:
    out = bundled("claims", "--claimant", "NEC", "--property", "seats-won", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert [(r["id"], r["value"], r["seed_line"]) for r in rows] == [
        ("nec-cpp-68-seats", "68", "27"),
        ("nec-cnrp-55-seats", "55", "27"),
    ]


def test_seeds_with_claim_and_conflict_counts(bundled: Callable[..., Result]) -> None:
    rows = json.loads(bundled("seeds", "--format", "json").stdout)["seeds"]
    counts = {r["seed"]: (r["claims"], r["conflicts"]) for r in rows}
    assert counts["001_f4e74dbbec6aac99.txt"] == (9, 0)
    assert counts["002_facd879dbe44f1ea.txt"][0] >= 40
    assert {r["publisher"] for r in rows} == {"The Cambodia Daily", "Radio Free Asia", None}


def test_coverage_lists_unquoted_figures_in_their_sentence(bundled: Callable[..., Result]) -> None:
    rows = json.loads(bundled("coverage", "--format", "json").stdout)["uncovered_figures"]
    found = {(r["seed"], r["figure"]) for r in rows}
    assert ("001_f4e74dbbec6aac99.txt", "1998") in found
    assert not any(r["figure"] in ("68", "63", "55", "123", "83.02 per cent") for r in rows)
    sentence = next(r["sentence"] for r in rows if r["figure"] == "1998")
    assert sentence == (
        "He thanked the countries that had supported Cambodia’s elections since 1998."
    )


def test_export_every_claim_flat(bundled: Callable[..., Result]) -> None:
    lines = bundled("export").stdout.splitlines()
    assert len(lines) == 109
    first = json.loads(lines[0])
    assert {"id", "claimant", "subject", "property", "value", "seed", "quote", "min", "max"} <= set(
        first
    )
    table = list(csv.DictReader(io.StringIO(bundled("export", "--format", "csv").stdout)))
    assert len(table) == 109


def test_claimreview_for_resolved_verdicts(bundled: Callable[..., Result]) -> None:
    out = bundled("export", "--format", "claimreview", "--site", "https://example.org/checks")
    reviews = json.loads(out.stdout)
    assert [r["itemReviewed"]["author"]["name"] for r in reviews] == [
        "Cambodia National Rescue Party",
        "Cambodia National Rescue Party",
    ]
    for review in reviews:
        assert review["@context"] == "https://schema.org"
        assert review["@type"] == "ClaimReview"
        assert review["url"] == "https://example.org/checks#cf-cebed882"
        assert review["claimReviewed"]
        assert review["reviewRating"]["alternateName"] == "Unproven"
        assert review["author"]["name"] and review["datePublished"] == "2026-11-22"
        item = review["itemReviewed"]
        assert item["@type"] == "Claim" and item["datePublished"]
        assert item["appearance"]["headline"]
    assert bundled("export", "--format", "claimreview").exit_code == 2


def test_report_is_one_self_contained_page(bundled: Callable[..., Result]) -> None:
    page = bundled("report", "--format", "html").stdout
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page and "src=" not in page and "href=" not in page
    assert page.count('<section id="cf-') == 18
    assert "CNRP 63 / at least 63 + CPP 68 = 131" in page
    assert "[the official result that]" in page
    markdown = bundled("report", "--format", "markdown").stdout
    assert markdown.startswith("# Conflicts: Cambodia elections 2013 and 2018")
