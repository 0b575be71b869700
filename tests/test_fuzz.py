"""A short run of the coverage-guided fuzzer, as CI runs it (the long run is in fuzz/README.md).

It draws from the whole grammar, extreme numbers included, within the bounds the README
promises: 10 s and 1 GiB per input."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import tempfile

import pytest

from tests.conftest import REPO


@pytest.mark.skipif(sys.platform != "linux", reason="atheris wheels are built for Linux")
def test_fuzzer_finds_no_crash_in_a_short_run() -> None:
    if importlib.util.find_spec("atheris") is None:
        pytest.fail("atheris is not installed; install the test extras: pip install '.[test]'")
    with tempfile.TemporaryDirectory() as work:
        done = subprocess.run(
            [
                sys.executable,
                str(REPO / "fuzz" / "fuzz_validate.py"),
                work,
                str(REPO / "fuzz" / "corpus"),
                "-max_total_time=15",
                "-timeout=10",
                "-rss_limit_mb=1024",
                f"-artifact_prefix={work}/",
            ],
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Done " in done.stderr
