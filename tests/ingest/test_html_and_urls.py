"""HTML pages from files and URLs, and the limits URL fetching keeps."""

from __future__ import annotations

from pathlib import Path

import pytest

from presswatch.errors import InputError
from presswatch.ingest import fetch, read_inputs
from presswatch.model import Document
from presswatch.settings import Settings
from tests.ingest.conftest import LocalSite, Route

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


NEWS_PAGE = """<!DOCTYPE html><html lang="en"><head>
<meta charset="utf-8"><title>Envoys meet in Doha over prisoner lists - Harbour Daily</title>
<meta property="og:site_name" content="Harbour Daily">
<meta property="og:title" content="Envoys meet in Doha over prisoner lists">
<meta name="author" content="Nadia Karam">
<meta property="article:published_time" content="2025-02-08T07:30:00+00:00">
<link rel="canonical" href="https://www.harbourdaily.example/world/envoys-doha"></head>
<body><header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a>
</nav></header>
<div id="cookie-banner">We use cookies to improve your experience. Accept all cookies.</div>
<main><article><h1>Envoys meet in Doha over prisoner lists</h1>
<p class="byline">By Nadia Karam</p>
<p>Negotiators from both sides met Qatari mediators in Doha on Saturday to settle the names
on the next list of prisoners to be released, two officials briefed on the talks said.</p>
<p>"We are close, but the last names are always the hardest," one of the officials said,
speaking on condition of anonymity because the talks were private.</p>
<p>A second official said the lists would be exchanged through Egyptian intermediaries by
Monday, and that a technical team would check each name against prison records.</p>
<p>The mediators have met the two delegations separately every day this week, shuttling
between hotels in the West Bay district of the Qatari capital.</p>
</article>
<aside><h2>Related stories</h2><ul><li><a href="/a">Markets rally on truce hopes</a></li>
<li><a href="/b">Weather: storms expected</a></li></ul></aside></main>
<div class="ad">Advertisement</div>
<footer><p>All rights reserved. Harbour Daily 2025.</p></footer></body></html>"""


def test_html_file_yields_only_the_article_and_its_metadata(tmp_path: Path) -> None:
    path = tmp_path / "envoys.html"
    path.write_text(NEWS_PAGE, encoding="utf-8")
    [document] = read([str(path)])
    assert isinstance(document, Document)
    assert document.outlet == "Harbour Daily"
    assert document.published == "2025-02-08"
    assert document.title == "Envoys meet in Doha over prisoner lists"
    assert document.author == "Nadia Karam"
    assert document.language == "en"
    assert "the last names are always the hardest" in document.text
    for boilerplate in ("cookies", "Related stories", "Advertisement", "All rights reserved"):
        assert boilerplate not in document.text
    assert "\n\n" in document.text  # paragraphs kept apart


def test_simple_page_falls_back_to_its_paragraphs(tmp_path: Path) -> None:
    path = tmp_path / "bare.htm"
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?><html><head><title>Port reopens</title></head>'
        "<body><p>The port reopened on Sunday.</p><p>Ships queued outside.</p></body></html>"
    )
    [document] = read([str(path)])
    assert isinstance(document, Document) and document.title == "Port reopens"
    assert document.text == "The port reopened on Sunday.\n\nShips queued outside."


def test_page_without_text_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "blank.html"
    path.write_text("<html><head><title>x</title></head><body><img src=a.png></body></html>")
    [error] = read([str(path)])
    assert isinstance(error, InputError) and "no article text" in error.reason


def test_meta_charset_of_a_cp1252_page_is_honoured(tmp_path: Path) -> None:
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
        "</head><body><p>The caf\u00e9 owner said \u201cnothing has changed\u201d since the "
        "truce began.</p></body></html>"
    )
    path = tmp_path / "cafe.html"
    path.write_bytes(page.encode("cp1252"))
    [document] = read([str(path)])
    assert isinstance(document, Document)
    assert "caf\u00e9 owner said \u201cnothing has changed\u201d" in document.text


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


def test_redirect_from_a_public_page_into_a_private_network_is_refused(
    site: LocalSite, site_looks_public: None
) -> None:
    metadata = "http://169.254.169.254/latest/meta-data/"
    site.add("/jump", Route(b"", status=302, headers={"Location": metadata}))
    [error] = read([site.url("/jump")], Settings(fetch_timeout=2.0))
    assert isinstance(error, InputError)
    assert error.source == site.url("/jump")
    assert error.reason.startswith(f"redirected to {metadata}: refused private address")


def test_page_that_looks_public_is_fetched_without_allow_private(
    site: LocalSite, site_looks_public: None
) -> None:
    url = site.add("/ok", Route(PAGE.encode()))
    [document] = read([url], Settings(fetch_timeout=2.0))
    assert isinstance(document, Document)


def test_outlet_falls_back_to_the_domain_and_the_option_overrides_it(site: LocalSite) -> None:
    bare = b"<html><body><p>The port reopened on Sunday after a week of storms.</p></body></html>"
    url = site.add("/bare", Route(bare))
    [document] = read([url])
    assert isinstance(document, Document) and document.outlet == "127.0.0.1"
    [document] = read([url], Settings(allow_private=True, outlet="Coast Herald"))
    assert isinstance(document, Document) and document.outlet == "Coast Herald"


def test_charset_from_the_http_header_decodes_the_page(site: LocalSite) -> None:
    body = "<html><body><p>Le ministre a parl\u00e9 d\u2019une \u00e9tape.</p></body></html>"
    url = site.add(
        "/fr", Route(body.encode("cp1252"), content_type="text/html; charset=windows-1252")
    )
    [document] = read([url])
    assert isinstance(document, Document) and "parl\u00e9 d\u2019une" in document.text


def test_plain_text_url_is_read_as_a_text_article(site: LocalSite) -> None:
    text = "Title: Port reopens\n\nThe port reopened on Sunday after a week of storms."
    url = site.add("/story.txt", Route(text.encode(), content_type="text/plain"))
    [document] = read([url])
    assert isinstance(document, Document)
    assert document.title == "Port reopens" and document.text.startswith("The port")


def test_unknown_host_is_a_clear_error() -> None:
    [error] = read(["http://no-such-host.invalid/news"], Settings(fetch_timeout=2.0))
    assert isinstance(error, InputError) and error.reason == "host not found (no-such-host.invalid)"


def test_site_named_as_its_own_author_gives_no_author(tmp_path: Path) -> None:
    page = NEWS_PAGE.replace('content="Nadia Karam"', 'content="Harbour Daily"').replace(
        '<p class="byline">By Nadia Karam</p>', ""
    )
    path = tmp_path / "p.html"
    path.write_text(page)
    [document] = read([str(path)])
    assert isinstance(document, Document)
    assert document.outlet == "Harbour Daily" and document.author is None


def test_connection_goes_only_to_a_checked_public_address(
    site: LocalSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A name server may answer "public" to the check and "private" to the connection
    # (DNS rebinding); the connection checks the address it is about to use.
    monkeypatch.setattr(fetch, "check_url_allowed", lambda url, settings: None)
    url = site.add("/a", Route(PAGE.encode()))
    [error] = read([url], Settings(fetch_timeout=2.0))
    assert isinstance(error, InputError)
    assert error.reason.startswith("refused private address 127.0.0.1")


def test_server_dripping_bytes_is_stopped_by_the_overall_deadline(site: LocalSite) -> None:
    url = site.add("/drip", Route(PAGE.encode(), drip=0.05))
    [error] = read([url], Settings(allow_private=True, fetch_timeout=0.4))
    assert isinstance(error, InputError) and error.reason == "timed out after 0.4 s"
