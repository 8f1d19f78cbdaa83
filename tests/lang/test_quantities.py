"""Normalisation of figures, durations and dates: one row per phrasing."""

from __future__ import annotations

import pytest

from presswatch.lang.quantities import (
    agree,
    compatible,
    describe,
    normalise_date,
    normalise_duration,
    normalise_quantity,
)
from presswatch.model import ClaimValue

INF = None  # no upper bound

QUANTITIES = [
    # phrase, amount, qualifier, upper, unit
    ("48,000", 48000, "=", None, None),
    ("48 thousand", 48000, "=", None, None),
    ("at least 48 thousand", 48000, ">=", None, None),
    ("half a million", 500000, "=", None, None),
    ("a quarter of a million", 250000, "=", None, None),
    ("hundreds of thousands", 200000, ">=", 999999, None),
    ("tens of thousands", 20000, ">=", 99999, None),
    ("thousands", 2000, ">=", 9999, None),
    ("dozens of", 24, ">=", 99, None),
    ("a dozen", 12, "=", None, None),
    ("three-quarters", 0.75, "=", None, None),
    ("nearly 2,000", 2000, "<", 2000, None),
    ("almost 300", 300, "<", 300, None),
    ("close to 90", 90, "<", 90, None),
    ("over 50,000", 50000, ">", None, None),
    ("more than 600,000", 600000, ">", None, None),
    ("upwards of 70", 70, ">", None, None),
    ("in excess of 1,000", 1000, ">", None, None),
    ("at least 33", 33, ">=", None, None),
    ("no fewer than 12", 12, ">=", None, None),
    ("about 1,200", 1200, "~", None, None),
    ("around 60%", 60, "~", None, "percent"),
    ("some 1,200", 1200, "~", None, None),
    ("roughly 60 percent", 60, "~", None, "percent"),
    ("approximately 4.5 million", 4500000, "~", None, None),
    ("an estimated 2 million", 2000000, "~", None, None),
    ("up to 300", 300, "<=", None, None),
    ("as many as 5,000", 5000, "<=", None, None),
    ("fewer than 10", 10, "<", None, None),
    ("less than half a million", 500000, "<", None, None),
    ("under 40", 40, "<", None, None),
    ("between 40 and 50", 40, "=", 50, None),
    ("40-50", 40, "=", 50, None),
    ("40 to 50", 40, "=", 50, None),
    ("40-50 thousand", 40000, "=", 50000, None),
    ("60%", 60, "=", None, "percent"),
    ("60 per cent", 60, "=", None, "percent"),
    ("60 percent", 60, "=", None, "percent"),
    ("forty-eight", 48, "=", None, None),
    ("two hundred and five", 205, "=", None, None),
    ("twenty-five thousand", 25000, "=", None, None),
    ("Fifteen", 15, "=", None, None),
    ("2.5 million", 2500000, "=", None, None),
    ("1.2m", 1200000, "=", None, None),
    ("1,904", 1904, "=", None, None),
]


@pytest.mark.parametrize(("phrase", "amount", "qualifier", "upper", "unit"), QUANTITIES)
def test_quantity_phrasing_normalises(
    phrase: str, amount: float, qualifier: str, upper: float | None, unit: str | None
) -> None:
    value = normalise_quantity(phrase)
    assert value is not None, phrase
    assert value.type == "quantity"
    assert value.amount == pytest.approx(amount)
    assert value.qualifier == qualifier
    assert value.upper == (pytest.approx(upper) if upper is not None else None)
    assert value.unit == unit


DURATIONS = [
    # phrase, months, qualifier
    ("15 months", 15, "="),
    ("Fifteen months", 15, "="),
    ("a year and a half", 18, "="),
    ("over 30 years", 360, ">"),
    ("two weeks", 0.46, "="),
    ("471 days", 15.47, "="),
    ("half a year", 6, "="),
    ("two and a half years", 30, "="),
    ("a decade", 120, "="),
    ("more than two decades", 240, ">"),
    ("15-month", 15, "="),
    ("at least 100 days", 3.29, ">="),
    ("nearly a year", 12, "<"),
    ("about six weeks", 1.38, "~"),
]


