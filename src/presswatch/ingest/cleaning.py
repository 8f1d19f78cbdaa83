"""Text cleaning shared by every source kind: one newline convention, no invisible characters."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

# Controls and zero-width characters that carry no text but break offsets and matching.
# C1 controls appear when cp1252 text was once decoded as latin-1; the soft hyphen and
# zero-width characters split words that quote and name matching must see whole. The
# zero-width non-joiner (U+200C) stays: Persian spelling needs it inside words.
_INVISIBLE = re.compile(
    "[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u200b\u200d\u2060\ufeff\ufffe]"
)
_LINE_BREAKS = re.compile("\r\n?|[\u0085\u2028\u000b\u000c]")
_PARAGRAPH_BREAK = re.compile("\u2029")
_TRAILING_SPACE = re.compile(r"[ \t\u00a0]+\n")
_MANY_BLANK_LINES = re.compile(r"\n{3,}")


# Surrogates are halves of a UTF-16 pair and no character on their own: UTF-8 cannot
# encode them, so one left in a text breaks hashing, the store and JSON output. JSON
# ("\ud83d\ude00") and numeric references ("&#55357;&#56832;") can still spell them.
# Two halves side by side in the right order are the character they encode; any other
# half is lost text, replaced by U+FFFD and counted so the document says so.
# Feeds are pre-fixed as bytes, before any item exists to carry a count: an unpaired
# reference becomes this noncharacter (no text uses it, feedparser and lxml keep it),
# which `repair_surrogates` later replaces and counts inside the item's own document.
UNPAIRED_SURROGATE_MARK = "\ufdd0"
_SURROGATES = re.compile(
    f"([\ud800-\udbff])([\udc00-\udfff])|[\ud800-\udfff{UNPAIRED_SURROGATE_MARK}]"
)
_NUMERIC_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,9}));?")
_REPLACEMENT = "\ufffd"


def _replace_surrogates(text: str, pair: Callable[[str], str], lone: str) -> tuple[str, int]:
    """Each correct pair of halves as `pair` of its character, every other half as `lone`."""
    unpaired = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal unpaired
        if match.group(1) is None:
            unpaired += 1
            return lone
        high, low = ord(match.group(1)), ord(match.group(2))
        return pair(chr(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)))

    return _SURROGATES.sub(replace, text), unpaired


def repair_surrogates(text: str) -> tuple[str, int]:
    """The text with surrogate pairs joined and unpaired halves replaced, and their count."""
    if not _SURROGATES.search(text):
        return text, 0  # the common case costs one scan
    return _replace_surrogates(text, lambda character: character, _REPLACEMENT)


def _surrogate_code_point(match: re.Match[str]) -> str:
    code = int(match.group(1), 16) if match.group(1) else int(match.group(2))
    return chr(code) if 0xD800 <= code <= 0xDFFF else match.group(0)


def repair_surrogate_references(
    markup: str, lone: str = f"&#{ord(_REPLACEMENT)};"
) -> tuple[str, int]:
    """Markup whose numeric references to surrogates are repaired, and the unpaired count.

    "&#55357;&#56832;" becomes "&#128512;" (😀); an unpaired reference becomes `lone`.
    Parsers otherwise fail on them (feedparser raises) or turn each half into U+FFFD.
    """
    if "&#" not in markup:
        return markup, 0
    halves = _NUMERIC_REFERENCE.sub(_surrogate_code_point, markup)
    return _replace_surrogates(halves, lambda character: f"&#{ord(character)};", lone)


def surrogate_warnings(unpaired: int) -> list[str]:
    """The document warning for surrogates replaced, none when there were none."""
    if not unpaired:
        return []
    return [f"{unpaired} unpaired surrogate{'s' if unpaired > 1 else ''} replaced"]


class SurrogateCount:
    """Repairs the surrogates of each string it is given and counts the unpaired ones."""

    def __init__(self) -> None:
        self.unpaired = 0

    def __call__(self, text: str) -> str:
        repaired, unpaired = repair_surrogates(text)
        self.unpaired += unpaired
        return repaired


def clean_text(text: str) -> str:
    """Normalise newlines and invisible characters; keep paragraphs apart by one blank line."""
    text = repair_surrogates(text)[0]
    text = _PARAGRAPH_BREAK.sub("\n\n", _LINE_BREAKS.sub("\n", text))
    text = unicodedata.normalize("NFC", _INVISIBLE.sub("", text))
    text = _TRAILING_SPACE.sub("\n", text + "\n")
    text = _MANY_BLANK_LINES.sub("\n\n", text)
    return text.strip()
