"""Editor and CI integration with the ecosystem's real tools: init, JSON Schema, pre-commit."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner

from claimtrack import __version__
from claimtrack.cli import app
from claimtrack.scaffold import schema_text
from tests.conftest import REPO


class _StringDates(yaml.SafeLoader):
    """YAML as editors' schema checkers read it (YAML 1.2): a bare date is a string."""


_StringDates.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load(path: Path) -> object:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_StringDates)


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_init_creates_a_project_that_validates_at_once(tmp_path: Path) -> None:
    target = tmp_path / "claims-repo"
    code, out, _ = invoke("init", str(target))
    assert code == 0
    assert "created" in out
    for name in (
        "claimtrack.yaml",
        "seeds/example.txt",
        "seeds/catalog.yaml",
        "claims/example.yaml",
        "claims/registry/entities.yaml",
        ".pre-commit-config.yaml",
        ".github/workflows/claimtrack.yml",
        "schema/claims.schema.json",
    ):
        assert (target / name).is_file(), name
    code, out, _ = invoke("validate", "--strict", "--root", str(target))
    assert (code, out) == (0, "All clean: 6 files checked.\n")


def test_init_never_overwrites_without_force(tmp_path: Path) -> None:
    (tmp_path / "claims").mkdir()
    mine = tmp_path / "claims" / "example.yaml"
    mine.write_text("my work\n")
    code, _, err = invoke("init", str(tmp_path))
    assert code == 2
    assert "not overwriting what exists" in err and "example.yaml" in err
    assert mine.read_text() == "my work\n"
    assert not (tmp_path / "claimtrack.yaml").exists()
    assert invoke("init", str(tmp_path), "--force")[0] == 0
    assert mine.read_text() != "my work\n"
    assert not list(tmp_path.rglob("*.tmp"))


def test_schema_files_in_the_repository_are_current() -> None:
    for kind in ("claims", "catalog"):
        assert (REPO / "schema" / f"{kind}.schema.json").read_text() == schema_text(kind)
    code, out, _ = invoke("schema")
    assert code == 0 and json.loads(out)["title"] == "claimtrack claims file"


def test_every_bundled_file_is_valid_under_the_schema() -> None:
    claims_schema = json.loads(schema_text("claims"))
    jsonschema.Draft202012Validator.check_schema(claims_schema)
    files = sorted((REPO / "claims").rglob("*.yaml"))
    assert len(files) >= 10
    for path in files:
        jsonschema.validate(load(path), claims_schema)
        assert path.read_text().startswith("# yaml-language-server: $schema="), path
    jsonschema.validate(load(REPO / "seeds/catalog.yaml"), json.loads(schema_text("catalog")))


STRUCTURAL = {
    "unknown field": ("claims:\n  - {id: a, value: 1, quote: q, claimnt: x}\n", "CT012"),
    "missing field": ("claims:\n  - {id: a, quote: q}\n", "CT013"),
    "list expected": ("claims: {id: a}\n", "CT014"),
    "bad kind": ("claims:\n  - {id: a, value: 1, quote: q, kind: rumour}\n", "CT016"),
    "bad date": ("claims:\n  - {id: a, value: 1, quote: q, as_of: 13 July}\n", "CT016"),
    "bad id": ("claims:\n  - {id: two words, value: 1, quote: q}\n", "CT016"),
    "unknown section": ("claim: []\n", "CT012"),
    "bad relation": ("rules:\n  r: {property: p, total: 1, relation: below}\n", "CT016"),
    "empty claimant list": ("claims:\n  - {id: a, value: 1, quote: q, claimant: []}\n", "CT014"),
    "two relayers": ("claims:\n  - {id: a, value: 1, quote: q, relayed_by: [x, y]}\n", "CT014"),
}


