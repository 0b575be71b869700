"""Hostile input anywhere: every case is bounded in time and memory, gets a located finding or
one named error (never an internal error), and text from files is escaped wherever printed."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimtrack.cli import app
from claimtrack.render.escape import terminal
from tests.conftest import Project, claim

Q63 = "The CNRP claims to have won 63."
Q55 = "compared with CNRP’s 55"
GOOD = claim("cnrp-63", 63, quote=Q63)
BROKEN = "claims:\n  - id: [unclosed\n"
FINDING = re.compile(r"^[^\x00-\x1f]+:\d+:\d+: CT\d{3} [^\x00-\x1f]*$")
BOUNDS = {"seconds": 10, "bytes": 1 << 30}
"""What any run may take on hostile input: 10 s and 1 GiB of address space."""


def cli(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None, fsize: int = -1
) -> subprocess.CompletedProcess[str]:
    """The command as a real process, under the time and memory bounds (and a file-size one)."""

    def limits() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (BOUNDS["bytes"], BOUNDS["bytes"]))
        if fsize >= 0:
            resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))

    return subprocess.run(
        [sys.executable, "-m", "claimtrack", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent / "src"), **(env or {})},
        timeout=BOUNDS["seconds"],
        preexec_fn=limits,
    )


def lines(text: str) -> list[str]:
    return text.splitlines()


def assert_no_internal_error(done: subprocess.CompletedProcess[str]) -> None:
    assert "internal error" not in done.stderr, done.stderr
    assert "Traceback" not in done.stderr, done.stderr


def with_a_broken_file(project: Project) -> None:
    """Another file's finding, which must still be reported beside the hostile one."""
    project.claims("claims/seats.yaml", GOOD)
    project.write("claims/broken.yaml", BROKEN)


def assert_other_findings_kept(out: str) -> None:
    assert any(line.startswith("claims/broken.yaml:3:1: CT003") for line in lines(out)), out


# Hangs and unbounded resources


def test_a_claim_file_that_is_a_fifo_is_refused_not_waited_on(project: Project) -> None:
    with_a_broken_file(project)
    os.mkfifo(project.root / "claims/pipe.yaml")
    done = cli("validate", "--root", str(project.root))
    assert done.returncode == 2
    assert "claims/pipe.yaml:1:1: CT001 is a named pipe (FIFO); only regular files are read" in (
        lines(done.stdout)
    )
    assert_other_findings_kept(done.stdout)


@pytest.mark.parametrize("device", ["/dev/stdin", "/dev/zero"])
def test_a_link_to_a_device_is_refused_within_the_bounds(project: Project, device: str) -> None:
    with_a_broken_file(project)
    os.symlink(device, project.root / "claims/linked.yaml")
    done = cli("validate", "--root", str(project.root))
    assert done.returncode == 2
    assert_no_internal_error(done)
    assert (
        "claims/linked.yaml:1:1: CT001 is a symbolic link that leads outside the project; "
        "only links inside it are followed"
    ) in lines(done.stdout)
    assert_other_findings_kept(done.stdout)


def test_a_link_inside_the_project_is_followed(project: Project) -> None:
    project.write("shared/seats.yaml", "claims:\n" + "  " + GOOD.replace("\n", "\n  "))
    os.symlink("../shared/seats.yaml", project.root / "claims/seats.yaml")
    assert project.run("validate").exit_code == 0


# Unlocated internal errors


def test_a_rule_total_on_a_boolean_property(project: Project) -> None:
    project.write(
        "claims/rules.yaml",
        """\
        rules:
          flag-total:
            relation: at-most
            property: seats
            total: {subject: cnrp, property: free}
        """,
    )
    project.claims(
        "claims/seats.yaml", GOOD + claim("cnrp-free", "true", prop="free", quote="The CNRP")
    )
    result = project.run("validate")
    assert result.exit_code == 1
    assert lines(result.stdout)[0] == (
        "claims/rules.yaml:5:12: CT207 rule 'flag-total': its total needs a number property, "
        "'free' is boolean"
    )


