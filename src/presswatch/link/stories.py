"""Stories: the reports of one real-world event, grouped across documents.

Reports are taken one at a time, by publication date then id, and each joins the existing
story it scores best with, above a threshold, or opens a new one; a placed report never
moves, so adding reports leaves earlier stories, and their content-derived ids, as they
were. A report's score against a story is its best score against one of the story's
reports: a weighted sum of lexical similarity (TF-IDF cosine over content words and entity
names), shared resolved actors, shared news events, place (dateline and event places) and
time (publication and news-event dates, else the year the report names, decaying with
distance); a rival event (the same kind of event, at the same time, with another person)
counts against. A report that denies the event ("did not meet") neither joins its story
nor opens one.

Only a report's own news counts as its events: an event dated near the report's
publication, or undated but told in its opening sentences, and neither negated nor claimed
by a speaker. An older event a report mentions ("the assassination last July") never
pulls the report into another story. A story's events are the news events its reports
share, none at odds with another (Hamas meeting the Leader is not Hamas meeting the
foreign minister).
"""

from __future__ import annotations

import heapq
import math
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cached_property, lru_cache
from typing import Literal, get_args

import numpy
from pydantic import Field

from presswatch.lang.data import CAMEO_PATTERNS, DataFile, Schema
from presswatch.lang.dates import iso_date
from presswatch.lang.names import is_unnamed_key
from presswatch.lang.stop_words import stop_words
from presswatch.link import ACTOR_FINDINGS, CorpusContext, link_after_actors, linker
from presswatch.link.ids import assign_ids, member_key
from presswatch.model import Document, Event, EventDate, Record, Story, TimelineEntry
from presswatch.settings import LinkSettings, Settings

# How far before publication a dated event still counts as the report's news.
NEWS_WINDOW_DAYS = 10
# Undated events count as news when told this early in the report.
OPENING_SENTENCES_CHARS = 600
# Slack added to each side of a date range, by how precise the date is.
SLACK_DAYS = {"day": 1, "week": 3, "month": 0, "year": 0, "approximate": 7}
_WORD = re.compile(r"[a-z]{3,}")
# A year a report names ("in 2013", a URL's /2013/): its time when nothing finer is known.
_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")
# A figure in a report's lead (an age, a toll, a magnitude): two events of one kind
# rarely share one.
_NUMBER = re.compile(r"(?<![\d.,])\d+(?:[.,]\d+)?(?![\d.,])")


# What a pair of reports is scored on, each a number in [-1, 1] (see StoryClusterer.signals).
Signal = Literal[
    "lexical",
    "lead_lexical",
    "actors",
    "lead_actors",
    "main_actor",
    "lead_people",
    "events",
    "numbers",
    "place",
    "time",
    "year",
    "rival",
]
SIGNALS: tuple[Signal, ...] = get_args(Signal)
Linkage = Literal["max", "mean", "max_mean"]


class StoryWeightsFile(Schema):
    """data/story_weights.json: a logistic model of "these two reports tell one event",
    written by `presswatch eval ecb-stories-fit` (fitted weights) with the hand-set ones
    it keeps (signals ECB+ cannot teach: datelines, rival meetings)."""

    fitted_on: str
    weights: dict[Signal, float]
    fixed: dict[Signal, float] = Field(default_factory=dict)
    bias: float
    threshold: float
    linkage: Linkage = "max"
    time_scale_days: float = 30.0
    lead_chars: int = 400


STORY_WEIGHTS: DataFile[StoryWeightsFile] = DataFile("story_weights.json", StoryWeightsFile)


@dataclass(frozen=True)
class StoryWeights:
    """How much each signal counts in the log-odds that two reports tell one event, and
    the score a report must pass against a story to join it."""

    weights: Mapping[str, float]
    bias: float
    threshold: float
    linkage: Linkage = "max"
    # Days over which time similarity falls by a factor e.
    time_scale_days: float = 30.0
    # A report's lead: its title and first characters, where it says which event it tells.
    lead_chars: int = 400

    @classmethod
    def from_file(cls, table: StoryWeightsFile) -> StoryWeights:
        return cls(
            weights={str(k): v for k, v in [*table.weights.items(), *table.fixed.items()]},
            bias=table.bias,
            threshold=table.threshold,
            linkage=table.linkage,
            time_scale_days=table.time_scale_days,
            lead_chars=table.lead_chars,
        )

    def without(self, *signals: str) -> StoryWeights:
        """The same weights with these signals left out (what each signal adds)."""
        return replace(
            self, weights={k: 0.0 if k in signals else v for k, v in self.weights.items()}
        )


