"""Event data: the record's coded events as one row per source-target pair, in the columns
Phoenix and GDELT users expect (`presswatch events --format tsv|csv|jsonl`).

Each row is a dyad: date, source actor and code, target actor and code, CAMEO code, root
code, quad class and Goldstein value (data/goldstein.yaml), the document, the sentence's
character offsets and the report's URL, who claims the event (an event told inside a quote
or a reported clause) and whether it is negated ("did not meet"). An event with several
sources or targets gives one row per pair; an event with no source or no target gives one
row with that side empty.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from itertools import product
from typing import Literal, TextIO

from presswatch.lang.data import GOLDSTEIN, GoldsteinTable
from presswatch.model import Event, Participant, Record

EventFormat = Literal["tsv", "csv", "jsonl"]
FORMATS: tuple[EventFormat, ...] = ("tsv", "csv", "jsonl")

COLUMNS = (
    "event_id",
    "date",
    "date_end",
    "date_precision",
    "source",
    "source_code",
    "target",
    "target_code",
    "cameo",
    "root_code",
    "quad_class",
    "goldstein",
    "document",
    "sentence_start",
    "sentence_end",
    "url",
    "place",
    "claimed_by",
    "negated",
)


Row = dict[str, str | int | float | bool | None]


def event_rows(record: Record) -> Iterator[Row]:
    """One row per source-target pair of each event, in record order."""
    table = GOLDSTEIN.load()
    names = {a.id: a.name for a in record.actors}
    urls = {d.id: d.url for d in record.documents}
    for event in record.events:
        sources: list[Participant | None] = [p for p in event.participants if p.role == "source"]
        targets: list[Participant | None] = [p for p in event.participants if p.role == "target"]
        for source, target in product(sources or [None], targets or [None]):
            yield row(event, source, target, names, urls, table)


def row(
    event: Event,
    source: Participant | None,
    target: Participant | None,
    names: dict[str, str],
    urls: dict[str, str | None],
    table: GoldsteinTable,
) -> Row:
    mention = event.mentions[0] if event.mentions else None
    date = event.date
    return {
        "event_id": event.id,
        "date": date.start if date else None,
        "date_end": date.end if date else None,
        "date_precision": date.precision if date else None,
        "source": names.get(source.actor, source.actor) if source else None,
        "source_code": source.code if source else None,
        "target": names.get(target.actor, target.actor) if target else None,
        "target_code": target.code if target else None,
        "cameo": event.cameo,
        "root_code": event.root or event.cameo[:2],
        "quad_class": table.quad_class(event.cameo),
        "goldstein": table.goldstein(event.cameo),
        "document": mention.doc if mention else None,
        "sentence_start": mention.start if mention else None,
        "sentence_end": mention.end if mention else None,
        "url": urls.get(mention.doc) if mention else None,
        "place": event.place,
        "claimed_by": names.get(event.claimed_by, event.claimed_by) if event.claimed_by else None,
        "negated": event.negated,
    }


def write_events(record: Record, out: TextIO, format: str) -> int:
    """Write the record's event rows to `out` in one of FORMATS; the number of rows
    written. TSV and CSV have a header line; an empty cell is a missing value; negated is
    true/false."""
    if format not in FORMATS:
        raise ValueError(f"{format!r} is not one of {', '.join(FORMATS)}")
    count = 0
    if format == "jsonl":
        for item in event_rows(record):
            out.write(json.dumps(item, ensure_ascii=False) + "\n")
            count += 1
        return count
    writer = csv.writer(out, delimiter="\t" if format == "tsv" else ",", lineterminator="\n")
    writer.writerow(COLUMNS)
    for item in event_rows(record):
        writer.writerow([cell(item[column]) for column in COLUMNS])
        count += 1
    return count


def cell(value: str | int | float | bool | None) -> str:
    """A value as one TSV/CSV cell; tabs and line breaks inside text become spaces."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return " ".join(str(value).split()) if isinstance(value, str) else str(value)
