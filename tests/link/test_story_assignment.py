"""Story assignment is online: reports added to a stored corpus join or open stories and
leave every existing story, and its id, as it was."""

from __future__ import annotations

from dataclasses import replace
from importlib import resources
from pathlib import Path

import pytest
from typer.testing import CliRunner

from presswatch.cli import app
from presswatch.lang.data import DataFileError
from presswatch.link import CorpusContext, link_after_actors, link_corpus
from presswatch.link.stories import (
    LINKAGES,
    SIGNALS,
    STORY_WEIGHTS,
    StoryBuilder,
    StoryClusterer,
    story_weights,
)
from presswatch.model import Record
from presswatch.pipeline import run_analysis
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


def assert_every_story_kept(before: dict[str, set[str]], after: Record) -> dict[str, set[str]]:
    """`after`'s memberships, once each story of `before` is found there under its id
    with at least its reports."""
    grown = memberships(after)
    for story, documents in before.items():
        assert story in grown
        assert documents <= grown[story]
    return grown


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
    assert_every_story_kept(memberships(before), after)
    assert len(after.stories) > len(before.stories)


EARLIER = (
    "Seismologists recorded a swarm of small tremors off Arica in northern Chile on "
    "Friday, the national seismological centre said.",
    {"outlet": "Andes Post", "published": "2025-02-07"},
)


def link_keeping_stories(record: Record, stored: Record) -> Record:
    """What `analyze` does with new reports: the stored stories kept, the rest linked."""
    record.stories = list(stored.stories)
    link_after_actors(CorpusContext(record, Settings()))
    return record


def test_new_reports_join_a_stored_corpus_and_every_stored_story_keeps_its_id(
    analyse: Analyse, tmp_path: Path
) -> None:
    db = tmp_path / "corpus.db"
    save_linked(db, [analyse(text, **meta) for text, meta in REPORTS])
    new = [analyse(text, **meta) for text, meta in [*LATER, EARLIER]]
    with Store.open(db) as store:
        before = store.load_record()
        stored = store.load_analyses(store.document_ids())
        # The earlier report would found the quake's story if all were placed anew.
        record = link_corpus(stored + new, Settings(linkers=("actors",)))
        store.save_analyses(new)
        store.save_corpus(link_keeping_stories(record, before))
    with Store.open(db) as store:
        after = store.load_record()
    grown = assert_every_story_kept(memberships(before), after)
    placed = {d for documents in grown.values() for d in documents}
    assert {a.document.id for a in new} <= placed
    outlets = {d.id: d.outlet for d in after.documents}
    [quake] = [s for s in after.stories if "Wire" in {outlets[d] for d in s.documents}]
    assert "Chile Daily" in {outlets[d] for d in quake.documents}
    assert quake.id in memberships(before)


def test_regroup_places_every_stored_report_anew(analyse: Analyse, tmp_path: Path) -> None:
    db = tmp_path / "corpus.db"
    linked = save_linked(db, [analyse(text, **meta) for text, meta in REPORTS])
    result = CliRunner().invoke(app, ["regroup", "--db", str(db)])
    assert result.exit_code == 0, result.output
    stories = len(linked.stories)
    assert f"regrouped 3 reports into {stories} stories ({stories} of {stories}" in result.output
    with Store.open(db) as store:
        assert memberships(store.load_record()) == memberships(linked)


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


def write_reports(folder: Path, reports: list[tuple[str, dict[str, str]]]) -> str:
    folder.mkdir()
    for number, (text, meta) in enumerate(reports):
        header = "".join(f"{key.title()}: {value}\n" for key, value in meta.items())
        (folder / f"report-{number}.txt").write_text(f"{header}\n{text}\n", encoding="utf-8")
    return str(folder)


def test_analyze_into_a_stored_corpus_keeps_every_story_id(tmp_path: Path) -> None:
    """`analyze` of new reports into a stored SQLite corpus, one published before the
    stored ones: each joins or opens a story, and no stored story changes its id."""
    db = tmp_path / "corpus.db"
    run_analysis([write_reports(tmp_path / "first", REPORTS)], settings=Settings(), db=db)
    with Store.open(db) as store:
        before = memberships(store.load_record())
    later = write_reports(tmp_path / "later", [LATER[0], EARLIER])
    run_analysis([later], settings=Settings(), db=db)
    with Store.open(db) as store:
        after = store.load_record()
    assert_every_story_kept(before, after)
    assert len(after.documents) == len(REPORTS) + 2
    assert {d.id for d in after.documents} <= {d for s in after.stories for d in s.documents}


def test_a_run_larger_than_the_stored_corpus_still_keeps_every_story_id(
    tmp_path: Path,
) -> None:
    """More new reports than stored ones are linked by a whole-corpus pass, not by
    lookup; that pass keeps the stored stories too: only `regroup` reshuffles them."""
    db = tmp_path / "corpus.db"
    run_analysis([write_reports(tmp_path / "first", [REPORTS[1]])], settings=Settings(), db=db)
    with Store.open(db) as store:
        before = memberships(store.load_record())
    more = write_reports(tmp_path / "more", [REPORTS[0], REPORTS[2], *LATER, EARLIER])
    run_analysis([more], settings=Settings(), db=db)
    with Store.open(db) as store:
        after = store.load_record()
    assert_every_story_kept(before, after)
    assert len(after.documents) == len(REPORTS) + len(LATER) + 1
