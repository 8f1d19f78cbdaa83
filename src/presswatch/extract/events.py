"""Events: who did what to whom, when and where, coded in CAMEO from the dependency parse.

Verbs are coded by PETRARCH-2's CAMEO verb dictionary (extract/cameo_verbs.py): one event
per source and target pair, both resolved to actors. A proper name in a slot that NER
tagged as nothing ("Arnor restored ties with Gondor") is an actor when the event names
its other side too; the events component adds it to the document's actors. The short hand list
(data/cameo_patterns.yaml) adds what the dictionary lacks: event nouns ("a meeting with
X", "the assassination of X") and hosting a person ("received", "welcomed" a visitor).
Each participant carries its CAMEO actor code on the report's date. An event told inside
a quote or a reported clause carries the speaker who claims it; a negated one ("did not
meet") is marked; a sentence the discard list marks (sport, entertainment) codes nothing.
Each event gets a date made absolute against the publication date (or a dateline) and a
place.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from itertools import product

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from presswatch.extract import RecordsComponent, actors_of, document_of, quotes_of
from presswatch.extract.actors import organisation_in, pronouns, resolve_span, role_nouns
from presswatch.extract.cameo_verbs import VerbEvent, code_verb, governed_code, verb_dictionary
from presswatch.extract.doc_index import doc_text, entities, sentences
from presswatch.ingest.datelines import DATELINE, read_dateline
from presswatch.lang.actor_codes import actor_codebook
from presswatch.lang.data import (
    CAMEO_PATTERNS,
    CAMEO_ROOTS,
    HONORIFICS,
    RELATIVE_DATES,
    CameoPattern,
    CameoPatterns,
)
from presswatch.lang.dates import is_relative_day, iso_date, resolve_date
from presswatch.lang.discards import discard_list
from presswatch.model import Actor, Event, EventDate, Mention, Participant, ParticipantRole
from presswatch.model import Span as TextSpan

_SUBJECTS = ("nsubj",)
_OBJECTS = ("dobj", "obj", "attr")
# Dependents of a participant that tell something other than who it is, left out of the
# words its actor code is read from: a clause about it ("headed by X"), where or when
# ("a delegation … in Tehran on Saturday"), and a backer ("the Iranian-backed group":
# Iran backs the group, the group is not Iranian).
_NOT_WHO = frozenset({"relcl", "acl", "advcl"})
_WHERE_OR_WHEN = frozenset({"in", "at", "on", "during", "after", "before", "since", "near"})
# Dependents after a phrase's head that end the phrase its actor is read from.
_CUT = ("relcl", "acl", "appos")
# Determiners that make an event noun point back to an event already told ("the meeting").
_DEFINITE = frozenset({"the", "this", "that"})


def patterns() -> CameoPatterns:
    return CAMEO_PATTERNS.load()


def names_someone(token: Token) -> bool:
    """The noun names a person or a body of people: a name, or a role or group noun
    ("the head of …", "a delegation")."""
    person, group, _ = role_nouns()
    return token.pos_ == "PROPN" or token.lemma_.lower() in person | group


def kind_of(code: str) -> CameoPattern:
    """What a dictionary-coded event is: the hand list's entry for its code ("043": host a
    visit), else its CAMEO root's (cameo_roots.yaml)."""
    table = patterns()
    for pattern in (*table.verbs.values(), *table.nouns.values()):
        if pattern.cameo == code:
            return pattern
    root = CAMEO_ROOTS.load().get(code[:2])
    if root is None:
        return CameoPattern(type="statement", cameo=code, label=code, family=code[:2])
    return CameoPattern(type=root.type, cameo=code, label=root.label, family=root.family)


def says_enough(event: Event) -> bool:
    """Whether an event told in a noun stands on its own: a meeting or visit names both
    sides ("during a visit to X" names no visitor and is no event); other kinds need their
    target ("the assassination of X", by no one named, is one)."""
    sides = {p.role for p in event.participants}
    if kind_of(event.cameo).family == "meeting":
        return sides == {"source", "target"}
    return "target" in sides


@dataclass
class Dateline:
    place: str | None
    date: EventDate | None
    end: int = 0  # where the dateline's words end: its date dates the report, no event


def dateline_of(text: str, published: str | None) -> Dateline:
    """The dateline's place, and its date made absolute against the publication date."""
    found = read_dateline(text)
    if found is None:
        return Dateline(None, None)
    written = found.written_date
    when = resolve_date(written, iso_date(published)) if written else None
    match = DATELINE.match(text)
    return Dateline(found.place, when, match.end() if match else 0)


