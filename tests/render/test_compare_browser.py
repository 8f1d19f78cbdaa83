"""The comparison page in headless Chromium: it renders (screenshot), no console errors."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from presswatch.link.quotes import align_statements, find_drift
from presswatch.model import FramingSpan
from presswatch.render.compare import render_comparison
from tests.link.quote_records import corpus
from tests.web.cdp import FLAGS

FIFTEEN_MONTHS = (
    "Fifteen months of resistance by the people of Gaza showed that a nation relying on God "
    "cannot be defeated."
)
FIFTEEN_YEARS = (
    "Fifteen years of resistance by Gaza's people proved that a nation trusting in God "
    "is invincible,"
)
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)"
    ),
]


def comparison_page(tmp_path: Path) -> Path:
    record = corpus(
        [
            (
                "khamenei.ir",
                "2025-02-08",
                FIFTEEN_MONTHS,
            ),
            (
                "Tehran Times",
                "2025-02-08",
                FIFTEEN_MONTHS,
            ),
            (
                "Press TV",
                "2025-02-09",
                FIFTEEN_YEARS,
            ),
            (
                "Hostile <script>alert(1)</script>",
                "2025-02-10",
                "</td><script>console.error('x')</script> months",
            ),
        ]
    )
    aligned = align_statements(record)
    record.quote_groups = [g for g, _ in aligned]
    record.findings = find_drift(record, aligned)
    record.framing = [
        FramingSpan(
            doc="d1", start=4, end=10, text="Leader", category="honorific_glorifying", neutral=None
        )
    ]
    page = tmp_path / "compare.html"
    page.write_text(render_comparison(record), encoding="utf-8")
    return page


def test_the_comparison_page_renders_in_chromium_without_console_errors(tmp_path: Path) -> None:
    page = comparison_page(tmp_path)
    screenshot = tmp_path / "compare.png"
    run = subprocess.run(
        [
            str(CHROMIUM),
            *FLAGS,
            f"--user-data-dir={tmp_path / 'profile'}",
            f"--screenshot={screenshot}",
            "--window-size=1400,1000",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    log = run.stderr
    assert screenshot.is_file() and screenshot.stat().st_size > 10_000, log[-2000:]
    console = [line for line in log.splitlines() if "CONSOLE" in line or "Uncaught" in line]
    assert console == [], console
    # The hostile outlet name and quote were escaped: no script ran, so nothing was logged.
    assert "alert" not in log
    keep = Path("/tmp/presswatch-compare.png")
    keep.write_bytes(screenshot.read_bytes())  # for a person to look at after the run