def story_weights() -> StoryWeights:
    return StoryWeights.from_file(STORY_WEIGHTS.load())


class StoryRetrieval(Schema):
    """data/story_retrieval.json: which placed reports a new report is scored against
    (CandidateIndex). Scoring every report of every open story grows with the square of
    the corpus; this grows with the corpus."""

    # The report's words of highest TF-IDF weight that it looks up (its rare words).
    key_terms: int
    # Of a key's posting list (placed reports holding it, in placing order, so by time),
    # only the latest this many are read: a key nearly every report holds costs the same
    # at any corpus size and brings the reports nearest in time.
    postings_scanned: int
    # The earlier reports with the most shared key weight that are scored; their stories
    # are the candidates, each scored by its retrieved reports (the "max" linkage's best
    # pair is among them) or, for another linkage, by all its reports.
    candidate_reports: int


STORY_RETRIEVAL: DataFile[StoryRetrieval] = DataFile("story_retrieval.json", StoryRetrieval)


def story_retrieval() -> StoryRetrieval:
    return STORY_RETRIEVAL.load()


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
    def __init__(self, record: Record, weights: StoryWeights | None = None) -> None:
        self.record = record
        self.weights = weights or story_weights()
        self.documents = {d.id: d for d in record.documents}
        self.people = {a.id for a in record.actors if a.kind == "person"}
        self.places = {a.id for a in record.actors if a.kind == "place"}
        self.event_doc = {e.id: e.mentions[0].doc for e in record.events if e.mentions}

    @cached_property
    def actor_names(self) -> dict[str, str]:
        """Actor names by id, built once: each story's label reads a few (built per story,
        it cost stories times actors, issue 17)."""
        return {a.id: a.name for a in self.record.actors}

    def is_news(self, event: Event) -> bool:
        """Whether an event is what its report reports, not something it recalls, denies
        ("did not meet") or quotes someone claiming."""
        # getattr: records written before events carried these fields lack them.
        if getattr(event, "negated", False) or getattr(event, "claimed_by", None) is not None:
            return False
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

    def one_occasion(self, a: Event, b: Event) -> bool:
        """Events of one kind whose dates and places can be the same."""
        if family_of(a) != family_of(b) or not dates_compatible(a.date, b.date):
            return False
        return not (a.place and b.place and a.place.casefold() != b.place.casefold())

    def other_people(self, a: Event, b: Event) -> bool:
        """Each event names a person the other lacks."""
        first, second = self.participants(a), self.participants(b)
        return bool((first - second) & self.people and (second - first) & self.people)

    def conflict(self, a: Event, b: Event) -> bool:
        """Two events that cannot be one: other kind, dates apart, other place, or each
        naming a person the other lacks (two different meetings)."""
        return not self.one_occasion(a, b) or self.other_people(a, b)

    def same_story(self, a: Event, b: Event) -> bool:
        return not self.conflict(a, b) and bool(self.participants(a) & self.participants(b))

    def fits(self, event: Event, group: list[Event]) -> bool:
        """Tied to one event of the story and at odds with none of them."""
        return any(self.same_story(event, o) for o in group) and not any(
            self.conflict(event, o) for o in group
        )

    def rival(self, a: Event, b: Event) -> bool:
        """Two events of one kind, at one time and place, each naming a person the other
        lacks: two different meetings, not two reports of one."""
        return self.one_occasion(a, b) and self.other_people(a, b)

    def denies(self, denial: Event, event: Event) -> bool:
        """Whether a denied event ("did not meet") is the same event as `event`."""
        return (
            family_of(denial) == family_of(event)
            and dates_compatible(denial.date, event.date)
            and bool(self.participants(denial) & self.participants(event))
        )

    def build(self, kept: Sequence[Story] = ()) -> list[Story]:
        """The record's stories; `kept` (stories already stored) stay as they are, ids and
        reports, and only reports in none of them are placed (see StoryClusterer.build)."""
        return StoryClusterer(self, self.weights).build(kept)

    def founding_key(self, story: Story) -> str:
        """A story's founding report (earliest published, then by id) and its first event
        of the story there: what the story's id derives from."""

        def published(doc: str) -> str:
            document = self.documents.get(doc)
            return (document.published if document else None) or "9999-99-99"

        founding = min(story.documents, key=lambda d: (published(d), d), default=None)
        event = next((e for e in story.events if self.event_doc.get(e) == founding), None)
        return member_key(founding, event)

    def story(self, documents: list[str], events: list[Event]) -> Story:
        """A story of these reports (in time order) and their news events."""
        names = self.actor_names
        participants = Counter(p.actor for e in events for p in e.participants)
        dated = [e.date for e in events if e.date is not None and e.date.start]
        # The date most of its reports give (the most precise, then the earliest, of a tie).
        told = Counter(d.start for d in dated)
        precise = sorted(dated, key=lambda d: (d.precision != "day", -told[d.start], d.start or ""))
        places = Counter(e.place for e in events if e.place)
        places.update(d.place for d in (self.documents[i] for i in documents) if d.place)
        labels = Counter(e.label for e in events if e.label)
        label = labels.most_common(1)[0][0] if labels else self.documents[documents[0]].title
        who = ", ".join(names.get(a, a) for a, _ in participants.most_common(3))
        timeline = chronological([self.documents[d] for d in documents])
        dates = sorted(d.published[:10] for d in timeline if d.published)
        return Story(
            id="",
            documents=documents,
            events=[e.id for e in events],
            label=f"{label}: {who}" if who and label else label or who or None,
            date=precise[0] if precise else None,
            place=places.most_common(1)[0][0] if places else None,
            participants=[a for a, _ in participants.most_common()],
            title=self.headline(documents),
            first_reported=dates[0] if dates else None,
            last_reported=dates[-1] if dates else None,
            timeline=[
                TimelineEntry(doc=d.id, published=d.published, outlet=d.outlet, title=d.title)
                for d in timeline
            ],
        )

    def headline(self, documents: Sequence[str]) -> str | None:
        """The title that shares the most words with the story's other titles (the
        earliest of a tie): what its reports agree the story is, not one outlet's angle."""
        titles = [
            (d, set(_WORD.findall(title.lower())) - stop_words())
            for d in documents
            if (title := self.documents[d].title)
        ]
        if not titles:
            return None

        def shared(entry: tuple[str, set[str]]) -> float:
            return sum(jaccard(entry[1], other) for d, other in titles if d != entry[0])

        best = max(titles, key=shared)  # max keeps the first (earliest) of a tie
        return self.documents[best[0]].title


