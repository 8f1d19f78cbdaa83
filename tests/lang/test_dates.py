"""Date expressions made absolute against a publication date (Saturday 8 February 2025)."""

from __future__ import annotations

from datetime import date

import pytest

from presswatch.lang.dates import resolve_date

PUBLISHED = date(2025, 2, 8)  # a Saturday

CASES = [
    ("this morning", "2025-02-08", "2025-02-08", "day"),
    ("today", "2025-02-08", "2025-02-08", "day"),
    ("yesterday", "2025-02-07", "2025-02-07", "day"),
    ("last night", "2025-02-07", "2025-02-07", "day"),
    ("on Saturday", "2025-02-08", "2025-02-08", "day"),
    ("Friday", "2025-02-07", "2025-02-07", "day"),
    ("on Sunday", "2025-02-02", "2025-02-02", "day"),
    ("two days ago", "2025-02-06", "2025-02-06", "day"),
    ("last week", "2025-02-01", "2025-02-07", "week"),
    ("recently", "2025-01-09", "2025-02-08", "approximate"),
    ("last month", "2025-01-01", "2025-01-31", "month"),
    ("in January", "2025-01-01", "2025-01-31", "month"),
    ("last July", "2024-07-01", "2024-07-31", "month"),
    ("last February", "2024-02-01", "2024-02-29", "month"),
    ("in July 2024", "2024-07-01", "2024-07-31", "month"),
    ("on October 6, 2023", "2023-10-06", "2023-10-06", "day"),
    ("7 October 2023", "2023-10-07", "2023-10-07", "day"),
    ("Oct. 7, 2023", "2023-10-07", "2023-10-07", "day"),
    ("December 30", "2024-12-30", "2024-12-30", "day"),
    ("last year", "2024-01-01", "2024-12-31", "year"),
]


@pytest.mark.parametrize(("words", "start", "end", "precision"), CASES)
def test_expression_resolves_against_publication(
    words: str, start: str, end: str, precision: str
) -> None:
    found = resolve_date(words, PUBLISHED)
    assert found is not None
    assert (found.start, found.end, found.precision, found.text) == (start, end, precision, words)


def test_year_wraps_back_for_a_later_month_without_year() -> None:
    found = resolve_date("in November", date(2025, 1, 10))
    assert found is not None and found.start == "2024-11-01"


def test_may_as_a_verb_is_not_a_date() -> None:
    assert resolve_date("they may return", PUBLISHED) is None


def test_relative_words_need_a_publication_date() -> None:
    assert resolve_date("yesterday", None) is None
    absolute = resolve_date("on October 6, 2023", None)
    assert absolute is not None and absolute.start == "2023-10-06"
