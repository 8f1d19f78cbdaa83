"""Date expressions made absolute against a report's publication date.

"this morning", "on Saturday", "last week", "recently", "last July", "in July 2024",
"on October 6, 2023", "two days ago" → an `EventDate` with start, end, the words that gave
it and how precise it is. Relative words live in data/relative_dates.yaml.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from presswatch.lang.data import RELATIVE_DATES, RelativeDates, RelativeDay
from presswatch.model import DatePrecision, EventDate

# "7 October 2023", and as titles write it, "11 /Feb/ 2025" or "11-Feb-2025".
_DAY_MONTH_YEAR = re.compile(
    r"\b(\d{1,2})(?:st|nd|rd|th)?(?:\s+of\s+|\s+|\s*[/-]\s*)([A-Za-z]{3,9})\.?,?(?:\s+|\s*[/-]\s*)(\d{4})\b"
)
_MONTH_DAY_YEAR = re.compile(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b")
_MONTH_DAY = re.compile(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b")
_DAY_MONTH = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([A-Za-z]{3,9})\b")
_MONTH_YEAR = re.compile(r"\b([A-Za-z]{3,9})\.?\s+(\d{4})\b")
_YEAR = re.compile(r"\b(19\d{2}|20\d{2})\b")
_AGO = re.compile(r"\b(\w+)\s+(days?|weeks?|months?|years?)\s+ago\b")


def _table() -> RelativeDates:
    return RELATIVE_DATES.load()


def is_relative_day(word: str) -> bool:
    """One word that dates an event against publication ("recently", "yesterday")."""
    return word.lower() in _table().days


def month_number(word: str) -> int | None:
    table = _table()
    lowered = word.lower().rstrip(".")
    if lowered in table.months:
        return table.months.index(lowered) + 1
    value = table.month_abbreviations.get(lowered)
    return int(value) if value is not None else None


def _day(value: date, text: str, precision: DatePrecision = "day") -> EventDate:
    return EventDate(start=value.isoformat(), end=value.isoformat(), text=text, precision=precision)


def _range(start: date, end: date, text: str, precision: DatePrecision) -> EventDate:
    return EventDate(start=start.isoformat(), end=end.isoformat(), text=text, precision=precision)


def _month(year: int, month: int, text: str) -> EventDate:
    last = calendar.monthrange(year, month)[1]
    return _range(date(year, month, 1), date(year, month, last), text, "month")


def _shift_month(anchor: date, months: int) -> tuple[int, int]:
    index = anchor.year * 12 + anchor.month - 1 + months
    return index // 12, index % 12 + 1


def resolve_date(text: str, published: date | None) -> EventDate | None:
    """The absolute date a date expression stands for, or None when it names none."""
    lowered = " ".join(text.lower().split())
    table = _table()
    for pattern in (_DAY_MONTH_YEAR, _MONTH_DAY_YEAR):
        match = pattern.search(text)
        if match:
            groups = match.groups()
            day, month_word = (
                (groups[0], groups[1]) if pattern is _DAY_MONTH_YEAR else (groups[1], groups[0])
            )
            month = month_number(month_word)
            if month:
                try:
                    return _day(date(int(groups[2]), month, int(day)), text)
                except ValueError:
                    return None
    match = _MONTH_YEAR.search(text)
    if match and month_number(match.group(1)):
        return _month(int(match.group(2)), month_number(match.group(1)) or 1, text)
    if published is None:
        year = _YEAR.search(text)
        if year and len(lowered.split()) <= 3:
            value = int(year.group(1))
            return _range(date(value, 1, 1), date(value, 12, 31), text, "year")
        return None
    for phrase, rule in sorted(table.days.items(), key=lambda item: -len(item[0])):
        if re.search(rf"\b{re.escape(phrase)}\b", lowered):
            return _relative(rule, published, text)
    match = _AGO.search(lowered)
    if match:
        count = table.numbers.get(match.group(1)) or (
            int(match.group(1)) if match.group(1).isdigit() else None
        )
        if count is not None:
            offset = count * table.units[match.group(2)]
            precision: DatePrecision = "day" if match.group(2).startswith("day") else "approximate"
            return _day(published - timedelta(days=offset), text, precision)
    for number, weekday in enumerate(table.weekdays):
        if re.search(rf"\b{weekday}\b", lowered):
            back = (published.weekday() - number) % 7
            if "next" in lowered:
                back -= 7
            return _day(published - timedelta(days=back), text)
    for pattern in (_MONTH_DAY, _DAY_MONTH):
        match = pattern.search(text)
        if match:
            first, second = match.groups()
            day, month_word = (second, first) if pattern is _MONTH_DAY else (first, second)
            month = month_number(month_word)
            if month and day.isdigit():
                in_year = (
                    published.year
                    if (month, int(day)) <= (published.month, published.day)
                    else (published.year - 1)
                )
                try:
                    return _day(date(in_year, month, int(day)), text)
                except ValueError:
                    return None
    words = lowered.replace(",", " ").split()
    for position, word in enumerate(words):
        month = month_number(word)
        if month is None:
            continue
        before = words[position - 1] if position else ""
        if word in table.ambiguous_months and before not in (
            "in",
            "last",
            "early",
            "late",
            "mid",
        ):
            continue  # "may" and "march" are verbs far more often than months
        # A month without a year is its latest occurrence up to publication; "last" +
        # the current month means a year ago.
        same_or_later = month > published.month or (month == published.month and before == "last")
        return _month(published.year - 1 if same_or_later else published.year, month, text)
    year = _YEAR.search(text)
    if year:
        value = int(year.group(1))
        return _range(date(value, 1, 1), date(value, 12, 31), text, "year")
    return None


def _relative(rule: RelativeDay, published: date, text: str) -> EventDate:
    if rule.month is not None:
        year, month = _shift_month(published, rule.month)
        return _month(year, month, text)
    if rule.year is not None:
        value = published.year + rule.year
        return _range(date(value, 1, 1), date(value, 12, 31), text, "year")
    start = published + timedelta(days=rule.days or 0)
    return _range(start, start + timedelta(days=rule.span - 1), text, rule.precision)


def iso_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