@dataclass
class ReportProfile:
    """What a report brings to story assignment: its news events, the actors it names (all,
    those of its lead, its most named person), its places (dateline and event places), its
    dates (publication and news events), the year it names most and the figures of its lead."""

    doc: str
    row: int
    news: list[Event]
    denied: list[Event]
    actors: set[str]
    places: set[str]
    dates: list[tuple[date, date]]
    lead_actors: set[str]
    lead_people: set[str]
    main: set[str]
    year: int | None
    numbers: set[str]


def term_weights(text: str) -> dict[str, float]:
    """Sublinear term frequencies of a report's content words and entity-name tokens.
    Placement holds every report's terms: each word is one string for the whole corpus
    (`sys.intern`) and each weight one float per count (`sublinear`), where a string and
    a float for every word of every report were a third of the whole-corpus pass's peak
    at 10,000 reports (issue 17). The words and weights are the same."""
    stops = stop_words()
    bag = Counter(w for w in _WORD.findall(text.lower()) if w not in stops)
    return {sys.intern(word): sublinear(count) for word, count in bag.items()}


@lru_cache(maxsize=4096)
def sublinear(count: int) -> float:
    """1 + ln(count): the same float as computed anew, one object per count."""
    return 1.0 + math.log(count)


class LexicalIndex:
    """TF-IDF cosine over the reports seen so far: the idf a report is placed with counts
    only it and the reports before it, so a later report never changes an earlier choice.
    Reports are rows of `terms`; idf values and row norms are kept until the next report
    is seen, so scoring a report against a whole corpus costs one pass over each row."""

    def __init__(self, terms: Sequence[dict[str, float]]) -> None:
        self.terms = terms
        self.frequency: Counter[str] = Counter()
        self.seen = 0
        # A word's idf depends only on how many reports seen hold it, so it is kept by
        # that count: a placement computes one logarithm per distinct count instead of
        # one per distinct word of its candidates (same formula, so the same floats).
        self._idf: dict[int, float] = {}
        self._idf_squared: dict[int, float] = {}
        self._norms: dict[int, float] = {}
        self._vectors: _RowVectors | None = None

    def add(self, row: int) -> None:
        self.frequency.update(self.terms[row].keys())
        self.seen += 1
        if self._vectors is not None:
            self._vectors.counts[self._vectors.ids[row]] += 1
        self._idf.clear()
        self._idf_squared.clear()
        self._norms.clear()

    def _idf_of_count(self, count: int) -> float:
        value = math.log((1 + self.seen) / (1 + count)) + 1.0
        self._idf[count] = value
        self._idf_squared[count] = value**2
        return value

    def idf(self, word: str) -> float:
        count = self.frequency.get(word, 0)
        value = self._idf.get(count)
        return self._idf_of_count(count) if value is None else value

    def norm(self, row: int) -> float:
        """The row's TF-IDF vector length; computing it caches the idf of every count its
        words have (`cosine` relies on that)."""
        value = self._norms.get(row)
        if value is None:
            # The hot loop of assignment: the caches are read directly.
            counts, cache, total = self.frequency, self._idf, 0.0
            for word, tf in self.terms[row].items():
                count = counts.get(word, 0)
                weight = cache.get(count)
                if weight is None:
                    weight = self._idf_of_count(count)
                total += (tf * weight) ** 2
            value = math.sqrt(total) or 1.0
            self._norms[row] = value
        return value

    def cosine(self, a: int, b: int) -> float:
        norms = self.norm(a) * self.norm(b)
        first, second = self.terms[a], self.terms[b]
        if len(second) < len(first):
            first, second = second, first
        # Both norms are computed since the last report was seen, so the squared idf of
        # every word of `first` is cached.
        counts, squared = self.frequency, self._idf_squared
        dot = sum(
            tf * second[w] * squared[counts.get(w, 0)] for w, tf in first.items() if w in second
        )
        return dot / norms

    def approximate_cosines(self, row: int, others: Sequence[int]) -> dict[int, float]:
        """`cosine(row, other)` for each of `others`, by array arithmetic: within 3e-7 of
        it (term frequencies are held as 32-bit floats), not bit for bit, and a fraction
        of its cost. Placement bounds a pair's score with it to skip pairs that cannot win."""
        if self._vectors is None:
            self._vectors = _RowVectors(self.terms, self.frequency)
        vectors = self._vectors
        # The idf of every count a word can have (0 to the reports seen), looked up by count.
        idf = numpy.log((1.0 + self.seen) / (1.0 + numpy.arange(self.seen + 1))) + 1.0
        found = dict.fromkeys(others, 0.0)
        ids = vectors.ids[row]
        weights = vectors.tfs[row] * idf[vectors.counts[ids]]
        rows = [r for r in found if len(vectors.ids[r])]
        if not rows or not len(ids):
            return found  # an empty row's cosine is 0.0
        lengths = [len(vectors.ids[r]) for r in rows]
        starts = numpy.cumsum([0, *lengths[:-1]])
        their_ids = numpy.concatenate([vectors.ids[r] for r in rows])
        theirs = numpy.concatenate([vectors.tfs[r] for r in rows]) * idf[vectors.counts[their_ids]]
        norms = numpy.sqrt(numpy.add.reduceat(theirs * theirs, starts))
        vectors.query[ids] = weights
        dots = numpy.add.reduceat(vectors.query[their_ids] * theirs, starts)
        vectors.query[ids] = 0.0
        norm = math.sqrt(float(weights @ weights)) or 1.0
        found.update(zip(rows, (dots / (norm * norms)).tolist(), strict=True))
        return found


