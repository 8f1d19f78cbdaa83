"""Events from the parse: CAMEO code, participants as actors, date and place."""

from __future__ import annotations

from presswatch.model import DocumentAnalysis, Event
from tests.conftest import Analyse


def roles(analysis: DocumentAnalysis, event: Event) -> set[tuple[str, str]]:
    names = {a.id: a.name for a in analysis.actors}
    return {(names[p.actor], p.role) for p in event.participants}


def names_as(analysis: DocumentAnalysis, role: str, root: str | None = None) -> set[str]:
    """The names in `role` over the analysis's events (of that root code, if given)."""
    return {
        name
        for e in analysis.events
        if root is None or e.root == root
        for name, their_role in roles(analysis, e)
        if their_role == role
    }


def only(analysis: DocumentAnalysis, cameo: str) -> Event:
    found = [e for e in analysis.events if e.cameo == cameo]
    assert len(found) == 1, [(e.cameo, e.trigger) for e in analysis.events]
    return found[0]


def test_host_event_with_source_target_date_and_place(analyse: Analyse) -> None:
    analysis = analyse(
        "Iranian President Masoud Pezeshkian received Iraqi Prime Minister Mohammed Shia "
        "al-Sudani in Tehran on Saturday.",
        published="2025-02-09",
    )
    event = only(analysis, "043")
    assert event.type == "host" and event.root == "04"
    assert roles(analysis, event) == {
        ("Masoud Pezeshkian", "source"),
        ("Mohammed Shia al-Sudani", "target"),
    }
    assert event.date is not None and event.date.start == "2025-02-08"
    assert event.place == "Tehran"


def test_passive_puts_the_agent_first(analyse: Analyse) -> None:
    analysis = analyse(
        "Emir Tamim bin Hamad Al Thani was received by Egyptian President Abdel Fattah "
        "al-Sisi in Cairo.",
        published="2025-03-01",
    )
    event = only(analysis, "043")
    assert ("Abdel Fattah al-Sisi", "source") in roles(analysis, event)


def test_meeting_with_preposition_names_the_target(analyse: Analyse) -> None:
    analysis = analyse("Foreign Minister Abbas Araghchi met with Sergey Lavrov in Moscow.")
    event = only(analysis, "040")
    assert roles(analysis, event) == {("Abbas Araghchi", "source"), ("Sergey Lavrov", "target")}


def test_dateline_gives_the_place(analyse: Analyse) -> None:
    analysis = analyse(
        "MUSCAT – Oman hosted Iranian and American envoys on Saturday for indirect talks.",
        published="2025-04-12",
    )
    event = only(analysis, "043")
    assert event.place == "Muscat"


def test_an_event_inside_a_quotation_is_the_speakers_claim(analyse: Analyse) -> None:
    analysis = analyse("“Hamas attacked Israel yesterday,” Hazem Qassem told reporters.")
    event = only(analysis, "190")
    names = {a.id: a.name for a in analysis.actors}
    assert roles(analysis, event) == {("Hamas", "source"), ("Israel", "target")}
    assert event.claimed_by is not None and names[event.claimed_by] == "Hazem Qassem"


def test_an_event_in_a_reported_clause_is_claimed_not_observed(analyse: Analyse) -> None:
    analysis = analyse("Iran said Israel attacked Syria on Sunday.", published="2025-02-09")
    event = only(analysis, "190")
    names = {a.id: a.name for a in analysis.actors}
    assert roles(analysis, event) == {("Israel", "source"), ("Syria", "target")}
    assert event.claimed_by is not None and names[event.claimed_by] == "Iran"


def test_a_meeting_that_did_not_happen_is_marked_negated(analyse: Analyse) -> None:
    analysis = analyse("Abbas Araghchi did not meet Sergey Lavrov in Moscow.")
    assert only(analysis, "040").negated
    assert not only(analyse("Abbas Araghchi met Sergey Lavrov in Moscow."), "040").negated


def test_participants_carry_their_actor_codes_on_the_reports_date(analyse: Analyse) -> None:
    analysis = analyse(
        "Iranian Foreign Minister Abbas Araghchi met Sergey Lavrov in Moscow.",
        published="2025-02-09",
    )
    codes = {p.role: p.code for p in only(analysis, "040").participants}
    assert codes == {"source": "IRNGOV", "target": "RUSGOV"}


def test_the_verb_dictionary_codes_and_names_its_pattern(analyse: Analyse) -> None:
    event = only(analyse("Egypt asked Israel for financial aid."), "0231")
    assert event.root == "02" and event.type == "appeal"
    assert event.pattern == "line 943: - * (FOR {FINANCIAL AID}) [0231]"


