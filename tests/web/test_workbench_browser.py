"""The workbench in headless Chromium, as an analyst uses it: `presswatch serve` on a store of
examples/, a search for "Darwish" and its first hit, a story opened from the story list, a
quote group unfolded and a finding cited; no console error, no request beyond 127.0.0.1,
and screenshots that show something. Skipped only where Chromium is not installed."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.web.cdp import Browser, png_colours

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PRESSWATCH = str(Path(sys.executable).with_name("presswatch"))
STORY = "s307c3d5fa3"  # the README's story: the Hamas delegation's visit, six reports
SHOTS = Path(os.environ.get("PRESSWATCH_SCREENSHOTS", "/tmp/presswatch-workbench"))

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)"
    ),
]


def free_port() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return str(probe.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`presswatch serve` on a store of examples/, on a free port; its printed URL."""
    folder = tmp_path_factory.mktemp("workbench")
    db = folder / "examples.db"
    analysed = subprocess.run(
        [PRESSWATCH, "analyze", str(ROOT / "examples"), "--db", str(db)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert analysed.returncode == 0, analysed.stderr[-2000:]
    process = subprocess.Popen(
        [PRESSWATCH, "serve", "--db", str(db), "--port", free_port()],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        match = re.search(r"http://127\.0\.0\.1:\d+/", line)
        assert match, line
        yield match.group(0)
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Browser]:
    assert CHROMIUM is not None
    opened = Browser(CHROMIUM, tmp_path / "profile")
    try:
        yield opened
    finally:
        opened.close()


def problems(browser: Browser) -> list[str]:
    """Console errors, uncaught exceptions and error log entries (CSP refusals among them)."""
    found = []
    for event in browser.events:
        method, params = event.get("method"), event.get("params", {})
        if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            found.append(f"console: {params.get('args')}")
        elif method == "Runtime.exceptionThrown":
            found.append(f"exception: {params.get('exceptionDetails')}")
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
            found.append(f"log: {params['entry'].get('text')}")
    return found


def requests_elsewhere(browser: Browser) -> list[str]:
    """Requests the pages made to anywhere but 127.0.0.1."""
    urls = [
        e["params"]["request"]["url"]
        for e in browser.events
        if e.get("method") == "Network.requestWillBeSent"
    ]
    assert urls, "no request was seen"
    return [
        u
        for u in urls
        if urlsplit(u).scheme not in ("data", "about") and urlsplit(u).hostname != "127.0.0.1"
    ]


def shot(browser: Browser, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    data = browser.screenshot(SHOTS / f"{name}.png")
    assert len(data) > 10_000 and png_colours(data) > 20, f"{name}: a blank screenshot"


def test_search_open_a_hit_open_a_story_unfold_a_group_and_cite_a_finding(
    server: str, browser: Browser
) -> None:
    browser.load(server + "search")
    browser.type_text('input[name="q"]', "Darwish")
    browser.load([f"document.querySelector({'form.search'!r}).requestSubmit()"])
    assert browser.evaluate("location.search").startswith("?q=Darwish")
    assert browser.evaluate("document.querySelectorAll('.hit mark').length") > 0
    shot(browser, "search")

    first = browser.evaluate("document.querySelector('a.hit-link').getAttribute('href')")
    mark = len(browser.events)
    browser.click("a.hit-link")
    browser.wait_for_event("Page.loadEventFired", mark)
    assert browser.evaluate("location.pathname + location.hash") == first
    assert browser.evaluate("document.querySelector('.legend') !== null")
    assert "Darwish" in browser.evaluate("document.querySelector('.doctext').textContent")
    shot(browser, "document")

    browser.load(server + "stories")
    mark = len(browser.events)
    browser.click(f'a[href="/stories/{STORY}"]')
    browser.wait_for_event("Page.loadEventFired", mark)
    assert browser.evaluate("location.pathname") == f"/stories/{STORY}"

    browser.click("details.group > summary")
    assert browser.evaluate("document.querySelector('details.group').open") is True
    assert browser.evaluate("document.querySelectorAll('details.group[open] li').length") > 1

    browser.click(".finding.contradiction button.cite")
    cited = browser.evaluate(
        "new Promise(done => setTimeout(() => done(document.querySelector("
        "'.finding.contradiction output.citation').textContent), 300))"
    )
    # Outlet, date, address, the exact words in quotes, then document and offsets.
    assert re.search(r"^[^,\n]+, 2025-\d\d-\d\d, \S+: “[^”]+” \[d[0-9a-f]{12}:\d+-\d+\]", cited)
    # The copy went through (to the clipboard, or by the copy command where refused).
    button = "document.querySelector('.finding.contradiction button.cite').textContent"
    assert browser.evaluate(button) == "copied"
    shot(browser, "story")

    assert problems(browser) == []
    assert requests_elsewhere(browser) == []
