"""Turning extracted text and metadata into a `Document`: the one place ingest builds them."""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlsplit

from presswatch.errors import InputError
from presswatch.ingest.cleaning import SurrogateCount, clean_text, surrogate_warnings
from presswatch.ingest.datelines import read_dateline
from presswatch.ingest.dates import parse_date
from presswatch.ingest.language import detect_language
from presswatch.model import Document, document_id
from presswatch.settings import Settings


def outlet_from_url(url: str | None) -> str | None:
    """The outlet a URL belongs to: its host without `www.`."""
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


def normalise_outlet(name: str | None) -> str | None:
    """An outlet name as given, except that a bare domain loses `www.` and any port."""
    if not name or not name.strip():
        return None
    name = " ".join(name.split())
    if " " not in name and "." in name:
        # "www.PressTV.ir:443" (a site name some pages and extractors give) → "presstv.ir"
        return outlet_from_url(f"//{name.split('/')[0]}") or name
    return name


def build_document(
    source: str,
    text: str,
    settings: Settings,
    *,
    title: str | None = None,
    published: str | None = None,
    outlet: str | None = None,
    author: str | None = None,
    url: str | None = None,
    language: str | None = None,
) -> Document:
    """A cleaned, identified document; raises InputError when nothing readable is left."""
    # Every reader passes through here, so surrogates (JSON can spell them in any field)
    # are repaired and counted once, before any text is hashed or stored.
    surrogates = SurrogateCount()
    source, text = surrogates(source), surrogates(text)
    title, published, outlet, author, url, language = (
        surrogates(value) if value else value
        for value in (title, published, outlet, author, url, language)
    )
    cleaned = clean_text(text)
    if not cleaned:
        raise InputError(source, "empty (no text after cleaning)")
    warnings = surrogate_warnings(surrogates.unpaired)
    if len(cleaned) > settings.max_text_chars:
        cleaned = cleaned[: settings.max_text_chars]
        warnings.append(f"text cut to {settings.max_text_chars} characters")
    dateline = read_dateline(cleaned)
    if published is None and dateline is not None and dateline.written_date:
        published = parse_date(dateline.written_date)  # only a date with its year counts
    return Document(
        id=document_id(cleaned),
        source=source,
        outlet=settings.outlet or normalise_outlet(outlet) or outlet_from_url(url),
        title=clean_text(title) if title else None,
        published=published,
        language=(language or detect_language(cleaned)),
        text=cleaned,
        author=author,
        url=url,
        place=dateline.place if dateline else None,
        warnings=warnings,
    )


def with_warnings(document: Document, warnings: Sequence[str]) -> Document:
    """The document with a reader's own notes on what it could not keep as it was."""
    if not warnings:
        return document
    return document.model_copy(update={"warnings": [*document.warnings, *warnings]})
