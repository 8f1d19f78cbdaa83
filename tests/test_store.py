"""The SQLite store: idempotent saves, exact round trips, search, migrations."""

from __future__ import annotations

import sqlite3
from collections import Counter
from pathlib import Path

import pytest

from presswatch.errors import PresswatchError
from presswatch.link import link_corpus
from presswatch.link.actors import rewrite_actor_references
from presswatch.model import DocumentAnalysis, Record
from presswatch.settings import Settings
from presswatch.store import SearchQueryError, Store, migrations
from tests.conftest import Analyse
from tests.unwritable import unwritable

REPORT = (
    "Omani Foreign Minister Badr Albusaidi received Iran's Abbas Araghchi in Muscat on "
    'Sunday. "The talks were useful," Araghchi told reporters after the meeting.'
)
OTHER = (
    "Qatar's prime minister said in Doha that mediators were cautiously optimistic. "
    '"We expect the next round within days," he said.'
)


@pytest.fixture
def analyses(analyse: Analyse) -> list[DocumentAnalysis]:
    return [
        analyse(REPORT, outlet="Times of Oman", source="a.txt"),
        analyse(OTHER, outlet="Gulf Observer", source="b.txt"),
    ]


def test_store_is_in_wal_mode_with_the_latest_schema(tmp_path: Path) -> None:
    with Store.open(tmp_path / "p.db") as store:
        mode = store.connection.execute("PRAGMA journal_mode").fetchone()[0]
        assert mode == "wal"
        assert store.schema_version == migrations()[-1][0]


def test_saving_the_same_analyses_twice_adds_no_rows(
    tmp_path: Path, analyses: list[DocumentAnalysis]
) -> None:
    record = link_corpus(analyses, Settings())
    with Store.open(tmp_path / "p.db") as store:
        store.save_analyses(analyses)
        store.save_corpus(record)
        first = store.counts()
        store.save_analyses(analyses)
        store.save_corpus(record)
        assert store.counts() == first
        assert first["documents"] == 2 and first["quotes"] == len(record.quotes)


def test_corpus_record_round_trips_exactly(
    tmp_path: Path, analyses: list[DocumentAnalysis]
) -> None:
    record = link_corpus(analyses, Settings())
    with Store.open(tmp_path / "p.db") as store:
        store.save_analyses(analyses)
        store.save_corpus(record)
    with Store.open(tmp_path / "p.db", create=False) as store:
        assert store.load_record() == record


def test_stored_analysis_is_reused_only_for_the_same_pipeline_version(
    tmp_path: Path, analyses: list[DocumentAnalysis]
) -> None:
    analyses[0].pipeline = "model-1/abc"
    with Store.open(tmp_path / "p.db") as store:
        store.save_analyses(analyses[:1])
        doc_id = analyses[0].document.id
        assert store.load_analysis(doc_id, "model-1/abc") == analyses[0]
        assert store.load_analysis(doc_id, "model-2/abc") is None
        assert store.document_ids() == [doc_id]


def test_search_finds_documents_and_quotes_and_survives_odd_syntax(
    tmp_path: Path, analyses: list[DocumentAnalysis]
) -> None:
    with Store.open(tmp_path / "p.db") as store:
        store.save_analyses(analyses)
        store.save_corpus(link_corpus(analyses, Settings()))
        hits = store.search("useful")
        assert {h.kind for h in hits} == {"document", "quote"}
        assert all(h.outlet == "Times of Oman" for h in hits)
        # Plain words with punctuation FTS5 cannot parse are searched as a phrase.
        assert store.search("Araghchi's") == store.search('"Araghchi\'s"')


def old_store(path: Path, version: int, analyses: list[DocumentAnalysis]) -> Path:
    """A store as the presswatch of schema `version` wrote it, holding these analyses."""
    store = Store(sqlite3.connect(path, isolation_level=None), path)
    store.migrate(target=version)
    store.save_analyses(analyses)
    store.close()
    return path


def test_opening_a_missing_store_read_only_is_a_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(PresswatchError, match=r"nope\.db: no such store"):
        Store.open(tmp_path / "nope.db", create=False)


def test_a_file_that_is_not_sqlite_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    path.write_text("this is not a database " * 100)
    with pytest.raises(PresswatchError, match="not a presswatch store"):
        Store.open(path)


