"""Analyses read compacted (`presswatch.compact`) are the same record, and the whole-corpus
pass that drops them once merged (`pipeline.link_stored`) saves what `link_corpus` gives."""

from __future__ import annotations

import platform
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from presswatch import pipeline
from presswatch.compact import _malloc_trim, compact, release_free_memory
from presswatch.link import link_corpus
from presswatch.model import Actor, DocumentAnalysis, Mention
from presswatch.settings import Settings
from presswatch.store import Store

Analyse = Callable[..., DocumentAnalysis]

TEXTS = (
    (
        'Prime Minister Keir Starmer said on Monday that "the talks will go on". Starmer met '
        "Emmanuel Macron in Paris, where the two leaders discussed 40,000 troops.",
        {"outlet": "Wire", "published": "2025-03-03"},
    ),
    (
        'Keir Starmer told reporters in Paris: "the talks will go on." Macron agreed, and '
        "officials put the number of troops at 30,000.",
        {"outlet": "Daily", "published": "2025-03-04"},
    ),
    (
        "Emmanuel Macron said France would send troops. The French president met Starmer.",
        {"outlet": "Evening", "published": "2025-03-05"},
    ),
)


def _raw(db: Path) -> list[DocumentAnalysis]:
    with Store.open(db) as store:
        rows = store.connection.execute("SELECT json FROM analyses ORDER BY rowid")
        return [DocumentAnalysis.model_validate_json(row[0]) for row in rows]


def test_compacted_analyses_are_the_same_record_and_the_full_pass_saves_link_corpus(
    analyse: Analyse, tmp_path: Path
) -> None:
    db = tmp_path / "c.db"
    with Store.open(db) as store:
        store.save_analyses([analyse(text, **meta) for text, meta in TEXTS])
        loaded = store.load_analyses(store.document_ids())
    raw = _raw(db)
    assert [a.model_dump_json() for a in loaded] == [a.model_dump_json() for a in raw]
    mentions = [m for a in loaded for actor in a.actors for m in actor.mentions]
    assert len(mentions) > 3
    # One fields set for every mention, not one each; equal short strings are one object.
    assert len({id(m.model_fields_set) for m in mentions}) == 1
    names = [m.text for m in mentions if m.text == "Starmer"]
    assert len(names) > 1 and len({id(n) for n in names}) == 1
    expected = link_corpus(raw, Settings())
    assert link_corpus(loaded, Settings()).model_dump_json() == expected.model_dump_json()
    # `presswatch relink`: analyses read compacted and dropped once merged.
    pipeline.relink(db)
    with Store.open(db) as store:
        assert store.load_record().model_dump_json() == expected.model_dump_json()


def test_json_of_an_older_schema_dumps_the_same_and_assigning_leaves_the_shared_set() -> None:
    # Stored before `office` existed: the field is missing from the JSON.
    old = '{"doc": "d1", "start": 3, "end": 9, "text": "Macron", "kind": "surname"}'
    mention, plain = Mention.model_validate_json(old), Mention.model_validate_json(old)
    actor = Actor(id="a1", name="Emmanuel Macron", kind="person", mentions=[mention])
    compact(actor)
    assert mention.model_dump_json() == plain.model_dump_json()
    shared = set(mention.model_fields_set)
    mention.office = "FRA.president"
    other = Mention.model_validate_json(old)
    compact(other)
    assert other.model_fields_set == shared == set(Mention.model_fields)
    assert other.office is None and mention.office == "FRA.president"


def test_compacted_models_share_their_dicts_key_tables_and_dump_the_same_json() -> None:
    # CPython's key-sharing dicts: a compacted model's dict holds its values, the keys are
    # its class's holder's. Fails if the dicts stop sharing (a dict filled another way).
    text = '{"doc": "d1", "start": 3, "end": 9, "text": "Macron", "kind": "surname"}'
    plain = Mention.model_validate_json(text)
    mentions = [Mention.model_validate_json(text) for _ in range(3)]
    actor = Actor(id="a1", name="Emmanuel Macron", kind="person", mentions=mentions)
    whole = Actor.model_validate_json(actor.model_dump_json())
    compact(actor)
    for mention in mentions:
        assert sys.getsizeof(mention.__dict__) < sys.getsizeof(plain.__dict__)
        assert mention.model_dump_json() == plain.model_dump_json()
    assert sys.getsizeof(actor.__dict__) < sys.getsizeof(whole.__dict__)
    assert actor.model_dump_json() == whole.model_dump_json()
    # Assigning a field (what the linkers do) keeps the dict shared, and is read back.
    mentions[0].start, mentions[0].office = 4, "FRA.president"
    assert sys.getsizeof(mentions[0].__dict__) == sys.getsizeof(mentions[1].__dict__)
    assert (
        mentions[0].model_dump_json()
        == plain.model_copy(update={"start": 4, "office": "FRA.president"}).model_dump_json()
    )
    assert mentions[1].model_dump_json() == plain.model_dump_json()


def test_free_heap_memory_is_given_back_where_glibc_allows() -> None:
    # On glibc (this project's Linux images) the trim is found, so the pass releases the
    # C heap's free pages between linkers; elsewhere it quietly does nothing.
    if not sys.platform.startswith("linux") or platform.libc_ver()[0] != "glibc":
        pytest.skip("malloc_trim is glibc's")
    assert _malloc_trim() is not None
    release_free_memory()
