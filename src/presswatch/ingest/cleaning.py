"""Text cleaning shared by every source kind: one newline convention, no invisible characters."""

from __future__ import annotations

import re
import unicodedata

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


def clean_text(text: str) -> str:
    """Normalise newlines and invisible characters; keep paragraphs apart by one blank line."""
    text = _PARAGRAPH_BREAK.sub("\n\n", _LINE_BREAKS.sub("\n", text))
    text = unicodedata.normalize("NFC", _INVISIBLE.sub("", text))
    text = _TRAILING_SPACE.sub("\n", text + "\n")
    text = _MANY_BLANK_LINES.sub("\n\n", text)
    return text.strip()
