"""Story placement scores a report against the placed reports its candidate index
retrieves (shared rare words, actors, figures), not every report of every open story: the
same stories on a corpus of distinct events, at a cost bound per report."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from datetime import date, timedelta

from presswatch.link.stories import (
    CandidateIndex,
    ReportProfile,
    StoryBuilder,
    StoryClusterer,
    StoryRetrieval,
    story_retrieval,
)
from presswatch.model import Actor, Document, Mention, Record


def word(number: int) -> str:
    """A made-up word of letters only (what the lexical signal counts)."""
    letters = ""
    number += 26 * 26
    while number:
        number, rest = divmod(number, 26)
        letters += chr(ord("a") + rest)
    return f"zq{letters}"


def corpus(events: int, reports_each: int) -> tuple[Record, dict[str, int]]:
    """Reports of distinct events: each event has its own rare words and its own person
    (named twice) and every report names one president (a key all reports share);
    reports of an event are close in time and events are interleaved, as a news stream is."""
    draw = random.Random(7)
    documents: list[Document] = []
    event_of: dict[str, int] = {}
    president = Actor(id="a-president", name="Pat President", kind="person", key="president")
    people: list[Actor] = []
    for event in range(events):
        person = Actor(
            id=f"a-{word(event)}",
            name=f"{word(500 + event).title()} {word(event).title()}",
            kind="person",
        )
        people.append(person)
        own = [word(1000 + 20 * event + n) for n in range(12)]
        for report in range(reports_each):
            doc = f"d{event:03d}-{report}"
            words = [*draw.sample(own, 8), *draw.sample(own, 6)]
            text = f"{person.name} and {president.name} " + " ".join(words) + f". {person.name}."
            day = date(2025, 1, 1) + timedelta(days=2 * event + report)
            documents.append(
                Document(id=doc, source=doc, text=text, published=day.isoformat(), language="en")
            )
            event_of[doc] = event
            # The event's person is named twice: the report's main actor.
            for start in (0, len(text) - len(person.name) - 1):
                person.mentions.append(
                    Mention(doc=doc, start=start, end=start + len(person.name), text=person.name)
                )
            start = len(person.name) + 5
            president.mentions.append(
                Mention(doc=doc, start=start, end=start + 13, text=president.name)
            )
    return Record(documents=documents, actors=[president, *people]), event_of


class Counting(StoryClusterer):
    """A clusterer that counts the pairs it weighs: each report with each candidate report
    it is scored against (exactly, or first by a bound that may spare the exact score)."""

    scored = 0

    def candidates(
        self,
        report: ReportProfile,
        groups: Sequence[list[ReportProfile]],
        group_of: Mapping[int, int],
        index: CandidateIndex | None,
    ) -> dict[int, Sequence[ReportProfile]]:
        found = super().candidates(report, groups, group_of, index)
        self.scored += sum(len(members) for members in found.values())
        return found


def partition(stories: list[set[str]]) -> set[frozenset[str]]:
    return {frozenset(s) for s in stories}


def test_candidate_placement_finds_the_stories_exhaustive_placement_finds() -> None:
    record, event_of = corpus(events=60, reports_each=4)
    builder = StoryBuilder(record)
    retrieved = Counting(builder, builder.weights)
    exhaustive = Counting(builder, builder.weights, exhaustive=True)
    found = partition([set(s.documents) for s in retrieved.build()])
    reference = partition([set(s.documents) for s in exhaustive.build()])
    assert found == reference
    gold: dict[int, set[str]] = {}
    for doc, event in event_of.items():
        gold.setdefault(event, set()).add(doc)
    # Exactly the events' stories, but for the first few (with little to count idf on,
    # two reports of the same president's name look alike).
    assert len(found & partition(list(gold.values()))) >= 56
    # Exhaustive placement scores each report against every placed one.
    assert exhaustive.scored > 2 * retrieved.scored


def test_each_report_is_scored_against_at_most_the_candidates_it_retrieves() -> None:
    record, _ = corpus(events=30, reports_each=3)
    builder = StoryBuilder(record)
    settings = StoryRetrieval(key_terms=4, postings_scanned=6, candidate_reports=5)
    clusterer = Counting(builder, builder.weights, retrieval=settings)
    clusterer.build()
    assert 0 < clusterer.scored <= 5 * len(record.documents)


def test_a_key_every_report_holds_is_read_only_for_its_latest_postings() -> None:
    record, _ = corpus(events=10, reports_each=3)
    builder = StoryBuilder(record)
    clusterer = StoryClusterer(builder, builder.weights)
    # Only the president is shared by all: nothing else is looked up.
    settings = StoryRetrieval(key_terms=0, postings_scanned=4, candidate_reports=100)
    index = CandidateIndex(clusterer.lexical, settings)
    for report in clusterer.profiles[:-1]:
        clusterer.see(report)
        index.add(report)
    last = clusterer.profiles[-1]
    clusterer.see(last)
    last.actors = {"a-president"}
    last.numbers = set()
    nearest = index.nearest(last)
    assert sorted(nearest) == [p.row for p in clusterer.profiles[-5:-1]]
    assert story_retrieval().postings_scanned > settings.postings_scanned


class Exact(StoryClusterer):
    """A clusterer that counts the pairs it scores exactly; `bounded=False` scores every
    candidate pair exactly (no bounds)."""

    exact = 0
    bounded = True

    def score(self, a: ReportProfile, b: ReportProfile) -> float:
        self.exact += 1
        return super().score(a, b)

    def score_bounds(
        self, report: ReportProfile, candidates: Mapping[int, Sequence[ReportProfile]]
    ) -> dict[int, float]:
        return super().score_bounds(report, candidates) if self.bounded else {}


def test_score_bounds_spare_exact_scores_and_change_no_story() -> None:
    record, _ = corpus(events=40, reports_each=3)
    builder = StoryBuilder(record)
    bounded = Exact(builder, builder.weights)
    unbounded = Exact(builder, builder.weights)
    unbounded.bounded = False
    with_bounds = [s.model_dump() for s in bounded.build()]
    assert with_bounds == [s.model_dump() for s in unbounded.build()]
    assert 0 < bounded.exact < unbounded.exact / 2


def test_approximate_cosines_are_the_cosines_to_rounding() -> None:
    record, _ = corpus(events=20, reports_each=3)
    builder = StoryBuilder(record)
    clusterer = StoryClusterer(builder, builder.weights)
    lexical = clusterer.lexical
    for report in clusterer.profiles:
        clusterer.see(report)
        earlier = list(range(report.row))
        approximate = lexical.approximate_cosines(report.row, earlier)
        for row in earlier:
            assert abs(approximate[row] - lexical.cosine(report.row, row)) < 1e-6
    assert any(v > 0.5 for v in approximate.values())