def read_only_folder(tmp_path: Path) -> Path:
    """A folder nobody may write in; the superuser ignores permissions, but not /proc's."""
    if os.geteuid() == 0:
        return Path("/proc/claimtrack-report")
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    return folder


def test_report_into_a_read_only_folder(project: Project, tmp_path: Path) -> None:
    project.claims("claims/seats.yaml", GOOD)
    target = read_only_folder(tmp_path) / "report.html"
    done = cli("report", "-o", str(target), "--root", str(project.root))
    assert done.returncode == 2
    assert done.stderr.startswith(f"claimtrack: cannot write {target}: "), done.stderr


def test_report_onto_a_dangling_link(project: Project, tmp_path: Path) -> None:
    project.claims("claims/seats.yaml", GOOD)
    target = tmp_path / "report.html"
    os.symlink(tmp_path / "gone", target)
    result = project.run("report", "-o", str(target))
    assert result.exit_code == 2
    assert result.stderr == f"claimtrack: {target} exists; use --force to replace it\n"
    assert target.is_symlink()


def test_report_under_a_file_size_limit(project: Project, tmp_path: Path) -> None:
    project.claims("claims/seats.yaml", GOOD)
    done = cli("report", "-o", str(tmp_path / "r.html"), "--root", str(project.root), fsize=100)
    assert (done.returncode, done.stderr) == (
        2,
        f"claimtrack: cannot write {tmp_path / 'r.html'}: File too large\n",
    )
    assert not (tmp_path / "r.html").exists()


def test_standard_output_under_a_file_size_limit(project: Project) -> None:
    project.claims("claims/seats.yaml", GOOD)
    with open(project.root / "out.md", "w") as out:
        done = subprocess.run(
            [sys.executable, "-m", "claimtrack", "report", "--format", "markdown"],
            cwd=project.root,
            stdout=out,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
            timeout=BOUNDS["seconds"],
            preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (10, 10)),
        )
    assert (done.returncode, done.stderr) == (
        2,
        "claimtrack: cannot write the output: file too large\n",
    )


def test_a_deleted_working_directory(tmp_path: Path) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    here = (sys.executable, str(gone))
    done = subprocess.run(
        ["sh", "-c", 'cd "$1" && rmdir "$1" && exec "$0" -m claimtrack validate', *here],
        capture_output=True,
        text=True,
        check=False,
        timeout=BOUNDS["seconds"],
    )
    assert done.returncode == 2
    assert done.stderr.startswith("claimtrack: the current folder cannot be read"), done.stderr


def test_an_ascii_only_output_encoding(project: Project) -> None:
    project.claims("claims/seats.yaml", claim("cnrp-55", 55, claimant="nec", quote=Q55))
    done = cli(
        "claims", "--format", "csv", "--root", str(project.root), env={"PYTHONIOENCODING": "ascii"}
    )
    assert done.returncode == 0, done.stderr
    assert "compared with CNRP\\u2019s 55" in done.stdout


def test_new_since_over_a_history_holding_an_absolute_link(project: Project) -> None:
    def git(*args: str) -> None:
        subprocess.run(
            ["git", "-c", "user.name=T", "-c", "user.email=t@example.org", *args],
            cwd=project.root,
            check=True,
            capture_output=True,
        )

    project.claims("claims/seats.yaml", GOOD)
    os.symlink("/etc/hostname", project.root / "claims/outside.yaml")
    git("init", "-q")
    git("add", "-A")
    git("commit", "-qm", "first")
    done = cli("conflicts", "--new-since", "HEAD", "--format", "json", "--root", str(project.root))
    assert_no_internal_error(done)
    assert done.returncode == 2  # the link is refused in the working tree too
    assert "claims/outside.yaml:1:1: CT001 is a symbolic link that leads outside" in done.stderr
    (project.root / "claims/outside.yaml").unlink()
    done = cli("conflicts", "--new-since", "HEAD", "--format", "json", "--root", str(project.root))
    assert (done.returncode, json.loads(done.stdout)["conflicts"]) == (0, [])


# Checks silently off


