"""`conflicts --format json` is written record by record, to standard output or to a file, and
is the same document, byte for byte, as encoding it whole."""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from claimtrack.pipeline import conflicts, load
from claimtrack.render import conflicts_json
from claimtrack.render.records import RecordMaker, document, members
from claimtrack.seeds import SeedError, SeedLibrary, locate_quote, quote_lines
from tests.conftest import REPO, Project, claim

PROJECTS = {"bundled": REPO, "corpus2": REPO / "tests" / "corpus2"}
Q63 = "The CNRP claims to have won 63."
Q55 = "compared with CNRP’s 55"
CONFLICTING = claim("cnrp-63", 63, quote=Q63) + claim("official", 55, claimant="nec", quote=Q55)


def run(*args: str) -> tuple[int, str, str]:
    from typer.testing import CliRunner

    from claimtrack.cli import app

    result = CliRunner().invoke(app, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def whole(root: Path) -> str:
    """The document as it was written before it was streamed: built whole, encoded at once."""
    found = load(root)
    findings = conflicts(found)
    built = document(RecordMaker(found.project, found.seeds), findings, findings.conflicts)
    return json.dumps(built, ensure_ascii=False, separators=(",", ":")) + "\n"


@pytest.mark.parametrize("name", sorted(PROJECTS))
def test_the_streamed_document_is_the_whole_one_byte_for_byte(name: str) -> None:
    code, out, _ = run("conflicts", "--format", "json", "--root", str(PROJECTS[name]))
    assert code == 0
    assert json.loads(out)["conflicts"], "a document without conflicts would prove little"
    assert out == whole(PROJECTS[name])


class Sink:
    """Records each write, as a pipe would receive it."""

    def __init__(self) -> None:
        self.sizes: list[int] = []
        self.text: list[str] = []

    def write(self, text: str) -> int:
        self.sizes.append(len(text))
        self.text.append(text)
        return len(text)


@pytest.mark.parametrize("name", sorted(PROJECTS))
def test_no_write_is_larger_than_one_record(name: str) -> None:
    found = load(PROJECTS[name])
    findings = conflicts(found)
    sink = Sink()
    maker = RecordMaker(found.project, found.seeds)
    conflicts_json.write(members(maker, findings, findings.conflicts), sink)
    written = "".join(sink.text)
    assert written == whole(PROJECTS[name])
    parsed = json.loads(written)
    records = [r for key in ("conflicts", "agreements", "revisions") for r in parsed[key]]
    largest = max(len(json.dumps(r, ensure_ascii=False, separators=(",", ":"))) for r in records)
    assert max(sink.sizes) <= largest + 1  # the comma before it
    assert max(sink.sizes) * 5 < len(written)


def test_records_are_built_only_as_they_are_read() -> None:
    """The lists of records are iterators, not lists built before the first one is written."""
    found = load(REPO)
    findings = conflicts(found)
    read = dict(members(RecordMaker(found.project, found.seeds), findings, findings.conflicts))
    assert not any(isinstance(value, list) for value in read.values())
    first = next(read["conflicts"])
    assert first["id"] == findings.conflicts[0].id


@pytest.mark.parametrize("name", sorted(PROJECTS))
def test_each_quote_line_is_where_the_quote_stands_in_its_seed(name: str) -> None:
    """Quotes are placed seed by seed in one pass; each line is the one the seed gives alone."""
    _, out, _ = run("conflicts", "--format", "json", "--root", str(PROJECTS[name]))
    library = SeedLibrary(PROJECTS[name])
    sources = [
        source
        for conflict in json.loads(out)["conflicts"]
        for record in conflict["claims"]
        for source in (record["source"], *record["also"])
    ]
    assert len(sources) > 20

    def line(source: dict[str, Any]) -> int | None:
        try:
            found = locate_quote(library.get(source["seed"]), source["quote"])
        except SeedError:
            return None
        return found[0] if found else None

    assert [s["line"] for s in sources] == [line(s) for s in sources]
    assert all(s["line"] for s in sources)


def test_output_file_holds_the_document(project: Project, tmp_path: Path) -> None:
    project.claims("claims/seats.yaml", CONFLICTING)
    target = tmp_path / "out" / "conflicts.json"
    code, out, err = run(
        "conflicts", "--format", "json", "-o", str(target), "--root", str(project.root)
    )
    assert (code, out, err) == (0, "", f"wrote {target}\n")
    assert target.read_text(encoding="utf-8") == whole(project.root)
    assert os.listdir(target.parent) == ["conflicts.json"]


def test_an_existing_output_file_is_replaced_only_when_forced(
    project: Project, tmp_path: Path
) -> None:
    project.claims("claims/seats.yaml", CONFLICTING)
    target = tmp_path / "conflicts.csv"
    target.write_text("kept\n")
    args = ("conflicts", "--format", "csv", "-o", str(target), "--root", str(project.root))
    assert run(*args) == (2, "", f"claimtrack: {target} exists; use --force to replace it\n")
    assert target.read_text() == "kept\n"
    assert run(*args, "--force")[0] == 0
    printed = run("conflicts", "--format", "csv", "--root", str(project.root))[1]
    assert target.read_text(encoding="utf-8") == printed


def test_a_dash_is_standard_output(project: Project) -> None:
    project.claims("claims/seats.yaml", CONFLICTING)
    code, out, err = run("conflicts", "--format", "json", "-o", "-", "--root", str(project.root))
    assert (code, err) == (0, "")
    assert out == whole(project.root)


def test_a_device_such_as_dev_null_is_written_to_not_replaced(project: Project) -> None:
    project.claims("claims/seats.yaml", CONFLICTING)
    code, out, err = run(
        "conflicts", "--format", "json", "-o", os.devnull, "--root", str(project.root)
    )
    assert (code, out, err) == (0, "", f"wrote {os.devnull}\n")
    assert Path(os.devnull).is_char_device()


def test_the_table_goes_only_to_standard_output(project: Project, tmp_path: Path) -> None:
    project.claims("claims/seats.yaml", CONFLICTING)
    target = tmp_path / "conflicts.txt"
    code, _, err = run("conflicts", "-o", str(target), "--root", str(project.root))
    assert (code, err) == (
        2,
        "claimtrack: --output writes json, markdown or csv: choose one with --format\n",
    )
    assert not target.exists()


def test_a_write_that_fails_half_way_leaves_no_file(tmp_path: Path) -> None:
    """Over a file-size limit, the document stops half written: no file, no temporary file."""
    limit = len(whole(REPO).encode()) // 2

    def limited() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    target = tmp_path / "conflicts.json"
    done = subprocess.run(
        [sys.executable, "-m", "claimtrack", "conflicts", "--format", "json", "-o", str(target)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
        preexec_fn=limited,
    )
    assert (done.returncode, done.stderr) == (
        2,
        f"claimtrack: cannot write {target}: File too large\n",
    )
    assert os.listdir(tmp_path) == []


def test_an_export_is_written_one_claim_at_a_time() -> None:
    from claimtrack.cli.browse import claim_rows
    from claimtrack.render import listing

    found = load(REPO)
    sink = Sink()
    listing.write_jsonl(claim_rows(found, found.project.claims), sink)
    _, out, _ = run("export", "--root", str(REPO))
    assert "".join(sink.text) == out
    assert len(sink.sizes) == len(out.splitlines()) == len(found.project.claims)


def test_quotes_placed_together_are_on_the_lines_each_gives_alone(tmp_path: Path) -> None:
    """Leading blank lines, Windows line ends, typographic quotes, a quote starting mid-word,
    several on one line, one absent: placed in one pass, each is where it is found alone."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    text = (
        "\n \n  Results “disputed” today\r\n\r\nThe CPP won 68 seats.  The CNRP won 55\n"
        "seats\u2028and more\tthan\u00a0that.\n\n\nIt’s over — said the board.\n"
    )
    (seeds / "a.txt").write_text(text, encoding="utf-8")
    quotes = [
        'Results "disputed"',
        "PP won 68",
        "The CNRP won 55 seats",
        "and more than that",
        "It's over - said",
        "said the board.",
        "nowhere in the seed",
    ]
    seed = SeedLibrary(tmp_path).get("a.txt")
    alone = {}
    for quote in quotes:
        found = locate_quote(SeedLibrary(tmp_path).get("a.txt"), quote)
        alone[quote] = found[0] if found else None
    assert (
        quote_lines(seed, quotes)
        == alone
        == {
            'Results "disputed"': 3,
            "PP won 68": 5,
            "The CNRP won 55 seats": 5,
            "and more than that": 6,
            "It's over - said": 9,
            "said the board.": 9,
            "nowhere in the seed": None,
        }
    )
