"""The JSON rendering is exactly the record's contract and reads back unchanged."""

from __future__ import annotations

import json
from pathlib import Path

from presswatch.model import Document, Record, document_id
from presswatch.render.json import render_json, write_record


def small_record() -> Record:
    text = 'Darwish said: "We came to Tehran." <script>x()</script>'
    return Record(documents=[Document(id=document_id(text), source="a.txt", text=text)])


def test_rendered_json_is_the_records_own_json() -> None:
    record = small_record()
    assert render_json(record) == record.to_json() + "\n"
    assert json.loads(render_json(record))["schema"] == "presswatch.record/1"


def test_written_record_reads_back_as_the_same_record(tmp_path: Path) -> None:
    record = small_record()
    path = tmp_path / "record.json"
    write_record(record, path)
    assert Record.model_validate_json(path.read_text(encoding="utf-8")) == record