class _RowVectors:
    """A `LexicalIndex`'s rows as arrays, for `approximate_cosines`: each row's word ids
    and term frequencies (in the row's order; 32-bit each, 8 bytes a word, which the
    pass holds for every report), how many seen rows hold each word, and a
    vocabulary-long buffer the row being placed is written into and cleared from."""

    def __init__(self, terms: Sequence[dict[str, float]], frequency: Counter[str]) -> None:
        vocabulary: dict[str, int] = {}
        self.ids = [
            numpy.fromiter(
                (vocabulary.setdefault(w, len(vocabulary)) for w in row), numpy.int32, len(row)
            )
            for row in terms
        ]
        self.tfs = [numpy.fromiter(row.values(), numpy.float32, len(row)) for row in terms]
        self.counts = numpy.zeros(len(vocabulary), numpy.intp)
        for word, count in frequency.items():
            self.counts[vocabulary[word]] = count
        self.query = numpy.zeros(len(vocabulary))


class CandidateIndex:
    """The placed reports a new report is scored against: those sharing a key with it (one
    of its rarest words, an actor it names, a figure of its lead), the most shared key
    weight (idf) first. A placed report is posted under every word, actor and figure it
    has; posting lists are in placing order, so by time, and only the latest
    `postings_scanned` of a key are read: a key nearly every report holds (a president's
    name) costs the same at any corpus size and brings the reports nearest in time."""

    def __init__(self, lexical: LexicalIndex, settings: StoryRetrieval) -> None:
        self.lexical = lexical
        self.settings = settings
        self.postings: dict[str, list[int]] = {}
        self.posted = 0

    @staticmethod
    def entity_keys(report: ReportProfile) -> list[str]:
        return [*(f"a:{a}" for a in report.actors), *(f"n:{n}" for n in report.numbers)]

    def add(self, report: ReportProfile) -> None:
        postings = self.postings
        for key in [*self.lexical.terms[report.row], *self.entity_keys(report)]:
            postings.setdefault(key, []).append(report.row)
        self.posted += 1

    def weight(self, key: str) -> float:
        """An actor's or figure's idf over the posted reports."""
        return math.log((1 + self.posted) / (1 + len(self.postings.get(key, ())))) + 1.0

    def query(self, report: ReportProfile) -> dict[str, float]:
        """The keys a report looks up, each with its weight: its `key_terms` words of
        highest TF-IDF weight, the actors it names and the figures of its lead."""
        idf = self.lexical.idf
        terms = self.lexical.terms[report.row]
        rare = heapq.nlargest(self.settings.key_terms, terms, key=lambda w: (terms[w] * idf(w), w))
        keys = {word: idf(word) for word in rare}
        keys.update((key, self.weight(key)) for key in self.entity_keys(report))
        return keys

    def nearest(self, report: ReportProfile) -> list[int]:
        """Rows of the placed reports to score `report` against, best first."""
        shared: dict[int, float] = {}
        scanned = self.settings.postings_scanned
        for key, weight in self.query(report).items():
            for row in self.postings.get(key, ())[-scanned:]:
                shared[row] = shared.get(row, 0.0) + weight
        # Of a tie, the later report (nearer in time).
        return heapq.nlargest(
            self.settings.candidate_reports, shared, key=lambda row: (shared[row], row)
        )


