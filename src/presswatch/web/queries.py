"""The workbench's reads: one page of rows each, found through an index.

Every function takes an open store and asks SQLite for what one page shows: a page of
search hits, a page of stories, the rows of one story, actor or document. None loads the
record; an actor's mentions elsewhere in the corpus, for instance, are never parsed for a
story page (its actors are rebuilt from the `mentions` rows of the story's documents).
The indexes they walk are in migrations 001, 003, 004 and 009.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from presswatch.model import (
    Actor,
    Claim,
    Document,
    Event,
    Finding,
    FramingSpan,
    Mention,
    Quote,
    QuoteGroup,
    Record,
)
from presswatch.store import _FTS5_QUERY_ERRORS, _FTS5_SYNTAX, SearchQueryError, Store

# Private-use characters mark a hit inside a snippet: they cannot occur in stored text
# the way brackets can, so the page escapes the snippet first and then turns them into <mark>.
HIT_OPEN = "\ue000"
HIT_CLOSE = "\ue001"
SEARCH_KINDS = ("document", "quote")


@dataclass(frozen=True)
class DocumentMeta:
    """What a citation and a listing show of a document."""

    id: str
    outlet: str | None
    source: str | None
    published: str | None
    title: str | None
    url: str | None

    @property
    def label(self) -> str:
        return self.outlet or self.source or self.id

    @property
    def address(self) -> str:
        """The document's URL, else where it was read from."""
        return self.url or self.source or ""


@dataclass(frozen=True)
class SearchHit:
    kind: str
    id: str
    meta: DocumentMeta
    snippet: str  # with HIT_OPEN/HIT_CLOSE around the matched words
    speaker: str | None
    speaker_name: str | None
    start: int | None
    end: int | None
    text: str | None


@dataclass(frozen=True)
class SearchFilters:
    outlet: str | None = None
    since: str | None = None
    until: str | None = None
    kind: str | None = None
    speaker: str | None = None


def _ids(values: Sequence[str]) -> str:
    """Ids as one JSON array parameter (`IN (SELECT value FROM json_each(?))`)."""
    return json.dumps(list(values))


_META = (
    "r.document, r.outlet, r.source, r.published, json_extract(r.json, '$.title'),"
    " json_extract(r.json, '$.url')"
)


def documents_meta(store: Store, doc_ids: Sequence[str]) -> dict[str, DocumentMeta]:
    """Metadata of these documents of the record (by its unique document index)."""
    rows = store.connection.execute(
        f"SELECT {_META} FROM record_documents r"
        " WHERE r.document IN (SELECT value FROM json_each(?))",
        (_ids(doc_ids),),
    )
    return {row[0]: DocumentMeta(*row) for row in rows}


def outlets(store: Store) -> list[str]:
    """The record's outlets, in order (a walk of the outlet index, no table read)."""
    rows = store.connection.execute(
        "SELECT DISTINCT outlet FROM record_documents WHERE outlet IS NOT NULL ORDER BY outlet"
    )
    return [row[0] for row in rows]


def search(
    store: Store, query: str, filters: SearchFilters, page: int = 1, per_page: int = 20
) -> tuple[list[SearchHit], bool]:
    """One page of full-text hits in documents and quotes, best first, and whether another
    page follows. A query FTS5 cannot parse is a SearchQueryError unless it uses no FTS5
    operator: then its words are searched as one phrase (as `Store.search` does)."""
    cleaned = query.replace("\x00", "")
    if not cleaned.strip():
        raise SearchQueryError(f"search {query!r}: nothing to search for")
    try:
        return _search(store, cleaned, filters, page, per_page)
    except sqlite3.OperationalError as error:
        if not str(error).startswith(_FTS5_QUERY_ERRORS):
            raise
        if _FTS5_SYNTAX.search(cleaned):
            raise SearchQueryError(f"search {query!r}: {error}") from error
    return _search(store, '"' + cleaned.replace('"', " ") + '"', filters, page, per_page)


