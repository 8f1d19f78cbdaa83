"""Descriptions of people (extract/references.py) and how unnamed people are linked."""

from __future__ import annotations

from presswatch.extract import analysis_of, document_doc
from presswatch.lang.names import is_unnamed_key
from presswatch.link.actors import merge_unnamed_in_stories
from presswatch.model import (
    Actor,
    ActorKind,
    Finding,
    Mention,
    Quote,
    QuoteGroup,
    Record,
    Story,
)
from presswatch.nlp import load_pipeline
from presswatch.settings import Settings
from tests.conftest import Analyse, make_document


def texts(actor: Actor) -> list[str]:
    return [m.text for m in actor.mentions]


def test_a_gunman_restated_as_the_shooter_and_he_is_one_unnamed_person(
    analyse: Analyse,
) -> None:
    analysis = analyse(
        "A gunman opened fire in a shopping centre on Sunday. The shooter was arrested "
        "an hour later. Police said he had no criminal record.",
        ("actors",),
    )
    unnamed = [a for a in analysis.actors if is_unnamed_key(a.key) and a.kind == "person"]
    assert len(unnamed) == 1
    assert texts(unnamed[0]) == ["A gunman", "The shooter", "he"]
    assert unnamed[0].name == "A gunman"


def test_two_indefinite_descriptions_are_two_people(analyse: Analyse) -> None:
    analysis = analyse("A man was hurt. A second man was arrested.", ("actors",))
    men = [a for a in analysis.actors if a.key == "~man"]
    assert len(men) == 2


def test_a_description_beside_a_name_is_that_person(analyse: Analyse) -> None:
    analysis = analyse("Tom Baxter, a local resident, found the dog on Monday.", ("actors",))
    (person,) = [a for a in analysis.actors if a.kind == "person"]
    assert person.name == "Tom Baxter"
    assert "a local resident" in texts(person)


def test_an_unnamed_person_never_speaks_under_a_name(analyse: Analyse) -> None:
    analysis = analyse(
        'Karim Nasser visited the port. A dock worker said "we have not been paid."',
        ("actors", "quotes"),
    )
    (quote,) = analysis.quotes
    assert quote.speaker is None
    assert quote.speaker_text == "A dock worker"


def unnamed(actor_id: str, key: str, doc: str, text: str, kind: ActorKind = "person") -> Actor:
    return Actor(
        id=actor_id,
        name=text,
        kind=kind,
        key=key,
        roles=[key.lstrip("~")],
        mentions=[Mention(doc=doc, start=0, end=len(text), text=text, kind="role")],
    )


def test_unnamed_people_merge_within_a_story_by_head_and_never_across() -> None:
    record = Record(
        actors=[
            unnamed("a1", "~gunman", "d1", "the gunman"),
            unnamed("a2", "~gunman", "d2", "the gunman"),
            unnamed("a3", "~gunman", "d3", "the gunman"),
            unnamed("a4", "~officials", "d1", "Israeli officials", "group"),
            unnamed("a5", "~officials", "d2", "the Hamas officials", "group"),
        ]
    )
    merged = merge_unnamed_in_stories(record, [{"d1", "d2"}, {"d3"}])
    assert merged == {"a2": "a1"}
    assert {a.id for a in record.actors} == {"a1", "a3", "a4", "a5"}


def test_a_merged_unnamed_person_is_cited_by_its_survivor_everywhere() -> None:
    """The unnamed linker runs after the stories linker: what that built (a story's
    participants) and every later reference must name the actor that stays."""
    record = Record(
        actors=[
            unnamed("a1", "~gunman", "d1", "the gunman"),
            unnamed("a2", "~gunman", "d2", "the gunman"),
        ],
        quotes=[Quote(id="q1", doc="d2", text="…", start=0, end=1, speaker="a2")],
        stories=[Story(id="s1", documents=["d1", "d2"], participants=["a1", "a2"])],
        quote_groups=[QuoteGroup(id="g1", story="s1", speaker="a2", quotes=["q1"])],
        findings=[Finding(id="f1", kind="coverage", summary="", actors=["a2"])],
    )
    merged = merge_unnamed_in_stories(record, [{"d1", "d2"}])
    assert merged == {"a2": "a1"}
    assert record.quotes[0].speaker == "a1"
    assert record.stories[0].participants == ["a1"]
    assert record.quote_groups[0].speaker == "a1"
    assert record.findings[0].actors == ["a1"]