def test_conjoined_subjects_without_a_target_act_on_each_other(analyse: Analyse) -> None:
    analysis = analyse("Iran and Saudi Arabia restored diplomatic ties on Friday.")
    pairs = {tuple(sorted(roles(analysis, e))) for e in analysis.events if e.cameo == "050"}
    assert pairs == {
        (("Iran", "source"), ("Saudi Arabia", "target")),
        (("Iran", "target"), ("Saudi Arabia", "source")),
    }


def test_a_sport_sentence_of_the_discard_list_codes_nothing(analyse: Analyse) -> None:
    assert analyse("Manchester United attacked Chelsea in the second half.").events == []


def test_received_criticism_is_not_hosting(analyse: Analyse) -> None:
    analysis = analyse("The plan received criticism from Jordan and Egypt on Monday.")
    assert not [e for e in analysis.events if e.cameo == "043"]


def test_recently_dates_the_event_as_a_range_ending_at_publication(analyse: Analyse) -> None:
    analysis = analyse(
        "Iranian President Masoud Pezeshkian recently received Iraqi Prime Minister "
        "Mohammed Shia al-Sudani in Tehran.",
        published="2025-02-10",
    )
    event = only(analysis, "043")
    assert event.date is not None and event.date.precision == "approximate"
    assert (event.date.start, event.date.end) == ("2025-01-11", "2025-02-10")


def test_relative_days_count_from_the_datelines_day(analyse: Analyse) -> None:
    analysis = analyse(
        "CAIRO, Feb 1 (Wire) – Egyptian President Abdel Fattah al-Sisi received Jordan's "
        "King Abdullah in Cairo on Thursday.",
        published="2025-02-04",
    )
    event = only(analysis, "043")
    assert event.date is not None and event.date.start == "2025-01-30"


def test_a_definite_meeting_noun_dates_and_places_the_hosting_it_retells(
    analyse: Analyse,
) -> None:
    analysis = analyse(
        "Egyptian President Abdel Fattah al-Sisi has hosted King Abdullah of Jordan.\n\n"
        "During the meeting in Cairo on Monday, al-Sisi told the king that the border "
        "would stay open.",
        published="2025-03-05",
    )
    event = only(analysis, "043")
    assert event.date is not None and event.date.start == "2025-03-03"
    assert event.place == "Cairo"
    assert len(event.mentions) == 2
    assert not [e for e in analysis.events if e.trigger == "meeting"]


def test_a_report_without_a_dateline_places_its_events_where_it_names_one_place(
    analyse: Analyse,
) -> None:
    analysis = analyse(
        "Egyptian President Abdel Fattah al-Sisi received King Abdullah of Jordan on "
        "Monday. The king, who arrived in Cairo on Sunday, is expected to leave today.",
        published="2025-03-04",
    )
    assert only(analysis, "043").place == "Cairo"


def test_a_meeting_noun_hanging_off_another_noun_takes_the_nearest_doer(
    analyse: Analyse,
) -> None:
    analysis = analyse(
        "The following is the text of the speech given by Egyptian President Abdel Fattah "
        "al-Sisi this morning in a meeting with Jordanian Foreign Minister Ayman Safadi.",
        published="2025-03-04",
    )
    event = only(analysis, "040")
    assert roles(analysis, event) == {
        ("Abdel Fattah al-Sisi", "source"),
        ("Ayman Safadi", "target"),
    }
    assert event.date is not None and event.date.start == "2025-03-04"


def test_a_visit_noun_naming_one_side_only_is_no_event(analyse: Analyse) -> None:
    analysis = analyse("Trade grew during a brief private visit to Iran on Sunday.")
    assert not [e for e in analysis.events if e.trigger == "visit"]
    told = analyse("Sergey Lavrov spoke during a brief private visit to Iran on Sunday.")
    assert roles(told, only(told, "042")) == {("Sergey Lavrov", "source"), ("Iran", "target")}


def test_a_backer_in_the_phrase_does_not_code_the_group(analyse: Analyse) -> None:
    analysis = analyse(
        "Iranian President Masoud Pezeshkian hosted a delegation of the Iranian-backed "
        "group Hezbollah in Tehran on Saturday.",
        published="2025-02-09",
    )
    codes = {p.role: p.code for p in only(analysis, "043").participants}
    assert codes["target"] is not None and codes["target"].startswith("LBN")
    assert only(analysis, "043").place == "Tehran"


def test_a_passives_conjoined_agents_do_not_act_on_each_other(analyse: Analyse) -> None:
    analysis = analyse("The talks were also attended by Abbas Araghchi and Sergey Lavrov.")
    assert not [
        e for e in analysis.events if {p.role for p in e.participants} == {"source", "target"}
    ]


def test_a_pronoun_in_a_reported_clause_is_the_reporters(analyse: Analyse) -> None:
    analysis = analyse("Egypt indicated it would condemn Israel at the summit.")
    names = {a.id: a.name for a in analysis.actors}
    sources = {
        names[p.actor] for e in analysis.events for p in e.participants if p.role == "source"
    }
    assert "Egypt" in sources


