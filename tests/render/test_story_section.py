"""A story you can read: its title, when and where, who took part, and its reports in time
order, in the report and on the comparison page, from the stored story alone."""

from __future__ import annotations

from presswatch.model import Actor, Document, EventDate, Record, Story, TimelineEntry
from presswatch.render.compare import render_comparison
from presswatch.render.html import render_report
from presswatch.render.stories import stories_html

HOSTILE = "<script>alert(1)</script>"


def story_record() -> Record:
    documents = [
        Document(id="d2", source="b.txt", outlet="Press TV", published="2025-02-09", text="B"),
        Document(id="d1", source="a.txt", outlet="Tehran Times", published="2025-02-08", text="A"),
        Document(id="d3", source="c.txt", outlet=HOSTILE, published="2025-02-10", text="C"),
    ]
    story = Story(
        id="s1",
        documents=["d1", "d2", "d3"],
        label="Host a visit: Ali Khamenei, Hamas",
        title="Leader receives Hamas delegation",
        date=EventDate(start="2025-02-08", precision="day"),
        place="Tehran",
        participants=["a1"],
        first_reported="2025-02-08",
        last_reported="2025-02-10",
        timeline=[
            TimelineEntry(doc="d1", published="2025-02-08", outlet="Tehran Times", title="T1"),
            TimelineEntry(doc="d2", published="2025-02-09", outlet="Press TV", title="T2"),
            TimelineEntry(doc="d3", published="2025-02-10", outlet=HOSTILE, title=HOSTILE),
        ],
    )
    actor = Actor(id="a1", name="Ali Khamenei", kind="person")
    return Record(documents=documents, actors=[actor], stories=[story])


def test_a_story_card_has_title_dates_place_people_and_a_timeline_in_time_order() -> None:
    page = stories_html(story_record())
    assert "Leader receives Hamas delegation" in page
    assert "2025-02-08 · reported 2025-02-08 – 2025-02-10 · Tehran · 3 reports" in page
    assert '<a href="#actor-a1">Ali Khamenei</a>' in page
    timeline = page[page.index('<ol class="timeline">') :]
    assert (
        timeline.index("Tehran Times") < timeline.index("Press TV") < timeline.index("&lt;script")
    )
    assert HOSTILE not in page


def test_an_older_record_without_a_timeline_is_ordered_from_its_documents() -> None:
    record = story_record()
    record.stories[0] = record.stories[0].model_copy(
        update={"timeline": [], "title": None, "first_reported": None, "last_reported": None}
    )
    page = stories_html(record)
    assert "Host a visit: Ali Khamenei, Hamas" in page
    assert "reported 2025-02-08 – 2025-02-10" in page
    timeline = page[page.index('<ol class="timeline">') :]
    assert timeline.index("Tehran Times") < timeline.index("Press TV")


def test_the_report_and_the_comparison_page_show_the_story() -> None:
    record = story_record()
    for page in (render_report(record), render_comparison(record)):
        assert page.count('id="stories"') == 1
        assert "Leader receives Hamas delegation" in page
        assert HOSTILE not in page
