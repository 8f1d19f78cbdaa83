"""Listings are queries: the read commands and a document's page ask the store for their rows
by index and never load the whole record."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from presswatch.cli import app
from presswatch.model import Record
from presswatch.store import Store
from presswatch.web.app import create_app
from tests.conftest import Analyse, save_linked

MUSCAT = (
    "Omani Foreign Minister Badr Albusaidi received Iran's Abbas Araghchi in Muscat on "
    'Sunday. "The talks were useful," Araghchi told reporters. Officials said 120 prisoners '
    "were freed."
)
ROME = (
    "Abbas Araghchi wants to reopen the talks before the summer. José Peña, a spokesman, "
    "said that about 80 prisoners were freed on Sunday."
)
runner = CliRunner()


@pytest.fixture
def stored(tmp_path: Path, analyse: Analyse) -> tuple[Path, Record]:
    analyses = [
        analyse(MUSCAT, outlet="Times of Oman", source="muscat.txt", published="2025-03-02"),
        analyse(ROME, outlet="Tiber Post", source="rome.txt", published="2025-03-03"),
    ]
    db = tmp_path / "p.db"
    return db, save_linked(db, analyses)


def test_listings_hold_what_filtering_the_whole_record_gives(
    stored: tuple[Path, Record],
) -> None:
    db, record = stored
    araghchi = [a.id for a in record.actors if a.name == "Abbas Araghchi"]
    with Store.read(db) as store:
        people = [a for a in record.actors if a.kind == "person"]
        assert store.actors("person") == sorted(people, key=lambda a: -len(a.mentions))
        stances = store.quotes(araghchi, act="stance")
        assert [(q.item.text, q.speaker_name, q.outlet) for q in stances] == [
            ("to reopen the talks before the summer", "Abbas Araghchi", "Tiber Post")
        ]
        assert [q.item for q in store.quotes(kind="direct")] == [
            q for q in record.quotes if q.kind == "direct"
        ]
        claims = store.claims("PRISONERS")
        assert [c.item for c in claims] == record.claims and len(claims) == 2
        assert [(c.outlet, c.source, c.published) for c in claims] == [
            ("Times of Oman", "muscat.txt", "2025-03-02"),
            ("Tiber Post", "rome.txt", "2025-03-03"),
        ]
        assert store.claims("nothing of the kind") == []
        assert store.findings(order=("single_source",)) == record.findings
        assert store.findings("contradiction") == []
        doc = record.documents[1]
        page = store.document_record(doc.id)
        assert page is not None and page.documents == [doc]
        assert page.quotes == [q for q in record.quotes if q.doc == doc.id]
        assert page.actors == [a for a in record.actors if any(m.doc == doc.id for m in a.mentions)]
        assert page.events == [e for e in record.events if any(m.doc == doc.id for m in e.mentions)]
        assert store.document_record("dnothing") is None


def test_read_commands_and_a_documents_page_never_load_the_whole_record(
    stored: tuple[Path, Record], monkeypatch: pytest.MonkeyPatch
) -> None:
    db, record = stored

    def refuse(store: Store) -> Record:
        raise AssertionError("the whole record was loaded")

    monkeypatch.setattr(Store, "load_record", refuse)
    for command in (
        ["actors"],
        ["actors", "--name", "pena", "--json"],
        ["quotes"],
        ["quotes", "--speaker", "araghchi", "--act", "stance"],
        ["claims", "--subject", "prisoners"],
        ["findings", "--kind", "single_source"],
        ["search", "prisoners"],
    ):
        result = runner.invoke(app, [*command, "--db", str(db)])
        assert result.exit_code == 0, (command, result.output)
        assert result.stdout.strip(), command
        if "--name" in command:
            assert '"name":"José Peña"' in result.stdout
    client = TestClient(create_app(db), base_url="http://127.0.0.1:8000")
    page = client.get(f"/api/documents/{record.documents[0].id}")
    assert page.status_code == 200 and page.json()["document"]["outlet"] == "Times of Oman"


@pytest.fixture
def statements(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every SQL statement run by a store opened for reading, as SQLite ran it."""
    ran: list[str] = []
    read = Store.read.__func__  # type: ignore[attr-defined]

    def traced(cls: type[Store], path: Path) -> Store:
        store: Store = read(cls, path)
        store.connection.set_trace_callback(ran.append)
        return store

    monkeypatch.setattr(Store, "read", classmethod(traced))
    return ran


def full_scans(db: Path, statements: list[str]) -> list[str]:
    """The tables the statements read row by row (SCAN), rather than search by an index."""
    scans = []
    with sqlite3.connect(db) as connection:
        for statement in statements:
            if statement.lstrip().upper().startswith("SELECT"):
                for *_, detail in connection.execute(f"EXPLAIN QUERY PLAN {statement}"):
                    if detail.startswith("SCAN") and "VIRTUAL TABLE" not in detail:
                        scans.append(detail)
    return scans


@pytest.mark.parametrize(
    "command",
    [
        ["actors", "--kind", "person"],
        ["quotes", "--kind", "direct"],
        ["quotes", "--act", "stance"],
        ["findings", "--kind", "single_source"],
    ],
)
def test_a_filtered_listing_finds_its_rows_by_index(
    stored: tuple[Path, Record], statements: list[str], command: list[str]
) -> None:
    db, _ = stored
    result = runner.invoke(app, [*command, "--db", str(db)])
    assert result.exit_code == 0 and result.stdout.strip()
    assert any(re.search(r"\bFROM (actors|quotes|findings)\b", s) for s in statements)
    assert full_scans(db, statements) == []


def test_a_documents_page_finds_its_rows_by_index(
    stored: tuple[Path, Record], statements: list[str]
) -> None:
    db, record = stored
    client = TestClient(create_app(db), base_url="http://127.0.0.1:8000")
    assert client.get(f"/api/documents/{record.documents[1].id}").status_code == 200
    assert len(statements) > 5 and full_scans(db, statements) == []


def test_a_store_saved_before_listings_were_queries_lists_the_same(
    stored: tuple[Path, Record], tmp_path: Path
) -> None:
    db, record = stored
    old = tmp_path / "v3.db"
    store = Store(sqlite3.connect(old, isolation_level=None), old)
    store.migrate(target=3)
    # What schema 3 held of the record: the columns and JSON it wrote then.
    store.connection.execute("ATTACH ? AS new", (str(db),))
    for table, columns in {
        "record_documents": "position, document, json",
        "actors": "id, name, kind, json",
        "quotes": 'id, document, start, "end", kind, speaker, text, json',
        "events": "id, type, cameo, date_start, place, json",
    }.items():
        store.connection.execute(
            f"INSERT INTO {table}({columns}) SELECT {columns} FROM new.{table}"
        )
    store.close()
    with Store.read(old) as upgraded, Store.read(db) as current:
        assert upgraded.quotes() == current.quotes() != []
        for doc in record.documents:
            before, after = upgraded.document_record(doc.id), current.document_record(doc.id)
            assert before is not None and after is not None
            assert (before.documents, before.events) == (after.documents, after.events)
