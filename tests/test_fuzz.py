"""A short run of the coverage-guided fuzzer, as CI runs it (the long run is in fuzz/README.md).

It draws from the whole grammar, extreme numbers included, within the bounds the README
promises: 10 s and 1 GiB per input. The run proves the target takes every corpus input and
new ones through the whole pipeline without a crash; finding rare crashes is the long run's
work, so a few seconds of new inputs are enough here (starting the instrumented target costs
more than that)."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
import tempfile

import pytest

from tests.conftest import REPO


@pytest.mark.slow
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
                "-max_total_time=6",
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
    ran = re.search(r"^Done (\d+) runs", done.stderr, re.MULTILINE)
    assert ran, done.stderr[-3000:]
    corpus = len(list((REPO / "fuzz" / "corpus").iterdir()))
    assert int(ran.group(1)) > corpus, "no input beyond the corpus was tried"
