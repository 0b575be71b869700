"""Seeds and quotes that are too big, too small, broken or missing (issue 14): each is a located
finding with exit 1 or 2, in seconds, beside the findings in every other file.

Big inputs are generated here; the time bounds are far above what the checks take (well under
a second each) and far below what the quadratic searches took (minutes)."""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

from claimtrack.seeds import QUOTE_MAX_CHARS, SEED_SIZE_LIMIT
from tests.conftest import Project, Result, claim

SENTENCE = "The harbour board said 1,200 ships docked on 3 May 2021, up 4.5% on the year before. "
"""One made-up sentence with four figures (about 90 bytes): a seed of any size is built of it."""


def catalogued(project: Project, name: str, data: bytes) -> Path:
    """Write a seed and its catalog entry, with the right hash."""
    seed = project.write_bytes(f"seeds/{name}", data)
    catalog = project.root / "seeds/catalog.yaml"
    digest = hashlib.sha256(data).hexdigest()
    catalog.write_text(catalog.read_text() + f"  {name}:\n    sha256: {digest}\n")
    return seed


def quoting(cid: str, seed: str, quote: str) -> str:
    return claim(cid, "true", subject="election", prop="free", quote=quote).replace(
        "article.txt", seed
    )


def timed(project: Project, *args: str) -> tuple[Result, float]:
    start = time.perf_counter()
    result = project.run(*args)
    return result, time.perf_counter() - start


def lines(result: Result) -> list[str]:
    return [line for line in result.stdout.splitlines() if ": CT" in line]


