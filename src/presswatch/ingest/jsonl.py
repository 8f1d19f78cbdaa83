"""JSON Lines: one article per line with text, title, url, published, outlet."""

from __future__ import annotations

import json
from collections.abc import Iterator

from presswatch.errors import InputError
from presswatch.ingest.dates import parse_date
from presswatch.ingest.documents import build_document
from presswatch.model import Document
from presswatch.settings import Settings


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
        if not isinstance(item, dict):
            yield InputError(where, "not a JSON object")
            continue
        body = item.get("text") or item.get("content") or item.get("body")
        if not isinstance(body, str) or not body.strip():
            yield InputError(where, "no text field")
            continue
        published = item.get("published") or item.get("date")
        try:
            yield build_document(
                str(item.get("source") or item.get("url") or where),
                body,
                settings,
                title=_string(item.get("title")),
                published=parse_date(published) if isinstance(published, str) else None,
                outlet=_string(item.get("outlet")),
                author=_string(item.get("author")),
                url=_string(item.get("url")),
                language=_string(item.get("language")),
            )
        except InputError as error:
            yield InputError(where, error.reason)


def _string(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None