@pytest.mark.parametrize("case", sorted(STRUCTURAL))
def test_the_schema_rejects_what_validate_rejects_on_structure(case: str, tmp_path: Path) -> None:
    text, code = STRUCTURAL[case]
    assert invoke("init", str(tmp_path))[0] == 0
    bad = tmp_path / "claims" / "bad.yaml"
    bad.write_text(text)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(load(bad), json.loads(schema_text("claims")))
    _, out, _ = invoke("validate", "--root", str(tmp_path), str(bad))
    assert f" {code} " in out


class _Yaml12(yaml.SafeLoader):
    """YAML as editors read it (the YAML 1.2 core schema): `yes` and `2013-07-28` are text,
    only true/false are booleans, and numbers are plain digits."""


_Yaml12.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in (
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("int", r"^[-+]?[0-9]+$", "-+0123456789"),
    ("float", r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$", "-+.0123456789"),
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
):
    _Yaml12.add_implicit_resolver(f"tag:yaml.org,2002:{_tag}", re.compile(_pattern), list(_first))

STRUCTURE_CODES = {"CT010", "CT011", "CT012", "CT013", "CT014", "CT015", "CT016"}
"""What a JSON Schema can say about a file: its shape, types and allowed values (not whether
references resolve or quotes are in their seeds)."""

CASE_DEFAULTS = (
    "defaults: {subject: election, property: turnout, claimant: opposition, seed: example.txt}\n"
)
PARITY = {
    "quote as a number": ("claims:\n  - {id: a, value: 1, quote: 63}\n", False),
    "quote as quoted digits": ('claims:\n  - {id: a, value: 1, quote: "63"}\n', True),
    "quote that YAML 1.1 calls a boolean": ("claims:\n  - {id: a, value: 1, quote: no}\n", True),
    "quote as a boolean": ("claims:\n  - {id: a, value: 1, quote: true}\n", False),
    "said as a decimal": ("claims:\n  - {id: a, value: 1, quote: q, said: 1.5}\n", False),
    "empty note": ('claims:\n  - {id: a, value: 1, quote: q, note: ""}\n', False),
    "id as a number": ("claims:\n  - {id: 2013, value: 1, quote: q}\n", False),
    "id as quoted digits": ('claims:\n  - {id: "2013", value: 1, quote: q}\n', True),
    "as_of a year": ("claims:\n  - {id: a, value: 1, quote: q, as_of: 2013}\n", True),
    "as_of not a year": ("claims:\n  - {id: a, value: 1, quote: q, as_of: 13}\n", False),
    "as_of month 13": ("claims:\n  - {id: a, value: 1, quote: q, as_of: 2013-13}\n", False),
    "as_of a day": ("claims:\n  - {id: a, value: 1, quote: q, as_of: 2013-07-28}\n", True),
    "bad kind": ("claims:\n  - {id: a, value: 1, quote: q, kind: rumour}\n", False),
    "hedge with a number": ("claims:\n  - {id: a, value: {at_least: 63}, quote: q}\n", True),
    "alias as a number": ("entities:\n  x: {name: X, aliases: [X, 1]}\n", False),
    "name as a number": ("scopes:\n  e: {name: 2013}\n", False),
    "scope with a date": ("scopes:\n  e: {name: E, date: 2013-07-28}\n", True),
    "multi: yes": ("properties:\n  p: {name: P, type: number, multi: yes}\n", False),
    "tolerance as text": ('properties:\n  p: {name: P, type: number, tolerance: "0.1"}\n', False),
    "resolved without a verdict": ("verdicts:\n  cf-00000000: {status: resolved}\n", False),
    "resolved with a verdict": (
        "verdicts:\n  cf-00000000: {status: resolved, verdict: It stands.}\n",
        True,
    ),
    "open without a verdict": ("verdicts:\n  cf-00000000: {status: open}\n", True),
}


def test_validate_and_the_schema_refuse_the_same_files(tmp_path: Path) -> None:
    """Every case file, and every file of the bundled and the initial project, goes through
    both the JSON Schema (as an editor reads it) and validate; they must agree on each."""
    assert invoke("init", str(tmp_path))[0] == 0
    cases = {}
    for number, (case, (text, _)) in enumerate(sorted(PARITY.items())):
        name = f"claims/case-{number:02}.yaml"
        (tmp_path / name).write_text(CASE_DEFAULTS + text if text.startswith("claims") else text)
        cases[name] = case
    files = {p.relative_to(tmp_path).as_posix() for p in (tmp_path / "claims").rglob("*.yaml")}
    _, out, _ = invoke("validate", "--root", str(tmp_path), "--format", "json")
    refused_by_validate = {
        d["path"] for d in json.loads(out)["diagnostics"] if d["code"] in STRUCTURE_CODES
    }
    claims_schema = json.loads(schema_text("claims"))
    bundled = {f"bundled {p.relative_to(REPO)}" for p in (REPO / "claims").rglob("*.yaml")}
    disagree = []
    for name in sorted(files | bundled):
        path = REPO / name.split()[1] if name in bundled else tmp_path / name
        document = yaml.load(path.read_text(encoding="utf-8"), Loader=_Yaml12)
        schema_ok = jsonschema.Draft202012Validator(claims_schema).is_valid(document)
        validate_ok = name in bundled or name not in refused_by_validate
        if schema_ok != validate_ok:
            disagree.append((cases.get(name, name), schema_ok, validate_ok))
        if name in cases:
            assert validate_ok == PARITY[cases[name]][1], cases[name]
    assert disagree == []


def test_shell_completion_script(monkeypatch: pytest.MonkeyPatch) -> None:
    """The script for a shell named on the command line. (Typer otherwise detects the shell
    from the processes above the test, which a test worker need not have.)"""
    monkeypatch.setenv("_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION", "1")
    result = CliRunner().invoke(app, ["--show-completion", "bash"])
    code, out = result.exit_code, result.stdout
    assert code == 0, (result.output, repr(result.exception))
    assert "_CLAIMTRACK_COMPLETE" in out


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
        env={
            **os.environ,
            "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@example.org",
            "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@example.org",
        },
    )