@pytest.mark.skipif(os.geteuid() == 0, reason="the superuser reads any folder")
def test_an_unreadable_claims_folder_is_a_finding(project: Project) -> None:
    project.claims("claims/private/seats.yaml", GOOD)
    (project.root / "claims/private").chmod(0)
    try:
        result = project.run("validate")
    finally:
        (project.root / "claims/private").chmod(0o755)
    assert result.exit_code == 2
    assert lines(result.stdout)[0] == (
        "claims/private/:1:1: CT001 cannot read folder: Permission denied"
    )


def test_a_claims_folder_that_is_not_a_folder_is_a_finding(project: Project) -> None:
    shutil.rmtree(project.root / "claims")
    project.write("claims", "not a folder\n")
    result = project.run("validate")
    assert result.exit_code == 2
    assert lines(result.stdout)[0] == (
        "claims/:1:1: CT001 cannot read folder: Not a directory; the files in it were not checked"
    )


def test_a_claims_folder_linked_outside_the_project_is_a_finding(
    project: Project, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "seats.yaml").write_text(BROKEN)
    os.symlink(elsewhere, project.root / "claims/linked")
    result = project.run("validate")
    assert result.exit_code == 2
    assert lines(result.stdout)[0] == (
        "claims/linked/:1:1: CT001 folder is a symbolic link that leads outside the project; "
        "only links inside it are followed"
    )


def test_a_folder_link_loop_is_a_finding(project: Project) -> None:
    project.claims("claims/seats.yaml", GOOD)
    os.symlink("..", project.root / "claims/loop")
    os.symlink("../claims", project.root / "claims/again")
    result = project.run("validate")
    assert result.exit_code == 2
    assert lines(result.stdout)[:2] == [
        "claims/again/:1:1: CT001 folder is a symbolic link back to a folder that holds it",
        "claims/loop/:1:1: CT001 folder is a symbolic link back to a folder that holds it",
    ]


def test_a_rule_listing_a_part_twice(project: Project) -> None:
    project.write(
        "claims/rules.yaml",
        """\
        rules:
          twice:
            relation: at-most
            property: seats
            parts: [cnrp, CNRP]
            total: 100
        """,
    )
    result = project.run("validate")
    assert lines(result.stdout)[0] == (
        "claims/rules.yaml:5:12: CT207 rule 'twice' lists 'cnrp' twice (as 'CNRP'): it would be "
        "counted twice in the sum; list it once"
    )


def test_seeds_deriving_from_each_other_in_a_circle(project: Project) -> None:
    project.write("seeds/copy.txt", "A copy.\n")
    project.write(
        "seeds/catalog.yaml",
        """\
        seeds:
          article.txt: {derived_from: copy.txt}
          copy.txt: {derived_from: article.txt}
        """,
    )
    result = project.run("validate")
    assert result.exit_code == 1
    assert lines(result.stdout)[:2] == [
        "seeds/catalog.yaml:2:3: CT113 article.txt derives from itself through article.txt -> "
        "copy.txt -> article.txt; name the original as derived_from of the others, and none "
        "for the original",
        "seeds/catalog.yaml:3:3: CT113 copy.txt derives from itself through copy.txt -> "
        "article.txt -> copy.txt; name the original as derived_from of the others, and none "
        "for the original",
    ]


def test_a_blank_alias(project: Project) -> None:
    project.write("claims/more.yaml", "entities:\n  x: {name: X, aliases: [XX, '  ']}\n")
    result = project.run("validate")
    assert lines(result.stdout)[0] == (
        "claims/more.yaml:2:30: CT016 entity 'x' field 'aliases': a blank name matches nothing; "
        "remove it"
    )


def test_claim_ids_that_differ_only_by_case_or_look_alike_characters(project: Project) -> None:
    project.claims(
        "claims/seats.yaml",
        GOOD + claim("CNRP-63", 63, quote=Q63) + claim("cnrp-b3", 63, quote=Q63),
    )
    project.claims("claims/more.yaml", claim("poll-10", 1, quote=Q63) + claim("poll-lo", 1))
    result = project.run("validate")
    assert result.exit_code == 1
    assert [line for line in lines(result.stdout) if "CT208" in line] == [
        "claims/more.yaml:10:9: CT208 claim id 'poll-lo' looks like 'poll-10' (at "
        "claims/more.yaml:2); they differ only by case or by look-alike letters: use one spelling",
        "claims/seats.yaml:10:9: CT208 claim id 'CNRP-63' looks like 'cnrp-63' (at "
        "claims/seats.yaml:2); they differ only by case or by look-alike letters: use one spelling",
    ]