def top_year(text: str) -> int | None:
    """The year a report names most often (the latest of a tie)."""
    years = Counter(int(y) for y in _YEAR.findall(text))
    return max(years, key=lambda y: (years[y], y)) if years else None


def named_year(text: str) -> list[tuple[date, date]]:
    """The year a report names most often, as a date range."""
    year = top_year(text)
    return [] if year is None else [(date(year, 1, 1), date(year, 12, 31))]


def agreement(first: set[str], second: set[str]) -> float:
    """+1 when two non-empty sets share a member, -1 when they share none, 0 when either
    is empty (nothing known)."""
    if not first or not second:
        return 0.0
    return 1.0 if first & second else -1.0


def jaccard(first: set[str], second: set[str]) -> float:
    union = first | second
    return len(first & second) / len(union) if union else 0.0


def gap_days(first: list[tuple[date, date]], second: list[tuple[date, date]]) -> int | None:
    """Days between the closest of two reports' date ranges (0 when two overlap)."""
    if not first or not second:
        return None
    return min(max((b[0] - a[1]).days, (a[0] - b[1]).days, 0) for a in first for b in second)


def combine(signals: Mapping[str, float], w: StoryWeights) -> float:
    """The log-odds that two reports tell one event: a logistic model over the signals
    (weights fitted on ECB+ topics 1–25, data/story_weights.json)."""
    return w.bias + sum(w.weights.get(name, 0.0) * value for name, value in signals.items())


# How a report's log-odds against each of a story's reports make its score against the
# story: its closest report (a story's reports drift, each close to some other), or that
# halved toward the mean (a report must also fit what the story's reports tell together).
LINKAGES: dict[str, Callable[[Sequence[float]], float]] = {
    "max": max,
    "mean": lambda pairs: sum(pairs) / len(pairs),
    "max_mean": lambda pairs: (max(pairs) + sum(pairs) / len(pairs)) / 2,
}


def story_score(pairs: Sequence[float], linkage: str = "max") -> float:
    """A report's score against a story from its log-odds against each of its reports."""
    return LINKAGES[linkage](pairs)


# How far an approximate cosine (`LexicalIndex.approximate_cosines`) and a score summed
# from it may be from the exact ones, with a wide margin: a 32-bit term frequency is off
# by at most 6e-8 of itself, so a cosine by at most 2.4e-7 (measured: 6e-9 at most on
# 800 PolNeAR reports); the exact score's own rounding is about 1e-15.
BOUND_SLACK = 1e-5


