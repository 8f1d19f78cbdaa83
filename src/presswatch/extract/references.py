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
Plural phrases ("pirates", "the police") are left alone: whether they are one group of
people or several is more than a head noun can tell.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from spacy.tokens import Span

from presswatch.extract.mentions import MentionIndex
from presswatch.lang.data import PERSON_NOUNS, ROLE_NOUNS
from presswatch.lang.names import unnamed_key

if TYPE_CHECKING:
    from presswatch.extract.actors import DocumentActors, LocalActor

# Words opening a phrase that introduces someone new.
INDEFINITE = frozenset({"a", "an", "another", "one", "some", "any", "every", "each", "no"})
# Dependencies under which a description says what someone is, not who: "Smith is a
# suspect", "as a teenager", "charged with being an accessory".
PREDICATIVE = frozenset({"attr", "acomp", "oprd", "npadvmod"})


@dataclass(frozen=True)
class PersonNounTable:
    genders: dict[str, str | None]
    # Each noun → the first noun of its synonym set (itself when it has none).
    canonical: dict[str, str]

    def head(self, lemma: str) -> str:
        return self.canonical.get(lemma, lemma)


@lru_cache(maxsize=1)
def person_nouns() -> PersonNounTable:
    data = PERSON_NOUNS.load()
    roles = ROLE_NOUNS.load()
    genders: dict[str, str | None] = {noun: None for noun in [*roles.person, *roles.occupations]}
    genders.update(data.nouns)
    canonical = {noun: group[0] for group in data.synonyms for noun in group}
    return PersonNounTable(genders, canonical)


def compatible_heads(a: str, b: str) -> bool:
    """Two head nouns that may name one person ("gunman", "shooter")."""
    table = person_nouns()
    return table.head(a) == table.head(b)


def resolve_descriptions(resolver: DocumentActors) -> None:
    """Every singular description of a person in the document → the named person it is
    in apposition to, the unnamed person it restates, or a new unnamed person."""
    table = person_nouns()
    doc = resolver.doc
    taken = MentionIndex()
    for found in resolver.actors:
        for start, end, _text, _kind in found.mentions:
            taken.add(start, end, "")
    unnamed: list[LocalActor] = []
    for chunk in doc.noun_chunks:
        root = chunk.root
        lemma = root.lemma_.lower()
        if lemma not in table.genders or root.pos_ != "NOUN" or root.tag_ != "NN":
            continue
        if root.dep_ in PREDICATIVE or any(taken.overlapping(root.idx, root.idx + len(root))):
            continue
        if any(t.i in resolver.covered for t in chunk if t.ent_type_ == "PERSON"):
            continue
        named = apposed_person(resolver, chunk)
        if named is not None:
            resolver.add_mention(named, chunk.start_char, chunk.end_char, chunk.text, "role", None)
            continue
        gender = table.genders[lemma]
        actor = None
        if chunk[0].lower_ not in INDEFINITE:
            actor = next(
                (
                    a
                    for a in reversed(unnamed)
                    if a.role_heads & {table.head(lemma)}
                    and (gender is None or a.gender in (None, gender))
                ),
                None,
            )
        if actor is None:
            actor = resolver.new_actor("person")
            actor.key = (unnamed_key(table.head(lemma)),)
            unnamed.append(actor)
        else:
            # The latest mentioned first: a later "the man" restates the nearest one.
            unnamed.remove(actor)
            unnamed.append(actor)
        actor.role_heads.add(table.head(lemma))
        if gender is not None and actor.gender is None:
            actor.gender = gender
        resolver.add_mention(actor, chunk.start_char, chunk.end_char, chunk.text, "role", None)


def apposed_person(resolver: DocumentActors, chunk: Span) -> LocalActor | None:
    """ "Tom Smith, a 46-year-old teacher": the named person a description is set beside."""
    root = chunk.root
    if root.dep_ != "appos":
        return None
    actor = resolver.covered.get(root.head.i)
    return actor if actor is not None and actor.kind == "person" and actor.names else None
