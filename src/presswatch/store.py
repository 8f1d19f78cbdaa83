"""The SQLite store: every SQL statement of presswatch lives here.

Documents are keyed by content hash, so storing the same text twice adds nothing.
Per-document analyses are saved one transaction per batch (an interrupted run keeps
what it finished); the corpus-level record is replaced as a whole after linking. The
schema evolves through numbered files in `presswatch/migrations`, tracked by
`PRAGMA user_version`.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from types import TracebackType
from typing import Generic, TypeVar, get_args, get_origin

from pydantic import BaseModel

from presswatch.compact import compact
from presswatch.errors import PresswatchError
from presswatch.lang.names import is_unnamed_key
from presswatch.model import (
    Actor,
    Claim,
    Document,
    DocumentAnalysis,
    Event,
    Finding,
    FramingSpan,
    Mention,
    Quote,
    QuoteGroup,
    Record,
    Story,
    content_hash,
)
from presswatch.settings import QUOTE_ALIGNMENTS, LinkFile, LinkSettings

_Row = TypeVar("_Row", Actor, Quote, Event, Claim, Finding, FramingSpan, Story, QuoteGroup)
_MIGRATION_NAME = re.compile(r"^(\d{3})_[a-z0-9_]+\.sql$")
# What a migration creates, by name: a migration none of whose objects exist never ran.
_CREATES = re.compile(
    r"CREATE\s+(?:VIRTUAL\s+)?(?:TABLE|INDEX|TRIGGER)\s+(?:IF\s+NOT\s+EXISTS\s+)?(\w+)", re.I
)
# A query using FTS5 operators is the user's syntax: if FTS5 cannot parse it, say why.
# Plain words with punctuation (U.S., Abdelatty's, 50,000) are searched as a phrase instead.
_FTS5_SYNTAX = re.compile(r'["()*:^]|\b(AND|OR|NOT|NEAR)\b')
_FTS5_QUERY_ERRORS = ("fts5:", "unterminated string", "no such column", "unknown special query")
# Each list of the corpus record (`Record`'s list fields: documents, actors, …), in its
# order: the model of its items and the query reading its rows in order.
_RECORD_MODELS: dict[str, type[BaseModel]] = {
    name: get_args(field.annotation)[0]
    for name, field in Record.model_fields.items()
    if get_origin(field.annotation) is list
}
_RECORD_KINDS = {
    kind: "SELECT json FROM record_documents ORDER BY position"
    if kind == "documents"
    else f"SELECT json FROM {kind} ORDER BY rowid"
    for kind in _RECORD_MODELS
}
# Corpus tables in the order they are cleared (children first).
_CORPUS_TABLES = (
    "actor_keys",
    "actor_member_names",
    "actor_words",
    "story_documents",
    "finding_documents",
    "record_documents",
    "mentions",
    "event_participants",
    "event_documents",
    "actors",
    "quotes",
    "events",
    "claims",
    "findings",
    "framing",
    "stories",
    "quote_groups",
    "quotes_fts",
)


class SearchQueryError(PresswatchError):
    """A search FTS5 cannot run: the message quotes the query and FTS5's reason."""


@dataclass(frozen=True)
class SearchHit:
    kind: str
    doc: str
    outlet: str | None
    snippet: str
    id: str


@dataclass(frozen=True)
class Listed(Generic[_Row]):
    """A listed quote or claim with its speaker's name and where its document came from
    (None where the record holds no such actor or document)."""

    item: _Row
    speaker_name: str | None
    outlet: str | None
    source: str | None
    published: str | None


def migrations() -> list[tuple[int, str]]:
    """(version, SQL) of every migration shipped, in order."""
    folder = resources.files("presswatch.migrations")
    found = []
    for entry in folder.iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry.read_text(encoding="utf-8")))
    return sorted(found)


# What `Store.record_text` hands on at a time, in characters: rows are joined up to about
# this (a story's row can be megabytes; 1,000 of them were 53 MB at 10,000 reports).
PIECE_CHARACTERS = 1 << 20


