from __future__ import annotations

import re

from presswatch.link.quotes import align_quotes, same_statement, similarity
from presswatch.model import Quote, Story
from tests.link.quote_records import corpus


def test_verbatim_and_trimmed_renderings_form_one_group() -> None:
    record = corpus(
        [
            (
                "office",
                "2025-02-08",
                "You overcame the Zionist regime and, in fact, you overcame the United States.",
            ),
            ("daily", "2025-02-08", "You overcame the Zionist regime and, in fact, the U.S."),
            ("desk", "2025-02-10", "You overcame the Zionist regime and the US,"),
        ]
    )
    groups = align_quotes(record)
    assert [g.quotes for g in groups] == [["q1", "q2", "q3"]]
    assert re.fullmatch(r"g[0-9a-f]{10}", groups[0].id) and groups[0].method == "lexical"


def test_a_reworded_translation_sharing_content_words_is_the_same_statement() -> None:
    assert similarity(
        (
            "Fifteen years of resistance by Gaza's people proved that a "
            "nation trusting in God is invincible,"
        ),
        (
            "Fifteen months of resistance by the people of Gaza showed "
            "that a nation relying on God cannot be defeated."
        ),
    ).lexical_match


def test_two_remarks_sharing_only_a_stock_phrase_are_not_aligned() -> None:
    assert (
        same_statement(
            "the Zionist regime has been humiliated before world public opinion.",
            "You overcame the Zionist regime and the US,",
            "lexical",
            {},
        )
        is None
    )


def test_a_two_word_scare_quote_joins_no_group() -> None:
    record = corpus(
        [
            ("office", "2025-02-08", "You overcame the Zionist regime and the United States."),
            ("desk", "2025-02-10", "Zionist regime."),
        ]
    )
    assert align_quotes(record) == []


def test_the_earliest_report_is_first_and_same_day_goes_to_the_fuller_quote() -> None:
    record = corpus(
        [
            ("daily", "2025-02-08", "a nation relying on God cannot be defeated"),
            ("later", "2025-02-09", "a nation relying on God cannot be defeated"),
            (
                "office",
                "2025-02-08",
                (
                    "I welcome you. They said that a nation relying on God "
                    "cannot be defeated. The enemy did not achieve any of its goals."
                ),
            ),
        ]
    )
    (group,) = align_quotes(record)
    assert group.first == "q3"
    assert group.quotes == ["q3", "q1", "q2"]
    assert ["q1", "q2"] in group.renderings


def test_quotes_in_different_stories_are_not_aligned() -> None:
    record = corpus(
        [
            ("office", "2025-02-08", "Our position has not changed and will not change."),
            ("daily", "2024-07-31", "Our position has not changed and will not change."),
        ],
        stories=[Story(id="s1", documents=["d1"]), Story(id="s2", documents=["d2"])],
    )
    assert align_quotes(record) == []


def test_a_long_transcript_quote_joins_the_groups_of_each_sentence_it_holds() -> None:
    record = corpus(
        [
            (
                "office",
                "2025-02-08",
                (
                    "Fifteen months of resistance showed that Gaza cannot be "
                    "defeated. The enemy did not achieve any of its goals in Gaza."
                ),
            ),
            (
                "daily",
                "2025-02-08",
                "Fifteen months of resistance showed that Gaza cannot be defeated.",
            ),
            ("wire", "2025-02-09", "The enemy did not achieve any of its goals in Gaza."),
        ]
    )
    groups = align_quotes(record)
    assert sorted(g.quotes for g in groups) == [["q1", "q2"], ["q1", "q3"]]


def test_quotes_without_a_speaker_are_never_grouped() -> None:
    record = corpus(
        [
            ("a", "2025-02-08", "We will rebuild Gaza within five years."),
            ("b", "2025-02-08", "We will rebuild Gaza within five years."),
        ]
    )
    record.quotes = [Quote(**{**q.model_dump(), "speaker": None}) for q in record.quotes]
    assert align_quotes(record) == []


def test_stances_are_not_statements_to_align() -> None:
    record = corpus(
        [
            ("a", "2025-02-08", "to rebuild Gaza within five years"),
            ("b", "2025-02-08", "to rebuild Gaza within five years"),
        ]
    )
    assert len(align_quotes(record)) == 1
    record.quotes = [Quote(**{**q.model_dump(), "act": "stance"}) for q in record.quotes]
    assert align_quotes(record) == []
