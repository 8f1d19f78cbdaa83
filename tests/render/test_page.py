"""Every page shares one shell and one stylesheet, and the shell escapes what it shows."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from presswatch.model import Document, Record, Story
from presswatch.render.compare import render_comparison
from presswatch.render.html import render_report
from presswatch.render.page import CONTENT_SECURITY_POLICY, render_page
from presswatch.render.style import STYLE
from presswatch.web.app import create_app, endpoint_page

HOSTILE = '<script>alert(1)</script>"><img src=x onerror=alert(1)>'


def two_reports() -> Record:
    documents = [
        Document(id=f"d{n}", source=f"{n}.txt", outlet=f"Outlet {n}", text="Text.") for n in (1, 2)
    ]
    return Record(documents=documents, stories=[Story(id="s1", documents=["d1", "d2"])])


def test_the_report_and_the_comparison_page_share_one_shell_and_one_stylesheet() -> None:
    record = two_reports()
    for page in (render_report(record), render_comparison(record)):
        assert page.count("<style>") == 1 and f"<style>{STYLE}</style>" in page
        assert f'http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}"' in page
        assert "<script" not in page and "<link" not in page


def test_the_endpoint_list_of_serve_uses_the_same_shell(tmp_path: Path) -> None:
    page = endpoint_page(create_app(tmp_path / "corpus.db"))
    assert f"<style>{STYLE}</style>" in page and CONTENT_SECURITY_POLICY in page
    assert '<a href="/">Report</a>' in page


def test_the_policy_allows_no_script_and_no_load_from_anywhere() -> None:
    assert CONTENT_SECURITY_POLICY.startswith("default-src 'none';")
    assert "script-src" not in CONTENT_SECURITY_POLICY and "http" not in CONTENT_SECURITY_POLICY


def test_the_shell_escapes_the_title_subtitle_and_navigation() -> None:
    page = render_page(HOSTILE, "<p>body</p>", subtitle=HOSTILE, navigation=[(HOSTILE, HOSTILE)])
    assert "<script" not in page and "<img" not in page
    assert "<p>body</p>" in page


def test_the_comparison_page_has_a_navigation_bar_to_its_sections() -> None:
    page = render_comparison(two_reports())
    for anchor in ("findings", "quotes", "actors", "framing", "reports"):
        assert f'<a href="#{anchor}">' in page and f'<section id="{anchor}">' in page


def test_the_story_comparison_follows_the_stories_whichever_module_loads_first() -> None:
    # A fresh process that imports the comparison page before the report's own sections.
    script = (
        "import presswatch.render.compare\n"
        "from presswatch.render.contents import report_sections\n"
        "print(' '.join(s.anchor for s in report_sections()))\n"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert run.stdout.split() == [
        "overview",
        "findings",
        "stories",
        "story-comparison",
        "actors",
        "quotes",
        "documents",
    ], run.stderr[-2000:]
