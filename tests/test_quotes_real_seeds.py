"""The quote check against the real seed articles: typography and line breaks are forgiven,
a changed number never is, and a miss shows the closest passage."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable

import pytest

from tests.conftest import REPO, Project, Result, claim

SEED_002 = "002_facd879dbe44f1ea.txt"
SEED_004 = "004_655b0d2d04cd4c32.txt"


@pytest.fixture
def real(project: Project) -> Project:
    catalog = project.root / "seeds/catalog.yaml"
    for name in (SEED_002, SEED_004):
        copy = shutil.copy(REPO / "seeds" / name, project.root / "seeds" / name)
        digest = hashlib.sha256(copy.read_bytes()).hexdigest()
        catalog.write_text(catalog.read_text() + f"  {name}:\n    sha256: {digest}\n")
    return project


def quoted(seed: str, quote: str, value: object = "true", prop: str = "free") -> str:
    text = claim("q", value, subject="election", prop=prop, quote=f"'{quote}'")
    return text.replace("article.txt", seed)


@pytest.mark.parametrize(
    "quote",
    [
        # straight quotes typed for the seed's curly ones
        '"It\'s not a problem-what he said is clear," Kem Sokha said',
        # the seed's own curly quotes and em dash
        "“It’s not a problem—what he said is clear,” Kem Sokha said",
    ],
)
def test_typographic_quotes_and_dashes_are_folded(real: Project, quote: str) -> None:
    real.claims("claims/q.yaml", quoted(SEED_004, quote.replace("'", "''")))
    result = real.run("validate")
    assert result.exit_code == 0, result.stdout


def test_line_break_inside_the_quote_matches_the_seed_across_its_own_break(real: Project) -> None:
    """Seed 002 breaks a reader's comment after "khmer nation"; the quote is written on one line,
    and the YAML folds a second break of its own in another place."""
    real.write(
        "claims/q.yaml",
        f"""\
        claims:
          - id: q
            subject: election
            property: free
            value: true
            claimant: cnrp
            scope: e2013
            seed: {SEED_002}
            quote: >-
              we the khmer nation of every where in the world know the CPP
              back by crocodile Vietnamese
        """,
    )
    result = real.run("validate")
    assert result.exit_code == 0, result.stdout


def test_a_changed_number_is_not_found_and_the_closest_passage_is_shown(real: Project) -> None:
    real.claims(
        "claims/q.yaml",
        quoted(SEED_002, "claiming it had won at least 64 seats", "{at_least: 64}", "seats"),
    )
    line = real.run("validate").stdout.splitlines()[0]
    assert line.startswith(
        f"claims/q.yaml:8:12: CT102 quote not found in seed {SEED_002}; "
        "closest passage (seed line 27, "
    )
    assert "claiming it had won at least 63 seats" in line


def test_hedge_words_are_not_forgiven(real: Project) -> None:
    real.claims(
        "claims/q.yaml",
        quoted(SEED_002, "claiming it had won at most 63 seats", "{at_most: 63}", "seats"),
    )
    assert " CT102 " in real.run("validate").stdout


def test_bundled_corpus_quotes_all_match(bundled: Callable[..., Result]) -> None:
    result = bundled("validate", "--strict")
    assert result.exit_code == 0, result.stdout
    assert result.stdout.startswith("All clean")