def _shadow_of_this_repository(shadow: Path) -> str:
    """This repository as it is on disk, committed to a repository of its own; returns the
    commit. Tracked files and new files git does not ignore go in with their uncommitted edits,
    as `pre-commit try-repo` tests a hook repository before its changes are committed."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        check=True,
    ).stdout.decode()
    names = sorted({name for name in listed.split("\0") if name and (REPO / name).exists()})
    assert ".pre-commit-hooks.yaml" in names and "pyproject.toml" in names
    for name in names:
        (shadow / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, shadow / name)
    _git(shadow, "init", "-q")
    _git(shadow, "add", "--all", "--force")
    _git(shadow, "commit", "-qm", "the working tree")
    return subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=shadow, capture_output=True, text=True, check=True
    ).stdout.strip()


@pytest.mark.slow
def test_pre_commit_hooks_with_the_real_pre_commit(tmp_path: Path) -> None:
    """pre-commit installs claimtrack from this repository's .pre-commit-hooks.yaml, as a
    claims repository's `repo:` entry would, and runs both hooks on a repository that
    `claimtrack init` made. The hooks are installed once (pre-commit keeps one environment per
    repository and revision) and run three times."""
    pre_commit = (
        shutil.which("pre-commit", path=str(Path(sys.executable).parent))
        or shutil.which("pre-commit")
        or pytest.fail("pre-commit is not installed")
    )
    hooks_repo = tmp_path / "claimtrack"
    rev = _shadow_of_this_repository(hooks_repo)
    config = tmp_path / "pre-commit-config.yaml"
    config.write_text(
        yaml.safe_dump(
            {
                "repos": [
                    {
                        "repo": str(hooks_repo),
                        "rev": rev,
                        "hooks": [
                            {"id": "claimtrack-validate"},
                            {"id": "claimtrack-new-conflicts"},
                        ],
                    }
                ]
            }
        )
    )
    claims_repo = tmp_path / "newsroom"
    assert invoke("init", str(claims_repo))[0] == 0
    _git(claims_repo, "init", "-q")
    _git(claims_repo, "add", ".")
    _git(claims_repo, "commit", "-qm", "start")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "PYTHONWARNINGS": "ignore"}

    def hook(hook_id: str) -> subprocess.CompletedProcess[str]:
        """One hook over every file, with the configuration outside the claims repository
        (as `try-repo` keeps its own): the repository's files are only what init wrote."""
        return subprocess.run(
            [pre_commit, "run", hook_id, "--all-files", "--config", str(config)],
            cwd=claims_repo,
            capture_output=True,
            text=True,
            env=env,
            check=False,
            timeout=300,
        )

    ok = hook("claimtrack-validate")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "claimtrack validate" in ok.stdout and "Passed" in ok.stdout, ok.stdout
    example = claims_repo / "claims" / "example.yaml"
    example.write_text(example.read_text().replace("reached 71.4", "reached 74.1"))
    broken = hook("claimtrack-validate")
    assert broken.returncode == 1
    assert "claims/example.yaml:16:12: CT102 quote not found in seed example.txt" in broken.stdout
    example.write_text(
        example.read_text().replace("reached 74.1", "reached 71.4")
        + """\
  - id: observers-turnout
    subject: election
    property: turnout
    value: 65
    claimant: opposition
    quote: It puts turnout at 65 per cent.
"""
    )
    new = hook("claimtrack-new-conflicts")
    assert new.returncode == 1, new.stdout + new.stderr
    assert "Voter turnout" in new.stdout and "71.4% (Election Commission)" in new.stdout


