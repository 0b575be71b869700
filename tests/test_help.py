"""What `--help` promises works: every example it shows runs, and ids complete in the shell."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from claimtrack.cli import app
from tests.conftest import REPO

WIDE = {"COLUMNS": "200", "TERMINAL_WIDTH": "200"}
GIT_ENV = {
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@example.org",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@example.org",
}
PROJECT_PARTS = ("claimtrack.yaml", "claims", "seeds", "schema")


def _commands(group: object, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command and subcommand, as the words that name it."""
    found = []
    for name, command in sorted(getattr(group, "commands", {}).items()):
        found.append((*prefix, name))
        found += _commands(command, (*prefix, name))
    return found


def _help(path: tuple[str, ...]) -> str:
    result = CliRunner().invoke(app, [*path, "--help"], env=WIDE)
    assert result.exit_code == 0, path
    return result.stdout


def _examples(help_text: str) -> list[str]:
    """The command lines after `Example:` / `Examples:`, as the help prints them."""
    lines = [line.strip() for line in help_text.splitlines()]
    found = []
    for index, line in enumerate(lines):
        head = re.match(r"Examples?:\s*(.*)", line)
        if not head:
            continue
        if head.group(1).startswith("claimtrack "):
            found.append(head.group(1))
        for following in lines[index + 1 :]:
            if not following.startswith("claimtrack "):
                break
            found.append(following)
    return found


COMMANDS = _commands(typer.main.get_command(app))
EXAMPLES = [(path, example) for path in COMMANDS for example in _examples(_help(path))]


def test_every_command_and_subcommand_shows_an_example() -> None:
    shown = {path for path, _ in EXAMPLES}
    assert set(COMMANDS) - shown == set()
    assert ("seeds", "add") in shown and ("show",) in shown


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled project as a repository others clone (so `origin/main` exists)."""
    origin = tmp_path_factory.mktemp("origin")
    for part in PROJECT_PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, origin / part)
        else:
            shutil.copy2(source, origin / part)
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-qm", "claims"]):
        subprocess.run(["git", *args], cwd=origin, check=True, env={**os.environ, **GIT_ENV})
    return origin


@pytest.mark.parametrize(("path", "example"), EXAMPLES, ids=[e for _, e in EXAMPLES])
def test_every_help_example_runs(
    path: tuple[str, ...], example: str, published: Path, tmp_path: Path
) -> None:
    """Run as shown, from a clone of the bundled project (so nothing is written into this
    repository), with `--root` of the clone where the command takes it. An example that names
    an article to add finds one there, as the user who runs it has one."""
    clone = tmp_path / "project"
    subprocess.run(["git", "clone", "-q", str(published), str(clone)], check=True)
    (clone / "report.txt").write_text("A made-up article of 12 words.\n", encoding="utf-8")
    words = shlex.split(example.split(" > ", maxsplit=1)[0])
    assert tuple(words[1 : 1 + len(path)]) == path, example
    args = words[1:]
    if "--root" in _help(path):
        args += ["--root", str(clone)]
    done = subprocess.run(
        [sys.executable, "-m", "claimtrack", *args],
        check=False,
        cwd=tmp_path if path == ("init",) else clone,  # a project is never made inside another
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **WIDE},
    )
    assert done.returncode in (0, 1), (example, done.stderr)
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr


def _complete(*words: str, cwd: Path = REPO) -> list[str]:
    done = subprocess.run(
        [str(Path(sys.executable).with_name("claimtrack"))],
        check=False,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        env={
            **os.environ,
            "_CLAIMTRACK_COMPLETE": "complete_bash",
            "COMP_WORDS": " ".join(["claimtrack", *words]),
            "COMP_CWORD": str(len(words)),
        },
    )
    return done.stdout.split()


def test_show_completes_claim_and_conflict_ids() -> None:
    assert _complete("show", "cnrp-claims-at") == ["cnrp-claims-at-least-63-seats"]
    assert "cf-cebed882" in _complete("show", "cf-c")


def test_verdict_completes_only_conflict_ids() -> None:
    assert "cf-cebed882" in _complete("verdict", "cf-c")
    assert _complete("verdict", "cnrp-claims") == []


def test_completion_follows_root(tmp_path: Path) -> None:
    assert "cf-cebed882" in _complete("show", "--root", str(REPO), "cf-c", cwd=tmp_path)
    assert _complete("show", "cf-c", cwd=tmp_path) == []


@pytest.mark.parametrize("command", ["validate"])
def test_a_command_run_by_hooks_shows_the_same_help_when_registered_alone(command: str) -> None:
    """`claimtrack validate ...` registers validate alone (building every command first took
    longer than checking a file): its module must register nothing else, and its help as run
    is the help the whole command line shows."""
    from claimtrack.cli import FAST_COMMANDS

    assert command in FAST_COMMANDS
    registered = [
        c.name or c.callback.__name__
        for c in typer.main.get_command(app).commands.values()  # type: ignore[attr-defined]
        if c.callback is not None and c.callback.__module__ == f"claimtrack.cli.{command}"
    ]
    assert registered == [command]
    script = shutil.which("claimtrack", path=str(Path(sys.executable).parent)) or "claimtrack"
    alone = subprocess.run(
        [script, command, "--help"],
        capture_output=True,
        text=True,
        env={**os.environ, **WIDE, "NO_COLOR": "1"},
        check=True,
    )
    assert alone.stdout == _help((command,))
