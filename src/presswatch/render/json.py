"""The record as JSON: exactly the contract of DESIGN.md (`schema/record.schema.json`)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from presswatch.model import Record


def render_json(record: Record) -> str:
    return record.to_json() + "\n"


def write_record(record: Record, path: str | Path) -> None:
    Path(path).write_text(render_json(record), encoding="utf-8")


def write_record_text(pieces: Iterable[str], path: str | Path) -> None:
    """The record's JSON as `Store.record_text` streams it, written as `write_record` would
    write the loaded record."""
    with Path(path).open("w", encoding="utf-8") as out:
        out.writelines(pieces)
        out.write("\n")
