"""The web app serves what the store holds: the record, search hits, a document, the report."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from presswatch.link import link_corpus
from presswatch.model import Record
from presswatch.settings import Settings
from presswatch.store import Store
from presswatch.web.app import create_app
from tests.conftest import Analyse

REPORT = (
    "Jordanian Foreign Minister Ayman Safadi met Turkish envoy Kerem Aslan in Amman on "
    'Tuesday. "We agreed on a water corridor," Safadi said after the talks.'
)
OTHER = (
    "Lebanese officials in Beirut said the border crossing would reopen within two weeks. "
    '"Trucks are already waiting," a customs officer said.'
)


@pytest.fixture
def stored(tmp_path: Path, analyse: Analyse) -> tuple[Path, Record]:
    analyses = [
        analyse(REPORT, outlet="Amman Courier", source="amman.txt"),
        analyse(OTHER, outlet="Cedar Post", source="beirut.txt"),
    ]
    record = link_corpus(analyses, Settings())
    db = tmp_path / "p.db"
    with Store.open(db) as store:
        store.save_analyses(analyses)
        store.save_corpus(record)
    return db, record


def test_record_endpoint_returns_the_stored_record(stored: tuple[Path, Record]) -> None:
    db, record = stored
    response = TestClient(create_app(db)).get("/api/record")
    assert response.status_code == 200
    assert Record.model_validate_json(response.content) == record


def test_search_endpoint_returns_quote_and_document_hits(stored: tuple[Path, Record]) -> None:
    db, _ = stored
    hits = TestClient(create_app(db)).get("/api/search", params={"q": "corridor"}).json()
    assert {h["kind"] for h in hits} == {"document", "quote"}
    assert all(h["outlet"] == "Amman Courier" for h in hits)
    odd = TestClient(create_app(db)).get("/api/search", params={"q": 'Trucks" OR ('})
    assert odd.status_code == 200


def test_document_endpoint_returns_the_document_and_what_cites_it(
    stored: tuple[Path, Record],
) -> None:
    db, record = stored
    doc = record.documents[1]
    body = TestClient(create_app(db)).get(f"/api/documents/{doc.id}").json()
    assert body["document"]["text"] == doc.text
    assert [q["id"] for q in body["quotes"]] == [q.id for q in record.quotes if q.doc == doc.id]
    missing = TestClient(create_app(db)).get("/api/documents/dnothing")
    assert missing.status_code == 404 and "dnothing: no such document" in missing.text


def test_root_serves_the_html_report(stored: tuple[Path, Record]) -> None:
    db, _ = stored
    page = TestClient(create_app(db)).get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "We agreed on a water corridor" in page.text


def test_a_missing_store_is_a_service_error_naming_the_file(tmp_path: Path) -> None:
    response = TestClient(create_app(tmp_path / "gone.db")).get("/api/record")
    assert response.status_code == 503 and "gone.db: no such store" in response.text