def test_module_entry_point_matches_the_script() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "claimtrack", "--version"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout == f"claimtrack {__version__}\n"


def test_schema_output_refuses_to_replace_a_file_without_force(tmp_path: Path) -> None:
    target = tmp_path / "schema.json"
    target.write_text("mine\n")
    code, _, err = invoke("schema", "-o", str(target))
    assert code == 2 and "use --force" in err
    assert target.read_text() == "mine\n"
    assert invoke("schema", "-o", str(target), "--force")[0] == 0
    assert json.loads(target.read_text())["title"] == "claimtrack claims file"


RECORD_CLAIM = """\
  - id: commission-record-turnout
    subject: election
    property: turnout
    value: 71.4
    claimant: election-commission
    quote: turnout reached 71.4 per cent, the highest since 2008
"""
OBSERVERS_CLAIM = """\
  - id: observers-turnout
    subject: election
    property: turnout
    value: 65
    claimant: opposition
    quote: It puts turnout at 65 per cent.
"""


@pytest.mark.slow
@pytest.mark.parametrize("subfolder", ["", "newsroom/"])
def test_commits_through_the_hooks_init_writes(tmp_path: Path, subfolder: str) -> None:
    """From `init` to commits with the real git and pre-commit, as docs/ci.md tells a new user:
    a bad quote is refused with its located finding, the fix goes in, a new contradiction
    without a verdict is refused, and the same with a verdict of status open goes in. With the
    project in a subfolder of the repository, the same hooks check it from the root."""
    bin_dir = Path(sys.executable).parent
    pre_commit = shutil.which("pre-commit", path=str(bin_dir)) or shutil.which("pre-commit")
    assert pre_commit, "pre-commit is not installed"
    repository = tmp_path / "repository"
    project = repository / subfolder
    env = {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",  # an active environment
        "PRE_COMMIT_HOME": str(tmp_path / "cache"),
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }

    def sh(*args: str) -> subprocess.CompletedProcess[str]:
        """Run a command in the repository; pre-commit's report is on standard output."""
        return subprocess.run(
            args,
            cwd=repository,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=env,
            check=False,
            timeout=120,
        )

    repository.mkdir()
    assert sh(sys.executable, "-m", "claimtrack", "init", str(project)).returncode == 0
    if subfolder:
        config = (project / ".pre-commit-config.yaml").read_text()
        (project / ".pre-commit-config.yaml").unlink()
        (repository / ".pre-commit-config.yaml").write_text(
            config.replace("--format markdown", f"--format markdown --root {subfolder}")
        )
    assert sh("git", "init", "-q").returncode == 0
    installed = sh(pre_commit, "install")
    assert installed.returncode == 0, installed.stdout
    assert sh("git", "add", ".").returncode == 0
    first = sh("git", "commit", "-qm", "Start a claims repository")
    assert first.returncode == 0, first.stdout

    example = project / "claims" / "example.yaml"
    quote_line = example.read_text().count("\n") + 6
    example.write_text(example.read_text() + RECORD_CLAIM.replace("71.4 per", "74.1 per"))
    bad = sh("git", "commit", "-qam", "A typo in a quote")
    assert bad.returncode == 1
    assert (
        f"{subfolder}claims/example.yaml:{quote_line}:12: CT102 quote not found in seed "
        "example.txt" in bad.stdout
    ), bad.stdout
    example.write_text(example.read_text().replace("74.1 per", "71.4 per"))
    fixed = sh("git", "commit", "-qam", "The quote as printed")
    assert fixed.returncode == 0, fixed.stdout

    example.write_text(example.read_text() + OBSERVERS_CLAIM)
    unreviewed = sh("git", "commit", "-qam", "The observers' turnout")
    assert unreviewed.returncode == 1, unreviewed.stdout
    assert "Voter turnout" in unreviewed.stdout
    found = re.search(r"has no verdict: (cf-[0-9a-f]{8})", unreviewed.stdout)
    assert found, unreviewed.stdout
    (project / "claims" / "verdicts.yaml").write_text(
        f"verdicts:\n  {found.group(1)}:\n    status: open\n    note: Asking both for tallies.\n"
    )
    assert sh("git", "add", ".").returncode == 0
    acknowledged = sh("git", "commit", "-qm", "The observers' turnout, under review")
    assert acknowledged.returncode == 0, acknowledged.stdout
    assert sh("git", "status", "--porcelain").stdout == ""


