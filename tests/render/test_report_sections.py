"""What each section of the HTML report promises: anchors, speakers, order, extension."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from html.parser import HTMLParser

import pytest

from presswatch.model import (
    Actor,
    Claim,
    ClaimValue,
    Document,
    Finding,
    FramingSpan,
    Mention,
    Quote,
    QuoteGroup,
    Record,
    Span,
    Story,
    document_id,
)
from presswatch.render import contents
from presswatch.render.html import add_link, add_section, render_report
from presswatch.render.sections import mention_anchor

HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(1)>"

TEXT = (
    '"We came to Tehran," Darwish said, "to say that the blood was not shed in vain." '
    'The Leader said the Zionist regime had failed. "Over 50,000 martyrs fell," he said. '
    'Officials called it an "axis of resistance".'
)


class Elements(HTMLParser):
    """Every element that carries an id, with its tag and attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.by_id: dict[str, tuple[str, dict[str, str | None]]] = {}
        self.duplicates: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        element_id = attributes.get("id")
        if element_id is not None:
            if element_id in self.by_id:
                self.duplicates.append(element_id)
            self.by_id[element_id] = (tag, attributes)


def at(fragment: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = TEXT.index(fragment, start + 1)
    return start, start + len(fragment)


def meeting_record() -> Record:
    doc = document_id(TEXT)
    darwish = Actor(
        id="a1",
        name="Mohammad Ismail Darwish",
        kind="person",
        mentions=[Mention(doc=doc, start=at("Darwish")[0], end=at("Darwish")[1], text="Darwish")],
    )
    leader = Actor(
        id="a2",
        name="Ali Khamenei",
        kind="person",
        aliases=["the Leader"],
        mentions=[
            Mention(doc=doc, start=at("The Leader")[0], end=at("The Leader")[1], text="The Leader"),
            Mention(
                doc=doc,
                start=at(" he said")[0] + 1,
                end=at(" he said")[0] + 3,
                text="he",
                kind="pronoun",
            ),
        ],
    )
    first, second = at("We came to Tehran,"), at("to say that the blood was not shed in vain.")
    quotes = [
        Quote(
            id="q1",
            doc=doc,
            start=first[0],
            end=second[1],
            text="…",
            spans=[first, second],
            speaker="a1",
            cue="said",
        ),
        Quote(
            id="q2",
            doc=doc,
            start=at("the Zionist regime had failed")[0],
            end=at("the Zionist regime had failed")[1],
            text="the Zionist regime had failed",
            kind="indirect",
            speaker="a2",
            cue="said",
        ),
        Quote(
            id="q3",
            doc=doc,
            start=at("Over 50,000 martyrs fell,")[0],
            end=at("Over 50,000 martyrs fell,")[1],
            text="Over 50,000 martyrs fell,",
            speaker="a2",
            cue="said",
        ),
        Quote(
            id="q4",
            doc=doc,
            start=at("axis of resistance")[0],
            end=at("axis of resistance")[1],
            text="axis of resistance",
            speaker=None,
        ),
    ]
    claim_span = at("Over 50,000 martyrs")
    claim = Claim(
        id="c1",
        doc=doc,
        start=claim_span[0],
        end=claim_span[1],
        text="Over 50,000 martyrs",
        subject="martyrs",
        value=ClaimValue(type="quantity", amount=50000, qualifier=">"),
    )
    framing = FramingSpan(
        doc=doc,
        start=at("Zionist regime")[0],
        end=at("Zionist regime")[1],
        text="Zionist regime",
        category="loaded_label",
        neutral="Israel",
    )
    return Record(
        documents=[
            Document(
                id=doc,
                source="tt.txt",
                outlet="Tehran Times",
                title="Leader",
                published="2025-02-08",
                text=TEXT,
            )
        ],
        actors=[darwish, leader],
        quotes=quotes,
        claims=[claim],
        framing=[framing],
    )


@pytest.fixture
def sections(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Let a test extend the report's sections and links on copies of the registries."""
    monkeypatch.setattr(contents, "SECTIONS", copy.deepcopy(contents.SECTIONS))
    monkeypatch.setattr(contents, "LINKS", copy.deepcopy(contents.LINKS))
    yield


def test_every_quote_id_is_on_its_highlight_with_the_speakers_name() -> None:
    record = meeting_record()
    page = render_report(record)
    parser = Elements()
    parser.feed(page)
    names = {a.id: a.name for a in record.actors}
    for quote in record.quotes:
        tag, attributes = parser.by_id[quote.id]
        assert tag == "q"
        assert attributes["data-speaker"] == names.get(quote.speaker or "", "unattributed")
        assert attributes["data-kind"] == quote.kind
        assert f'href="#{quote.id}"' in page  # listed under its speaker in "Quotes by speaker"


def test_a_split_quote_keeps_its_speaker_on_both_fragments_and_its_id_on_the_first() -> None:
    page = render_report(meeting_record())
    assert page.count('data-speaker="Mohammad Ismail Darwish"') == 2
    assert page.count('id="q1"') == 1
    assert page.index('id="q1"') < page.index("to say that the blood")


def test_mentions_and_claims_have_anchors_and_ids_are_unique() -> None:
    record = meeting_record()
    parser = Elements()
    parser.feed(render_report(record))
    assert parser.duplicates == []
    for actor in record.actors:
        for m in actor.mentions:
            tag, attributes = parser.by_id[mention_anchor(m.doc, m.start, m.end)]
            assert tag == "mark" and attributes["data-actor"] == actor.id
    assert parser.by_id["c1"][0] == "mark"


def test_framing_terms_are_marked_with_their_neutral_term() -> None:
    page = render_report(meeting_record())
    assert 'class="framing" title="loaded_label; neutral: Israel">Zionist regime</mark>' in page


def test_findings_of_a_story_with_a_contradiction_come_before_a_story_of_corroborations() -> None:
    record = meeting_record()
    doc = record.documents[0].id
    record.stories = [Story(id="s1", documents=[doc]), Story(id="s2", documents=[doc])]
    record.findings = [
        Finding(id="f1", kind="corroboration", summary="agree", story="s1"),
        Finding(id="f2", kind="single_source", summary="alone", story="s2"),
        Finding(id="f3", kind="contradiction", summary="disagree", story="s2", claims=["c1"]),
    ]
    page = render_report(record)
    assert page.index('id="f3"') < page.index('id="f2"') < page.index('id="f1"')
    assert 'href="#c1"' in page  # a finding without evidence spans links its claims


def test_evidence_of_a_finding_is_an_anchor_in_the_document_text() -> None:
    record = meeting_record()
    doc = record.documents[0].id
    start, end = at("Over 50,000 martyrs")
    record.findings = [
        Finding(
            id="f1",
            kind="contradiction",
            summary="x",
            evidence=[Span(doc=doc, start=start, end=end, text="Over 50,000")],
        )
    ]
    page = render_report(record)
    assert f'href="#{doc}-{start}-{end}"' in page and f'id="{doc}-{start}-{end}"' in page


def test_hostile_text_in_every_field_renders_as_text() -> None:
    record = meeting_record()
    doc = record.documents[0]
    doc.title, doc.outlet, doc.source = HOSTILE, HOSTILE, HOSTILE
    record.actors[0].name = HOSTILE
    record.actors[0].roles = [HOSTILE]
    record.quotes[1].text = HOSTILE
    record.quotes[1].cue = HOSTILE
    record.claims[0].subject = HOSTILE
    record.framing[0].neutral = HOSTILE
    record.stories = [Story(id="s1", documents=[doc.id], label=HOSTILE, place=HOSTILE)]
    record.findings = [Finding(id="f1", kind="contradiction", summary=HOSTILE, diff=HOSTILE)]
    page = render_report(record, title=HOSTILE)
    assert "<script" not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;" in page


@pytest.mark.usefixtures("sections")
def test_another_module_can_add_a_section_and_a_link() -> None:
    add_section(
        "Compare",
        "compare",
        lambda r: f'<section id="compare">{len(r.documents)} reports</section>',
        after="stories",
    )
    add_link("Side by side", "compare.html")
    page = render_report(meeting_record())
    assert page.index('id="stories"') < page.index('id="compare"') < page.index('id="actors"')
    assert '<a href="#compare">Compare</a>' in page
    assert '<a href="compare.html">Side by side</a>' in page


def test_one_remark_in_several_reports_is_listed_together_with_the_earliest_marked() -> None:
    record = meeting_record()
    record.quote_groups = [
        QuoteGroup(id="g1", story=None, speaker="a2", quotes=["q2", "q3"], first="q3")
    ]
    page = render_report(record)
    group = page[page.index('id="g1"') :]
    group = group[: group.index("</div>")]
    assert "Ali Khamenei" in group and "2 renderings" in group
    assert group.index('href="#q2"') < group.index('href="#q3"') < group.index("earliest")
