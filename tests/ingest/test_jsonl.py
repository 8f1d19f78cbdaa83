"""JSON Lines: one article per line; a bad line is one error, the rest goes on."""

from __future__ import annotations

import json
from pathlib import Path

from presswatch.errors import InputError
from presswatch.ingest import read_inputs
from presswatch.model import Document
from presswatch.settings import Settings


def test_each_line_is_a_document_and_bad_lines_name_their_number(tmp_path: Path) -> None:
    good = {
        "text": "Qatar's prime minister said the mediators were cautiously optimistic on Friday.",
        "title": "Mediators optimistic",
        "url": "https://wire.example/1",
        "published": "2025-01-31T10:00:00Z",
        "outlet": "Levant Wire",
    }
    path = tmp_path / "batch.jsonl"
    path.write_text(
        json.dumps(good) + "\n{not json\n" + json.dumps({"title": "no text"}) + "\n\n[1, 2]\n"
    )
    items = list(read_inputs([str(path)], Settings()))
    documents = [i for i in items if isinstance(i, Document)]
    errors = [str(i) for i in items if isinstance(i, InputError)]
    assert len(documents) == 1
    assert documents[0].title == "Mediators optimistic"
    assert documents[0].published == "2025-01-31"
    assert documents[0].outlet == "Levant Wire"
    assert documents[0].source == "https://wire.example/1"
    assert errors == [
        f"{path}:2: not JSON (Expecting property name enclosed in double quotes)",
        f"{path}:3: no text field",
        f"{path}:5: not a JSON object",
    ]