def test_registry_ids_in_another_script_that_look_alike(project: Project) -> None:
    project.write("claims/more.yaml", "entities:\n  \u0441pp: {name: Forged}\n")
    result = project.run("validate")
    assert lines(result.stdout)[0] == (
        "claims/registry.yaml:2:3: CT208 entity id 'cpp' looks like '\u0441pp' (at "
        "claims/more.yaml:2); they differ only by case or by look-alike letters: use one spelling"
    )


def test_blank_and_control_character_registry_ids(project: Project) -> None:
    project.write("claims/more.yaml", 'scopes:\n  "": {name: A}\n  "e\\n1": {name: B}\n')
    assert lines(project.run("validate").stdout)[:2] == [
        "claims/more.yaml:2:3: CT016 claims file field 'scopes': '' is not a usable id: "
        "it is blank",
        "claims/more.yaml:3:3: CT016 claims file field 'scopes': 'e\\n1' is not a usable id: "
        "it holds a control character",
    ]


def test_force_never_replaces_a_special_file(project: Project, tmp_path: Path) -> None:
    project.claims("claims/seats.yaml", GOOD)
    target = tmp_path / "pipe.html"
    os.mkfifo(target)
    result = project.run("report", "-o", str(target), "--force")
    assert (result.exit_code, result.stderr) == (
        2,
        f"claimtrack: {target} is a named pipe (FIFO); not replacing it, even with --force\n",
    )


@pytest.mark.parametrize("columns", ["0", "-5", "wide", "100000000"])
def test_a_useless_columns_setting_still_prints(project: Project, columns: str) -> None:
    project.claims("claims/seats.yaml", GOOD + claim("official", 55, claimant="nec", quote=Q55))
    done = cli("conflicts", "--root", str(project.root), env={"COLUMNS": columns})
    assert done.returncode == 0, done.stderr
    assert "compared with CNRP’s 55" in done.stdout


# Injection: text from files is escaped wherever it is printed

FORGED = "::error file=claims/seats.yaml,line=1::forged"
HOSTILE_NAME = '=HYPERLINK(\\"http://x\\") \\e[2J\\e]8;;http://x\\e\\\\ <b>*x*</b> | y'
NAME_AS_READ = '=HYPERLINK("http://x") \x1b[2J\x1b]8;;http://x\x1b\\ <b>*x*</b> | y'
"""An entity name (YAML double-quoted) that is a formula, clears the screen, plants a link and
is HTML and Markdown at once."""


def hostile(project: Project) -> str:
    """A project whose one conflict names an entity with `HOSTILE_NAME`; returns the conflict."""
    project.write("claims/more.yaml", f'entities:\n  evil: {{name: "{HOSTILE_NAME}"}}\n')
    project.claims(
        "claims/seats.yaml",
        claim("claimed", 63, quote=Q63) + claim("official", 55, claimant="evil", quote=Q55),
    )
    document = json.loads(project.run("conflicts", "--format", "json").stdout)
    (conflict,) = document["conflicts"]
    return str(conflict["id"])


def test_names_from_files_cannot_forge_finding_lines(project: Project) -> None:
    project.write(f"seeds/x\n{FORGED}.txt", "A seed.\n")
    project.write("claims/verdicts.yaml", f'verdicts:\n  "cf-1\\n{FORGED}": {{status: open}}\n')
    project.claims(
        "claims/seats.yaml",
        claim("c", 63, quote=Q63).replace("seed: article.txt", f'seed: "x\\n{FORGED}.txt"'),
    )
    for output_format in ("text", "github"):
        result = project.run("validate", "--format", output_format)
        found = lines(result.stdout)[:-1]
        assert len(found) == 3, result.stdout
        assert not any(line.startswith("::") for line in found if output_format == "text")
        assert all(
            line.startswith(("::error file=", "::warning file="))
            for line in found
            if output_format == "github"
        )
    text = lines(project.run("validate").stdout)
    assert all(FINDING.match(line) for line in text[:-1]), text
    assert text[2] == (
        "seeds/x\\n::error file=claims/seats.yaml,line=1::forged.txt:1:1: CT107 seed "
        "x\\n::error file=claims/seats.yaml,line=1::forged.txt is not in seeds/catalog.yaml; "
        "add its title, publisher, date and sha256 there"
    )