def test_a_seed_over_the_size_limit_is_refused_unread(project: Project) -> None:
    big = SENTENCE.encode() * (SEED_SIZE_LIMIT // len(SENTENCE) + 1)
    catalogued(project, "big.txt", big)
    project.claims(
        "claims/x.yaml",
        quoting("big", "big.txt", "The harbour board said 1,200 ships docked")
        + claim("other", 64, quote="won 64"),
    )
    result, seconds = timed(project, "validate")
    assert result.exit_code == 2
    assert seconds < 5
    too_big = (
        f"seed big.txt is {len(big):,} bytes, over the limit of 4,194,304 bytes (4 MiB) for a "
        "seed; keep only the article"
    )
    assert lines(result) == [
        f"claims/x.yaml:7:11: CT004 {too_big}",
        "claims/x.yaml:16:12: CT102 quote not found in seed article.txt; closest passage (seed "
        "line 3, 83% alike): 'won 68'",
        f"seeds/big.txt:1:1: CT004 {too_big}",
    ]
    coverage = project.run("coverage", "--format", "csv")
    assert coverage.exit_code == 2
    assert coverage.stderr.startswith("seeds/big.txt:1:1: CT004 ")
    assert "article.txt,3,123," in coverage.stdout  # the other seed is still covered


def test_coverage_grows_linearly_with_the_seed(project: Project) -> None:
    """A 400 KB seed took two minutes when every figure rescanned the text before it."""
    prose = "Along the quay, long planned and often delayed, the work went on. "
    catalogued(project, "long.txt", (f"{prose}{SENTENCE}\n" * 2_500).encode())
    result, seconds = timed(project, "coverage", "--seed", "long.txt", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert len(result.stdout.splitlines()) == 1 + 3 * 2_500
    assert result.stdout.splitlines()[-1] == (
        "long.txt,2500,4.5%,"
        '"The harbour board said 1,200 ships docked on 3 May 2021, up 4.5% on the year before."'
    )
    assert seconds < 10


def test_the_closest_passage_search_is_bounded(project: Project) -> None:
    """The longest quote allowed, not in a 3 MB seed: the closest passage is still found, in
    seconds (the whole-seed search grew with quote length times seed length squared)."""
    catalogued(project, "long.txt", (SENTENCE * 33_000).encode())
    words = (SENTENCE * 30).split()
    quote = ""
    while len(quote) + len(words[0]) < QUOTE_MAX_CHARS - 10:
        quote += words.pop(0) + " "
    quote = quote.replace("1,200", "1,300").strip()
    assert len(quote) > QUOTE_MAX_CHARS - 100
    project.claims("claims/x.yaml", quoting("long", "long.txt", quote))
    result, seconds = timed(project, "validate")
    assert seconds < 10
    assert result.exit_code == 1
    (finding,) = lines(result)
    assert finding.startswith(
        "claims/x.yaml:8:12: CT102 quote not found in seed long.txt; closest passage (seed line "
        "1, 99% alike): 'The harbour board said 1,200 ships"
    )


def test_a_quote_over_the_length_limit_is_refused_unsearched(project: Project) -> None:
    project.claims("claims/x.yaml", claim("huge", 63, quote="won 63 " * 150_000))
    result, seconds = timed(project, "validate")
    assert seconds < 10
    assert result.exit_code == 1
    assert lines(result) == [
        "claims/x.yaml:8:12: CT112 quote is 1,049,999 characters long, over the limit of 2,000; "
        "quote only the words that carry the claim"
    ]


def test_a_one_letter_quote_proves_nothing(project: Project) -> None:
    project.claims("claims/x.yaml", claim("a", 63, quote="a") + claim("ok", 63, quote="won 63"))
    result = project.run("validate")
    assert result.exit_code == 1
    assert lines(result) == [
        "claims/x.yaml:8:12: CT104 63 does not appear in the quote; quote the figure, or give "
        "the source's own wording in 'said'",
        "claims/x.yaml:8:12: CT112 quote 'a' is too short to locate a claim: quote at least 2 "
        "words of the seed",
    ]


def test_without_the_catalog_an_edited_seed_does_not_validate_clean(project: Project) -> None:
    project.claims("claims/x.yaml", claim("x", 63, quote="The CNRP claims to have won 63."))
    (project.root / "seeds/catalog.yaml").unlink()
    seed = project.root / "seeds/article.txt"
    seed.write_text(seed.read_text().replace("123 seats", "125 seats"))
    result = project.run("validate")
    assert result.exit_code == 1
    assert lines(result) == [
        "seeds/catalog.yaml:1:1: CT111 the seed catalog seeds/catalog.yaml is missing, so an "
        "edited seed would go unnoticed; list each seed there with its sha256 (claimtrack init "
        "writes one)"
    ]


def test_a_catalog_that_is_a_folder_cannot_be_read(project: Project) -> None:
    (project.root / "seeds/catalog.yaml").unlink()
    (project.root / "seeds/catalog.yaml").mkdir()
    project.write("seeds/catalog.yaml/notes.txt", "not a seed\n")
    result = project.run("validate")
    assert result.exit_code == 2
    found = lines(result)
    assert "seeds/catalog.yaml:1:1: CT001 is a folder; only regular files are read" in found
    assert all("notes.txt" not in line for line in found)


def test_invalid_utf8_in_a_seed_is_located_and_never_matched(project: Project) -> None:
    """The bytes used to be replaced by U+FFFD, and a quote holding U+FFFD then matched."""
    catalogued(project, "broken.txt", b"Results\n\nThe CNRP claims to have won \xff63 seats.\n")
    project.claims(
        "claims/x.yaml",
        quoting("fffd", "broken.txt", "claims to have won \ufffd63 seats")
        + claim("other", 64, quote="won 64"),
    )
    result = project.run("validate")
    assert result.exit_code == 2
    message = (
        "seed broken.txt is not valid UTF-8 (byte 0xff at line 3, column 29); save it as UTF-8"
    )
    assert lines(result) == [
        f"claims/x.yaml:7:11: CT002 {message}",
        "claims/x.yaml:16:12: CT102 quote not found in seed article.txt; closest passage (seed "
        "line 3, 83% alike): 'won 68'",
        f"seeds/broken.txt:3:29: CT002 {message}",
    ]


def test_a_quote_is_found_across_any_whitespace_of_a_long_seed(project: Project) -> None:
    """Runs of whitespace match one space wherever they stand, whatever they are made of
    (newlines, tabs, no-break and ideographic spaces, line separators): long seeds take a
    quicker path when they hold only spaces and newlines, and both paths agree."""
    quote = "The harbour board said 1,200 ships docked"
    for number, gap in enumerate([" \n ", "\n\n", "\t", "\u00a0", "\u3000", "\u2028", "  "]):
        text = SENTENCE * 4 + quote.replace(" ", gap) + ". " + SENTENCE * 4
        catalogued(project, f"long-{number}.txt", text.encode())
        project.claims(
            f"claims/long-{number}.yaml", quoting(f"long-{number}", f"long-{number}.txt", quote)
        )
    result = project.run("validate")
    assert result.exit_code == 0, result.stdout
    missing = quoting("absent", "long-0.txt", "The harbour board said 1,300 ships docked")
    project.claims("claims/absent.yaml", missing)
    assert "CT102" in project.run("validate").stdout
