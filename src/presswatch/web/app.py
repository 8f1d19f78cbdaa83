"""A thin web app over the store: the record, search, one document, and the HTML report.

No SQL here (the store owns it) and no state beyond the store's path: each request opens
the SQLite file itself, because a sqlite3 connection may not cross the threads FastAPI
runs synchronous handlers on. Nothing is loaded from another site: the endpoint list at
/api is a plain page and the OpenAPI description is JSON, with no Swagger UI or ReDoc.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Awaitable, Callable, Iterator, Sequence
from contextlib import contextmanager
from html import escape
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.routing import APIRoute
from pydantic import BaseModel

from presswatch.errors import PresswatchError
from presswatch.render.page import render_page
from presswatch.store import SearchQueryError, Store

LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "[::1]"})
# Bound to every interface: the server is reached by any of the machine's addresses.
ALL_INTERFACES = frozenset({"0.0.0.0", "[::]", ""})
_HOST_HEADER = re.compile(r"(\[[^\]]*\]|[^:\[\]]*)(?::(\d+))?")


def url_host(host: str) -> str:
    """A host as a URL or Host header writes it: an IPv6 address goes in brackets."""
    return f"[{host}]" if ":" in host else host


def server_url(host: str, port: int) -> str:
    return f"http://{url_host(host)}:{port}/"


def host_allowed(header: str, host: str, port: int) -> bool:
    """Whether a request's Host header names this server, bound at `host`:`port`.

    A page from another site that rebinds its DNS name to this machine still sends its own
    name, so only loopback names, the bound host and (when bound to every interface) an
    address written as digits are accepted, always with the port.
    """
    match = _HOST_HEADER.fullmatch(header.strip().lower())
    if match is None or int(match.group(2) or 80) != port:
        return False
    name = match.group(1)
    bound = url_host(host).lower()
    if name in LOOPBACK_NAMES or name == bound:
        return True
    if bound not in ALL_INTERFACES:
        return False
    try:
        ipaddress.ip_address(name.strip("[]"))
    except ValueError:
        return False
    return True


def create_app(db: str | Path, host: str = "127.0.0.1", port: int = 8000) -> FastAPI:
    """The app serving the store at `db` (which must exist: serving never creates one) to
    requests addressed to `host`:`port`, the address it is bound to."""
    path = Path(db)
    app = FastAPI(
        title="presswatch",
        summary="The stored record of analysed news reports.",
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )

    @app.middleware("http")
    async def refuse_other_hosts(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        header = request.headers.get("host", "")
        if not host_allowed(header, host, port):
            detail = f"Host {header!r} is not this server ({url_host(host)}:{port})"
            return JSONResponse({"detail": detail}, status_code=400)
        return await call_next(request)

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
        """The HTML report of the whole stored corpus."""
        from presswatch.render.html import render_report

        with store() as opened:
            record = opened.load_record()
        return HTMLResponse(render_report(record))

    @app.get("/api", response_class=HTMLResponse)
    def endpoints() -> HTMLResponse:
        """This list of endpoints; the OpenAPI description is at /api/openapi.json."""
        return HTMLResponse(endpoint_page(app))

    @app.get("/api/record")
    def record() -> Response:
        """The stored record, exactly the JSON contract of `presswatch analyze --json`."""
        with store() as opened:
            payload = opened.load_record().to_json(indent=None)
        # Serialised by the model itself, so the API returns exactly the JSON contract.
        return Response(payload, media_type="application/json")

    @app.get("/api/search")
    def search(
        q: str = Query(min_length=1, description="FTS5 query"),
        limit: int = Query(default=20, ge=1, le=500),
    ) -> list[dict[str, Any]]:
        """Full-text hits in documents and quotes; a query FTS5 cannot parse is a 400."""
        with store() as opened:
            try:
                hits = opened.search(q, limit=limit)
            except SearchQueryError as error:
                raise HTTPException(status_code=400, detail=str(error)) from error
        return [
            {"kind": h.kind, "id": h.id, "doc": h.doc, "outlet": h.outlet, "snippet": h.snippet}
            for h in hits
        ]

    @app.get("/api/documents/{doc_id}")
    def document(doc_id: str) -> dict[str, Any]:
        """One document with the quotes, claims, framing, events and actors found in it."""
        with store() as opened:
            record = opened.document_record(doc_id)
        if record is None:
            raise HTTPException(status_code=404, detail=f"{doc_id}: no such document")

        def dumped(items: Sequence[BaseModel]) -> list[dict[str, Any]]:
            return [item.model_dump(mode="json") for item in items]

        return {
            "document": record.documents[0].model_dump(mode="json"),
            "quotes": dumped(record.quotes),
            "claims": dumped(record.claims),
            "framing": dumped(record.framing),
            "events": dumped(record.events),
            "actors": dumped(record.actors),
        }

    return app


def endpoint_page(app: FastAPI) -> str:
    """A plain page listing the app's endpoints: no script, nothing from another site."""
    rows = []
    for route in app.routes:
        if isinstance(route, APIRoute) and route.include_in_schema:
            methods = ", ".join(sorted(route.methods or ()))
            what = route.description.strip().partition("\n")[0]
            rows.append(
                f"<tr><td>{escape(methods)}</td><td><code>{escape(route.path)}</code></td>"
                f"<td>{escape(what)}</td></tr>"
            )
    body = (
        '<section id="endpoints">'
        f"<table><tr><th>method</th><th>path</th><th>what</th></tr>{''.join(rows)}</table>"
        '<p>OpenAPI description: <a href="/api/openapi.json">/api/openapi.json</a></p></section>'
    )
    return render_page("presswatch API", body, navigation=[("Report", "/")])