class StoryClusterer:
    """Online story assignment: reports in order of publication (then id) each join the
    existing story they score best with, above the threshold, or open a new one. A
    report never moves once placed, so adding reports leaves earlier stories as they are."""

    def __init__(
        self,
        builder: StoryBuilder,
        weights: StoryWeights,
        order: Sequence[Document] | None = None,
        retrieval: StoryRetrieval | None = None,
        exhaustive: bool = False,
    ) -> None:
        """`order`: the reports in the order to place them (evaluation tries shuffled
        orders); by default by publication date, then id. `retrieval`: which placed
        reports a report is scored against (data/story_retrieval.json by default);
        `exhaustive`: every report of every story instead (the quadratic reference)."""
        self.builder = builder
        self.weights = weights
        self.retrieval = retrieval or story_retrieval()
        self.exhaustive = exhaustive
        record = builder.record
        self.order = list(order) if order is not None else chronological(record.documents)
        lead = weights.lead_chars
        names: dict[str, list[str]] = {d.id: [] for d in record.documents}
        actors: dict[str, set[str]] = {d.id: set() for d in record.documents}
        lead_actors: dict[str, set[str]] = {d.id: set() for d in record.documents}
        lead_people: dict[str, set[str]] = {d.id: set() for d in record.documents}
        people: dict[str, Counter[str]] = {d.id: Counter() for d in record.documents}
        for actor in record.actors:
            if is_unnamed_key(actor.key):
                continue  # "the gunman" (extract/references.py) is no sign of one story
            for mention in actor.mentions:
                if mention.doc in names:
                    names[mention.doc].append("_".join(_WORD.findall(actor.name.lower())))
                if mention.doc not in actors or actor.kind == "place":
                    continue
                actors[mention.doc].add(actor.id)
                if mention.start < lead:
                    lead_actors[mention.doc].add(actor.id)
                    if actor.kind == "person":
                        lead_people[mention.doc].add(actor.id)
                if actor.kind == "person":
                    people[mention.doc][actor.id] += 1
        events: dict[str, list[Event]] = {d.id: [] for d in record.documents}
        for event in record.events:
            if event.mentions and event.mentions[0].doc in events:
                events[event.mentions[0].doc].append(event)
        self.terms = [
            term_weights(f"{d.title or ''} {d.text} {' '.join(names[d.id])}") for d in self.order
        ]
        self.lead_terms = [term_weights(f"{d.title or ''} {d.text[:lead]}") for d in self.order]
        self.lexical = LexicalIndex(self.terms)
        self.lead_lexical = LexicalIndex(self.lead_terms)
        self.profiles = [
            self.profile(
                d,
                row,
                events[d.id],
                actors[d.id],
                lead_actors[d.id],
                lead_people[d.id],
                most_named(people[d.id]),
            )
            for row, d in enumerate(self.order)
        ]

    def profile(
        self,
        document: Document,
        row: int,
        events: list[Event],
        actors: set[str],
        lead_actors: set[str],
        lead_people: set[str],
        main: set[str],
    ) -> ReportProfile:
        news = [e for e in events if self.builder.is_news(e)]
        places = {p.casefold() for p in [document.place, *(e.place for e in news)] if p}
        dates = [r for r in (date_range(e.date) for e in news) if r is not None]
        published = iso_date(document.published)
        if published is not None:
            dates.append((published, published))
        if not dates:
            dates = named_year(document.text)
        denied = [e for e in events if getattr(e, "negated", False)]
        lead = f"{document.title or ''} {document.text[: self.weights.lead_chars]}"
        year = top_year(document.text)
        numbers = set(_NUMBER.findall(lead)) - set(_YEAR.findall(lead))
        return ReportProfile(
            document.id,
            row,
            news,
            denied,
            actors,
            places,
            dates,
            lead_actors,
            lead_people,
            main,
            year,
            numbers,
        )

    def signals(
        self, a: ReportProfile, b: ReportProfile, lexical: tuple[float, float] | None = None
    ) -> dict[str, float]:
        """Each signal's similarity of two reports, before weighting, each in [-1, 1]:
        words (TF-IDF cosine, whole report and lead), shared actors (all, the lead's, the
        most named person), a shared news event, shared figures in the leads, place and
        time (+1 close, -1 apart, 0 unknown), the year each names most, a rival event.
        `lexical`: the two cosines to use instead of computing them."""
        if lexical is None:
            lexical = (self.lexical.cosine(a.row, b.row), self.lead_lexical.cosine(a.row, b.row))
        gap = gap_days(a.dates, b.dates)
        time = 0.0 if gap is None else 2 * math.exp(-gap / self.weights.time_scale_days) - 1
        year = 0.0
        if a.year is not None and b.year is not None:
            year = 1.0 if a.year == b.year else -1.0
        return {
            "lexical": lexical[0],
            "lead_lexical": lexical[1],
            "actors": jaccard(a.actors, b.actors),
            "lead_actors": jaccard(a.lead_actors, b.lead_actors),
            "main_actor": agreement(a.main, b.main),
            "lead_people": agreement(a.lead_people, b.lead_people),
            "events": float(any(self.builder.same_story(x, y) for x in a.news for y in b.news)),
            "numbers": jaccard(a.numbers, b.numbers),
            "place": agreement(a.places, b.places),
            "time": time,
            "year": year,
            "rival": -float(any(self.builder.rival(x, y) for x in a.news for y in b.news)),
        }

    def score(self, a: ReportProfile, b: ReportProfile) -> float:
        return combine(self.signals(a, b), self.weights)

    def denies(self, report: ReportProfile, story: list[ReportProfile]) -> bool:
        return any(self.builder.denies(d, e) for d in report.denied for m in story for e in m.news)

    def opens_story(self, report: ReportProfile) -> bool:
        """A report that only denies what it tells of ("did not meet") opens no story."""
        return not report.denied or bool(report.news)

    def story_events(self, group: list[ReportProfile]) -> list[Event]:
        """The story's own events: news events another of its reports also tells (all of a
        lone report's news); a report's other news stays its own."""
        if len(group) == 1:
            return list(group[0].news)
        shared = [
            e
            for p in group
            for e in p.news
            if any(self.builder.same_story(e, o) for q in group if q is not p for o in q.news)
        ]
        # The most specific first; an event joins only if at odds with none already in,
        # so a vague "the delegation met …" cannot bring in a different meeting.
        core: list[Event] = []
        for event in sorted(shared, key=lambda e: -len(self.builder.participants(e))):
            if not core or self.builder.fits(event, core):
                core.append(event)
        return core or [e for p in group for e in p.news]

    def see(self, report: ReportProfile) -> None:
        """Count a report's words in the idf before it is placed (it and earlier reports only)."""
        self.lexical.add(report.row)
        self.lead_lexical.add(report.row)

    def candidates(
        self,
        report: ReportProfile,
        groups: Sequence[list[ReportProfile]],
        group_of: Mapping[int, int],
        index: CandidateIndex | None,
    ) -> dict[int, Sequence[ReportProfile]]:
        """The stories (positions in `groups`) a report is scored against, each with the
        reports it is scored by: with an index, the stories of the placed reports it
        retrieves, by those reports (the "max" linkage's best pair is among them; another
        linkage needs them all); without, every story by all its reports."""
        if index is None:
            return dict(enumerate(groups))
        found: dict[int, list[ReportProfile]] = {}
        for row in index.nearest(report):
            found.setdefault(group_of[row], []).append(self.profiles[row])
        if self.weights.linkage != "max":
            return {number: groups[number] for number in found}
        return dict(found)

    def place(
        self,
        report: ReportProfile,
        groups: Sequence[list[ReportProfile]],
        candidates: Mapping[int, Sequence[ReportProfile]],
    ) -> int | None:
        """The story (position in `groups`, of `candidates`) a report joins: the best
        scoring above the threshold and not one it denies (the first of a tie); None if
        none."""
        best, chosen = self.weights.threshold, None
        bounds = self.score_bounds(report, candidates) if self.weights.linkage == "max" else {}
        for number in sorted(candidates):
            if self.denies(report, groups[number]):
                continue
            members = candidates[number]
            if bounds:
                # A story scores above `best` only through a pair that does (the "max"
                # linkage): the pairs whose bound is not above it are not scored.
                members = [m for m in members if bounds[m.row] > best]
                if not members:
                    continue
            scored = [self.score(report, m) for m in members]
            score = story_score(scored, self.weights.linkage)
            if score > best:
                best, chosen = score, number
        return chosen

    def score_bounds(
        self, report: ReportProfile, candidates: Mapping[int, Sequence[ReportProfile]]
    ) -> dict[int, float]:
        """Per candidate report (row), a number its exact score with `report` does not
        exceed: the score with the approximate cosines, each moved by `BOUND_SLACK` in its
        weight's direction, plus `BOUND_SLACK`. Scoring a pair exactly costs two row
        norms at the current idf, the most of placing a report (issue 17); most pairs
        fall far below the threshold, so few are scored exactly, and the story chosen,
        and the score it is chosen with, are the same as scoring every pair."""
        rows = [m.row for members in candidates.values() for m in members]
        lexical = self.lexical.approximate_cosines(report.row, rows)
        lead = self.lead_lexical.approximate_cosines(report.row, rows)
        weights = self.weights.weights
        up = math.copysign(BOUND_SLACK, weights.get("lexical", 0.0))
        lead_up = math.copysign(BOUND_SLACK, weights.get("lead_lexical", 0.0))
        return {
            m.row: combine(
                self.signals(report, m, (lexical[m.row] + up, lead[m.row] + lead_up)),
                self.weights,
            )
            + BOUND_SLACK
            for members in candidates.values()
            for m in members
        }

    def pairs(self) -> Iterator[tuple[ReportProfile, ReportProfile, dict[str, float]]]:
        """Every pair of reports with the signals assignment sees when the later one is
        placed (idf over it and the reports before it): what the weights are fitted on."""
        for index, report in enumerate(self.profiles):
            self.see(report)
            for earlier in self.profiles[:index]:
                yield report, earlier, self.signals(report, earlier)

    def build(self, kept: Sequence[Story] = ()) -> list[Story]:
        """Place every report in turn. Reports of `kept` stories stay where they are (their
        words count in the idf first) and those stories keep their ids and order; the
        other reports join one of them or a new story, whose id derives from its content
        and never takes a kept one."""
        by_doc = {p.doc: p for p in self.profiles}
        kept = [s for s in kept if any(d in by_doc for d in s.documents)]
        groups = [[by_doc[d] for d in s.documents if d in by_doc] for s in kept]
        placed = {p.doc for g in groups for p in g}
        index = None if self.exhaustive else CandidateIndex(self.lexical, self.retrieval)
        group_of: dict[int, int] = {}

        def join(report: ReportProfile, number: int) -> None:
            group_of[report.row] = number
            if index is not None:
                index.add(report)

        for number, group in enumerate(groups):
            for report in group:
                self.see(report)
                join(report, number)
        for report in self.profiles:
            if report.doc in placed:
                continue
            self.see(report)
            chosen = self.place(report, groups, self.candidates(report, groups, group_of, index))
            if chosen is not None:
                groups[chosen].append(report)
                join(report, chosen)
            elif self.opens_story(report):
                groups.append([report])
                join(report, len(groups) - 1)
        stories = [self.builder.story([p.doc for p in g], self.story_events(g)) for g in groups]
        for story, old in zip(stories, kept, strict=False):
            story.id = old.id
        new = stories[len(kept) :]
        position = {p.doc: p.row for p in self.profiles}
        new.sort(key=lambda s: (-len(s.documents), position[s.documents[0]]))
        assign_ids(
            new, "s", [self.builder.founding_key(s) for s in new], taken={s.id for s in kept}
        )
        return stories[: len(kept)] + new


