"""Ingest: sources (files, directories, URLs, feeds, JSONL) → `Document`s.

`read_inputs` yields documents in input order and yields, never raises, an `InputError`
for each input it cannot read, so one bad file never stops a batch. Which reader handles
a source is decided by the ordered `SNIFFERS` (name, then content), each reader is one
module.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from presswatch.errors import InputError
from presswatch.ingest.feeds import looks_like_feed, read_feed
from presswatch.ingest.fetch import Fetched, fetch_url
from presswatch.ingest.html import read_html
from presswatch.ingest.jsonl import read_jsonl
from presswatch.ingest.text import (
    UndecodableText,
    decode_bytes,
    metadata_from_header,
    split_header,
)
from presswatch.model import Document
from presswatch.settings import Settings

__all__ = ["read_inputs"]

Reader = Callable[[str, bytes, Settings], Iterator[Document | InputError]]

# Magic numbers of formats that are not text: the reason names what the file is.
BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "application/pdf"),
    (b"\x89PNG", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF8", "image/gif"),
    (b"PK\x03\x04", "application/zip"),
    (b"\x1f\x8b", "application/gzip"),
    (b"\x7fELF", "application/x-executable"),
    (b"SQLite format 3", "application/x-sqlite3"),
)
TEXT_SUFFIXES = {
    ".txt",
    ".text",
    ".md",
    ".html",
    ".htm",
    ".xhtml",
    ".xml",
    ".rss",
    ".atom",
    ".jsonl",
    ".ndjson",
    ".json",
}


def read_inputs(sources: Sequence[str], settings: Settings) -> Iterator[Document | InputError]:
    """Documents from every source, in order; an InputError for each that fails."""
    for source in sources:
        if source.startswith(("http://", "https://")) or "://" in source:
            yield from _read_url(source, settings)
            continue
        path = Path(source)
        if path.is_dir():
            yield from _read_directory(path, settings)
        else:
            yield from _read_file(path, settings)


def _read_directory(folder: Path, settings: Settings) -> Iterator[Document | InputError]:
    files = sorted(
        p
        for p in folder.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )
    for path in files:
        # README files describe a folder of articles; they are not articles.
        if path.name.lower().startswith("readme"):
            continue
        yield from _read_file(path, settings)


def _read_file(path: Path, settings: Settings) -> Iterator[Document | InputError]:
    source = str(path)
    try:
        size = path.stat().st_size
        if size > settings.max_file_bytes:
            yield InputError(source, f"too large ({size} bytes > {settings.max_file_bytes})")
            return
        raw = path.read_bytes()
    except FileNotFoundError:
        yield InputError(source, "no such file or directory")
        return
    except PermissionError:
        yield InputError(source, "permission denied")
        return
    except OSError as error:
        yield InputError(source, f"unreadable ({error.strerror or error})")
        return
    yield from read_bytes(source, raw, settings, suffix=path.suffix.lower())


def read_bytes(
    source: str, raw: bytes, settings: Settings, suffix: str = "", content_type: str = ""
) -> Iterator[Document | InputError]:
    """Route raw bytes to the reader their name, declared type or content calls for."""
    if not raw.strip():
        yield InputError(source, "empty")
        return
    for signature, mime in BINARY_SIGNATURES:
        if raw.startswith(signature):
            yield InputError(source, f"binary file ({mime})")
            return
    kind = next((name for name, sniff in SNIFFERS if sniff(raw, suffix, content_type)), "text")
    if kind == "binary":
        yield InputError(source, "binary file (not text)")
        return
    yield from READERS[kind](source, raw, settings)


def _has_bom(raw: bytes) -> bool:
    return raw.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"))


def _is_binary(raw: bytes, suffix: str, content_type: str) -> bool:
    return not _has_bom(raw) and b"\x00" in raw[:8192]


def _is_jsonl(raw: bytes, suffix: str, content_type: str) -> bool:
    return suffix in (".jsonl", ".ndjson") or content_type in (
        "application/x-ndjson",
        "application/jsonl",
    )


def _is_feed(raw: bytes, suffix: str, content_type: str) -> bool:
    if suffix in (".rss", ".atom") or "rss" in content_type or "atom" in content_type:
        return True
    return suffix in (".xml", "") and looks_like_feed(raw)


def _is_html(raw: bytes, suffix: str, content_type: str) -> bool:
    if suffix in (".html", ".htm", ".xhtml") or content_type in (
        "text/html",
        "application/xhtml+xml",
    ):
        return True
    head = raw[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html"))


SNIFFERS: tuple[tuple[str, Callable[[bytes, str, str], bool]], ...] = (
    ("binary", _is_binary),
    ("jsonl", _is_jsonl),
    ("feed", _is_feed),
    ("html", _is_html),
)


def _decode(source: str, raw: bytes) -> str | InputError:
    try:
        return decode_bytes(raw)
    except UndecodableText as error:
        return InputError(source, str(error))


def _read_text(source: str, raw: bytes, settings: Settings) -> Iterator[Document | InputError]:
    text = _decode(source, raw)
    if isinstance(text, InputError):
        yield text
        return
    from presswatch.ingest.documents import build_document

    header = split_header(text.replace("\r\n", "\n").lstrip("\ufeff"))
    meta = metadata_from_header(header.fields)
    try:
        yield build_document(source, header.text, settings, **meta)
    except InputError as error:
        yield error


def _read_html(source: str, raw: bytes, settings: Settings) -> Iterator[Document | InputError]:
    text = _decode(source, raw)
    if isinstance(text, InputError):
        yield text
        return
    url = source if source.startswith(("http://", "https://")) else None
    try:
        yield read_html(source, text, settings, url=url)
    except InputError as error:
        yield error


def _read_jsonl(source: str, raw: bytes, settings: Settings) -> Iterator[Document | InputError]:
    text = _decode(source, raw)
    if isinstance(text, InputError):
        yield text
        return
    yield from read_jsonl(source, text, settings)


def _read_feed(source: str, raw: bytes, settings: Settings) -> Iterator[Document | InputError]:
    def fetch_article(link: str) -> Document:
        fetched = fetch_url(link, settings)
        for item in _read_fetched(link, fetched, settings):
            if isinstance(item, InputError):
                raise item
            return item
        raise InputError(link, "no article found")

    yield from read_feed(source, raw, settings, fetch_article)


READERS: dict[str, Reader] = {
    "text": _read_text,
    "html": _read_html,
    "jsonl": _read_jsonl,
    "feed": _read_feed,
}


def _read_fetched(
    url: str, fetched: Fetched, settings: Settings
) -> Iterator[Document | InputError]:
    accepted = ("text/html", "application/xhtml+xml", "text/plain", "")
    is_feed = (
        "xml" in fetched.content_type
        or "rss" in fetched.content_type
        or "atom" in fetched.content_type
    )
    if fetched.content_type not in accepted and not is_feed:
        yield InputError(url, f"not HTML ({fetched.content_type})")
        return
    suffix = ".txt" if fetched.content_type == "text/plain" else ""
    for item in read_bytes(
        url, fetched.body, settings, suffix=suffix, content_type=fetched.content_type
    ):
        if isinstance(item, Document) and item.url in (None, url):
            # After redirects the final address is where the article really lives.
            item = item.model_copy(update={"url": fetched.url})
        yield item


def _read_url(url: str, settings: Settings) -> Iterator[Document | InputError]:
    try:
        fetched = fetch_url(url, settings)
    except InputError as error:
        yield error
        return
    yield from _read_fetched(url, fetched, settings)
