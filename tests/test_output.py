"""What a reader sees of conflicts and claimants: ids they can copy, sides they can count,
verdicts with their notes, counts in English, and a list they can read when there are many."""

from __future__ import annotations

import json
import os
import pty
import re
import shlex
import subprocess
import sys
from collections.abc import Callable

import pytest
from typer.testing import CliRunner

from claimtrack.cli import app
from tests.conftest import REPO, Project, Result, claim

Q63 = "The CNRP claims to have won 63."
Q55 = "compared with CNRP’s 55"
Q68 = "The CPP is claiming to have won 68"
Q123 = "123 seats"
LONG_ID = "cnrp-refused-to-accept-the-official-results-of-the-2013-count"


def at_width(project: Project, width: int, *args: str) -> str:
    result = CliRunner().invoke(
        app, [*args, "--root", str(project.root)], env={"COLUMNS": str(width)}
    )
    assert result.exit_code in (0, 1), result.output
    return result.stdout


def two_sides(project: Project) -> None:
    project.claims(
        "claims/seats.yaml",
        claim(LONG_ID, 63, quote=Q63) + claim("official", 55, claimant="nec", quote=Q55),
    )


@pytest.mark.parametrize("width", [50, 80, 100, 120, 200])
def test_ids_and_seed_lines_are_never_broken(project: Project, width: int) -> None:
    two_sides(project)
    out = at_width(project, width, "conflicts")
    lines = out.splitlines()
    assert any(LONG_ID in line for line in lines), out
    assert any("article.txt:3" in line for line in lines), out
    assert any("article.txt:5" in line for line in lines), out
    (conflict_id,) = re.findall(r"cf-[0-9a-f]{8}", out.split("Summary")[0])[:1]
    assert project.run("show", conflict_id).exit_code == 0
    assert "…" not in "".join(line for line in lines if "cnrp-refused" in line)


def test_each_joint_part_is_a_counted_group(project: Project) -> None:
    project.write("claims/rules.yaml", RULES)
    project.claims(
        "claims/seats.yaml",
        claim("cnrp-63", 63, quote=Q63)
        + claim("cpp-68", 68, subject="cpp", claimant="cpp", quote=Q68)
        + claim("nec-68", 68, subject="cpp", claimant="nec", quote=Q68)
        + claim("assembly-123", 123, subject="assembly", prop="seat-count", quote=Q123),
    )
    out = at_width(project, 120, "conflicts")
    parts = [line for line in out.splitlines() if re.search(r"│ (part \d|total) ", line)]
    assert [re.search(r"(part \d|total)", p).group() for p in parts] == [  # type: ignore[union-attr]
        "part 1",
        "part 2",
        "total",
    ]
    assert len(re.findall(r"│ 1 source ", out)) == 3, out
    markdown = project.run("conflicts", "--format", "markdown").stdout
    assert "| part 2 (1 source) | `cpp-68` |" in markdown
    assert "| total (1 source) | `assembly-123` |" in markdown


RULES = """\
rules:
  seats-within-assembly:
    property: seats
    parts: [cnrp, cpp]
    relation: at-most
    total: {subject: assembly, property: seat-count}
"""


def test_a_verdict_is_shown_with_its_note(project: Project) -> None:
    two_sides(project)
    (conflict,) = json.loads(project.run("conflicts", "--format", "json").stdout)["conflicts"]
    project.write(
        "claims/verdicts.yaml",
        f"verdicts:\n  {conflict['id']}:\n    status: open\n"
        "    note: Ask the NEC which count is final.\n    by: A. Editor\n",
    )
    for out in (
        at_width(project, 120, "conflicts"),
        at_width(project, 120, "show", conflict["id"]),
        project.run("conflicts", "--format", "markdown").stdout,
    ):
        assert "Verdict" in out
        assert "Ask the NEC which count is final." in out
        assert "A. Editor" in out


def test_counts_read_as_english(project: Project) -> None:
    two_sides(project)
    markdown = project.run("conflicts", "--format", "markdown").stdout
    assert "1 conflict (1 value; 1 open)." in markdown
    out = at_width(project, 120, "conflicts")
    assert "1 source" in out and "1 sources" not in out
    assert "Agreements: 0 values claimed more than once" in out
    assert "1 claims." not in at_width(project, 120, "claims", "--subject", "nec")
    assert project.run("claims", "--kind", "claim").stdout.rstrip().endswith("2 claims.")
    project.claims("claims/more.yaml", claim("one-more", 55, scope=None, quote=Q55))
    warned = project.run("conflicts").stderr
    assert "1 claim left out of the comparisons" in warned


def many_conflicts(project: Project, count: int) -> None:
    """`count` conflicts, each between two claims (one of them with a third claim agreeing)."""
    subjects = ["cpp", "cnrp", "nec", "assembly", "comfrel", "prak-sokhonn", "election"]
    props, scopes = ("seats", "voters"), ("e2013", "e2018")
    groups = [(s, p, sc) for s in subjects for p in props for sc in scopes]
    text = ""
    for n, (subject, prop, scope) in enumerate(groups[:count]):
        common = {"subject": subject, "prop": prop, "scope": scope, "quote": Q63}
        text += claim(f"c{n}-low", 1, **common) + claim(f"c{n}-high", 2, claimant="nec", **common)
        if n == count - 1:
            text += claim(f"c{n}-low-too", 1, claimant="comfrel", **common)
    project.claims("claims/many.yaml", text)


