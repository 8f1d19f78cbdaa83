"""office_holders.yaml is consistent, and its titles find the holder on a date."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from presswatch.lang.data import OFFICE_HOLDERS, DataFileError
from presswatch.lang.names import name_key, parse_name
from presswatch.lang.offices import holder_on, office_titles


def test_every_office_s_holders_follow_one_another_without_overlap() -> None:
    data = OFFICE_HOLDERS.load()
    assert data.offices
    for office in data.offices:
        for before, after in zip(office.holders, office.holders[1:], strict=False):
            assert before.end is not None and before.end <= after.start, office.id
        for holder in office.holders:
            assert holder.end is None or holder.start < holder.end, (office.id, holder.name)
            assert holder.start <= data.checked, (office.id, holder.name)
            assert name_key(parse_name(holder.name, person=True).name), holder.name


def test_every_title_of_every_office_finds_that_office() -> None:
    data = OFFICE_HOLDERS.load()
    for office in data.offices:
        phrasings = list(office.alone)
        if office.place is not None:
            place = data.places[office.place]
            for title in office.titles:
                phrasings += [f"{place.names[0]}'s {title}", f"{title} of {place.names[0]}"]
                phrasings += [f"{adjective} {title}" for adjective in place.adjectives]
        for phrase in phrasings:
            found = office_titles(f"On Monday the {phrase} spoke.")
            assert [t.office.id for t in found] == [office.id], phrase


def test_a_title_resolves_by_date_and_not_past_the_file_s_horizon() -> None:
    data = OFFICE_HOLDERS.load()
    leader = next(o for o in data.offices if o.id == "IRN.supreme_leader")
    assert holder_on(leader, date(1985, 6, 10)).name == "Ruhollah Khomeini"  # type: ignore[union-attr]
    assert holder_on(leader, date(2025, 2, 8)).name == "Ali Khamenei"  # type: ignore[union-attr]
    assert holder_on(leader, date(1975, 1, 1)) is None  # before the office existed
    later = holder_on(leader, data.checked + timedelta(days=1))
    assert later is not None and later.checked is False
    assert holder_on(leader, data.checked + timedelta(days=data.grace_days + 1)) is None
    pope = next(o for o in data.offices if o.id == "VAT.pope")
    assert holder_on(pope, date(2025, 5, 1)) is None  # between two popes


def test_overlapping_holders_are_an_error() -> None:
    text = (
        "checked: 2025-01-01\ngrace_days: 0\nnot_holder_before: []\nnot_holder_after: []\n"
        "places: {}\noffices:\n  - id: X.pope\n    alone: [Pope]\n    holders:\n"
        "      - {name: Ann Smith, from: 2000-01-01, to: 2010-01-01}\n"
        "      - {name: Bob Jones, from: 2009-01-01}\n"
    )
    with pytest.raises(DataFileError, match="overlap"):
        OFFICE_HOLDERS.parse(text, "office_holders.yaml")


def test_modifiers_and_other_places_denote_no_holder() -> None:
    for text in (
        "the former US president",
        "then-President of France",
        "the Vice President of the United States",
        "the US president-elect",
        "a US president",
        'the "Iranian president"',
        "Iran's first supreme leader",
        "the 16th president of the United States",
        "the most dishonest candidate for president of the United States",
    ):
        assert office_titles(text) == [], text
    [title] = office_titles("Egypt's president")
    assert title.office.id == "EGY.president"
