"""Titles a report binds to no name resolve to the office's holder on the report's date."""

from __future__ import annotations

from collections.abc import Callable

from presswatch.model import Actor, DocumentAnalysis, Record
from tests.conftest import Analyse

LEADER_ONLY = (
    "TEHRAN – The Leader of the Islamic Revolution received a group of teachers in Tehran "
    "on Sunday.\n\n"
    '"Teaching is the most honourable of professions," the Leader said at the meeting.\n\n'
    "The teachers presented a report on the new school year."
)


def speaker_of(analysis: DocumentAnalysis, fragment: str) -> Actor | None:
    quote = next(q for q in analysis.quotes if fragment in q.text)
    return next((a for a in analysis.actors if a.id == quote.speaker), None)


def holder_of(analysis: DocumentAnalysis, title: str) -> Actor | None:
    for actor in analysis.actors:
        if any(m.text == title for m in actor.mentions):
            return actor
    return None


def test_leader_of_the_islamic_revolution_in_2025_is_khamenei(analyse: Analyse) -> None:
    analysis = analyse(LEADER_ONLY, published="2025-03-02")
    leader = holder_of(analysis, "Leader of the Islamic Revolution")
    assert leader is not None and leader.name == "Ali Khamenei" and leader.kind == "person"
    title = next(m for m in leader.mentions if m.kind == "title")
    assert title.office == "IRN.supreme_leader" and title.office_checked is True
    # "the Leader said" restates the resolved title: the quote is his.
    speaker = speaker_of(analysis, "most honourable")
    assert speaker is not None and speaker.name == "Ali Khamenei"


def test_the_same_title_in_1985_is_khomeini(analyse: Analyse) -> None:
    analysis = analyse(LEADER_ONLY, published="1985-06-10")
    leader = holder_of(analysis, "Leader of the Islamic Revolution")
    assert leader is not None and leader.name == "Ruhollah Khomeini"
    speaker = speaker_of(analysis, "most honourable")
    assert speaker is not None and speaker.name == "Ruhollah Khomeini"


def test_a_report_without_a_date_resolves_no_title(analyse: Analyse) -> None:
    analysis = analyse(LEADER_ONLY)
    assert holder_of(analysis, "Leader of the Islamic Revolution") is None
    assert not any(m.office for a in analysis.actors for m in a.mentions)
    assert speaker_of(analysis, "most honourable") is None


def test_a_former_president_is_not_the_current_one(analyse: Analyse) -> None:
    analysis = analyse(
        'The former US president told supporters in Ohio that "the country is in decline." '
        "The late Iranian president was buried in Mashhad. "
        "The US president-elect thanked his voters.",
        published="2025-03-02",
    )
    names = {a.name for a in analysis.actors if a.kind == "person"}
    assert not names & {"Donald Trump", "Joe Biden", "Masoud Pezeshkian", "Ebrahim Raisi"}
    assert not any(m.office for a in analysis.actors for m in a.mentions)


def test_another_country_s_president_is_never_the_us_president(analyse: Analyse) -> None:
    analysis = analyse(
        "Egypt's president met the Qatari emir in Cairo on Monday. "
        '"We will not accept displacement," Egypt\'s president said.',
        published="2025-03-02",
    )
    egypt = holder_of(analysis, "Egypt's president")
    assert egypt is not None and egypt.name == "Abdel Fattah el-Sisi"
    emir = holder_of(analysis, "Qatari emir")
    assert emir is not None and emir.name == "Tamim bin Hamad Al Thani"
    assert "Donald Trump" not in {a.name for a in analysis.actors}


def test_the_report_s_own_holder_of_a_title_wins_over_the_file(analyse: Analyse) -> None:
    analysis = analyse(
        "The US president, John Smith, arrived in Madrid on Monday. "
        '"We came to listen," the US president said after the talks.',
        published="2025-03-02",
    )
    assert "Donald Trump" not in {a.name for a in analysis.actors}
    speaker = speaker_of(analysis, "came to listen")
    assert speaker is not None and speaker.name == "John Smith"


