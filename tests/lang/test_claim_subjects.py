"""Subjects of counts read from words alone: groups, sides, places, fact subjects."""

from __future__ import annotations

import pytest

from presswatch.lang.claim_subjects import (
    canonical_place,
    group_of_term,
    side_of,
    subject_facets,
)


@pytest.mark.parametrize(
    ("term", "group"),
    [
        ("killed", "deaths"),
        ("martyrs", "deaths"),
        ("deaths", "deaths"),
        ("death toll", "deaths"),
        ("kill", "deaths"),
        ("wounded", "wounded"),
        ("detainees", "prisoners"),
        ("hostages", "captives"),
        ("budget", None),
    ],
)
def test_any_word_of_a_group_names_the_group(term: str, group: str | None) -> None:
    assert group_of_term(term) == group


@pytest.mark.parametrize(
    ("subject", "place", "side"),
    [
        ("Palestinian prisoners", None, "palestinian"),
        ("people", "israel", "israeli"),
        ("people", "the Strip", "palestinian"),
        ("Israeli hostages", None, "israeli"),
        ("people", "lebanon", "lebanese"),
        ("people", None, None),
        ("Israeli and Palestinian dead", None, None),  # both sides: no one side
    ],
)
def test_who_was_counted_is_a_side(subject: str, place: str | None, side: str | None) -> None:
    assert side_of(subject, place) == side


def test_one_place_under_several_names() -> None:
    assert canonical_place("the Strip") == canonical_place("Gaza Strip") == "gaza"
    assert canonical_place("occupied West Bank") == "west bank"
    assert canonical_place(None) is None


@pytest.mark.parametrize(
    ("phrase", "group", "head", "action", "place"),
    [
        ("Palestinians killed in Gaza", "deaths", "Palestinians", "kill", "gaza"),
        ("martyrs", "deaths", "martyrs", None, None),
        ("death toll in Gaza", "deaths", "toll", None, "gaza"),
        ("Israeli hostages released", "captives", "hostages", "release", None),
        ("people killed", "deaths", "people", "kill", None),
    ],
)
def test_a_fact_subject_is_read_like_a_claim(
    phrase: str, group: str, head: str, action: str | None, place: str | None
) -> None:
    read = subject_facets(phrase)
    assert (read.group, read.head, read.action, read.place) == (group, head, action, place)
