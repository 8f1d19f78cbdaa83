"""Plain text files: decode any common encoding, lift a metadata header into fields."""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import charset_normalizer
import yaml

from presswatch.ingest.dates import date_in_title, parse_date
from presswatch.ingest.documents import build_document
from presswatch.model import Document
from presswatch.settings import Settings

_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


class UndecodableText(ValueError):
    """Bytes that no text encoding explains."""


def decode_bytes(raw: bytes, declared: str | None = None) -> str:
    """Decode bytes: a BOM, then a declared charset that fits, then UTF-8, then detection."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            # A BOM is a declaration; a stray bad byte after it should not lose the file.
            return raw.decode(encoding, errors="replace")
    if declared:
        try:
            # Servers and pages often say latin-1 and mean cp1252 (the WHATWG rule).
            codec = codecs.lookup(declared).name
            codec = "cp1252" if codec in ("latin-1", "iso8859-1", "ascii") else codec
            return raw.decode(codec)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration is common; the bytes themselves decide
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


@dataclass(frozen=True)
class HeaderKeys:
    """The header vocabulary of data/metadata_keys.yaml, compiled once."""

    fields: dict[str, str]
    bare: frozenset[str]
    particles: frozenset[str]
    line: re.Pattern[str]


@lru_cache(maxsize=1)
def header_keys() -> HeaderKeys:
    raw = resources.files("presswatch.data").joinpath("metadata_keys.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(raw)
    fields = {str(k).lower(): str(v) for k, v in data["keys"].items()}
    alternatives = "|".join(re.escape(k) for k in sorted(fields, key=len, reverse=True))
    # "Title: …", "Outlet - Tehran Times", "date 2025-02-12" (the plain space is checked
    # against the bare keys after matching).
    line = re.compile(rf"^\s*({alternatives})(\s*:\s*|\s+[-–—]\s+|\s+)(\S.*?)\s*$", re.IGNORECASE)
    return HeaderKeys(
        fields=fields,
        bare=frozenset(str(k).lower() for k in data.get("bare_keys", [])),
        particles=frozenset(str(w).lower() for w in data.get("byline_particles", [])),
        line=line,
    )


@dataclass
class TextWithHeader:
    text: str
    fields: dict[str, str] = field(default_factory=dict)


def _looks_like_byline(value: str, particles: frozenset[str]) -> bool:
    """Whether "By …" continues with names ("Jane Doe and Ali Reza"), not a sentence."""
    words = [w.strip(",;&") for w in value.split() if w.strip(",;&")]
    if not words or len(words) > 10 or value.rstrip().endswith((".", "!", "?", ":")):
        return False
    named = [w for w in words if w[0].isupper() or w.lower() in particles]
    return len(named) == len(words) and words[0][0].isupper()


def _header_value(line: str, keys: HeaderKeys) -> tuple[str, str] | None:
    """(field, value) when the line is a header line with a known key, else None."""
    if len(line) > 300:
        return None
    match = keys.line.match(line)
    if match is None:
        return None
    key = " ".join(match.group(1).lower().split())
    separator, value = match.group(2), match.group(3).strip()
    target = keys.fields[key]
    if not separator.strip() and key not in keys.bare:
        return None
    bare = not separator.strip()
    if bare and target in ("published", "updated") and parse_date(value) is None:
        return None  # "Date night in Gaza…" is a sentence, not a header
    if (
        target == "author"
        and not separator.strip()
        and not _looks_like_byline(value, keys.particles)
    ):
        return None  # "By noon the square was full" is the article's first sentence
    return target, value


def split_header(text: str) -> TextWithHeader:
    """Take leading header lines with known keys as metadata; the rest is the body.

    The header ends at the first blank line or the first line that is not a known key
    with a plausible value, so a body that opens with "Gaza: …" keeps its first line.
    """
    keys = header_keys()
    lines = text.split("\n")
    fields: dict[str, str] = {}
    consumed = 0
    after_blank = False
    for index, line in enumerate(lines):
        if not line.strip():
            if not fields:
                break
            consumed = index + 1  # blank lines between header and body belong to neither
            after_blank = True
            continue
        if after_blank:
            break
        found = _header_value(line, keys)
        if found is None:
            break
        target, value = found
        fields.setdefault(target, value)
        consumed = index + 1
    if not fields:
        return TextWithHeader(text=text)
    return TextWithHeader(text="\n".join(lines[consumed:]), fields=fields)


def metadata_from_header(fields: dict[str, str]) -> dict[str, str | None]:
    """Header fields as Document fields, the date made ISO; a date in the title is a fallback."""
    published = None
    for key in ("published", "updated"):
        if key in fields and published is None:
            published = parse_date(fields[key])
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


# Endings that make a first line a sentence or a dateline ("TEHRAN –"), not a headline.
_NOT_HEADLINE_END = (".", "!", "?", ",", ";", ":", '"', "\u201d", "\u2019", "-", "\u2013", "\u2014")


def headline(body: str) -> str | None:
    """The first line when it stands alone as a short paragraph that reads as a headline.

    The line stays in the text: a headline is part of what the outlet published, and a
    first line wrongly taken for one then costs nothing.
    """
    first, _, rest = body.lstrip("\n").partition("\n\n")
    first = first.strip()
    if "\n" in first or not rest.strip() or not 10 <= len(first) <= 200:
        return None
    if len(first.split()) < 3 or first.endswith(_NOT_HEADLINE_END) or first[0].islower():
        return None
    return first


def read_text(source: str, text: str, settings: Settings) -> Document:
    """A plain-text article: its header lifted into metadata, its body cleaned.

    Without a Title key, a first line that stands alone like a headline is the title,
    and a date written in it ("… - 8 /Feb/ 2025") is the published date if none is given.
    """
    header = split_header(text.replace("\r\n", "\n").lstrip("\ufeff"))
    fields = dict(header.fields)
    if "title" not in fields:
        found = headline(header.text)
        if found:
            fields["title"] = found
    return build_document(source, header.text, settings, **metadata_from_header(fields))
