"""Datelines: "TEHRAN –", "GAZA CITY, Feb 8 (Reuters) -" name where (and when) a report was filed.

A dateline is part of what the outlet published, so it stays in the text; reading it only
adds the place (and a written date) to the document's metadata.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# An upper-case place opening the text, an optional date after a comma, an optional
# agency in brackets, then a dash: "CAIRO/JERUSALEM, Feb 1 (LWS) –".
DATELINE = re.compile(
    r"^\s*([A-Z][A-Z .'-]{2,40}(?:/[A-Z][A-Z .'-]{2,40})*)"  # TEHRAN, CAIRO/JERUSALEM
    r"(?:,\s*([^–—(\n]{3,20}))?"  # , Feb 1
    r"\s*(?:\([^)]{1,20}\)\s*)?[–—-]"  # (LWS) –
)


@dataclass(frozen=True)
class Dateline:
    """The first place a dateline names, title-cased, and its date as written (or None)."""

    place: str
    written_date: str | None


def read_dateline(text: str) -> Dateline | None:
    """The dateline opening `text`, or None when the text opens otherwise."""
    match = DATELINE.match(text)
    if match is None:
        return None
    place = match.group(1).split("/")[0].strip().title()
    written = match.group(2).strip() if match.group(2) else None
    return Dateline(place, written)