def named(actor_id: str, name: str, mentions: list[tuple[str, str, str]]) -> Actor:
    """A named person with (doc, text, kind) mentions."""
    return Actor(
        id=actor_id,
        name=name,
        kind="person",
        key=name.casefold(),
        mentions=[
            Mention(doc=doc, start=0, end=len(text), text=text, kind=kind)  # type: ignore[arg-type]
            for doc, text, kind in mentions
        ],
    )


def test_a_description_one_report_sets_beside_a_name_names_the_other_reports_one() -> None:
    """Report d1: "John Smith, the gunman"; d2 and d3 only "the shooter": one person."""
    record = Record(
        actors=[
            named("p1", "John Smith", [("d1", "John Smith", "name"), ("d1", "the gunman", "role")]),
            unnamed("a2", "~gunman", "d2", "the shooter"),
            unnamed("a3", "~gunman", "d3", "the shooter"),
        ],
        quotes=[Quote(id="q1", doc="d3", text="…", start=0, end=1, speaker="a3")],
    )
    merged = merge_unnamed_in_stories(record, [{"d1", "d2", "d3"}])
    assert merged == {"a3": "p1", "a2": "p1"}
    (person,) = record.actors
    assert person.name == "John Smith" and person.aliases == []
    assert texts(person) == ["John Smith", "the gunman", "the shooter", "the shooter"]
    assert record.quotes[0].speaker == "p1"


def test_a_description_two_named_people_share_or_another_story_gives_names_no_one() -> None:
    record = Record(
        actors=[
            named("p1", "John Smith", [("d1", "the officer", "role")]),
            named("p2", "Ann Lee", [("d1", "an officer", "role")]),
            named("p3", "Tom Baxter", [("d4", "the gunman", "role")]),
            unnamed("a1", "~police", "d2", "the officer"),
            unnamed("a2", "~gunman", "d2", "the gunman"),
        ]
    )
    assert merge_unnamed_in_stories(record, [{"d1", "d2"}, {"d4"}]) == {}
    assert len(record.actors) == 5


def test_a_description_after_as_is_the_person_named_before_it(analyse: Analyse) -> None:
    analysis = analyse(
        "The academy on Friday unveiled Hugh Jackman as the host of its awards show.",
        ("actors",),
    )
    (person,) = [a for a in analysis.actors if a.kind == "person"]
    assert person.name == "Hugh Jackman"
    assert any(t.startswith("the host") for t in texts(person))


def test_a_full_name_the_tagger_missed_in_a_headline_is_that_person() -> None:
    """The small model often misses a name in a title-case headline; its occurrence is
    taken out of the entities here so the test does not hang on the model's mood."""
    pipeline = load_pipeline(Settings().model, ("actors",))
    text = (
        "Maria Kovacs Leaves Clinic , Checks In Elsewhere\n"
        "On Thursday, Maria Kovacs left the clinic in Malibu, her lawyer said."
    )
    doc = document_doc(pipeline, make_document(text))
    base = [name for name in pipeline.pipe_names if not name.startswith("presswatch")]
    with pipeline.select_pipes(enable=base):
        doc = pipeline(doc)
    doc.ents = [e for e in doc.ents if e.start_char > 0]
    doc = pipeline.get_pipe("presswatch_actors")(doc)
    (kovacs,) = [a for a in analysis_of(doc).actors if a.name == "Maria Kovacs"]
    assert [(m.start, m.kind) for m in kovacs.mentions][:2] == [(0, "name"), (62, "name")]


def test_a_description_goes_to_the_named_person_the_story_mostly_describes_so() -> None:
    """Two coaches named in a story: the reports call one "the coach" throughout, the
    other once; another report's unnamed "the coach" is the first."""
    record = Record(
        actors=[
            named(
                "p1",
                "Maurice Cheeks",
                [("d1", "the coach", "role"), ("d2", "the coach", "role"), ("d3", "coach", "role")],
            ),
            named("p2", "Jim O'Brien", [("d1", "the new coach", "role")]),
            unnamed("a1", "~coach", "d4", "the coach"),
        ]
    )
    assert merge_unnamed_in_stories(record, [{"d1", "d2", "d3", "d4"}]) == {"a1": "p1"}


