"""The record as JSON: exactly the contract of DESIGN.md (`schema/record.schema.json`)."""

from __future__ import annotations

from pathlib import Path

from presswatch.model import Record


def render_json(record: Record) -> str:
    return record.to_json() + "\n"


def write_record(record: Record, path: str | Path) -> None:
    Path(path).write_text(render_json(record), encoding="utf-8")