@pytest.mark.parametrize(("phrase", "months", "qualifier"), DURATIONS)
def test_duration_phrasing_normalises_to_months(phrase: str, months: float, qualifier: str) -> None:
    value = normalise_duration(phrase)
    assert value is not None, phrase
    assert value.type == "duration"
    assert value.months == pytest.approx(months, abs=0.01)
    assert value.qualifier == qualifier


DATES = [
    ("October 6, 2023", "2023-10-06", "2023-10-06"),
    ("6 October 2023", "2023-10-06", "2023-10-06"),
    ("Oct. 6, 2023", "2023-10-06", "2023-10-06"),
    ("Oct. 6", "--10-06", "--10-06"),
    ("7 Oct", "--10-07", "--10-07"),
    ("October 2023", "2023-10-01", "2023-10-31"),
    ("February 2024", "2024-02-01", "2024-02-29"),
    ("2023-10-07", "2023-10-07", "2023-10-07"),
    ("the 7th of October 2023", "2023-10-07", "2023-10-07"),
]


@pytest.mark.parametrize(("phrase", "start", "end"), DATES)
def test_date_phrasing_normalises_to_iso(phrase: str, start: str, end: str) -> None:
    value = normalise_date(phrase)
    assert value is not None, phrase
    assert (value.start, value.end) == (start, end)


@pytest.mark.parametrize(
    "phrase", ["on Saturday", "last week", "recently", "October 32, 2023", "the ministry"]
)
def test_phrases_that_are_not_calendar_dates_give_none(phrase: str) -> None:
    assert normalise_date(phrase) is None


@pytest.mark.parametrize("phrase", ["the ministry", "half", "many people", "a"])
def test_phrases_without_a_figure_give_none(phrase: str) -> None:
    assert normalise_quantity(phrase) is None


def q(phrase: str) -> ClaimValue:
    value = normalise_quantity(phrase) or normalise_duration(phrase) or normalise_date(phrase)
    assert value is not None, phrase
    return value


@pytest.mark.parametrize(
    ("first", "second", "holds"),
    [
        ("over 50,000", "52,000", True),
        ("over 50,000", "more than 600,000", True),
        ("48,000", "600,000", False),
        ("nearly 48,000", "over 50,000", False),
        ("nearly 2,000", "1,904", True),
        ("1,500", "1,904", False),
        ("about 1,200", "1,300", True),
        ("about 1,200", "1,400", False),
        ("fewer than 10", "3", True),
        ("up to 300", "301", False),
        ("between 40 and 50", "45", True),
        ("hundreds of thousands", "half a million", True),
        ("hundreds of thousands", "48,000", False),
        ("15 months", "471 days", True),
        ("15 months", "a year and a half", False),
        ("October 6, 2023", "October 7, 2023", False),
        ("October 2023", "October 7, 2023", True),
        ("Oct. 7", "October 7, 2023", True),
    ],
)
def test_values_hold_together_under_their_qualifiers(first: str, second: str, holds: bool) -> None:
    assert compatible(q(first), q(second)) is holds
    assert compatible(q(second), q(first)) is holds


def test_lower_bounds_that_overlap_do_not_agree_as_the_same_figure() -> None:
    assert not agree(q("over 50,000"), q("more than 600,000"))
    assert agree(q("over 50,000"), q("over 50,000"))
    assert agree(q("15 months"), q("471 days"))


def test_describe_reads_like_prose() -> None:
    assert describe(q("nearly 48,000")) == "nearly 48,000"
    assert describe(q("over 50,000")) == "over 50,000"
    assert describe(q("60%")) == "60%"
