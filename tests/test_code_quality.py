"""The project's own code passes its linter and type checker, run as developers and CI run them."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.conftest import REPO


def test_ruff_is_clean() -> None:
    ruff = shutil.which("ruff")
    if ruff is None:
        pytest.fail("ruff is not installed; install the test extras: pip install '.[test]'")
    done = subprocess.run(
        [ruff, "check", "src", "tests", "benchmarks", "fuzz"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_mypy_is_clean() -> None:
    mypy = shutil.which("mypy")
    if mypy is None:
        pytest.fail("mypy is not installed; install the test extras: pip install '.[test]'")
    done = subprocess.run([mypy, "src"], cwd=REPO, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