def test_a_version_one_store_is_migrated_on_open(
    tmp_path: Path, analyses: list[DocumentAnalysis]
) -> None:
    path = tmp_path / "old.db"
    store = Store(sqlite3.connect(path, isolation_level=None), path)
    store.migrate(target=1)
    store.save_analyses(analyses)
    assert store.schema_version == 1
    store.close()
    with Store.open(path) as upgraded:
        assert upgraded.schema_version == migrations()[-1][0]
        assert upgraded.counts()["documents"] == 2
        upgraded.record_failures([("x.pdf", "binary file (application/pdf)")])
        assert upgraded.counts()["failures"] == 1


def test_the_record_keeps_the_document_read_it_was_saved_with(
    tmp_path: Path, analyses: list[DocumentAnalysis]
) -> None:
    record = link_corpus(analyses, Settings())
    moved = record.documents[0].model_copy(update={"source": "archive/a.txt"})
    record.documents[0] = moved
    with Store.open(tmp_path / "p.db") as store:
        store.save_analyses(analyses)
        store.save_corpus(record)
        assert store.load_record() == record
        assert store.load_record().documents[0].source == "archive/a.txt"


def test_search_index_holds_each_document_and_quote_once_after_saving_again(
    tmp_path: Path, analyses: list[DocumentAnalysis]
) -> None:
    record = link_corpus(analyses, Settings())
    with Store.open(tmp_path / "p.db") as store:
        for _ in range(2):
            store.save_analyses(analyses)
            store.save_corpus(record)
        hits = store.search("useful")
        assert sorted(h.kind for h in hits) == ["document", "quote"]


def test_a_store_saved_before_record_documents_existed_keeps_its_record(
    tmp_path: Path, analyses: list[DocumentAnalysis]
) -> None:
    path = old_store(tmp_path / "v2.db", 2, analyses)
    with Store.open(path) as upgraded:
        ids = [d.id for d in upgraded.load_record().documents]
        assert ids == [a.document.id for a in analyses]


def test_a_store_from_a_newer_presswatch_is_refused_not_rewritten(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    with Store.open(path) as store:
        store.connection.execute("PRAGMA user_version = 999")
    with pytest.raises(PresswatchError, match=r"new\.db: store schema 999 is newer"):
        Store.open(path)


def test_a_store_in_a_missing_folder_or_on_a_folder_is_a_one_line_error(
    tmp_path: Path,
) -> None:
    with pytest.raises(PresswatchError, match="does not exist"):
        Store.open(tmp_path / "absent" / "p.db")
    with pytest.raises(PresswatchError, match="is a directory"):
        Store.open(tmp_path)


@pytest.fixture
def saved(tmp_path: Path, analyses: list[DocumentAnalysis]) -> Path:
    """A store holding the two reports, closed, alone in its own folder."""
    path = tmp_path / "store" / "p.db"
    path.parent.mkdir()
    with Store.open(path) as store:
        store.save_analyses(analyses)
        store.save_corpus(link_corpus(analyses, Settings()))
    return path


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ("Darwish AND", 'fts5: syntax error near ""'),
        ('"unbalanced', "unterminated string"),
        ("NEAR(", 'fts5: syntax error near ""'),
        ("\x00", "nothing to search for"),
    ],
)
def test_a_search_fts5_cannot_run_is_one_line_naming_the_query_and_fts5s_reason(
    saved: Path, query: str, reason: str
) -> None:
    with Store.read(saved) as store:
        with pytest.raises(SearchQueryError) as raised:
            store.search(query)
        assert str(raised.value) == f"search {query!r}: {reason}"
        assert store.counts()["documents"] == 2


def test_a_nul_in_a_search_is_dropped_not_taken_as_the_end_of_the_query(saved: Path) -> None:
    with Store.read(saved) as store:
        assert store.search("useful\x00") == store.search("useful") != []
        assert store.search('"talks were\x00 useful"') == store.search('"talks were useful"')


def test_reading_a_store_in_a_folder_nobody_may_write_writes_nothing_beside_it(
    saved: Path,
) -> None:
    with unwritable(saved, saved.parent), Store.read(saved) as store:
        assert store.counts()["documents"] == 2
        assert {h.kind for h in store.search("useful")} == {"document", "quote"}
        assert [p.name for p in saved.parent.iterdir()] == ["p.db"]


def test_a_store_opened_for_reading_refuses_every_write(saved: Path) -> None:
    with (
        Store.read(saved) as store,
        pytest.raises(sqlite3.OperationalError, match="readonly database"),
    ):
        store.record_failures([("x.pdf", "binary file (application/pdf)")])
    with Store.read(saved) as store:
        assert store.counts()["failures"] == 0


