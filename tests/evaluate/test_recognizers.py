"""The Recognizers-Text yardstick: its scope rule and value readers, on cases we write."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from presswatch.evaluate.recognizers import (
    number_in_scope,
    range_in_scope,
    score_durations,
    score_numbers,
    score_ranges,
    timex_months,
)


@pytest.mark.parametrize(
    ("text", "inside"),
    [
        ("1,234,567", True),
        ("two hundred and five", True),
        ("half a million", True),
        ("-1", False),
        ("1e10", False),
        ("3/4", False),
        ("five eighths", False),
        ("10k", False),
        ("1 234 567", False),
        ("two hundred point zero three", False),
    ],
)
def test_number_scope_is_decided_by_the_written_form(text: str, inside: bool) -> None:
    assert number_in_scope(text) is inside


@pytest.mark.parametrize(
    ("text", "inside"),
    [
        ("more than thirty", True),
        ("between 20 and 30", True),
        ("1000-5000", True),
        ("up to 700", True),
        ("above 1000 and below 1500", False),
        (">= 30", False),
        ("equal to 20", False),
    ],
)
def test_range_scope_is_one_bound_or_one_range(text: str, inside: bool) -> None:
    assert range_in_scope(text) is inside


def test_timex_reads_date_parts_in_months_and_leaves_clock_parts_out() -> None:
    assert timex_months("P1Y") == pytest.approx(12)
    assert timex_months("P1.5Y") == pytest.approx(18)
    assert timex_months("P2W") == pytest.approx(0.46, abs=0.01)
    assert timex_months("PT3H") is None


def _spec(tmp_path: Path, name: str, cases: list[dict[str, object]]) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(cases), encoding="utf-8")
    return path


def test_scores_count_passes_and_failures_within_scope(tmp_path: Path) -> None:
    numbers = _spec(
        tmp_path,
        "n.json",
        [
            {"Input": "x", "Results": [{"Text": "forty-eight", "Resolution": {"value": "48"}}]},
            {"Input": "x", "Results": [{"Text": "two dozen", "Resolution": {"value": "25"}}]},
            {"Input": "x", "Results": [{"Text": "-4", "Resolution": {"value": "-4"}}]},
            {"Input": "x", "Results": []},
        ],
    )
    tally = score_numbers(numbers)
    assert (tally.total, tally.in_scope, tally.passed) == (4, 2, 1)
    ranges = _spec(
        tmp_path,
        "r.json",
        [
            {"Input": "x", "Results": [{"Text": "over 30", "Resolution": {"value": "(30,)"}}]},
            {"Input": "x", "Results": [{"Text": "up to 30", "Resolution": {"value": "[30,)"}}]},
        ],
    )
    assert score_ranges(ranges).passed == 1
    durations = _spec(
        tmp_path,
        "d.json",
        [
            {"Input": "x", "Results": [{"Text": "two weeks", "Value": {"Timex": "P2W"}}]},
            {"Input": "x", "Results": [{"Text": "3 hours", "Value": {"Timex": "PT3H"}}]},
        ],
    )
    tally = score_durations(durations)
    assert (tally.in_scope, tally.passed) == (1, 1)
