"""CAMEO verb patterns on the dependency parse: codes, source and target, pairs, negation."""

from __future__ import annotations

from typing import Any

import pytest
from spacy.language import Language

from presswatch.extract.cameo_verbs import VerbDictionary, VerbEvent, code_span, verb_dictionary


def verb(stem: str, block: str, code: str | None = None, **extra: Any) -> dict[str, Any]:
    return {
        "verb": stem,
        "before": extra.get("before", []),
        "after": extra.get("after", []),
        "forms": extra.get("forms", [stem]),
        "code": code,
        "reverse": extra.get("reverse"),
        "block": block,
        "line": 1,
    }


def pattern(
    code: str | None,
    post: list[Any] | None = None,
    preps: list[dict[str, Any]] | None = None,
    pre: list[Any] | None = None,
    reverse: str | None = None,
    line: int = 10,
) -> dict[str, Any]:
    return {
        "pre": pre or [],
        "pre_preps": [],
        "post": post or [],
        "post_preps": preps or [],
        "code": code,
        "reverse": reverse,
        "line": line,
        "text": "",
    }


# A dictionary written for these tests, in the shape scripts/convert_petrarch.py writes.
SMALL = VerbDictionary.from_data(
    {
        "synsets": {"&AID": ["aid", "assistance", "humanitarian aid"]},
        "verbs": [
            verb("send", "SEND", "070"),
            verb("ask", "ASK", "020"),
            verb("ask", "ASK", "020", after=["for"]),
            verb("meet", "MEET", "040"),
            verb("visit", "VISIT", "042", reverse="043"),
            verb("receive", "RECEIVE"),
            verb("arrest", "ARREST", "173"),
            verb("attack", "ATTACK", "190"),
            verb("say", "SAY", "010"),
        ],
        "patterns": {
            "SEND": [
                pattern("073", post=["&AID"], line=11),
                pattern("154", post=["troops"], preps=[{"prep": "to", "nouns": ["+"]}], line=12),
                pattern(None, post=["postcard"], line=13),
            ],
            "ASK": [pattern("0231", preps=[{"prep": "for", "nouns": [["financial", "aid"]]}])],
            "RECEIVE": [pattern(None, reverse="138", pre=["+"], post=[["death", "threat"]])],
        },
    }
)


def events(nlp: Language, text: str, dictionary: VerbDictionary = SMALL) -> list[VerbEvent]:
    return code_span(nlp(text), dictionary)


def summary(found: list[VerbEvent]) -> list[tuple[str, str | None, str | None]]:
    return [
        (e.code, e.source.text if e.source else None, e.target.text if e.target else None)
        for e in found
    ]


def test_subject_is_the_source_and_object_the_target(nlp: Language) -> None:
    assert summary(events(nlp, "The minister met the ambassador.")) == [
        ("040", "minister", "ambassador")
    ]


def test_a_verb_without_a_matching_pattern_keeps_its_own_code(nlp: Language) -> None:
    assert summary(events(nlp, "Egypt sent a letter to Jordan.")) == [("070", "Egypt", "letter")]


def test_a_post_verb_noun_from_a_synset_gives_the_pattern_code(nlp: Language) -> None:
    # The matched noun is what was sent; the target is the prepositional object.
    assert summary(events(nlp, "Egypt sent humanitarian aid to Jordan.")) == [
        ("073", "Egypt", "Jordan")
    ]


def test_a_marked_target_slot_in_a_prepositional_phrase(nlp: Language) -> None:
    found = events(nlp, "Egypt sent troops to the border with Libya.")
    assert summary(found) == [("154", "Egypt", "border")]
    assert found[0].pattern == 12
    assert [t.text for t in found[0].matched] == ["troops", "to", "border"]


def test_a_pattern_with_a_null_code_codes_nothing(nlp: Language) -> None:
    assert events(nlp, "Egypt sent a postcard to Jordan.") == []


def test_a_phrase_noun_needs_its_modifiers_in_the_phrase(nlp: Language) -> None:
    assert summary(events(nlp, "Egypt asked Israel for financial aid.")) == [
        ("0231", "Egypt", "Israel")
    ]
    assert summary(events(nlp, "Egypt asked Israel for military aid.")) == [
        ("020", "Egypt", "Israel")
    ]


def test_a_multi_word_verb_is_found_with_its_preposition(nlp: Language) -> None:
    found = events(nlp, "Egypt asked for help from Israel.")
    assert [e.code for e in found] == ["020"]


