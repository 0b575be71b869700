"""The HTML report as a reader sees it: rendered by a real headless Chromium, printed to PDF,
and read back as text."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Result

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PDFTOTEXT = shutil.which("pdftotext")


@pytest.mark.skipif(
    not (CHROMIUM and PDFTOTEXT),
    reason="needs Debian's chromium and poppler-utils (.ci/run installs them)",
)
def test_a_reader_sees_each_conflict_its_sides_and_quotes(
    bundled: Callable[..., Result], tmp_path: Path
) -> None:
    page = tmp_path / "report.html"
    page.write_text(bundled("report", "--format", "html").stdout, encoding="utf-8")
    pdf = tmp_path / "report.pdf"
    subprocess.run(
        [
            str(CHROMIUM),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    text = subprocess.run(
        [str(PDFTOTEXT), str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    seen = " ".join(text.split())
    assert "Conflicts: Cambodia elections 2013 and 2018" in seen
    assert "18 conflicts (17 open, 1 resolved)." in seen
    assert "CNRP 63 / at least 63 + CPP 68 = 131, but the sum must be at most" in seen
    assert "Verdict (resolved, rated unproven)" in seen
    assert "“The CNRP claims to have won 63.”" in seen
    assert (
        "Sam Rainsy added that the CNRP would accept [the official result that] CPP [won] 68"
        in seen
    )
