"""Actors in one document: every name, surname, title, role phrase and pronoun resolved.

Layers, each a function, applied in order:
1. entity mentions → people clustered by compatible name keys (full name, surname,
   honorific variants, transliterations), organisations/places/groups by name key;
2. label repair by consistency: a surname first seen in a PERSON name is that person even
   where the tagger says NORP, ORG or nothing;
3. roles bound to people by title runs ("Foreign Minister X"), appositions ("X, head of
   Y"; "Y's prime minister, X") and relative clauses ("X, who heads Y"); roles give
   affiliations; later role phrases ("the Leader") resolve to the person bound to them;
4. kunyas and bracketed clarifications become aliases;
5. pronouns resolve to the most salient compatible person (or group), never a guess.
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache, partial
from itertools import pairwise

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from presswatch.extract import actors_of, document_of, mentions_of
from presswatch.extract.doc_index import doc_text, noun_chunks
from presswatch.extract.doc_index import entities as document_entities
from presswatch.extract.doc_index import sentences as document_sentences
from presswatch.extract.mentions import MentionIndex
from presswatch.extract.offices import mark_offices, resolve_offices
from presswatch.extract.references import resolve_descriptions
from presswatch.lang.data import PLACE_PREPOSITIONS, PRONOUNS, ROLE_NOUNS, PronounEntry
from presswatch.lang.names import (
    ParsedName,
    better_key,
    compatible_names,
    is_kunya,
    is_unnamed_key,
    name_key,
    parse_name,
    token_key,
)
from presswatch.model import Actor, ActorKind, Mention, MentionKind

ENTITY_KINDS: dict[str, ActorKind] = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "group",
}
# A mention while actors are assembled: start, end, text, kind.
LocalMention = tuple[int, int, str, MentionKind]
# A report is about one person (its protagonist) when that person is named at least
# PROTAGONIST_MENTIONS times and PROTAGONIST_LEAD times as often as anyone else.
PROTAGONIST_MENTIONS = 2
PROTAGONIST_LEAD = 2
# Relative pronouns that stand for a person: "who", "whom", "whose".
RELATIVE_PRONOUNS = frozenset({"who", "whom", "whose"})
# How far back (in sentences) a pronoun may look for its antecedent.
PRONOUN_WINDOW = 3
_TITLE_RUN_TAGS = {"PROPN", "NOUN", "ADJ"}
_TITLE_RUN_WORDS = {"of", "the", "'s", "’s", "for", "and"}
_DETERMINERS = {"the", "a", "an", "this", "that"}
INDEFINITE = {"a", "an", "another", "one", "some", "several", "two", "three"}
_NAME_WORD = r"[A-Z][\w'’-]+"
# A capitalised name with a kunya in front and/or a bracketed part inside.
CLARIFIED_NAME = re.compile(
    rf"\b(?:(?:Abu|Abou|Umm) {_NAME_WORD} )?(?:{_NAME_WORD} )?[\[(]{_NAME_WORD}[\])] {_NAME_WORD}"
)


@lru_cache(maxsize=1)
def role_nouns() -> tuple[frozenset[str], frozenset[str], dict[str, str]]:
    data = ROLE_NOUNS.load()
    return frozenset(data.person), frozenset(data.group), dict(data.binding_verbs)


@lru_cache(maxsize=1)
def describing_nouns() -> frozenset[str]:
    """Offices and occupations: the heads of phrases that describe one person ("Foreign
    Minister X", "actress X"; later "the minister", "the actress")."""
    data = ROLE_NOUNS.load()
    return frozenset([*data.person, *data.occupations])


@lru_cache(maxsize=1)
def occupation_nouns() -> frozenset[str]:
    return frozenset(ROLE_NOUNS.load().occupations)


@cache
def same_rank_heads(head: str) -> frozenset[str]:
    """Role heads naming the same rank of office as `head` ("head", "chairman", "chief")."""
    for ranks in ROLE_NOUNS.load().same_rank:
        if head in ranks:
            return frozenset(ranks)
    return frozenset({head})


@lru_cache(maxsize=1)
def place_prepositions() -> frozenset[str]:
    return frozenset(PLACE_PREPOSITIONS.load())


@lru_cache(maxsize=1)
def pronouns() -> dict[str, PronounEntry]:
    return PRONOUNS.load()


def mention_holds(offset: int, mention: LocalMention) -> bool:
    return mention[0] <= offset < mention[1]


@dataclass
class LocalActor:
    """An actor being assembled from one document's mentions."""

    number: int
    kind: ActorKind
    names: list[ParsedName] = field(default_factory=list)
    key: tuple[str, ...] = ()
    roles: list[str] = field(default_factory=list)
    role_heads: set[str] = field(default_factory=set)
    aliases: list[str] = field(default_factory=list)
    affiliations: list[int] = field(default_factory=list)
    gender: str | None = None
    mentions: list[LocalMention] = field(default_factory=list)
    # (start, end, kind) of every mention, so a repeated one is found without a scan; the
    # methods below change `mentions` and keep this in step.
    mention_keys: set[tuple[int, int, str]] = field(default_factory=set)

    def keep_mention(self, mention: LocalMention) -> None:
        self.mentions.append(mention)
        self.mention_keys.add((mention[0], mention[1], mention[3]))

    def drop_mentions(self, dropped: Callable[[LocalMention], bool]) -> None:
        self.mentions = [m for m in self.mentions if not dropped(m)]
        self.mention_keys = {(m[0], m[1], m[3]) for m in self.mentions}

    @property
    def best_name(self) -> str:
        named = [n for n in self.names if n.core]
        if not named:
            return self.aliases[0] if self.aliases else ""
        if self.kind != "person":
            # Organisations go by their usual name ("Hamas"), not the longest form.
            return Counter(n.name for n in named).most_common(1)[0][0]
        # The longest name of the key the person goes by: not a headline's "Esther
        # Williams Dies".
        named = [n for n in named if name_key(n.name) == self.key] or named
        longest = max(len(n.core) for n in named)
        return next(n.name for n in named if len(n.core) == longest)

    def add_name(self, parsed: ParsedName) -> None:
        self.names.append(parsed)
        self.key = better_key(self.key, name_key(parsed.name))
        if parsed.gender and self.gender is None:
            self.gender = parsed.gender
        if parsed.kunya:
            self.add_alias(parsed.kunya)
        for role in parsed.roles:
            self.add_role(role)

    def add_role(self, role: str, head: str | None = None) -> None:
        role = " ".join(role.split())
        if role and role.casefold() not in {r.casefold() for r in self.roles}:
            self.roles.append(role)
        self.role_heads.add((head or role.split()[-1]).lower())

    def add_alias(self, alias: str) -> None:
        if alias and alias not in self.aliases:
            self.aliases.append(alias)


class DocumentActors:
    """Resolves the mentions of one parsed document to local actors."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.actors: list[LocalActor] = []
        self.covered: dict[int, LocalActor] = {}  # token index → actor of a name mention
        # Filled by `records`: every mention by offsets, for the components after this one.
        self.mentions = MentionIndex()
        self._longer_name_ends: frozenset[str] | None = None

    # -- public ---------------------------------------------------------------------

    def resolve(self) -> list[Actor]:
        self.collect_entities()
        self.merge_named_appositions()
        self.repair_labels()
        self.bind_roles()
        self.resolve_role_phrases()
        # Titles bound to no name: the office's holder on the report's date.
        offices = resolve_offices(self)
        resolve_descriptions(self)
        self.resolve_pronouns()
        self.resolve_relative_pronouns()
        return mark_offices(self.records(), offices)

    # -- layer 1: named entities ------------------------------------------------------

    def collect_entities(self) -> None:
        for span in self.clarified_names():
            self.add_person_mention(span)
        people = [
            self.complete_name(e)
            for e in self.doc.ents
            if e.label_ == "PERSON" and e.start not in self.covered
        ]
        places = self.places_tagged_as_people(people)
        people = [e for e in people if e not in places]
        for place in places:
            self.add_named_mention(place, "place")
        kunyas = [e for e in people if is_kunya(e.text)]
        # Longer names first, so "Darwish" finds "Mohammad Ismail Darwish" wherever it stands.
        for ent in sorted(people, key=lambda e: -len(parse_name(e.text).core)):
            if not is_kunya(ent.text):
                self.add_person_mention(ent)
        self.bind_kunyas(kunyas)
        for ent in self.doc.ents:
            kind = ENTITY_KINDS.get(ent.label_)
            if kind is None or kind == "person" or ent.start in self.covered:
                continue
            if self.is_fragment(ent):
                continue
            office = self.office_of(ent)
            if office is not None:
                # "The Hamas Leadership Council Head": a role of a person, whose
                # organisation is named before the office; the role binds later.
                if len(office):
                    self.add_named_mention(office, kind)
                continue
            self.add_named_mention(ent, kind)

    def office_of(self, ent: Span) -> Span | None:
        """For an entity that ends in an office ("Hamas Leadership Council Head", "the
        Hamas Political Bureau Chief"), the organisation's words before it; None for any
        other entity."""
        if len(ent) < 2 or ent[-1].lemma_.lower() not in role_nouns()[0]:
            return None
        start = ent.start + 1 if ent[0].lower_ in _DETERMINERS else ent.start
        return self.doc[start : ent.end - 1]

    def is_fragment(self, ent: Span) -> bool:
        """A one-word entity that names nothing on its own: a verb the tagger took for a
        name ("Quoting a verse …"), or the last word of a longer name the document or its
        outlet uses ("the Review" of "Middle East Economic Review")."""
        if len(ent) != 1:
            return False
        word = ent[0]
        if word.tag_ in ("VBG", "VBD", "VBN"):
            return True
        return word.text in self.longer_name_ends()

    def longer_name_ends(self) -> frozenset[str]:
        """The last words of the document's entities of several words and of its outlet's
        name, collected once per document (`is_fragment` asks for every entity)."""
        if self._longer_name_ends is None:
            document = document_of(self.doc)
            longer = [e.text for e in document_entities(self.doc).spans if len(e) > 1]
            names = [name.split() for name in [*longer, document.outlet or ""] if name]
            self._longer_name_ends = frozenset(words[-1] for words in names if len(words) > 1)
        return self._longer_name_ends

    def places_tagged_as_people(self, people: list[Span]) -> list[Span]:
        """PERSON spans that only ever stand after a place preposition ("in Khan Younis"):
        the tagger's mistake for an unfamiliar place. A name seen anywhere else (a subject,
        a possessive, an apposition) stays a person everywhere."""
        prepositions = place_prepositions()
        by_text: dict[str, list[Span]] = {}
        for ent in people:
            by_text.setdefault(ent.text, []).append(ent)
        places: list[Span] = []
        for found in by_text.values():
            if all(self.after_place_preposition(ent, prepositions) for ent in found):
                places.extend(found)
        return places

    def after_place_preposition(self, ent: Span, prepositions: frozenset[str]) -> bool:
        root = ent.root
        if ent.end < len(self.doc) and self.doc[ent.end].tag_ == "POS":
            return False
        head = root
        # "in Gaza City and Khan Younis": the second place hangs on the first.
        while head.dep_ == "conj" and head.head.i != head.i:
            head = head.head
        # "neighbourhoods of Gaza City and Khan Younis": joined to a tagged place.
        joined_to_place = head is not root and head.ent_type_ in ("GPE", "LOC", "FAC")
        return (
            (joined_to_place or (head.dep_ == "pobj" and head.head.lower_ in prepositions))
            and not is_kunya(ent.text)
            and not (parsed := parse_name(ent.text)).honorifics
            and not parsed.roles
        )

    def complete_name(self, ent: Span) -> Span:
        """The tagger sometimes stops a name early ("Mohammad Ismail" | "Darwish met"): a
        capitalised proper noun right after a PERSON span, tagged as nothing or as a
        nationality, is the rest of the name."""
        end = ent.end
        while end < len(self.doc) and self.continues_name(self.doc[end]):
            end += 1
        return self.doc[ent.start : end] if end > ent.end else ent

    @staticmethod
    def continues_name(token: Token) -> bool:
        return token.pos_ == "PROPN" and token.is_title and token.ent_type_ in ("", "NORP")

    def clarified_names(self) -> list[Span]:
        """Names with a kunya or a bracketed clarification the tagger splits apart:
        "Abu Ibrahim [Yahya] Sinwar", "Muhammad (Abu Khaled) Deif"."""
        spans = []
        for match in CLARIFIED_NAME.finditer(doc_text(self.doc)):
            span = self.doc.char_span(match.start(), match.end(), alignment_mode="expand")
            if span is not None:
                spans.append(span)
        return spans

    def add_person_mention(self, span: Span, kind: MentionKind = "name") -> LocalActor | None:
        parsed = parse_name(span.text, person=True)
        if not parsed.core:
            return None
        key = name_key(parsed.name)
        if not key:
            return None
        actor = self.person_for_key(key)
        if actor is None:
            actor = self.new_actor("person")
        actor.add_name(parsed)
        mention_kind = kind if len(key) > 1 or len(actor.key) == 1 else "surname"
        self.add_mention(actor, span.start_char, span.end_char, span.text, mention_kind, span)
        if parsed.kunya:
            self.add_mention(actor, span.start_char, span.end_char, span.text, "kunya", None)
        return actor

    def person_for_key(self, key: tuple[str, ...]) -> LocalActor | None:
        candidates = [a for a in self.actors if a.kind == "person" and compatible_names(a.key, key)]
        if len(candidates) == 1:
            return candidates[0]
        if len(key) == 1 and len(candidates) > 1:
            # A bare surname several people here share is the report's protagonist, if
            # one of them is: news names relatives and namesakes by given name or role.
            protagonist = self.protagonist(candidates)
            if protagonist is not None:
                return protagonist
        if not candidates and len(key) == 1:
            # "until Omar can promise me": a lone given name is the one person of the
            # document with that given name (and nobody's surname, which failed above).
            given = [
                a
                for a in self.actors
                if a.kind == "person" and len(a.key) > 1 and key[0] in a.key[:-1]
            ]
            if len(given) == 1:
                return given[0]
        exact = [a for a in candidates if a.key == key]
        return exact[0] if len(exact) == 1 else None

    def add_named_mention(self, span: Span, kind: ActorKind) -> None:
        parsed = parse_name(span.text)
        key = name_key(parsed.name) or name_key(span.text)
        if not key:
            return
        actor = next((a for a in self.actors if a.kind == kind and a.key == key), None)
        if actor is None:
            actor = self.new_actor(kind)
        actor.add_name(parsed)
        self.add_mention(actor, span.start_char, span.end_char, span.text, "name", span)

    def merge_named_appositions(self) -> None:
        """ "the Islamic Resistance Movement, Hamas": two names, one organisation."""
        organisations = [e for e in self.doc.ents if e.label_ == "ORG"]
        for first, second in pairwise(organisations):
            between = self.doc[first.end : second.start]
            if not (len(between) == 1 and between[0].text == ","):
                continue
            if second.root.dep_ != "appos" or second.root.head.i not in range(
                first.start, first.end
            ):
                continue
            keep, drop = self.covered.get(first.start), self.covered.get(second.start)
            if keep is None or drop is None or keep is drop or keep.kind != drop.kind:
                continue
            for mention in drop.mentions:
                keep.keep_mention(mention)
            for name in drop.names:
                keep.add_name(name)
            for alias in drop.aliases:
                keep.add_alias(alias)
            # The short, common name is the one reports use: "Hamas", not the long form.
            keep.names.sort(key=lambda n: len(n.core))
            keep.key = name_key(keep.names[0].name) or keep.key
            for index, actor in list(self.covered.items()):
                if actor is drop:
                    self.covered[index] = keep
            drop.drop_mentions(lambda mention: True)

    # -- layer 2: label repair ----------------------------------------------------------

    def repair_labels(self) -> None:
        """Surnames of people in this document are those people, whatever the tagger said."""
        surnames: dict[str, list[LocalActor]] = {}
        for actor in self.actors:
            if actor.kind == "person" and actor.key:
                surnames.setdefault(actor.key[-1], []).append(actor)
        unique = {key: found[0] for key, found in surnames.items() if len(found) == 1}
        for ent in self.doc.ents:
            if ent.label_ == "PERSON" or len(ent) > 2:
                continue
            keys = name_key(parse_name(ent.text).name)
            if len(keys) == 1 and keys[0] in unique:
                self.retag(ent, unique[keys[0]])
            elif (
                len(keys) == 2
                and keys[-1] in unique
                and ent.root.i == ent.end - 1
                and all(t.is_title for t in ent)
                and compatible_names(unique[keys[-1]].key, keys)
            ):
                # "The presenter, Nadia Fares" tagged an organisation, while "Fares" is a
                # person here: the full name of that person.
                self.retag(ent, unique[keys[-1]])
                unique[keys[-1]].add_name(parse_name(ent.text, person=True))
        # Words the document writes in lower case somewhere are words, not names.
        lowercase = {t.lower_ for t in self.doc if t.is_lower}
        for token in self.doc:
            if token.i in self.covered or token.ent_type_ or not token.is_title:
                continue
            # The tagger calls an unfamiliar surname opening a quotation a NOUN ("Sinwar
            # often repeated"); a capitalised word inside a sentence is still a name, and
            # so is a subject opening a sentence ('"…?" Fares asked.') that the document
            # never writes in lower case.
            if token.pos_ not in ("PROPN", "NOUN") or (
                token.is_sent_start
                and (token.dep_ != "nsubj" or (token.pos_ != "PROPN" and token.lower_ in lowercase))
            ):
                continue
            key = token_key(token.text)
            if len(key) >= 3 and key in unique:
                self.retag(self.doc[token.i : token.i + 1], unique[key])

    def retag(self, span: Span, actor: LocalActor) -> None:
        for token in span:
            previous = self.covered.get(token.i)
            if previous is not None and previous is not actor:
                previous.drop_mentions(partial(mention_holds, token.idx))
        self.add_mention(actor, span.start_char, span.end_char, span.text, "surname", span)

    # -- layer 3: roles -------------------------------------------------------------------

    def bind_roles(self) -> None:
        _, _, binding_verbs = role_nouns()
        person_nouns = describing_nouns()
        for actor in [a for a in self.actors if a.kind == "person"]:
            for start, _end, _text, kind in list(actor.mentions):
                if kind not in ("name", "surname"):
                    continue
                span = self.doc.char_span(start, _end, alignment_mode="expand")
                if span is None:
                    continue
                for role_span in self.roles_around(span, person_nouns, binding_verbs):
                    self.bind(actor, role_span)

    def roles_around(
        self, name: Span, person_nouns: frozenset[str], binding_verbs: dict[str, str]
    ) -> Iterable[Span | tuple[str, Span]]:
        doc = self.doc
        # "Foreign Minister Abbas Araghchi", "Iran's Supreme Leader Ali Khamenei"
        start = name.start
        while start > name.sent.start:
            token = doc[start - 1]
            if token.pos_ in _TITLE_RUN_TAGS or token.lower_ in _TITLE_RUN_WORDS:
                if token.i in self.covered and token.ent_type_ == "PERSON":
                    break
                start -= 1
                continue
            break
        while start < name.start and doc[start].lower_ in _TITLE_RUN_WORDS:
            start += 1
        # "… assassination of Hamas political bureau chief X": an "of" joins the run to the
        # role only when a role noun stands before it ("Leader of the Islamic Revolution").
        for token in doc[start : name.start]:
            if token.lower_ == "of" and doc[token.i - 1].lemma_.lower() not in person_nouns:
                start = token.i + 1
        while start < name.start and doc[start].lower_ in _TITLE_RUN_WORDS:
            start += 1
        if start < name.start:
            run = doc[start : name.start]
            if any(t.lemma_.lower() in person_nouns for t in run) and run[-1].pos_ != "ADP":
                yield run
        head = name.root
        # "X, the head of Y," — the role is an apposition of the name
        for child in head.children:
            if child.dep_ == "appos" and child.lemma_.lower() in person_nouns:
                yield self.phrase_without_clauses(child)
        # "Y's prime minister, X" — the name is an apposition of the role
        if head.dep_ == "appos" and head.head.lemma_.lower() in person_nouns:
            role_head = head.head
            yield doc[role_head.left_edge.i : min(head.left_edge.i, role_head.right_edge.i + 1)]
        # "X, who heads Y" / "X chairs Y"
        for child in head.children:
            if child.dep_ == "relcl" and child.lemma_.lower() in binding_verbs:
                objects = [c for c in child.children if c.dep_ in ("dobj", "obj")]
                if objects:
                    obj = objects[0]
                    target = doc[obj.left_edge.i : obj.right_edge.i + 1]
                    yield (f"{binding_verbs[child.lemma_.lower()]} of {target.text}", target)
        # "X is the head of Y"
        if head.dep_ == "nsubj" and head.head.lemma_ == "be":
            for child in head.head.children:
                if child.dep_ == "attr" and child.lemma_.lower() in person_nouns:
                    yield doc[child.left_edge.i : child.right_edge.i + 1]

    def phrase_without_clauses(self, head: Token) -> Span:
        """The noun phrase of `head` up to any relative clause or comma inside it."""
        end = head.right_edge.i + 1
        for token in self.doc[head.i + 1 : end]:
            if token.dep_ in ("relcl", "acl") or token.is_punct:
                end = min(end, token.left_edge.i if token.left_edge.i > head.i else token.i)
        return self.doc[head.left_edge.i : end]

    def bind_kunyas(self, kunyas: list[Span]) -> None:
        """ "Muhammad Deif, known as Abu Khaled" / "Deif (Abu Khaled)": the kunya is an alias."""
        for span in kunyas:
            window = self.doc[max(span.sent.start, span.start - 5) : span.start]
            words = [t.lower_ for t in window]
            introduced = "known" in words or "nicknamed" in words or (words and words[-1] == "(")
            owner = next(
                (
                    self.covered[t.i]
                    for t in reversed(window)
                    if t.i in self.covered and self.covered[t.i].kind == "person"
                ),
                None,
            )
            if introduced and owner is not None:
                owner.add_alias(span.text)
                self.add_mention(owner, span.start_char, span.end_char, span.text, "kunya", span)
            else:
                self.add_person_mention(span)

    def bind(self, actor: LocalActor, role: Span | tuple[str, Span]) -> None:
        if isinstance(role, tuple):
            text, scope = role
            head = text.split()[0]
        else:
            scope = role
            while len(scope) and scope[0].lower_ in _DETERMINERS:
                scope = scope[1:]
            while len(scope) and (scope[-1].is_punct or scope[-1].is_space):
                scope = scope[:-1]
            if not len(scope):
                return
            text = scope.text
            # The office is the last office word of the phrase ("Hamas Leadership Council
            # Head" is a head, not a council), whatever the parse made its root.
            head = next(
                (t.lemma_ for t in reversed(scope) if t.lemma_.lower() in describing_nouns()),
                scope.root.lemma_,
            )
            self.add_mention(actor, scope.start_char, scope.end_char, scope.text, "role", None)
        actor.add_role(text, head)
        for ent in document_entities(self.doc).within(scope.start, scope.end):
            if ent.label_ in ("ORG", "GPE", "NORP"):
                affiliated = self.covered.get(ent.start)
                if (
                    affiliated is not None
                    and affiliated is not actor
                    and affiliated.number not in actor.affiliations
                ):
                    actor.affiliations.append(affiliated.number)

    def resolve_role_phrases(self) -> None:
        """Phrases like "the Leader" or "the head of the council" → the person bound to them."""
        _, group_nouns, _ = role_nouns()
        person_nouns = describing_nouns()
        bound = [a for a in self.actors if a.kind == "person" and a.role_heads]
        for chunk in noun_chunks(self.doc):
            root = chunk.root
            lemma = root.lemma_.lower()
            if root.i in self.covered or any(
                t.i in self.covered and t.ent_type_ == "PERSON" for t in chunk
            ):
                continue
            if lemma in person_nouns and root.pos_ in ("NOUN", "PROPN"):
                if chunk[0].lower_ in INDEFINITE:
                    continue  # "a spokesman for …" introduces someone new
                phrase = self.extend_with_of(chunk)
                actor = self.best_role_match(phrase, lemma, bound)
                if actor is None and lemma in occupation_nouns():
                    actor = self.protagonist_described(chunk)
                if actor is not None:
                    self.add_mention(
                        actor, phrase.start_char, phrase.end_char, phrase.text, "role", None
                    )
            elif lemma in group_nouns:
                org = self.organisation_in(self.extend_with_of(chunk))
                if org is not None:
                    self.add_mention(
                        org, chunk.start_char, chunk.end_char, chunk.text, "group", None
                    )

    def protagonist_described(self, chunk: Span) -> LocalActor | None:
        """ "The 26-year-old actress checked into rehab": a definite occupation bound to
        nobody, in a report about one person, is that person. The report is about one
        person when one person is named at least twice and at least twice as often as
        anyone else; an occupation someone else holds, or a possessed one ("her
        lawyer"), is never this. Nor is a description before the person is first named:
        it restates no one yet ("Police say the disgruntled man opened fire. … Police
        Const. Tim Fanning said …" is not Fanning)."""
        if chunk[0].lower_ != "the" or any(c.dep_ == "poss" for c in chunk.root.children):
            return None
        lemma = chunk.root.lemma_.lower()
        if any(lemma in a.role_heads for a in self.actors if a.kind == "person"):
            return None
        return self.protagonist_named_before(
            [a for a in self.actors if a.kind == "person"], chunk.start_char
        )

    def protagonist_named_before(self, people: list[LocalActor], offset: int) -> LocalActor | None:
        """The `protagonist` of `people`, if the report names them before `offset`."""
        person = self.protagonist(people)
        if person is None or not any(
            kind in ("name", "surname") and start < offset
            for start, _end, _text, kind in person.mentions
        ):
            return None
        return person

    @staticmethod
    def protagonist(people: list[LocalActor]) -> LocalActor | None:
        """The one of `people` named at least PROTAGONIST_MENTIONS times and at least
        PROTAGONIST_LEAD times as often as any other; None when no one stands out."""
        counts = sorted(
            ((sum(m[3] in ("name", "surname") for m in a.mentions), a.number) for a in people),
            reverse=True,
        )
        if not counts or counts[0][0] < PROTAGONIST_MENTIONS:
            return None
        if len(counts) > 1 and counts[0][0] < PROTAGONIST_LEAD * counts[1][0]:
            return None
        return next(a for a in people if a.number == counts[0][1])

    def extend_with_of(self, chunk: Span) -> Span:
        for child in chunk.root.children:
            if (
                child.dep_ == "prep"
                and child.lower_ in ("of", "for", "in")
                and child.i == chunk.end
            ):
                return self.doc[chunk.start : child.right_edge.i + 1]
        return chunk

    def best_role_match(
        self, phrase: Span, head: str, bound: list[LocalActor]
    ) -> LocalActor | None:
        """The one person whose bound role the phrase restates; None when none or several fit.

        An organisation named in the phrase ("the head of the Hamas leadership council")
        matches a role that refers to it by a collective noun ("head of the group's
        leadership council") or a person affiliated with it. When no role restates the
        phrase word for word, an office of the same rank ("chairman" for "head") sharing a
        word is accepted if exactly one person fits best.
        """
        _, group_nouns, _ = role_nouns()
        organisation_words = {
            t.lower_
            for t in phrase
            if (actor := self.covered.get(t.i)) is not None
            and actor.kind in ("organization", "group")
        }
        organisations = {
            actor.number
            for t in phrase
            if (actor := self.covered.get(t.i)) is not None
            and actor.kind in ("organization", "group")
        }
        words = {
            t.lower_
            for t in phrase
            if not t.is_stop and not t.is_punct and t.lemma_.lower() != head
        }
        office_words = words - organisation_words
        peers = same_rank_heads(head)
        exact: list[tuple[int, LocalActor]] = []
        near: list[tuple[int, LocalActor]] = []
        for actor in bound:
            role_words = {w.lower().strip("'’s") for r in actor.roles for w in r.split()}
            role_words |= {w.lower() for r in actor.roles for w in r.split()}
            # "the group's", "the movement's" in a role stand for the organisation.
            names_organisation = bool(role_words & group_nouns) or bool(
                organisations & set(actor.affiliations)
            )
            required = words if not names_organisation else office_words
            if head in actor.role_heads and required <= role_words:
                exact.append((len(words & role_words), actor))
            elif actor.role_heads & peers and office_words & role_words:
                bonus = 1 if names_organisation and organisation_words else 0
                near.append((len(office_words & role_words) + bonus, actor))
        for scored in (exact, near):
            if not scored:
                continue
            scored.sort(key=lambda item: -item[0])
            if len(scored) > 1 and scored[0][0] == scored[1][0]:
                return None  # two people fit equally: no guess
            return scored[0][1]
        return None

    def organisation_in(self, phrase: Span) -> LocalActor | None:
        """The organisation named in a collective phrase, before any nationality in it.
        A name joined by a hyphen to the next word ("the Hamas-run health ministry") says
        who runs the thing, and is not the thing (as in `organisation_in` below)."""
        for wanted in ("organization", "group"):
            for token in phrase:
                following = token.nbor() if token.i + 1 < len(self.doc) else None
                if following is not None and following.text == "-" and not token.whitespace_:
                    continue
                actor = self.covered.get(token.i)
                if actor is not None and actor.kind == wanted:
                    return actor
        return None

    # -- layer 5: pronouns -------------------------------------------------------------

    def resolve_pronouns(self) -> None:
        table = pronouns()
        sentences = document_sentences(self.doc).spans
        sentence_of = {}
        for number, sentence in enumerate(sentences):
            for token in sentence:
                sentence_of[token.i] = number
        anchors = self.salience_anchors(sentence_of)
        for token in self.doc:
            entry = table.get(token.lower_)
            if entry is None or token.i in self.covered or token.pos_ != "PRON":
                continue
            actor = self.antecedent(token, entry, anchors, sentence_of)
            if actor is not None:
                self.add_mention(
                    actor, token.idx, token.idx + len(token), token.text, "pronoun", None
                )
                if actor.gender is None and entry.gender:
                    actor.gender = entry.gender
                insort(
                    anchors,
                    (token.i, actor, token.dep_ in ("nsubj", "nsubjpass")),
                    key=lambda anchor: anchor[0],
                )

    def resolve_relative_pronouns(self) -> None:
        """ "Fred LaRue, who ran the campaign": a relative pronoun is the person its clause
        hangs on, by the parse alone; one hanging on anything else is left alone."""
        for token in self.doc:
            if token.lower_ not in RELATIVE_PRONOUNS or token.i in self.covered:
                continue
            clause = token.head
            if token.dep_ == "poss":  # "whose": its noun stands between
                clause = clause.head
            if clause.dep_ != "relcl" or clause.head.i >= token.i:
                continue
            actor = self.covered.get(clause.head.i)
            # People, named or not, and unnamed groups of people ("pirates who …").
            if actor is None or (
                actor.kind != "person" and not is_unnamed_key(" ".join(actor.key))
            ):
                continue
            self.add_mention(actor, token.idx, token.idx + len(token), token.text, "pronoun", None)

    def salience_anchors(self, sentence_of: dict[int, int]) -> list[tuple[int, LocalActor, bool]]:
        anchors = []
        for actor in self.actors:
            for start, end, _text, _kind in actor.mentions:
                span = self.doc.char_span(start, end, alignment_mode="expand")
                if span is None:
                    continue
                is_subject = span.root.dep_ in ("nsubj", "nsubjpass") or (
                    span.root.dep_ in ("compound", "appos")
                    and span.root.head.dep_ in ("nsubj", "nsubjpass")
                )
                anchors.append((span.root.i, actor, is_subject))
        return sorted(anchors, key=lambda a: a[0])

    def antecedent(
        self,
        pronoun: Token,
        entry: PronounEntry,
        anchors: list[tuple[int, LocalActor, bool]],
        sentence_of: dict[int, int],
    ) -> LocalActor | None:
        wanted = entry.kind
        here = sentence_of[pronoun.i]
        best: tuple[tuple[int, int, int], LocalActor] | None = None
        # Anchors stand in token order: read back from the pronoun to the window's edge.
        for at in range(bisect_left(anchors, pronoun.i, key=lambda a: a[0]) - 1, -1, -1):
            index, actor, is_subject = anchors[at]
            distance = here - sentence_of.get(index, here)
            if distance > PRONOUN_WINDOW:
                break
            if wanted == "person" and actor.kind != "person":
                continue
            if wanted == "group" and actor.kind not in ("organization", "group"):
                continue
            if wanted == "organization":
                continue  # "it" refers to too many things to resolve safely
            if entry.gender and actor.gender and actor.gender != entry.gender:
                continue
            rank = (int(is_subject) * 2 - distance, -distance, index)
            if best is None or rank > best[0]:
                best = (rank, actor)
        return best[1] if best else None

    # -- plumbing ----------------------------------------------------------------------------

    def new_actor(self, kind: ActorKind) -> LocalActor:
        actor = LocalActor(number=len(self.actors) + 1, kind=kind)
        self.actors.append(actor)
        return actor

    def add_mention(
        self,
        actor: LocalActor,
        start: int,
        end: int,
        text: str,
        kind: MentionKind,
        span: Span | None,
    ) -> None:
        if (start, end, kind) in actor.mention_keys:
            return
        if kind == "role":
            # One role phrase found twice ("the head of X" and "head of X in Y") is one
            # mention: keep the longest.
            overlapping = [
                m for m in actor.mentions if m[3] == "role" and m[0] < end and start < m[1]
            ]
            if any(m[1] - m[0] >= end - start for m in overlapping):
                return
            actor.drop_mentions(lambda mention: mention in overlapping)
        actor.keep_mention((start, end, text, kind))
        if span is not None:
            for token in span:
                self.covered[token.i] = actor
        if kind in ("name", "surname", "role") and text not in actor.aliases:
            actor.add_alias(text)

    def records(self) -> list[Actor]:
        doc_id = document_of(self.doc).id
        live = [a for a in self.actors if a.mentions]
        numbering = {
            a.number: f"{doc_id}.a{i}"
            for i, a in enumerate(
                sorted(live, key=lambda a: min(m[0] for m in a.mentions)), start=1
            )
        }
        records = []
        for actor in sorted(live, key=lambda a: min(m[0] for m in a.mentions)):
            actor_id = numbering[actor.number]
            name = actor.best_name or actor.mentions[0][2]
            mentions = sorted(actor.mentions)
            for start, end, _text, kind in mentions:
                self.mentions.add(start, end, actor_id, kind)
            records.append(
                Actor(
                    id=actor_id,
                    name=name,
                    kind=actor.kind,
                    aliases=[a for a in actor.aliases if a != name],
                    roles=actor.roles,
                    affiliations=[numbering[n] for n in actor.affiliations if n in numbering],
                    mentions=[
                        Mention(doc=doc_id, start=s, end=e, text=t, kind=k)
                        for s, e, t, k in mentions
                    ],
                    key=" ".join(actor.key),
                )
            )
        return records


class ActorsComponent:
    """Hangs every person, organisation, place and group mentioned on the Doc, with all
    their mentions (`doc._.pw_actors`) and the index of those mentions by offset
    (`doc._.pw_mentions`), which later components resolve speakers and participants by."""

    def __call__(self, doc: Doc) -> Doc:
        resolver = DocumentActors(doc)
        doc._.pw_actors = resolver.resolve()
        doc._.pw_mentions = resolver.mentions
        return doc


@Language.factory(
    "presswatch_actors",
    requires=["doc.ents", "doc.sents", "token.pos", "token.dep", "token.lemma"],
    assigns=["doc._.pw_actors", "doc._.pw_mentions"],
)
def make_actors(nlp: Language, name: str) -> ActorsComponent:
    return ActorsComponent()


def resolve_span(doc: Doc, start: int, end: int) -> str | None:
    """The actor a phrase (a subject, a speaker) stands for, by its syntactic head.

    A phrase headed by a resolved mention is that actor ("the Leader of the Islamic
    Revolution, Ayatollah Khamenei"); one headed by a collective noun is the organisation
    inside it ("a Hamas delegation"); anything else is None, never a guess.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    mentions = mentions_of(doc)
    head = span.root
    found = mentions.actor_at(head.idx, head.idx + len(head))
    if found is not None:
        # A person the report never names ("a freed prisoner", "he" for him) speaks and
        # acts under no name: that is `null` with the phrase, never a guessed actor.
        return None if found in unnamed_actors(doc) else found
    person_nouns, group_nouns, _ = role_nouns()
    if head.lemma_.lower() in person_nouns:
        # "the poet Mahmoud Darwish", "Hamas's chief, Khalil al-Hayya": the name inside.
        candidates = {
            item.actor
            for token in span
            for item in mentions.overlapping(token.idx, token.idx + 1)
            if item.kind in ("name", "surname")
        }
        named = {a.id for a in actors_of(doc) if a.id in candidates and a.kind == "person"}
        if len(named) == 1:
            return named.pop()
    if head.lemma_.lower() in group_nouns:
        # "a delegation of the Palestinian movement Hamas": the organisation, not the
        # nationality or the place named beside it.
        return organisation_in(doc, span)
    if head.pos_ == "PROPN":
        return mentions.actor_at(span.start_char, span.end_char)
    return None


_UNNAMED = "presswatch.unnamed_actors"


def unnamed_actors(doc: Doc) -> frozenset[str]:
    """Ids of the document's unnamed people (extract/references.py); kept with the count
    of actors they were read from, and read again once a later component adds actors."""
    actors = actors_of(doc)
    kept = doc.user_data.get(_UNNAMED)
    if isinstance(kept, tuple) and kept[0] is actors and kept[1] == len(actors):
        known: frozenset[str] = kept[2]
        return known
    found = frozenset(a.id for a in actors if is_unnamed_key(a.key))
    doc.user_data[_UNNAMED] = (actors, len(actors), found)
    return found


def organisation_in(doc: Doc, span: Span) -> str | None:
    """The organisation (else group) named inside a phrase, if exactly one kind is there."""
    mentions = mentions_of(doc)
    text = doc_text(doc)
    # "the Hamas-run health ministry": a name joined by a hyphen to what follows says who
    # runs, leads or backs the thing; it is not the thing.
    named = [
        item.actor
        for token in span
        for item in mentions.overlapping(token.idx, token.idx + 1)
        if text[item.end : item.end + 1] != "-"
    ]
    if not named:
        return None
    wanted_ids = set(named)
    # An unnamed group ("officials", extract/references.py) is no organisation.
    kinds = {
        a.id: a.kind for a in actors_of(doc) if a.id in wanted_ids and not is_unnamed_key(a.key)
    }
    for wanted in ("organization", "group"):
        for actor in named:
            if kinds.get(actor) == wanted:
                return actor
    return None
