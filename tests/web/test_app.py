"""The web app serves what the store holds: the record, search hits, a document, the report."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from presswatch.link import link_corpus
from presswatch.model import Record
from presswatch.settings import Settings
from presswatch.store import Store
from presswatch.web.app import create_app, host_allowed
from tests.conftest import Analyse

REPORT = (
    "Jordanian Foreign Minister Ayman Safadi met Turkish envoy Kerem Aslan in Amman on "
    'Tuesday. "We agreed on a water corridor," Safadi said after the talks.'
)
OTHER = (
    "Lebanese officials in Beirut said the border crossing would reopen within two weeks. "
    '"Trucks are already waiting," a customs officer said.'
)


def client(db: Path) -> TestClient:
    """A client addressing the app as a browser on this machine would: http://127.0.0.1:8000."""
    return TestClient(create_app(db, host="127.0.0.1", port=8000), base_url="http://127.0.0.1:8000")


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
    response = client(db).get("/api/record")
    assert response.status_code == 200
    assert Record.model_validate_json(response.content) == record
    with Store.read(db) as opened:
        assert response.content == opened.load_record().to_json(indent=None).encode()


def test_search_endpoint_returns_quote_and_document_hits(stored: tuple[Path, Record]) -> None:
    db, _ = stored
    hits = client(db).get("/api/search", params={"q": "corridor"}).json()
    assert {h["kind"] for h in hits} == {"document", "quote"}
    assert all(h["outlet"] == "Amman Courier" for h in hits)


def test_document_endpoint_returns_the_document_and_what_cites_it(
    stored: tuple[Path, Record],
) -> None:
    db, record = stored
    doc = record.documents[1]
    body = client(db).get(f"/api/documents/{doc.id}").json()
    assert body["document"]["text"] == doc.text
    assert [q["id"] for q in body["quotes"]] == [q.id for q in record.quotes if q.doc == doc.id]
    missing = client(db).get("/api/documents/dnothing")
    assert missing.status_code == 404 and "dnothing: no such document" in missing.text


def test_root_serves_the_workbench_with_a_search_form(stored: tuple[Path, Record]) -> None:
    db, _ = stored
    page = client(db).get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert '<form class="search"' in page.text and "Amman Courier" in page.text


def test_a_missing_store_is_a_service_error_naming_the_file(tmp_path: Path) -> None:
    response = client(tmp_path / "gone.db").get("/api/record")
    assert response.status_code == 503 and "gone.db: no such store" in response.text


@pytest.mark.parametrize(
    ("query", "detail"),
    [
        ("\x00", "search '\\x00': nothing to search for"),
        ('Trucks" OR (', "search 'Trucks\" OR (': unterminated string"),
        ("Trucks AND", "search 'Trucks AND': fts5: syntax error near \"\""),
    ],
)
def test_a_search_fts5_cannot_run_is_a_400_with_its_reason_never_a_500(
    stored: tuple[Path, Record], query: str, detail: str
) -> None:
    db, record = stored
    response = client(db).get("/api/search", params={"q": query})
    assert response.status_code == 400 and response.json() == {"detail": detail}
    assert len(client(db).get("/api/record").json()["documents"]) == len(record.documents)


@pytest.mark.parametrize(
    ("host", "served"),
    [
        ("127.0.0.1:8000", True),
        ("localhost:8000", True),
        ("LOCALHOST:8000", True),
        ("[::1]:8000", True),
        ("rebound.example:8000", False),
        ("127.0.0.1:9000", False),
        ("localhost", False),
        ("", False),
    ],
)
def test_only_requests_naming_this_server_in_their_host_header_are_served(
    stored: tuple[Path, Record], host: str, served: bool
) -> None:
    db, _ = stored
    response = client(db).get("/api/record", headers={"host": host})
    assert response.status_code == (200 if served else 400)
    if not served:
        assert response.json() == {"detail": f"Host {host!r} is not this server (127.0.0.1:8000)"}


def test_a_server_bound_to_every_interface_accepts_its_addresses_but_no_other_name() -> None:
    assert host_allowed("192.168.1.20:8000", "0.0.0.0", 8000)
    assert host_allowed("[fe80::1]:8000", "::", 8000)
    assert not host_allowed("rebound.example:8000", "0.0.0.0", 8000)
    assert not host_allowed("192.168.1.20:8000", "127.0.0.1", 8000)
    assert host_allowed("news-box.lan:8000", "news-box.lan", 8000)
    assert host_allowed("news-box.lan", "news-box.lan", 80)


EXTERNAL_RESOURCE = re.compile(
    r"<(script|link|img|iframe)\b[^>]*\b(src|href)\s*=\s*[\"']?\s*(https?:)?//", re.I
)


def test_no_page_loads_a_script_or_style_from_another_site(
    stored: tuple[Path, Record],
) -> None:
    db, record = stored
    paths = [
        "/",
        "/search?q=corridor",
        "/stories",
        "/findings",
        f"/documents/{record.documents[0].id}",
        "/static/workbench.js",
        "/api/docs",
        "/api",
        "/api/openapi.json",
        "/api/record",
        "/api/search?q=corridor",
        f"/api/documents/{record.documents[0].id}",
    ]
    for path in paths:
        response = client(db).get(path)
        assert response.status_code == 200, path
        assert not EXTERNAL_RESOURCE.search(response.text), path
        assert "cdn." not in response.text, path
    assert client(db).get("/redoc").status_code == 404
    # /docs is the offline API page, rendered from the OpenAPI description.
    docs = client(db).get("/docs")
    assert docs.status_code == 200 and str(docs.url).endswith("/api/docs")
    assert "/api/search" in docs.text and "FTS5 query" in docs.text
    assert not EXTERNAL_RESOURCE.search(docs.text)


def test_the_api_page_lists_every_endpoint_with_what_it_returns(
    stored: tuple[Path, Record],
) -> None:
    db, _ = stored
    page = client(db).get("/api")
    assert page.headers["content-type"].startswith("text/html")
    for path in ("/api/record", "/api/search", "/api/documents/{doc_id}", "/api/openapi.json"):
        assert f">{path}<" in page.text
    assert "Full-text hits in documents and quotes" in page.text
    assert "<script" not in page.text


def test_claims_endpoint_finds_a_whole_synonym_group_from_any_of_its_words(
    tmp_path: Path, analyse: Analyse
) -> None:
    analyses = [
        analyse(
            "The health ministry in Gaza said 48,000 people have been killed since October.",
            outlet="Coast Wire",
            source="toll.txt",
        ),
        analyse(
            "Officials in Gaza said the number of martyrs had reached 50,000. Aid agencies "
            "said 300 trucks crossed on Monday.",
            outlet="Harbour Daily",
            source="martyrs.txt",
        ),
    ]
    db = tmp_path / "claims.db"
    with Store.open(db) as store:
        store.save_analyses(analyses)
        store.save_corpus(link_corpus(analyses, Settings()))
    by_killed = client(db).get("/api/claims", params={"subject": "killed"}).json()
    by_martyrs = client(db).get("/api/claims", params={"subject": "martyrs"}).json()
    amounts = {c["value"]["amount"] for c in by_killed}
    assert {48_000, 50_000} <= amounts
    assert 300 not in amounts
    assert [c["id"] for c in by_killed] == [c["id"] for c in by_martyrs]
    assert {c["outlet"] for c in by_killed} == {"Coast Wire", "Harbour Daily"}
    everything = client(db).get("/api/claims").json()
    assert len(everything) > len(by_killed)
    assert client(db).get("/api/claims", params={"page": 2}).json() == []
