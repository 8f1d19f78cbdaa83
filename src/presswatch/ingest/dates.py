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


# An ISO date with an optional time and zone: "2025-02-12", "2025-02-12T09:30:00+03:30".
_ISO_STAMP = re.compile(
    r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?(?!\S)"
)
_WORD = re.compile(r"\S+")
# The first word of a written date: a number, a month or a weekday ("12", "Feb.",
# "Wednesday,").
_DATE_OPENING = re.compile(
    r"^(?:\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)"
    r"[a-z]*\.?,?$)",
    re.IGNORECASE,
)
# What makes numbers a date: a month's name, or numbers joined by / . - ("8/2/2025");
# "2025 12" is two numbers.
_WRITTEN_DATE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\d[/.-]\s*\d",
    re.IGNORECASE,
)
# A written date is at most this many words ("Wednesday, 12 February 2025, 09:30 GMT").
_LONGEST_DATE_WORDS = 8


def leading_date(value: str) -> int | None:
    """How many characters at the start of `value` are one whole written date, or None.

    "2025-02-12 TEHRAN – In a landmark meeting …" gives 10: the date is a header value,
    and the dateline after it belongs to the article's text.
    """
    iso = _ISO_STAMP.match(value)
    if iso:
        return iso.end() if parse_date(iso.group(0)) else None
    words = list(_WORD.finditer(value[:120]))[:_LONGEST_DATE_WORDS]
    if not words or not _DATE_OPENING.match(words[0].group(0)):
        return None  # dateparser reads "The 2025 12." as a date; no written date opens so
    # The longest prefix first: "12 February 2025" must not stop at "12 February". A date
    # ends on a number (day, year, time); dateparser also accepts "February 12, 2025 In",
    # and that "In" opens the article.
    for word in reversed(words):
        ends_on_number = any(c.isdigit() for c in word.group(0))
        written = value[: word.end()].rstrip(",;")
        if ends_on_number and _WRITTEN_DATE.search(written) and parse_date(written) is not None:
            return word.end()
    return None
