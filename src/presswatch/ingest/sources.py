"""Which reader handles a source: files, directories and URLs routed by name and content.

`DETECTORS` is an ordered list of (kind, test); the first test that holds names the
reader in `READERS`. A new source kind is one module plus one line in each, not a branch
in `read_inputs`.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from presswatch.errors import InputError
from presswatch.ingest.feeds import looks_like_feed, read_feed
from presswatch.ingest.fetch import Fetched, fetch_url
from presswatch.ingest.html import declared_charset, read_html
from presswatch.ingest.jsonl import read_json, read_jsonl
from presswatch.ingest.text import UndecodableText, decode_bytes, read_text
from presswatch.model import Document
from presswatch.settings import Settings


@dataclass(frozen=True)
class Payload:
    """Raw bytes of one source with what is known about them before reading."""

    source: str
    raw: bytes
    suffix: str = ""
    content_type: str = ""
    charset: str | None = None
    url: str | None = None


Items = Iterator[Document | InputError]
Reader = Callable[[Payload, Settings], Items]

# Magic numbers of formats that are not text: the reason names what the file is.
BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "application/pdf"),
    (b"\x89PNG", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF8", "image/gif"),
    (b"RIFF", "image/webp or audio/wav"),
    (b"PK\x03\x04", "application/zip"),
    (b"\x1f\x8b", "application/gzip"),
    (b"\x7fELF", "application/x-executable"),
    (b"MZ", "application/x-msdownload"),
    (b"\xd0\xcf\x11\xe0", "application/msword"),
    (b"SQLite format 3", "application/x-sqlite3"),
    (b"ID3", "audio/mpeg"),
)
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
HTML_TYPES = ("text/html", "application/xhtml+xml")
JSONL_TYPES = ("application/x-ndjson", "application/jsonl", "application/x-jsonlines")


def _signature(raw: bytes) -> str | None:
    return next((mime for magic, mime in BINARY_SIGNATURES if raw.startswith(magic)), None)


def _is_binary_format(p: Payload) -> bool:
    return _signature(p.raw) is not None


# Binary formats and BOM-less UTF-16 are full of NUL bytes; a text with a few stray ones
# (a truncated write, a bad export) is still text, and cleaning drops them.
NUL_SHARE_OF_BINARY = 0.01
STRAY_NULS = 4
# Bytes that no text holds in number; with a NUL among them, a share this large is data.
_BINARY_CONTROLS = bytes([*range(0, 9), *range(14, 27), *range(28, 32), 127])
CONTROL_SHARE_OF_BINARY = 0.05


def _holds_nul_bytes(p: Payload) -> bool:
    if p.raw.startswith(_BOMS):
        return False  # UTF-16 announces itself with a BOM
    head = p.raw[:8192]
    if head.count(b"\x00") > max(STRAY_NULS, NUL_SHARE_OF_BINARY * len(head)):
        return True
    controls = len(head) - len(head.translate(None, _BINARY_CONTROLS))
    return b"\x00" in head and controls > CONTROL_SHARE_OF_BINARY * len(head)


def _is_jsonl(p: Payload) -> bool:
    return p.suffix in (".jsonl", ".ndjson") or p.content_type in JSONL_TYPES


def _is_json(p: Payload) -> bool:
    return p.suffix == ".json" or p.content_type == "application/json"


def _is_feed(p: Payload) -> bool:
    if p.suffix in (".rss", ".atom") or "rss" in p.content_type or "atom" in p.content_type:
        return True
    return looks_like_feed(p.raw) and p.suffix not in (".txt", ".md", ".html", ".htm")


def _is_other_xml(p: Payload) -> bool:
    return p.suffix == ".xml" or p.content_type in ("application/xml", "text/xml")


def _is_html(p: Payload) -> bool:
    if p.suffix in (".html", ".htm", ".xhtml") or p.content_type in HTML_TYPES:
        return True
    head = p.raw[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html"))


DETECTORS: tuple[tuple[str, Callable[[Payload], bool]], ...] = (
    ("binary", _is_binary_format),
    # JSON Lines are read line by line, so NUL bytes cost only the lines that hold them.
    ("jsonl", _is_jsonl),
    ("binary", _holds_nul_bytes),
    ("json", _is_json),
    ("feed", _is_feed),
    ("xml", _is_other_xml),
    ("html", _is_html),
    ("text", lambda p: True),
)


def read_inputs(sources: Sequence[str], settings: Settings) -> Items:
    """Documents from every source, in order; an InputError for each that fails."""
    for source in sources:
        if "://" in source:
            yield from read_url(source, settings)
        elif Path(source).is_dir():
            yield from read_directory(Path(source), settings)
        else:
            yield from read_file(Path(source), settings)


def read_directory(folder: Path, settings: Settings) -> Items:
    """Every file under the folder, sorted by path, hidden files and folders skipped.

    A FIFO, device or socket in the folder is one error each (`read_file` refuses it).
    """
    try:
        files = sorted(
            p
            for p in folder.rglob("*")
            if not p.is_dir()
            and not any(part.startswith(".") for part in p.relative_to(folder).parts)
        )
    except OSError as error:
        yield InputError(str(folder), f"unreadable folder ({error.strerror or error})")
        return
    if not files:
        yield InputError(str(folder), "empty folder")
    for path in files:
        # README files describe a folder of articles; they are not articles.
        if path.stem.lower() == "readme":
            continue
        yield from read_file(path, settings)


def read_file(path: Path, settings: Settings) -> Items:
    """One regular file, refused before reading when it is over the size limit."""
    source = str(path)
    try:
        raw = read_regular_file(path, settings.max_file_bytes)
    except InputError as error:
        yield error
        return
    except FileNotFoundError:
        yield InputError(source, "no such file or directory")
        return
    except PermissionError:
        yield InputError(source, "permission denied")
        return
    except OSError as error:
        yield InputError(source, f"unreadable ({error.strerror or error})")
        return
    yield from read_payload(Payload(source, raw, suffix=path.suffix.lower()), settings)


# What a path is when it is not a regular file, by the stat test that says so.
FILE_KINDS: tuple[tuple[Callable[[int], bool], str], ...] = (
    (stat.S_ISFIFO, "FIFO"),
    (stat.S_ISCHR, "character device"),
    (stat.S_ISBLK, "block device"),
    (stat.S_ISSOCK, "socket"),
    (stat.S_ISDIR, "directory"),
)


def _refuse_unless_regular(source: str, mode: int) -> None:
    if not stat.S_ISREG(mode):
        kind = next((name for is_kind, name in FILE_KINDS if is_kind(mode)), "special file")
        raise InputError(source, f"not a regular file ({kind})")


def read_regular_file(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; InputError for anything else.

    A FIFO would block the batch until a writer came, and a device such as /dev/zero
    reports size 0 and never ends: only regular files are opened, and the bytes read,
    not the size reported, are held to the limit.
    """
    source = str(path)
    status = os.stat(path)
    _refuse_unless_regular(source, status.st_mode)
    if status.st_size > limit:
        raise InputError(source, f"too large ({status.st_size} bytes > {limit})")
    # The path may be swapped for a FIFO after the check: O_NONBLOCK keeps open() from
    # waiting for a writer, and fstat judges what was actually opened.
    with os.fdopen(os.open(path, os.O_RDONLY | os.O_NONBLOCK), "rb") as file:
        _refuse_unless_regular(source, os.fstat(file.fileno()).st_mode)
        raw = file.read(limit + 1)
    if len(raw) > limit:
        raise InputError(source, f"too large (over {limit} bytes)")
    return raw


