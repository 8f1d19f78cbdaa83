"""The stored corpus record as one table per record kind (`presswatch export`): Parquet
files that DuckDB, Spark or pandas read where the store outgrows SQLite, or JSON lines.

Each kind of record (documents, actors, quotes, events, claims, findings, framing,
stories, quote groups) is a table whose columns are its model's fields
(`presswatch.model`), so a field added to the record contract is a column added here. A
nested object (a claim's value, an event's date) becomes columns named `field_subfield`;
a list of names or ids stays a list column; any other nested value (a finding's evidence
spans, a story's timeline) is a JSON text column. Lists of a kind's parts are tables of
their own with their owner's id: an actor's mentions (`mentions`, column `actor`), an
event's participants (`participants`, column `event`) and mention spans
(`event_mentions`). Rows are read from the store and written a chunk at a time, so
memory stays flat however large the corpus.
"""

from __future__ import annotations

import json
import types
from collections.abc import Callable, Iterator, Mapping
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Protocol, Union, get_args, get_origin

from pydantic import BaseModel

from presswatch.errors import PresswatchError
from presswatch.model import (
    Actor,
    Claim,
    Document,
    Event,
    Finding,
    FramingSpan,
    Mention,
    Participant,
    Quote,
    QuoteGroup,
    Span,
    Story,
)
from presswatch.store import Store

ExportFormat = Literal["parquet", "jsonl"]
EXPORT_FORMATS: tuple[ExportFormat, ...] = ("parquet", "jsonl")
# Stored rows read and written at a time: what an export holds in memory.
CHUNK_ROWS = 2000


@dataclass(frozen=True)
class Column:
    """A table column: where its value sits in a stored row's JSON, and its type (a
    scalar, a list of scalars, or JSON text for any other nested value)."""

    name: str
    path: tuple[str, ...]
    kind: Literal["string", "int", "float", "bool", "strings", "json"]


@dataclass(frozen=True)
class Part:
    """A list field of a kind exported as a table of its own, keyed by its owner's id."""

    field: str
    table: str
    model: type[BaseModel]
    owner_column: str


@dataclass(frozen=True)
class TableKind:
    """One record kind: the `Record` field (and store table) its rows come from, its model,
    and the list fields that are tables of their own."""

    name: str
    model: type[BaseModel]
    parts: tuple[Part, ...] = field(default=())


TABLES: tuple[TableKind, ...] = (
    TableKind("documents", Document),
    TableKind("actors", Actor, (Part("mentions", "mentions", Mention, "actor"),)),
    TableKind("quotes", Quote),
    TableKind(
        "events",
        Event,
        (
            Part("participants", "participants", Participant, "event"),
            Part("mentions", "event_mentions", Span, "event"),
        ),
    ),
    TableKind("claims", Claim),
    TableKind("findings", Finding),
    TableKind("framing", FramingSpan),
    TableKind("stories", Story),
    TableKind("quote_groups", QuoteGroup),
)

_SCALARS: dict[type, Literal["string", "int", "float", "bool"]] = {
    str: "string",
    bool: "bool",
    int: "int",
    float: "float",
}


def _without_none(annotation: Any) -> Any:
    """`X | None` as X (every column may be null: older rows lack newer fields)."""
    if get_origin(annotation) in (Union, types.UnionType):
        rest = [a for a in get_args(annotation) if a is not type(None)]
        if len(rest) == 1:
            return rest[0]
    return annotation


def _scalar(annotation: Any) -> Literal["string", "int", "float", "bool"] | None:
    if get_origin(annotation) is Literal:
        values = get_args(annotation)
        return _SCALARS.get(type(values[0])) if values else None
    return _SCALARS.get(annotation) if isinstance(annotation, type) else None


def columns(
    model: type[BaseModel], skip: tuple[str, ...] = (), prefix: tuple[str, ...] = ()
) -> list[Column]:
    """A model's fields as columns; a nested model's fields as `field_subfield` columns."""
    found: list[Column] = []
    for name, info in model.model_fields.items():
        if name in skip:
            continue
        annotation = _without_none(info.annotation)
        path = (*prefix, name)
        label = "_".join(path)
        scalar = _scalar(annotation)
        if scalar is not None:
            found.append(Column(label, path, scalar))
        elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
            found.extend(columns(annotation, prefix=path))
        elif get_origin(annotation) is list and _scalar(get_args(annotation)[0]) == "string":
            found.append(Column(label, path, "strings"))
        else:
            found.append(Column(label, path, "json"))
    return found


def _value(row: Mapping[str, Any], column: Column) -> Any:
    value: Any = row
    for key in column.path:
        value = value.get(key) if isinstance(value, dict) else None
    if column.kind == "json":
        return None if value is None else json.dumps(value, ensure_ascii=False)
    if column.kind == "float" and isinstance(value, int):
        return float(value)
    return value


