"""A thin web app over the store: the record, search, one document, and the HTML report.

No SQL here (the store owns it) and no state beyond the store's path: each request opens
the SQLite file itself, because a sqlite3 connection may not cross the threads FastAPI
runs synchronous handlers on.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Query
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel

from presswatch.errors import PresswatchError
from presswatch.store import Store


def create_app(db: str | Path) -> FastAPI:
    """The app serving the store at `db` (which must exist: serving never creates one)."""
    path = Path(db)
    app = FastAPI(title="presswatch", summary="The stored record of analysed news reports.")

    @contextmanager
    def store() -> Iterator[Store]:
        try:
            opened = Store.read(path)
        except PresswatchError as error:
            raise HTTPException(status_code=503, detail=str(error)) from error
        with opened:
            yield opened

    @app.get("/", response_class=HTMLResponse)
    def report() -> HTMLResponse:
        from presswatch.render.html import render_report

        with store() as opened:
            record = opened.load_record()
        return HTMLResponse(render_report(record))

    @app.get("/api/record")
    def record() -> Response:
        with store() as opened:
            payload = opened.load_record().to_json(indent=None)
        # Serialised by the model itself, so the API returns exactly the JSON contract.
        return Response(payload, media_type="application/json")

    @app.get("/api/search")
    def search(
        q: str = Query(min_length=1, description="FTS5 query"),
        limit: int = Query(default=20, ge=1, le=500),
    ) -> list[dict[str, Any]]:
        with store() as opened:
            hits = opened.search(q, limit=limit)
        return [
            {"kind": h.kind, "id": h.id, "doc": h.doc, "outlet": h.outlet, "snippet": h.snippet}
            for h in hits
        ]

    @app.get("/api/documents/{doc_id}")
    def document(doc_id: str) -> dict[str, Any]:
        with store() as opened:
            record = opened.load_record()
        found = [d for d in record.documents if d.id == doc_id]
        if not found:
            raise HTTPException(status_code=404, detail=f"{doc_id}: no such document")

        def dumped(items: Sequence[BaseModel]) -> list[dict[str, Any]]:
            return [item.model_dump(mode="json") for item in items]

        return {
            "document": found[0].model_dump(mode="json"),
            "quotes": dumped([q for q in record.quotes if q.doc == doc_id]),
            "claims": dumped([c for c in record.claims if c.doc == doc_id]),
            "framing": dumped([f for f in record.framing if f.doc == doc_id]),
            "events": dumped(
                [e for e in record.events if any(m.doc == doc_id for m in e.mentions)]
            ),
            "actors": dumped(
                [a for a in record.actors if any(m.doc == doc_id for m in a.mentions)]
            ),
        }

    return app