def test_install_commands_work_without_a_package_index(tmp_path: Path) -> None:
    """claimtrack is on no index: no document or generated file may tell anyone to
    `pip install claimtrack` from one, or pin a pre-commit `rev:` that was never tagged."""
    assert invoke("init", str(tmp_path))[0] == 0
    texts = {
        "README.md": (REPO / "README.md").read_text(encoding="utf-8"),
        "docs/ci.md": (REPO / "docs" / "ci.md").read_text(encoding="utf-8"),
        ".pre-commit-hooks.yaml": (REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"),
    }
    for name in (".pre-commit-config.yaml", ".github/workflows/claimtrack.yml"):
        texts[f"init's {name}"] = (tmp_path / name).read_text(encoding="utf-8")
    for name, text in texts.items():
        assert not re.search(r"pip install [\"']?claimtrack(?![\w ]*@)[\"']?(\s|$)", text), name
        assert not re.search(r"^\s*rev: v\d", text, re.MULTILINE), name
    workflow = texts["init's .github/workflows/claimtrack.yml"]
    assert 'pip install "claimtrack @ git+' in workflow
    assert "--fail-on unreviewed" in workflow
    assert "repo: local" in texts["init's .pre-commit-config.yaml"]


def test_init_refuses_a_project_inside_another(tmp_path: Path) -> None:
    """The outer project would read the inner one's configuration and workflow as claim files."""
    assert invoke("init", str(tmp_path / "outer"))[0] == 0
    code, _, err = invoke("init", str(tmp_path / "outer" / "claims" / "inner"))
    assert code == 2
    assert "is inside the claims project at" in err
    assert not (tmp_path / "outer" / "claims" / "inner").exists()
