"""Publication dates from the loose forms found in headers, titles and feeds."""

from __future__ import annotations

import re
import warnings
from datetime import date, datetime

import dateparser

# A publication date is absolute: "3 hours ago" or "12 February" (no year) would be read
# against the day presswatch runs, which is wrong for every archived article.
_SETTINGS = {
    "PREFER_DAY_OF_MONTH": "first",
    "RETURN_AS_TIMEZONE_AWARE": False,
    "PARSERS": ["custom-formats", "absolute-time"],
    "REQUIRE_PARTS": ["month", "year"],
}
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
# A date written inside a title: "… - 8 /Feb/ 2025", "… (Feb 8, 2025)", "… | 2025-02-08".
_TITLE_DATE = re.compile(
    r"(\d{1,2}\s*[/.\- ]\s*[A-Za-z]{3,9}\.?\s*[/.\- ]\s*\d{4}"
    r"|[A-Za-z]{3,9}\.?\s+\d{1,2},?\s+\d{4}"
    r"|\d{4}-\d{2}-\d{2}"
    r"|\d{1,2}/\d{1,2}/\d{4})"
)


def parse_date(value: str) -> str | None:
    """An ISO date (YYYY-MM-DD) for a written date, or None when it is not one."""
    value = value.strip()
    iso = _ISO.match(value)
    if iso:
        try:
            return date(int(iso[1]), int(iso[2]), int(iso[3])).isoformat()
        except ValueError:
            return None
    if not _YEAR.search(value) or len(value) > 60:
        return None  # without a written year, dateparser guesses one from other digits
    cleaned = re.sub(r"\s*/\s*", " ", value)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        parsed = dateparser.parse(cleaned, languages=["en"], settings=_SETTINGS)
    if not isinstance(parsed, datetime):
        return None
    return parsed.date().isoformat()


def date_in_title(title: str) -> str | None:
    for match in _TITLE_DATE.finditer(title):
        found = parse_date(match.group(0))
        if found:
            return found
    return None
