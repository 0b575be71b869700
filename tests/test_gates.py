"""The gates (validate, `conflicts --fail-on`, `--new-since`): each one fails on the input it
exists to catch, and never passes what it did not check."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import Project, claim

Q63 = "The CNRP claims to have won 63."
Q55 = "compared with CNRP’s 55"
BAD_QUOTE = "The CNRP says it won 63."


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The installed command as a real process in `cwd`, as pre-commit and editors run it."""
    return subprocess.run(
        [sys.executable, "-m", "claimtrack", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
    )


def contradiction(project: Project) -> str:
    """Two claims that contradict each other; returns the conflict's id."""
    project.claims(
        "claims/seats.yaml",
        claim("claimed", 63, quote=Q63) + claim("official", 55, claimant="nec", quote=Q55),
    )
    result = project.run("conflicts", "--format", "json")
    (conflict,) = json.loads(result.stdout)["conflicts"]
    return str(conflict["id"])


def verdict(project: Project, conflict: str, status: str, text: str = "") -> None:
    said = f"\n    verdict: {text}" if text else ""
    project.write(
        "claims/verdicts.yaml",
        f"verdicts:\n  {conflict}:\n    status: {status}{said}\n    by: A. Editor\n",
    )


# validate: what it is given


def test_a_path_that_does_not_exist_is_a_usage_error_naming_it(project: Project) -> None:
    project.claims("claims/seats.yaml", claim("claimed", 63, quote=Q63))
    done = run("validate", "claims/nosuch.yaml", cwd=project.root)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr == "claimtrack: claims/nosuch.yaml: no such file or folder\n"


def test_a_folder_is_searched_for_claim_files(project: Project) -> None:
    project.claims("claims/e2013/seats.yaml", claim("claimed", 63, quote=BAD_QUOTE))
    project.claims("claims/e2013/more.yaml", claim("official", 55, claimant="nec", quote=Q55))
    project.claims("claims/e2018/other.yaml", claim("other", 55, claimant="nec", quote=BAD_QUOTE))
    done = run("validate", "claims/e2013", cwd=project.root)
    assert done.returncode == 1, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("claims/e2013/seats.yaml:8:12: CT102 quote not found")
    assert not any("e2018" in line for line in lines)
    assert lines[-1] == "Found 1 error and 0 warnings in 2 files."


def test_a_folder_with_nothing_to_check_is_a_usage_error(project: Project) -> None:
    (project.root / "notes").mkdir()
    done = run("validate", "notes", cwd=project.root)
    assert done.returncode == 2
    assert "notes: no claim, seed or project files in this folder" in done.stderr


def test_a_file_outside_the_claims_project_is_refused_not_counted(project: Project) -> None:
    project.write("README.md", "# Our claims\n")
    project.claims("claims/seats.yaml", claim("claimed", 63, quote=Q63))
    done = run("validate", "README.md", "claims/seats.yaml", cwd=project.root)
    assert done.returncode == 2
    assert done.stdout == ""
    assert "README.md is not a file of the claims project" in done.stderr
    assert "not checked" in done.stderr


def test_a_file_in_no_project_at_all_is_refused(tmp_path: Path) -> None:
    stray = tmp_path / "claims" / "x.yaml"
    stray.parent.mkdir()
    stray.write_text("claims: []\n")
    done = run("validate", "claims/x.yaml", cwd=tmp_path)
    assert done.returncode == 2
    assert "claims/x.yaml is not inside a claims project" in done.stderr


def test_the_summary_counts_only_the_files_checked(project: Project) -> None:
    project.claims("claims/a.yaml", claim("claimed", 63, quote=Q63))
    project.claims("claims/b.yaml", claim("official", 55, claimant="nec", quote=Q55))
    assert project.run("validate").stdout == "All clean: 4 files checked.\n"
    assert project.run("validate", str(project.root / "claims/a.yaml")).stdout == (
        "All clean: 1 file checked.\n"
    )
    seeds = project.run("validate", str(project.root / "seeds"))
    assert seeds.stdout == "All clean: 2 files checked.\n"  # the article and its catalog


@pytest.mark.skipif(os.geteuid() == 0, reason="the superuser reads every folder")
def test_an_unreadable_claims_folder_is_a_located_error(project: Project) -> None:
    project.claims("claims/locked/seats.yaml", claim("claimed", 63, quote=BAD_QUOTE))
    locked = project.root / "claims" / "locked"
    locked.chmod(0)
    try:
        result = project.run("validate")
    finally:
        locked.chmod(0o755)
    assert result.exit_code == 2
    assert result.stdout.startswith("claims/locked/:1:1: CT001 cannot read folder")


def test_a_claims_folder_that_cannot_be_listed_is_a_located_error(project: Project) -> None:
    """A folder nested past the system's path length limit cannot be listed, even by the
    superuser: its claims must be reported as not checked, not skipped."""
    project.claims("claims/seats.yaml", claim("claimed", 63, quote=Q63))
    name = "d" * 200
    folder = os.open(project.root / "claims", os.O_RDONLY)
    try:
        for _ in range(24):  # 24 x 201 characters: past PATH_MAX (4096)
            os.mkdir(name, dir_fd=folder)
            inner = os.open(name, os.O_RDONLY, dir_fd=folder)
            os.close(folder)
            folder = inner
        claims = os.open("bad.yaml", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=folder)
        os.write(claims, b"claims: [{id: hidden, value: 1, quote: not in any seed}]\n")
        os.close(claims)
    finally:
        os.close(folder)
    result = project.run("validate")
    assert result.exit_code == 2
    (finding,) = [line for line in result.stdout.splitlines() if " CT001 " in line]
    assert finding.startswith(f"claims/{name}/")
    assert "CT001 cannot read folder: File name too long; the files in it were not checked" in (
        finding
    )
    assert result.stdout.splitlines()[-1].startswith("Found 1 error")


# validate: a project in a subfolder, as pre-commit runs it from the repository's root


def test_the_project_is_found_from_the_files_and_paths_open_from_here(
    project: Project, tmp_path: Path
) -> None:
    project.claims("claims/seats.yaml", claim("claimed", 63, quote=BAD_QUOTE))
    repository = project.root.parent
    assert repository == tmp_path
    done = run("validate", "newsroom/claims/seats.yaml", cwd=repository)
    assert done.returncode == 1, done.stderr
    assert done.stdout.startswith("newsroom/claims/seats.yaml:8:12: CT102 quote not found")
    inside = run("validate", "seats.yaml", cwd=project.root / "claims")
    assert inside.stdout.startswith("seats.yaml:8:12: CT102")
    registry = run("validate", "../claims", cwd=project.root / "seeds")
    assert registry.stdout.startswith("../claims/seats.yaml:8:12: CT102")


def test_github_annotations_name_paths_from_the_repository_root(project: Project) -> None:
    project.claims("claims/seats.yaml", claim("claimed", 63, quote=BAD_QUOTE))
    repository = project.root.parent
    git(repository, "init", "-q")
    for cwd in (repository, project.root, project.root / "claims"):
        done = run("validate", "--root", str(project.root), "--format", "github", cwd=cwd)
        assert done.returncode == 1
        assert done.stdout.startswith(
            "::error file=newsroom/claims/seats.yaml,line=8,col=12,title=CT102::"
        ), cwd


# conflicts --fail-on: how settled a conflict must be


@pytest.mark.parametrize(
    ("status", "failing"),
    [
        (None, {"unreviewed", "open", "disputed"}),
        ("open", {"open", "disputed"}),
        ("disputed", {"disputed"}),
        ("resolved", set()),
    ],
)
def test_fail_on_fails_on_conflicts_less_settled_than_asked(
    project: Project, status: str | None, failing: set[str]
) -> None:
    conflict = contradiction(project)
    if status:
        verdict(project, conflict, status, "The official count stands.")
    for level in ("unreviewed", "open", "disputed"):
        result = project.run("conflicts", "--format", "csv", "--fail-on", level)
        assert result.exit_code == (1 if level in failing else 0), (status, level)
        if level in failing:
            assert f"--fail-on {level}: 1 of the conflicts shown has" in result.stderr
            assert conflict in result.stderr
    assert project.run("conflicts", "--format", "csv").exit_code == 0  # never, by default


def test_a_resolved_verdict_must_say_what_was_decided(project: Project) -> None:
    conflict = contradiction(project)
    verdict(project, conflict, "resolved")
    result = project.run("validate")
    assert result.exit_code == 1
    assert (
        f"claims/verdicts.yaml:3:5: CT013 verdict {conflict!r}: status resolved needs 'verdict'"
        in result.stdout
    )
    verdict(project, conflict, "open")
    assert project.run("validate").exit_code == 0


def test_new_since_fails_only_on_conflicts_the_change_introduces(project: Project) -> None:
    old = contradiction(project)
    git(project.root, "init", "-q")
    git(project.root, "add", ".")
    git(project.root, "commit", "-qm", "base")
    gate = ("conflicts", "--format", "csv", "--new-since", "HEAD", "--fail-on", "unreviewed")
    assert project.run(*gate).exit_code == 0  # the old conflict is not new
    assert project.run("conflicts", "--format", "csv", "--fail-on", "unreviewed").exit_code == 1
    project.claims(
        "claims/free.yaml",
        claim("yes", "true", subject="election", prop="free", quote="The CNRP")
        + claim("no", "false", subject="election", prop="free", quote="The NEC"),
    )
    result = project.run(*gate)
    assert result.exit_code == 1
    assert old not in result.stdout and "Free and fair" in result.stdout
    (new,) = [
        c["id"]
        for c in json.loads(project.run("conflicts", "--format", "json").stdout)["conflicts"]
        if c["id"] != old
    ]
    verdict(project, new, "open")
    assert project.run(*gate).exit_code == 0


# filters: only values that exist


@pytest.mark.parametrize(
    ("option", "given", "message"),
    [
        ("--status", "opne", "--status 'opne': not a status; one of open, resolved, disputed"),
        ("--kind", "valu", "--kind 'valu': not a kind; one of value, tension, joint"),
        ("--subject", "cnpr", "--subject 'cnpr': no such entity in the project"),
        ("--claimant", "NEK", "--claimant 'NEK': no such entity in the project"),
        ("--scope", "e213", "--scope 'e213': no such scope in the project"),
        ("--property", "seat", "--property 'seat': no such property in the project"),
        ("--seed", "artcle.txt", "--seed 'artcle.txt': no such seed in the project"),
    ],
)
def test_a_filter_value_the_project_does_not_have_is_a_usage_error(
    project: Project, option: str, given: str, message: str
) -> None:
    contradiction(project)
    result = project.run("conflicts", option, given, "--fail-on", "disputed")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"claimtrack: {message}")
    assert "; the closest is '" in result.stderr


