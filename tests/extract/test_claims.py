"""Claims in one report: what a figure counts, who says it, and what is not a claim."""

from __future__ import annotations

from presswatch.model import Claim
from tests.conftest import Analyse


def claims_of(analyse: Analyse, text: str, **meta: str) -> list[Claim]:
    return analyse(text, **meta).claims


def by_text(claims: list[Claim], text: str) -> Claim:
    found = [c for c in claims if c.text == text]
    assert found, f"no claim {text!r} in {[c.text for c in claims]}"
    return found[0]


def test_figure_subject_is_the_counted_noun_with_its_nationality(analyse: Analyse) -> None:
    claims = claims_of(
        analyse,
        "Officials said 1,904 Palestinian prisoners will be freed in exchange for "
        "33 Israeli captives.",
    )
    prisoners = by_text(claims, "1,904")
    assert prisoners.subject == "Palestinian prisoners"
    assert (prisoners.group or "").startswith("prisoners")
    captives = by_text(claims, "33")
    assert captives.subject == "Israeli captives"
    assert (captives.group or "").startswith("captives")


def test_qualifier_words_belong_to_the_figure(analyse: Analyse) -> None:
    claim = by_text(
        claims_of(analyse, "The war has left over 50,000 martyrs in the territory."),
        "over 50,000",
    )
    assert claim.subject == "martyrs"
    assert claim.value.qualifier == ">"
    assert claim.value.amount == 50000
    assert (claim.group or "").startswith("deaths")


def test_people_killed_fall_in_the_deaths_group_through_the_verb(analyse: Analyse) -> None:
    claim = by_text(
        claims_of(analyse, "The bombardment has killed nearly 48,000 people, the ministry said."),
        "nearly 48,000",
    )
    assert claim.subject == "people"
    assert (claim.group or "").startswith("deaths")


def test_percentage_of_homes_counts_homes(analyse: Analyse) -> None:
    claim = by_text(
        claims_of(analyse, "Around 60% of homes in the city were damaged or destroyed."),
        "Around 60%",
    )
    assert claim.subject == "homes"
    assert claim.value.unit == "percent"
    assert claim.value.qualifier == "~"


def test_a_toll_that_passed_a_figure_is_a_lower_bound(analyse: Analyse) -> None:
    claim = by_text(
        claims_of(analyse, "The health ministry said the death toll had passed 47,400."),
        "47,400",
    )
    assert claim.subject == "death toll"
    assert claim.value.qualifier == ">"


def test_claim_inside_a_quote_has_the_quote_speaker(analyse: Analyse) -> None:
    analysis = analyse(
        'Amal Nasser, the agency director, said: "More than 2,000 families have lost '
        'their homes this winter." The agency counts 300 shelters in the area.'
    )
    inside = by_text(analysis.claims, "More than 2,000")
    assert inside.speaker is not None
    speaker = next(a for a in analysis.actors if a.id == inside.speaker)
    assert "Nasser" in speaker.name
    outside = by_text(analysis.claims, "300")
    assert outside.speaker is None  # the outlet's own voice


def test_years_times_ages_and_money_are_not_claims(analyse: Analyse) -> None:
    claims = claims_of(
        analyse,
        "In 2019, a 64-year-old farmer paid $300 for seeds at 10:30 a.m. on page 4 "
        "of the ledger, and called 5550123456 for help.",
    )
    assert claims == []


def test_date_of_a_named_operation_is_a_claim_with_the_event_as_subject(
    analyse: Analyse,
) -> None:
    claims = claims_of(
        analyse,
        "The war began after the attack on October 7, 2023, and the army said on "
        "Saturday that the talks would go on.",
    )
    dates = [c for c in claims if c.value.type == "date"]
    assert len(dates) == 1
    assert dates[0].value.start == "2023-10-07"
    assert dates[0].subject == "attack"


def test_durations_name_what_lasted(analyse: Analyse) -> None:
    claims = claims_of(
        analyse,
        "The war lasted 15 months. Residents spoke of 471 days of war. "
        "Two weeks ago the shops reopened.",
    )
    war = by_text(claims, "15 months")
    assert war.subject == "war"
    assert war.value.months == 15
    days = by_text(claims, "471 days")
    assert days.subject == "war"
    assert days.value.months is not None and 15 < days.value.months < 16
    assert all("ago" not in c.text and c.text != "Two weeks" for c in claims)


def test_a_part_of_a_group_counted_elsewhere_is_not_a_separate_claim(analyse: Analyse) -> None:
    claims = claims_of(
        analyse, "The deal frees 33 Israeli captives, eight of whom Israel says are dead."
    )
    assert [c.text for c in claims] == ["33"]


def test_claim_ids_are_numbered_within_the_document(analyse: Analyse) -> None:
    analysis = analyse("Some 300 homes were destroyed and 1,200 people were displaced.")
    ids = [c.id for c in analysis.claims]
    assert ids == [f"{analysis.document.id}.c{n}" for n in range(1, len(ids) + 1)]
    assert len(ids) == 2
