"""Events: who did what to whom, when and where, coded in CAMEO from the dependency parse.

A trigger (a verb or an event noun from data/cameo_patterns.yaml) takes its source from
the subject (or the "by" agent of a passive) and its target from the object, a
prepositional object ("met with X", "a visit to X") or the passive subject. Participants
are resolved to actors; a trigger with no resolved participant is dropped. Words inside
a direct quotation are speech, not reported events, and are skipped. Each event gets a
date made absolute against the publication date (or a dateline) and a place.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from presswatch.extract import RecordsComponent, actors_of, document_of, quotes_of
from presswatch.extract.actors import organisation_in, resolve_span
from presswatch.extract.doc_index import CharIntervals, doc_text, entities
from presswatch.ingest.datelines import read_dateline
from presswatch.lang.data import CAMEO_PATTERNS, CameoPattern, CameoPatterns
from presswatch.lang.dates import iso_date, resolve_date
from presswatch.model import Event, EventDate, Participant
from presswatch.model import Span as TextSpan

_SUBJECTS = ("nsubj",)
_OBJECTS = ("dobj", "obj", "attr")


def patterns() -> CameoPatterns:
    return CAMEO_PATTERNS.load()


@dataclass
class Dateline:
    place: str | None
    date: EventDate | None


def dateline_of(text: str, published: str | None) -> Dateline:
    """The dateline's place, and its date made absolute against the publication date."""
    found = read_dateline(text)
    if found is None:
        return Dateline(None, None)
    written = found.written_date
    when = resolve_date(written, iso_date(published)) if written else None
    return Dateline(found.place, when)