def test_filters_take_ids_aliases_and_seed_paths_that_exist(project: Project) -> None:
    contradiction(project)
    for option, given in (
        ("--subject", "CNRP"),
        ("--claimant", "nec"),
        ("--scope", "e2013"),
        ("--seed", "seeds/article.txt"),
        ("--status", "open"),
        ("--kind", "value"),
    ):
        result = project.run("conflicts", "--format", "csv", option, given, "--fail-on", "open")
        assert result.exit_code == 1, (option, result.stderr)
    assert project.run("conflicts", "--scope", "e2018").exit_code == 0  # exists, no conflicts


def test_claims_filters_refuse_unknown_values_too(project: Project) -> None:
    contradiction(project)
    result = project.run("claims", "--kind", "offical")
    assert result.exit_code == 2
    assert "--kind 'offical': not a kind" in result.stderr
    assert "the closest is 'official'" in result.stderr
    assert project.run("claims", "--kind", "official").exit_code == 0


@pytest.mark.parametrize(
    ("changed", "edit"),
    [
        (
            "claims/registry.yaml",
            (
                "nec: {name: National Election Committee, type: institution, aliases: [NEC]}",
                "necx: {name: NEC Cambodia}",
            ),
        ),
        ("seeds/catalog.yaml", ("  article.txt:", "  other.txt:")),
        ("claimtrack.yaml", ("name: test", "name: test\nignore: [CT999]")),
    ],
    ids=["entity renamed", "seed dropped from the catalog", "project settings"],
)
def test_a_commit_of_a_shared_file_reports_what_it_breaks_elsewhere(
    project: Project, changed: str, edit: tuple[str, str]
) -> None:
    """pre-commit passes only the changed file; a registry, the catalog or the settings can
    break files the commit does not touch, so validating one of them reports what it breaks
    (the whole project for a registry or the settings, every seed for the catalog)."""
    project.claims("claims/seats.yaml", claim("official", 55, claimant="nec", quote=Q55))
    assert run("validate", changed, cwd=project.root).returncode == 0
    path = project.root / changed
    path.write_text(path.read_text(encoding="utf-8").replace(*edit), encoding="utf-8")
    done = run("validate", changed, cwd=project.root)
    whole = run("validate", "--no-cache", cwd=project.root)
    assert whole.returncode == 1
    assert (done.returncode, done.stdout.splitlines()[:-1]) == (1, whole.stdout.splitlines()[:-1])
