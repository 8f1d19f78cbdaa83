"""People the Phoenix dictionaries know, by name key, for telling a person's name from an
organisation's or a place's when the tagger is unsure.

Built on `lang.actor_codes.actor_codebook` (the events engineer's loader of the shipped
PETRARCH-2 dictionaries). The dictionaries do not say which entries are people; a
person's code is dated (a head of state from the day of taking office), a country's or an
organisation's is not, so an entry with a dated code is taken for a person. Only the
aliases that end in the entry's surname are kept ("president barack obama", "barack h
obama"), not "the obama administration", which names an office.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from presswatch.lang.actor_codes import Entry, actor_codebook, name_words
from presswatch.lang.data import ROLE_NOUNS
from presswatch.lang.names import parse_name


@dataclass(frozen=True)
class KnownPerson:
    """A person of the dictionaries: the first name, the aliases ending in its surname."""

    name: str
    aliases: tuple[str, ...]
    entry: Entry

    def code_on(self, day: str | None) -> str | None:
        """The person's CAMEO code on `day` (ISO), None when they held none then."""
        return self.entry.code_on(day)


@lru_cache(maxsize=1)
def organisation_words() -> frozenset[str]:
    data = ROLE_NOUNS.load()
    return frozenset([*data.organisation_words, *data.group])


def is_person(entry: Entry) -> bool:
    """A named actor with a dated code and a name of two to five words, none of which an
    organisation's name holds."""
    words = entry.name.split()
    return (
        entry.kind == "actor"
        and any(start or end for _, start, end in entry.spells)
        and 2 <= len(words) <= 5
        and not organisation_words() & set(words)
    )


@lru_cache(maxsize=2)
def known_people(folder: str = "") -> tuple[KnownPerson, ...]:
    """Every person of the dictionaries in `folder` (or the shipped ones), read once."""
    people = []
    for entry, names in actor_codebook(folder).entries(is_person):
        surname = entry.name.split()[-1]
        aliases = tuple(a for a in names if a.split()[-1] == surname)
        people.append(KnownPerson(entry.name, aliases, entry))
    return tuple(people)


@lru_cache(maxsize=2)
def known_person_names(folder: str = "") -> frozenset[str]:
    """Every full name (two words or more) of every person the dictionaries know, spelled
    as `lang.actor_codes.name_words` spells it ("barack obama", "barack h obama")."""
    return frozenset(
        alias
        for person in known_people(folder)
        for alias in (person.name, *person.aliases)
        if len(alias.split()) > 1
    )


def is_known_person_name(text: str, folder: str = "") -> bool:
    """Whether a surface name, its titles taken off, is a known person's full name."""
    core = parse_name(text, person=True).name
    words = " ".join(name_words(core))
    return len(words.split()) > 1 and words in known_person_names(folder)
