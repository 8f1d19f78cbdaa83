"""JSON files: one article, a list of articles, or a list wrapped in an object."""

from __future__ import annotations

import json
from pathlib import Path

from presswatch.errors import InputError
from presswatch.ingest import read_inputs
from presswatch.model import Document
from presswatch.settings import Settings

ARTICLE = {
    "title": "Harbour reopens",
    "content": "The harbour reopened on Sunday after a week of storms, the port authority said.",
    "date": "9 February 2025",
    "site_name": "www.coastnews.example",
    "authors": ["Lina Aziz", "Tom Reyes"],
}


def read(path: Path) -> list[Document | InputError]:
    return list(read_inputs([str(path)], Settings()))


def test_single_article_object_is_one_document_with_common_field_names(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    path.write_text(json.dumps(ARTICLE))
    [document] = read(path)
    assert isinstance(document, Document)
    assert document.title == "Harbour reopens" and document.published == "2025-02-09"
    assert document.outlet == "coastnews.example"
    assert document.author == "Lina Aziz, Tom Reyes"
    assert document.source == f"{path}"


def test_wrapped_list_yields_each_article_and_names_bad_items(tmp_path: Path) -> None:
    path = tmp_path / "many.json"
    second = dict(ARTICLE, content="Fishing boats returned to sea on Monday morning.")
    path.write_text(json.dumps({"articles": [ARTICLE, {"title": "no body"}, second]}))
    items = read(path)
    assert [type(i).__name__ for i in items] == ["Document", "InputError", "Document"]
    assert str(items[1]) == f"{path}:item 2: no text field"


def test_broken_json_file_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"title": "x",')
    [error] = read(path)
    assert isinstance(error, InputError) and error.reason.startswith("not JSON")
