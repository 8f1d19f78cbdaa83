"""The neighbourhood a store hands incremental linking: its stories' reports with what
was found in them, and each actor with its mentions in those reports only (a person named
across the corpus brings none of the rest)."""

from __future__ import annotations

from pathlib import Path

from presswatch.lang.names import unnamed_key
from presswatch.model import Actor, Document, DocumentAnalysis, Mention, Record, Story
from presswatch.store import Store
from tests.conftest import Analyse, save_linked

REPORTS = [
    (
        "Ayatollah Ali Khamenei received a Hamas delegation in Tehran on Saturday and "
        "praised the resistance in Gaza.",
        {"outlet": "Tehran Times", "published": "2025-02-08"},
    ),
    (
        "A 6.1-magnitude earthquake struck northern Chile on Saturday, damaging houses in "
        "Arica. Ali Khamenei sent condolences to Chile.",
        {"outlet": "Wire", "published": "2025-06-14"},
    ),
    (
        "Chile counted the damage on Sunday after the earthquake that struck Arica, as "
        "aftershocks shook the north. Khamenei's message was read out.",
        {"outlet": "Chile Daily", "published": "2025-06-15"},
    ),
]


def test_neighbour_actors_carry_only_their_mentions_in_its_reports(
    analyse: Analyse, tmp_path: Path
) -> None:
    db = tmp_path / "corpus.db"
    record = save_linked(db, [analyse(text, **meta) for text, meta in REPORTS])
    assert len(record.stories) >= 2
    story = next(s for s in record.stories if record.documents[0].id in s.documents)
    inside = set(story.documents)
    whole = {a.id: a for a in record.actors}
    with Store.open(db) as store:
        near = store.neighbourhood([story.id])
    assert {d.id for d in near.documents} == inside
    assert near.actors
    trimmed = 0
    for actor in near.actors:
        assert {m.doc for m in actor.mentions} <= inside
        # The same mentions, in the stored order, as the whole actor has in these reports.
        assert actor.mentions == [m for m in whole[actor.id].mentions if m.doc in inside]
        assert actor.model_copy(update={"mentions": []}) == whole[actor.id].model_copy(
            update={"mentions": []}
        )
        trimmed += len(whole[actor.id].mentions) - len(actor.mentions)
    # Khamenei is named in other stories' reports too: those mentions stay out.
    assert trimmed > 0


def test_an_unnamed_person_named_outside_the_neighbourhood_keeps_every_mention(
    tmp_path: Path,
) -> None:
    # Unnamed people merge only within one story holding all their reports: trimmed to
    # the neighbourhood, "voters" of two stories would look like one story's and merge.
    documents = [
        Document(id=d, source=f"{d}.txt", text=f"Voters and Smith in {d}.") for d in ("d1", "d2")
    ]

    def mentions(text: str) -> list[Mention]:
        return [Mention(doc=d, start=0, end=len(text), text=text) for d in ("d1", "d2")]

    record = Record(
        documents=documents,
        actors=[
            Actor(
                id="a1",
                name="voters",
                kind="group",
                key=unnamed_key("voters"),
                mentions=mentions("Voters"),
            ),
            Actor(id="a2", name="Smith", kind="person", key="smith", mentions=mentions("Smith")),
        ],
        stories=[Story(id="s1", documents=["d1"]), Story(id="s2", documents=["d2"])],
    )
    with Store.open(tmp_path / "unnamed.db") as store:
        store.save_analyses([DocumentAnalysis(document=d) for d in documents])
        store.save_corpus(record)
        near = {a.id: a for a in store.neighbourhood(["s1"]).actors}
    assert [m.doc for m in near["a1"].mentions] == ["d1", "d2"]
    assert [m.doc for m in near["a2"].mentions] == ["d1"]
