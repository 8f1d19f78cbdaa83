"""Hostile inputs: each bad part is one named error or warning, and nothing else is lost."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from presswatch.errors import InputError
from presswatch.ingest import read_inputs
from presswatch.model import Document, content_hash
from presswatch.settings import Settings

HARBOUR = (
    "Port officials in Aqaba said on Tuesday that two cranes damaged in last week's "
    "storm would be repaired by the end of the month, and that ships were being "
    "unloaded at the southern berths in the meantime."
)
WELLS = (
    "Villagers near Taiz have dug three new wells this winter with money sent by "
    "relatives abroad, the district council said, after the old pumps failed."
)


def read_all(*paths: Path) -> tuple[list[Document], list[str]]:
    """The documents and the one-line errors read from the inputs, in order."""
    items = list(read_inputs([str(p) for p in paths], Settings()))
    documents = [i for i in items if isinstance(i, Document)]
    return documents, [str(i) for i in items if isinstance(i, InputError)]


# Surrogates ------------------------------------------------------------------------


def test_lone_surrogate_in_a_jsonl_line_is_replaced_and_counted(tmp_path: Path) -> None:
    path = tmp_path / "wire.jsonl"
    # json.dumps writes the lone half as the escape "\ud800", as a broken exporter would.
    lone = {"text": HARBOUR.replace("storm", "storm \ud800"), "title": "Cranes \udc00"}
    path.write_text(json.dumps(lone) + "\n" + json.dumps({"text": WELLS}) + "\n")
    documents, errors = read_all(path)
    assert errors == []
    first, second = documents
    assert first.text == HARBOUR.replace("storm", "storm \ufffd")
    assert first.title == "Cranes \ufffd"
    assert first.warnings == ["2 unpaired surrogates replaced"]
    assert second.text == WELLS and second.warnings == []


def test_surrogate_pair_written_in_halves_in_json_is_its_character(tmp_path: Path) -> None:
    path = tmp_path / "wire.jsonl"
    path.write_text(json.dumps({"text": HARBOUR + " \ud83d\ude00"}) + "\n")
    documents, errors = read_all(path)
    assert errors == [] and documents[0].text == HARBOUR + " \U0001f600"
    assert documents[0].warnings == []


FEED_WITH_REFERENCES = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Harbour Notes</title>
<item><title>Cranes back soon &#55357;&#56832;</title>
<description>{HARBOUR} &#xD83D; end.</description></item>
<item><title>Wells dug</title>
<description>&lt;p&gt;{WELLS} &amp;#55357;&amp;#56832;&lt;/p&gt;</description></item>
<item><title>Plain item</title><description>{WELLS}</description></item>
</channel></rss>"""


def test_surrogate_references_in_a_feed_are_joined_or_replaced_per_item(tmp_path: Path) -> None:
    path = tmp_path / "harbour.rss"
    path.write_text(FEED_WITH_REFERENCES, encoding="utf-8")
    documents, errors = read_all(path)
    assert errors == []
    assert [d.title for d in documents] == [
        "Cranes back soon \U0001f600",
        "Wells dug",
        "Plain item",
    ]
    assert documents[0].text == HARBOUR + " \ufffd end."
    assert documents[0].warnings == ["1 unpaired surrogate replaced"]
    # An escaped HTML body spells its references once unescaped: still one character.
    assert documents[1].text == WELLS + " \U0001f600" and documents[1].warnings == []
    assert documents[2].text == WELLS and documents[2].warnings == []


def test_surrogate_references_in_an_html_page_are_joined_and_counted(tmp_path: Path) -> None:
    path = tmp_path / "cranes.html"
    page = (
        "<html><head><title>Cranes back soon</title></head><body><article>"
        f"<p>{HARBOUR} &#55357;&#56832;</p><p>{WELLS} &#56832;</p></article></body></html>"
    )
    path.write_text(page, encoding="utf-8")
    documents, errors = read_all(path)
    assert errors == []
    assert documents[0].text == f"{HARBOUR} \U0001f600\n\n{WELLS} \ufffd"
    assert documents[0].warnings == ["1 unpaired surrogate replaced"]


@given(st.text(st.characters(categories=["Cs", "L", "Zs", "So"])))
def test_content_hash_never_raises(text: str) -> None:
    assert len(content_hash(text)) == 64