class DocumentEvents:
    def __init__(self, doc: Doc, dictionaries: str = "") -> None:
        self.doc = doc
        self.dictionaries = dictionaries
        self.codes: dict[str, str | None] = {}  # actor code of a phrase, on the report's date
        self.document = document_of(doc)
        self.published = iso_date(self.document.published)
        self.day = self.published.isoformat() if self.published else None
        self.dateline = dateline_of(doc_text(doc), self.document.published)
        # Relative dates ("on Saturday") count from the dateline's day when it gives one
        # ("CAIRO, Feb 1 –"), else from publication, else from a date in the title.
        self.anchor = anchor_date(self.dateline.date, self.published, self.document.title)
        # Who claims what: the speaker of each quote's words, direct or reported.
        self.claims = sorted(
            (start, end, q.speaker)
            for q in quotes_of(doc)
            if q.speaker is not None
            for start, end in (q.spans or [(q.start, q.end)])
        )
        # Definite event nouns ("the meeting") and the places events' own sentences name,
        # by the event's id(); read when the document's events are put together.
        self.anaphors: set[int] = set()
        self.explicit_places: dict[int, str] = {}
        self.named_entity = {
            t.i: e for e in doc.ents if e.label_ in ("PERSON", "ORG", "GPE", "NORP") for t in e
        }
        actors = actors_of(doc)
        self.names = {a.id: [a.name, *a.aliases] for a in actors}
        self.people = {a.id for a in actors if a.kind == "person"}
        self.kinds = {a.id: a.kind for a in actors}
        self.actor_at: dict[int, str | None] = {}  # actor_of, by token index
        self.places = {a.id: a.name for a in actors if a.kind == "place"}
        # Proper names in an event's slots that NER left untagged, by their words: an
        # actor each, recorded only if an event keeps it (see untagged_actor).
        self.untagged: dict[str, Actor] = {}
        self.next_actor = len(actors) + 1

    def extract(self) -> list[Event]:
        events: list[Event] = []
        table = patterns()
        dictionary = verb_dictionary(self.dictionaries)
        discards = discard_list(self.dictionaries)
        if discards.in_story(doc_text(self.doc)) is not None:
            return events
        for sentence in sentences(self.doc).spans:
            if discards.in_sentence(sentence.text) is not None:
                continue
            for token in sentence:
                lemma = token.lemma_.lower()
                found: list[Event] = []
                hand = table.verbs.get(lemma) if token.pos_ == "VERB" else None
                if hand is not None and hand.needs_person_target:
                    # "received the head of the council": hosting a person, which the
                    # dictionary does not code ("receive" alone is no event there).
                    found = self.some(self.verb_event(token, hand))
                if not found and token.pos_ == "VERB":
                    coded = code_verb(token, dictionary)
                    found = self.dictionary_events(token, coded)
                    if not coded and hand is not None and not hand.needs_person_target:
                        # A verb the dictionary leaves uncoded ("urge"): the hand list's.
                        found = self.some(self.verb_event(token, hand))
                elif not found and token.pos_ == "NOUN" and lemma in table.nouns:
                    found = self.some(self.noun_event(token, table.nouns[lemma]))
                events.extend(found)
        events = self.merge_anaphors(events)
        self.story_place(events)
        events = self.record_untagged(events)
        for number, event in enumerate(events, 1):
            event.id = f"{self.document.id}.e{number}"
        return events

    def merge_anaphors(self, events: list[Event]) -> list[Event]:
        """A definite event noun ("During the meeting in Tehran on Saturday, …") that
        lacks a side tells again an event of its root told in an earlier sentence ("X has
        hosted a delegation of Y"): the earlier event takes its date and place where it
        had none, and its sentence as a mention; the noun is not a second event."""
        kept: list[Event] = []
        for event in events:
            anaphor = id(event) in self.anaphors
            antecedents = self.antecedents(event, kept) if anaphor else []
            if not antecedents:
                if not anaphor or says_enough(event):
                    kept.append(event)
                continue
            for earlier in antecedents:
                if earlier.date is None:
                    earlier.date = event.date
                place = self.explicit_places.get(id(event))
                if place is not None and id(earlier) not in self.explicit_places:
                    earlier.place = place
                    self.explicit_places[id(earlier)] = place
                earlier.mentions.extend(event.mentions)
        return kept

    def antecedents(self, anaphor: Event, earlier: list[Event]) -> list[Event]:
        """The events of the latest earlier sentence with the anaphor's root that share
        an actor with it (all of them: a hosting and its visit the other way)."""
        sides = {p.role for p in anaphor.participants}
        if {"source", "target"} <= sides:
            return []
        actors = {p.actor for p in anaphor.participants}
        start = anaphor.mentions[0].start
        candidates = [
            e
            for e in earlier
            if e.root == anaphor.root
            and e.mentions[0].start < start
            and not e.negated
            and actors & {p.actor for p in e.participants}
        ]
        if not candidates:
            return []
        latest = candidates[-1].mentions[0].start
        return [e for e in candidates if e.mentions[0].start == latest]

    def story_place(self, events: list[Event]) -> None:
        """Without a dateline or a place given to the document, an event whose sentence
        names no place happens where the report's other events do, when they name one
        place only ("The delegation, which arrived in Tehran on Friday, …")."""
        if self.fallback_place() is not None:
            return
        named = {self.explicit_places[id(e)] for e in events if id(e) in self.explicit_places}
        if len(named) != 1:
            return
        [place] = named
        # Only events of the placed event's root: a visit and the hosting of the visitors.
        roots = {e.root for e in events if id(e) in self.explicit_places}
        for event in events:
            if event.place is None and event.root in roots:
                event.place = place

    @staticmethod
    def some(event: Event | None) -> list[Event]:
        return [] if event is None else [event]

    def claimed_by(self, token: Token) -> str | None:
        """The speaker of the quote whose words hold the token, if any."""
        for start, end, speaker in self.claims:
            if start > token.idx:
                break
            if token.idx < end:
                return speaker
        return None

    # -- events the verb dictionary codes --------------------------------------------

    def dictionary_events(self, verb: Token, coded: list[VerbEvent]) -> list[Event]:
        """One event per coded pair whose target is an actor ("the agency said" names no
        one it acts on and is no event); the source may be unnamed ("X was attacked")."""
        events: list[Event] = []
        seen: set[tuple[str, str, str]] = set()
        for found in coded:
            governed = governed_code(verb, found.code)
            if governed is not None and found.reverse:
                continue  # "agreed to meet X": the intent is the subject's alone
            source_head = self.past_dateline(found.source)
            subject = self.subject_actor(source_head)
            if subject is None and source_head is not None:
                subject = self.reporter_of(source_head)
            # "Lawmakers in Arnor and Gondor welcomed …": each actor the phrase names.
            listed = self.listed_actors(source_head)
            sources: list[tuple[str | None, Token | None]] = (
                [(a, t) for a, t in listed]
                if listed
                else [(subject, source_head)]
                if subject is not None
                else [(a, t) for a, t in self.actors_in(source_head)] or [(None, None)]
            )
            # The event the other way of a paired code needs both sides: "X attended the
            # summit" hosts no one. A participle that describes a noun with no one doing it
            # ("the roads leading into X", "a parade supporting X") is no event either.
            if sources[0][0] is None and (found.reverse or verb.dep_ == "acl"):
                continue
            targets = self.actors_in(found.target)
            if not targets:
                # The pattern took the object noun itself ("welcomed {memos} from Bree"):
                # the actor is inside that noun's phrase.
                taken = {a for a, _ in sources}
                targets = [
                    (actor, token)
                    for noun in found.matched
                    if noun.i != verb.i and noun.pos_ in ("NOUN", "PROPN")
                    for actor, token in self.actors_in(noun)
                    if actor not in taken
                ][:1]
            if not targets:
                # "contributed a million francs to Australia": the next free object that
                # names someone other than the source.
                taken = {a for a, _ in sources}
                for other in found.others:
                    targets = [
                        (a, t)
                        for each in (other, *other.conjuncts)
                        for a, t in self.actors_in(each)
                        if a not in taken
                    ]
                    if targets:
                        break
            if not targets and found.source is not None and not found.passive:
                # "Qatar and Egypt called off their talks": each with the other (not the
                # agents of a passive: "the meeting was attended by X and Y").
                targets = [
                    (actor, token)
                    for token in found.source.conjuncts
                    if (actor := self.actor_of(token)) is not None
                ]
            for (source, source_token), (target, target_token) in product(sources, targets):
                participants = [self.participant(target, "target", target_token, found.target)]
                if source is not None:
                    participants.insert(
                        0, self.participant(source, "source", source_token, found.source)
                    )
                # One actor on both sides is no event, unless the codes tell them apart
                # ("Russian police arrested Russian students": RUSCOP, RUSEDU).
                if source == target and participants[0].code == participants[1].code:
                    continue
                code = governed or found.code
                key = (code, source or "", target)
                if key in seen:
                    continue
                seen.add(key)
                events.append(self.coded_event(verb, found, participants, code))
        return events

    def coded_event(
        self, verb: Token, found: VerbEvent, participants: list[Participant], code: str
    ) -> Event:
        event = self.event(verb, kind_of(code), participants)
        event.negated = found.negated
        if found.pattern is not None:
            # Where the code comes from, as the source dictionary has it (CAMEO.2.0.txt
            # for the shipped one).
            event.pattern = f"line {found.pattern}: {found.rule}"
        if code != found.code:
            governing = f"under {verb.head.lemma_!r} (cameo_governing.yaml): {found.code} → {code}"
            event.pattern = f"{event.pattern}; {governing}" if event.pattern else governing
        return event

    def actors_in(self, head: Token | None) -> list[tuple[str, Token]]:
        """The actor a phrase names; a phrase that names none stands for the actor named
        in its modifiers ("the Omani government") or else for the actors of its
        prepositional phrases ("soldiers from Jordan", "a resumption of ties between
        Qatar and Egypt"), as PETRARCH reads a noun phrase."""
        if head is None:
            return []
        # A common noun that names no one itself ("the resumption of ties with X, Y and
        # Z") stands for all the actors of its phrases, not the first one the phrase's
        # words resolve to.
        thing = head.pos_ == "NOUN" and not head.ent_type_ and not names_someone(head)
        listed = self.listed_actors(head)
        if listed:
            return listed
        actor = None if thing else self.actor_of(head)
        if actor is not None:
            return [(actor, head)]
        for child in head.children:
            if child.dep_ in ("compound", "amod", "nmod", "poss") and child.i < head.i:
                named = self.actor_of(child)
                if named is not None:
                    return [(named, head)]
        found = self.prepositional_actors(head)
        if found:
            return found
        actor = self.actor_of(head) if thing else None
        return [(actor, head)] if actor is not None else []

    def listed_actors(self, head: Token | None) -> list[tuple[str, Token]]:
        """The actors of a role noun's phrase when it names several ("lawmakers in Arnor
        and Gondor": each), else none: one actor is the noun's own (actor_of)."""
        if head is None or head.pos_ != "NOUN" or head.ent_type_ or not names_someone(head):
            return []
        found = self.prepositional_actors(head)
        return found if len(found) > 1 else []

    def prepositional_actors(self, head: Token) -> list[tuple[str, Token]]:
        """The actors named by the nearest level of a phrase's prepositional objects (and
        their conjuncts) that names any, up to three levels down."""
        level = [head]
        for _ in range(3):
            objects = [
                g
                for t in level
                for c in t.children
                if c.dep_ == "prep"
                for g in c.children
                if g.dep_ == "pobj"
            ]
            found: list[tuple[str, Token]] = []
            for obj in objects:
                for token in (obj, *obj.conjuncts):
                    if token.pos_ == "NOUN" and not token.ent_type_ and not names_someone(token):
                        continue  # "ties with X": X, read at the next level
                    named = self.actor_of(token)
                    if named is not None and named not in (a for a, _ in found):
                        found.append((named, token))
            if found:
                return found
            level = objects
        return []

    def past_dateline(self, subject: Token | None) -> Token | None:
        """A dateline parsed as the subject ("KINSHASA, July 19 (AFP) - M23 rebels
        attacked …") says where the report was filed: the subject is the verb's other one,
        after the dateline, if there is one."""
        if subject is None or subject.idx >= self.dateline.end:
            return subject
        verb = subject.head
        return next(
            (
                c
                for c in verb.children
                if c.dep_ == subject.dep_ and c.idx >= self.dateline.end and c.i < verb.i
            ),
            subject,
        )

    def subject_actor(self, subject: Token | None) -> str | None:
        """The subject's actor; a dateline parsed as the subject ("TEHRAN – Leader …
        Khamenei received") leaves the real one in apposition after the place."""
        actor = self.actor_of(subject)
        if subject is not None and (actor is None or actor in self.places):
            for child in subject.children:
                if child.dep_ == "appos":
                    named = self.actor_of(child)
                    if named is not None and named not in self.places:
                        return named
        return actor

    def reporter_of(self, pronoun: Token) -> str | None:
        """A pronoun subject of a reported clause that names no actor of its own stands for
        the reporting clause's subject: "Ethiopia indicated it would act against Libya"."""
        if pronoun.pos_ != "PRON" or pronoun.dep_ not in ("nsubj", "nsubjpass"):
            return None
        clause = pronoun.head
        if clause.dep_ != "ccomp":
            return None
        subject = next((c for c in clause.head.children if c.dep_ == "nsubj"), None)
        return self.subject_actor(subject) if subject is not None else None

    def participant(
        self,
        actor: str,
        role: ParticipantRole,
        token: Token | None,
        head: Token | None = None,
    ) -> Participant:
        """The participant with its CAMEO actor code on the report's date: from the words
        that name it here ("Iranian foreign minister"), else from the actor's names. An
        actor named inside a phrase headed by another noun ("soldiers from Jordan") adds
        that noun's words ("soldiers": JOR + MIL)."""
        code = None
        if (
            token is not None
            and head is not None
            and head.i != token.i
            and (token.i in {t.i for t in head.subtree})
        ):
            code = self.code_of(f"{self.who_words(head, None)} {self.who_words(token)}")
        elif token is not None:
            code = self.code_of(self.who_words(token))
            if code is None:
                # "lawmakers in Arnor": a place word that says whose they are.
                code = self.code_of(self.who_words(token, frozenset()))
        for name in self.names.get(actor, []) if code is None else []:
            code = self.code_of(name)
            if code is not None:
                break
        return Participant(actor=actor, role=role, code=code)

    @staticmethod
    def who_words(token: Token, preps: frozenset[str] | None = _WHERE_OR_WHEN) -> str:
        """The words of the token's phrase that say who it is (see _NOT_WHO), without
        its prepositional phrases headed by `preps` (None: all of them) or conjuncts."""
        left_out: set[int] = set()
        for child in token.subtree:
            if child.i in left_out or child is token:
                continue
            if (
                child.dep_ in _NOT_WHO
                or (child.head.i == token.i and child.dep_ in ("conj", "cc"))
                or (child.dep_ == "prep" and (preps is None or child.lower_ in preps))
                or (child.dep_ == "npadvmod" and child.head.dep_ == "amod")
            ):
                left_out.update(t.i for t in child.subtree)
        return "".join(t.text_with_ws for t in token.subtree if t.i not in left_out).strip()

    def code_of(self, words: str) -> str | None:
        if words not in self.codes:
            found = actor_codebook(self.dictionaries).code(words, self.day)
            self.codes[words] = found.code if found is not None else None
        return self.codes[words]

    # -- participants ------------------------------------------------------------------

    def actor_of(self, token: Token | None) -> str | None:
        """The actor a token's phrase names, looked up once per token."""
        if token is None:
            return None
        if token.i not in self.actor_at:
            self.actor_at[token.i] = self.find_actor(token)
        return self.actor_at[token.i]

    def find_actor(self, token: Token) -> str | None:
        entity = coordinated_entity(token)
        if entity is not None and self.code_of(entity.text) is None:
            # NER tagged a list of names as one entity ("Gondor and Arnor" as FAC): each
            # name is an actor of its own, unless the whole is one known name ("Bosnia
            # and Herzegovina").
            name = untagged_name(token, entity)
            if name is None:
                return None
            # The name may be an actor of its own elsewhere in the report ("Gondor").
            known = resolve_span(self.doc, name.start_char, name.end_char)
            whole = resolve_span(self.doc, entity.start_char, entity.end_char)
            if known is not None and known != whole:
                return known
            return self.untagged_actor(token, entity)
        # "Iran's Supreme Leader, Ayatollah Ali Khamenei": the named person in apposition
        # is more precise than the title it explains; so is the organisation a common noun
        # stands beside ("the resistance movement Hamas").
        for child in token.children:
            if child.dep_ == "appos":
                named = self.actor_of(child)
                if named in self.people or (
                    token.pos_ == "NOUN" and self.kinds.get(named or "") == "organization"
                ):
                    return named
        if token.lemma_.lower() in role_nouns()[1]:
            # "a delegation from the Palestinian Resistance movement Hamas": the body it
            # comes from, read as its own phrase (its head's name first).
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ in ("of", "from"):
                    for obj in child.children:
                        named = self.actor_of(obj) if obj.dep_ == "pobj" else None
                        if self.kinds.get(named or "") in ("organization", "group", "person"):
                            return named
        phrase = self.doc[token.left_edge.i : token.right_edge.i + 1]
        # Cut a relative clause or apposition off: "Darwish, who heads …" is Darwish.
        end = phrase.end
        # A name's phrase ends at its conjunction too: "Arnor and Bree" is two names.
        cut = ("relcl", "acl", "appos", "cc", "conj") if token.pos_ == "PROPN" else _CUT
        for child in token.children:
            if child.i > token.i and (child.dep_ in cut or child.is_punct):
                end = min(end, child.left_edge.i)
        phrase = self.doc[phrase.start : max(end, token.i + 1)]
        # "the Palestinian Resistance movement Hamas": the name the head itself bears.
        own = self.named_entity.get(token.i)
        if own is not None and own.start > phrase.start:
            found = resolve_span(self.doc, own.start_char, own.end_char)
            if found is not None:
                return found
        found = resolve_span(self.doc, phrase.start_char, phrase.end_char)
        # "the head and members of the council of Hamas": the organisation they stand for.
        if found is None:
            found = organisation_in(self.doc, phrase)
        return found if found is not None else self.untagged_actor(token)

    def untagged_actor(self, token: Token, within: Span | None = None) -> str | None:
        """A proper name filling an event's slot that NER tagged as nothing ("Arnor is
        about to restore ties with Gondor"), or tagged only as part of a list of names
        (`within`): the text names someone there, so it is an actor, of the kind that
        claims least ("organization": not a place, which events set aside, nor a person,
        whose roles and names resolve otherwise)."""
        name = untagged_name(token, within)
        if name is None:
            return None
        key = name.text.lower()
        actor = self.untagged.get(key)
        if actor is None:
            actor = Actor(
                id=f"{self.document.id}.a{self.next_actor}",
                name=name.text,
                kind="organization",
                key=key,
            )
            self.next_actor += 1
            self.untagged[key] = actor
            self.names[actor.id] = [actor.name]
            self.kinds[actor.id] = actor.kind
        mention = Mention(
            doc=self.document.id,
            start=name.start_char,
            end=name.end_char,
            text=name.text,
            kind="name",
        )
        if mention not in actor.mentions:
            actor.mentions.append(mention)
        return actor.id

    def record_untagged(self, events: list[Event]) -> list[Event]:
        """An untagged name stands in an event only beside an actor on the other side
        ("Arnor restored ties with Gondor"; not "if you support God"): alone, a
        capitalised word is weak evidence of an actor. The names kept events have join
        the document's actors, so every participant points at an actor record."""
        untagged = {a.id for a in self.untagged.values()}
        events = [
            e
            for e in events
            if not untagged & {p.actor for p in e.participants}
            or {p.role for p in e.participants} == {"source", "target"}
        ]
        used = {p.actor for e in events for p in e.participants}
        kept = [a for a in self.untagged.values() if a.id in used]
        for number, actor in enumerate(kept, len(actors_of(self.doc)) + 1):
            new_id = f"{self.document.id}.a{number}"
            for event in events:
                for participant in event.participants:
                    if participant.actor == actor.id:
                        participant.actor = new_id
            actor.id = new_id
            actor.mentions.sort(key=lambda m: m.start)
        if kept:
            self.doc._.pw_actors = [*actors_of(self.doc), *kept]
        return events

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
        participants = [self.participant(a, "source", t) for a, t in self.resolved(sources)] + [
            self.participant(a, "target", t) for a, t in self.resolved(targets)
        ]
        if pattern.needs_person_target and not (
            any(p.role == "target" and p.actor not in self.places for p in participants)
            and any(names_someone(t) for t in targets)
        ):
            # "received criticism", "welcomed the decision", "welcomed the resumption of
            # ties with X": no one was hosted.
            return None
        if not participants:
            return None
        return self.event(verb, pattern, participants)

    def noun_event(self, noun: Token, pattern: CameoPattern) -> Event | None:
        targets = self.conjuncts(self.prepositional_object(noun))
        owners = [c for c in noun.children if c.dep_ == "poss"]
        participants = [self.participant(a, "target", t) for a, t in self.resolved(targets)]
        participants += [self.participant(a, "source", t) for a, t in self.resolved(owners)]
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
                    for actor, token in self.resolved(self.conjuncts(who)):
                        if actor not in {p.actor for p in participants}:
                            participants.append(self.participant(actor, "source", token))
        if noun.dep_ == "pobj" and targets and not any(p.role == "source" for p in participants):
            # "the remarks made by X this morning in a meeting with Y", the phrase hanging
            # off another noun: X, the nearest actor before it that does something.
            doer = self.nearest_doer(noun, {p.actor for p in participants})
            if doer is not None:
                participants.append(self.participant(doer[0], "source", doer[1]))
        if not participants:
            return None
        event = self.event(noun, pattern, participants)
        if any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in noun.children):
            # Kept only if it retells an earlier event (merge_anaphors) or names both sides.
            self.anaphors.add(id(event))
        elif not says_enough(event):
            return None
        return event

    def nearest_doer(self, noun: Token, taken: set[str]) -> tuple[str, Token] | None:
        """The closest subject or passive agent before `noun` in its sentence that names
        an actor other than a place or one of `taken`."""
        for token in reversed(self.doc[noun.sent.start : noun.i]):
            doing = token.dep_ == "nsubj" or (token.dep_ == "pobj" and token.head.dep_ == "agent")
            actor = self.actor_of(token) if doing else None
            if actor is not None and actor not in self.places and actor not in taken:
                return actor, token
        return None

    def with_appositions(self, subject: Token | None) -> list[Token]:
        """A dateline parsed as the subject ("TEHRAN – Leader … Khamenei received") leaves
        the real subject as its apposition; try the appositions after a place."""
        tokens = self.conjuncts(subject)
        actor = self.actor_of(subject)
        if subject is not None and (actor is None or actor in self.places):
            tokens = [c for c in subject.children if c.dep_ == "appos"] + tokens
        return tokens

    def prepositional_object(self, head: Token) -> Token | None:
        allowed = patterns().target_prepositions
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in allowed:
                objects = [g for g in child.children if g.dep_ == "pobj"]
                if objects:
                    return objects[0]
        return None

    def resolved(self, tokens: list[Token]) -> list[tuple[str, Token]]:
        """The actors the tokens name, each once, with the token that names it."""
        found: list[tuple[str, Token]] = []
        for token in tokens:
            actor = self.actor_of(token)
            if actor is not None and actor not in (a for a, _ in found):
                found.append((actor, token))
        return found

    # -- when and where -----------------------------------------------------------------------

    def event(
        self, trigger: Token, pattern: CameoPattern, participants: list[Participant]
    ) -> Event:
        sentence = trigger.sent
        participants = [
            p if p.code is not None else self.participant(p.actor, p.role, None)
            for p in participants
        ]
        place = self.place_of(trigger, sentence)
        event = Event(
            id="",
            type=pattern.type,
            cameo=pattern.cameo,
            root=pattern.cameo[:2],
            label=pattern.label,
            participants=participants,
            date=self.date_of(trigger, sentence),
            place=place or self.fallback_place(),
            mentions=[
                TextSpan(
                    doc=self.document.id,
                    start=sentence.start_char,
                    end=sentence.end_char,
                    text=sentence.text,
                )
            ],
            trigger=trigger.text,
            claimed_by=self.claimed_by(trigger),
        )
        if place is not None:
            self.explicit_places[id(event)] = place
        return event

    def date_of(self, trigger: Token, sentence: Span) -> EventDate | None:
        """The date words attached to the trigger's clause, else the sentence's, else none.
        A relative adverb of the trigger that NER leaves untagged ("recently received")
        counts as attached."""
        in_sentence = [
            e
            for e in entities(self.doc).within(sentence.start, sentence.end)
            if e.label_ in ("DATE", "TIME")
        ]
        # The dateline's own date ("CAIRO, Feb 1 –") dates the report: the event's only
        # when its sentence names no other.
        dates: list[Span] = [e for e in in_sentence if e.start_char >= self.dateline.end]
        filed = [e for e in in_sentence if e.start_char < self.dateline.end]
        clause = {t.i for t in trigger.subtree}
        attached = [e for e in dates if any(t.i in clause for t in e)]
        attached += [
            self.doc[c.i : c.i + 1]
            for c in trigger.children
            if c.dep_ in ("advmod", "npadvmod") and not c.ent_type_ and is_relative_day(c.lower_)
        ]
        for entity in attached + [e for e in dates if e not in attached] + filed:
            resolved = resolve_date(entity.text, self.anchor)
            if resolved is not None:
                return resolved
        return None

    def fallback_place(self) -> str | None:
        """The dateline in the text, else the place the document was given ("TEHRAN –")."""
        return self.dateline.place or self.document.place

    def place_of(self, trigger: Token, sentence: Span) -> str | None:
        """The place the trigger's own clause names: "in"/"at" a place attached to the
        trigger or inside its object ("received X in Tehran", "hosted a delegation of the
        group Hamas in Tehran"), not to its subject ("the Leader of the Revolution in
        Iran" places the title, not the event). None when the clause names none."""
        clause = {t.i for t in trigger.subtree}
        objects = {
            t.i
            for c in trigger.children
            if c.dep_ in ("dobj", "obj", "npadvmod")
            for t in c.subtree
        }
        for entity in entities(self.doc).within(sentence.start, sentence.end):
            if entity.label_ not in ("GPE", "LOC", "FAC") or not any(t.i in clause for t in entity):
                continue
            preposition = entity.root.head
            attached_to = preposition.head
            near = attached_to == trigger or attached_to.i in objects
            if entity.root.dep_ == "pobj" and preposition.lower_ in ("in", "at") and near:
                return entity.text
        return None