def test_escape_sequences_never_reach_the_terminal(project: Project) -> None:
    project.write_bytes("seeds/article.txt", ARTICLE_WITH_ESCAPES)
    project.write("seeds/catalog.yaml", 'seeds:\n  article.txt: {title: "\\e[31mRed"}\n')
    conflict = hostile(project)
    for args in (("conflicts",), ("show", conflict), ("show", "official"), ("seeds",)):
        out = project.run(*args).stdout
        assert "\x1b" not in out and "\\x1b" in out, (args, out)


ARTICLE_WITH_ESCAPES = (
    "The CNRP claims to have won 63.\x1b[2J\nThe NEC: compared with CNRP’s 55\n".encode()
)


def test_csv_cells_are_never_formulas(project: Project) -> None:
    hostile(project)
    exported = list(csv.DictReader(io.StringIO(project.run("export", "--format", "csv").stdout)))
    assert {row["claimant"] for row in exported} == {"cnrp", "evil"}
    listed = list(csv.DictReader(io.StringIO(project.run("claims", "--format", "csv").stdout)))
    conflicts = list(
        csv.DictReader(io.StringIO(project.run("conflicts", "--format", "csv").stdout))
    )
    names = [row["claimant"] for row in conflicts]
    assert "'" + terminal(NAME_AS_READ) in names  # control characters shown, as in any output
    assert all(not cell.startswith(("=", "+", "@")) for row in listed for cell in row.values())


def test_markdown_escapes_names_summaries_and_verdicts(project: Project) -> None:
    conflict = hostile(project)
    project.write(
        "claims/verdicts.yaml",
        f"""\
        verdicts:
          {conflict}:
            status: resolved
            verdict: "<img src=x onerror=alert(1)> **bold** [link](javascript:x)"
            rating: "false"
            by: A. Editor
            date: 2026-11-20
        """,
    )
    out = project.run("conflicts", "--format", "markdown").stdout
    assert "*Verdict* (resolved, rated false): \\<img src=x onerror=alert(1)\\> \\*\\*bold" in out
    assert "\\[link\\]" in out
    assert "<b>" not in out and "\\<b\\>\\*x\\*\\</b\\> \\| y" in out
    assert "\x1b" not in out


def test_claimreview_is_safe_inside_a_script_element(project: Project) -> None:
    conflict = hostile(project)
    project.write(
        "seeds/catalog.yaml",
        'seeds:\n  article.txt: {title: "</script><script>alert(1)</script>"}\n',
    )
    project.write(
        "claims/verdicts.yaml",
        f"verdicts:\n  {conflict}: {{status: resolved, rating: 'false', claims: [official]}}\n",
    )
    result = project.run("export", "--format", "claimreview", "--site", "https://example.org/")
    assert result.exit_code == 0, result.stderr
    assert "<" not in result.stdout and ">" not in result.stdout
    (review,) = json.loads(result.stdout)
    assert review["itemReviewed"]["appearance"]["headline"] == (
        "</script><script>alert(1)</script>"
    )


@pytest.mark.parametrize(
    "site", ["javascript:alert(1)", "data:text/html,x", "//example.org", "https://exa mple.org"]
)
def test_claimreview_site_must_be_a_web_address(project: Project, site: str) -> None:
    result = project.run("export", "--format", "claimreview", "--site", site)
    assert result.exit_code == 2
    assert result.stderr.startswith("claimtrack: --site ")


def test_init_with_force_never_replaces_a_special_file(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "claimtrack.yaml")
    result = CliRunner().invoke(app, ["init", str(tmp_path), "--force"])
    assert result.exit_code == 2
    assert result.stderr == (
        f"claimtrack: {tmp_path / 'claimtrack.yaml'} is a named pipe (FIFO); not replacing it, "
        "even with --force\n"
    )


