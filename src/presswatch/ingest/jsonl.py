"""JSON Lines and JSON files: articles as objects with text, title, url, published, outlet."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from presswatch.errors import InputError
from presswatch.ingest.dates import parse_date
from presswatch.ingest.documents import build_document
from presswatch.model import Document
from presswatch.settings import Settings

# Field names exporters use for the same thing, in order of preference.
TEXT_FIELDS = ("text", "content", "body", "article", "maintext")
DATE_FIELDS = ("published", "date", "published_at", "date_publish", "pubdate")
# A JSON file may wrap its articles in one of these lists.
LIST_FIELDS = ("articles", "items", "documents", "data", "results")


def read_jsonl(source: str, text: str, settings: Settings) -> Iterator[Document | InputError]:
    """Each good line is a document; a bad line is an error naming its line number."""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            item = json.loads(line)
        except json.JSONDecodeError as error:
            yield InputError(where, f"not JSON ({error.msg})")
            continue
        yield _article(where, item, settings)


def read_json(source: str, text: str, settings: Settings) -> Iterator[Document | InputError]:
    """A JSON file holding one article, a list of them, or {"articles": [...]}."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        yield InputError(source, f"not JSON ({error.msg} at line {error.lineno})")
        return
    if isinstance(data, dict):
        wrapped = next((data[k] for k in LIST_FIELDS if isinstance(data.get(k), list)), None)
        if wrapped is None:
            yield _article(source, data, settings)
            return
        data = wrapped
    if not isinstance(data, list):
        yield InputError(source, "JSON is neither an article nor a list of articles")
        return
    for index, item in enumerate(data, start=1):
        yield _article(f"{source}:item {index}", item, settings)


def _article(where: str, item: Any, settings: Settings) -> Document | InputError:
    """One JSON object as a Document, or an error naming where it sits."""
    if not isinstance(item, dict):
        return InputError(where, "not a JSON object")
    body = next((item[k] for k in TEXT_FIELDS if _string(item.get(k))), None)
    if not isinstance(body, str):
        return InputError(where, "no text field")
    published = next((item[k] for k in DATE_FIELDS if _string(item.get(k))), None)
    try:
        return build_document(
            str(item.get("source") or item.get("url") or where),
            body,
            settings,
            title=_string(item.get("title")),
            published=parse_date(published) if isinstance(published, str) else None,
            outlet=_string(item.get("outlet")) or _string(item.get("site_name")),
            author=_author(item.get("author") or item.get("authors")),
            url=_string(item.get("url")),
            language=_string(item.get("language")),
        )
    except InputError as error:
        return InputError(where, error.reason)


def _string(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _author(value: object) -> str | None:
    if isinstance(value, list):
        names = [name for name in (_string(v) for v in value) if name]
        return ", ".join(names) or None
    return _string(value)
