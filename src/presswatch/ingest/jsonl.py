"""JSON Lines and JSON files: articles as objects with text, title, url, published, outlet."""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from presswatch.errors import InputError
from presswatch.ingest.dates import parse_date
from presswatch.ingest.documents import build_document
from presswatch.ingest.text import UndecodableText, decode_bytes
from presswatch.model import Document
from presswatch.settings import Settings

# Field names exporters use for the same thing, in order of preference.
TEXT_FIELDS = ("text", "content", "body", "article", "maintext")
DATE_FIELDS = ("published", "date", "published_at", "date_publish", "pubdate")
# A JSON file may wrap its articles in one of these lists.
LIST_FIELDS = ("articles", "items", "documents", "data", "results")


# A file misnamed .jsonl (or a binary one) would give an error for every line; past
# this many, the rest of a file's bad lines are counted in one closing error.
NAMED_BAD_LINES = 20
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def read_jsonl(
    source: str, raw: bytes, settings: Settings, charset: str | None = None
) -> Iterator[Document | InputError]:
    """Each good line is a document; a bad line is an error naming its line number.

    Lines are decoded one by one, so a line of bad bytes costs that line, not the file.
    """
    bad = 0
    for number, line in enumerate(_decoded_lines(raw, charset), start=1):
        if isinstance(line, str) and not line.strip():
            continue
        where = f"{source}:{number}"
        item = _line_article(where, line, settings)
        if isinstance(item, InputError):
            bad += 1
            if bad > NAMED_BAD_LINES:
                continue
        yield item
    if bad > NAMED_BAD_LINES:
        yield InputError(source, f"{bad - NAMED_BAD_LINES} more bad lines skipped ({bad} in all)")


@dataclass(frozen=True)
class UndecodableLine:
    reason: str


def _line_article(
    where: str, line: str | UndecodableLine, settings: Settings
) -> Document | InputError:
    """One line as a Document, or the one-line reason it is not one."""
    if isinstance(line, UndecodableLine):
        return InputError(where, line.reason)
    try:
        # Not strict: a raw tab or NUL inside a string value, which careless exporters
        # write, costs nothing (cleaning removes the invisible ones) and the line is read.
        item = json.loads(line, strict=False)
    except json.JSONDecodeError as error:
        if "\x00" in line:
            # NULs outside any string: a zero-filled block from an interrupted write.
            return InputError(where, "NUL bytes in the line (not JSON)")
        return InputError(where, f"not JSON ({error.msg})")
    return _article(where, item, settings)


def _decoded_lines(raw: bytes, charset: str | None) -> Iterator[str | UndecodableLine]:
    """The file's lines as text, each decoded on its own; an error for a line that is not.

    JSON Lines are UTF-8, and a file that is UTF-8 but for a few corrupt lines loses only
    those. A file that is wholly in another encoding (UTF-16 with its BOM, a declared
    charset, or a legacy code page with no UTF-8 line at all) is decoded as a whole.
    Lines end at "\n" only: U+2028 inside a JSON string is text, not a line break.
    """
    raw = raw.removeprefix(b"\xef\xbb\xbf")
    lines = raw.split(b"\n")
    if _in_one_other_encoding(raw, lines, charset):
        try:
            yield from decode_bytes(raw, charset).split("\n")
            return
        except UndecodableText:
            pass  # no encoding fits the whole: each line is judged as UTF-8 below
    for line in lines:
        yield _utf8_line(line)


def _utf8_line(line: bytes) -> str | UndecodableLine:
    """A line as UTF-8 text; surrogates encoded as bytes are let through for repair."""
    try:
        # Java's modified UTF-8, CESU-8 and Python's surrogatepass write surrogate halves
        # as bytes; they decode to halves that build_document pairs up or replaces, and
        # counts, as it does for the "\ud800" escapes of JSON itself.
        return line.decode("utf-8", "surrogatepass")
    except UnicodeDecodeError as error:
        byte = error.object[error.start]
        return UndecodableLine(f"not UTF-8 (byte 0x{byte:02x} at column {error.start + 1})")


def _in_one_other_encoding(raw: bytes, lines: list[bytes], charset: str | None) -> bool:
    if raw.startswith(_UTF16_BOMS):
        return True
    if charset and _codec(charset) not in ("utf-8", None):
        return True
    non_ascii = [line for line in lines if not line.isascii()]
    return bool(non_ascii) and all(
        isinstance(_utf8_line(line), UndecodableLine) for line in non_ascii
    )


def _codec(charset: str) -> str | None:
    try:
        return codecs.lookup(charset).name
    except LookupError:
        return None  # a charset no one knows declares nothing


def read_json(source: str, text: str, settings: Settings) -> Iterator[Document | InputError]:
    """A JSON file holding one article, a list of them, or {"articles": [...]}."""
    try:
        data = json.loads(text, strict=False)  # as in read_jsonl: raw tabs in strings are text
    except json.JSONDecodeError as error:
        yield InputError(source, f"not JSON ({error.msg} at line {error.lineno})")
        return
    if isinstance(data, dict):
        wrapped = next((data[k] for k in LIST_FIELDS if isinstance(data.get(k), list)), None)
        if wrapped is None:
            yield _article(source, data, settings)
            return
        data = wrapped
    if not isinstance(data, list):
        yield InputError(source, "JSON is neither an article nor a list of articles")
        return
    for index, item in enumerate(data, start=1):
        yield _article(f"{source}:item {index}", item, settings)


def _article(where: str, item: Any, settings: Settings) -> Document | InputError:
    """One JSON object as a Document, or an error naming where it sits."""
    if not isinstance(item, dict):
        return InputError(where, "not a JSON object")
    body = next((item[k] for k in TEXT_FIELDS if _string(item.get(k))), None)
    if not isinstance(body, str):
        return InputError(where, "no text field")
    published = next((item[k] for k in DATE_FIELDS if _string(item.get(k))), None)
    try:
        return build_document(
            str(item.get("source") or item.get("url") or where),
            body,
            settings,
            title=_string(item.get("title")),
            published=parse_date(published) if isinstance(published, str) else None,
            outlet=_string(item.get("outlet")) or _string(item.get("site_name")),
            author=_author(item.get("author") or item.get("authors")),
            url=_string(item.get("url")),
            language=_string(item.get("language")),
        )
    except InputError as error:
        return InputError(where, error.reason)


def _string(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _author(value: object) -> str | None:
    if isinstance(value, list):
        names = [name for name in (_string(v) for v in value) if name]
        return ", ".join(names) or None
    return _string(value)
