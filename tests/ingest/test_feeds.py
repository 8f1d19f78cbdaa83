"""RSS and Atom feeds: items with full content, teaser items whose links are fetched."""

from __future__ import annotations

from pathlib import Path

from presswatch.errors import InputError
from presswatch.ingest import read_inputs
from presswatch.model import Document
from presswatch.settings import Settings
from tests.ingest.conftest import LocalSite, Route
from tests.ingest.test_html_and_urls import PAGE

LOCAL = Settings(allow_private=True, fetch_timeout=2.0)


LONG_ITEM = (
    "<p>Ministers from six coastal states met in Salalah on Sunday to agree rules for "
    "fishing boats that stray across maritime borders during storms.</p>"
    "<p>\u201cNo fisherman should go to prison for the weather,\u201d the host minister "
    "said at the opening session, according to a statement from his office.</p>"
    "<p>Officials said a draft text would be circulated within a month, and that coast "
    "guards would share positions of boats in distress over a common radio channel.</p>"
)
RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Gulf Ledger</title><link>https://www.gulfledger.example/</link>
<item><title>Coastal states agree storm rules</title>
<link>https://www.gulfledger.example/2025/02/09/storm-rules</link>
<pubDate>Sun, 09 Feb 2025 18:20:00 +0000</pubDate><author>desk@gulfledger.example</author>
<description>Ministers met in Salalah.</description>
<content:encoded><![CDATA[{LONG_ITEM}]]></content:encoded></item>
<item><title>Second item</title><link>https://www.gulfledger.example/2025/02/10/second</link>
<pubDate>Mon, 10 Feb 2025 08:00:00 +0000</pubDate>
<description><![CDATA[{LONG_ITEM.replace("Sunday", "Monday")}]]></description></item>
</channel></rss>"""


def test_rss_items_with_content_become_documents(tmp_path: Path) -> None:
    path = tmp_path / "ledger.rss"
    path.write_text(RSS, encoding="utf-8")
    items = list(read_inputs([str(path)], Settings()))
    assert all(isinstance(i, Document) for i in items)
    documents = [i for i in items if isinstance(i, Document)]
    assert len(documents) == 2
    first = documents[0]
    assert first.outlet == "Gulf Ledger"
    assert first.title == "Coastal states agree storm rules"
    assert first.published == "2025-02-09"
    assert first.source == first.url == "https://www.gulfledger.example/2025/02/09/storm-rules"
    assert "\u201cNo fisherman should go to prison" in first.text and "<p>" not in first.text
    assert "\n\n" in first.text  # item paragraphs kept apart
    assert documents[1].published == "2025-02-10" and "on Monday" in documents[1].text


def test_feed_saved_as_xml_is_recognised_by_its_content(tmp_path: Path) -> None:
    path = tmp_path / "export.xml"
    path.write_text(RSS, encoding="utf-8")
    assert len([i for i in read_inputs([str(path)], Settings()) if isinstance(i, Document)]) == 2


def test_xml_that_is_not_a_feed_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "sitemap.xml"
    path.write_text(
        '<?xml version="1.0"?><urlset><url><loc>https://a.example/</loc></url></urlset>'
    )
    [error] = list(read_inputs([str(path)], Settings()))
    assert isinstance(error, InputError) and error.reason == "XML but not an RSS or Atom feed"


def test_url_serving_a_feed_as_plain_xml_is_read_as_a_feed(site: LocalSite) -> None:
    url = site.add("/rss", Route(RSS.encode(), content_type="application/xml"))
    documents = list(read_inputs([url], LOCAL))
    assert [d.title for d in documents if isinstance(d, Document)] == [
        "Coastal states agree storm rules",
        "Second item",
    ]


def test_outlet_option_overrides_the_feed_title(tmp_path: Path) -> None:
    path = tmp_path / "ledger.atom.rss"
    path.write_text(RSS, encoding="utf-8")
    items = list(read_inputs([str(path)], Settings(outlet="Ledger Archive")))
    assert {i.outlet for i in items if isinstance(i, Document)} == {"Ledger Archive"}


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


def test_relative_item_links_resolve_against_the_feed_address(site: LocalSite) -> None:
    site.add("/world/talks", Route(PAGE.encode()))
    rss = """<rss version="2.0"><channel><title>Coast Herald</title><item><title>Talks</title>
<link>/world/talks</link><description>Talks resume.</description></item></channel></rss>"""
    feed_url = site.add("/news/rss", Route(rss.encode(), content_type="application/rss+xml"))
    [document] = list(read_inputs([feed_url], LOCAL))
    assert isinstance(document, Document) and document.url == site.url("/world/talks")


def test_item_paragraphs_are_read_once_and_kept_apart(tmp_path: Path) -> None:
    body = (
        "<p>The minister opened the session.</p><blockquote><p>We will not wait.</p>"
        "</blockquote>Then the delegates voted.<br><br>The vote passed."
    )
    atom = f"""<feed xmlns="http://www.w3.org/2005/Atom"><title>Coast Herald</title>
<entry><title>Vote</title><id>urn:vote</id><updated>2025-03-04T09:00:00Z</updated>
<content type="html"><![CDATA[{body}]]></content></entry></feed>"""
    path = tmp_path / "vote.atom"
    path.write_text(atom)
    [document] = list(read_inputs([str(path)], Settings()))
    assert isinstance(document, Document)
    assert document.text.count("We will not wait.") == 1
    assert document.text.startswith("The minister opened the session.\n\nWe will not wait.")
    assert document.source == f"{path}#1" and document.published == "2025-03-04"
