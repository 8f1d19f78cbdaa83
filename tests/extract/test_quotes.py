"""Quotations: found with any marks, never fooled by apostrophes, each with its speaker."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from presswatch.extract.quote_marks import find_quotations
from presswatch.model import DocumentAnalysis, Quote
from tests.conftest import Analyse


def speaker_name(analysis: DocumentAnalysis, quote: Quote) -> str | None:
    names = {a.id: a.name for a in analysis.actors}
    return names.get(quote.speaker) if quote.speaker else None


def only(analysis: DocumentAnalysis, kind: str = "direct") -> Quote:
    found = [q for q in analysis.quotes if q.kind == kind]
    assert len(found) == 1, [(q.kind, q.text) for q in analysis.quotes]
    return found[0]


def test_curly_straight_and_guillemet_marks_all_quote() -> None:
    text = '“One,” he said. "Two," she said. «Three», they said. „Four“ too.'
    found = [text[q.start : q.end] for q in find_quotations(text)]
    assert found == ["One,", "Two,", "Three", "Four"]


def test_apostrophe_in_plural_possessive_does_not_open_quote() -> None:
    text = "The Palestinians' cause and Gaza's future don't change, he said. 'Not now' she said."
    assert [text[q.start : q.end] for q in find_quotations(text)] == ["Not now"]


def test_primes_and_decades_are_not_quotes() -> None:
    text = "He is 5'10\" tall and grew up in the '90s in Beirut."
    assert find_quotations(text) == []


def test_unbalanced_mark_does_not_swallow_the_rest() -> None:
    text = 'The minister said " nothing more.\n\nLater, “we will see,” he added.'
    assert [text[q.start : q.end] for q in find_quotations(text)] == ["we will see,"]


def test_unclosed_paragraph_quote_continues_in_the_next() -> None:
    text = '"The first part of the answer.\n\n"And the second part," she said.'
    [quotation] = find_quotations(text)
    assert [text[s:e] for s, e in quotation.spans] == [
        "The first part of the answer.",
        "And the second part,",
    ]


def test_speaker_after_the_quote(analyse: Analyse) -> None:
    analysis = analyse('"The talks were useful," Foreign Minister Abbas Araghchi said in Muscat.')
    quote = only(analysis)
    assert speaker_name(analysis, quote) == "Abbas Araghchi"
    assert quote.cue == "said" and quote.text == "The talks were useful,"
    assert analysis.document.text[quote.cue_start : quote.cue_end] == "said"  # type: ignore[misc]


def test_inverted_speaker_after_the_verb(analyse: Analyse) -> None:
    analysis = analyse('"We will not leave," said Mohammad Ismail Darwish on Sunday.')
    assert speaker_name(analysis, only(analysis)) == "Mohammad Ismail Darwish"


def test_speaker_before_with_colon(analyse: Analyse) -> None:
    analysis = analyse('Badr Abdelatty told reporters: "The agreement will hold."')
    assert speaker_name(analysis, only(analysis)) == "Badr Abdelatty"


def test_saying_comma_quote_is_attributed(analyse: Analyse) -> None:
    analysis = analyse(
        'Hamas spokesman Hazem Qassem praised the mediators, saying, "They worked hard."'
    )
    assert speaker_name(analysis, only(analysis)) == "Hazem Qassem"


def test_split_quote_keeps_one_speaker(analyse: Analyse) -> None:
    analysis = analyse('"We came to Tehran," Mohammad Ismail Darwish said, "to thank our friends."')
    quote = only(analysis)
    assert len(quote.spans) == 2
    assert speaker_name(analysis, quote) == "Mohammad Ismail Darwish"
    text = analysis.document.text
    assert [text[s:e] for s, e in quote.spans] == ["We came to Tehran,", "to thank our friends."]
    assert quote.text == "We came to Tehran, to thank our friends."


def test_pronoun_speaker_resolves_to_the_person(analyse: Analyse) -> None:
    analysis = analyse(
        "Egyptian Foreign Minister Badr Abdelatty spoke in Cairo on Monday. "
        '"We will not allow this to collapse," he said.'
    )
    quote = only(analysis)
    assert quote.speaker_text == "he" and speaker_name(analysis, quote) == "Badr Abdelatty"


def test_bare_quote_paragraph_keeps_previous_speaker(analyse: Analyse) -> None:
    analysis = analyse(
        '"The crossings must open," Leila Haddad said.\n\n'
        '"Without them nothing can be rebuilt, and the winter is coming."'
    )
    quotes = [q for q in analysis.quotes if q.kind == "direct"]
    assert [speaker_name(analysis, q) for q in quotes] == ["Leila Haddad", "Leila Haddad"]
    assert quotes[1].confidence < quotes[0].confidence


def test_partial_quote_in_reported_speech_is_mixed(analyse: Analyse) -> None:
    analysis = analyse(
        'Ayatollah Ali Khamenei described the fallen commanders as "a generation of heroes".'
    )
    quote = only(analysis, "mixed")
    assert quote.text == "a generation of heroes"
    assert speaker_name(analysis, quote) == "Ali Khamenei"


def test_scare_quote_has_no_speaker(analyse: Analyse) -> None:
    analysis = analyse('The so-called "peace plan" was published on a Tuesday in March.')
    quote = only(analysis, "mixed")
    assert quote.speaker is None and quote.speaker_text is None and quote.confidence < 0.5


def test_nested_verse_attributed_to_named_reciter(analyse: Analyse) -> None:
    analysis = analyse(
        "Quoting a line recited by the poet Mahmoud Darwish, he said: "
        "\"As the poet wrote, 'we love life if we find a way to it,' and so do we.\""
    )
    inner = [q for q in analysis.quotes if q.source_of is not None]
    assert len(inner) == 1
    assert inner[0].text.startswith("we love life")
    assert speaker_name(analysis, inner[0]) == "Mahmoud Darwish"
    outer = next(q for q in analysis.quotes if q.id == inner[0].source_of)
    assert outer.start < inner[0].start < inner[0].end < outer.end


def test_indirect_that_clause(analyse: Analyse) -> None:
    analysis = analyse(
        "Mohammad Ismail Darwish warned that any plan to displace the people of Gaza would fail."
    )
    quote = only(analysis, "indirect")
    assert quote.text == "any plan to displace the people of Gaza would fail"
    assert quote.cue == "warned"
    assert speaker_name(analysis, quote) == "Mohammad Ismail Darwish"


def test_according_to_is_indirect_speech(analyse: Analyse) -> None:
    analysis = analyse(
        "According to the Palestinian Prisoners' Society, 1,904 prisoners are to be released."
    )
    quote = only(analysis, "indirect")
    assert quote.text == "1,904 prisoners are to be released"
    assert quote.speaker_text == "the Palestinian Prisoners' Society"
    assert quote.cue == "According to"


def test_unnamed_speaker_keeps_its_words_but_no_actor(analyse: Analyse) -> None:
    analysis = analyse('"This is a photo opportunity," a senior official told the newspaper.')
    quote = only(analysis)
    assert quote.speaker is None and quote.speaker_text == "a senior official"


QUOTE_ALPHABET = st.sampled_from(list("ab Z.,:;\n'\"“”‘’«»„‹›—-05ÄзعG()"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(QUOTE_ALPHABET, st.text(max_size=6)), max_size=60).map("".join))
def test_random_text_with_marks_never_raises_and_offsets_hold(text: str) -> None:
    for quotation in find_quotations(text):
        for start, end in quotation.spans:
            assert 0 <= start <= end <= len(text)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    st.lists(
        st.one_of(
            QUOTE_ALPHABET,
            st.sampled_from([" said ", " he ", " Darwish ", "according to ", " that ", "\n\n"]),
        ),
        min_size=1,
        max_size=40,
    ).map("".join)
)
def test_extraction_on_random_text_never_raises(analyse: Analyse, text: str) -> None:
    if not text.strip():
        return
    analysis = analyse(text)
    for quote in analysis.quotes:
        assert 0 <= quote.start <= quote.end <= len(text)
        assert quote.text == " ".join(text[s:e].strip() for s, e in quote.spans)
        assert all(quote.start <= s <= e <= quote.end for s, e in quote.spans)


def test_clause_holding_a_partial_quote_is_also_indirect_speech(analyse: Analyse) -> None:
    analysis = analyse(
        'Senator Maria Lopez said the committee had "run out of patience" with the agency.'
    )
    mixed = only(analysis, "mixed")
    assert mixed.text == "run out of patience"
    indirect = only(analysis, "indirect")
    assert indirect.text == 'the committee had "run out of patience" with the agency'
    assert indirect.speaker == mixed.speaker is not None


def test_full_direct_quote_is_not_repeated_as_indirect(analyse: Analyse) -> None:
    analysis = analyse('Senator Maria Lopez said: "The committee has run out of patience."')
    assert [q.kind for q in analysis.quotes] == ["direct"]


def test_indirect_content_stops_where_another_report_begins(analyse: Analyse) -> None:
    analysis = analyse(
        "Senator Maria Lopez said the budget was balanced, while the treasurer insisted"
        " that the figures were wrong."
    )
    texts = {q.text for q in analysis.quotes if q.kind == "indirect"}
    assert "the budget was balanced" in texts


def test_called_for_reports_what_was_called_for(analyse: Analyse) -> None:
    analysis = analyse("Senator Maria Lopez called for an independent inquiry into the contracts.")
    quote = only(analysis, "indirect")
    assert quote.text == "an independent inquiry into the contracts"
    assert quote.cue == "called for"
    assert quote.speaker_text == "Senator Maria Lopez"


def test_doubled_apostrophes_are_quotation_marks(analyse: Analyse) -> None:
    text = "''We will rebuild every school,'' the minister said. It isn't ''over'' yet."
    spans = [(q.start, q.end) for q in find_quotations(text)]
    assert [text[s:e] for s, e in spans] == ["We will rebuild every school,", "over"]
    analysis = analyse(text)
    assert analysis.quotes[0].speaker_text == "the minister"


def test_partial_quote_records_the_phrase_its_cue_reports(analyse: Analyse) -> None:
    analysis = analyse('Senator Maria Lopez described the budget as "a recipe for ruin" on Monday.')
    quote = only(analysis, "mixed")
    assert quote.text == "a recipe for ruin"
    assert quote.reported_start is not None and quote.reported_end is not None
    assert analysis.document.text[quote.reported_start : quote.reported_end] == (
        'the budget as "a recipe for ruin'
    )


def test_split_quote_goes_on_past_a_long_cue_sentence(analyse: Analyse) -> None:
    analysis = analyse(
        '"The talks are over," said Leila Haddad, who leads the union of teachers in the'
        ' northern districts. "We will strike on Monday."'
    )
    quote = only(analysis)
    assert [analysis.document.text[s:e] for s, e in quote.spans] == [
        "The talks are over,",
        "We will strike on Monday.",
    ]


def test_a_colon_opens_a_new_quotation(analyse: Analyse) -> None:
    analysis = analyse(
        '"The talks are over," Leila Haddad said, adding: "We will strike on Monday."'
    )
    assert len([q for q in analysis.quotes if q.kind == "direct"]) == 2


def test_stance_is_attributed_but_marked_as_no_speech(analyse: Analyse) -> None:
    analysis = analyse("Senator Maria Lopez wants to cut the defence budget by a tenth.")
    quote = only(analysis, "indirect")
    assert quote.act == "stance"
    assert quote.text == "to cut the defence budget by a tenth"
    assert quote.speaker_text == "Senator Maria Lopez"


def test_stance_inside_a_report_is_part_of_that_report(analyse: Analyse) -> None:
    analysis = analyse("Leila Haddad said the union wanted to strike on Monday.")
    assert [(q.kind, q.act) for q in analysis.quotes] == [("indirect", "speech")]


def test_speaker_phrase_keeps_its_apposition_but_resolves_by_name(analyse: Analyse) -> None:
    analysis = analyse(
        "Leila Haddad, the head of the teachers' union, said the strike would go ahead."
    )
    quote = only(analysis, "indirect")
    assert quote.speaker_text == "Leila Haddad, the head of the teachers' union"
    assert speaker_name(analysis, quote) == "Leila Haddad"


def test_told_reporters_is_not_what_was_said(analyse: Analyse) -> None:
    analysis = analyse("The minister told reporters in Cairo on Sunday.")
    assert analysis.quotes == []


def test_a_quoted_title_in_the_cue_does_not_split_the_quotation(analyse: Analyse) -> None:
    analysis = analyse(
        '"The plan is dead," Leila Haddad said on "Meet the Press." "We start again."'
    )
    quote = next(q for q in analysis.quotes if len(q.spans) > 1)
    assert quote.text == "The plan is dead, We start again."
    assert quote.speaker_text == "Leila Haddad"


def test_a_verb_in_another_quotation_is_never_the_cue(analyse: Analyse) -> None:
    analysis = analyse(
        '"The deal is a joke," he said. "Nobody can read it."\n\n'
        '"Remember when she said she was poor?" Leila Haddad asked.'
    )
    first = analysis.quotes[0]
    assert first.cue == "said" and first.speaker_text == "he"
    assert first.cue_start is not None and first.cue_start < first.spans[1][0]


def test_three_apostrophes_close_an_inner_and_an_outer_quotation() -> None:
    text = "''We are told, 'the case is special,''' the minister said."
    (quotation,) = find_quotations(text)
    assert text[quotation.start : quotation.end] == "We are told, 'the case is special,'"
    assert [text[s:e] for s, e in quotation.nested] == ["the case is special,"]


def test_cue_runs_over_time_and_place_up_to_the_report(analyse: Analyse) -> None:
    analysis = analyse(
        "Leila Haddad also said in an interview on Monday that the strike would go ahead."
    )
    quote = only(analysis, "indirect")
    assert quote.cue == "also said in an interview on Monday"
    assert quote.text == "the strike would go ahead"


def test_cue_stops_before_the_person_addressed(analyse: Analyse) -> None:
    analysis = analyse("Leila Haddad told reporters on Monday that the strike would go ahead.")
    assert only(analysis, "indirect").cue == "told"


def test_a_passive_report_is_spoken_by_its_agent_or_by_no_one(analyse: Analyse) -> None:
    analysis = analyse(
        "The ceasefire was confirmed by the Egyptian foreign ministry on Sunday."
        ' The deal was described as "fragile" in several capitals.'
    )
    confirmed = next(q for q in analysis.quotes if q.cue and "confirmed" in q.cue)
    assert confirmed.speaker_text == "the Egyptian foreign ministry"
    assert all(q.speaker_text != "The deal" for q in analysis.quotes)


def test_a_claim_is_attributed_to_its_owner(analyse: Analyse) -> None:
    analysis = analyse(
        "Leila Haddad's claim that the vote was rigged was rejected. Her plan to appeal"
        " the ruling was dropped. The plan to appeal was announced later."
    )
    found = [(q.speaker_text, q.cue, q.act, q.text) for q in analysis.quotes]
    assert ("Leila Haddad's", "claim", "speech", "the vote was rigged") in found
    assert ("Her", "plan", "stance", "to appeal the ruling") in found
    assert all(q.cue != "plan" or q.speaker_text for q in analysis.quotes)


def test_a_share_of_people_can_be_the_speaker(analyse: Analyse) -> None:
    analysis = analyse("Nine in 10 registered voters say the economy matters most.")
    quote = only(analysis, "indirect")
    assert quote.speaker_text == "Nine in 10 registered voters"
    assert quote.text == "the economy matters most"


def test_speaker_phrase_leaves_out_what_the_speaker_was_doing(analyse: Analyse) -> None:
    analysis = analyse(
        "Leila Haddad, speaking to teachers in Gaza City, said the strike would go ahead."
    )
    assert only(analysis, "indirect").speaker_text == "Leila Haddad"


def test_two_reports_of_one_phrase_get_distinct_ids(analyse: Analyse) -> None:
    analysis = analyse("The Leader praised what he called the steadfastness of the people of Gaza.")
    ids = [q.id for q in analysis.quotes]
    assert len(ids) == len(set(ids)) >= 2


def test_hoping_is_a_stance_though_the_lemmatizer_reads_hop(analyse: Analyse) -> None:
    analysis = analyse("Leila Haddad is hoping that the talks resume next week.")
    quote = only(analysis, "indirect")
    assert (quote.act, quote.text) == ("stance", "the talks resume next week")


def test_an_attitude_after_be_is_a_stance(analyse: Analyse) -> None:
    analysis = analyse("Leila Haddad was sharply critical of the ministry's plan.")
    quote = only(analysis, "indirect")
    assert (quote.act, quote.cue, quote.text) == (
        "stance",
        "was sharply critical of",
        "the ministry's plan",
    )
