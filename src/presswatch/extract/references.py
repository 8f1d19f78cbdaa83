"""Descriptions of people: "a gunman … the gunman … the shooter", "a 64-year-old man".

Run by the actors layer (`DocumentActors.resolve`) after names and roles are bound and
before pronouns, so that "he" after "the gunman" finds the gunman. A noun phrase headed by
a person noun (data/person_nouns.yaml, or an office or occupation of role_nouns.yaml) that
no named person's mention covers:

- in apposition to a named person ("Tom Smith, a 46-year-old teacher") is that person;
- indefinite ("a gunman") introduces a new unnamed person;
- otherwise ("the gunman", "the shooter") restates the latest unnamed person of this
  report whose head noun is the same or a synonym and whose gender agrees, else it
  introduces one.

An unnamed person is an actor of kind person whose name is its first description and
whose key (`lang.names.unnamed_key`) can never equal a name key: it never merges with a
named person, and the linkers keep it out of name merging, story signals and actor codes.
A plural phrase ("pirates", "the police", "people") is an unnamed group of people, kind
group, under the same rules. A definite singular phrase no unnamed person fits ("the man
was charged") is the report's protagonist when it has one whose gender agrees.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache, partial
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from presswatch.extract.doc_index import doc_text, noun_chunks
from presswatch.extract.mentions import MentionIndex
from presswatch.lang.data import PERSON_NOUNS, ROLE_NOUNS
from presswatch.lang.names import unnamed_key

if TYPE_CHECKING:
    from presswatch.extract.actors import DocumentActors, LocalActor, LocalMention

# Words opening a phrase that introduces someone new.
INDEFINITE = frozenset({"a", "an", "another", "one", "some", "any", "every", "each", "no"})
# Dependencies under which a description says what someone is, not who: "Smith is a
# suspect", "as a teenager", "charged with being an accessory".
PREDICATIVE = frozenset({"attr", "acomp", "oprd", "npadvmod"})


@dataclass(frozen=True)
class PersonNounTable:
    genders: dict[str, str | None]
    plural_only: frozenset[str]
    # person_nouns.yaml's own nouns ("man", "suspect"), not offices or occupations.
    plain: frozenset[str]
    # Each noun → the first noun of its synonym set (itself when it has none).
    canonical: dict[str, str]
    # Prepositions tying a description to the body or place it belongs to.
    belonging: frozenset[str]

    def head(self, lemma: str) -> str:
        return self.canonical.get(lemma, lemma)


@lru_cache(maxsize=1)
def person_nouns() -> PersonNounTable:
    data = PERSON_NOUNS.load()
    roles = ROLE_NOUNS.load()
    genders: dict[str, str | None] = {noun: None for noun in [*roles.person, *roles.occupations]}
    genders.update(data.nouns)
    return PersonNounTable(
        genders, frozenset(data.plural_only), frozenset(data.nouns), data.heads(), data.belonging
    )


def resolve_descriptions(resolver: DocumentActors) -> None:
    """Every singular description of a person in the document → the named person it is
    in apposition to, the unnamed person it restates, or a new unnamed person."""
    table = person_nouns()
    doc = resolver.doc
    restate_full_names(resolver)
    taken = mentioned_spans(resolver)
    unnamed: list[LocalActor] = []
    # The names inside each unnamed person's descriptions ("Israeli", "Hamas"): "the Hamas
    # officials" never restates "Israeli officials".
    qualifiers: dict[int, set[str]] = {}
    headline_only: set[int] = set()  # unnamed people only the first sentence describes
    for chunk in noun_chunks(doc):
        root = chunk.root
        lemma = root.lemma_.lower()
        if headline_noun(root):
            # "Teen Killed by Police": a headline's capitals make a noun look like a name.
            lemma = root.lower_
        elif root.pos_ != "NOUN" or root.tag_ not in ("NN", "NNS"):
            continue
        if root.lower_ in table.plural_only:
            # "authorities": the lemma ("authority") is no person noun, the plural is.
            lemma = root.lower_
        plural = root.tag_ in ("NNS", "NNPS") or lemma in table.plural_only
        if lemma not in table.genders and lemma not in table.plural_only:
            continue
        if root.dep_ in PREDICATIVE or any(taken.overlapping(root.idx, root.idx + len(root))):
            continue
        # A name inside is that person's description ("the Tom Smith"), unless it is the
        # possessor: "Lindsay Lohan's attorney" is someone else.
        possessor = {t.i for c in root.children if c.dep_ == "poss" for t in c.subtree}
        if any(
            t.i in resolver.covered and t.i not in possessor
            for t in chunk
            if t.ent_type_ == "PERSON"
        ):
            continue
        named = apposed_person(resolver, chunk)
        if named is not None:
            resolver.add_mention(named, chunk.start_char, chunk.end_char, chunk.text, "role", None)
            continue
        gender = table.genders.get(lemma)
        head = table.head(lemma) + ("s" if plural else "")
        # "a spokesman for the International Committee of the Red Cross": the body it
        # speaks for is part of the description, what tells it from "Hamas spokesman X".
        chunk = with_organisation(chunk)
        named_words = {t.lower_ for t in chunk if t.ent_type_ and t.i != root.i}
        actor = None
        # "a gunman", and a count ("33 hostages", "five pirates"), introduce someone new.
        counted = any(t.dep_ == "nummod" and t.head.i == root.i for t in chunk)
        introduces = chunk[0].lower_ in INDEFINITE or counted
        # ... except that the story's first sentence (its headline) only announces whom
        # the body then introduces: "Man Arrested … A 23-year-old man was arrested".
        candidates = [a for a in unnamed if a.number in headline_only] if introduces else unnamed
        if candidates:
            actor = next(
                (
                    a
                    for a in reversed(candidates)
                    if head in a.role_heads
                    and (gender is None or a.gender in (None, gender))
                    and not (
                        named_words
                        and qualifiers[a.number]
                        and not named_words & qualifiers[a.number]
                    )
                ),
                None,
            )
        if actor is None and not plural and chunk[0].lower_ == "the" and lemma in table.plain:
            # "The man was charged": with no unnamed man before it, the report's
            # protagonist (as for occupations in `resolve_role_phrases`), if the gender
            # fits. Offices are not: "the Hamas leader" may be anyone the roles did not bind.
            actor = protagonist_described(resolver, gender, chunk.start_char)
            if actor is not None:
                resolver.add_mention(
                    actor, chunk.start_char, chunk.end_char, chunk.text, "role", None
                )
                continue
        if actor is None:
            actor = resolver.new_actor("group" if plural else "person")
            actor.key = (unnamed_key(head),)
            qualifiers[actor.number] = set()
            unnamed.append(actor)
            if is_headline(root):
                headline_only.add(actor.number)
        elif not is_headline(root):
            headline_only.discard(actor.number)
        else:
            # The latest mentioned first: a later "the man" restates the nearest one.
            unnamed.remove(actor)
            unnamed.append(actor)
        actor.role_heads.add(head)
        qualifiers[actor.number] |= named_words
        if gender is not None and actor.gender is None:
            actor.gender = gender
        resolver.add_mention(actor, chunk.start_char, chunk.end_char, chunk.text, "role", None)
        # Its head word stands for it, so "a man who …" gives "who" to it.
        resolver.covered.setdefault(root.i, actor)
        # Its roles are the head nouns it goes by: what reports of one story compare.
        if head not in actor.roles:
            actor.roles.append(head)


def with_organisation(chunk: Span) -> Span:
    """The description with the phrase right after it that names an organisation,
    nationality or place it belongs to ("a spokesman for the Red Cross"); else as is."""
    after = chunk.doc[chunk.end] if chunk.end < len(chunk.doc) else None
    if (
        after is None
        or after.lower_ not in person_nouns().belonging
        or after.head.i != chunk.root.i
    ):
        return chunk
    phrase = list(after.subtree)
    if not any(t.ent_type_ in ("ORG", "GPE", "NORP", "FAC") for t in phrase):
        return chunk
    return chunk.doc[chunk.start : phrase[-1].i + 1]


def is_headline(token: Token) -> bool:
    """Whether a token stands in the report's first line with no closing punctuation: a
    headline ("Man Arrested Over Fire"), not an opening sentence ("A man was hurt.")."""
    sentence = token.sent
    return sentence.start == 0 and not sentence[-1].is_punct


def headline_noun(token: Token) -> bool:
    """A singular person noun written with a capital in a title-case line, tagged a
    proper noun but part of no name ("Man Arrested", "Teen Shot"); an office or
    occupation only in a line whose words are nearly all capitalised ("Texas Inmate on
    the Loose", "Oscars Host"), where the capital says nothing about a name."""
    if (
        token.pos_ != "PROPN"
        or token.tag_ != "NNP"
        or token.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
    ):
        return False
    table = person_nouns()
    if token.lower_ in table.plain:
        return True
    return token.lower_ in table.genders and title_case(token.sent)


def title_case(sentence: Span) -> bool:
    """Whether at least TITLE_CASE_SHARE of a line's (three or more) words start with a
    capital: a headline, not a sentence."""
    words = [t for t in sentence if t.is_alpha]
    capitals = sum(t.text[:1].isupper() for t in words)
    return len(words) >= 3 and capitals >= TITLE_CASE_SHARE * len(words)


TITLE_CASE_SHARE = 0.75


def protagonist_described(
    resolver: DocumentActors, gender: str | None, offset: int
) -> LocalActor | None:
    """The report's protagonist, named before `offset`, when the gender fits."""
    named = [a for a in resolver.actors if a.kind == "person" and a.names]
    actor = resolver.protagonist_named_before(named, offset)
    if actor is None or (gender is not None and actor.gender not in (None, gender)):
        return None
    return actor


def apposed_person(resolver: DocumentActors, chunk: Span) -> LocalActor | None:
    """ "Tom Smith, a 46-year-old teacher", "the fired man, Tom Smith,", "named Tom
    Smith as the host": the named person a description is set beside."""
    root = chunk.root
    if root.dep_ == "appos":
        actor = resolver.covered.get(root.head.i)
    elif named := [c for c in root.children if c.dep_ == "appos" and c.i in resolver.covered]:
        # "the recently fired man, Eric Allen Kirkpatrick, 61,": the name set beside it.
        actor = resolver.covered[named[0].i]
    elif root.dep_ == "pobj" and root.head.lower_ == "as" and root.head.dep_ == "prep":
        # "unveiled Hugh Jackman as the host", "Smith was named as coach": the object
        # (or passive subject) of the verb the "as" phrase hangs on.
        verb = root.head.head
        objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
        actor = next((resolver.covered[c.i] for c in objects if c.i in resolver.covered), None)
    elif root.dep_ in ("dobj", "nsubjpass"):
        # "Police identified the suspect as Jose Orozco", "the gunman was named as Eric
        # Smith": the name after the "as" of its verb.
        names = [
            t
            for prep in root.head.children
            if prep.dep_ == "prep" and prep.lower_ == "as"
            for t in prep.children
            if t.dep_ == "pobj" and t.i in resolver.covered
        ]
        actor = resolver.covered[names[0].i] if names else None
    else:
        return None
    return actor if actor is not None and actor.kind == "person" and actor.names else None


def restate_full_names(resolver: DocumentActors) -> None:
    """A full name of a person the report names, where the tagger missed it (a title-case
    headline: "Lindsay Lohan Checks Into Betty Ford Rehab"), is that person: every
    occurrence of a name of two words or more that no mention covers. A name two people
    of the report share is left alone."""
    doc = resolver.doc
    taken = mentioned_spans(resolver)
    owners: dict[str, set[int]] = {}
    people: dict[int, LocalActor] = {}
    for actor in resolver.actors:
        if actor.kind != "person":
            continue
        for parsed in actor.names:
            if len(parsed.core) >= 2 and all(w[:1].isupper() for w in parsed.core):
                owners.setdefault(parsed.name, set()).add(actor.number)
                people[actor.number] = actor
    for name, numbers in owners.items():
        if len(numbers) != 1:
            continue
        actor = people[next(iter(numbers))]
        for match in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", doc_text(doc)):
            start, end = match.span()
            span = doc.char_span(start, end)
            # Only the person's own shorter mention inside it ("Kovacs" of "Maria Kovacs
            # Leaves Clinic") may stand there; the full name replaces it.
            inside = list(taken.overlapping(start, end))
            if span is None or any(
                m.actor != str(actor.number) or m.start < start or m.end > end for m in inside
            ):
                continue
            actor.drop_mentions(partial(within_name, start, end))
            resolver.add_mention(actor, start, end, name, "name", span)
            taken.add(start, end, str(actor.number))


def mentioned_spans(resolver: DocumentActors, kind: str | None = None) -> MentionIndex:
    """The spans of the report's mentions so far (of actors of `kind`, if given), each by
    its actor's number: where a description or title is already someone's."""
    taken = MentionIndex()
    for actor in resolver.actors:
        if kind is None or actor.kind == kind:
            for start, end, _text, _kind in actor.mentions:
                taken.add(start, end, str(actor.number))
    return taken


def within_name(start: int, end: int, mention: LocalMention) -> bool:
    """A name mention (not a description) inside the span start–end."""
    return start <= mention[0] and mention[1] <= end and mention[3] != "role"
