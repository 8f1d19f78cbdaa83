"""Events from the parse: CAMEO code, participants as actors, date and place."""

from __future__ import annotations

from presswatch.model import DocumentAnalysis, Event
from tests.conftest import Analyse


def roles(analysis: DocumentAnalysis, event: Event) -> set[tuple[str, str]]:
    names = {a.id: a.name for a in analysis.actors}
    return {(names[p.actor], p.role) for p in event.participants}


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


def test_words_inside_a_quotation_are_not_reported_events(analyse: Analyse) -> None:
    analysis = analyse('"We met the minister and we attacked nobody," Hazem Qassem said.')
    assert analysis.events == []


def test_received_criticism_is_not_hosting(analyse: Analyse) -> None:
    analysis = analyse("The plan received criticism from Jordan and Egypt on Monday.")
    assert not [e for e in analysis.events if e.cameo == "043"]
