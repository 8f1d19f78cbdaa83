"""RSS and Atom feeds: each item becomes a document, from its content or its fetched link."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

import feedparser
from lxml import etree
from lxml import html as lxml_html

from presswatch.errors import InputError
from presswatch.ingest.cleaning import UNPAIRED_SURROGATE_MARK, repair_surrogate_references
from presswatch.ingest.documents import build_document, outlet_from_url
from presswatch.model import Document
from presswatch.settings import Settings

# An item body shorter than this is a teaser; the article behind its link is fetched.
MIN_ITEM_CHARS = 400

FetchArticle = Callable[[str], Document]


# Elements that start a new paragraph; everything else (<b>, <a>, <span>) is inline.
_BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "blockquote",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "pre",
        "table",
        "tr",
        "section",
        "article",
        "figure",
        "figcaption",
        "header",
        "footer",
        "aside",
        "br",
    ]
)


def _paragraphs(root: Any) -> list[str]:
    """Paragraph texts of a body in document order, loose text between blocks included."""
    paragraphs: list[str] = []
    current: list[str] = []

    def flush() -> None:
        # Inline pieces touch as they render ("<b>para</b>." is "para.").
        text = " ".join("".join(current).split())
        if text:
            paragraphs.append(text)
        current.clear()

    def walk(element: Any) -> None:
        if element.text:
            current.append(element.text)
        for child in element:
            if not isinstance(child.tag, str):
                pass  # comments and processing instructions hold no text
            elif child.tag in _BLOCK_TAGS:
                flush()
                walk(child)
                flush()
            else:
                walk(child)
            if child.tail:
                current.append(child.tail)

    walk(root)
    flush()
    return paragraphs


# An unpaired half becomes the mark, counted in the item's own document when it is built.
_MARKED_REFERENCE = f"&#{ord(UNPAIRED_SURROGATE_MARK)};"


def _without_surrogate_references(raw: bytes) -> bytes:
    """Feed bytes whose numeric references to surrogates are joined or marked.

    feedparser's fallback parser raises on "&#55357;" (a surrogate half). References
    are ASCII, so the bytes are edited as latin-1, whatever the feed's encoding.
    """
    if b"&#" not in raw:
        return raw
    markup = raw.decode("latin-1")
    return repair_surrogate_references(markup, _MARKED_REFERENCE)[0].encode("latin-1")


def _html_to_text(markup: str) -> str:
    """The text of an item body, one paragraph per block, paragraphs split by a blank line."""
    # An escaped body ("&lt;p&gt;…&amp;#55357;") still spells surrogates once unescaped.
    markup = repair_surrogate_references(markup, _MARKED_REFERENCE)[0]
    if "<" not in markup:
        return markup
    try:
        tree = lxml_html.fromstring(f"<div>{markup}</div>")
    except (etree.ParserError, ValueError):
        return markup  # markup lxml cannot parse is kept as the text it is
    for element in tree.xpath("//script | //style"):
        element.drop_tree()
    return "\n\n".join(_paragraphs(tree))


def _article_link(entry: Any) -> str | None:
    """The item's web address; a guid such as "urn:…" or "tag:…" is no address to fetch."""
    link = entry.get("link")
    return link if isinstance(link, str) and link.startswith(("http://", "https://")) else None


def _item_date(entry: Any) -> str | None:
    """The item's publication (else update) date as YYYY-MM-DD."""
    for key in ("published_parsed", "updated_parsed"):
        parsed = entry.get(key)
        if parsed:
            return time.strftime("%Y-%m-%d", parsed)
    return None


def looks_like_feed(raw: bytes) -> bool:
    head = raw[:2048].lstrip().lower()
    return b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head


def read_feed(
    source: str,
    raw: bytes,
    settings: Settings,
    fetch_article: FetchArticle,
    base_url: str | None = None,
) -> Iterator[Document | InputError]:
    """Each item as a document: its own body when long enough, else its fetched link."""
    # With the feed's own address as base, relative item links ("/2025/02/story") resolve.
    headers = {"content-location": base_url} if base_url else None
    try:
        parsed: Any = feedparser.parse(_without_surrogate_references(raw), response_headers=headers)
    except (UnicodeError, ValueError) as error:
        # A feed in an encoding the reference fix cannot see through (UTF-16) can still
        # trip feedparser; the feed is one error, not the end of the batch.
        yield InputError(source, f"not a readable feed ({type(error).__name__})")
        return
    usable = [e for e in parsed.entries if e.get("link") or e.get("content") or e.get("summary")]
    if not usable:
        # A broken feed still parses into stubs of items; stubs with nothing in them mean
        # the feed itself is unreadable, which is what the user needs to hear.
        reason = parsed.get("bozo_exception") if parsed.get("bozo") else "no items"
        yield InputError(source, f"not a readable feed ({' '.join(str(reason).split())})")
        return
    feed_title = parsed.feed.get("title")
    feed_link = parsed.feed.get("link")
    for index, entry in enumerate(parsed.entries, start=1):
        link = _article_link(entry)
        # The item's own link is its address; an item without one is named by position.
        item_source = link or f"{source}#{index}"
        bodies = [c.get("value", "") for c in entry.get("content", [])] + [entry.get("summary", "")]
        text = max((_html_to_text(b) for b in bodies if b), key=len, default="")
        try:
            if len(text) < MIN_ITEM_CHARS and link:
                article = fetch_article(link)
                yield article.model_copy(
                    update={
                        "title": article.title or entry.get("title"),
                        "published": article.published or _item_date(entry),
                        "outlet": settings.outlet or article.outlet or feed_title,
                    }
                )
                continue
            yield build_document(
                item_source,
                text,
                settings,
                title=entry.get("title"),
                published=_item_date(entry),
                outlet=feed_title or outlet_from_url(link or feed_link),
                author=entry.get("author"),
                url=link,
            )
        except InputError as error:
            yield InputError(item_source, error.reason)
