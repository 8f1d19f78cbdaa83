"""Plain text files: decode any common encoding, lift a metadata header into fields."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import charset_normalizer

from presswatch.extract.lexicon import data_file
from presswatch.ingest.dates import date_in_title, parse_date

_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
# Controls and zero-width characters that carry no text but break offsets and matching.
_INVISIBLE = re.compile(
    "[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b\u200c\u200d\u2060\ufeff]"
)
_TRAILING_SPACE = re.compile(r"[ \t\u00a0]+\n")
_MANY_BLANK_LINES = re.compile(r"\n{3,}")


class UndecodableText(ValueError):
    """Bytes that no text encoding explains."""


def decode_bytes(raw: bytes) -> str:
    """Decode bytes whose encoding is unknown: BOMs first, then UTF-8, then detection."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return raw.decode(encoding)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(raw).best()
    if best is None or _mostly_latin(str(best)):
        # Short Western texts fit many Latin code pages equally well (detection offers
        # cp775 or mac_iceland as readily); cp1252 is the one newsrooms actually produce,
        # so it wins whenever it decodes cleanly.
        try:
            return raw.decode("cp1252")
        except UnicodeDecodeError:
            pass
    if best is None:
        raise UndecodableText("no text encoding fits")
    return str(best)


def _mostly_latin(text: str) -> bool:
    """Whether the non-ASCII letters of a decoding are Latin script (accents, not Arabic)."""
    letters = [c for c in text if c.isalpha() and not c.isascii()]
    if not letters:
        return True
    latin = sum("LATIN" in unicodedata.name(c, "") for c in letters)
    return latin / len(letters) > 0.5


def clean_text(text: str) -> str:
    """Normalise newlines and invisible characters; keep paragraphs apart by one blank line."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _INVISIBLE.sub("", text)
    text = _TRAILING_SPACE.sub("\n", text + "\n")
    text = _MANY_BLANK_LINES.sub("\n\n", text)
    return text.strip()


@dataclass
class TextWithHeader:
    text: str
    fields: dict[str, str] = field(default_factory=dict)


@lru_cache(maxsize=1)
def _header_line() -> re.Pattern[str]:
    keys: dict[str, str] = data_file("metadata_keys.yaml")
    alternatives = "|".join(re.escape(k) for k in sorted(keys, key=len, reverse=True))
    # "Title: …", "date 2025-02-12", "Outlet - Tehran Times"
    return re.compile(rf"^\s*({alternatives})\s*(?::|-|–|\s)\s*(\S.*?)\s*$", re.IGNORECASE)


def split_header(text: str) -> TextWithHeader:
    """Take leading `key: value` lines with known keys as metadata; the rest is the body.

    The header ends at the first blank line or the first line whose key is unknown, so a
    body that opens with "Gaza: …" keeps its first line.
    """
    keys: dict[str, str] = data_file("metadata_keys.yaml")
    lines = text.split("\n")
    fields: dict[str, str] = {}
    consumed = 0
    for index, line in enumerate(lines):
        if not line.strip():
            if fields:
                consumed = index + 1
            break
        match = _header_line().match(line)
        if match is None or len(line) > 300:
            break
        target = keys[match.group(1).lower()]
        value = match.group(2).strip()
        if target == "published" and parse_date(value) is None:
            break  # "Date night in Gaza…" is a sentence, not a header
        fields.setdefault(target, value)
        consumed = index + 1
    if not fields:
        return TextWithHeader(text=text)
    return TextWithHeader(text="\n".join(lines[consumed:]), fields=fields)


def metadata_from_header(fields: dict[str, str]) -> dict[str, str | None]:
    """Header fields as Document fields, the date made ISO; a date in the title is a fallback."""
    published = parse_date(fields["published"]) if "published" in fields else None
    title = fields.get("title")
    if published is None and title:
        published = date_in_title(title)
    return {
        "title": title,
        "published": published,
        "outlet": fields.get("outlet"),
        "author": fields.get("author"),
        "url": fields.get("url"),
        "language": fields.get("language"),
    }