def chronological(documents: Sequence[Document]) -> list[Document]:
    """Reports in the order they are placed: by publication date (undated last), then id."""
    return sorted(documents, key=lambda d: (d.published or "9999-99-99", d.id))


def most_named(people: Counter[str]) -> set[str]:
    """The person (or people, a tie) a report names most: whom its news is about."""
    if not people:
        return set()
    top = max(people.values())
    return {actor for actor, count in people.items() if count == top}


@linker("stories")
def group_stories(context: CorpusContext) -> None:
    """Stories the record already holds (a stored corpus's, when new reports are linked
    in) are kept; only reports in none of them are placed. A record linked from analyses
    alone holds none, so every report is placed: that is `presswatch regroup`."""
    context.record.stories = StoryBuilder(context.record).build(context.record.stories)


def regroup(record: Record, settings: Settings, link: LinkSettings | None = None) -> Record:
    """The record with every report placed in stories anew (`presswatch regroup`), and the
    quote groups and findings the linkers after `actors` build on stories rebuilt; actors
    stay as they are. New reports alone never do this: they join stories as they come."""
    record.stories = []
    record.quote_groups = []
    record.findings = [f for f in record.findings if f.kind in ACTOR_FINDINGS]
    link_after_actors(CorpusContext(record, settings, link_settings=link))
    return record
