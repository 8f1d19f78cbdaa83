"""The report's Stories section: each story as a reader meets it — a title, when (the
event's date and the days it was reported), where, who took part, and its reports in time
order as a timeline.

Everything shown is read from the stored story (title, date range, timeline are fields of
the record), so the report, the comparison page and any page showing a stored record give
the same story; records written before those fields existed fall back to the documents.
Everything taken from an article is escaped with `text`.
"""

from __future__ import annotations

from presswatch.model import Document, Record, Story, TimelineEntry
from presswatch.render.contents import report_section
from presswatch.render.page import text


def timeline_of(story: Story, documents: dict[str, Document]) -> list[TimelineEntry]:
    """The story's timeline, or (an older record) one made from its documents."""
    if story.timeline:
        return story.timeline
    entries = [
        TimelineEntry(doc=d.id, published=d.published, outlet=d.outlet, title=d.title)
        for d in (documents[i] for i in story.documents if i in documents)
    ]
    return sorted(entries, key=lambda e: (e.published or "9999-99-99", e.doc))


def when(story: Story, timeline: list[TimelineEntry]) -> str:
    """The event's date and, when it differs, the days it was reported."""
    event = ""
    if story.date is not None and story.date.start:
        event = story.date.start
        if story.date.end and story.date.end != story.date.start:
            event += f" – {story.date.end}"
    dates = sorted(e.published[:10] for e in timeline if e.published)
    first, last = story.first_reported or (dates[0] if dates else None), story.last_reported
    last = last or (dates[-1] if dates else None)
    reported = ""
    if first and last:
        reported = f"reported {first}" if first == last else f"reported {first} – {last}"
    return " · ".join(part for part in (event, reported) if part)


def story_card(story: Story, record: Record) -> str:
    documents = {d.id: d for d in record.documents}
    names = {a.id: a.name for a in record.actors}
    timeline = timeline_of(story, documents)
    title = story.title or story.label or story.id
    count = len(story.documents)
    facts = [when(story, timeline), story.place or "", f"{count} report{'' if count == 1 else 's'}"]
    people = ", ".join(
        f'<a href="#actor-{text(a)}">{text(names.get(a, a))}</a>' for a in story.participants
    )
    entries = "".join(
        f"<li><time>{text(e.published[:10] if e.published else 'undated')}</time> "
        f'<a href="#doc-{text(e.doc)}">{text(e.outlet or documents_source(documents, e.doc))}</a>'
        f"{' — ' + text(e.title) if e.title else ''}</li>"
        for e in timeline
    )
    label = f'<div class="muted">{text(story.label)}</div>' if story.label != title else ""
    return (
        f'<div class="card story" id="{text(story.id)}"><b>{text(title)}</b>{label}'
        f'<div class="muted">{text(" · ".join(f for f in facts if f))}</div>'
        + (f"<div>Participants: {people}</div>" if people else "")
        + f'<ol class="timeline">{entries}</ol></div>'
    )


def documents_source(documents: dict[str, Document], doc: str) -> str:
    document = documents.get(doc)
    return document.source if document else doc


def stories_html(record: Record) -> str:
    """Every story of the record as a card with its timeline, in one `<section>`."""
    parts = ['<section id="stories"><h2>Stories</h2>']
    if not record.stories:
        parts.append('<p class="muted">No story groups reports yet.</p>')
    parts.extend(story_card(story, record) for story in record.stories)
    parts.append("</section>")
    return "".join(parts)


@report_section("Stories", "stories", after="findings")
def stories_section(record: Record) -> str:
    return stories_html(record)