def test_writing_to_a_read_only_store_is_refused_in_one_line_and_it_stays_readable(
    saved: Path,
) -> None:
    with unwritable(saved):
        with pytest.raises(PresswatchError, match=r"^.*p\.db: store is read-only$"):
            Store.check_writable(saved)
        with pytest.raises(PresswatchError, match=r"p\.db: store is read-only$"):
            Store.open(saved)
        with Store.read(saved) as store:
            assert store.counts()["documents"] == 2


def test_a_store_in_a_read_only_folder_is_refused_for_writing_naming_the_folder(
    saved: Path,
) -> None:
    with unwritable(saved.parent), pytest.raises(PresswatchError) as raised:
        Store.open(saved)
    assert str(raised.value) == (
        f"{saved}: store is read-only (folder {saved.parent} cannot be written)"
    )


def test_an_older_store_is_upgraded_once_when_first_read(
    tmp_path: Path, analyses: list[DocumentAnalysis]
) -> None:
    path = old_store(tmp_path / "old.db", 1, analyses)
    with Store.read(path) as upgraded:
        assert upgraded.schema_version == migrations()[-1][0]
        assert upgraded.counts()["documents"] == 2


def test_quote_groups_are_indexed_by_story_once(tmp_path: Path) -> None:
    """Migrations 006 and 009 each indexed quote_groups by story; 010 keeps one, and a
    lookup by story still uses it."""
    with Store.open(tmp_path / "p.db") as store:
        indexes = [
            row[0]
            for row in store.connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'quote_groups'"
                " AND sql LIKE '%(story)%'"
            )
        ]
        plan = " ".join(
            str(row[-1])
            for row in store.connection.execute(
                "EXPLAIN QUERY PLAN SELECT json FROM quote_groups WHERE story = 's1'"
            )
        )
    assert indexes == ["quote_groups_by_story"]
    assert "quote_groups_by_story" in plan


def test_the_record_text_is_the_loaded_record_s_json_piece_by_piece(
    tmp_path: Path, analyses: list[DocumentAnalysis]
) -> None:
    """`record_text` gives `load_record().to_json(indent=None)` byte for byte, one row at
    a time too, and a row an older presswatch stored without a field added since comes out
    with it, as the loaded record has it."""
    record = link_corpus(analyses, Settings())
    with Store.open(tmp_path / "p.db") as store:
        store.save_analyses(analyses)
        store.save_corpus(record)
        store.connection.execute("UPDATE record_documents SET json = json_remove(json, '$.place')")
        expected = store.load_record().to_json(indent=None)
        assert '"place":null' in expected
        assert "".join(store.record_text(size=1)) == expected
        assert "".join(store.record_text()) == expected
        # Indented (`show`), as the loaded record's indented JSON, empty kinds included.
        indented = store.load_record().to_json(indent=2)
        assert '"findings": []' in indented or '"stories": []' in indented
        assert "".join(store.record_text(size=1, indent=2)) == indented
        assert "".join(store.record_text(indent=2)) == indented


def test_rows_citing_a_merged_actor_are_pointed_at_its_survivor_in_place(saved: Path) -> None:
    """An increment that merges a stored actor into another (link/incremental.py) removes it
    and rewrites every stored row citing it, each in its place in the record."""
    with Store.open(saved) as store:
        before = store.load_record()
        cited = Counter(q.speaker for q in before.quotes if q.speaker is not None)
        gone, into = cited.most_common(1)[0][0], before.actors[-1].id
        assert gone != into
        rows = store.rows_citing_actors([gone])
        assert rows.quotes and rows.events and rows.stories
        rewrite_actor_references(rows, {gone: into})
        store.save_increment(
            added=Record(),
            actors=[],
            names={},
            replaced_stories=[],
            linked=Record(),
            kept_kinds=(),
            removed=[gone],
            rewritten=rows,
        )
        after = store.load_record()
        assert not store.rows_citing_actors([gone]).model_dump(exclude_defaults=True)
        participants = store.connection.execute(
            "SELECT count(*) FROM event_participants WHERE actor = ?", (gone,)
        ).fetchone()[0]
    assert participants == 0
    expected = before.model_copy(deep=True)
    expected.actors = [a for a in expected.actors if a.id != gone]
    rewrite_actor_references(expected, {gone: into})
    for kind in type(after).model_fields:
        assert getattr(after, kind) == getattr(expected, kind), kind
