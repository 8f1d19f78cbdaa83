"""Adding reports: people already stored were compared with each other when they were
linked, so the unnamed merge joins two of them only through a new report's person."""

from __future__ import annotations

from presswatch.lang.names import unnamed_key
from presswatch.link.actors import merge_unnamed_in_stories
from presswatch.model import Actor, Document, Mention, Record


def voters(actor_id: str, doc: str, head: str = "voter") -> Actor:
    mention = Mention(doc=doc, start=0, end=10, text=f"the {head}s", kind="role")
    return Actor(
        id=actor_id, name=f"the {head}s", kind="group", key=unnamed_key(head),
        roles=[head], mentions=[mention],
    )  # fmt: skip


def story(*actors: Actor) -> Record:
    documents = sorted({m.doc for a in actors for m in a.mentions})
    return Record(
        documents=[
            Document(id=d, source=f"{d}.txt", text="x" * 40, published=f"2025-03-0{n + 1}")
            for n, d in enumerate(documents)
        ],
        actors=list(actors),
    )


def test_two_stored_people_stay_apart_and_a_new_one_joins_the_first_reported() -> None:
    record = story(voters("a1", "d1"), voters("a2", "d2"), voters("a3", "d3"))
    merged = merge_unnamed_in_stories(record, [["d1", "d2", "d3"]], frozenset({"a1", "a2"}))
    assert merged == {"a3": "a1"}
    assert sorted(a.id for a in record.actors) == ["a1", "a2"]


def test_without_settled_people_the_same_story_merges_all_three() -> None:
    record = story(voters("a1", "d1"), voters("a2", "d2"), voters("a3", "d3"))
    merged = merge_unnamed_in_stories(record, [["d1", "d2", "d3"]])
    assert merged == {"a2": "a1", "a3": "a1"}


def test_a_stored_person_joins_one_that_took_in_a_new_report() -> None:
    # The new report (d1, the earliest) comes first: its person survives, and both stored
    # ones join it; a full pass over the same reports gives the same.
    record = story(voters("n1", "d1"), voters("a2", "d2"), voters("a3", "d3"))
    merged = merge_unnamed_in_stories(record, [["d1", "d2", "d3"]], frozenset({"a2", "a3"}))
    assert merged == {"a2": "n1", "a3": "n1"}
