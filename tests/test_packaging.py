"""The package as a user gets it without an index: an sdist, a wheel built from that sdist, and
the wheel installed into a fresh virtual environment, where the command runs."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import tarfile
from pathlib import Path

import pytest

from claimtrack import __version__
from tests.conftest import REPO


def _run(*args: str | Path, cwd: Path = REPO) -> str:
    done = subprocess.run(
        [str(a) for a in args], cwd=cwd, capture_output=True, text=True, check=False, timeout=120
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


@pytest.mark.slow
def test_sdist_and_wheel_install_and_run_in_a_fresh_environment(tmp_path: Path) -> None:
    """Offline: the build backend from this environment (no build isolation, no index), and the
    dependencies seen from this environment, so only claimtrack itself comes from the wheel."""
    dist = tmp_path / "dist"
    sdist_name = _run(
        sys.executable,
        "-c",
        "import sys; from setuptools import build_meta; print(build_meta.build_sdist(sys.argv[1]))",
        dist,
    ).splitlines()[-1]
    assert sdist_name == f"claimtrack-{__version__}.tar.gz"
    with tarfile.open(dist / sdist_name) as sdist:
        sdist.extractall(tmp_path / "unpacked", filter="data")
    unpacked = tmp_path / "unpacked" / f"claimtrack-{__version__}"
    assert (unpacked / "README.md").is_file()
    _run(
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--quiet",
        "--no-deps",
        "--no-build-isolation",
        "--no-index",
        "--wheel-dir",
        dist,
        unpacked,
    )
    (wheel,) = dist.glob(f"claimtrack-{__version__}-*.whl")

    venv = tmp_path / "venv"
    _run(sys.executable, "-m", "venv", "--without-pip", venv)
    python = venv / "bin" / "python"
    site = Path(
        _run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])").strip()
    )
    _run(
        sys.executable,
        "-m",
        "pip",
        "--python",
        python,
        "install",
        "--quiet",
        "--no-index",
        "--no-deps",
        wheel,
    )
    # The dependencies come from this environment, after the venv's own packages on the path;
    # added after the install, so pip never takes this environment's claimtrack for the wheel.
    deps = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (site / "dependencies.pth").write_text("\n".join(sorted(deps)) + "\n")

    where = _run(python, "-c", "import claimtrack; print(claimtrack.__file__)")
    assert Path(where.strip()).is_relative_to(venv)
    script = venv / "bin" / "claimtrack"
    assert _run(script, "--version") == f"claimtrack {__version__}\n"
    _run(script, "init", tmp_path / "newsroom", cwd=tmp_path)
    assert _run(script, "validate", cwd=tmp_path / "newsroom") == "All clean: 6 files checked.\n"
