"""CAMEO actor codes for names and noun phrases, dated by the report."""

from __future__ import annotations

from presswatch.lang.actor_codes import (
    ActorCodebook,
    actor_codebook,
    combine,
    known_names,
    name_words,
)

BOOK = ActorCodebook.from_data(
    actors=[
        [["iran", "iranian", "tehran"], "IRN", []],
        [["lebanon", "lebanese"], "LBN", []],
        [
            ["ali khamenei", "ayatollah khamenei", "khamenei"],
            None,
            [["IRNGOV", "1981-10-13", "1989-08-03"], ["IRNGOV", "1989-06-04", None]],
        ],
        [["leader of the opposition"], None, [["IRNOPP", None, "2000-01-01"]]],
    ],
    groups=[[["hezbollah"], "LBNREB", []]],
    agents=[["foreign minister", "~GOV"], ["minister", "~GOV"], ["militants", "~REB"]],
)


def code(book: ActorCodebook, text: str, day: str | None = None) -> str | None:
    found = book.code(text, day)
    return found.code if found else None


def test_a_country_word_and_an_agent_noun_make_one_code() -> None:
    found = BOOK.code("the Iranian foreign minister")
    assert found is not None and found.code == "IRNGOV"
    assert found.names == ("iran", "foreign minister")


def test_an_agent_without_a_country_codes_nobody() -> None:
    assert BOOK.code("the foreign minister") is None
    assert BOOK.code("militants") is None


def test_a_persons_code_is_the_one_that_held_on_the_reports_date() -> None:
    assert code(BOOK, "Ayatollah Khamenei", "2025-02-08") == "IRNGOV"
    assert BOOK.code("Khamenei", "1975-01-01") is None
    assert BOOK.code("leader of the opposition", "2010-01-01") is None
    assert code(BOOK, "leader of the opposition", "1999-01-01") == "IRNOPP"


def test_the_most_specific_name_wins_over_a_country_before_it() -> None:
    assert code(BOOK, "Lebanon's Hezbollah") == "LBNREB"


def test_names_are_read_with_accents_folded_and_possessives_dropped() -> None:
    assert name_words("Khāmenei’s office, Tehran.") == ("khamenei", "office", "tehran")


def test_agent_codes_are_not_added_twice() -> None:
    assert combine("IRNGOV", "~GOV") == "IRNGOV"
    assert combine("IRN", "NGO~") == "NGOIRN"


def test_the_shipped_dictionaries_code_actors_of_a_2025_report() -> None:
    book = actor_codebook()
    assert code(book, "Ayatollah Khamenei", "2025-02-08") == "IRNGOV"
    assert code(book, "Hamas", "2025-02-08") == "PSEREBHMS"
    assert code(book, "Palestinian militants", "2025-02-08") == "PSEUAF"
    assert code(book, "Israeli police") == "ISRCOP"


def test_known_names_list_each_dated_actor_once_with_its_aliases() -> None:
    now = {k.name: k for k in known_names("2025-02-08")}
    hamas = now["hamas"]
    assert hamas.kind == "group" and hamas.code == "PSEREBHMS"
    assert "islamic resistance movement" in hamas.aliases and "hamas" in hamas.aliases
    assert not any(k.kind == "agent" for k in now.values())
    # A person's code follows the date; one without a code on that day is left out.
    assert len(known_names("1950-01-01")) < len(now)