def test_a_killing_told_in_a_noun_needs_only_its_target(analyse: Analyse) -> None:
    analysis = analyse(
        "Hamas mourned on Sunday. The assassination of Ismail Haniyeh in Tehran last July "
        "shocked the region.",
        published="2025-02-09",
    )
    [event] = [e for e in analysis.events if e.trigger == "assassination"]
    assert roles(analysis, event) == {("Ismail Haniyeh", "target")}
    assert event.date is not None and event.date.start == "2024-07-01"


def test_a_sentence_without_date_words_takes_the_datelines_date(analyse: Analyse) -> None:
    analysis = analyse(
        "CAIRO, Feb 1 (Wire) – Egyptian President Abdel Fattah al-Sisi received Jordanian "
        "Foreign Minister Ayman Safadi in Cairo.",
        published="2025-02-04",
    )
    event = only(analysis, "043")
    assert event.date is not None and event.date.start == "2025-02-01"


def test_a_proper_name_ner_misses_in_a_slot_is_an_actor(analyse: Analyse) -> None:
    # spaCy's small model tags "Gondor" (GPE) but not "Arnor": the name in the verb's
    # subject slot is the text's evidence of who acts, recorded as an actor.
    analysis = analyse("Arnor is about to restore full diplomatic ties with Gondor.")
    event = only(analysis, "050")
    assert roles(analysis, event) == {("Arnor", "source"), ("Gondor", "target")}
    [arnor] = [a for a in analysis.actors if a.name == "Arnor"]
    assert arnor.kind == "organization"
    assert [(m.start, m.end) for m in arnor.mentions] == [(0, 5)]


def test_an_untagged_name_alone_in_an_event_is_no_actor(analyse: Analyse) -> None:
    analysis = analyse("If you support God, He will support you.")
    assert analysis.events == [] and analysis.actors == []


def test_a_dateline_parsed_as_the_subject_is_not_the_source(analyse: Analyse) -> None:
    analysis = analyse(
        "KINSHASA, July 19 (AFP) - M23 rebels attacked an army base near Goma on Friday.",
        published="2024-07-19",
    )
    sources = names_as(analysis, "source")
    assert sources and "KINSHASA" not in sources


def test_a_time_phrase_is_never_the_target(analyse: Analyse) -> None:
    # "after their talks": "their" stands for someone, but the phrase says when.
    analysis = analyse(
        "TOKYO, March 4 (Reuters) - Japan and Indonesia signed a maritime security "
        "agreement after their talks.",
        published="2025-03-04",
    )
    named = {name for e in analysis.events for name, _ in roles(analysis, e)}
    assert "Reuters" not in named


def test_a_target_naming_no_one_gives_way_to_the_next_object(analyse: Analyse) -> None:
    analysis = analyse("Japan will contribute a million dollars to Indonesia.")
    [event] = [e for e in analysis.events if e.root == "07"]
    assert roles(analysis, event) == {("Japan", "source"), ("Indonesia", "target")}


def test_a_threat_to_act_is_a_threat_not_the_act(analyse: Analyse) -> None:
    # cameo_governing.yaml: "threatened to expel" is 13x (threaten), not 16x (expel).
    analysis = analyse("Kenya threatened to expel Ugandan diplomats on Monday.")
    roots = {e.root for e in analysis.events if not e.negated}
    assert "13" in roots and "16" not in roots


def test_a_list_of_names_ner_tags_as_one_entity_is_one_actor_each(analyse: Analyse) -> None:
    # spaCy's small model tags "Gondor and Arnor" as one FAC entity.
    analysis = analyse(
        "White House security officials are about to restore full diplomatic ties with "
        "Gondor and Arnor."
    )
    targets = names_as(analysis, "target", "05")
    assert targets == {"Gondor", "Arnor"}


def test_a_denial_of_an_act_is_no_act(analyse: Analyse) -> None:
    # cameo_governing.yaml: "denied backing M23" is a denial (016), not support (05x).
    analysis = analyse("Rwanda has denied backing M23 rebels in eastern Congo.")
    roots = {e.root for e in analysis.events if not e.negated}
    assert "05" not in roots


def test_according_to_is_no_event(analyse: Analyse) -> None:
    analysis = analyse("Trade rose by a tenth last year, according to Japanese customs data.")
    assert analysis.events == []


def test_a_role_noun_naming_several_actors_gives_one_event_each(analyse: Analyse) -> None:
    analysis = analyse("Lawmakers in Egypt and Jordan condemned Israel on Monday.")
    sources = names_as(analysis, "source", "11")
    assert sources == {"Egypt", "Jordan"}


def test_conjoined_names_in_a_further_object_are_each_a_target(analyse: Analyse) -> None:
    analysis = analyse("Qatar donated a million dollars to Syria and Lebanon.")
    targets = names_as(analysis, "target", "07")
    assert targets == {"Syria", "Lebanon"}