def _search(
    store: Store, query: str, filters: SearchFilters, page: int, per_page: int
) -> tuple[list[SearchHit], bool]:
    branches: list[str] = []
    params: list[object] = []
    marks = (HIT_OPEN, HIT_CLOSE)
    if filters.kind in (None, "document") and not filters.speaker:
        branches.append(
            "SELECT 'document' AS kind, f.document AS id, f.document AS doc, NULL AS speaker,"
            " snippet(documents_fts, 2, ?, ?, '…', 24) AS snip, f.rank AS score,"
            " NULL AS qs, NULL AS qe, NULL AS qt"
            " FROM documents_fts f WHERE documents_fts MATCH ?"
        )
        params += [*marks, query]
    if filters.kind in (None, "quote"):
        branches.append(
            "SELECT 'quote' AS kind, f.quote AS id, f.document AS doc, q.speaker AS speaker,"
            " snippet(quotes_fts, 2, ?, ?, '…', 24) AS snip, f.rank AS score, q.start AS qs,"
            ' q."end" AS qe, q.text AS qt'
            " FROM quotes_fts f JOIN quotes q ON q.id = f.quote WHERE quotes_fts MATCH ?"
        )
        params += [*marks, query]
    if not branches:
        return [], False
    conditions = []
    if filters.outlet:
        conditions.append("r.outlet = ?")
        params.append(filters.outlet)
    if filters.since:
        conditions.append("r.published >= ?")
        params.append(filters.since)
    if filters.until:
        # A date is a prefix: "2025-02" takes every day of February.
        conditions.append("r.published <= ?")
        params.append(filters.until + "\uffff")
    if filters.speaker:
        # Any word of the speaker's name or aliases, each typed word a prefix (009's
        # actor_words): "darw" finds Mohammad Ismail Darwish.
        conditions.append("h.speaker IN (SELECT actor FROM actor_words WHERE actor_words MATCH ?)")
        params.append(name_query(filters.speaker))
    where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
    rows = store.connection.execute(
        f"SELECT h.kind, h.id, {_META}, h.snip, h.speaker, a.name, h.qs, h.qe, h.qt"
        f" FROM ({' UNION ALL '.join(branches)}) h"
        " JOIN record_documents r ON r.document = h.doc"
        f" LEFT JOIN actors a ON a.id = h.speaker {where}"
        " ORDER BY h.score LIMIT ? OFFSET ?",
        [*params, per_page + 1, (page - 1) * per_page],
    ).fetchall()
    hits = [
        SearchHit(
            kind=row[0],
            id=row[1],
            meta=DocumentMeta(*row[2:8]),
            snippet=row[8] or "",
            speaker=row[9],
            speaker_name=row[10],
            start=row[11],
            end=row[12],
            text=row[13],
        )
        for row in rows[:per_page]
    ]
    return hits, len(rows) > per_page


def name_query(name: str) -> str:
    """An FTS5 query matching names holding every typed word as a word start (the words
    quoted, so no letter typed is read as FTS5 syntax)."""
    words = re.findall(r"\w+", name)
    return " ".join(f'"{word}"*' for word in words) if words else '""'


# -- stories -----------------------------------------------------------------------------


def stories(store: Store, page: int = 1, per_page: int = 30) -> tuple[list[dict[str, Any]], bool]:
    """A page of stories, latest first (the date index of 009), as plain data: fields the
    stories engineer adds later are kept whatever they are, and none is required."""
    rows = store.connection.execute(
        "SELECT json FROM stories ORDER BY json_extract(json, '$.date.start') DESC"
        " LIMIT ? OFFSET ?",
        (per_page + 1, (page - 1) * per_page),
    ).fetchall()
    return [json.loads(row[0]) for row in rows[:per_page]], len(rows) > per_page


def story(store: Store, story_id: str) -> dict[str, Any] | None:
    row = store.connection.execute("SELECT json FROM stories WHERE id = ?", (story_id,)).fetchone()
    return json.loads(row[0]) if row else None