class Store:
    """One SQLite file holding documents, analyses and the linked corpus record."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self.connection = connection
        self.path = path
        # Listings match words as Python does; SQLite's lower() folds ASCII letters only.
        connection.create_function("casefold", 1, str.casefold, deterministic=True)

    @classmethod
    def open(cls, path: str | Path, create: bool = True) -> Store:
        """The store at `path` for reading and writing (created unless `create` is False)."""
        path = Path(path)
        cls.check_writable(path, create)
        try:
            connection = sqlite3.connect(path, timeout=30, isolation_level=None)
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA foreign_keys=ON")
            connection.execute("PRAGMA synchronous=NORMAL")
            connection.execute("PRAGMA busy_timeout=30000")
        except sqlite3.DatabaseError as error:
            raise PresswatchError(f"{path}: not a presswatch store ({error})") from error
        store = cls(connection, path)
        try:
            store.migrate()
        except PresswatchError:
            connection.close()
            raise
        return store

    @classmethod
    def read(cls, path: str | Path) -> Store:
        """The existing store at `path`, read-only: nothing in it or beside it is written."""
        path = Path(path)
        _check_location(path, create=False)
        store = cls(_connect_read_only(path), path)
        try:
            store._refuse_newer_schema()
            current, latest = store.schema_version, migrations()[-1][0]
        except PresswatchError:
            store.close()
            raise
        if current == latest:
            return store
        # An older schema is upgraded once, where the file may be written; then read as usual.
        store.close()
        if not _writable(path):
            raise PresswatchError(
                f"{path}: store schema {current} needs upgrading to {latest}, "
                "but the store is read-only"
            )
        cls.open(path, create=False).close()
        return cls.read(path)

    @staticmethod
    def check_writable(path: str | Path, create: bool = True) -> None:
        """Raise a one-line error unless a store can be written at `path` (before any work)."""
        path = Path(path)
        _check_location(path, create)
        if path.exists() and not _writable(path):
            raise PresswatchError(f"{path}: store is read-only")
        if not _writable(path.parent):
            # SQLite keeps its -wal and -shm files beside the store.
            raise PresswatchError(
                f"{path}: store is read-only (folder {path.parent} cannot be written)"
            )

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self.connection.close()

    # -- schema ---------------------------------------------------------------------

    @property
    def schema_version(self) -> int:
        return int(self.connection.execute("PRAGMA user_version").fetchone()[0])

    def _refuse_newer_schema(self) -> None:
        current, latest = self.schema_version, migrations()[-1][0]
        if current > latest:
            # Written by a newer presswatch: reading it with this schema could lose data.
            raise PresswatchError(
                f"{self.path}: store schema {current} is newer than this presswatch "
                f"knows ({latest}); upgrade presswatch"
            )

    def migrate(self, target: int | None = None) -> None:
        """Apply every migration newer than the file's version, each in its own transaction,
        and any older one that never ran (numbered below a migration that landed first)."""
        self._refuse_newer_schema()
        current = self.schema_version
        for version, sql in migrations():
            if target is not None and version > target:
                continue
            if version <= current and not self._never_ran(sql):
                continue
            try:
                self.connection.execute("BEGIN IMMEDIATE")
                for statement in _statements(sql):
                    self.connection.execute(statement)
                self.connection.execute(f"PRAGMA user_version = {max(version, current):d}")
                self.connection.execute("COMMIT")
            except sqlite3.DatabaseError as error:
                self.connection.execute("ROLLBACK")
                raise PresswatchError(
                    f"{self.path}: migration {version:03d} failed ({error})"
                ) from error

    def _never_ran(self, sql: str) -> bool:
        """Whether none of the tables, indexes and triggers a migration creates exist: a
        store can be past its number when a later-numbered migration landed first."""
        created = _CREATES.findall(sql)
        if not created:
            return False
        existing = {row[0] for row in self.connection.execute("SELECT name FROM sqlite_master")}
        return not existing.intersection(created)

    # -- per-document analyses ---------------------------------------------------------

    def load_analysis(self, doc_id: str, version: str) -> DocumentAnalysis | None:
        row = self.connection.execute(
            "SELECT pipeline, json FROM analyses WHERE document = ?", (doc_id,)
        ).fetchone()
        if row is None or row[0] != version:
            return None
        return DocumentAnalysis.model_validate_json(row[1])

    def has_analysis(self, doc_id: str, version: str) -> bool:
        """Whether an analysis of this document by this pipeline version is stored."""
        row = self.connection.execute(
            "SELECT 1 FROM analyses WHERE document = ? AND pipeline = ?", (doc_id, version)
        ).fetchone()
        return row is not None

    def save_analyses(self, analyses: Sequence[DocumentAnalysis]) -> None:
        """Store documents and their analyses in one transaction (a batch lands whole)."""
        with self._transaction():
            for analysis in analyses:
                self._save_document(analysis.document)
                self.connection.execute(
                    "INSERT INTO analyses(document, pipeline, json) VALUES (?, ?, ?) "
                    "ON CONFLICT(document) DO UPDATE SET pipeline = excluded.pipeline, "
                    "json = excluded.json WHERE analyses.json != excluded.json "
                    "OR analyses.pipeline != excluded.pipeline",
                    (analysis.document.id, analysis.pipeline, analysis.model_dump_json()),
                )

    def _save_document(self, document: Document) -> None:
        inserted = self.connection.execute(
            "INSERT INTO documents(id, content_hash, source, outlet, title, published, language,"
            " text, json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING",
            (
                document.id,
                content_hash(document.text),
                document.source,
                document.outlet,
                document.title,
                document.published,
                document.language,
                document.text,
                document.model_dump_json(),
            ),
        ).rowcount
        if inserted:
            self.connection.execute(
                "INSERT INTO documents_fts(document, title, text) VALUES (?, ?, ?)",
                (document.id, document.title or "", document.text),
            )
        self.connection.execute(
            "INSERT INTO document_sources(source, document) VALUES (?, ?) "
            "ON CONFLICT(source) DO UPDATE SET document = excluded.document "
            "WHERE document_sources.document != excluded.document",
            (document.source, document.id),
        )

    def document_ids(self) -> list[str]:
        rows = self.connection.execute(
            "SELECT d.id FROM documents d JOIN analyses a ON a.document = d.id ORDER BY d.rowid"
        )
        return [row[0] for row in rows]

    def story_ids(self) -> list[str]:
        return [row[0] for row in self.connection.execute("SELECT id FROM stories ORDER BY rowid")]

    def stories(self, documents: Sequence[str] | None = None) -> list[Story]:
        """The stored corpus's stories (those holding any of `documents`), in stored order."""
        if documents is None:
            return self._load(Story, "stories")
        return self._load(
            Story,
            "stories",
            "WHERE id IN (SELECT story FROM story_documents"
            " WHERE document IN (SELECT value FROM json_each(?)))",
            (json.dumps(list(documents)),),
        )

    def load_analyses(self, doc_ids: Sequence[str]) -> list[DocumentAnalysis]:
        return [a for chunk in self.analyses_in_chunks(doc_ids) for a in chunk]

    def analyses_in_chunks(
        self, doc_ids: Sequence[str], size: int = 500
    ) -> Iterator[list[DocumentAnalysis]]:
        """The stored analyses of these documents (those stored), in their order, `size`
        at a time: a pass that keeps only part of each reads the corpus without holding it."""
        return self.analysis_parts_in_chunks(doc_ids, DocumentAnalysis, size)

    def analysis_parts_in_chunks(
        self, doc_ids: Sequence[str], part: type[_Model], size: int = 500
    ) -> Iterator[list[_Model]]:
        """As `analyses_in_chunks`, each analysis read as `part`: a model of some of
        `DocumentAnalysis`'s fields, the same types and defaults, ignoring the others. A
        pass that needs only some fields validates and builds only those: the rest of the
        stored JSON is parsed and dropped, never made into models (issue 17: reading the
        analyses twice, whole, was a third of linking 150 reports)."""
        for chunk_start in range(0, len(doc_ids), size):
            chunk = list(doc_ids[chunk_start : chunk_start + size])
            marks = ",".join("?" * len(chunk))
            found: dict[str, _Model] = {}
            for doc_id, payload in self.connection.execute(
                f"SELECT document, json FROM analyses WHERE document IN ({marks})", chunk
            ):
                # Compacted one at a time, so the memory each frees holds the next.
                analysis = part.model_validate_json(payload)
                compact(analysis)
                found[doc_id] = analysis
            yield [found[d] for d in chunk if d in found]

    def document_for_source(self, source: str) -> str | None:
        row = self.connection.execute(
            "SELECT document FROM document_sources WHERE source = ?", (source,)
        ).fetchone()
        return None if row is None else str(row[0])

    def record_failures(self, failures: Iterable[tuple[str, str]]) -> None:
        with self._transaction():
            self.connection.executemany(
                "INSERT INTO failures(source, reason) VALUES (?, ?) "
                "ON CONFLICT(source, reason) DO UPDATE SET seen_at = datetime('now')",
                list(failures),
            )

    # -- link settings ---------------------------------------------------------------------

    def link_settings(self) -> LinkSettings | None:
        """The link settings the corpus was last linked with (None before any were saved)."""
        rows = {
            name: (source, value)
            for name, source, value in self.connection.execute(
                "SELECT name, source, value FROM link_settings"
            )
        }
        if not rows:
            return None

        def file(name: str) -> LinkFile | None:
            return LinkFile(*rows[name]) if name in rows else None

        return LinkSettings(
            known_actors=file("known_actors"),
            facts=file("facts"),
            quote_alignment=rows.get("quote_alignment", (None, QUOTE_ALIGNMENTS[0]))[1],
        )

    def save_link_settings(self, link: LinkSettings) -> None:
        """Keep these link settings with the corpus, replacing those kept before."""
        rows: list[tuple[str, str | None, str]] = [("quote_alignment", None, link.quote_alignment)]
        for name, file in (("known_actors", link.known_actors), ("facts", link.facts)):
            if file is not None:
                rows.append((name, file.source, file.text))
        with self._transaction():
            self.connection.execute("DELETE FROM link_settings")
            self.connection.executemany(
                "INSERT INTO link_settings(name, source, value) VALUES (?, ?, ?)", rows
            )

    # -- the corpus record -----------------------------------------------------------------

    def save_corpus(self, record: Record, names: dict[str, dict[str, int]] | None = None) -> None:
        """Replace the corpus-level rows with this record, in one transaction; `names` are
        the names each actor's members went by (see `link.member_names`), kept so adding
        reports later names actors as a full relink would (None: those stored, for the
        actors the record still has)."""
        if names is None:
            stored = self.actor_member_names([a.id for a in record.actors])
            names = {a.id: stored[a.id] for a in record.actors if a.id in stored}
        with self._transaction():
            for table in _CORPUS_TABLES:
                self.connection.execute(f"DELETE FROM {table}")
            self.connection.executemany(
                "INSERT INTO record_documents(position, document, outlet, source, published, json)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (
                    (n, d.id, d.outlet, d.source, d.published, d.model_dump_json())
                    for n, d in enumerate(record.documents)
                ),
            )
            self._insert_actors(record.actors)
            self._insert_member_names(names)
            self._insert_quotes(record.quotes)
            self._insert_events(record.events)
            self._insert_claims(record.claims)
            self.connection.executemany(
                "INSERT INTO findings(id, kind, summary, json) VALUES (?, ?, ?, ?)",
                ((f.id, f.kind, f.summary, f.model_dump_json()) for f in record.findings),
            )
            self.connection.executemany(
                'INSERT INTO framing(document, start, "end", text, category, neutral, json)'
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    (f.doc, f.start, f.end, f.text, f.category, f.neutral, f.model_dump_json())
                    for f in record.framing
                ),
            )
            self._insert_stories(record.stories)
            self._insert_quote_groups(record.quote_groups)
            self._insert_finding_documents(record.findings)

    def _insert_member_names(self, names: dict[str, dict[str, int]]) -> None:
        self.connection.executemany(
            "INSERT INTO actor_member_names(actor, name, reports, rank) VALUES (?, ?, ?, ?)",
            (
                (actor, name, count, rank)
                for actor, counts in names.items()
                for rank, (name, count) in enumerate(counts.items())
            ),
        )

    def actor_member_names(self, actors: Sequence[str]) -> dict[str, dict[str, int]]:
        """`names` as saved for these actors (none for an actor saved without them)."""
        found: dict[str, dict[str, int]] = {}
        for actor, name, count in self.connection.execute(
            "SELECT actor, name, reports FROM actor_member_names"
            " WHERE actor IN (SELECT value FROM json_each(?)) ORDER BY actor, rank",
            (json.dumps(list(actors)),),
        ):
            found.setdefault(actor, {})[name] = count
        return found

    def _insert_stories(self, stories: Sequence[Story]) -> None:
        self.connection.executemany(
            "INSERT INTO stories(id, json) VALUES (?, ?)",
            ((s.id, s.model_dump_json()) for s in stories),
        )
        self.connection.executemany(
            "INSERT INTO story_documents(story, document) VALUES (?, ?)",
            ((s.id, d) for s in stories for d in s.documents),
        )

    def _insert_quote_groups(self, groups: Sequence[QuoteGroup]) -> None:
        self.connection.executemany(
            "INSERT INTO quote_groups(id, story, speaker, json) VALUES (?, ?, ?, ?)",
            ((g.id, g.story, g.speaker, g.model_dump_json()) for g in groups),
        )

    def _insert_finding_documents(self, findings: Sequence[Finding]) -> None:
        self.connection.executemany(
            "INSERT INTO finding_documents(finding, document) VALUES (?, ?)",
            ((f.id, doc) for f in findings for doc in dict.fromkeys(e.doc for e in f.evidence)),
        )

    def _insert_actors(self, actors: Sequence[Actor]) -> None:
        self.connection.executemany(
            "INSERT INTO actors(id, name, kind, json) VALUES (?, ?, ?, ?)",
            ((a.id, a.name, a.kind, a.model_dump_json()) for a in actors),
        )
        # Every word of every name, for finding a speaker by any of them (the workbench).
        self.connection.executemany(
            "INSERT INTO actor_words(actor, words) VALUES (?, ?)",
            ((a.id, " ".join([a.name, *a.aliases])) for a in actors),
        )
        self.connection.executemany(
            "INSERT INTO actor_keys(actor, kind, key) VALUES (?, ?, ?)",
            ((a.id, a.kind, lookup_key(a.kind, a.key)) for a in actors),
        )
        self.connection.executemany(
            'INSERT INTO mentions(actor, document, start, "end", text, kind)'
            " VALUES (?, ?, ?, ?, ?, ?)",
            ((a.id, m.doc, m.start, m.end, m.text, m.kind) for a in actors for m in a.mentions),
        )

    def _insert_quotes(self, quotes: Sequence[Quote]) -> None:
        self.connection.executemany(
            'INSERT INTO quotes(id, document, start, "end", kind, speaker, text, json)'
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (q.id, q.doc, q.start, q.end, q.kind, q.speaker, q.text, q.model_dump_json())
                for q in quotes
            ),
        )
        self.connection.executemany(
            "INSERT INTO quotes_fts(quote, document, text) VALUES (?, ?, ?)",
            ((q.id, q.doc, q.text) for q in quotes),
        )

    def _insert_events(self, events: Sequence[Event]) -> None:
        self.connection.executemany(
            "INSERT INTO events(id, type, cameo, date_start, place, json)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (
                (
                    e.id,
                    e.type,
                    e.cameo,
                    e.date.start if e.date else None,
                    e.place,
                    e.model_dump_json(),
                )
                for e in events
            ),
        )
        self._insert_event_participants(events)
        self.connection.executemany(
            "INSERT INTO event_documents(event, document) VALUES (?, ?)",
            ((e.id, doc) for e in events for doc in dict.fromkeys(m.doc for m in e.mentions)),
        )

    def _insert_event_participants(self, events: Sequence[Event]) -> None:
        self.connection.executemany(
            "INSERT INTO event_participants(event, actor, role) VALUES (?, ?, ?)",
            ((e.id, p.actor, p.role) for e in events for p in e.participants),
        )

    def _insert_claims(self, claims: Sequence[Claim]) -> None:
        self.connection.executemany(
            "INSERT INTO claims(id, document, subject, value_type, amount, speaker, text, json)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (
                    c.id,
                    c.doc,
                    c.subject,
                    c.value.type,
                    c.value.amount,
                    c.speaker,
                    c.text,
                    c.model_dump_json(),
                )
                for c in claims
            ),
        )

    def load_record(self) -> Record:
        """The corpus record exactly as `save_corpus` last saved it (empty before that)."""
        documents = [
            Document.model_validate_json(row[0])
            for row in self.connection.execute(
                "SELECT json FROM record_documents ORDER BY position"
            )
        ]
        return Record(
            documents=documents,
            actors=self._load(Actor, "actors"),
            quotes=self._load(Quote, "quotes"),
            events=self._load(Event, "events"),
            claims=self._load(Claim, "claims"),
            findings=self._load(Finding, "findings"),
            framing=self._load(FramingSpan, "framing"),
            stories=self._load(Story, "stories"),
            quote_groups=self._load(QuoteGroup, "quote_groups"),
        )

    def record_json(self, kind: str, size: int = 1000) -> Iterator[list[str]]:
        """The corpus record's rows of one kind (a `Record` field: documents, actors, …) as
        stored JSON, in record order, `size` at a time: an export reads the whole record
        without holding it."""
        if kind not in _RECORD_KINDS:
            raise PresswatchError(f"no record kind {kind!r}: one of {', '.join(_RECORD_KINDS)}")
        cursor = self.connection.execute(_RECORD_KINDS[kind])
        while rows := cursor.fetchmany(size):
            yield [row[0] for row in rows]

    def record_text(self, size: int = 1000, indent: int | None = None) -> Iterator[str]:
        """The corpus record as JSON, exactly `load_record().to_json(indent)`, in pieces of
        about `PIECE_CHARACTERS`, reading `size` rows at a time: a reader of the whole record
        (`/api/record`, `show`) never holds it. Each row is read into its model and written
        again, so rows an older presswatch stored come out with the fields added since, as
        `load_record` gives them. Indented, each row is written with the indent and set in
        at its depth, two levels down, as the whole record's JSON nests it."""
        if indent is None:
            start, colon, between, end = "{", ":", ",", "}"
            open_list, row_between, close_list = "[", ",", "]"
        else:
            pad, row_pad = "\n" + " " * indent, "\n" + " " * (2 * indent)
            start, colon, between, end = "{" + pad, ": ", "," + pad, "\n}"
            open_list, row_between, close_list = "[" + row_pad, "," + row_pad, pad + "]"
        piece = [start + '"schema"' + colon + json.dumps(Record().schema_)]
        held = 0
        for kind, model in _RECORD_MODELS.items():
            piece.append(f'{between}"{kind}"{colon}')
            first = True
            for rows in self.record_json(kind, size):
                for row in rows:
                    text = model.model_validate_json(row).model_dump_json(indent=indent)
                    if indent is not None:  # a JSON text holds no raw line break but its own
                        text = text.replace("\n", row_pad)
                    piece += (open_list if first else row_between, text)
                    first = False
                    held += len(text)
                    if held >= PIECE_CHARACTERS:
                        yield "".join(piece)
                        piece, held = [], 0
            piece.append("[]" if first else close_list)
        piece.append(end)
        yield "".join(piece)

    def _load(
        self,
        kind: type[_Row],
        table: str,
        where: str = "",
        params: Sequence[object] = (),
        *,
        compacted: bool = False,
    ) -> list[_Row]:
        """The rows' objects; `compacted` (`presswatch.compact`) for a pass that holds many."""
        rows = self.connection.execute(f"SELECT json FROM {table} {where} ORDER BY rowid", params)
        made = (kind.model_validate_json(row[0]) for row in rows)
        return _compacted(made) if compacted else list(made)

    # -- incremental linking: the neighbourhood of new reports, by index -------------------

    def is_linked(self, doc_id: str) -> bool:
        """Whether the corpus record holds this document."""
        row = self.connection.execute(
            "SELECT 1 FROM record_documents WHERE document = ?", (doc_id,)
        ).fetchone()
        return row is not None

    def document_positions(self, documents: Sequence[str]) -> dict[str, int]:
        """Where these documents stand in the corpus record (those it holds)."""
        rows = self.connection.execute(
            "SELECT document, position FROM record_documents"
            " WHERE document IN (SELECT value FROM json_each(?))",
            (json.dumps(list(documents)),),
        )
        return {row[0]: int(row[1]) for row in rows}

    def linked_document_count(self) -> int:
        return int(self.connection.execute("SELECT count(*) FROM record_documents").fetchone()[0])

    def unlinked_document_ids(self) -> list[str]:
        """Analysed documents the corpus record does not hold yet, in the order stored."""
        rows = self.connection.execute(
            "SELECT d.id FROM documents d JOIN analyses a ON a.document = d.id"
            " WHERE d.id NOT IN (SELECT document FROM record_documents) ORDER BY d.rowid"
        )
        return [row[0] for row in rows]

    def lookups_ready(self) -> bool:
        """Whether the lookup tables cover the record (a store linked before migration 006
        has actors and no keys until its next full relink)."""
        actors = self.connection.execute("SELECT EXISTS(SELECT 1 FROM actors)").fetchone()[0]
        keyed = self.connection.execute("SELECT EXISTS(SELECT 1 FROM actor_keys)").fetchone()[0]
        return not actors or bool(keyed)

    def actors_by_key(self, keys: Iterable[tuple[str, str]]) -> list[Actor]:
        """Stored actors with any of these (kind, lookup key) pairs, each once, in record
        order (see `lookup_key`)."""
        ids: dict[str, None] = {}
        for kind, key in dict.fromkeys(keys):
            for (actor,) in self.connection.execute(
                "SELECT actor FROM actor_keys WHERE key = ? AND kind = ?", (key, kind)
            ):
                ids[actor] = None
        return self._by_ids(Actor, "actors", list(ids))

    def actors_mentioned_at(
        self, spans: Sequence[tuple[str, int, int]]
    ) -> dict[tuple[str, int, int], str]:
        """The stored actor each mention span (document, start, end) belongs to."""
        found: dict[tuple[str, int, int], str] = {}
        for document, start, end in spans:
            row = self.connection.execute(
                'SELECT actor FROM mentions WHERE document = ? AND start = ? AND "end" = ?',
                (document, start, end),
            ).fetchone()
            if row is not None:
                found[(document, start, end)] = row[0]
        return found

    def taken_ids(self, table: str, ids: Sequence[str]) -> set[str]:
        """Which of these ids (or their `-N` variants) the table holds already."""
        found: set[str] = set()
        for base in dict.fromkeys(ids):
            rows = self.connection.execute(
                f"SELECT id FROM {table} WHERE id = ? OR id GLOB ?", (base, f"{base}-*")
            )
            found.update(row[0] for row in rows)
        return found

    def stories_near(
        self, actors: Sequence[str], since: str | None, until: str | None, limit: int
    ) -> list[str]:
        """Stories with reports naming any of these actors, published within [since,
        until] (or undated), most shared actors first: where a new report may belong."""
        rows = self.connection.execute(
            "SELECT sd.story, count(DISTINCT m.actor) AS shared FROM mentions m"
            " JOIN story_documents sd ON sd.document = m.document"
            " JOIN record_documents r ON r.document = m.document"
            " WHERE m.actor IN (SELECT value FROM json_each(?))"
            f" AND {PUBLISHED_WITHIN}"
            " GROUP BY sd.story ORDER BY shared DESC, min(sd.rowid) LIMIT ?",
            (json.dumps(list(actors)), *_window(since, until), limit),
        )
        return [row[0] for row in rows]

    def stories_with_claim_groups(
        self, groups: Sequence[str], since: str | None, until: str | None, limit: int
    ) -> list[str]:
        """Stories with claims in these subject groups from reports published within [since,
        until] (or undated), latest first: where a new report's figures may be compared."""
        rows = self.connection.execute(
            "SELECT sd.story FROM claims c"
            " JOIN story_documents sd ON sd.document = c.document"
            " JOIN record_documents r ON r.document = c.document"
            " WHERE json_extract(c.json, '$.group') IN (SELECT value FROM json_each(?))"
            f" AND {PUBLISHED_WITHIN}"
            " GROUP BY sd.story ORDER BY max(r.published) DESC LIMIT ?",
            (json.dumps(list(groups)), *_window(since, until), limit),
        )
        return [row[0] for row in rows]

    def stories_tied_by_findings(
        self, stories: Sequence[str], kept_kinds: Collection[str] = ()
    ) -> list[str]:
        """Other stories that a stored finding cites together with one of these: rebuilding
        these stories' findings rebuilds those findings, so they must be linked too. A
        finding of `kept_kinds` is not rebuilt (`save_increment` keeps it) and ties none."""
        rows = self.connection.execute(
            "SELECT DISTINCT other.story FROM story_documents mine"
            " JOIN finding_documents fd ON fd.document = mine.document"
            " JOIN findings f ON f.id = fd.finding"
            " AND f.kind NOT IN (SELECT value FROM json_each(?))"
            " JOIN finding_documents tied ON tied.finding = fd.finding"
            " JOIN story_documents other ON other.document = tied.document"
            " WHERE mine.story IN (SELECT value FROM json_each(?))"
            " AND other.story NOT IN (SELECT value FROM json_each(?))",
            (json.dumps(sorted(kept_kinds)), json.dumps(list(stories)), json.dumps(list(stories))),
        )
        return sorted(row[0] for row in rows)

    def neighbourhood(self, stories: Sequence[str]) -> Record:
        """These stories with their reports and what was found in them: the documents, the
        actors named there (with their mentions in these reports only: a person named
        across the corpus brings no more), their quotes, events, claims and framing."""
        story_rows = self._by_ids(Story, "stories", list(stories))
        docs = list(dict.fromkeys(d for s in story_rows for d in s.documents))
        marks = json.dumps(docs)
        in_docs = "(SELECT value FROM json_each(?))"
        documents = _compacted(
            Document.model_validate_json(row[0])
            for row in self.connection.execute(
                f"SELECT json FROM record_documents WHERE document IN {in_docs} ORDER BY position",
                (marks,),
            )
        )
        return Record(
            documents=documents,
            actors=self._actors_in(marks),
            quotes=self._load(
                Quote, "quotes", f"WHERE document IN {in_docs}", (marks,), compacted=True
            ),
            events=self._load(
                Event,
                "events",
                f"WHERE id IN (SELECT event FROM event_documents WHERE document IN {in_docs})",
                (marks,),
                compacted=True,
            ),
            claims=self._load(
                Claim, "claims", f"WHERE document IN {in_docs}", (marks,), compacted=True
            ),
            framing=self._load(
                FramingSpan, "framing", f"WHERE document IN {in_docs}", (marks,), compacted=True
            ),
            stories=story_rows,
        )

    def _actors_in(self, documents: str) -> list[Actor]:
        """The actors named in these documents (a JSON array of ids), in record order, each
        with its mentions there only, read from the mentions table in the order stored
        (the actor's own): an actor's other mentions are never parsed."""
        in_docs = "(SELECT value FROM json_each(?))"
        mentions: dict[str, list[Mention]] = {}
        for actor, doc, start, end, text, kind in self.connection.execute(
            f'SELECT actor, document, start, "end", text, kind FROM mentions'
            f" WHERE document IN {in_docs} ORDER BY rowid",
            (documents,),
        ):
            mention = Mention(doc=doc, start=start, end=end, text=text, kind=kind)
            compact(mention)
            mentions.setdefault(actor, []).append(mention)
        rows = self.connection.execute(
            "SELECT json_remove(json, '$.mentions') FROM actors"
            " WHERE id IN (SELECT value FROM json_each(?)) ORDER BY rowid",
            (json.dumps(list(mentions)),),
        )
        actors = _compacted(Actor.model_validate_json(row[0]) for row in rows)
        # Unnamed people are merged only within a story that holds every report naming them
        # (link.actors.merge_unnamed_in_stories): one named outside these reports keeps all
        # its mentions, else it would look like one story's and merge where a full pass
        # never merges it (adding reports to 10,000 then fell back to a full relink).
        unnamed = [a.id for a in actors if is_unnamed_key(a.key)]
        everywhere = {a.id: a.mentions for a in self._by_ids(Actor, "actors", unnamed)}
        for actor in actors:
            actor.mentions = everywhere.get(actor.id, mentions[actor.id])
        return actors

    def save_increment(
        self,
        *,
        added: Record,
        actors: Sequence[Actor],
        names: dict[str, dict[str, int]],
        replaced_stories: Sequence[str],
        linked: Record,
        kept_kinds: Collection[str],
        removed: Sequence[str] = (),
        rewritten: Record | None = None,
    ) -> None:
        """Add new reports to the corpus record in one transaction: `added` holds their
        documents, quotes, events, claims and framing; `actors` replace (or add) these
        actors, with the `names` their members went by; the stories `replaced_stories`,
        their quote groups and the findings citing their reports (but those of
        `kept_kinds`) give way to those of `linked`. The actors `removed` (merged into
        others) go, and the stored rows in `rewritten` (`rows_citing_actors`, pointed at
        the actors they merged into) replace theirs in place."""
        with self._transaction():
            if rewritten is not None:
                self._rewrite_rows(rewritten)
            position = self.connection.execute(
                "SELECT coalesce(max(position), -1) + 1 FROM record_documents"
            ).fetchone()[0]
            self.connection.executemany(
                "INSERT INTO record_documents(position, document, outlet, source, published, json)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (position + n, d.id, d.outlet, d.source, d.published, d.model_dump_json())
                    for n, d in enumerate(added.documents)
                ],
            )
            actor_ids = json.dumps([a.id for a in actors] + list(removed))
            for table, column in (
                ("mentions", "actor"),
                ("actor_keys", "actor"),
                ("actor_member_names", "actor"),
                ("actor_words", "actor"),
                ("actors", "id"),
            ):
                self.connection.execute(
                    f"DELETE FROM {table} WHERE {column} IN (SELECT value FROM json_each(?))",
                    (actor_ids,),
                )
            self._insert_actors(actors)
            self._insert_member_names(names)
            self._insert_quotes(added.quotes)
            self._insert_events(added.events)
            self._insert_claims(added.claims)
            self.connection.executemany(
                'INSERT INTO framing(document, start, "end", text, category, neutral, json)'
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (f.doc, f.start, f.end, f.text, f.category, f.neutral, f.model_dump_json())
                    for f in added.framing
                ],
            )
            stories = json.dumps(list(replaced_stories))
            documents = json.dumps(
                [d.id for d in linked.documents] + [d.id for d in added.documents]
            )
            kinds = json.dumps(sorted(kept_kinds))
            stale = [
                row[0]
                for row in self.connection.execute(
                    "SELECT DISTINCT f.id FROM findings f"
                    " JOIN finding_documents fd ON fd.finding = f.id"
                    " WHERE fd.document IN (SELECT value FROM json_each(?))"
                    " AND f.kind NOT IN (SELECT value FROM json_each(?))",
                    (documents, kinds),
                )
            ]
            for table, column in (("finding_documents", "finding"), ("findings", "id")):
                self.connection.execute(
                    f"DELETE FROM {table} WHERE {column} IN (SELECT value FROM json_each(?))",
                    (json.dumps(stale),),
                )
            self.connection.execute(
                "DELETE FROM quote_groups WHERE story IN (SELECT value FROM json_each(?))",
                (stories,),
            )
            self.connection.execute(
                "DELETE FROM story_documents WHERE story IN (SELECT value FROM json_each(?))",
                (stories,),
            )
            self.connection.execute(
                "DELETE FROM stories WHERE id IN (SELECT value FROM json_each(?))", (stories,)
            )
            self._insert_stories(linked.stories)
            self._insert_quote_groups(linked.quote_groups)
            findings = [f for f in linked.findings if f.kind not in kept_kinds]
            self.connection.executemany(
                "INSERT INTO findings(id, kind, summary, json) VALUES (?, ?, ?, ?)",
                [(f.id, f.kind, f.summary, f.model_dump_json()) for f in findings],
            )
            self._insert_finding_documents(findings)

    def rows_citing_actors(self, actors: Sequence[str]) -> Record:
        """The stored rows that cite these actors' ids: quotes, claims and quote groups by
        speaker, events by participant or claimant, actors by affiliation, stories by
        participant, findings by actor (the references `rewrite_actor_references` points
        elsewhere when actors merge)."""
        ids = (json.dumps(sorted(actors)),)
        listed = "IN (SELECT value FROM json_each(?))"

        def citing(kind: type[_Row], table: str, where: str) -> list[_Row]:
            return self._load(kind, table, f"WHERE {where}", ids * where.count("?"))

        def listing(table: str, path: str) -> str:
            # The table named: json_each has a hidden column `json` of its own.
            return f"EXISTS (SELECT 1 FROM json_each({table}.json, '{path}') WHERE value {listed})"

        return Record(
            quotes=citing(Quote, "quotes", f"speaker {listed}"),
            claims=citing(Claim, "claims", f"speaker {listed}"),
            events=citing(
                Event,
                "events",
                f"id IN (SELECT event FROM event_participants WHERE actor {listed})"
                f" OR json_extract(json, '$.claimed_by') {listed}",
            ),
            actors=citing(
                Actor,
                "actors",
                listing("actors", "$.affiliations"),
            ),
            stories=citing(
                Story,
                "stories",
                listing("stories", "$.participants"),
            ),
            findings=citing(
                Finding,
                "findings",
                listing("findings", "$.actors"),
            ),
            quote_groups=citing(QuoteGroup, "quote_groups", f"speaker {listed}"),
        )

    def _rewrite_rows(self, rows: Record) -> None:
        """Replace these stored rows in place (same row, same place in the record), with
        the columns and side tables that hold their actor references."""
        by_speaker: list[tuple[str, Sequence[Quote | Claim | QuoteGroup]]] = [
            ("quotes", rows.quotes),
            ("claims", rows.claims),
            ("quote_groups", rows.quote_groups),
        ]
        for table, cited in by_speaker:
            self.connection.executemany(
                f"UPDATE {table} SET speaker = ?, json = ? WHERE id = ?",
                [(x.speaker, x.model_dump_json(), x.id) for x in cited],
            )
        in_json: list[tuple[str, Sequence[Event | Actor | Story | Finding]]] = [
            ("events", rows.events),
            ("actors", rows.actors),
            ("stories", rows.stories),
            ("findings", rows.findings),
        ]
        for table, citing in in_json:
            self.connection.executemany(
                f"UPDATE {table} SET json = ? WHERE id = ?",
                [(x.model_dump_json(), x.id) for x in citing],
            )
        self.connection.executemany(
            "DELETE FROM event_participants WHERE event = ?", [(e.id,) for e in rows.events]
        )
        self._insert_event_participants(rows.events)

    def _by_ids(self, kind: type[_Row], table: str, ids: Sequence[str]) -> list[_Row]:
        if not ids:
            return []
        return self._load(
            kind,
            table,
            "WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps(list(ids)),),
            compacted=True,
        )

    # -- listings: indexed queries, never the whole record ----------------------------------

    def actors(self, kind: str | None = None) -> list[Actor]:
        """The record's actors (of one kind), most mentioned first, ties in record order."""
        where, params = _where([("kind = ?", [kind])] if kind is not None else [])
        rows = self.connection.execute(
            f"SELECT json FROM actors {where} ORDER BY"
            " (SELECT count(*) FROM mentions m WHERE m.actor = actors.id) DESC, rowid",
            params,
        )
        return [Actor.model_validate_json(row[0]) for row in rows]

    def actor_names(self) -> dict[str, list[str]]:
        """Every actor's name and aliases by id, in record order (no mentions are read)."""
        rows = self.connection.execute(
            "SELECT id, name, json_extract(json, '$.aliases') FROM actors ORDER BY rowid"
        )
        return {row[0]: [row[1], *json.loads(row[2] or "[]")] for row in rows}

    def quotes(
        self,
        speakers: Sequence[str] | None = None,
        kind: str | None = None,
        act: str | None = None,
    ) -> list[Listed[Quote]]:
        """Quotes in record order: by any of these speaker ids, of this kind and act."""
        conditions: list[tuple[str, Sequence[object]]] = []
        if speakers is not None:
            # One JSON array parameter: any number of ids, still looked up by the index.
            conditions.append(
                ("x.speaker IN (SELECT value FROM json_each(?))", [json.dumps(list(speakers))])
            )
        if kind is not None:
            conditions.append(("x.kind = ?", [kind]))
        if act is not None:
            conditions.append(("json_extract(x.json, '$.act') = ?", [act]))
        return self._listed(Quote, "quotes", conditions)

    def claims(
        self, subject: str | None = None, *, limit: int = -1, offset: int = 0
    ) -> list[Listed[Claim]]:
        """Claims in record order whose subject or subject group has `subject` (any case);
        `limit` of them from `offset` (all by default)."""
        conditions: list[tuple[str, Sequence[object]]] = []
        if subject is not None:
            about = (
                "coalesce(x.subject, '') || ' ' || coalesce(json_extract(x.json, '$.group'), '')"
            )
            conditions.append((f"instr(casefold({about}), ?) > 0", [subject.casefold()]))
        return self._listed(Claim, "claims", conditions, limit=limit, offset=offset)

    def _listed(
        self,
        kind: type[_Row],
        table: str,
        conditions: Sequence[tuple[str, Sequence[object]]],
        *,
        limit: int = -1,
        offset: int = 0,
    ) -> list[Listed[_Row]]:
        where, values = _where(conditions)
        arguments = list(values)
        arguments.extend((limit, offset))
        rows = self.connection.execute(
            f"SELECT x.json, a.name, r.outlet, r.source, r.published FROM {table} x"
            " LEFT JOIN actors a ON a.id = x.speaker"
            f" LEFT JOIN record_documents r ON r.document = x.document {where} ORDER BY x.rowid"
            " LIMIT ? OFFSET ?",
            arguments,
        )
        return [Listed(kind.model_validate_json(row[0]), *row[1:]) for row in rows]

    def findings(self, kind: str | None = None, order: Sequence[str] = ()) -> list[Finding]:
        """Findings (of one kind), kinds in `order` first and in that order, then record order."""
        where, params = _where([("kind = ?", [kind])] if kind is not None else [])
        ranks = "".join(f"WHEN ? THEN {rank} " for rank in range(len(order)))
        first = f"CASE kind {ranks}ELSE {len(order)} END, " if order else ""
        rows = self.connection.execute(
            f"SELECT json FROM findings {where} ORDER BY {first}rowid", [*params, *order]
        )
        return [Finding.model_validate_json(row[0]) for row in rows]

    def document_record(self, doc_id: str) -> Record | None:
        """One document of the record with the quotes, claims, framing, events and actors
        found in it, each in record order; None when the record holds no such document."""
        row = self.connection.execute(
            "SELECT json FROM record_documents WHERE document = ?", (doc_id,)
        ).fetchone()
        if row is None:
            return None
        in_document = ("WHERE document = ?", (doc_id,))

        def listed_in(table: str, column: str) -> tuple[str, tuple[str]]:
            return f"WHERE id IN (SELECT {column} FROM {table} WHERE document = ?)", (doc_id,)

        return Record(
            documents=[Document.model_validate_json(row[0])],
            actors=self._load(Actor, "actors", *listed_in("mentions", "actor")),
            quotes=self._load(Quote, "quotes", *in_document),
            events=self._load(Event, "events", *listed_in("event_documents", "event")),
            claims=self._load(Claim, "claims", *in_document),
            framing=self._load(FramingSpan, "framing", *in_document),
        )

    # -- search and counts --------------------------------------------------------------

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Full-text hits in document text/titles and quotes.

        A query FTS5 cannot parse raises SearchQueryError with FTS5's reason, unless it uses
        no FTS5 operator: then its words are searched as one phrase.
        """
        # FTS5 reads a query as a C string: a NUL would cut it short (or open a phrase forever).
        cleaned = query.replace("\x00", "")
        if not cleaned.strip():
            raise SearchQueryError(f"search {query!r}: nothing to search for")
        try:
            return self._search(cleaned, limit)
        except sqlite3.OperationalError as error:
            if not str(error).startswith(_FTS5_QUERY_ERRORS):
                raise
            if _FTS5_SYNTAX.search(cleaned):
                raise SearchQueryError(f"search {query!r}: {error}") from error
        return self._search('"' + cleaned + '"', limit)

    def _search(self, query: str, limit: int) -> list[SearchHit]:
        hits: list[SearchHit] = []
        for doc_id, outlet, snippet in self.connection.execute(
            "SELECT f.document, d.outlet, snippet(documents_fts, 2, '[', ']', '…', 12)"
            " FROM documents_fts f JOIN documents d ON d.id = f.document"
            " WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?",
            (query, limit),
        ):
            hits.append(SearchHit("document", doc_id, outlet, snippet, doc_id))
        for quote_id, doc_id, outlet, snippet in self.connection.execute(
            "SELECT f.quote, f.document, d.outlet, snippet(quotes_fts, 2, '[', ']', '…', 12)"
            " FROM quotes_fts f JOIN documents d ON d.id = f.document"
            " WHERE quotes_fts MATCH ? ORDER BY rank LIMIT ?",
            (query, limit),
        ):
            hits.append(SearchHit("quote", doc_id, outlet, snippet, quote_id))
        return hits

    def counts(self) -> dict[str, int]:
        tables = (
            "documents",
            "document_sources",
            "analyses",
            "record_documents",
            "actors",
            "mentions",
            "quotes",
            "events",
            "claims",
            "findings",
            "framing",
            "stories",
            "quote_groups",
            "failures",
        )
        return {
            table: int(self.connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
            for table in tables
        }

    # -- plumbing ------------------------------------------------------------------------

    def _transaction(self) -> _Transaction:
        return _Transaction(self.connection)


class _Transaction:
    """BEGIN IMMEDIATE … COMMIT, rolled back on any error (including KeyboardInterrupt)."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def __enter__(self) -> None:
        self.connection.execute("BEGIN IMMEDIATE")

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.connection.execute("COMMIT" if kind is None else "ROLLBACK")


