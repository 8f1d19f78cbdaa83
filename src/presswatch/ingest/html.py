"""HTML pages: the article's main text and metadata, by trafilatura with a plain fallback."""

from __future__ import annotations

import logging
import re
from html import escape
from html.parser import HTMLParser
from typing import Any

import trafilatura
from htmldate import find_date
from lxml import etree
from lxml import html as lxml_html

from presswatch.errors import InputError
from presswatch.ingest.cleaning import repair_surrogate_references, surrogate_warnings
from presswatch.ingest.dates import parse_date
from presswatch.ingest.documents import build_document, with_warnings
from presswatch.model import Document
from presswatch.settings import Settings

# trafilatura logs every page it finds thin; our own one-line errors say what matters.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)

_FALLBACK_BLOCKS = "//article//p | //main//p | //p"
# <meta charset="…"> or <meta http-equiv="Content-Type" content="text/html; charset=…">
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)


_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def declared_charset(raw: bytes) -> str | None:
    """The charset a page declares in its first 4 KB of markup, if any."""
    match = _META_CHARSET.search(raw[:4096])
    return match.group(1).decode("ascii") if match else None


def _parse(markup: str) -> Any:
    """An lxml tree of the page, or None for markup lxml cannot read."""
    # lxml refuses str input that still carries an XML encoding declaration.
    markup = _XML_DECLARATION.sub("", markup, count=1)
    try:
        return lxml_html.fromstring(markup)
    except (etree.ParserError, ValueError):
        return None


# libxml2 (under lxml and trafilatura) stops at 256 levels of nesting and drops all
# that lies deeper, so a page of wrappers in wrappers loses its whole text. Past this
# depth, wrapper elements are unwrapped; elements that hold paragraphs are kept.
MAX_NESTING = 200
_VOID_TAGS = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
_PARAGRAPH_TAGS = frozenset(
    ["p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dt", "dd", "td", "th"]
)
# Deep inside a page, these hold no article text; they go with their content.
_NO_TEXT_TAGS = frozenset(
    ["script", "style", "noscript", "template", "svg", "nav", "footer", "aside", "form"]
)


def _too_deep_for_lxml(markup: str) -> bool:
    """Whether libxml2 gives up on the page's nesting (and would drop what lies deeper)."""
    parser = lxml_html.HTMLParser()
    try:
        lxml_html.document_fromstring(_XML_DECLARATION.sub("", markup, count=1), parser=parser)
    except (etree.ParserError, ValueError):
        return False
    return any(error.type_name == "ERR_RESOURCE_LIMIT" for error in parser.error_log)


class ShallowMarkup(HTMLParser):
    """Rewrites a page so nothing nests deeper than MAX_NESTING; the text stays in order.

    The standard library's parser reads any depth without recursion, which libxml2 won't.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.open: list[tuple[str, bool]] = []  # (tag, written) of each open element
        self.skipping = 0  # depth inside a no-text element being left out

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        written = self._keeps(tag)
        if tag in _VOID_TAGS:
            if written:
                self.out.append(self.get_starttag_text() or "")
            return
        if self.skipping or (tag in _NO_TEXT_TAGS and len(self.open) >= MAX_NESTING):
            self.skipping += 1
        self.open.append((tag, written))
        if written:
            self.out.append(self.get_starttag_text() or "")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._keeps(tag):
            self.out.append(self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        if all(name != tag for name, _ in self.open):
            return  # a stray end tag closes nothing
        while self.open:
            name, written = self.open.pop()
            self.skipping = max(0, self.skipping - 1)
            if name == tag:
                if written:
                    self.out.append(f"</{tag}>")
                return

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.out.append(escape(data, quote=False))

    def handle_decl(self, decl: str) -> None:
        self.out.append(f"<!{decl}>")

    def _keeps(self, tag: str) -> bool:
        if self.skipping:
            return False
        return len(self.open) < MAX_NESTING or tag in _PARAGRAPH_TAGS


def flatten_deep_nesting(markup: str) -> str:
    """The page with wrapper elements past MAX_NESTING levels unwrapped."""
    shallow = ShallowMarkup()
    shallow.feed(markup)
    shallow.close()
    return "".join(shallow.out)


def _paragraphs_fallback(tree: Any) -> str:
    """Text of <p> elements, for pages too small or odd for trafilatura's heuristics."""
    for element in tree.xpath("//script | //style | //nav | //footer | //header | //aside"):
        element.drop_tree()
    seen: set[str] = set()
    blocks: list[str] = []
    for paragraph in tree.xpath(_FALLBACK_BLOCKS):
        text = " ".join(paragraph.text_content().split())
        if text and text not in seen:
            seen.add(text)
            blocks.append(text)
    return "\n\n".join(blocks)


def _fallback_title(tree: Any) -> str | None:
    """og:title, else <title>, else the first <h1>: what a page calls itself."""
    for path in ('//meta[@property="og:title"]/@content', "//title/text()", "//h1"):
        for found in tree.xpath(path):
            text = found.text_content() if hasattr(found, "text_content") else str(found)
            if text.strip():
                return " ".join(text.split())
    return None


def read_html(source: str, markup: str, settings: Settings, url: str | None = None) -> Document:
    """The article in an HTML page as a Document; InputError when no article text is found."""
    # lxml turns each half of "&#55357;&#56832;" into U+FFFD; joined first, they are 😀.
    markup, unpaired_surrogates = repair_surrogate_references(markup)
    notes = surrogate_warnings(unpaired_surrogates)
    if _too_deep_for_lxml(markup):
        markup = flatten_deep_nesting(markup)
        notes.append(f"HTML nested too deep to parse; flattened past {MAX_NESTING} levels")
    extracted: Any = trafilatura.bare_extraction(
        markup,
        url=url,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        with_metadata=True,
    )
    text = getattr(extracted, "text", None) or ""
    title = getattr(extracted, "title", None) or None
    if len(text) < 200 or not title:
        tree = _parse(markup)
        if tree is not None:
            title = title or _fallback_title(tree)
            fallback = _paragraphs_fallback(tree) if len(text) < 200 else ""
            text = fallback if len(fallback) > len(text) else text
    if not text.strip():
        raise InputError(source, "no article text found in the HTML")
    # trafilatura keeps paragraphs on single lines; a blank line between them is what
    # quote continuation and paragraph logic downstream rely on.
    text = "\n\n".join(line.strip() for line in text.split("\n") if line.strip())
    published = getattr(extracted, "date", None)
    if not published:
        published = find_date(markup, url=url, original_date=True, outputformat="%Y-%m-%d")
    sitename = getattr(extracted, "sitename", None) or None
    author = getattr(extracted, "author", None) or None
    if author and sitename and author.casefold() == sitename.casefold():
        author = None  # many sites name themselves as the author of every article
    document = build_document(
        source,
        text,
        settings,
        title=title,
        published=parse_date(published) if published else None,
        outlet=sitename,
        author=author,
        url=url or getattr(extracted, "url", None),
        language=None,
    )
    return with_warnings(document, notes)
