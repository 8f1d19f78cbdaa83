"""Coverage differences within a story: who each report names, how it titles them, and
which quotes only one outlet carries. Each difference is a `coverage` finding with
the spans that show it, so an analyst sees what a report adds or leaves out.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from presswatch.compact import compact
from presswatch.link import CorpusContext, linker
from presswatch.link.ids import assign_ids, member_key
from presswatch.link.quotes import comparison_scopes
from presswatch.model import Actor, Document, Finding, Mention, Quote, Record, Span

# Mention kinds that carry a title or role rather than the name itself.
TITLE_KINDS = frozenset({"title", "role"})
# An actor named by only one report of a story is not a "missing participant" in the
# others unless the story's events name it: minor names in one report are normal.
MIN_REPORTS_NAMING = 2
COVERAGE_BASES = frozenset({"omitted_actor", "actor_titles", "unshared_quote"})


class RecordIndex:
    """Who is named and quoted in each document, built once per record: a story's checks
    then read its own reports' actors and quotes instead of every actor and quote of the
    corpus (which made coverage quadratic in the corpus)."""

    def __init__(self, record: Record) -> None:
        self.documents = {d.id: d for d in record.documents}
        self.actors = {a.id: a for a in record.actors}
        self._actors: dict[str, list[int]] = {}
        # Per actor (by object), each document's mentions by position in `actor.mentions`: a story's
        # checks read an actor's mentions in its own reports, not all of them (an actor
        # named across the corpus made coverage grow with stories times mentions).
        self._mentions: dict[int, dict[str, list[int]]] = {}
        for position, actor in enumerate(record.actors):
            by_doc: dict[str, list[int]] = {}
            for number, mention in enumerate(actor.mentions):
                by_doc.setdefault(mention.doc, []).append(number)
            self._mentions[id(actor)] = by_doc
            for doc in by_doc:
                self._actors.setdefault(doc, []).append(position)
        self._quotes: dict[str, list[int]] = {}
        for position, quote in enumerate(record.quotes):
            self._quotes.setdefault(quote.doc, []).append(position)
        self.grouped: dict[str | None, set[str]] = {}
        for group in record.quote_groups:
            self.grouped.setdefault(group.story, set()).update(group.quotes)
        self.record = record

    def actors_in(self, documents: Collection[str]) -> list[Actor]:
        """Actors named in any of these documents, in record order."""
        found = sorted({i for d in documents for i in self._actors.get(d, ())})
        return [self.record.actors[i] for i in found]

    def documents_naming(self, actor: Actor) -> Collection[str]:
        """The documents an actor is mentioned in."""
        return self._mentions[id(actor)].keys()

    def mentions_in(self, actor: Actor, documents: Collection[str]) -> list[Mention]:
        """An actor's mentions in these documents, in `actor.mentions` order."""
        by_doc = self._mentions[id(actor)]
        if len(by_doc) < len(documents):  # an actor of a few reports in a large story
            found = sorted(n for d, numbers in by_doc.items() if d in documents for n in numbers)
        else:
            found = sorted(n for d in documents for n in by_doc.get(d, ()))
        return [actor.mentions[n] for n in found]

    def first_mention(self, actor: Actor, doc: str) -> Mention | None:
        """An actor's first mention (in `actor.mentions` order) in this document."""
        numbers = self._mentions[id(actor)].get(doc)
        return actor.mentions[numbers[0]] if numbers else None

    def quotes_in(self, documents: Collection[str]) -> list[Quote]:
        """Quotes in any of these documents, in record order."""
        found = sorted({i for d in documents for i in self._quotes.get(d, ())})
        return [self.record.quotes[i] for i in found]

    def grouped_quotes(self, story: str | None) -> set[str]:
        """Quotes aligned with another outlet's in this story (any story for None)."""
        if story is None:
            return set().union(*self.grouped.values()) if self.grouped else set()
        return self.grouped.get(story, set())


def outlet(document: Document) -> str:
    return document.outlet or document.source


def first_mention_spans(actor: Actor, documents: Sequence[str], index: RecordIndex) -> list[Span]:
    spans: list[Span] = []
    for doc in documents:
        mention = index.first_mention(actor, doc)
        if mention is not None:
            spans.append(Span(doc=doc, start=mention.start, end=mention.end, text=mention.text))
    return spans


def missing_participants(
    record: Record,
    story: str | None,
    documents: list[str],
    participants: set[str],
    index: RecordIndex | None = None,
) -> list[Finding]:
    """People and organisations some reports of the story name and others do not."""
    index = index or RecordIndex(record)
    by_id = index.documents
    findings: list[Finding] = []
    for actor in index.actors_in(documents):
        # People only, unless the story's events make an organisation a participant:
        # nationality words the tagger keeps as groups ("Palestinians") are not omissions.
        if actor.kind != "person" and actor.id not in participants:
            continue
        named = index.documents_naming(actor)
        naming = [d for d in documents if d in named]
        if not naming or len(naming) == len(documents):
            continue
        if actor.id not in participants and len(naming) < MIN_REPORTS_NAMING:
            continue
        silent = [d for d in documents if d not in naming]
        findings.append(
            Finding(
                id="",
                kind="coverage",
                basis="omitted_actor",
                story=story,
                actors=[actor.id],
                summary=(
                    f"{actor.name} is named by {len(naming)} of {len(documents)} reports "
                    f"({', '.join(outlet(by_id[d]) for d in naming)}); "
                    f"not by {', '.join(outlet(by_id[d]) for d in silent)}"
                ),
                evidence=first_mention_spans(actor, naming, index),
            )
        )
    return findings