_Model = TypeVar("_Model", bound=BaseModel)


def _compacted(items: Iterable[_Model]) -> list[_Model]:
    """The items, each compacted as it is read (`presswatch.compact`): the memory one
    frees holds the next."""
    found = []
    for item in items:
        compact(item)
        found.append(item)
    return found


def lookup_key(kind: str, key: str | None) -> str:
    """What an actor is looked up by when new reports are linked: a person by surname (the
    last word of its name key, which every compatible name shares), anything else by its
    whole name key."""
    words = (key or "").split()
    if kind == "person":
        return words[-1] if words else ""
    return " ".join(words)


def _check_location(path: Path, create: bool) -> None:
    if not create and not path.exists():
        raise PresswatchError(f"{path}: no such store (run `presswatch analyze` first)")
    if path.is_dir():
        raise PresswatchError(f"{path}: is a directory, not a store file")
    if not path.parent.is_dir():
        raise PresswatchError(f"{path}: folder {path.parent} does not exist")


def _writable(path: Path) -> bool:
    return os.access(path, os.W_OK | (os.X_OK if path.is_dir() else 0))


def _connect_read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection (`mode=ro`). SQLite reads a WAL store through its -shm file;
    where that cannot be created (a folder nobody may write) and no write-ahead log holds
    pending changes, the file is read as immutable instead."""
    uri = path.resolve().as_uri()
    wal = path.with_name(path.name + "-wal")
    pending = wal.exists() and wal.stat().st_size > 0
    attempts = [f"{uri}?mode=ro"] + ([] if pending else [f"{uri}?mode=ro&immutable=1"])
    for attempt in attempts:
        # A web response streams the record from threads its server picks, one at a time;
        # a read-only connection used in turn by several threads is safe.
        connection = sqlite3.connect(
            attempt, uri=True, timeout=30, isolation_level=None, check_same_thread=False
        )
        try:
            connection.execute("PRAGMA busy_timeout=30000")
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return connection
        except sqlite3.DatabaseError as error:
            connection.close()
            failure = error
    if failure.sqlite_errorname == "SQLITE_NOTADB":
        raise PresswatchError(f"{path}: not a presswatch store ({failure})") from failure
    raise PresswatchError(f"{path}: cannot be read ({failure})") from failure


# A report `r` published within [since, until]; undated reports, or an open end, pass.
PUBLISHED_WITHIN = (
    "(r.published IS NULL OR ? IS NULL OR r.published >= ?)"
    " AND (r.published IS NULL OR ? IS NULL OR r.published <= ?)"
)


def _window(since: str | None, until: str | None) -> tuple[str | None, ...]:
    """The parameters of PUBLISHED_WITHIN."""
    return (since, since, until, until)


def _where(conditions: Sequence[tuple[str, Sequence[object]]]) -> tuple[str, list[object]]:
    """`WHERE a AND b …` and its parameters, from (clause, parameters) pairs; "" for none."""
    if not conditions:
        return "", []
    clauses = " AND ".join(clause for clause, _ in conditions)
    return f"WHERE {clauses}", [value for _, values in conditions for value in values]


def _statements(sql: str) -> list[str]:
    """Split a migration file into statements (our files hold no semicolons in strings)."""
    body = "\n".join(line for line in sql.splitlines() if not line.strip().startswith("--"))
    return [s.strip() for s in body.split(";") if s.strip()]