def _rows(store: Store, kind: type[Any], sql: str, params: Sequence[object]) -> list[Any]:
    return [kind.model_validate_json(row[0]) for row in store.connection.execute(sql, params)]


def documents_record(store: Store, doc_ids: Sequence[str], story_id: str | None = None) -> Record:
    """The record of these documents: their quotes, claims, framing and events, their
    actors with only the mentions inside them, and (for a story) its findings and quote
    groups. Each is a lookup by document or story id."""
    ids = _ids(doc_ids)
    in_docs = "WHERE document IN (SELECT value FROM json_each(?)) ORDER BY rowid"
    documents = _rows(
        store,
        Document,
        "SELECT json FROM record_documents WHERE document IN (SELECT value FROM json_each(?))"
        " ORDER BY position",
        (ids,),
    )
    quotes: list[Quote] = _rows(store, Quote, f"SELECT json FROM quotes {in_docs}", (ids,))
    claims: list[Claim] = _rows(store, Claim, f"SELECT json FROM claims {in_docs}", (ids,))
    framing = _rows(store, FramingSpan, f"SELECT json FROM framing {in_docs}", (ids,))
    events = _rows(
        store,
        Event,
        "SELECT json FROM events WHERE id IN (SELECT event FROM event_documents"
        " WHERE document IN (SELECT value FROM json_each(?))) ORDER BY rowid",
        (ids,),
    )
    findings: list[Finding] = []
    groups: list[QuoteGroup] = []
    if story_id is not None:
        findings = _rows(
            store,
            Finding,
            "SELECT json FROM findings WHERE json_extract(json, '$.story') = ? ORDER BY rowid",
            (story_id,),
        )
        groups = _rows(
            store,
            QuoteGroup,
            "SELECT json FROM quote_groups WHERE story = ? ORDER BY rowid",
            (story_id,),
        )
    speakers = {q.speaker for q in quotes if q.speaker} | {g.speaker for g in groups if g.speaker}
    return Record(
        documents=documents,
        actors=actors_in(store, doc_ids, speakers),
        quotes=quotes,
        events=events,
        claims=claims,
        findings=findings,
        framing=framing,
        quote_groups=groups,
    )


def actors_in(store: Store, doc_ids: Sequence[str], also: set[str]) -> list[Actor]:
    """The actors mentioned in these documents (and those in `also`), each carrying only
    its mentions there: read from the mention rows, never from the actor's whole JSON."""
    mentions: dict[str, list[Mention]] = {}
    for actor, doc, start, end, words, kind in store.connection.execute(
        'SELECT actor, document, start, "end", text, kind FROM mentions'
        " WHERE document IN (SELECT value FROM json_each(?)) ORDER BY rowid",
        (_ids(doc_ids),),
    ):
        mentions.setdefault(actor, []).append(
            Mention(doc=doc, start=start, end=end, text=words, kind=kind)
        )
    wanted = list(mentions) + sorted(also - mentions.keys())
    return [
        Actor(
            id=row[0],
            name=row[1],
            kind=row[2],
            aliases=json.loads(row[3] or "[]"),
            roles=json.loads(row[4] or "[]"),
            mentions=mentions.get(row[0], []),
        )
        for row in store.connection.execute(
            "SELECT id, name, kind, json_extract(json, '$.aliases'), json_extract(json, '$.roles')"
            " FROM actors WHERE id IN (SELECT value FROM json_each(?)) ORDER BY rowid",
            (_ids(wanted),),
        )
    ]


# -- actors ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ActorMention:
    doc: str
    start: int
    end: int
    text: str
    kind: str | None
    meta: DocumentMeta


@dataclass(frozen=True)
class ActorQuote:
    quote: Quote
    meta: DocumentMeta


@dataclass(frozen=True)
class ActorView:
    actor: Actor  # without mentions: they are `mentions`, one page of them
    mention_count: int
    mentions: list[ActorMention]
    more_mentions: bool
    quotes: list[ActorQuote]
    events: list[tuple[str, str, str | None, str]]  # event id, label, date, role
    affiliations: dict[str, str]  # actor id → name


