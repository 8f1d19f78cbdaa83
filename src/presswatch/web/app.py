"""The workbench: server-rendered pages (search, stories, actors, documents, findings) and
a JSON API under /api, over a store opened read-only.

No SQL here (`queries` and the store own it) and no state beyond the store's path: each
request opens the SQLite file itself, because a sqlite3 connection may not cross the
threads FastAPI runs synchronous handlers on. Nothing is loaded from another site: the
API page (/api/docs) is rendered from the OpenAPI description, with no Swagger UI, and the
one script is served from the package.
"""

from __future__ import annotations

import ipaddress
import json
import re
from collections.abc import Awaitable, Callable, Iterator, Sequence
from contextlib import contextmanager
from html import escape
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import (
    HTMLResponse,
    JSONResponse,
    RedirectResponse,
    Response,
    StreamingResponse,
)
from fastapi.routing import APIRoute
from pydantic import BaseModel

from presswatch.errors import PresswatchError
from presswatch.model import FindingKind
from presswatch.render.page import SERVED_POLICY, render_page
from presswatch.severity import FINDING_ORDER
from presswatch.store import SearchQueryError, Store
from presswatch.web import pages, queries
from presswatch.web.queries import SearchFilters

LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "[::1]"})
# Bound to every interface: the server is reached by any of the machine's addresses.
ALL_INTERFACES = frozenset({"0.0.0.0", "[::]", ""})
# The workbench's script, shipped in the package and served from it.
SCRIPT = resources.files("presswatch.web").joinpath("static/workbench.js").read_text("utf-8")
# Sent with every page and the script: the page policy as a header too, no sniffing a
# type, and no address of this server leaked to a site a page links to.
PAGE_HEADERS = {
    "Content-Security-Policy": SERVED_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
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
        with open_store() as opened:
            yield opened

    def open_store() -> Store:
        """The store, read-only; one that cannot be read is a 503 naming it and why."""
        try:
            return Store.read(path)
        except PresswatchError as error:
            raise HTTPException(status_code=503, detail=str(error)) from error

    def html(body: str, status: int = 200) -> HTMLResponse:
        return HTMLResponse(body, status_code=status, headers=PAGE_HEADERS)

    # -- pages ------------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home() -> HTMLResponse:
        with store() as opened:
            return html(pages.home_page(queries.counts(opened), queries.outlets(opened)))

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(
        q: str = "",
        outlet: str = "",
        since: str = "",
        until: str = "",
        kind: str = "",
        speaker: str = "",
        page: int = Query(default=1, ge=1, le=10_000),
    ) -> HTMLResponse:
        filters = search_filters(outlet, since, until, kind, speaker)
        with store() as opened:
            outlets = queries.outlets(opened)
            if not q.strip():
                return html(pages.search_page("", filters, outlets, [], False, page))
            try:
                hits, more = queries.search(opened, q, filters, page)
            except SearchQueryError as error:
                return html(
                    pages.search_page(q, filters, outlets, [], False, page, str(error)), 400
                )
        return html(pages.search_page(q, filters, outlets, hits, more, page))

    @app.get("/stories", response_class=HTMLResponse, include_in_schema=False)
    def stories_page(page: int = Query(default=1, ge=1, le=10_000)) -> HTMLResponse:
        with store() as opened:
            stories, more = queries.stories(opened, page)
            docs = [d for s in stories for d in s.get("documents", []) if isinstance(d, str)]
            metas = queries.documents_meta(opened, docs)
        return html(pages.stories_page(stories, metas, page, more))

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story_page(story_id: str) -> HTMLResponse:
        with store() as opened:
            story = queries.story(opened, story_id)
            if story is None:
                return html(pages.error_page(404, f"{story_id}: no such story"), 404)
            docs = [d for d in story.get("documents", []) if isinstance(d, str)]
            record = queries.documents_record(opened, docs, story_id)
        return html(pages.story_page(story, record))

    @app.get("/actors/{actor_id}", response_class=HTMLResponse, include_in_schema=False)
    def actor_page(actor_id: str, page: int = Query(default=1, ge=1, le=10_000)) -> HTMLResponse:
        with store() as opened:
            view = queries.actor(opened, actor_id, page)
        if view is None:
            return html(pages.error_page(404, f"{actor_id}: no such actor"), 404)
        return html(pages.actor_page(view, page))

    @app.get("/documents/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
    def document_page(doc_id: str) -> HTMLResponse:
        with store() as opened:
            # Its actors carry their mentions here only: their whole JSON is never read.
            record = queries.documents_record(opened, [doc_id])
        if not record.documents:
            return html(pages.error_page(404, f"{doc_id}: no such document"), 404)
        return html(pages.document_page(record))

    @app.get("/findings", response_class=HTMLResponse, include_in_schema=False)
    def findings_page(
        kind: str = "", page: int = Query(default=1, ge=1, le=10_000)
    ) -> HTMLResponse:
        with store() as opened:
            counts = queries.finding_counts(opened)
            chosen = kind or next((k for k in FINDING_ORDER if k in counts), None)
            findings, more = queries.findings(opened, chosen, page)
            metas = queries.documents_meta(
                opened, sorted({e.doc for f in findings for e in f.evidence})
            )
        return html(pages.findings_page(chosen, counts, findings, metas, page, more))

    @app.get("/static/workbench.js", include_in_schema=False)
    def script() -> Response:
        return Response(SCRIPT, media_type="text/javascript", headers=PAGE_HEADERS)

    @app.get("/docs", include_in_schema=False)
    def docs() -> RedirectResponse:
        return RedirectResponse("/api/docs")

    @app.get("/api/docs", response_class=HTMLResponse, include_in_schema=False)
    def api_docs() -> HTMLResponse:
        """The API described from its OpenAPI schema, as a plain page that works offline."""
        return html(pages.api_page(app.openapi()))

    # -- the JSON API ---------------------------------------------------------------------

    @app.get("/api", response_class=HTMLResponse)
    def endpoints() -> HTMLResponse:
        """This list of endpoints; the OpenAPI description is at /api/openapi.json."""
        return HTMLResponse(endpoint_page(app))

    @app.get("/api/record")
    def record() -> StreamingResponse:
        """The stored record, exactly the JSON contract of `presswatch analyze --json`,
        streamed in pieces (`Store.record_text`): a large corpus is never held whole."""
        opened = open_store()

        def pieces() -> Iterator[str]:
            with opened:
                yield from opened.record_text()

        return StreamingResponse(pieces(), media_type="application/json")

    @app.get("/api/search")
    def search(
        q: str = Query(min_length=1, description="FTS5 query"),
        limit: int = Query(default=20, ge=1, le=500, description="Hits per page"),
        page: int = Query(default=1, ge=1, le=10_000),
        outlet: str = Query(default="", description="Only reports of this outlet"),
        since: str = Query(default="", description="Published on or after (YYYY-MM-DD)"),
        until: str = Query(default="", description="Published on or before (YYYY-MM-DD)"),
        kind: str = Query(default="", description="document or quote"),
        speaker: str = Query(default="", description="Quotes by a speaker whose name starts so"),
    ) -> list[dict[str, Any]]:
        """Full-text hits in documents and quotes; a query FTS5 cannot parse is a 400."""
        filters = search_filters(outlet, since, until, kind, speaker)
        with store() as opened:
            try:
                hits, _ = queries.search(opened, q, filters, page, limit)
            except SearchQueryError as error:
                raise HTTPException(status_code=400, detail=str(error)) from error
        return [
            {
                "kind": h.kind,
                "id": h.id,
                "doc": h.meta.id,
                "outlet": h.meta.outlet,
                "published": h.meta.published,
                "speaker": h.speaker,
                "snippet": h.snippet.replace(queries.HIT_OPEN, "[").replace(queries.HIT_CLOSE, "]"),
            }
            for h in hits
        ]

    @app.get("/api/documents/{doc_id}")
    def document(doc_id: str) -> dict[str, Any]:
        """One document with the quotes, claims, framing, events and actors found in it."""
        with store() as opened:
            record = opened.document_record(doc_id)
        if record is None:
            raise HTTPException(status_code=404, detail=f"{doc_id}: no such document")
        return {
            "document": record.documents[0].model_dump(mode="json"),
            "quotes": dumped(record.quotes),
            "claims": dumped(record.claims),
            "framing": dumped(record.framing),
            "events": dumped(record.events),
            "actors": dumped(record.actors),
        }

    @app.get("/api/stories")
    def stories(page: int = Query(default=1, ge=1, le=10_000)) -> list[dict[str, Any]]:
        """A page of stories, latest first."""
        with store() as opened:
            found, _ = queries.stories(opened, page)
        return found

    @app.get("/api/stories/{story_id}")
    def story(story_id: str) -> dict[str, Any]:
        """One story with its reports' record: quotes, claims, findings, quote groups."""
        with store() as opened:
            found = queries.story(opened, story_id)
            if found is None:
                raise HTTPException(status_code=404, detail=f"{story_id}: no such story")
            docs = [d for d in found.get("documents", []) if isinstance(d, str)]
            record = queries.documents_record(opened, docs, story_id)
        payload: dict[str, Any] = json.loads(record.to_json())
        payload["story"] = found
        return payload

    @app.get("/api/actors/{actor_id}")
    def actor(actor_id: str, page: int = Query(default=1, ge=1, le=10_000)) -> dict[str, Any]:
        """One actor: aliases, roles, a page of mentions, its quotes and events."""
        with store() as opened:
            view = queries.actor(opened, actor_id, page)
        if view is None:
            raise HTTPException(status_code=404, detail=f"{actor_id}: no such actor")
        return {
            "actor": view.actor.model_dump(mode="json", exclude={"mentions"}),
            "mention_count": view.mention_count,
            "mentions": [
                {"doc": m.doc, "start": m.start, "end": m.end, "text": m.text, "kind": m.kind}
                for m in view.mentions
            ],
            "quotes": [q.quote.model_dump(mode="json") for q in view.quotes],
            "events": [
                {"event": e, "label": label, "date": date, "role": role}
                for e, label, date, role in view.events
            ],
        }

    @app.get("/api/claims")
    def claims(
        subject: str = "", page: int = Query(default=1, ge=1, le=10_000)
    ) -> list[dict[str, Any]]:
        """A page of claims (50), each with its speaker's name, outlet, source and date.
        `subject` finds a whole synonym group from any of its words (killed, martyrs,
        death toll), as `presswatch claims --subject` does."""
        from presswatch.lang.claim_subjects import group_of_term

        wanted = (group_of_term(subject) or subject.strip()) if subject.strip() else None
        with store() as opened:
            listed = opened.claims(
                wanted, limit=CLAIMS_PER_PAGE, offset=(page - 1) * CLAIMS_PER_PAGE
            )
        return [
            {
                **entry.item.model_dump(mode="json"),
                "speaker_name": entry.speaker_name,
                "outlet": entry.outlet,
                "source": entry.source,
                "published": entry.published,
            }
            for entry in listed
        ]

    @app.get("/api/findings")
    def findings(
        kind: FindingKind | None = None, page: int = Query(default=1, ge=1, le=10_000)
    ) -> list[dict[str, Any]]:
        """A page of findings, of one kind or all."""
        with store() as opened:
            found, _ = queries.findings(opened, kind, page)
        return dumped(found)

    return app


CLAIMS_PER_PAGE = 50


def dumped(items: Sequence[BaseModel]) -> list[dict[str, Any]]:
    return [item.model_dump(mode="json") for item in items]


def search_filters(outlet: str, since: str, until: str, kind: str, speaker: str) -> SearchFilters:
    """The search filters a form or URL gave (blank means none; an unknown kind is none)."""
    return SearchFilters(
        outlet=outlet.strip() or None,
        since=since.strip() or None,
        until=until.strip() or None,
        kind=kind if kind in queries.SEARCH_KINDS else None,
        speaker=speaker.strip() or None,
    )


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
