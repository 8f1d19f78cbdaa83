"""Stories: the reports of one real-world event, grouped across documents.

Only a report's own news forms stories: an event dated near the report's publication, or
undated but told in its opening sentences. An older event a report mentions ("the
assassination last July") stays an event of that report and never pulls the report into
another story. Two events are one story when they are of the same family (a meeting
reported as met/hosted/received/visited), their dates can overlap, their places do not
differ, they share a participant, and they do not each name a different person the
other lacks (Hamas meeting the Leader is not Hamas meeting the foreign minister).
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from functools import lru_cache

from presswatch.lang.data import CAMEO_PATTERNS
from presswatch.lang.dates import iso_date
from presswatch.link import CorpusContext, linker
from presswatch.link.ids import assign_ids, member_key
from presswatch.model import Event, EventDate, Record, Story

# How far before publication a dated event still counts as the report's news.
NEWS_WINDOW_DAYS = 10
# Undated events count as news when told this early in the report.
OPENING_SENTENCES_CHARS = 600
# Slack added to each side of a date range, by how precise the date is.
SLACK_DAYS = {"day": 1, "week": 3, "month": 0, "year": 0, "approximate": 7}


@lru_cache(maxsize=1)
def families() -> dict[str, str]:
    table = CAMEO_PATTERNS.load()
    found: dict[str, str] = {}
    for section in (table.verbs, table.nouns):
        for pattern in section.values():
            found[pattern.cameo] = pattern.family
    return found


def family_of(event: Event) -> str:
    return families().get(event.cameo, event.root or event.cameo[:2])


def date_range(value: EventDate | None) -> tuple[date, date] | None:
    if value is None:
        return None
    start, end = iso_date(value.start), iso_date(value.end or value.start)
    if start is None or end is None:
        return None
    slack = timedelta(days=SLACK_DAYS.get(value.precision or "day", 1))
    return start - slack, end + slack


def dates_compatible(a: EventDate | None, b: EventDate | None) -> bool:
    first, second = date_range(a), date_range(b)
    if first is None or second is None:
        return True
    return first[0] <= second[1] and second[0] <= first[1]


class StoryBuilder:
    def __init__(self, record: Record) -> None:
        self.record = record
        self.documents = {d.id: d for d in record.documents}
        self.people = {a.id for a in record.actors if a.kind == "person"}
        self.places = {a.id for a in record.actors if a.kind == "place"}
        self.event_doc = {e.id: e.mentions[0].doc for e in record.events if e.mentions}

    def is_news(self, event: Event) -> bool:
        """Whether an event is what its report reports, not something it recalls."""
        doc = event.mentions[0].doc if event.mentions else None
        document = self.documents.get(doc or "")
        published = iso_date(document.published) if document else None
        window = date_range(event.date)
        if window is not None and published is not None:
            return window[1] >= published - timedelta(days=NEWS_WINDOW_DAYS) and (
                window[0] <= published + timedelta(days=1)
            )
        return bool(event.mentions) and event.mentions[0].start < OPENING_SENTENCES_CHARS

    def participants(self, event: Event) -> set[str]:
        return {p.actor for p in event.participants if p.actor not in self.places}

    def conflict(self, a: Event, b: Event) -> bool:
        """Two events that cannot be one: other kind, dates apart, other place, or each
        naming a person the other lacks (two different meetings)."""
        if family_of(a) != family_of(b) or not dates_compatible(a.date, b.date):
            return True
        if a.place and b.place and a.place.casefold() != b.place.casefold():
            return True
        first, second = self.participants(a), self.participants(b)
        return bool((first - second) & self.people and (second - first) & self.people)

    def same_story(self, a: Event, b: Event) -> bool:
        return not self.conflict(a, b) and bool(self.participants(a) & self.participants(b))

    def fits(self, event: Event, group: list[Event]) -> bool:
        """Tied to one event of the story and at odds with none of them."""
        return any(self.same_story(event, o) for o in group) and not any(
            self.conflict(event, o) for o in group
        )

    def build(self) -> list[Story]:
        news = [e for e in self.record.events if self.is_news(e)]
        # The most specific events first; an event joins a story only if it is at odds
        # with none of its events, so a vague "the delegation met …" cannot chain two
        # different meetings together.
        ordered = sorted(news, key=lambda e: -len(self.participants(e)))
        groups: list[list[Event]] = []
        for event in ordered:
            fitting = [g for g in groups if self.fits(event, g)]
            if not fitting:
                groups.append([event])
                continue
            best = max(
                fitting,
                key=lambda g: (
                    len(self.participants(event) & set().union(*(self.participants(o) for o in g))),
                    len(g),
                ),
            )
            best.append(event)
        order = {e.id: i for i, e in enumerate(self.record.events)}
        for group in groups:
            group.sort(key=lambda e: order[e.id])
        stories = [self.story(group) for group in groups]
        # Stories told by several reports first, then in the order their news appeared.
        stories.sort(key=lambda s: (-len(s.documents), order[s.events[0]]))
        assign_ids(stories, "s", [self.founding_key(s) for s in stories])
        return stories

    def founding_key(self, story: Story) -> str:
        """A story's founding report (earliest published, then by id) and its first event
        of the story there: what the story's id derives from."""

        def published(doc: str) -> str:
            document = self.documents.get(doc)
            return (document.published if document else None) or "9999-99-99"

        founding = min(story.documents, key=lambda d: (published(d), d), default=None)
        event = next(
            (e for e in story.events if self.event_doc.get(e) == founding), story.events[0]
        )
        return member_key(founding, event)

    def story(self, events: list[Event]) -> Story:
        documents = list(dict.fromkeys(e.mentions[0].doc for e in events if e.mentions))
        names = {a.id: a.name for a in self.record.actors}
        participants = Counter(p.actor for e in events for p in e.participants)
        dated = [e.date for e in events if e.date is not None and e.date.start]
        precise = sorted(dated, key=lambda d: (d.precision != "day", d.start or ""))
        places = Counter(e.place for e in events if e.place)
        label = Counter(e.label for e in events).most_common(1)[0][0]
        who = ", ".join(names.get(a, a) for a, _ in participants.most_common(3))
        return Story(
            id="",
            documents=documents,
            events=[e.id for e in events],
            label=f"{label}: {who}" if who else label,
            date=precise[0] if precise else None,
            place=places.most_common(1)[0][0] if places else None,
            participants=[a for a, _ in participants.most_common()],
        )


@linker("stories")
def group_stories(context: CorpusContext) -> None:
    context.record.stories = StoryBuilder(context.record).build()
