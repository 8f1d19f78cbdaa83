"""`presswatch export`: the stored record as one table per record kind, Parquet or JSON
lines, every row of the store read back."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from presswatch.cli import app
from presswatch.model import Record
from presswatch.pipeline import run_analysis
from presswatch.render.tables import TABLES, export_tables, iter_tables
from presswatch.settings import Settings
from presswatch.store import Store
from tests.conftest import EXAMPLES


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """examples/ analysed into a store, as `presswatch analyze examples/ --db` does."""
    db = tmp_path_factory.mktemp("export") / "examples.db"
    _, summary = run_analysis([str(EXAMPLES)], settings=Settings(), db=db, keep_record=False)
    assert summary.failures == []
    return db


@pytest.fixture(scope="module")
def stored_record(store_path: Path) -> Record:
    with Store.open(store_path) as store:
        return store.load_record()


def stored_rows(db: Path) -> dict[str, int]:
    """Rows per exported table, counted in the store's own tables."""
    queries = {
        "documents": "SELECT count(*) FROM record_documents",
        "mentions": "SELECT count(*) FROM mentions",
        "participants": "SELECT count(*) FROM event_participants",
        "event_mentions": "SELECT sum(json_array_length(json, '$.mentions')) FROM events",
    }
    with Store.open(db) as store:
        return {
            table: int(
                store.connection.execute(
                    queries.get(table, f"SELECT count(*) FROM {table}")
                ).fetchone()[0]
                or 0
            )
            for table in iter_tables()
        }


def test_every_table_reads_back_with_pyarrow_and_counts_what_the_store_holds(
    store_path: Path, stored_record: Record, tmp_path: Path
) -> None:
    out = tmp_path / "parquet"
    result = CliRunner().invoke(
        app, ["export", "--db", str(store_path), "--format", "parquet", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    expected = stored_rows(store_path)
    assert sorted(p.stem for p in out.glob("*.parquet")) == sorted(expected)
    tables = {name: pq.read_table(out / f"{name}.parquet") for name in expected}
    assert {name: t.num_rows for name, t in tables.items()} == expected
    for name in ("documents", "actors", "mentions", "quotes", "events", "claims", "stories"):
        assert expected[name] > 0, name
    # Rows keep record order and ids; parts carry their owner's id.
    assert tables["documents"].column("id").to_pylist() == [d.id for d in stored_record.documents]
    assert tables["claims"].column("value_type").to_pylist() == [
        c.value.type for c in stored_record.claims
    ]
    first = stored_record.actors[0]
    mentions = tables["mentions"].to_pylist()
    assert [(m["doc"], m["start"]) for m in mentions if m["actor"] == first.id] == [
        (m.doc, m.start) for m in first.mentions
    ]
    assert tables["actors"].column("aliases").to_pylist()[0] == first.aliases
    # A nested list of objects is JSON text that parses back to the record's values.
    timeline = json.loads(tables["stories"].column("timeline").to_pylist()[0])
    assert [e["doc"] for e in timeline] == [e.doc for e in stored_record.stories[0].timeline]


def test_chunks_and_formats_write_the_same_rows(store_path: Path, tmp_path: Path) -> None:
    with Store.open(store_path) as store:
        whole = export_tables(store, tmp_path / "whole", "parquet")
        chunked = export_tables(store, tmp_path / "chunked", "parquet", chunk=3)
        lines = export_tables(store, tmp_path / "jsonl", "jsonl", chunk=5)
    assert whole == chunked == lines
    for kind in TABLES:
        a = pq.read_table(tmp_path / "whole" / f"{kind.name}.parquet")
        b = pq.read_table(tmp_path / "chunked" / f"{kind.name}.parquet")
        assert a.equals(b), kind.name
        rows = (tmp_path / "jsonl" / f"{kind.name}.jsonl").read_text().splitlines()
        assert [json.loads(r) for r in rows] == a.to_pylist(), kind.name


def test_an_empty_store_exports_empty_tables(tmp_path: Path) -> None:
    db = tmp_path / "empty.db"
    Store.open(db).close()
    result = CliRunner().invoke(app, ["export", "--db", str(db), "--out", str(tmp_path / "o")])
    assert result.exit_code == 0, result.output
    read = pq.read_table(tmp_path / "o" / "claims.parquet")
    assert read.num_rows == 0
    assert "value_type" in read.column_names