def differing_titles(
    record: Record, story: str | None, documents: list[str], index: RecordIndex | None = None
) -> list[Finding]:
    """The same person given different titles by different outlets."""
    index = index or RecordIndex(record)
    by_id = index.documents
    in_scope = set(documents)
    findings: list[Finding] = []
    for actor in index.actors_in(in_scope):
        titles: dict[str, list[Span]] = {}
        outlets_by_title: dict[str, set[str]] = {}
        for mention in index.mentions_in(actor, in_scope):
            if mention.kind not in TITLE_KINDS:
                continue
            # "the head of the Hamas leadership council" and "The head of …" are one title.
            key = " ".join(mention.text.lower().removeprefix("the ").split())
            if len(key.split()) < 2:
                continue  # "he", "the Leader": too short to be a title worth comparing
            titles.setdefault(key, []).append(
                Span(doc=mention.doc, start=mention.start, end=mention.end, text=mention.text)
            )
            outlets_by_title.setdefault(key, set()).add(outlet(by_id[mention.doc]))
        if len(titles) < 2:
            continue
        distinct_outlets = set().union(*outlets_by_title.values())
        if len(distinct_outlets) < 2:
            continue
        described = "; ".join(
            f'"{spans[0].text}" ({", ".join(sorted(outlets_by_title[key]))})'
            for key, spans in titles.items()
        )
        findings.append(
            Finding(
                id="",
                kind="coverage",
                basis="actor_titles",
                story=story,
                actors=[actor.id],
                summary=f"{actor.name} is titled differently across outlets: {described}",
                evidence=[spans[0] for spans in titles.values()],
            )
        )
    return findings


def unshared_quotes(
    record: Record, story: str | None, documents: list[str], index: RecordIndex | None = None
) -> list[Finding]:
    """Attributed quotes that no other outlet in the story carries."""
    index = index or RecordIndex(record)
    by_id = index.documents
    actors = index.actors
    grouped = index.grouped_quotes(story)
    outlets = {outlet(by_id[d]) for d in documents}
    if len(outlets) < 2:
        return []
    findings: list[Finding] = []
    for quote in index.quotes_in(documents):
        if quote.speaker is None or quote.id in grouped:
            continue
        if quote.source_of is not None:
            continue  # nested inside another quote, which carries it
        if quote.kind == "mixed" and len(quote.text.split()) < 4:
            continue  # a borrowed phrase, not a statement another outlet could carry
        speaker = actors[quote.speaker].name if quote.speaker in actors else "someone"
        findings.append(
            Finding(
                id="",
                kind="coverage",
                basis="unshared_quote",
                story=story,
                quotes=[quote.id],
                actors=[quote.speaker],
                summary=(
                    f"Only {outlet(by_id[quote.doc])} quotes {speaker}: "
                    f"\u201c{' '.join(quote.text.split())[:160]}\u201d"
                ),
                evidence=[Span(doc=quote.doc, start=quote.start, end=quote.end, text=quote.text)],
            )
        )
    return findings


def coverage_findings(record: Record, taken: Collection[str] = ()) -> list[Finding]:
    """Coverage differences within each story, with ids from what each one is about."""
    findings: list[Finding] = []
    stories = {s.id: s for s in record.stories}
    events_by_id = {e.id: e for e in record.events}
    index = RecordIndex(record)
    for story, documents in comparison_scopes(record):
        if len(documents) < 2:
            continue
        participants = set(stories[story].participants) if story in stories else set()
        if story in stories:
            told = [
                events_by_id[e] for e in dict.fromkeys(stories[story].events) if e in events_by_id
            ]
            participants |= {p.actor for e in told for p in e.participants}
        made = [
            *missing_participants(record, story, documents, participants, index),
            *differing_titles(record, story, documents, index),
            *unshared_quotes(record, story, documents, index),
        ]
        # Every story's are held till the last: compacted as made, as analyses read are
        # (presswatch.compact; a finding and its spans, about half their memory).
        compact(made)
        findings.extend(made)
    # An unshared quote is about its quote (whoever it is attributed to); the rest, an actor.
    keys = [member_key(f.kind, f.basis, f.story, members=f.quotes or f.actors) for f in findings]
    assign_ids(findings, "f", keys, taken=taken)
    return findings


@linker("coverage")
def link_coverage(context: CorpusContext) -> None:
    record = context.record
    record.findings = [f for f in record.findings if f.basis not in COVERAGE_BASES]
    record.findings.extend(coverage_findings(record, {f.id for f in record.findings}))
