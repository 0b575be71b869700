"""The installed command run as a real process, the way editors, hooks and CI run it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from claimtrack import __version__
from tests.conftest import REPO


def run(
    *args: str,
    cwd: Path = REPO,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "claimtrack", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **(env or {})},
        timeout=60,
    )


def test_version() -> None:
    done = run("--version")
    assert (done.returncode, done.stdout) == (0, f"claimtrack {__version__}\n")


def test_finds_the_project_from_a_subfolder() -> None:
    done = run("validate", cwd=REPO / "claims" / "election-2013")
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout == "All clean: 18 files checked.\n"
    assert done.stderr == ""  # no progress bar when piped


def test_piped_table_output_has_no_colour_codes() -> None:
    done = run("conflicts", env={"TERM": "xterm-256color"})
    assert done.returncode == 0
    assert "\x1b[" not in done.stdout
    assert "cf-cebed882" in done.stdout


def test_no_color_is_respected_even_when_colour_is_forced() -> None:
    forced = run("conflicts", env={"FORCE_COLOR": "1"}).stdout
    done = run("conflicts", env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    colour = re.compile(r"\x1b\[(?:[0-9]+;)*3[0-8](?:;[0-9]+)*m")
    assert colour.search(forced)
    assert not colour.search(done.stdout)


def test_outside_a_project_says_so_in_one_line(tmp_path: Path) -> None:
    done = run("conflicts", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert "claimtrack init" in done.stderr and "--root" in done.stderr


@pytest.mark.parametrize(
    "command",
    ["validate", "conflicts", "show", "schema", "init", "claims", "seeds", "coverage", "export"],
)
def test_every_command_help_shows_an_example(command: str) -> None:
    done = run(command, "--help", env={"COLUMNS": "120"})
    assert done.returncode == 0
    assert "claimtrack " + command in done.stdout.split("Example")[1]


def _on_a_terminal(*args: str, env: dict[str, str]) -> str:
    """Run with standard output and error on a pseudo-terminal, as a person at a terminal."""
    import pty

    leader, follower = pty.openpty()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "claimtrack", *args],
            cwd=REPO,
            stdout=follower,
            stderr=follower,
            check=False,
            timeout=60,
            env={**os.environ, "COLUMNS": "100", **env},
        )
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
    finally:
        os.close(leader)
    assert done.returncode == 0
    return b"".join(chunks).decode(errors="replace")


def test_progress_bar_on_a_terminal_but_not_in_ci() -> None:
    """(Without the cache: an unchanged project is not read at all, so there is no bar.)"""
    terminal = _on_a_terminal("validate", "--no-cache", env={"CI": "", "TERM": "xterm"})
    assert "Reading claim files" in terminal
    assert "Reading claim files" not in _on_a_terminal("validate", "--no-cache", env={"CI": "true"})
