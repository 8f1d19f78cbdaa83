"""The workbench's pages: search with filters, a story, an actor, a document, findings; every
read through an index; hostile article text shown as text; cite buttons that carry outlet,
date, URL, the exact words and their offsets."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from presswatch.cli import app as cli
from presswatch.link import link_corpus
from presswatch.model import Finding, Record, Span, Story, TimelineEntry
from presswatch.settings import Settings
from presswatch.store import Store
from presswatch.web.app import create_app
from tests.conftest import Analyse
from tests.test_store_reads import full_scans, statements

__all__ = ["statements"]  # the fixture, used by name

HOSTILE = (
    'Foreign Minister Ayman Safadi said: "<script>alert(1)</script> and '
    '<img src=x onerror=alert(2)> are not welcome," in Amman on Tuesday. '
    "Safadi met envoy Kerem Aslan there."
)
CALM = (
    "Jordanian Foreign Minister Ayman Safadi met Turkish envoy Kerem Aslan in Amman on "
    'Tuesday. "We agreed on a water corridor," Safadi said after the talks.'
)


@pytest.fixture
def stored(tmp_path: Path, analyse: Analyse) -> tuple[Path, Record]:
    analyses = [
        analyse(
            HOSTILE,
            outlet="<b>Evil</b> Times<script>x()</script>",
            source="javascript:alert(3)",
            published="2025-02-08",
        ),
        analyse(CALM, outlet="Amman Courier", source="amman.txt", published="2025-02-10"),
    ]
    record = link_corpus(analyses, Settings())
    docs = [d.id for d in record.documents]
    record.stories = [
        Story(
            id="s1",
            documents=docs,
            label="<i>Safadi</i> in Amman",
            first_reported="2025-02-08",
            last_reported="2025-02-10",
            timeline=[
                TimelineEntry(doc=d.id, published=d.published, outlet=d.outlet, title="<i>t</i>")
                for d in record.documents
            ],
        )
    ]
    quote = record.quotes[0]
    record.findings.append(
        Finding(
            id="fx",
            kind="contradiction",
            story="s1",
            summary="two figures",
            evidence=[Span(doc=quote.doc, start=quote.start, end=quote.end, text=quote.text)],
        )
    )
    db = tmp_path / "w.db"
    with Store.open(db) as store:
        store.save_analyses(analyses)
        store.save_corpus(record)
    return db, record


def client(db: Path) -> TestClient:
    return TestClient(create_app(db), base_url="http://127.0.0.1:8000")


def pages_of(record: Record) -> list[str]:
    speaker = next(q.speaker for q in record.quotes if q.speaker)
    return [
        "/",
        "/search?q=Safadi",
        "/search?q=welcome&kind=quote",
        "/stories",
        "/stories/s1",
        f"/actors/{speaker}",
        f"/documents/{record.documents[0].id}",
        "/findings",
        "/findings?kind=contradiction",
        "/api/docs",
    ]


class LiveMarkup(HTMLParser):
    """What the browser would run: scripts other than the workbench's, event handler
    attributes, script URLs."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script" and values.get("src") != "/static/workbench.js":
            self.found.append(f"<script {values}>")
        for name, value in attrs:
            url = name in ("href", "src", "action")
            if name.startswith("on") or (
                url and (value or "").strip().lower().startswith("javascript:")
            ):
                self.found.append(f"{tag} {name}={value}")


def live_markup(page: str) -> list[str]:
    parser = LiveMarkup()
    parser.feed(page)
    # And the elements the article brought in, had they not been escaped.
    return parser.found + re.findall(r"<b>Evil|<i>Safadi|<img\b", page)


def test_hostile_article_text_is_shown_as_text_on_every_page(
    stored: tuple[Path, Record],
) -> None:
    db, record = stored
    seen = ""
    for path in pages_of(record):
        page = client(db).get(path)
        assert page.status_code == 200, path
        assert live_markup(page.text) == [], path
        assert "script-src 'self'" in page.headers["content-security-policy"], path
        seen += page.text
    # It was shown (escaped), not dropped.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in seen
    assert "&lt;b&gt;Evil&lt;/b&gt; Times" in seen


def test_the_search_page_filters_by_outlet_date_kind_and_speaker(
    stored: tuple[Path, Record],
) -> None:
    db, _ = stored

    def hits(**params: str) -> list[tuple[str, str]]:
        page = client(db).get("/search", params={"q": "Safadi OR corridor", **params}).text
        return re.findall(r'<div class="hit (\w+)">.*?<span class="muted">\w+ · ([^<·]+)', page)

    everything = hits()
    assert {kind for kind, _ in everything} == {"document", "quote"}
    assert {outlet.strip() for _, outlet in hits(outlet="Amman Courier")} == {"Amman Courier"}
    assert {kind for kind, _ in hits(kind="quote")} == {"quote"}
    assert {outlet.strip() for _, outlet in hits(since="2025-02-09")} == {"Amman Courier"}
    assert {outlet.strip() for _, outlet in hits(until="2025-02-09")} == {
        "&lt;b&gt;Evil&lt;/b&gt; Times&lt;script&gt;x()&lt;/script&gt;"
    }
    by_safadi = hits(speaker="safad")  # a word of the name, begun
    assert by_safadi and {kind for kind, _ in by_safadi} == {"quote"}
    assert hits(speaker="Nobody") == []
    page = client(db).get("/search", params={"q": "corridor"}).text
    assert "<mark>corridor</mark>" in page


