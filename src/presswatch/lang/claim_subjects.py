"""What a claim counts: the synonym groups of claim subjects ("martyrs", "deaths" and
"killed" are one group), the actions a counted group undergoes, the words that are never
counted. The words are data (`claim_subjects.yaml`, `units.yaml`); the extractor applies
them to a parse and the claim linker compares by them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from presswatch.lang.data import CLAIM_SUBJECTS, UNITS
from presswatch.lang.quantities import words_of


@dataclass(frozen=True)
class SubjectLexicon:
    nouns: dict[str, str]
    verbs: dict[str, str]
    adjectives: dict[str, str]
    people: frozenset[str]
    actions: dict[str, str]
    not_subjects: frozenset[str]
    place_prepositions: frozenset[str]
    not_counted: frozenset[str]
    currency: frozenset[str]


@cache
def subject_lexicon() -> SubjectLexicon:
    data = CLAIM_SUBJECTS.load()
    units = UNITS.load()
    nouns: dict[str, str] = {}
    verbs: dict[str, str] = {}
    adjectives: dict[str, str] = {}
    for group, spec in data.groups.items():
        for noun in spec.nouns:
            nouns.setdefault(noun.casefold(), group)
        for verb in spec.verbs:
            verbs.setdefault(verb, group)
        for adjective in spec.adjectives:
            adjectives.setdefault(adjective, group)
    actions = {verb: action for action, listed in data.actions.items() for verb in listed}
    return SubjectLexicon(
        nouns=nouns,
        verbs=verbs,
        adjectives=adjectives,
        people=frozenset(data.general_people),
        actions=actions,
        not_subjects=frozenset(data.not_subjects),
        place_prepositions=frozenset(data.place_prepositions),
        not_counted=frozenset(u.casefold() for u in units.not_counted),
        currency=frozenset(c.casefold() for c in units.currency),
    )


def group_of(subject: str) -> str | None:
    """The synonym group of a subject phrase: whole phrase, then its head noun."""
    lex = subject_lexicon()
    words = [w for w in words_of(subject) if w.isalpha()]
    if not words:
        return None
    for size in range(min(3, len(words)), 0, -1):
        tail = " ".join(words[-size:])
        if tail in lex.nouns:
            return lex.nouns[tail]
    return None
