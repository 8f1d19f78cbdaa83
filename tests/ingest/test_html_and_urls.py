"""HTML pages from files and URLs, and the limits URL fetching keeps."""

from __future__ import annotations

from pathlib import Path

from presswatch.errors import InputError
from presswatch.ingest import read_inputs
from presswatch.model import Document
from presswatch.settings import Settings
from tests.ingest.conftest import LocalSite, Route

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
LOCAL = Settings(allow_private=True, fetch_timeout=2.0)

PAGE = """<!DOCTYPE html><html><head><title>Talks resume in Muscat | Coast Herald</title>
<meta property="og:site_name" content="Coast Herald">
<meta property="article:published_time" content="2025-03-04T09:00:00Z"></head>
<body><nav><a href="/">Home</a><a href="/world">World</a></nav>
<div class="ad">Advertisement: buy a boat today</div>
<article><h1>Talks resume in Muscat</h1>
<p>Omani mediators said on Tuesday that indirect talks between Tehran and Washington would
resume in Muscat next week, after a pause of nearly a month.</p>
<p>"Both sides have shown seriousness," a senior Omani official said, adding that technical
teams would meet first. The official declined to give details of the agenda.</p>
<p>Diplomats in the region said the venue had been chosen because both delegations trust
the Omani foreign ministry, which has carried messages between them for years.</p>
</article><footer>© Coast Herald. Privacy. Contact.</footer></body></html>"""


def read(sources: list[str], settings: Settings = LOCAL) -> list[Document | InputError]:
    return list(read_inputs(sources, settings))


def test_html_file_yields_only_the_article_and_its_metadata() -> None:
    [document] = read([str(EXAMPLES / "al-mayadeen-hamas-delegation.html")])
    assert isinstance(document, Document)
    assert document.outlet == "Al Mayadeen English"
    assert document.published == "2025-02-08"
    assert document.title and document.title.startswith("Sayyed Khamenei to Hamas")
    assert "Mohammed Ismail Dervish" in document.text
    for boilerplate in ("cookies", "Related stories", "Advertisement", "All rights reserved"):
        assert boilerplate not in document.text
    assert "\n\n" in document.text  # paragraphs kept apart


def test_url_gives_text_title_outlet_and_date(site: LocalSite) -> None:
    url = site.add("/world/talks", Route(PAGE.encode()))
    [document] = read([url])
    assert isinstance(document, Document)
    assert document.source == url and document.url == url
    assert document.outlet == "Coast Herald"
    assert document.published == "2025-03-04"
    assert "indirect talks between Tehran and Washington" in document.text
    assert "buy a boat" not in document.text


def test_loopback_url_is_refused_without_allow_private(site: LocalSite) -> None:
    url = site.add("/a", Route(PAGE.encode()))
    [error] = read([url], Settings())
    assert isinstance(error, InputError)
    assert "refused private address 127.0.0.1" in error.reason


def test_only_http_and_https_are_fetched() -> None:
    [error] = read(["file:///etc/passwd"])
    assert isinstance(error, InputError) and "only http and https" in error.reason


def test_slow_server_times_out_with_a_clear_reason(site: LocalSite) -> None:
    url = site.add("/slow", Route(PAGE.encode(), delay=1.5))
    [error] = read([url], Settings(allow_private=True, fetch_timeout=0.3))
    assert isinstance(error, InputError) and error.reason == "timed out after 0.3 s"


def test_download_over_the_size_cap_is_refused(site: LocalSite) -> None:
    url = site.add("/big", Route(PAGE.encode() * 50))
    [error] = read([url], Settings(allow_private=True, fetch_max_bytes=2000))
    assert isinstance(error, InputError) and error.reason.startswith("too large")


def test_non_html_response_is_refused(site: LocalSite) -> None:
    url = site.add("/report.pdf", Route(b"%PDF-1.4 ...", content_type="application/pdf"))
    [error] = read([url])
    assert isinstance(error, InputError) and error.reason == "not HTML (application/pdf)"


def test_http_error_status_is_reported(site: LocalSite) -> None:
    [error] = read([site.url("/missing")])
    assert isinstance(error, InputError) and error.reason == "HTTP 404"


def test_redirect_loop_stops_at_the_limit(site: LocalSite) -> None:
    site.add("/loop", Route(b"", status=302, headers={"Location": "/loop"}))
    [error] = read([site.url("/loop")], Settings(allow_private=True, fetch_max_redirects=3))
    assert isinstance(error, InputError) and error.reason == "more than 3 redirects"


def test_redirect_is_followed_and_each_hop_checked(site: LocalSite) -> None:
    site.add("/new", Route(PAGE.encode()))
    site.add("/old", Route(b"", status=301, headers={"Location": "/new"}))
    [document] = read([site.url("/old")])
    assert isinstance(document, Document) and document.url == site.url("/new")
    # The same redirect without --allow-private is refused at the first hop.
    [error] = read([site.url("/old")], Settings())
    assert isinstance(error, InputError) and "refused private address" in error.reason


def test_one_failing_url_does_not_stop_the_batch(site: LocalSite) -> None:
    good = site.add("/ok", Route(PAGE.encode()))
    items = read([site.url("/nope"), good])
    assert isinstance(items[0], InputError) and isinstance(items[1], Document)