@dataclass
class _Table:
    """One output table being written: its columns and the rows not yet written."""

    name: str
    columns: list[Column]
    pending: list[dict[str, Any]] = field(default_factory=list)
    rows: int = 0

    def add(self, row: Mapping[str, Any], extra: Mapping[str, Any] | None = None) -> None:
        values = {c.name: _value(row, c) for c in self.columns}
        if extra:
            values = {**extra, **values}
        self.pending.append(values)
        self.rows += 1


class _Sink(Protocol):
    """Where a table's rows go: a Parquet file or a JSON lines file."""

    def write(self, rows: list[dict[str, Any]]) -> None: ...

    def close(self) -> None: ...


class _JsonLines:
    def __init__(self, path: Path) -> None:
        self.handle = path.open("w", encoding="utf-8")

    def write(self, rows: list[dict[str, Any]]) -> None:
        for row in rows:
            self.handle.write(json.dumps(row, ensure_ascii=False) + "\n")

    def close(self) -> None:
        self.handle.close()


def _arrow() -> tuple[Any, Any]:
    """pyarrow and pyarrow.parquet, imported only when Parquet is written."""
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError as error:
        raise PresswatchError(
            "--format parquet needs pyarrow: pip install 'presswatch[export]'"
        ) from error
    return pyarrow, pyarrow.parquet


class _Parquet:
    def __init__(self, path: Path, table: _Table, owner: str | None = None) -> None:
        pa, pq = _arrow()
        types_ = {
            "string": pa.string(),
            "int": pa.int64(),
            "float": pa.float64(),
            "bool": pa.bool_(),
            "strings": pa.list_(pa.string()),
            "json": pa.string(),
        }
        fields = [pa.field(owner, pa.string())] if owner else []
        fields += [pa.field(c.name, types_[c.kind]) for c in table.columns]
        self.schema = pa.schema(fields)
        self.arrow = pa
        self.writer = pq.ParquetWriter(str(path), self.schema)

    def write(self, rows: list[dict[str, Any]]) -> None:
        self.writer.write_table(self.arrow.Table.from_pylist(rows, schema=self.schema))

    def close(self) -> None:
        self.writer.close()


SINKS: dict[str, Callable[[Path, _Table, str | None], _Sink]] = {
    "parquet": lambda path, table, owner: _Parquet(path, table, owner),
    "jsonl": lambda path, table, owner: _JsonLines(path),
}
SUFFIXES = {"parquet": ".parquet", "jsonl": ".jsonl"}


def _flush(tables: list[_Table], sinks: Mapping[str, _Sink], at_least: int) -> None:
    """Write the pending rows of every table holding at least `at_least` of them."""
    for table in tables:
        if table.pending and len(table.pending) >= at_least:
            sinks[table.name].write(table.pending)
            table.pending = []


def export_tables(
    store: Store, folder: str | Path, format: str = "parquet", chunk: int = CHUNK_ROWS
) -> dict[str, int]:
    """Write every record kind of the store's corpus record to `folder` (made if missing)
    as `<table>.parquet` or `<table>.jsonl`; the rows written per table."""
    if format not in SINKS:
        raise PresswatchError(f"export format {format!r}: one of {', '.join(EXPORT_FORMATS)}")
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    for kind in TABLES:
        with ExitStack() as stack:
            skip = tuple(p.field for p in kind.parts)
            main = _Table(kind.name, columns(kind.model, skip))
            parts = [(p, _Table(p.table, columns(p.model))) for p in kind.parts]
            sinks: dict[str, _Sink] = {}
            for table, owner in [(main, None), *((t, p.owner_column) for p, t in parts)]:
                sink = SINKS[format](out / f"{table.name}{SUFFIXES[format]}", table, owner)
                stack.callback(sink.close)
                sinks[table.name] = sink
            tables = [main, *(t for _, t in parts)]
            for rows in store.record_json(kind.name, chunk):
                for text in rows:
                    row = json.loads(text)
                    main.add(row)
                    for part, table in parts:
                        for item in row.get(part.field) or []:
                            table.add(item, {part.owner_column: row.get("id")})
                    # A part table fills faster than its owner's (a person named in
                    # thousands of reports): it is written as soon as it holds a chunk.
                    _flush(tables, sinks, chunk)
                _flush(tables, sinks, 1)
            counts[main.name] = main.rows
            counts.update((t.name, t.rows) for _, t in parts)
    return counts


def iter_tables() -> Iterator[str]:
    """Every table name an export writes, owner tables first."""
    for kind in TABLES:
        yield kind.name
        yield from (p.table for p in kind.parts)
