"""RSS and Atom feeds: items with full content, teaser items whose links are fetched."""

from __future__ import annotations

from pathlib import Path

from presswatch.errors import InputError
from presswatch.ingest import read_inputs
from presswatch.model import Document
from presswatch.settings import Settings
from tests.ingest.conftest import LocalSite, Route
from tests.ingest.test_html_and_urls import PAGE

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
LOCAL = Settings(allow_private=True, fetch_timeout=2.0)


def test_rss_items_with_content_become_documents() -> None:
    items = list(read_inputs([str(EXAMPLES / "feed.rss")], Settings()))
    assert all(isinstance(i, Document) for i in items)
    documents = [i for i in items if isinstance(i, Document)]
    assert len(documents) == 3
    first = documents[0]
    assert first.outlet == "Gulf Observer"
    assert first.published == "2025-02-09"
    assert first.url == "https://gulfobserver.example/2025/02/09/hamas-tehran"
    assert "Mohamed Ismail Darwish" in first.text and "<p>" not in first.text


def test_teaser_items_are_fetched_from_their_links(site: LocalSite) -> None:
    article = site.add("/world/talks", Route(PAGE.encode()))
    atom = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Coast Herald</title>
<entry><title>Talks resume</title><link href="{article}"/>
<updated>2025-03-04T09:00:00Z</updated><summary>Talks resume next week.</summary></entry>
</feed>"""
    feed_url = site.add("/feed.atom", Route(atom.encode(), content_type="application/atom+xml"))
    [document] = list(read_inputs([feed_url], LOCAL))
    assert isinstance(document, Document)
    assert document.url == article
    assert "indirect talks between Tehran and Washington" in document.text


def test_teaser_whose_link_fails_is_an_error_naming_the_item(site: LocalSite) -> None:
    rss = f"""<rss version="2.0"><channel><title>X</title><item><title>Gone</title>
<link>{site.url("/gone")}</link><description>Short.</description></item></channel></rss>"""
    feed_url = site.add("/rss", Route(rss.encode(), content_type="application/rss+xml"))
    [error] = list(read_inputs([feed_url], LOCAL))
    assert isinstance(error, InputError)
    assert error.source.endswith("/gone") and error.reason == "HTTP 404"


def test_malformed_feed_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.rss"
    path.write_text("<rss><channel><title>Broken</title><item><title>x</titl")
    [error] = list(read_inputs([str(path)], Settings()))
    assert isinstance(error, InputError) and error.reason.startswith("not a readable feed")