def coordinated_entity(token: Token) -> Span | None:
    """The entity a proper name lies in when that entity joins several names with a
    conjunction ("Arnor, Osgiliath and Gondor" tagged as one ORG)."""
    if token.pos_ != "PROPN" or not token.ent_type_:
        return None
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    entity = doc[start:end]
    joined = any(t.dep_ == "cc" and t.head.i in range(start, end) for t in entity)
    names = any(t.dep_ == "conj" and t.pos_ == "PROPN" for t in entity)
    return entity if joined and names else None


def untagged_name(token: Token, within: Span | None = None) -> Span | None:
    """The proper name a token heads when NER tagged none of it (or tagged it only as a
    part of the list of names `within`): capitalised PROPN words (the head and the names
    compounded before it), not a month or weekday, not a pronoun, not a role noun, not a
    common word capitalised only because it opens the sentence."""
    tagged = within is None or not within.start <= token.i < within.end
    if token.pos_ != "PROPN" or (token.ent_type_ and tagged) or not token.text[:1].isupper():
        return None
    start = token.i
    for child in reversed(list(token.lefts)):
        if child.i == start - 1 and child.dep_ == "compound" and child.pos_ == "PROPN":
            start = child.i
    doc = token.doc
    name = doc[start : token.i + 1]
    calendar = RELATIVE_DATES.load()
    not_names = {*calendar.weekdays, *calendar.months, *calendar.month_abbreviations}
    not_names |= set(pronouns())
    for word in name:
        outside = within is None or not within.start <= word.i < within.end
        if (word.ent_type_ and outside) or not word.text[:1].isupper():
            return None
        if word.lower_ in not_names:
            return None
    if len(name.text) < 2:
        return None  # "told E!": a letter
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if after is not None and after.text == "." and not token.whitespace_ and len(token) <= 4:
        return None  # "Mr.", "Capt.", "Sgt.", "No.": an abbreviation, not a name
    sentence = token.sent
    words = [t for t in sentence if t.is_alpha]
    if sum(t.text[:1].isupper() for t in words) > 0.6 * len(words):
        return None  # a headline in title case capitalises every word
    # A capital that only opens the sentence: a stop word, or a word the text also writes
    # in lowercase ("Violence broke out …" beside "the violence"), is a common word.
    opens = name.start == sentence.start and len(name) == 1
    if opens and (token.is_stop or any(t.text == token.lower_ for t in doc)):
        return None
    person, group, _ = role_nouns()
    titles = {w.rstrip(".") for entry in HONORIFICS.load() for w in entry.words}
    if token.lower_ in person | group | titles:
        # "the Prince of Dol Amroth", "the Council", "spoken to Mr.": a title or body
        # named by its role, which the actors extractor resolves (or not) by what the
        # phrase names.
        return None
    return name


def anchor_date(
    dateline: EventDate | None, published: date | None, title: str | None
) -> date | None:
    """The day relative dates count from: the dateline's, else publication, else a day
    the title names ("Interview … - 11 /Feb/ 2025")."""
    if dateline is not None and dateline.precision == "day" and dateline.start:
        return iso_date(dateline.start)
    if published is not None:
        return published
    found = resolve_date(title, None) if title else None
    if found is not None and found.precision == "day" and found.start:
        return iso_date(found.start)
    return None


def extract_events(doc: Doc, dictionaries: str = "") -> list[Event]:
    """Coded events with participants, absolute dates and places."""
    return DocumentEvents(doc, dictionaries).extract()


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
    # pw_actors: the untagged names events' participants are (DocumentEvents.untagged_actor).
    assigns=["doc._.pw_events", "doc._.pw_actors"],
    default_config={"dictionaries": ""},
)
def make_events(nlp: Language, name: str, dictionaries: str) -> RecordsComponent:
    """`dictionaries`: a folder of PETRARCH dictionaries converted by
    scripts/convert_petrarch.py (verbs, actors, groups, agents, discards); empty for the
    shipped ones."""
    return RecordsComponent("pw_events", lambda doc: extract_events(doc, dictionaries))
