"""Hostile inputs: each bad part is one named error or warning, and nothing else is lost."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from presswatch.errors import InputError
from presswatch.ingest import read_inputs
from presswatch.ingest.sources import read_regular_file
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


# JSON Lines with bad bytes -----------------------------------------------------------


def test_nul_bytes_cost_a_jsonl_file_only_their_line(tmp_path: Path) -> None:
    path = tmp_path / "wire.jsonl"
    lines = [
        json.dumps({"text": HARBOUR}).encode(),
        b"\x00" * 64,  # a zero-filled block left by an interrupted write
        json.dumps({"text": WELLS, "title": "Wells"}).encode(),
    ]
    path.write_bytes(b"\n".join(lines) + b"\n")
    documents, errors = read_all(path)
    assert errors == [f"{path}:2: NUL bytes in the line (not JSON)"]
    assert [d.text for d in documents] == [HARBOUR, WELLS]
    assert [d.source for d in documents] == [f"{path}:1", f"{path}:3"]


def test_nul_inside_a_json_string_is_dropped_from_the_text(tmp_path: Path) -> None:
    path = tmp_path / "wire.jsonl"
    escaped = json.dumps({"text": HARBOUR.replace("storm", "st\u0000orm")})
    raw_nul = '{"text": "' + WELLS.replace("wells", "we\x00lls\t") + '"}'
    path.write_text(escaped + "\n" + raw_nul + "\n")
    documents, errors = read_all(path)
    assert errors == []
    assert [d.text for d in documents] == [HARBOUR, WELLS.replace("wells", "wells\t")]


def test_surrogates_written_as_bytes_in_jsonl_are_repaired_and_counted(tmp_path: Path) -> None:
    # CESU-8 and Java's modified UTF-8 write each half of a pair as three bytes.
    path = tmp_path / "wire.jsonl"
    pair, lone = "\ud83d\ude00".encode("utf-8", "surrogatepass"), b"\xed\xa0\x80"
    lines = [
        b'{"text": "' + HARBOUR.encode() + b" " + pair + b'"}',
        b'{"text": "' + WELLS.encode() + b" " + lone + b'"}',
    ]
    path.write_bytes(b"\n".join(lines))
    documents, errors = read_all(path)
    assert errors == []
    assert documents[0].text == HARBOUR + " \U0001f600" and documents[0].warnings == []
    assert documents[1].text == WELLS + " \ufffd"
    assert documents[1].warnings == ["1 unpaired surrogate replaced"]


def test_a_line_of_bad_bytes_costs_only_that_line(tmp_path: Path) -> None:
    path = tmp_path / "wire.jsonl"
    accented = HARBOUR.replace("Port officials", "Port officials (Hélène Haddad)")
    lines = [
        json.dumps({"text": accented}, ensure_ascii=False).encode(),
        b'{"text": "Corrupt \xff\xfe bytes in this line"}',
        b"{not json",
        # A raw U+2028 is text inside a JSON string, not the end of the line.
        json.dumps({"text": WELLS + "\u2028The council met again."}, ensure_ascii=False).encode(),
    ]
    path.write_bytes(b"\n".join(lines))
    documents, errors = read_all(path)
    assert errors == [
        f"{path}:2: not UTF-8 (byte 0xff at column 19)",
        f"{path}:3: not JSON (Expecting property name enclosed in double quotes)",
    ]
    # The good UTF-8 lines keep their accents: one bad line does not turn the file cp1252.
    assert documents[0].text == accented
    assert documents[1].source == f"{path}:4"
    assert documents[1].text == WELLS + "\nThe council met again."


def test_a_jsonl_file_wholly_in_a_legacy_code_page_is_still_read(tmp_path: Path) -> None:
    path = tmp_path / "old.jsonl"
    accented = HARBOUR.replace("Port officials", "Port officials (Hélène Haddad)")
    body = json.dumps({"text": accented}, ensure_ascii=False) + "\n"
    path.write_bytes((body + json.dumps({"text": WELLS}) + "\n").encode("cp1252"))
    documents, errors = read_all(path)
    assert errors == [] and [d.text for d in documents] == [accented, WELLS]


def test_a_binary_file_named_jsonl_names_only_its_first_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "garbage.jsonl"
    path.write_bytes(b"\x80\x00junk\n" * 50)
    documents, errors = read_all(path)
    assert documents == []
    assert errors[0] == f"{path}:1: NUL bytes in the line (not JSON)"
    assert len(errors) == 21 and errors[-1] == f"{path}: 30 more bad lines skipped (50 in all)"


# Pipes and devices -----------------------------------------------------------------


def read_within(seconds: float, *sources: str, settings: Settings) -> list[Document | InputError]:
    """read_inputs in a daemon thread, so a read that blocks fails the test, not hangs it."""
    items: list[Document | InputError] = []
    reader = threading.Thread(
        target=lambda: items.extend(read_inputs(list(sources), settings)), daemon=True
    )
    reader.start()
    reader.join(seconds)
    assert not reader.is_alive(), f"reading {sources} still blocked after {seconds} s"
    return items


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "incoming.txt"
    os.mkfifo(fifo)
    note = tmp_path / "note.txt"
    note.write_text(HARBOUR)
    items = read_within(10, str(fifo), str(note), settings=Settings())
    assert [str(i) for i in items if isinstance(i, InputError)] == [
        f"{fifo}: not a regular file (FIFO)"
    ]
    assert [i.text for i in items if isinstance(i, Document)] == [HARBOUR]


def test_dev_zero_is_refused_not_read_without_end(tmp_path: Path) -> None:
    note = tmp_path / "note.txt"
    note.write_text(WELLS)
    items = read_within(10, "/dev/zero", str(note), settings=Settings(max_file_bytes=1024))
    assert str(items[0]) == "/dev/zero: not a regular file (character device)"
    assert isinstance(items[1], Document) and items[1].text == WELLS


def test_a_folder_walk_names_each_fifo_and_device_and_reads_the_rest(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "b-pipe.txt")
    (tmp_path / "c-zero.txt").symlink_to("/dev/zero")
    (tmp_path / "a.txt").write_text(HARBOUR)
    (tmp_path / "d.txt").write_text(WELLS)
    items = read_within(10, str(tmp_path), settings=Settings())
    assert [str(i) for i in items if isinstance(i, InputError)] == [
        f"{tmp_path / 'b-pipe.txt'}: not a regular file (FIFO)",
        f"{tmp_path / 'c-zero.txt'}: not a regular file (character device)",
    ]
    assert [i.text for i in items if isinstance(i, Document)] == [HARBOUR, WELLS]


def test_size_limit_holds_for_the_bytes_read(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text(HARBOUR * 10)
    [error] = read_within(10, str(path), settings=Settings(max_file_bytes=100))
    assert str(error) == f"{path}: too large ({len(HARBOUR) * 10} bytes > 100)"


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc")
def test_a_file_that_reports_size_zero_is_held_to_the_limit_by_its_bytes() -> None:
    # /proc files are regular files that report st_size 0 and still have content.
    status = Path("/proc/self/status")
    assert status.stat().st_size == 0
    with pytest.raises(InputError) as refused:
        read_regular_file(status, 10)
    assert str(refused.value) == f"{status}: too large (over 10 bytes)"
    assert read_regular_file(status, 1_000_000).startswith(b"Name:")


# HTML nested past the parser's limit -------------------------------------------------


def test_paragraphs_under_a_thousand_nested_divs_keep_their_text(tmp_path: Path) -> None:
    depth = 1000
    paragraphs = [HARBOUR, WELLS, HARBOUR.replace("Tuesday", "Wednesday")]
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    page = (
        "<html><head><title>Cranes back soon</title></head><body>"
        + '<div class="wrap">' * depth
        + "<script>var hidden = 'not article text';</script>"
        + body
        + "</div>" * depth
        + "</body></html>"
    )
    deep = tmp_path / "deep.html"
    deep.write_text(page)
    shallow = tmp_path / "shallow.html"
    shallow.write_text(f"<html><head><title>Wells</title></head><body><p>{WELLS}</p></body></html>")
    documents, errors = read_all(deep, shallow)
    assert errors == []
    assert documents[0].text == "\n\n".join(paragraphs)
    assert documents[0].title == "Cranes back soon"
    assert documents[0].warnings == ["HTML nested too deep to parse; flattened past 200 levels"]
    assert documents[1].text == WELLS and documents[1].warnings == []


# HTML extraction that leaves text out ------------------------------------------------

LEAD = (
    "AQABA \u2014 Port officials said on Tuesday that two cranes damaged in last week's "
    "storm would be back in service by the end of the month."
)
STORY = [
    "The harbour council said the new berths would open in spring, once dredging ends.",
    "Fishing crews will be consulted on the schedule before any work begins, a spokesman said.",
    "Dredging of the channel is expected to take four months and cost about two million dinars.",
    "Local traders welcomed the plan but asked for compensation during the months of closure.",
    "The port handled a record number of containers last year, according to official figures.",
    "Environmental groups asked for a study of the coral reef near the northern breakwater.",
]


def news_page(article: str) -> str:
    return (
        "<html><head><title>Cranes back soon | Harbour Notes</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/port'>Port</a></nav>"
        "<div class='sidebar'><p>Subscribe to our newsletter for harbour news every day.</p></div>"
        f"{article}<footer><p>Copyright Harbour Notes. All rights reserved.</p></footer>"
        "</body></html>"
    )


def test_a_lead_paragraph_the_extractor_drops_is_put_back(tmp_path: Path) -> None:
    # A lead in its own box ahead of the story body is what trafilatura leaves out.
    body = "".join(f"<p>{p}</p>" for p in STORY)
    page = tmp_path / "cranes.html"
    page.write_text(
        news_page(
            "<article><h1>Cranes back soon</h1><p class='byline'>By Lina Aziz</p>"
            f"<div class='article-lead'><p>{LEAD}</p></div>"
            f"<div class='article-body'>{body}</div></article>"
        )
    )
    documents, errors = read_all(page)
    assert errors == []
    assert documents[0].text == "\n\n".join([LEAD, *STORY])
    assert documents[0].warnings == ["1 lead paragraph the extractor left out put back"]


def test_a_lead_the_extractor_keeps_is_not_doubled(tmp_path: Path) -> None:
    body = "".join(f"<p>{p}</p>" for p in [LEAD, *STORY])
    page = tmp_path / "cranes.html"
    page.write_text(news_page(f"<article><h1>Cranes back soon</h1>{body}</article>"))
    documents, errors = read_all(page)
    assert errors == []
    # trafilatura keeps the headline of this page as a line of its own.
    assert documents[0].text == "\n\n".join(["Cranes back soon", LEAD, *STORY])
    assert documents[0].warnings == []


def test_an_article_the_extractor_mostly_drops_is_read_from_its_paragraphs(
    tmp_path: Path,
) -> None:
    # Paragraphs split across boxes trafilatura takes for teasers: it keeps a third.
    boxes = "".join(
        f"<div class='{'teaser' if index % 3 else 'story-body'}'><p>{paragraph}</p></div>"
        for index, paragraph in enumerate([LEAD, *STORY])
    )
    page = tmp_path / "cranes.html"
    page.write_text(news_page(f"<article><h1>Cranes back soon</h1>{boxes}</article>"))
    other = tmp_path / "wells.html"
    other.write_text(news_page(f"<article><h1>Wells</h1><p>{WELLS}</p><p>{HARBOUR}</p></article>"))
    documents, errors = read_all(page, other)
    assert errors == []
    assert documents[0].text == "\n\n".join([LEAD, *STORY])
    [warning] = documents[0].warnings
    assert warning.startswith("extractor kept ")
    assert warning.endswith("% of the article's paragraph text; its paragraphs used instead")
    assert documents[1].text == f"Wells\n\n{WELLS}\n\n{HARBOUR}" and documents[1].warnings == []