def test_a_title_before_a_name_is_that_name(analyse: Analyse) -> None:
    analysis = analyse(
        "Pope Leo met pilgrims in Rome on Sunday. The pope blessed the crowd.",
        published="2025-06-01",
    )
    assert "Francis" not in {a.name for a in analysis.actors}
    # The file's holder then, "Leo XIV", is the report's "Pope Leo": one person, not two.
    people = [a for a in analysis.actors if a.kind == "person"]
    assert len(people) == 1
    assert [m.text for m in people[0].mentions] == ["Pope Leo", "pope"]


def test_a_title_in_quotation_marks_resolves_to_no_one(analyse: Analyse) -> None:
    analysis = analyse(
        'Protesters mocked the "Iranian president" at the rally in London on Friday.',
        published="2025-03-02",
    )
    assert not any(m.office for a in analysis.actors for m in a.mentions)


def test_a_named_holder_and_the_title_are_one_person(analyse: Analyse) -> None:
    analysis = analyse(
        "Ali Khamenei met the visitors in Tehran on Monday. "
        "Iran's Supreme Leader told them the region had changed.",
        published="2025-03-02",
    )
    people = [a for a in analysis.actors if a.name == "Ali Khamenei"]
    assert len(people) == 1
    assert "Iran's Supreme Leader" in [m.text for m in people[0].mentions]


def test_the_title_and_the_name_merge_across_reports(link: Callable[..., Record]) -> None:
    record = link(
        (LEADER_ONLY, {"published": "2025-03-02", "source": "a.txt"}),
        (
            "Ayatollah Seyyed Ali Khamenei met a delegation of teachers in Tehran on "
            'Sunday. "Teaching is the most honourable of professions," Khamenei said.',
            {"published": "2025-03-02", "source": "b.txt"},
        ),
    )
    khamenei = [a for a in record.actors if a.kind == "person" and a.name == "Ali Khamenei"]
    assert len(khamenei) == 1
    assert {m.doc for m in khamenei[0].mentions} == {d.id for d in record.documents}


def test_a_title_that_says_what_someone_would_be_names_no_holder(analyse: Analyse) -> None:
    analysis = analyse(
        "Rubio told reporters in Miami that he had wanted to be president of the United "
        "States. Clinton would be the first woman elected as US president. Voters have "
        "never elected a female United States president.",
        published="2016-04-22",
    )
    assert not any(m.office for a in analysis.actors for m in a.mentions)
    assert "Barack Obama" not in {a.name for a in analysis.actors}


def test_a_title_joins_the_holder_named_by_surname_alone_spelled_alike(analyse: Analyse) -> None:
    text = (
        "Khamenei met the visitors in Tehran on Monday. The Leader of the Islamic "
        "Revolution told them the region had changed."
    )
    today = analyse(text, published="2025-03-02")
    [leader] = [a for a in today.actors if a.kind == "person"]
    assert leader.name == "Ali Khamenei"
    assert {(m.text, m.kind) for m in leader.mentions} >= {
        ("Khamenei", "name"),
        ("Leader of the Islamic Revolution", "title"),
    }
    # In 1985 the title is Khomeini's: Khamenei (then president) is someone else, though
    # both surnames reduce to one key.
    then = analyse(text, published="1985-06-10")
    names = sorted(a.name for a in then.actors if a.kind == "person")
    assert names == ["Khamenei", "Ruhollah Khomeini"]


def test_a_report_past_the_checked_date_is_marked_and_later_ones_resolve_nothing(
    analyse: Analyse,
) -> None:
    within_grace = analyse(LEADER_ONLY, published="2025-08-15")
    leader = holder_of(within_grace, "Leader of the Islamic Revolution")
    assert leader is not None and leader.name == "Ali Khamenei"
    assert [m.office_checked for m in leader.mentions if m.kind == "title"] == [False]
    too_late = analyse(LEADER_ONLY, published="2025-10-01")
    assert holder_of(too_late, "Leader of the Islamic Revolution") is None


def test_a_former_holder_the_report_names_leaves_the_title_to_the_holder(
    analyse: Analyse,
) -> None:
    analysis = analyse(
        "Former US President Barack Obama spoke in Chicago on Monday. In Washington, "
        "America's president signed the budget.",
        published="2025-03-02",
    )
    holder = holder_of(analysis, "America's president")
    assert holder is not None and holder.name == "Donald Trump"