def read_payload(payload: Payload, settings: Settings) -> Items:
    """Route raw bytes to the reader their name, declared type or content calls for."""
    if not payload.raw.strip():
        yield InputError(payload.source, "empty")
        return
    kind = next(name for name, detect in DETECTORS if detect(payload))
    yield from READERS[kind](payload, settings)


def _decode(p: Payload) -> str | InputError:
    try:
        return decode_bytes(p.raw, p.charset)
    except UndecodableText as error:
        return InputError(p.source, str(error))


def _read_binary(p: Payload, settings: Settings) -> Items:
    yield InputError(p.source, f"binary file ({_signature(p.raw) or 'not text'})")


def _read_other_xml(p: Payload, settings: Settings) -> Items:
    yield InputError(p.source, "XML but not an RSS or Atom feed")


def _read_text(p: Payload, settings: Settings) -> Items:
    text = _decode(p)
    if isinstance(text, InputError):
        yield text
        return
    try:
        yield read_text(p.source, text, settings)
    except InputError as error:
        yield error


def _read_html(p: Payload, settings: Settings) -> Items:
    # The HTTP header's charset outranks the page's own <meta> (as browsers do).
    text = _decode(Payload(p.source, p.raw, charset=p.charset or declared_charset(p.raw)))
    if isinstance(text, InputError):
        yield text
        return
    try:
        yield read_html(p.source, text, settings, url=p.url)
    except InputError as error:
        yield error


def _read_jsonl(p: Payload, settings: Settings) -> Items:
    yield from read_jsonl(p.source, p.raw, settings, charset=p.charset)


def _read_json(p: Payload, settings: Settings) -> Items:
    text = _decode(p)
    yield from [text] if isinstance(text, InputError) else read_json(p.source, text, settings)


def _read_feed(p: Payload, settings: Settings) -> Items:
    def fetch_article(link: str) -> Document:
        """The article behind a feed item's link, under the same URL rules as any input."""
        for item in read_url(link, settings):
            if isinstance(item, InputError):
                raise item
            return item
        raise InputError(link, "no article found")

    yield from read_feed(p.source, p.raw, settings, fetch_article, base_url=p.url)


READERS: dict[str, Reader] = {
    "binary": _read_binary,
    "jsonl": _read_jsonl,
    "json": _read_json,
    "feed": _read_feed,
    "xml": _read_other_xml,
    "html": _read_html,
    "text": _read_text,
}

# What a fetched URL may serve: pages, plain text, feeds and article JSON.
FETCHABLE_TYPES = (*HTML_TYPES, "text/plain", "", *JSONL_TYPES, "application/json")


def read_fetched(url: str, fetched: Fetched, settings: Settings) -> Items:
    """Documents from a fetched response; refused when it is not a kind we read."""
    kind = fetched.content_type
    is_feed = "xml" in kind or "rss" in kind or "atom" in kind
    if kind not in FETCHABLE_TYPES and not is_feed:
        yield InputError(url, f"not HTML ({kind})")
        return
    payload = Payload(
        url,
        fetched.body,
        suffix=".txt" if kind == "text/plain" else "",
        content_type=kind,
        charset=fetched.charset,
        url=fetched.url,
    )
    yield from read_payload(payload, settings)


def read_url(url: str, settings: Settings) -> Items:
    """A URL fetched under the limits of `settings`: a page, or every item of a feed."""
    try:
        fetched = fetch_url(url, settings)
    except InputError as error:
        yield error
        return
    yield from read_fetched(url, fetched, settings)
