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

from collections import Counter, defaultdict
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from presswatch.extract.dates import iso_date
from presswatch.extract.lexicon import data_file
from presswatch.link import CorpusContext, linker
from presswatch.model import Event, EventDate, Record, Story

# How far before publication a dated event still counts as the report's news.
NEWS_WINDOW_DAYS = 10
# Undated events count as news when told this early in the report.
OPENING_SENTENCES_CHARS = 600
# Slack added to each side of a date range, by how precise the date is.
SLACK_DAYS = {"day": 1, "week": 3, "month": 0, "year": 0, "approximate": 7}


@lru_cache(maxsize=1)
def families() -> dict[str, str]:
    table: dict[str, Any] = data_file("cameo_patterns.yaml")
    found: dict[str, str] = {}
    for section in ("verbs", "nouns"):
        for pattern in table[section].values():
            found[pattern["cameo"]] = pattern["family"]
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

    def same_story(self, a: Event, b: Event) -> bool:
        if family_of(a) != family_of(b) or not dates_compatible(a.date, b.date):
            return False
        if a.place and b.place and a.place.casefold() != b.place.casefold():
            return False
        first, second = self.participants(a), self.participants(b)
        if not first & second:
            return False
        # Each side naming a person the other lacks: two different meetings.
        return not ((first - second) & self.people and (second - first) & self.people)

    def build(self) -> list[Story]:
        news = [e for e in self.record.events if self.is_news(e)]
        parent = list(range(len(news)))

        def root(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        # Compare only within a family: stories never mix meetings and attacks.
        by_family: dict[str, list[int]] = defaultdict(list)
        for index, event in enumerate(news):
            by_family[family_of(event)].append(index)
        for members in by_family.values():
            for position, i in enumerate(members):
                for j in members[position + 1 :]:
                    if root(i) != root(j) and self.same_story(news[i], news[j]):
                        parent[root(j)] = root(i)
        groups: dict[int, list[Event]] = defaultdict(list)
        for index, event in enumerate(news):
            groups[root(index)].append(event)
        stories = [self.story(events) for events in groups.values()]
        # Stories told by several reports first, then in the order their news appeared.
        order = {e.id: i for i, e in enumerate(self.record.events)}
        stories.sort(key=lambda s: (-len(s.documents), order[s.events[0]]))
        for number, story in enumerate(stories, start=1):
            story.id = f"s{number}"
        return stories

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
