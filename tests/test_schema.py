"""The committed JSON Schema is the one the record types generate, and records validate."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema  # type: ignore[import-untyped]  # no stubs pinned; validation only

from presswatch.link import link_corpus
from presswatch.model import record_json_schema
from presswatch.settings import Settings
from tests.conftest import Analyse

SCHEMA_FILE = Path(__file__).resolve().parents[1] / "schema" / "record.schema.json"


def test_committed_schema_is_current() -> None:
    committed = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert committed == record_json_schema(), (
        "schema/record.schema.json is stale: run "
        "`.venv/bin/python -m presswatch.model > schema/record.schema.json`"
    )


def test_record_of_a_short_report_validates(analyse: Analyse) -> None:
    text = (
        "Foreign Minister Abbas Araghchi met his Omani counterpart in Muscat on Monday. "
        '"We discussed the region," Araghchi said.'
    )
    record = link_corpus([analyse(text, outlet="IRNA", published="2025-03-03")], Settings())
    payload = json.loads(record.to_json())
    jsonschema.validate(payload, json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))
    assert payload["schema"] == "presswatch.record/1"
    assert set(payload) >= {
        "documents",
        "actors",
        "quotes",
        "events",
        "claims",
        "findings",
        "framing",
        "stories",
        "quote_groups",
    }


def test_schema_rejects_a_record_that_breaks_the_contract() -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    text = '"We came," Darwish said.'
    record = {
        "schema": "presswatch.record/1",
        "documents": [{"id": "d1", "source": "a.txt", "text": text}],
        "quotes": [
            {"id": "q1", "doc": "d1", "start": 1, "end": 8, "text": "We came", "kind": "paraphrase"}
        ],
    }
    try:
        jsonschema.validate(record, schema)
    except jsonschema.ValidationError as error:
        assert "paraphrase" in error.message
    else:
        raise AssertionError("a quote kind outside direct|indirect|mixed validated")


def test_mention_kinds_event_types_and_framing_categories_are_closed_sets() -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    span = {"doc": "d1", "start": 0, "end": 7}
    for field, record in (
        (
            "actors",
            {
                "id": "a1",
                "name": "Darwish",
                "kind": "person",
                "mentions": [{**span, "text": "Darwish", "kind": "nickname"}],
            },
        ),
        ("events", {"id": "e1", "type": "meeting", "cameo": "040", "label": "Consult"}),
        ("framing", {**span, "text": "regime", "category": "loaded"}),
    ):
        payload = {"schema": "presswatch.record/1", field: [record]}
        try:
            jsonschema.validate(payload, schema)
        except jsonschema.ValidationError as error:
            assert error.validator == "enum", field
        else:
            raise AssertionError(f"{field}: a value outside the contract validated")
