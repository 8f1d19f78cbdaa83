"""Actors across reports: one actor per person, never two people merged."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from presswatch.link.actors import resolve_speakers_by_role
from presswatch.model import Actor, Document, Mention, Quote, Record
from presswatch.settings import Settings

Link = Callable[..., Record]


def people(record: Record) -> dict[str, set[str]]:
    return {
        a.name: {m.text for m in a.mentions if m.kind in ("name", "surname")}
        for a in record.actors
        if a.kind == "person"
    }


def test_spellings_across_outlets_merge(link: Link) -> None:
    record = link(
        ("Mohammad Ismail Darwish visited Tehran on Saturday.", {"outlet": "A"}),
        ("Muhammad Darwish visited Tehran on Saturday.", {"outlet": "B"}),
        ("Mohammed Ismail Dervish was received in Tehran.", {"outlet": "C"}),
    )
    found = people(record)
    darwish = [n for n in found if "Dar" in n or "Der" in n]
    assert darwish == ["Mohammad Ismail Darwish"]
    assert found["Mohammad Ismail Darwish"] >= {"Muhammad Darwish", "Mohammed Ismail Dervish"}


def test_haniyeh_never_merges_with_darwish(link: Link) -> None:
    record = link(
        ("Mohammad Ismail Darwish spoke in Doha. Darwish thanked Qatar.", {"outlet": "A"}),
        ("Ismail Haniyeh was killed in Tehran last July.", {"outlet": "B"}),
    )
    assert {"Mohammad Ismail Darwish", "Ismail Haniyeh"} <= set(people(record))


def test_sinwar_and_deif_stay_apart_and_ids_come_from_their_names(link: Link) -> None:
    statement = ("Yahya Sinwar and Muhammad Deif were named in the statement.", {"outlet": "A"})
    record = link(statement)
    names = [a.name for a in record.actors if a.kind == "person"]
    assert names == ["Yahya Sinwar", "Muhammad Deif"]
    ids = {a.name: a.id for a in record.actors}
    assert all(re.fullmatch(r"a[0-9a-f]{10}", i) for i in ids.values())
    # Read after another report, each keeps its id: an id is not a position.
    later = link(("Ismail Haniyeh was killed in Tehran last July.", {"outlet": "B"}), statement)
    assert {a.name: a.id for a in later.actors if a.name in ids} == ids


def test_bare_surname_joins_only_an_unambiguous_person(link: Link) -> None:
    record = link(
        ("Ali Darwish, a shopkeeper, spoke to reporters.", {"outlet": "A"}),
        ("Mohammad Ismail Darwish met officials.", {"outlet": "B"}),
        ("Mr Darwish said nothing after the meeting ended.", {"outlet": "C"}),
    )
    found = people(record)
    assert "Darwish" in found  # ambiguous: kept apart rather than guessed


def test_quote_speakers_follow_the_merge(link: Link) -> None:
    record = link(
        ('"We will return," Mohammad Ismail Darwish said in Doha.', {"outlet": "A"}),
        ('"We will return," Muhammad Darwish said in Doha.', {"outlet": "B"}),
    )
    speakers = {q.speaker for q in record.quotes}
    assert len(speakers) == 1 and speakers.pop() is not None


def test_known_actors_file_links_first(link: Link, tmp_path: Path) -> None:
    known = tmp_path / "actors.yaml"
    known.write_text(
        "- name: Ali Khamenei\n  aliases: [Sayyed Ali Khamenei]\n"
        "  roles: [Leader of the Islamic Revolution]\n  wikidata: Q57336\n"
    )
    record = link(
        ("Ayatollah Khamenei received the delegation in Tehran.", {"outlet": "A"}),
        settings=Settings(known_actors=str(known)),
    )
    leader = next(a for a in record.actors if a.name == "Ali Khamenei")
    assert leader.wikidata == "Q57336"
    assert "Leader of the Islamic Revolution" in leader.roles


def test_kunya_bound_to_two_people_is_an_alias_conflict(link: Link) -> None:
    record = link(
        ("Muhammad Deif, known as Abu Khaled, was named.", {"outlet": "A"}),
        ("Ahmad Jabari, known as Abu Khaled, was named.", {"outlet": "B"}),
    )
    conflicts = [f for f in record.findings if f.kind == "alias_conflict"]
    assert len(conflicts) == 1
    assert len(conflicts[0].evidence) == 2 and "Abu Khaled" in conflicts[0].summary


def test_role_phrase_speaker_resolves_through_another_report(link: Link) -> None:
    record = link(
        ("Mohammad Ismail Darwish, head of Hamas's leadership council, arrived.", {"outlet": "A"}),
        ('"We came to thank you," the head of the Hamas leadership council said.', {"outlet": "B"}),
    )
    darwish = next(a for a in record.actors if a.name == "Mohammad Ismail Darwish")
    assert [q.speaker for q in record.quotes] == [darwish.id]


def test_who_claims_an_event_points_at_the_merged_actor(link: Link) -> None:
    record = link(
        ("Iran said Israel attacked Syria on Sunday.", {"published": "2025-02-09"}),
        ("Iran accused Israel of striking Damascus.", {"published": "2025-02-10"}),
    )
    ids = {a.id: a.name for a in record.actors}
    claimed = [e.claimed_by for e in record.events if e.claimed_by is not None]
    assert claimed
    assert all(c in ids and ids[c] == "Iran" for c in claimed)


def test_a_role_bound_in_another_report_holds_only_near_its_date() -> None:
    """'The president said' takes the one person another report binds to "the president",
    when that report is within a year of the quote's; thirteen years on it is someone
    else, and an undated quote has no date to contradict the binding."""

    def document(doc: str, published: str | None) -> Document:
        return Document(id=doc, source=f"{doc}.txt", published=published, text="x" * 80)

    def quote(doc: str) -> Quote:
        return Quote(
            id=f"{doc}.q1", doc=doc, start=0, end=10, text="x", speaker_text="the president"
        )

    record = Record(
        documents=[
            document("d1", "2012-05-01"),
            document("d2", "2012-09-01"),
            document("d3", "2025-06-01"),
            document("d4", None),
        ],
        actors=[
            Actor(
                id="barack-obama",
                name="Barack Obama",
                kind="person",
                key="brck obm",
                mentions=[
                    Mention(doc="d1", start=0, end=12, text="Barack Obama", kind="name"),
                    Mention(doc="d1", start=20, end=33, text="the president", kind="role"),
                ],
            )
        ],
        quotes=[quote("d2"), quote("d3"), quote("d4")],
    )
    resolve_speakers_by_role(record)
    assert [q.speaker for q in record.quotes] == ["barack-obama", None, "barack-obama"]