def test_search_pages_through_its_hits(stored: tuple[Path, Record]) -> None:
    db, _ = stored
    first = client(db).get("/api/search", params={"q": "Safadi", "limit": 1}).json()
    second = client(db).get("/api/search", params={"q": "Safadi", "limit": 1, "page": 2}).json()
    assert len(first) == len(second) == 1 and first != second
    page = client(db).get("/search", params={"q": "Safadi"}).text
    assert "next →" not in page
    broken = client(db).get("/search", params={"q": 'Safadi" OR ('})
    assert broken.status_code == 400 and "unterminated string" in broken.text


def test_a_story_page_shows_the_comparison_timeline_findings_and_cite_buttons(
    stored: tuple[Path, Record],
) -> None:
    db, record = stored
    page = client(db).get("/stories/s1").text
    for section in ("timeline", "findings", "quotes", "groups", "claims", "actors", "reports"):
        assert f'<section id="{section}">' in page, section
    assert '<svg class="chart"' in page and "&lt;i&gt;Safadi&lt;/i&gt; in Amman" in page
    assert "<b>Reported</b> 2025-02-08 – 2025-02-10" in page
    assert page.count('<li><a href="/documents/') >= 2 and "&lt;i&gt;t&lt;/i&gt;" in page
    cites = [html.unescape(c) for c in re.findall(r'data-cite="([^"]*)"', page)]
    quote = record.quotes[0]
    words = " ".join(quote.text.split())
    wanted = f"2025-02-08, javascript:alert(3): “{words}” [{quote.doc}:{quote.start}-{quote.end}]"
    assert any(c.endswith(wanted) for c in cites), cites
    assert client(db).get("/stories/s-none").status_code == 404


def test_an_actor_page_lists_aliases_mentions_and_quotes_by_outlet(
    stored: tuple[Path, Record],
) -> None:
    db, record = stored
    safadi = next(a for a in record.actors if a.name.endswith("Safadi"))
    page = client(db).get(f"/actors/{safadi.id}").text
    assert f"{len(safadi.mentions)} mentions" in page
    assert '<section id="quotes"><h2>Quotes by outlet</h2>' in page
    assert page.count('href="/documents/') >= len(safadi.mentions)
    assert client(db).get("/actors/a-none").status_code == 404


def test_a_document_page_highlights_its_text_with_a_legend(stored: tuple[Path, Record]) -> None:
    db, record = stored
    doc = record.documents[1]
    page = client(db).get(f"/documents/{doc.id}").text
    assert '<div class="legend"' in page and '<q id="' in page
    assert "water corridor" in page
    assert client(db).get("/documents/dnothing").status_code == 404


def test_the_findings_page_filters_by_kind(stored: tuple[Path, Record]) -> None:
    db, record = stored
    page = client(db).get("/findings", params={"kind": "contradiction"}).text
    assert 'id="fx"' in page and 'class="cite"' in page
    kinds = {f.kind for f in record.findings}
    assert all(f">{kind}<" in page for kind in kinds)


def test_every_page_reads_through_indexes(
    stored: tuple[Path, Record], statements: list[str]
) -> None:
    db, record = stored
    for path in pages_of(record):
        assert client(db).get(path).status_code == 200, path
    assert len(statements) > 20
    scans = [
        s
        for s in full_scans(db, statements)
        # Walking an index in its order: a page of stories by date, the outlet list and
        # the counts by kind (a covering index: no table row is read).
        if "USING INDEX" not in s
        and "USING COVERING INDEX" not in s
        # FTS5's own read of its settings, and the search hits' sub-query.
        and not s.endswith("_fts_config")
        and s != "SCAN h"
    ]
    assert scans == []


def test_serve_prints_its_url_and_warns_when_bound_beyond_this_machine(
    stored: tuple[Path, Record], monkeypatch: pytest.MonkeyPatch
) -> None:
    import uvicorn

    db, _ = stored
    served: list[tuple[str, int]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, host, port, **_: served.append((host, port)))
    runner = CliRunner()
    local = runner.invoke(cli, ["serve", "--db", str(db), "--port", "8123"])
    assert local.exit_code == 0 and "http://127.0.0.1:8123/" in local.stdout
    assert "warning" not in local.stderr
    exposed = runner.invoke(cli, ["serve", "--db", str(db), "--host", "0.0.0.0"])
    assert exposed.exit_code == 0 and "http://0.0.0.0:8000/" in exposed.stdout
    assert "warning" in exposed.stderr and "anyone" in exposed.stderr
    assert served == [("127.0.0.1", 8123), ("0.0.0.0", 8000)]
