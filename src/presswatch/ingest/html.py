"""HTML pages: the article's main text and metadata, by trafilatura with a plain fallback."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
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

# Markup that holds no article text: scripts, menus, notices, site headers and footers.
# A <header> inside the article holds its headline and standfirst, so it stays.
_BOILERPLATE = (
    "//script | //style | //noscript | //template | //nav | //footer | //aside | //form"
    " | //figure | //header[not(ancestor::article or ancestor::main)]"
)
# Below this many characters an extraction is too thin to trust; the page's paragraphs
# are taken instead when they hold more.
MIN_EXTRACTED_CHARS = 200
# The share of the article's paragraph text an extraction must keep to be trusted.
MIN_KEPT_SHARE = 0.6
_SENTENCE_ENDS = (".", "!", "?", '"', "\u201d", "\u2019", ")")
# <meta charset="…"> or <meta http-equiv="Content-Type" content="text/html; charset=…">
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)


_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def declared_charset(raw: bytes) -> str | None:
    """The charset a page declares in its first 4 KB of markup, if any."""
    match = _META_CHARSET.search(raw[:4096])
    return match.group(1).decode("ascii") if match else None


@dataclass(frozen=True)
class ParsedPage:
    """An lxml tree of the page (None for markup lxml cannot read) and how the parse went."""

    tree: Any
    too_deep: bool = False  # libxml2 gave up on the nesting and dropped what lay deeper


def _parse(markup: str) -> ParsedPage:
    parser = lxml_html.HTMLParser()
    # lxml refuses str input that still carries an XML encoding declaration.
    markup = _XML_DECLARATION.sub("", markup, count=1)
    try:
        tree = lxml_html.document_fromstring(markup, parser=parser)
    except (etree.ParserError, ValueError):
        return ParsedPage(None)
    too_deep = any(error.type_name == "ERR_RESOURCE_LIMIT" for error in parser.error_log)
    return ParsedPage(tree, too_deep)


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


@dataclass(frozen=True)
class PageParagraph:
    """A visible <p> of the page, and where it stands: in <article> or <main>, after the <h1>."""

    text: str
    in_article: bool
    in_main: bool
    after_headline: bool


def visible_paragraphs(tree: Any) -> list[PageParagraph]:
    """The page's <p> texts in document order, once each, boilerplate left out."""
    for element in tree.xpath(_BOILERPLATE):
        element.drop_tree()
    seen: set[str] = set()
    paragraphs: list[PageParagraph] = []
    after_headline = False
    for element in tree.xpath("//h1 | //p"):  # XPath gives a union in document order
        if element.tag == "h1":
            after_headline = True
            continue
        text = " ".join(element.text_content().split())
        if text and text not in seen:
            seen.add(text)
            in_article = bool(element.xpath("boolean(ancestor::article)"))
            in_main = bool(element.xpath("boolean(ancestor::main)"))
            paragraphs.append(PageParagraph(text, in_article, in_main, after_headline))
    return paragraphs


def _joined(paragraphs: list[PageParagraph]) -> str:
    return "\n\n".join(paragraph.text for paragraph in paragraphs)


def _is_kept(paragraph: PageParagraph, flat_text: str) -> bool:
    """Whether the extractor's text holds the paragraph, or most of it.

    The extractor may leave out a dateline or a link inside a paragraph it keeps, so a
    paragraph counts as kept when most of its runs of eight words are there.
    """
    if paragraph.text in flat_text:
        return True
    words = paragraph.text.split()
    runs = [" ".join(words[start : start + 8]) for start in range(0, max(len(words) - 7, 1), 4)]
    return sum(run in flat_text for run in runs) * 2 > len(runs)


def _reads_as_lead(paragraph: PageParagraph) -> bool:
    """A sentence or more standing where a lead stands; not a byline, date or kicker."""
    text = paragraph.text
    placed = paragraph.after_headline or paragraph.in_article or paragraph.in_main
    return placed and len(text.split()) >= 6 and text.endswith(_SENTENCE_ENDS)


def _article_paragraphs(paragraphs: list[PageParagraph]) -> list[PageParagraph]:
    """The paragraphs the page itself marks as its article (<article>, else <main>)."""
    # <main> often holds comments and related links beside the <article>; the narrower wins.
    return [p for p in paragraphs if p.in_article] or [p for p in paragraphs if p.in_main]


def faithful_text(text: str, paragraphs: list[PageParagraph]) -> tuple[str, list[str]]:
    """The extractor's text checked against the page's own paragraphs, and what was done.

    trafilatura leaves out paragraphs it takes for boilerplate, and a lead set apart in
    its own box ("standfirst", "intro") is a common victim. Too little text: the page's
    paragraphs. Under 60% of the article's paragraph text: the article's paragraphs (a
    page that marks no article only gets a warning; its other paragraphs may be menus
    and notices). A lead dropped before the first paragraph kept: the lead put back.
    """
    page_text = _joined(paragraphs)
    if len(text) < MIN_EXTRACTED_CHARS:
        return (page_text if len(page_text) > len(text) else text), []
    flat = " ".join(text.split())
    kept = [paragraph for paragraph in paragraphs if _is_kept(paragraph, flat)]
    article = _article_paragraphs(paragraphs)
    measured = article or paragraphs
    measured_chars = sum(len(p.text) for p in measured)
    kept_texts = {paragraph.text for paragraph in kept}  # each text is on the page once
    kept_chars = sum(len(p.text) for p in measured if p.text in kept_texts)
    notes: list[str] = []
    if measured_chars >= MIN_EXTRACTED_CHARS and kept_chars < MIN_KEPT_SHARE * measured_chars:
        share = f"extractor kept {round(100 * kept_chars / measured_chars)}%"
        if article:
            return _joined(article), [
                f"{share} of the article's paragraph text; its paragraphs used instead"
            ]
        notes.append(f"{share} of the page's paragraph text")
    first_kept = paragraphs.index(kept[0]) if kept else 0
    lead = [p for p in paragraphs[:first_kept] if _reads_as_lead(p)]
    if not lead:
        return text, notes
    restored = f"{len(lead)} lead paragraph{'s' if len(lead) > 1 else ''}"
    notes.append(f"{restored} the extractor left out put back")
    # The lead goes where it stood: before the first paragraph kept, after any headline.
    found = text.find(kept[0].text[:40])
    line_start = text.rfind("\n", 0, found) + 1 if found > 0 else 0
    return f"{text[:line_start]}{_joined(lead)}\n\n{text[line_start:]}", notes


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
    page = _parse(markup)
    if page.too_deep:
        markup = flatten_deep_nesting(markup)
        page = _parse(markup)
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
    if page.tree is not None:
        title = title or _fallback_title(page.tree)
        text, checked = faithful_text(text, visible_paragraphs(page.tree))
        notes.extend(checked)
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
