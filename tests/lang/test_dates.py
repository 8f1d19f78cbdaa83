"""Date expressions made absolute against a publication date (Saturday 8 February 2025)."""

from __future__ import annotations

from datetime import date

import pytest

from presswatch.lang.dates import is_relative_day, resolve_date

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


# Phrasings reports date an event with; a title's own spelling of a day among them.
MORE_CASES = [
    ("earlier today", "2025-02-08", "2025-02-08", "day"),
    ("tonight", "2025-02-08", "2025-02-08", "day"),
    ("on Thursday", "2025-02-06", "2025-02-06", "day"),
    ("three days ago", "2025-02-05", "2025-02-05", "day"),
    ("a week ago", "2025-02-01", "2025-02-01", "approximate"),
    ("this week", "2025-02-02", "2025-02-08", "week"),
    ("earlier this month", "2025-01-24", "2025-02-08", "approximate"),
    ("11 /Feb/ 2025", "2025-02-11", "2025-02-11", "day"),
    ("11-Feb-2025", "2025-02-11", "2025-02-11", "day"),
    ("February 8th, 2025", "2025-02-08", "2025-02-08", "day"),
    ("8th of February", "2025-02-08", "2025-02-08", "day"),
    ("the 6th of February, 2025", "2025-02-06", "2025-02-06", "day"),
    ("they said 12 of them", None, None, None),
    ("Feb. 1", "2025-02-01", "2025-02-01", "day"),
    ("in March", "2024-03-01", "2024-03-31", "month"),
    ("in 2019", "2019-01-01", "2019-12-31", "year"),
]


@pytest.mark.parametrize(("words", "start", "end", "precision"), MORE_CASES)
def test_more_phrasings_resolve_or_not(
    words: str, start: str | None, end: str | None, precision: str | None
) -> None:
    found = resolve_date(words, PUBLISHED)
    if start is None:
        assert found is None or found.precision != "day"
        return
    assert found is not None
    assert (found.start, found.end, found.precision) == (start, end, precision)


def test_recently_holds_the_days_before_publication() -> None:
    found = resolve_date("recently", date(2025, 2, 10))
    assert found is not None and found.start is not None and found.end is not None
    assert found.start <= "2025-02-08" <= found.end == "2025-02-10"


def test_one_word_relative_days_are_known() -> None:
    assert is_relative_day("Recently") and is_relative_day("yesterday")
    assert not is_relative_day("quickly")
