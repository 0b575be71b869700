"""The HTML report as a reader sees it: rendered by a real headless Chromium, printed to PDF and
read back as text, laid out at a phone's and a desktop's width, and screenshotted at both."""

from __future__ import annotations

import html
import json
import re
import shutil
import struct
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Result

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PDFTOTEXT = shutil.which("pdftotext")


WIDTHS = (390, 1280)
"""A phone's and a desktop's width in CSS pixels."""

needs_browser = pytest.mark.skipif(
    not (CHROMIUM and PDFTOTEXT),
    reason="needs Debian's chromium and poppler-utils (.ci/run installs them)",
)


def chromium(tmp_path: Path, *args: str) -> str:
    done = subprocess.run(
        [
            str(CHROMIUM),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            f"--user-data-dir={tmp_path / 'profile'}",
            *args,
        ],
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return done.stdout


@needs_browser
def test_a_reader_sees_each_conflict_its_sides_and_quotes(
    bundled: Callable[..., Result], tmp_path: Path
) -> None:
    page = tmp_path / "report.html"
    page.write_text(bundled("report", "--format", "html").stdout, encoding="utf-8")
    pdf = tmp_path / "report.pdf"
    chromium(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri())
    text = subprocess.run(
        [str(PDFTOTEXT), str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    seen = " ".join(text.split())
    assert "Conflicts: Cambodia elections 2013 and 2018" in seen
    assert "16 conflicts (1 disputed, 15 open)." in seen
    assert "Contents Status Rating Kind Conflict" in seen
    assert "CNRP 63 / at least 63 + CPP 68 = 131, but the sum must be at most" in seen
    assert "Verdict (disputed) Note: Not decided." in seen
    assert "Claims in their seeds" in seen
    assert "“The CNRP claims to have won 63.”" in seen
    assert (
        "Sam Rainsy added that the CNRP would accept [the official result that] CPP [won] 68"
        in seen
    )


PROBE = """
window.addEventListener('load', () => {
  const seen = {};
  for (const frame of document.querySelectorAll('iframe')) {
    const doc = frame.contentDocument;
    const ids = new Set([...doc.querySelectorAll('[id]')].map(e => e.id));
    const links = [...doc.querySelectorAll('a[href^="#"]')]
      .map(a => a.getAttribute('href').slice(1));
    seen[frame.id] = {
      client: doc.documentElement.clientWidth,
      scroll: doc.documentElement.scrollWidth,
      contents: [...doc.querySelectorAll('#contents a')].map(a => a.getAttribute('href').slice(1)),
      broken: links.filter(l => !ids.has(l)),
      claimLinks: [...doc.querySelectorAll('section[id^="cf-"] a[href^="#claim-"]')].length,
      marked: [...doc.querySelectorAll('article[id^="claim-"]')].filter(
        a => a.querySelector('blockquote.passage mark')).length,
      claims: doc.querySelectorAll('article[id^="claim-"]').length,
    };
  }
  document.getElementById('seen').textContent = JSON.stringify(seen);
});
"""


def _layout(tmp_path: Path, report: str) -> dict[str, dict[str, object]]:
    """The report laid out in a frame per width, measured by the browser itself."""
    frames = "".join(
        f'<iframe id="w{w}" style="width:{w}px;height:800px;border:0" '
        f'srcdoc="{html.escape(report, quote=True)}"></iframe>'
        for w in WIDTHS
    )
    probe = tmp_path / "probe.html"
    probe.write_text(
        f'<!DOCTYPE html><html><body>{frames}<pre id="seen"></pre>'
        f"<script>{PROBE}</script></body></html>",
        encoding="utf-8",
    )
    dom = chromium(tmp_path, "--window-size=1800,1000", "--dump-dom", probe.as_uri())
    found = re.search(r'<pre id="seen">([^<]*)</pre>', dom)
    assert found and found.group(1), dom[-2000:]
    seen: dict[str, dict[str, object]] = json.loads(html.unescape(found.group(1)))
    return seen


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@needs_browser
def test_the_report_reads_on_a_phone_and_a_desktop(
    bundled: Callable[..., Result], tmp_path: Path
) -> None:
    report = bundled("report", "--format", "html").stdout
    conflict_ids = re.findall(r'<section id="(cf-[0-9a-f]{8})">', report)
    assert len(conflict_ids) == 16
    for width, seen in zip(WIDTHS, _layout(tmp_path, report).values(), strict=True):
        assert seen["scroll"] == seen["client"], (width, seen)  # no sideways scrolling
        assert seen["contents"][: len(conflict_ids)] == conflict_ids, width
        assert seen["broken"] == [], width
        assert seen["claimLinks"] == report.count('<a href="#claim-')
        assert seen["claims"] == seen["marked"] > 0
    page = tmp_path / "report.html"
    page.write_text(report, encoding="utf-8")
    for width in WIDTHS:
        shot = tmp_path / f"report-{width}.png"
        chromium(tmp_path, f"--window-size={width},2400", f"--screenshot={shot}", page.as_uri())
        assert _png_size(shot) == (width, 2400)


@needs_browser
def test_the_layout_check_catches_a_page_wider_than_a_phone(tmp_path: Path) -> None:
    wide = '<!DOCTYPE html><html><body><table><tr><td style="white-space:nowrap">'
    wide += "an unbreakable line " * 20 + "</td></tr></table></body></html>"
    seen = _layout(tmp_path, wide)["w390"]
    assert seen["scroll"] > seen["client"]
