"""Plain text files: decode any common encoding, lift a metadata header into fields."""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

import charset_normalizer

from presswatch.ingest.dates import date_in_title, leading_date, parse_date
from presswatch.ingest.documents import build_document
from presswatch.lang.data import METADATA_KEYS
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
        # Surrogate halves written as bytes (CESU-8, Java's modified UTF-8) are UTF-8
        # text all the same; build_document pairs them up or replaces them, and counts.
        return raw.decode("utf-8", "surrogatepass")
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
    data = METADATA_KEYS.load()
    fields = {k.lower(): str(v) for k, v in data.keys.items()}
    alternatives = "|".join(re.escape(k) for k in sorted(fields, key=len, reverse=True))
    # "Title: …", "Outlet - Tehran Times", "date 2025-02-12" (the plain space is checked
    # against the bare keys after matching).
    line = re.compile(rf"^\s*({alternatives})(\s*:\s*|\s+[-–—]\s+|\s+)(\S.*?)\s*$", re.IGNORECASE)
    return HeaderKeys(
        fields=fields,
        bare=frozenset(k.lower() for k in data.bare_keys),
        particles=frozenset(w.lower() for w in data.byline_particles),
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


@dataclass(frozen=True)
class HeaderLine:
    """A header key's field and value; `rest` is what the line goes on with (body text)."""

    target: str
    value: str
    rest: str = ""


# How much of a header value is the field's, by the field it fills: a length in
# characters, or None when the value does not read as that field (the line is text).
# The second argument is the separator after the key: ":", a dash, or "" (a bare key).
ValueReader = Callable[[str, str, HeaderKeys], int | None]

_SENTENCE_END = (".", "!", "?", ":", ";")


def _date_value(value: str, separator: str, keys: HeaderKeys) -> int | None:
    found = leading_date(value)
    if found is not None or not separator:
        return found
    # "Published: 3 hours ago" is a date we cannot place in time; it is still the field.
    short = len(value.split()) <= 4 and not value.endswith(_SENTENCE_END)
    return len(value) if short else None


def _author_value(value: str, separator: str, keys: HeaderKeys) -> int | None:
    if not separator and not _looks_like_byline(value, keys.particles):
        return None  # "By noon the square was full" is the article's first sentence
    return _name_value(value, separator, keys)


def _name_value(value: str, separator: str, keys: HeaderKeys) -> int | None:
    """An outlet, author or language: a few words, never a sentence ("Source: officials said …")."""
    if len(value.split()) > 12 or value.endswith(_SENTENCE_END):
        return None
    return len(value)


def _url_value(value: str, separator: str, keys: HeaderKeys) -> int | None:
    first = value.split(maxsplit=1)[0]
    return len(first) if "." in first or "://" in first else None


def _title_value(value: str, separator: str, keys: HeaderKeys) -> int | None:
    if len(value) > 300:
        return None
    # After a dash, a full stop makes a sentence ("Title - the talks ended."); after a
    # colon the whole value is the title, abbreviations included ("… and the U.S.").
    return None if separator != ":" and value.endswith(".") else len(value)


VALUE_READERS: dict[str, ValueReader] = {
    "published": _date_value,
    "updated": _date_value,
    "author": _author_value,
    "outlet": _name_value,
    "language": _name_value,
    "url": _url_value,
    "title": _title_value,
}


def read_header_line(line: str, keys: HeaderKeys) -> HeaderLine | None:
    """The field a header line fills, or None when the line is article text.

    A line is metadata only as far as its value goes: "date 2025-02-12 TEHRAN – In a
    landmark meeting …" gives the date, and "TEHRAN – In a landmark meeting …" stays text.
    """
    match = keys.line.match(line)
    if match is None:
        return None
    key = " ".join(match.group(1).lower().split())
    separator = match.group(2).strip()
    if not separator and key not in keys.bare:
        return None
    target = keys.fields[key]
    value = match.group(3)
    length = VALUE_READERS[target](value, separator, keys)
    if not length:
        return None
    return HeaderLine(target, value[:length].strip(), value[length:].lstrip(" ,;\t"))


def split_header(text: str) -> TextWithHeader:
    """Take leading header lines with known keys as metadata; the rest is the body.

    The header ends at the first blank line, the first line that is not a known key with
    a plausible value, or a line whose value is followed by article text: that text opens
    the body. A body that opens with "Gaza: …" keeps its first line.
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
        found = read_header_line(line, keys)
        if found is None:
            break
        fields.setdefault(found.target, found.value)
        consumed = index + 1
        if found.rest:
            lines[index] = found.rest
            consumed = index
            break
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