def test_a_description_of_a_named_persons_someone_is_another_person(analyse: Analyse) -> None:
    analysis = analyse(
        "Lindsay Lohan's attorney said on Thursday that the actress had checked in.",
        ("actors",),
    )
    (attorney,) = [a for a in analysis.actors if a.key == "~attorney"]
    assert texts(attorney) == ["Lindsay Lohan's attorney"]


def test_an_occupation_in_a_title_case_headline_is_a_description(analyse: Analyse) -> None:
    analysis = analyse(
        "Fired Accountant Goes On Shooting Spree In Office\nThe accountant was arrested.",
        ("actors",),
    )
    (accountant,) = [a for a in analysis.actors if a.key == "~accountant"]
    assert texts(accountant) == ["Fired Accountant", "The accountant"]


def test_the_authorities_are_an_unnamed_group(analyse: Analyse) -> None:
    analysis = analyse(
        "A deputy was shot on Friday, authorities said. Authorities believe he acted alone.",
        ("actors",),
    )
    (authorities,) = [a for a in analysis.actors if a.kind == "group"]
    assert is_unnamed_key(authorities.key)
    assert texts(authorities) == ["authorities", "Authorities"]


def test_a_description_with_a_name_set_beside_it_is_that_person(analyse: Analyse) -> None:
    analysis = analyse(
        "Police said the recently fired man, Eric Dawson, 61, opened fire at the party.",
        ("actors",),
    )
    (person,) = [a for a in analysis.actors if a.kind == "person"]
    assert person.name == "Eric Dawson"
    assert "the recently fired man" in texts(person)


def test_a_description_identified_as_a_name_is_that_person(analyse: Analyse) -> None:
    analysis = analyse(
        "A deputy was shot on Friday. On Monday police identified the suspect as Jose Orozco, 27.",
        ("actors",),
    )
    (orozco,) = [a for a in analysis.actors if a.name == "Jose Orozco"]
    assert texts(orozco) == ["the suspect", "Jose Orozco"]


def test_someones_someone_or_a_plural_is_no_description_of_a_named_person() -> None:
    """ "Nichols' mother" or "the defense lawyers" bound to Nichols by mistake do not
    make another report's unnamed mother or lawyer Nichols."""
    record = Record(
        actors=[
            named(
                "p1",
                "Brian Nichols",
                [("d1", "Nichols ' mother", "role"), ("d1", "the defense lawyers", "role")],
            ),
            unnamed("a1", "~mother", "d2", "his mother"),
            unnamed("a2", "~lawyer", "d2", "the lawyer"),
        ]
    )
    assert merge_unnamed_in_stories(record, [{"d1", "d2"}]) == {}


def test_a_spokesman_for_one_body_is_not_another_bodys_named_spokesman(
    analyse: Analyse,
) -> None:
    """examples/ wire copy: "a spokesman for the International Committee of the Red
    Cross" is not "Hamas spokesman Abdel Latif al-Qanoua" of the same story."""
    analysis = analyse(
        '"The exchange was completed," a spokesman for the International Committee of the '
        "Red Cross told reporters.",
        ("actors",),
    )
    (spokesman,) = [a for a in analysis.actors if a.key == "~spokesman"]
    assert texts(spokesman) == ["a spokesman for the International Committee of the Red Cross"]
    record = Record(
        actors=[
            named("p1", "Abdel Latif al-Qanoua", [("d1", "Hamas spokesman", "role")]),
            Actor(
                id="o1",
                name="International Committee of the Red Cross",
                kind="organization",
                key="international committee red cross",
                mentions=[Mention(doc="d2", start=0, end=5, text="ICRC")],
            ),
            spokesman.model_copy(
                update={
                    "id": "a1",
                    "mentions": [m.model_copy(update={"doc": "d2"}) for m in spokesman.mentions],
                }
            ),
        ]
    )
    assert merge_unnamed_in_stories(record, [{"d1", "d2"}]) == {}