def actor(store: Store, actor_id: str, page: int = 1, per_page: int = 200) -> ActorView | None:
    """One actor: aliases and roles, a page of mentions with their documents, its quotes
    (by the speaker index) and the events it takes part in (by the participant index)."""
    row = store.connection.execute(
        "SELECT id, name, kind, json_extract(json, '$.aliases'), json_extract(json, '$.roles'),"
        " json_extract(json, '$.affiliations'), json_extract(json, '$.wikidata')"
        " FROM actors WHERE id = ?",
        (actor_id,),
    ).fetchone()
    if row is None:
        return None
    found = Actor(
        id=row[0],
        name=row[1],
        kind=row[2],
        aliases=json.loads(row[3] or "[]"),
        roles=json.loads(row[4] or "[]"),
        affiliations=json.loads(row[5] or "[]"),
        wikidata=row[6],
    )
    count = store.connection.execute(
        "SELECT count(*) FROM mentions WHERE actor = ?", (actor_id,)
    ).fetchone()[0]
    rows = store.connection.execute(
        f'SELECT m.document, m.start, m."end", m.text, m.kind, {_META} FROM mentions m'
        " JOIN record_documents r ON r.document = m.document WHERE m.actor = ?"
        " ORDER BY m.rowid LIMIT ? OFFSET ?",
        (actor_id, per_page + 1, (page - 1) * per_page),
    ).fetchall()
    mentions = [
        ActorMention(row[0], row[1], row[2], row[3], row[4], DocumentMeta(*row[5:]))
        for row in rows[:per_page]
    ]
    quotes = [
        ActorQuote(Quote.model_validate_json(row[0]), DocumentMeta(*row[1:]))
        for row in store.connection.execute(
            f"SELECT q.json, {_META} FROM quotes q"
            " JOIN record_documents r ON r.document = q.document WHERE q.speaker = ?"
            " ORDER BY r.published, q.rowid LIMIT 1000",
            (actor_id,),
        )
    ]
    events = [
        (row[0], row[1] or row[0], row[2], row[3])
        for row in store.connection.execute(
            "SELECT e.id, json_extract(e.json, '$.label'), e.date_start, p.role"
            " FROM event_participants p JOIN events e ON e.id = p.event WHERE p.actor = ?"
            " ORDER BY e.date_start LIMIT 200",
            (actor_id,),
        )
    ]
    affiliations = {
        row[0]: row[1]
        for row in store.connection.execute(
            "SELECT id, name FROM actors WHERE id IN (SELECT value FROM json_each(?))",
            (_ids(found.affiliations),),
        )
    }
    return ActorView(found, count, mentions, len(rows) > per_page, quotes, events, affiliations)


# -- findings ----------------------------------------------------------------------------


def finding_counts(store: Store) -> dict[str, int]:
    """Findings per kind (a walk of the kind index)."""
    rows = store.connection.execute("SELECT kind, count(*) FROM findings GROUP BY kind")
    return {row[0]: row[1] for row in rows}


def findings(
    store: Store, kind: str | None, page: int = 1, per_page: int = 50
) -> tuple[list[Finding], bool]:
    """A page of findings of one kind (or of every kind, in record order)."""
    where, params = ("WHERE kind = ?", [kind]) if kind else ("", [])
    rows = store.connection.execute(
        f"SELECT json FROM findings {where} ORDER BY rowid LIMIT ? OFFSET ?",
        [*params, per_page + 1, (page - 1) * per_page],
    ).fetchall()
    return [Finding.model_validate_json(row[0]) for row in rows[:per_page]], len(rows) > per_page


def counts(store: Store) -> dict[str, int]:
    """The home page's numbers: rows of the record's main tables."""
    tables = ("record_documents", "stories", "actors", "quotes", "claims", "findings")
    return {
        table: int(store.connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
        for table in tables
    }