class DocumentEvents:
    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.document = document_of(doc)
        self.published = iso_date(self.document.published)
        self.dateline = dateline_of(doc_text(doc), self.document.published)
        self.quoted = CharIntervals(
            (s, e) for q in quotes_of(doc) if q.kind in ("direct", "mixed") for s, e in q.spans
        )
        actors = actors_of(doc)
        self.people = {a.id for a in actors if a.kind == "person"}
        self.places = {a.id: a.name for a in actors if a.kind == "place"}

    def extract(self) -> list[Event]:
        events: list[Event] = []
        table = patterns()
        for token in self.doc:
            if self.in_quote(token):
                continue
            lemma = token.lemma_.lower()
            if token.pos_ == "VERB" and lemma in table.verbs:
                event = self.verb_event(token, table.verbs[lemma])
            elif token.pos_ == "NOUN" and lemma in table.nouns:
                event = self.noun_event(token, table.nouns[lemma])
            else:
                continue
            if event is not None:
                event.id = f"{self.document.id}.e{len(events) + 1}"
                events.append(event)
        return events

    def in_quote(self, token: Token) -> bool:
        return token.idx in self.quoted

    # -- participants ------------------------------------------------------------------

    def actor_of(self, token: Token | None) -> str | None:
        if token is None:
            return None
        # "Iran's Supreme Leader, Ayatollah Ali Khamenei": the named person in apposition
        # is more precise than the title it explains.
        for child in token.children:
            if child.dep_ == "appos":
                named = self.actor_of(child)
                if named in self.people:
                    return named
        phrase = self.doc[token.left_edge.i : token.right_edge.i + 1]
        # Cut a relative clause or apposition off: "Darwish, who heads …" is Darwish.
        end = phrase.end
        for child in token.children:
            if child.i > token.i and (child.dep_ in ("relcl", "acl", "appos") or child.is_punct):
                end = min(end, child.left_edge.i)
        phrase = self.doc[phrase.start : max(end, token.i + 1)]
        found = resolve_span(self.doc, phrase.start_char, phrase.end_char)
        # "the head and members of the council of Hamas": the organisation they stand for.
        return found if found is not None else organisation_in(self.doc, phrase)

    def conjuncts(self, token: Token | None) -> list[Token]:
        return [] if token is None else [token, *token.conjuncts]

    def verb_event(self, verb: Token, pattern: CameoPattern) -> Event | None:
        subject = next((c for c in verb.children if c.dep_ in _SUBJECTS), None)
        passive_subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        agent = next(
            (g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"),
            None,
        )
        obj = next((c for c in verb.children if c.dep_ in _OBJECTS), None)
        if obj is None:
            obj = self.prepositional_object(verb)
        if passive_subject is not None:
            sources, targets = self.conjuncts(agent), self.conjuncts(passive_subject)
        else:
            sources, targets = self.with_appositions(subject), self.conjuncts(obj)
        if subject is None and passive_subject is None and verb.dep_ in ("advcl", "xcomp", "conj"):
            head_subject = next((c for c in verb.head.children if c.dep_ in _SUBJECTS), None)
            sources = self.conjuncts(head_subject)
        participants = [Participant(actor=a, role="source") for a in self.resolved(sources)] + [
            Participant(actor=a, role="target") for a in self.resolved(targets)
        ]
        if pattern.needs_person_target and not any(
            p.role == "target" and p.actor not in self.places for p in participants
        ):
            return None  # "received criticism", "welcomed the decision": no one was hosted
        if not participants:
            return None
        return self.event(verb, pattern, participants)

    def noun_event(self, noun: Token, pattern: CameoPattern) -> Event | None:
        targets = self.conjuncts(self.prepositional_object(noun))
        owners = [c for c in noun.children if c.dep_ == "poss"]
        participants = [Participant(actor=a, role="target") for a in self.resolved(targets)]
        participants += [Participant(actor=a, role="source") for a in self.resolved(owners)]
        if noun.dep_ == "pobj" and not any(p.role == "source" for p in participants):
            # "… in a meeting with X": the one who met X is the clause's subject or agent.
            governor = noun.head.head if noun.dep_ == "pobj" else noun.head
            for child in governor.children if governor is not None else []:
                if child.dep_ in ("nsubj", "agent", "nsubjpass"):
                    who = (
                        child
                        if child.dep_ != "agent"
                        else next((g for g in child.children if g.dep_ == "pobj"), None)
                    )
                    for actor in self.resolved(self.conjuncts(who)):
                        if actor not in {p.actor for p in participants}:
                            participants.append(Participant(actor=actor, role="source"))
        if not participants:
            return None
        return self.event(noun, pattern, participants)

    def with_appositions(self, subject: Token | None) -> list[Token]:
        """A dateline parsed as the subject ("TEHRAN – Leader … Khamenei received") leaves
        the real subject as its apposition; try the appositions after a place."""
        tokens = self.conjuncts(subject)
        actor = self.actor_of(subject)
        if subject is not None and (actor is None or actor in self.places):
            tokens = [c for c in subject.children if c.dep_ == "appos"] + tokens
        return tokens

    def prepositional_object(self, head: Token) -> Token | None:
        allowed = set(patterns().target_prepositions)
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in allowed:
                objects = [g for g in child.children if g.dep_ == "pobj"]
                if objects:
                    return objects[0]
        return None

    def resolved(self, tokens: list[Token]) -> list[str]:
        found: list[str] = []
        for token in tokens:
            actor = self.actor_of(token)
            if actor is not None and actor not in found:
                found.append(actor)
        return found

    # -- when and where -----------------------------------------------------------------------

    def event(
        self, trigger: Token, pattern: CameoPattern, participants: list[Participant]
    ) -> Event:
        sentence = trigger.sent
        return Event(
            id="",
            type=pattern.type,
            cameo=pattern.cameo,
            root=pattern.cameo[:2],
            label=pattern.label,
            participants=participants,
            date=self.date_of(trigger, sentence),
            place=self.place_of(trigger, sentence),
            mentions=[
                TextSpan(
                    doc=self.document.id,
                    start=sentence.start_char,
                    end=sentence.end_char,
                    text=sentence.text,
                )
            ],
            trigger=trigger.text,
        )

    def date_of(self, trigger: Token, sentence: Span) -> EventDate | None:
        """The date words attached to the trigger's clause, else the sentence's, else none."""
        in_sentence = entities(self.doc).within(sentence.start, sentence.end)
        dates = [e for e in in_sentence if e.label_ in ("DATE", "TIME")]
        clause = {t.i for t in trigger.subtree}
        attached = [e for e in dates if any(t.i in clause for t in e)]
        for entity in attached + [e for e in dates if e not in attached]:
            resolved = resolve_date(entity.text, self.published)
            if resolved is not None:
                return resolved
        return None

    def place_of(self, trigger: Token, sentence: Span) -> str | None:
        clause = {t.i for t in trigger.subtree}
        for entity in entities(self.doc).within(sentence.start, sentence.end):
            if entity.label_ not in ("GPE", "LOC", "FAC") or not any(t.i in clause for t in entity):
                continue
            preposition = entity.root.head
            attached_to = preposition.head
            # "received X in Tehran" / "received a delegation in Tehran", not "the Leader
            # of the Revolution in Iran", which places the title, not the event.
            near = attached_to == trigger or (
                attached_to.head == trigger and attached_to.dep_ in ("dobj", "obj", "npadvmod")
            )
            if entity.root.dep_ == "pobj" and preposition.lower_ in ("in", "at") and near:
                return entity.text
        # The dateline in the text, else the place the document was given ("TEHRAN –").
        return self.dateline.place or self.document.place


def extract_events(doc: Doc) -> list[Event]:
    """Coded events with participants, absolute dates and places."""
    return DocumentEvents(doc).extract()


@Language.factory(
    "presswatch_events",
    requires=[
        "doc.ents",
        "doc.sents",
        "token.pos",
        "token.dep",
        "token.lemma",
        "doc._.pw_actors",
        "doc._.pw_quotes",
    ],
    assigns=["doc._.pw_events"],
)
def make_events(nlp: Language, name: str) -> RecordsComponent:
    return RecordsComponent("pw_events", extract_events)
