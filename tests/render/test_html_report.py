"""The HTML report: article text is escaped everywhere and highlights nest properly."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import ClassVar

from presswatch.model import (
    Actor,
    Document,
    Finding,
    Mention,
    Quote,
    Record,
    Span,
    document_id,
)
from presswatch.render.highlight import Annotation, highlight
from presswatch.render.html import render_report

HOSTILE = '<script>alert(1)</script> and <img src=x onerror=alert(1)> "quoted"'


class TagBalance(HTMLParser):
    """Fails on any closing tag that does not match the innermost open one."""

    VOID: ClassVar[set[str]] = {"meta", "br", "img", "input", "link"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()


def hostile_record() -> Record:
    text = f"The minister said: {HOSTILE}. Later he left."
    doc = document_id(text)
    start = text.index("<script>")
    end = start + len(HOSTILE)
    actor = Actor(
        id="a1",
        name="<b>Minister</b><script>x()</script>",
        kind="person",
        aliases=["<img src=y onerror=z()>"],
        mentions=[Mention(doc=doc, start=4, end=12, text="minister")],
    )
    quote = Quote(
        id="q1",
        doc=doc,
        start=start,
        end=end,
        text=HOSTILE,
        spans=[(start, end)],
        speaker="a1",
        cue="said",
    )
    finding = Finding(
        id="f1",
        kind="contradiction",
        summary=HOSTILE,
        evidence=[Span(doc=doc, start=start, end=end, text=HOSTILE)],
    )
    return Record(
        documents=[
            Document(
                id=doc, source="<x>.txt", outlet="<script>o()</script>", title=HOSTILE, text=text
            )
        ],
        actors=[actor],
        quotes=[quote],
        findings=[finding],
    )


def test_script_and_event_handlers_in_article_text_render_as_text() -> None:
    page = render_report(hostile_record())
    assert "<script>" not in page and "<img" not in page
    assert "onerror=alert(1)" not in page.replace("onerror=alert(1)&gt;", "")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    parser = TagBalance()
    parser.feed(page)
    assert "script" not in parser.tags and "img" not in parser.tags
    assert parser.stack == []


def test_page_loads_nothing_from_outside() -> None:
    page = render_report(hostile_record())
    assert not re.search(r"(src|href)=\"(https?:)?//", page)
    assert "default-src 'none'" in page


def test_crossing_highlights_are_split_so_tags_nest() -> None:
    text = "alpha beta gamma delta"
    markup = highlight(
        text,
        [
            Annotation(0, 10, "q", (("id", "q1"),)),
            Annotation(6, 16, "mark", (("id", "m1"),)),
        ],
    )
    parser = TagBalance()
    parser.feed(markup)
    assert parser.stack == []
    assert markup.count('id="m1"') == 1  # the id stays on the first piece only
    assert re.sub(r"<[^>]+>", "", markup) == text


def test_mention_inside_quote_nests_inside_it() -> None:
    markup = highlight("He said it was fine", [Annotation(0, 19, "q"), Annotation(8, 10, "mark")])
    assert markup == "<q>He said <mark>it</mark> was fine</q>"


def test_every_quote_shows_its_speaker_and_kind() -> None:
    page = render_report(hostile_record())
    assert 'data-speaker="&lt;b&gt;Minister&lt;/b&gt;&lt;script&gt;x()&lt;/script&gt;"' in page
    assert 'class="quote direct sp0"' in page


def test_contradictions_are_listed_before_corroborations() -> None:
    record = hostile_record()
    record.findings = [
        Finding(id="f2", kind="corroboration", summary="agree"),
        Finding(id="f1", kind="contradiction", summary="disagree"),
    ]
    page = render_report(record)
    assert page.index('id="f1"') < page.index('id="f2"')