def test_csv_cells_cannot_start_a_log_line_or_a_terminal_escape(project: Project) -> None:
    """A CSV printed into a CI log: a line break inside a cell would start a new log line,
    which GitHub reads as a workflow command when it starts with `::`."""
    from claimtrack.render.escape import csv_cell

    assert (
        csv_cell("Turnout rose.\n::error file=x::forged") == "Turnout rose. ::error file=x::forged"
    )
    assert csv_cell("red\x1b[31m") == "red\\x1b[31m"
    assert csv_cell("=1+1") == "'=1+1"
    assert csv_cell(-5) == -5


def test_a_sum_over_parts_without_an_upper_bound_is_judged_not_crashed(project: Project) -> None:
    """Found by the fuzzer: one claimant's two readings of a part, one open above ("more than
    0") and one not (0), made the rule's running sum take infinity from infinity."""
    project.write(
        "claims/rules.yaml",
        "rules:\n  fit:\n    property: seats\n    total: -63\n    relation: exactly\n",
    )
    project.claims(
        "claims/x.yaml",
        claim("assembly-0", 0, subject="assembly", claimant="cpp", quote="won 68 of the")
        + claim("cpp-0", 0, subject="cpp", claimant="cpp", quote="won 68 of the")
        + claim("cpp-over-0", "{more_than: 0}", subject="cpp", claimant="cpp", quote="won 68"),
    )
    done = project.run("conflicts", "--format", "json")
    assert "internal error" not in done.stderr
    assert done.exit_code == 0, done.stderr
    assert project.run("validate").exit_code in (0, 1)


def test_places_far_from_their_claim_are_reported_exactly(project: Project) -> None:
    """A field's place is kept packed, a column in two bytes where it fits: a default tens of
    thousands of lines above the claim, and a claimant tens of thousands of columns to the
    right, are still reported at their exact line and column (a tab in a comment leaves the
    file to the YAML parser: the line scanner takes quadratic time on long runs of spaces)."""
    gap = 40_000
    padding = " " * 70_000
    text = (
        "# composed\tby the parser\n"
        "defaults:\n"
        "  seed: missing.txt\n"
        + "# padding\n" * gap
        + "claims:\n"
        + "  - id: far-away\n"
        + "    subject: cnrp\n"
        + "    property: seats\n"
        + "    value: sixty-three\n"
        + f"    claimant: [cnrp,{padding}nobody]\n"
        + "    scope: e2013\n"
        + f"    quote: {Q63}\n"
    )
    project.write("claims/far.yaml", text)
    claim_line = gap + 5
    result = project.run("validate")
    found = [line for line in lines(result.stdout) if line.startswith("claims/far.yaml")]
    assert found == [
        "claims/far.yaml:3:9: CT101 seed 'missing.txt' does not exist in seeds/",
        f"claims/far.yaml:{claim_line + 4}:{21 + len(padding)}: CT202 unknown entity 'nobody' "
        "as claimant; add it to an entities registry, or add this spelling to an entity's "
        "aliases",
    ]


@pytest.mark.parametrize(
    "line",
    [
        "  note: [{spaces}nec]",
        "  note: [nec,{spaces}]",
        "  note: a{spaces}b",
        "  note: {{a: b,{spaces}}}",
        "  note: '{spaces}'",
        "  note: a{spaces}",
    ],
    ids=["flow list", "flow list end", "plain", "flow mapping", "quoted", "trailing"],
)
def test_a_long_run_of_spaces_in_a_line_is_read_in_bounded_time(
    project: Project, line: str
) -> None:
    """A hundred thousand spaces in one value: each line is read in one pass (a flow value
    once took minutes here), and what the file says is still found and located."""
    project.claims(
        "claims/spaced.yaml", GOOD.rstrip("\n") + "\n" + line.format(spaces=" " * 100_000) + "\n"
    )
    done = cli("validate", "--no-cache", cwd=project.root)
    assert_no_internal_error(done)
    assert done.returncode in (0, 1), done.stderr
    assert all(FINDING.match(text) for text in lines(done.stdout)[:-1]), done.stdout[-2000:]