def test_many_conflicts_are_listed_one_a_line_biggest_first(project: Project) -> None:
    many_conflicts(project, 21)
    document = json.loads(project.run("conflicts", "--format", "json").stdout)
    ids = [c["id"] for c in document["conflicts"]]
    out = at_width(project, 100, "conflicts")
    assert "21 conflicts, one a line" in out
    assert "Claim and quote" not in out
    listed = [line for line in out.splitlines() if re.match(r"cf-[0-9a-f]{8} ", line)]
    assert sorted(line.split()[0] for line in listed) == sorted(ids)
    biggest = next(c["id"] for c in document["conflicts"] if len(c["claims"]) == 3)
    assert listed[0].split()[:4] == [biggest, "open", "value", "3"]
    assert all(len(line) <= 100 for line in out.splitlines())
    detailed = at_width(project, 100, "conflicts", "--details")
    assert detailed.count("Claim and quote") == 21


def test_twenty_conflicts_are_still_shown_in_full(project: Project) -> None:
    many_conflicts(project, 20)
    assert at_width(project, 100, "conflicts").count("Claim and quote") == 20


def test_claimants_track_record(project: Project) -> None:
    project.claims(
        "claims/seats.yaml",
        claim("cnrp-63", 63, quote=Q63)
        + claim("official", 55, claimant="nec", quote=Q55)
        + claim("relayed-63", 63, claimant="cnrp", quote=Q63, extra="relayed_by: prak-sokhonn")
        + claim("cnrp-turnout", 80, prop="turnout", quote=Q63),
    )
    (conflict,) = json.loads(project.run("conflicts", "--format", "json").stdout)["conflicts"]
    project.write(
        "claims/verdicts.yaml",
        f"verdicts:\n  {conflict['id']}:\n    status: resolved\n    verdict: The NEC count\n"
        "    rating: false\n    claims: [cnrp-63, relayed-63]\n",
    )
    result = project.run("claimants", "--format", "json")
    assert result.exit_code == 0
    rows = {r["claimant"]: r for r in json.loads(result.stdout)["claimants"]}
    assert rows["cnrp"] == {
        "claimant": "cnrp",
        "name": "Cambodia National Rescue Party",
        "claims": 3,
        "relayed": 1,
        "relays": 0,
        "conflicts": 1,
        "open": 0,
        "disputed": 0,
        "resolved": 1,
        "ratings": {"false": 2},
    }
    assert (rows["nec"]["claims"], rows["nec"]["ratings"]) == (1, {})
    assert (rows["prak-sokhonn"]["claims"], rows["prak-sokhonn"]["relays"]) == (0, 1)
    table = at_width(project, 160, "claimants", "--claimant", "CNRP")
    assert re.search(r"cnrp\s+Cambodia National Rescue Party\s+3\s+1\s+0\s+1\s+0\s+0\s+1", table)
    assert "false 2" in table and "1 claimant." in table
    csv = project.run("claimants", "--format", "csv").stdout.splitlines()
    assert csv[0] == "claimant,name,claims,relayed,relays,conflicts,open,disputed,resolved,ratings"


def test_claimants_on_the_bundled_project(bundled: Callable[..., Result]) -> None:
    document = json.loads(bundled("claimants", "--format", "json").stdout)
    rows = {r["claimant"]: r for r in document["claimants"]}
    assert (rows["sam-rainsy"]["claims"], rows["sam-rainsy"]["relayed"]) == (5, 4)
    assert (rows["hun-sen"]["relays"], rows["mu-sochua"]["claims"]) == (7, 0)
    assert document["claimants"][0]["claimant"] == "cnrp"
    assert rows["cnrp"]["conflicts"] == 10 and rows["cnrp"]["disputed"] == 1


def test_the_documented_track_record_is_real(bundled: Callable[..., Result]) -> None:
    docs = (REPO / "docs" / "claims.md").read_text(encoding="utf-8")
    section = docs.split("## A claimant's track record")[1]
    command, shown = re.findall(r"^\$ claimtrack (.+)\n((?:[^`\n][^\n]*\n)+)", section, re.M)[0]
    assert bundled(*shlex.split(command)).stdout == shown


def _conflicts_on_a_terminal(env: dict[str, str]) -> str:
    """`claimtrack conflicts` with its input and output on a pseudo-terminal, as at a desk,
    read while it runs (a pseudo-terminal holds little)."""
    leader, follower = pty.openpty()
    with subprocess.Popen(
        [sys.executable, "-m", "claimtrack", "conflicts"],
        cwd=REPO,
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env={**os.environ, "COLUMNS": "100", "TERM": "xterm", **env},
    ) as process:
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                break
            if not chunk:
                break
            chunks.append(chunk)
        os.close(leader)
        assert process.wait(timeout=120) == 0
    return b"".join(chunks).decode(errors="replace")


def test_paged_on_a_terminal_and_not_when_piped() -> None:
    paged = _conflicts_on_a_terminal({"PAGER": "sed s/^/paged:/"})
    lines = [line for line in paged.splitlines() if "cf-cebed882" in line]
    assert lines and all(line.startswith("paged:") for line in lines)
    piped = subprocess.run(
        [sys.executable, "-m", "claimtrack", "conflicts"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PAGER": "sed s/^/paged:/"},
    ).stdout
    assert "cf-cebed882" in piped and "paged:" not in piped


def test_the_bundled_verdict_notes_are_shown(bundled: Callable[..., Result]) -> None:
    markdown = bundled("conflicts", "--format", "markdown").stdout
    assert (
        "The same-day report is the stronger source, but the seeds cannot settle it: ask RFA"
        in (markdown)
    )
    table = " ".join(line.strip("│ ") for line in bundled("conflicts").stdout.splitlines())
    assert "seeds cannot settle it: ask RFA which is right." in " ".join(table.split())
