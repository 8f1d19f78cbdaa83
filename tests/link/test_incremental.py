"""Adding reports to a stored corpus links them by lookup and gives the record a full
relink gives: on examples/, however the reports are split into runs."""

from __future__ import annotations

import itertools
import json
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from presswatch import pipeline
from presswatch.cli import app
from presswatch.lang.names import is_unnamed_key
from presswatch.model import Record
from presswatch.pipeline import run_analysis
from presswatch.settings import Settings
from presswatch.store import Store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
REPORTS = sorted(str(p) for p in EXAMPLES.iterdir() if p.name != "README.md")


def canonical(record: Record) -> dict[str, Any]:
    """The record with every list as a set of items (its order is the order the reports
    were added) and each actor's aliases as a set (the order its names were met). A
    stored story keeps its reports and new ones join it at the end, where a full link
    places them by date: a story's reports and events are compared as sets, and what is
    read off their order (the story's title, the order of outlets in a finding's summary
    and of its evidence) is left out."""
    data = json.loads(record.model_dump_json())
    for actor in data["actors"]:
        actor["aliases"] = sorted(actor["aliases"])
    for story in data["stories"]:
        story["documents"], story["events"] = sorted(story["documents"]), sorted(story["events"])
        story.pop("title", None)
    for finding in data["findings"]:
        finding["evidence"] = sorted(finding["evidence"], key=lambda e: (e["doc"], e["start"]))
        finding.pop("summary")
    return {
        key: sorted(json.dumps(item, sort_keys=True) for item in value)
        if isinstance(value, list)
        else value
        for key, value in data.items()
    }


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The examples analysed at once (a full link); added in runs of 5 and 3 reports, and
    2 by 2 (the later runs linked by lookup); and all but the last."""
    folder = tmp_path_factory.mktemp("incremental")
    full = folder / "full.db"
    run_analysis(REPORTS, settings=Settings(), db=full)
    built = {"full": full}
    last = len(REPORTS)
    runs = (("5+3", [0, 5, last]), ("2 by 2", [0, 2, 4, 6, last]), ("all but one", [0, last - 1]))
    for name, edges in runs:
        db = folder / f"{name.replace(' ', '-')}.db"
        for start, end in itertools.pairwise(edges):
            run_analysis(REPORTS[start:end], settings=Settings(), db=db)
        built[name] = db
    return built


def record_of(db: Path) -> Record:
    with Store.open(db) as store:
        return store.load_record()


@pytest.mark.parametrize("split", ["5+3", "2 by 2"])
def test_reports_added_in_runs_give_the_record_of_a_full_link(
    stores: dict[str, Path], split: str
) -> None:
    full, added = record_of(stores["full"]), record_of(stores[split])
    assert len(added.documents) == len(full.documents) > len(REPORTS)  # a feed holds several
    assert added.stories and added.findings and added.quote_groups
    assert canonical(added) == canonical(full)


def test_a_later_run_links_by_lookup_and_loads_only_its_own_analyses(
    stores: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "p.db"
    shutil.copyfile(stores["all but one"], db)

    def stopped(*args: object, **options: object) -> None:
        raise KeyboardInterrupt  # the run stops after storing, before linking

    monkeypatch.setattr(pipeline, "link_store", stopped)
    with pytest.raises(KeyboardInterrupt):
        run_analysis(REPORTS, settings=Settings(), db=db)
    monkeypatch.undo()
    with Store.open(db) as store:
        [last] = store.unlinked_document_ids()
    loaded: list[str] = []
    original = Store.load_analyses

    def load_analyses(self: Store, ids: Sequence[str]) -> list[Any]:
        loaded.extend(ids)
        return original(self, ids)

    def no_full_relink(*args: object) -> None:
        raise AssertionError("a full relink")

    monkeypatch.setattr(Store, "load_analyses", load_analyses)
    monkeypatch.setattr(pipeline, "relink_store", no_full_relink)
    _, summary = run_analysis(REPORTS, settings=Settings(), db=db, keep_record=False)
    assert summary.reused == summary.documents and summary.analysed == 0
    assert loaded == [last]
    monkeypatch.undo()
    assert canonical(record_of(db)) == canonical(record_of(stores["full"]))


def test_relink_rebuilds_the_record_a_full_link_gives(
    stores: dict[str, Path], tmp_path: Path
) -> None:
    db = tmp_path / "p.db"
    shutil.copyfile(stores["2 by 2"], db)
    result = CliRunner().invoke(app, ["relink", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert f"relinked {len(record_of(db).documents)} documents" in result.output
    assert record_of(db) == record_of(stores["full"])


def test_a_store_without_lookups_is_relinked_in_full(
    stores: dict[str, Path], tmp_path: Path
) -> None:
    db = tmp_path / "p.db"
    shutil.copyfile(stores["all but one"], db)
    with Store.open(db) as store:
        store.connection.execute("DELETE FROM actor_keys")  # linked before migration 006
    run_analysis(REPORTS, settings=Settings(), db=db, keep_record=False)
    assert record_of(db) == record_of(stores["full"])


def test_a_store_past_migration_006_without_its_tables_gets_them(tmp_path: Path) -> None:
    # Migration 009 landed before 006: a store made then is at version 9 without 006.
    db = tmp_path / "p.db"
    with Store.open(db) as store:
        version = store.schema_version
        for table in ("actor_keys", "story_documents", "finding_documents", "actor_member_names"):
            store.connection.execute(f"DROP TABLE {table}")
        store.connection.execute("DROP INDEX quote_groups_by_story")
    with Store.open(db) as store:
        assert store.schema_version == version
        assert store.lookups_ready()
        store.save_corpus(Record())


def test_unnamed_people_added_in_later_runs_join_the_stored_one_of_their_story(
    stores: dict[str, Path],
) -> None:
    """'the people' of one story, described in reports added 2 by 2: the later runs merge
    theirs with the stored unnamed person (linker "unnamed", on by default), as a full
    link does, and every reference the store holds names a stored actor."""
    full, added = record_of(stores["full"]), record_of(stores["2 by 2"])
    run_of_file = {Path(p).name: n // 2 for n, p in enumerate(REPORTS)}
    # A feed's entries have their own URLs as sources.
    run_of = {
        d.id: run_of_file.get(Path(d.source).name, run_of_file["feed.rss"]) for d in full.documents
    }
    across = [
        a
        for a in full.actors
        if is_unnamed_key(a.key) and len({run_of[m.doc] for m in a.mentions}) > 1
    ]
    assert across  # the split does put one story's unnamed people in different runs
    stored = {a.id: a for a in added.actors}
    for actor in across:
        assert stored[actor.id].mentions == actor.mentions
    ids = set(stored)
    assert {q.speaker for q in added.quotes} - {None} <= ids
    assert {p.actor for e in added.events for p in e.participants} <= ids
    assert {a for s in added.stories for a in s.participants} <= ids
    assert {a for f in added.findings for a in f.actors} <= ids
    assert {a for actor in added.actors for a in actor.affiliations} <= ids
    with Store.open(stores["2 by 2"]) as store:
        names = store.actor_member_names(sorted(ids))
    assert set(names) <= ids
    for db in (stores["full"], stores["2 by 2"]):
        with Store.open(db) as store:
            assert store.connection.execute("PRAGMA foreign_key_check").fetchall() == []
    assert {a.id for a in across} <= set(names)


def test_a_runs_own_record_cites_the_stored_ids_of_its_unnamed_people(
    stores: dict[str, Path], tmp_path: Path
) -> None:
    """The record a run returns (its reports alone) names each unnamed person by the id
    the store gave it, also where the store merged it with an earlier report's."""
    full = record_of(stores["full"])
    file_of = {
        d.id: next(
            (p for p in REPORTS if Path(p).name == Path(d.source).name), str(EXAMPLES / "feed.rss")
        )
        for d in full.documents
    }
    # A report whose unnamed person the full link merged with another file's.
    last = next(
        file_of[a.mentions[-1].doc]
        for a in full.actors
        if is_unnamed_key(a.key) and len({file_of[m.doc] for m in a.mentions}) > 1
    )
    db = tmp_path / "p.db"
    run_analysis([p for p in REPORTS if p != last], settings=Settings(), db=db)
    record, _ = run_analysis([last], settings=Settings(), db=db)
    stored = {a.id: a for a in record_of(db).actors}
    assert {a.id for a in record.actors} <= set(stored)
    assert {q.speaker for q in record.quotes} - {None} <= set(stored)
    ours = [a for a in record.actors if is_unnamed_key(a.key)]
    assert any(len(stored[a.id].mentions) > len(a.mentions) for a in ours)