def test_a_paired_code_gives_the_event_the_other_way(nlp: Language) -> None:
    assert summary(events(nlp, "The prime minister visited Moscow.")) == [
        ("042", "minister", "Moscow"),
        ("043", "Moscow", "minister"),
    ]


def test_a_marked_subject_slot_with_a_reverse_code_keeps_the_marked_roles(
    nlp: Language,
) -> None:
    # "+ * {DEATH THREAT} [:138]": the subject is threatened by the one it came from.
    assert summary(events(nlp, "Lebanon received a death threat from the militia.")) == [
        ("138", "militia", "Lebanon")
    ]


def test_a_passive_takes_its_agent_as_the_source(nlp: Language) -> None:
    found = events(nlp, "The protesters were arrested by the police.")
    assert summary(found) == [("173", "police", "protesters")]
    assert found[0].passive


def test_conjoined_subjects_and_objects_give_one_event_per_pair(nlp: Language) -> None:
    found = summary(events(nlp, "Iran and Iraq met Russia and China."))
    assert sorted(found) == [
        ("040", "Iran", "China"),
        ("040", "Iran", "Russia"),
        ("040", "Iraq", "China"),
        ("040", "Iraq", "Russia"),
    ]


def test_a_negated_verb_is_marked_not_dropped(nlp: Language) -> None:
    found = events(nlp, "The president did not meet the delegation.")
    assert summary(found) == [("040", "president", "delegation")]
    assert found[0].negated
    assert events(nlp, "The president never met the delegation.")[0].negated
    assert not events(nlp, "The president met the delegation.")[0].negated


def test_a_controlled_verb_shares_its_governors_subject(nlp: Language) -> None:
    assert ("040", "rebels", "government") in summary(
        events(nlp, "The rebels agreed to meet the government.")
    )


def test_a_reported_clause_is_its_own_event(nlp: Language) -> None:
    found = summary(events(nlp, "The ministry said the army attacked the village."))
    assert found == [("010", "ministry", None), ("190", "army", "village")]


def test_a_date_is_never_the_target(nlp: Language) -> None:
    assert summary(events(nlp, "The agency said on Thursday.")) == [("010", "agency", None)]


def test_words_outside_the_verb_dictionary_code_nothing(nlp: Language) -> None:
    assert events(nlp, "The committee pondered the question.") == []


@pytest.mark.parametrize(
    ("text", "code", "source", "target"),
    [
        ("Foreign Minister Lavrov met with the Iranian ambassador.", "040", "Lavrov", "ambassador"),
        ("The army shelled the town.", "190", "army", "town"),
        ("Egypt asked Israel for financial aid.", "0231", "Egypt", "Israel"),
        ("The government rushed aid to the flood victims.", "070", "government", "victims"),
        ("Rebels fired rockets at the city.", "194", "Rebels", "city"),
    ],
)
def test_the_shipped_dictionary_codes_news_sentences(
    nlp: Language, text: str, code: str, source: str, target: str
) -> None:
    assert (code, source, target) in summary(events(nlp, text, verb_dictionary()))


def test_the_shipped_dictionary_pairs_a_departure_with_its_reception(nlp: Language) -> None:
    found = summary(events(nlp, "The deputy prime minister left for Cairo.", verb_dictionary()))
    assert found == [("042", "minister", "Cairo"), ("043", "Cairo", "minister")]


def test_an_uncoded_entry_of_a_verb_does_not_hide_a_coded_one(nlp: Language) -> None:
    # CAMEO.2.0 lists "abandon" uncoded in one block and 080 in another; no pattern of
    # either matches here, so the verb's coded entry speaks.
    dictionary = VerbDictionary.from_data(
        {
            "synsets": {},
            "verbs": [verb("abandon", "EVACUATE"), verb("abandon", "ABANDON", "080")],
            "patterns": {"EVACUATE": [], "ABANDON": []},
        }
    )
    found = events(nlp, "Egypt abandoned its claims against Jordan.", dictionary)
    assert [e.code for e in found] == ["080"]


def test_an_apposition_with_conjuncts_is_a_list_of_names(nlp: Language) -> None:
    # spaCy's small model parses "Mordor, the Shire, Arnor and Bree" as Mordor with the
    # apposition "the Shire", whose conjuncts are Arnor and Bree: four subjects.
    found = events(nlp, "Mordor, the Shire, Arnor and Bree met the ambassador.")
    assert [e.source.text for e in found if e.source] == ["Mordor", "Shire", "Arnor", "Bree"]
