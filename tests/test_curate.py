"""Recording verdicts and cataloguing seeds from the command line, without hand-editing YAML.

The files stay the user's: comments, order and layout survive every edit, and the result still
validates.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import textwrap
from pathlib import Path

from tests.conftest import Project, claim

VERDICTS = textwrap.dedent("""\
    # Our desk's verdicts. Keep this comment.
    verdicts:
      # The oldest dispute first.
      cf-00000000:
        status: open
        note: >-
          A folded note that must keep its folding and its place.
    """)


def _conflicting(project: Project) -> str:
    """A project with one value conflict; returns its id."""
    project.claims(
        "claims/seats.yaml",
        claim("cnrp-63", 63, quote="The CNRP claims to have won 63.")
        + claim(
            "nec-55",
            55,
            claimant="nec",
            quote="compared with CNRP’s 55",
            extra="kind: official",
        ),
    )
    found = json.loads(project.run("conflicts", "--format", "json").stdout)
    (conflict,) = found["conflicts"]
    return str(conflict["id"])


def test_verdict_creates_the_verdicts_file_and_validates(project: Project) -> None:
    conflict_id = _conflicting(project)
    done = project.run(
        "verdict", conflict_id, "--status", "open", "--note", "Ask the NEC.", "--by", "Desk"
    )
    assert done.exit_code == 0, done.stderr
    assert f"recorded the verdict on {conflict_id} in claims/verdicts.yaml" in done.stdout
    text = (project.root / "claims/verdicts.yaml").read_text(encoding="utf-8")
    assert f"  {conflict_id}:\n    status: open\n    by: Desk\n" in text
    assert f"date: {dt.date.today().isoformat()}\n" in text
    assert project.run("validate").exit_code == 0
    listed = json.loads(project.run("conflicts", "--format", "json").stdout)
    assert listed["conflicts"][0]["status"] == "open"


def test_verdict_update_keeps_comments_order_and_other_entries(project: Project) -> None:
    conflict_id = _conflicting(project)
    path = project.write("claims/verdicts.yaml", VERDICTS + f"  {conflict_id}:\n    status: open\n")
    done = project.run(
        "verdict",
        conflict_id,
        "--status",
        "resolved",
        "--verdict",
        "The NEC's final count stands.",
        "--rating",
        "false",
        "--claims",
        "cnrp-63",
    )
    assert done.exit_code == 0, done.stderr
    assert "updated the verdict" in done.stdout
    text = path.read_text(encoding="utf-8")
    assert text.startswith(VERDICTS), text
    assert text[len(VERDICTS) :] == (
        f"  {conflict_id}:\n"
        "    status: resolved\n"
        "    verdict: The NEC's final count stands.\n"
        "    rating: 'false'\n"  # quoted: no YAML reader takes it for a boolean
        "    claims: [cnrp-63]\n"
        f"    date: {dt.date.today().isoformat()}\n"
    )


def test_verdict_refuses_what_it_cannot_record(project: Project) -> None:
    conflict_id = _conflicting(project)
    typo = conflict_id[:-1] + ("0" if conflict_id[-1] != "0" else "1")
    cases = {
        (typo, "--status", "open"): f"closest: {conflict_id}",
        (conflict_id, "--status", "opne"): "closest: open",
        (conflict_id, "--status", "resolved"): "must say what was decided",
        (conflict_id, "--status", "open", "--rating", "fasle"): "closest: false",
        (conflict_id, "--status", "open", "--claims", "nobody"): "not part of",
    }
    for args, message in cases.items():
        done = project.run("verdict", *args)
        assert done.exit_code == 2, args
        assert message in done.stderr, (args, done.stderr)
    assert not (project.root / "claims/verdicts.yaml").exists()


def test_verdict_never_leaves_a_broken_file(project: Project) -> None:
    conflict_id = _conflicting(project)
    path = project.write("claims/verdicts.yaml", "verdicts: [not, a, mapping]\n")
    done = project.run("verdict", conflict_id, "--status", "open")
    assert done.exit_code == 2
    assert "verdict not recorded" in done.stderr
    assert path.read_text(encoding="utf-8") == "verdicts: [not, a, mapping]\n"


CATALOG = textwrap.dedent("""\
    # Where our articles came from.
    seeds:
      article.txt:
        title: Results Disputed  # as printed
        sha256: {digest}
    """)


def test_seeds_add_copies_and_catalogs_keeping_the_catalog_layout(
    project: Project, tmp_path: Path
) -> None:
    digest = hashlib.sha256((project.root / "seeds/article.txt").read_bytes()).hexdigest()
    catalog = project.write("seeds/catalog.yaml", CATALOG.format(digest=digest))
    article = tmp_path / "wire.txt"
    article.write_text("Turnout was put at 71.4 percent.\n", encoding="utf-8")
    done = project.run(
        "seeds",
        "add",
        str(article),
        "--title",
        "Turnout",
        "--publisher",
        "Wire",
        "--published",
        "2023-08-01",
        "--url",
        "https://example.org/turnout",
    )
    assert done.exit_code == 0, done.stderr
    assert (project.root / "seeds/wire.txt").read_bytes() == article.read_bytes()
    new = hashlib.sha256(article.read_bytes()).hexdigest()
    assert catalog.read_text(encoding="utf-8") == CATALOG.format(digest=digest) + (
        "  wire.txt:\n"
        "    title: Turnout\n"
        "    publisher: Wire\n"
        "    published: 2023-08-01\n"
        "    url: https://example.org/turnout\n"
        f"    sha256: {new}\n"
    )
    assert project.run("validate").exit_code == 0


def test_seeds_add_never_replaces_a_seed(project: Project, tmp_path: Path) -> None:
    before = (project.root / "seeds/article.txt").read_bytes()
    article = tmp_path / "article.txt"
    article.write_text("Something else.\n", encoding="utf-8")
    done = project.run("seeds", "add", str(article))
    assert done.exit_code == 2
    assert "exists; seeds are never replaced" in done.stderr
    assert (project.root / "seeds/article.txt").read_bytes() == before
    for bad, message in (
        ([str(tmp_path / "missing.txt")], "no such file"),
        ([str(article), "--published", "last week"], "is not a date"),
        ([str(article), "--name", "x.txt", "--url", "javascript:alert(1)"], "http(s)"),
    ):
        done = project.run("seeds", "add", *bad)
        assert done.exit_code == 2 and message in done.stderr, (bad, done.stderr)
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Caf\xe9".encode("latin-1"))
    done = project.run("seeds", "add", str(latin1))
    assert done.exit_code == 2 and "not UTF-8" in done.stderr
    assert not (project.root / "seeds/latin1.txt").exists()


def test_seeds_rehash_lists_broken_quotes_then_records_the_hash(project: Project) -> None:
    project.claims(
        "claims/seats.yaml", claim("cnrp-63", 63, quote="The CNRP claims to have won 63.")
    )
    seed = project.root / "seeds/article.txt"
    seed.write_text(seed.read_text(encoding="utf-8").replace("won 63", "won 64"), encoding="utf-8")
    assert "CT106" in project.run("validate").stdout
    done = project.run("seeds", "rehash", "article.txt")
    assert done.exit_code == 1
    assert "claims/seats.yaml:" in done.stdout and "CT102" in done.stdout
    assert "the quotes above no longer match it" in done.stdout
    after = project.run("validate")
    assert "CT106" not in after.stdout and "CT102" in after.stdout
    catalog = (project.root / "seeds/catalog.yaml").read_text(encoding="utf-8")
    assert hashlib.sha256(seed.read_bytes()).hexdigest() in catalog
    assert "title: Results Disputed" in catalog


def test_seeds_rehash_of_an_unknown_seed_suggests_one(project: Project) -> None:
    done = project.run("seeds", "rehash", "artcle.txt")
    assert done.exit_code == 2
    assert "closest: article.txt" in done.stderr


def test_seeds_still_lists_the_catalog(project: Project) -> None:
    done = project.run("seeds", "--format", "csv")
    assert done.exit_code == 0
    assert done.stdout.splitlines()[1].startswith("article.txt,Results Disputed")


def test_seeds_add_and_rehash_refuse_while_the_catalog_is_missing(
    project: Project, tmp_path: Path
) -> None:
    """Recreating a lost catalog would drop every recorded hash: an edited seed would then
    pass unnoticed."""
    (project.root / "seeds/catalog.yaml").unlink()
    article = tmp_path / "new.txt"
    article.write_text("A new report with two words.\n", encoding="utf-8")
    for args in (("seeds", "add", str(article)), ("seeds", "rehash", "article.txt")):
        done = project.run(*args)
        assert done.exit_code == 2, args
        assert "seeds/catalog.yaml is missing" in done.stderr
    assert not (project.root / "seeds/catalog.yaml").exists()
    assert not (project.root / "seeds/new.txt").exists()


def test_seeds_add_refuses_what_validate_would_refuse(project: Project, tmp_path: Path) -> None:
    control = tmp_path / "control.txt"
    control.write_text("Turnout\x1b[31m was 71.4 per cent.\n", encoding="utf-8")
    huge = tmp_path / "huge.txt"
    huge.write_bytes(b"word " * (1024 * 1024))
    for file, message in ((control, "control character"), (huge, "4 MiB")):
        done = project.run("seeds", "add", str(file))
        assert done.exit_code == 2 and message in done.stderr, done.stderr
        assert not (project.root / "seeds" / file.name).exists()
