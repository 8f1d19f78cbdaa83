"""Story assignment is online: reports added to a stored corpus join or open stories and
leave every existing story, and its id, as it was."""

from __future__ import annotations

from dataclasses import replace
from importlib import resources
from pathlib import Path

import pytest

from presswatch.lang.data import DataFileError
from presswatch.link import link_corpus
from presswatch.link.stories import (
    LINKAGES,
    SIGNALS,
    STORY_WEIGHTS,
    StoryBuilder,
    StoryClusterer,
    story_weights,
)
from presswatch.model import Record
from presswatch.settings import Settings
from presswatch.store import Store
from tests.conftest import Analyse, save_linked

REPORTS = [
    (
        "TEHRAN – Ayatollah Ali Khamenei received a Hamas delegation in Tehran this morning "
        "and praised the resistance in Gaza.",
        {"outlet": "Tehran Times", "published": "2025-02-08"},
    ),
    (
        "A 6.1-magnitude earthquake struck northern Chile on Saturday, damaging houses in "
        "Arica and cutting power to thousands.",
        {"outlet": "Wire", "published": "2025-02-08"},
    ),
    (
        "Sayyed Ali Khamenei hosted a delegation of Hamas in Tehran on Saturday and praised "
        "the resistance in Gaza, the Leader's office said.",
        {"outlet": "Press TV", "published": "2025-02-09"},
    ),
]
LATER = [
    (
        "Chile counted the damage on Sunday after the earthquake that struck Arica, as "
        "aftershocks shook the north.",
        {"outlet": "Chile Daily", "published": "2025-02-09"},
    ),
    (
        "Foreign Minister Abbas Araghchi flew to Moscow on Monday for talks on energy.",
        {"outlet": "IRNA", "published": "2025-02-10"},
    ),
]


def memberships(record: Record) -> dict[str, set[str]]:
    return {s.id: set(s.documents) for s in record.stories}


def test_reports_added_to_a_stored_corpus_leave_every_story_id_unchanged(
    analyse: Analyse, tmp_path: Path
) -> None:
    db = tmp_path / "corpus.db"
    save_linked(db, [analyse(text, **meta) for text, meta in REPORTS])
    with Store.open(db) as store:
        before = store.load_record()
        stored = store.load_analyses(store.document_ids())
    assert any(len(s.documents) == 2 for s in before.stories)
    after = link_corpus(stored + [analyse(text, **meta) for text, meta in LATER], Settings())
    grown = memberships(after)
    for story, documents in memberships(before).items():
        assert story in grown
        assert documents <= grown[story]
    assert len(after.stories) > len(before.stories)


def test_a_report_below_the_threshold_opens_its_own_story(analyse: Analyse) -> None:
    record = link_corpus([analyse(text, **meta) for text, meta in REPORTS], Settings())
    strict = StoryBuilder(record, replace(story_weights(), threshold=100.0)).build()
    assert all(len(s.documents) == 1 for s in strict)
    assert len(strict) == len(REPORTS)


def test_the_story_weights_file_loads_and_a_misspelt_signal_is_named(tmp_path: Path) -> None:
    weights = story_weights()
    assert set(weights.weights) <= set(SIGNALS)
    assert weights.linkage in LINKAGES
    source = resources.files("presswatch.data").joinpath("story_weights.json").read_text()
    broken = tmp_path / "story_weights.json"
    broken.write_text(source.replace('"numbers"', '"numbrs"', 1))
    with pytest.raises(DataFileError, match=r"story_weights\.json: entry weights\.numbrs"):
        STORY_WEIGHTS.read(broken)


def test_reports_of_one_event_score_above_the_threshold_and_other_news_below(
    analyse: Analyse,
) -> None:
    record = link_corpus([analyse(text, **meta) for text, meta in REPORTS], Settings())
    weights = story_weights()
    clusterer = StoryClusterer(StoryBuilder(record, weights), weights)
    scores = {frozenset((a.doc, b.doc)): clusterer.score(a, b) for a, b, _ in clusterer.pairs()}
    outlets = {d.id: d.outlet for d in record.documents}
    for pair, score in scores.items():
        same = {outlets[d] for d in pair} == {"Tehran Times", "Press TV"}
        assert (score > weights.threshold) == same, ({outlets[d] for d in pair}, score)
