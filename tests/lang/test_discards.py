"""The discard list: sport and entertainment sentences and stories code no events."""

from __future__ import annotations

from presswatch.lang.discards import DiscardList, discard_list

LIST = DiscardList.from_data(
    [["goalkeep", "sentence", False], ["group f", "sentence", True], ["world cup", "story", False]]
)


def test_a_stem_finds_the_words_that_begin_with_it() -> None:
    assert LIST.phrase_in("The Goalkeeping coach attacked the referee.") == "goalkeep"


def test_a_whole_word_phrase_needs_the_word_to_end() -> None:
    assert LIST.phrase_in("Group F met in Paris.") == "group f"
    assert LIST.phrase_in("Group Five met in Paris.") is None


def test_a_phrase_inside_a_word_is_not_found() -> None:
    assert LIST.phrase_in("The Hungoalkeeper met the minister.") is None


def test_a_story_phrase_marks_every_sentence_of_the_report() -> None:
    story = "France beat Brazil. The World Cup final was in Qatar."
    assert LIST.phrase_in("France beat Brazil.", story) == "world cup"
    assert LIST.phrase_in("France beat Brazil.", "France beat Brazil in a friendly.") is None


def test_the_shipped_list_discards_sport_and_keeps_politics() -> None:
    discards = discard_list()
    assert discards.phrase_in("Manchester United beat Chelsea 2-1 on Saturday.") is not None
    assert discards.phrase_in("Iran's foreign minister met his Omani counterpart.") is None
