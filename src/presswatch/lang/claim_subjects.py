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
    sides: dict[str, str]
    places: dict[str, str]
    as_of: tuple[tuple[str, ...], ...]
    since: tuple[tuple[str, ...], ...]
    window_days: int
    divergence_factor: float


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
    sides = {word: side for side, listed in data.sides.items() for word in listed}
    places = {word: place for place, listed in data.place_synonyms.items() for word in listed}
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
        sides=sides,
        places=places,
        as_of=tuple(tuple(words_of(p)) for p in data.frame_words.as_of),
        since=tuple(tuple(words_of(p)) for p in data.frame_words.since),
        window_days=data.comparison.window_days,
        divergence_factor=data.comparison.divergence_factor,
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


def _phrases(words: list[str], table: dict[str, str]) -> list[str]:
    """Every entry of `table` named by one to three consecutive words, longest first."""
    found: list[str] = []
    i = 0
    while i < len(words):
        for size in (3, 2, 1):
            key = " ".join(words[i : i + size])
            if len(words) - i >= size and key in table:
                found.append(table[key])
                i += size
                break
        else:
            i += 1
    return found


def side_of(*phrases: str | None) -> str | None:
    """The side a count is of, from its subject and place ("Israelis", "in Gaza").

    None when no word names a side, or when the words name two (a count of both).
    """
    sides = {
        side
        for phrase in phrases
        if phrase
        for side in _phrases([w for w in words_of(phrase) if w.isalpha()], subject_lexicon().sides)
    }
    return sides.pop() if len(sides) == 1 else None


def canonical_place(place: str | None) -> str | None:
    """One name for a place written several ways ("the Strip", "Gaza Strip" → gaza)."""
    if place is None:
        return None
    words = [w for w in words_of(place) if w.isalpha()]
    named = _phrases(words, subject_lexicon().places)
    return named[0] if named else " ".join(words)


def group_of_term(term: str) -> str | None:
    """The group a search word names: a noun ("martyrs"), an adjective ("killed") or a
    verb in any common form ("kill", "killed", "killing")."""
    found = group_of(term)
    if found is not None:
        return found
    lex = subject_lexicon()
    words = [w for w in words_of(term) if w.isalpha()]
    if not words:
        return None
    word = words[-1]
    if word in lex.adjectives:
        return lex.adjectives[word]
    stems = {word, word.removesuffix("ed"), word.removesuffix("d"), word.removesuffix("ing")}
    stems |= {stem + "e" for stem in list(stems)}
    for stem in stems:
        if stem in lex.verbs:
            return lex.verbs[stem]
    return None


@dataclass(frozen=True)
class SubjectFacets:
    """What a subject phrase written by a person names: group, head, action, place."""

    group: str | None
    head: str
    words: str
    action: str | None
    place: str | None


def subject_facets(phrase: str) -> SubjectFacets:
    """Read a reference fact's subject the way the extractor reads a claim's.

    "Palestinians killed in Gaza" → group deaths (through "killed"), head "Palestinians",
    action kill, place "gaza". Words after a place preposition are the place; the counted
    phrase is what comes before, its head the last word that is no verb form of a group.
    """
    lex = subject_lexicon()
    raw = phrase.split()
    cut = next(
        (i for i, word in enumerate(raw) if i > 0 and word.casefold() in lex.place_prepositions),
        len(raw),
    )
    counted, place_words = raw[:cut], raw[cut + 1 :]
    place = " ".join(place_words).casefold() or None
    group = group_of(" ".join(counted))
    action: str | None = None
    head_words = list(counted)
    while len(head_words) > 1:
        last = head_words[-1].casefold()
        if group_of(last) is not None:
            break  # a noun of a group ("death toll") is the head, not a verb after it
        stems = {
            last,
            last.removesuffix("ed"),
            last.removesuffix("d"),
            last.removesuffix("ed") + "e",
        }
        acted = next((lex.actions[stem] for stem in sorted(stems) if stem in lex.actions), None)
        verb_group = group_of_term(last)
        if verb_group is None and acted is None:
            break
        group = group or verb_group
        action = action or acted
        head_words.pop()
    group = group or group_of(" ".join(head_words)) or group_of_term(" ".join(counted))
    return SubjectFacets(
        group, head_words[-1] if head_words else phrase, " ".join(head_words), action, place
    )
