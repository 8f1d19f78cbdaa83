"""The CAMEO verb dictionary (PETRARCH-2, data/cameo_verbs.json) applied to a dependency parse.

A verb is looked up by lemma or form (multi-word verbs such as "meet with" first); the
patterns of its block are tried against the parse around it:
- pre-verb nouns against the subject (or a passive's agent) and the words before the verb;
- post-verb nouns against its objects, complements and particles (a passive's subject too);
- prepositional phrases against the prepositions of the verb and of its objects.
The pattern that matches most words gives the code; none matching leaves the verb's own
code, and `---` is no event. The source is the subject (a passive's agent); the target is
the first object or prepositional object the pattern left free, unless the pattern marks
the slots (`+` target, `$` source). A code `A:B` also gives the event the other way
(target → source, code B). Conjoined subjects or objects give one event per pair; a
negated verb ("did not meet") is marked. Tokens are returned; naming actors is the
caller's business.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Span, Token

from presswatch.lang.data import CAMEO_GOVERNING, CAMEO_PATTERNS, GoverningKind

# Dependents that hold what a verb acts on, or completes it.
# A clausal complement ("said that Y attacked Z") is an event of its own, never a noun of
# the saying verb's pattern.
_OBJECTS = frozenset({"dobj", "obj", "dative", "attr", "oprd", "acomp", "xcomp"})
_COMPLEMENTS = _OBJECTS | {"prt", "advmod", "npadvmod", "nsubjpass"}
_NOMINAL = frozenset({"NOUN", "PROPN", "PRON", "NUM", "X"})
_BEFORE = frozenset({"aux", "neg", "advmod", "npadvmod"})
# A verb governed this way shares its governor's subject ("agreed to meet X").
_SHARES_SUBJECT = frozenset({"xcomp", "conj", "acomp", "advcl"})
_SLOTS = frozenset({"+", "$", "^", "%"})
# Prepositions that say when ("after their talks", "since 2018"): their object is never
# a target, whatever it names.
_WHEN = frozenset({"after", "before", "since", "until", "till", "during", "amid", "following"})
# Prepositions that say where ("protested in Berlin outside the embassy"): their object
# is a target only when no other free object names one.
_WHERE = frozenset({"in", "at", "near", "inside", "across", "throughout", "within"})


# -- verbs that govern another verb's act (data/cameo_governing.yaml) ----------------------


@lru_cache(maxsize=1)
def governing_kinds() -> dict[str, GoverningKind]:
    """The governing kinds by lemma."""
    return {lemma: kind for kind in CAMEO_GOVERNING.load().values() for lemma in kind.lemmas}


def governed_code(verb: Token, code: str) -> str | None:
    """The code of a complement's act under the verb that governs it ("threatened to
    expel" → 131), or None when no governing verb of data/cameo_governing.yaml does."""
    if verb.dep_ != "xcomp" or verb.head is verb:
        return None
    kind = governing_kinds().get(verb.head.lemma_.lower())
    if kind is None:
        return None
    return kind.codes.get(code[:2], kind.default) or code


# -- the dictionary, compiled once ---------------------------------------------------------


@dataclass(frozen=True)
class Noun:
    """A noun of a pattern: `words` spelled as one of `spellings` (a synset has several,
    each maybe several words), with `modifiers` somewhere before it in its phrase; or a
    slot marker."""

    spellings: tuple[tuple[str, ...], ...] = ()
    modifiers: tuple[Noun, ...] = ()
    slot: str | None = None
    # The last word of every spelling, to turn most tokens away at once.
    heads: frozenset[str] = frozenset()

    def words(self) -> set[str]:
        """Words that must occur near the verb for this noun to match (none for a synset)."""
        if self.slot is not None or len(self.spellings) != 1:
            return set()
        found = {self.spellings[0][-1]}
        for modifier in self.modifiers:
            found |= modifier.words()
        return found


@dataclass(frozen=True)
class Preposition:
    word: str
    nouns: tuple[Noun, ...]


@dataclass(frozen=True)
class Pattern:
    line: int
    text: str
    code: str | None
    reverse: str | None
    pre: tuple[Noun, ...]
    post: tuple[Noun, ...]
    preps: tuple[Preposition, ...]
    required: frozenset[str]  # words all present near the verb, checked first


@dataclass(frozen=True)
class Verb:
    """One verb of a block: its stem, words that must stand right before/after it, code."""

    stem: str
    before: tuple[str, ...]
    after: tuple[str, ...]
    code: str | None
    reverse: str | None
    block: str
    line: int


@dataclass
class VerbDictionary:
    verbs: dict[str, list[Verb]] = field(default_factory=dict)  # by stem and by form
    patterns: dict[str, list[Pattern]] = field(default_factory=dict)  # by block

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> VerbDictionary:
        synsets = {
            name: tuple(tuple(member.split()) for member in members)
            for name, members in data["synsets"].items()
        }

        def noun(spec: Any) -> Noun:
            if isinstance(spec, list):
                head = noun(spec[-1])
                modifiers = tuple(noun(s) for s in spec[:-1])
                return Noun(head.spellings, modifiers, head.slot, head.heads)
            if spec in _SLOTS:
                return Noun(slot=spec)
            spelled = synsets[spec] if spec.startswith("&") else (tuple(spec.split()),)
            return Noun(spelled, heads=frozenset(s[-1] for s in spelled))

        dictionary = cls()
        for block, patterns in data["patterns"].items():
            compiled = []
            for p in patterns:
                pre = tuple(noun(s) for s in p["pre"])
                post = tuple(noun(s) for s in p["post"])
                preps = tuple(
                    Preposition(q["prep"], tuple(noun(s) for s in q["nouns"]))
                    for q in (*p["pre_preps"], *p["post_preps"])
                )
                required = {q.word for q in preps}
                for n in (*pre, *post, *(m for q in preps for m in q.nouns)):
                    required |= n.words()
                compiled.append(
                    Pattern(
                        p["line"],
                        p["text"],
                        p["code"],
                        p["reverse"],
                        pre,
                        post,
                        preps,
                        frozenset(required),
                    )
                )
            dictionary.patterns[block] = compiled
        for v in data["verbs"]:
            verb = Verb(
                v["verb"],
                tuple(v["before"]),
                tuple(v["after"]),
                v["code"],
                v["reverse"],
                v["block"],
                v["line"],
            )
            for form in {v["verb"], *v["forms"]}:
                entries = dictionary.verbs.setdefault(form, [])
                if verb not in entries:
                    entries.append(verb)
        for entries in dictionary.verbs.values():
            # Multi-word verbs are tried before the single word they contain.
            entries.sort(key=lambda e: -(len(e.before) + len(e.after)))
        return dictionary


@lru_cache(maxsize=4)
def verb_dictionary(folder: str = "") -> VerbDictionary:
    """cameo_verbs.json from a folder of converted dictionaries (scripts/convert_petrarch.py
    writes one), or the shipped one; read once per process."""
    if folder:
        text = (Path(folder) / "cameo_verbs.json").read_text(encoding="utf-8")
    else:
        text = resources.files("presswatch.data").joinpath("cameo_verbs.json").read_text("utf-8")
    return VerbDictionary.from_data(json.loads(text))


# -- one event, as the parse gives it --------------------------------------------------------


@dataclass(frozen=True)
class VerbEvent:
    """An event coded from one verb: source and target are head tokens (None when the
    sentence does not name them); `pattern` is the dictionary line that coded it."""

    verb: Token
    code: str
    source: Token | None
    target: Token | None
    negated: bool
    passive: bool
    block: str
    pattern: int | None
    matched: tuple[Token, ...] = ()
    reverse: bool = False  # the event the other way of a paired code (target → source)
    rule: str | None = None  # the pattern as the dictionary writes it
    # Further free objects, in the order the target was chosen from, for a caller whose
    # target names no one ("contributed a million francs to Australia": Australia).
    others: tuple[Token, ...] = ()

    @property
    def root(self) -> str:
        return self.code[:2]


def spellings(token: Token) -> tuple[str, str]:
    return token.lower_, token.lemma_.lower()


_SPELLINGS = "presswatch.spellings"


def doc_spellings(doc: Doc) -> list[tuple[str, str]]:
    """`spellings` of every token, by index, read once per document: a verb's reach is
    a phrase or a whole sentence, and each verb read every word of it again."""
    found = doc.user_data.get(_SPELLINGS)
    if not isinstance(found, list):
        found = doc.user_data[_SPELLINGS] = [spellings(token) for token in doc]
    return found


@dataclass
class VerbContext:
    """What the patterns are matched against, gathered once per verb."""

    verb: Token
    passive: bool
    subjects: list[Token]  # heads, before conjuncts
    before: list[Token]  # subject heads, then words left of the verb
    after: list[Token]  # objects and complements, in order
    preps: list[tuple[Token, Token | None]]  # (preposition, its object)
    words: set[str]  # every spelling in the verb's reach, for a quick first check

    @classmethod
    def of(cls, verb: Token) -> VerbContext:
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
        if passive:
            subjects = [g for c in verb.children if c.dep_ == "agent" for g in c.children]
            subjects = [g for g in subjects if g.dep_ == "pobj"]
        else:
            subjects = subject_of(verb)
        before = [*subjects, *(c for c in verb.lefts if c.dep_ in _BEFORE)]
        after = [
            c
            for c in verb.children
            if c.dep_ in _COMPLEMENTS and (c.dep_ == "nsubjpass" or c.i > verb.i)
        ]
        preps: list[tuple[Token, Token | None]] = []
        for head in (verb, *(a for a in after if a.dep_ in _OBJECTS or a.dep_ == "nsubjpass")):
            for child in head.children:
                if child.dep_ in ("prep", "agent") and child is not verb:
                    objects = [g for g in child.children if g.dep_ in ("pobj", "pcomp")]
                    preps.append((child, objects[0] if objects else None))
        # Each word once, though the phrases overlap (a prepositional object lies in its
        # object's phrase); a phrase is a run of tokens from its left to its right edge.
        reach: set[int] = set()
        for token in (*before, *after, *(p for pair in preps for p in pair if p is not None)):
            if token.dep_ == "xcomp":
                reach.add(token.i)
            else:
                reach.update(range(token.left_edge.i, token.right_edge.i + 1))
        words_at = doc_spellings(verb.doc)
        words = {word for i in reach for word in words_at[i]}
        return cls(verb, passive, subjects, before, after, preps, words)


def subject_of(verb: Token) -> list[Token]:
    """The verb's subject, or the subject of the verb it depends on ("X agreed to meet",
    "X came and met"); a relative clause's subject is the noun it describes."""
    token = verb
    for _ in range(4):
        found = [c for c in token.children if c.dep_ in ("nsubj", "csubj", "expl")]
        if found:
            subject = found[0]
            if subject.tag_ in ("WP", "WDT") and token.dep_ == "relcl":
                return [token.head]
            return [subject]
        if token.dep_ == "relcl":
            return [token.head]
        if token.dep_ not in _SHARES_SUBJECT or token.head is token:
            return []
        token = token.head
    return []


def negated(verb: Token) -> bool:
    """ "did not meet", "never met", "did not agree to meet"."""
    token = verb
    for _ in range(4):
        if any(c.dep_ == "neg" for c in token.children):
            return True
        if token.dep_ not in ("xcomp", "acomp") or token.head is token:
            return False
        token = token.head
    return False


# -- matching --------------------------------------------------------------------------------


def spelled(token: Token, spelling: tuple[str, ...]) -> bool:
    """The token is the last word of `spelling`, and the words before stand right before it."""
    if spelling[-1] not in spellings(token):
        return False
    words_at = doc_spellings(token.doc)
    for back, word in enumerate(reversed(spelling[:-1]), start=1):
        i = token.i - back
        if i < 0 or word not in words_at[i]:
            return False
    return True


def noun_matches(noun: Noun, token: Token) -> bool:
    if noun.slot is not None:
        return noun.slot == "%" or token.pos_ in _NOMINAL
    lower, lemma = spellings(token)
    if lower not in noun.heads and lemma not in noun.heads:
        return False
    if not any(spelled(token, s) for s in noun.spellings):
        return False
    if not noun.modifiers:
        return True
    near = [t for t in token.subtree if t.i < token.i]
    return all(any(noun_matches(m, t) for t in near) for m in noun.modifiers)


@dataclass
class Match:
    pattern: Pattern
    score: int
    used: set[int]  # token indexes the pattern consumed
    slots: dict[str, Token]
    # Prepositions a pattern names bare ("* (FOR) [042]": "left Tokyo for Seoul"): their
    # object is where the target is.
    bare: set[int] = field(default_factory=set)


def match_pattern(pattern: Pattern, context: VerbContext) -> Match | None:
    used: set[int] = set()
    slots: dict[str, Token] = {}
    bare: set[int] = set()
    score = 0

    def take(noun: Noun, candidates: Iterable[Token]) -> bool:
        nonlocal score
        for token in candidates:
            if token.i not in used and noun_matches(noun, token):
                used.add(token.i)
                if noun.slot in ("+", "$"):
                    slots[noun.slot] = token
                elif noun.slot is None:
                    # A noun says more than a bare preposition: "* AID" over "* (TO)".
                    score += 2 + len(noun.modifiers)
                return True
        return noun.slot == "%"

    for noun in pattern.pre:
        if not take(noun, context.before):
            return None
    for noun in pattern.post:
        if not take(noun, context.after):
            return None
    for prep in pattern.preps:
        for word, obj in context.preps:
            if word.i in used or word.lower_ != prep.word:
                continue
            if prep.nouns:
                inner = [obj, *(t for t in obj.subtree if t is not obj)] if obj else []
                saved = (set(used), dict(slots), score)
                if all(take(noun, inner) for noun in prep.nouns):
                    used.add(word.i)
                    score += 1
                    break
                used, slots, score = saved[0], saved[1], saved[2]
            else:
                used.add(word.i)
                bare.add(word.i)
                score += 1
                break
        else:
            return None
    return Match(pattern, score, used, slots, bare)


def best_match(verb: Verb, context: VerbContext, dictionary: VerbDictionary) -> Match | None:
    best: Match | None = None
    for pattern in dictionary.patterns.get(verb.block, ()):
        if not pattern.required <= context.words:
            continue
        found = match_pattern(pattern, context)
        if found is not None and (best is None or found.score > best.score):
            best = found
    return best


def verb_entries(token: Token, dictionary: VerbDictionary) -> list[Verb]:
    """Entries of the dictionary this verb token stands for, multi-word ones first: the
    words of a multi-word verb stand right after it or hang from it as particles."""
    entries = dictionary.verbs.get(token.lemma_.lower()) or dictionary.verbs.get(token.lower_)
    if not entries:
        return []
    doc = token.doc
    found = []
    for entry in entries:
        after_ok = all(
            token.i + k < len(doc) and doc[token.i + k].lower_ == word
            for k, word in enumerate(entry.after, start=1)
        ) or (
            len(entry.after) == 1
            and any(
                c.lower_ == entry.after[0] and c.dep_ in ("prt", "prep") for c in token.children
            )
        )
        before_ok = all(
            token.i - k >= 0 and doc[token.i - k].lower_ == word
            for k, word in enumerate(reversed(entry.before), start=1)
        )
        if after_ok and before_ok:
            found.append(entry)
    # A multi-word verb that is there hides the single word ("meet with" over "meet").
    longest = max((len(e.before) + len(e.after) for e in found), default=0)
    return [e for e in found if len(e.before) + len(e.after) == longest]


def attribution(token: Token) -> bool:
    """ "according to X" says who tells it, not that anyone accorded anything."""
    return token.lower_ == "according" and any(c.lower_ == "to" for c in token.children)


def code_verb(token: Token, dictionary: VerbDictionary | None = None) -> list[VerbEvent]:
    """The events one verb token codes: one per (source, target) pair, and the reverse
    event of a paired code. Empty when the verb or its best pattern codes nothing."""
    if token.pos_ != "VERB" or attribution(token):
        return []
    dictionary = dictionary or verb_dictionary()
    entries = verb_entries(token, dictionary)
    if not entries:
        return []
    context = VerbContext.of(token)
    # The entry whose pattern matches best; with no pattern matching, one whose verb codes
    # alone ("abandon" is in the ABANDON block, 080, and uncoded in EVACUATE's).
    ranked = []
    for order, entry in enumerate(entries):
        found = best_match(entry, context, dictionary)
        rank = (found.score if found else -1, entry.code is not None or entry.reverse is not None)
        ranked.append((rank, -order, entry, found))
    _, _, entry, match = max(ranked, key=lambda r: (r[0], r[1]))
    code, reverse = (
        (match.pattern.code, match.pattern.reverse) if match else (entry.code, entry.reverse)
    )
    if code is None and reverse is None:
        return []
    used = match.used if match else set()
    slots = match.slots if match else {}
    sources, targets, others = roles(context, used, slots, match.bare if match else set())
    # Slots the pattern marks hold for its code on either side of the colon
    # ("+ * {DEATH THREAT} [:138]": the threat comes to the subject).
    directions = [(code or reverse, False)] if slots else [(code, False), (reverse, True)]
    events = []
    is_negated = negated(token)
    matched = tuple(token.doc[i] for i in sorted(used))
    line = match.pattern.line if match else None
    for source, target in pairs(sources, targets, context.passive):
        for this_code, backwards in directions:
            if this_code is None:
                continue
            s, t = (target, source) if backwards else (source, target)
            events.append(
                VerbEvent(
                    token,
                    this_code,
                    s,
                    t,
                    is_negated,
                    context.passive,
                    entry.block,
                    line,
                    matched,
                    backwards,
                    match.pattern.text if match else None,
                    () if backwards else others,
                )
            )
    return events


def roles(
    context: VerbContext, used: set[int], slots: dict[str, Token], bare: set[int] | None = None
) -> tuple[list[Token], list[Token], tuple[Token, ...]]:
    """Source and target heads, and the further free objects after the target. A pre-verb
    noun names what the subject is ("&MILITARY *"), so the subject stays the source unless
    the pattern makes it the target ("+ *"), when the source is the first free object
    instead ("received a threat from X")."""
    if "$" in slots:
        sources = [slots["$"]]
    else:
        sources = [s for s in context.subjects if slots.get("+") is not s]
    if "+" in slots:
        targets = [slots["+"]]
        if not sources:
            sources = free_objects(context, used | {slots["+"].i}, [])[:1]
        return sources, targets, ()
    free = free_objects(context, used, sources, bare or set())
    # Further objects stand in for a target naming no one only when a target preposition
    # says to whom the act goes ("contributed francs to Australia"), not where it happens
    # ("agreed on the measures at a meeting in Luxembourg") or anything else (on ECB+
    # news, any preposition joined two stories' reports by a shared event).
    towards = CAMEO_PATTERNS.load().target_prepositions
    others = tuple(t for t in free[1:] if t.dep_ == "pobj" and t.head.lower_ in towards)
    return sources, free[:1], others


def free_objects(
    context: VerbContext, used: set[int], sources: list[Token], bare: set[int] | None = None
) -> list[Token]:
    """The objects the pattern left free, the target first: the object of a preposition
    the pattern names bare ("* (FOR)": "left Tokyo for Seoul"); a passive's subject; the
    objects; the objects of prepositions that name a target ("with", "to", "on", …:
    cameo_patterns.yaml) before the others, and those that say where ("in Berlin") last;
    never a passive's "by", a date or what a preposition of time governs ("after their
    talks")."""
    taken = used | {s.i for s in sources}
    bare = bare or set()
    towards = CAMEO_PATTERNS.load().target_prepositions
    # (Not "* (AT) [036]": "met X at the palace" names where, and X is the target.)
    named = [
        obj
        for word, obj in context.preps
        if word.i in bare and obj is not None and word.lower_ not in _WHERE
    ]
    candidates = named + (
        [a for a in context.after if a.dep_ == "nsubjpass"] if context.passive else []
    )
    candidates += [a for a in context.after if a.dep_ in ("dobj", "obj", "dative", "attr")]
    others: list[Token] = []
    places: list[Token] = []
    for word, obj in context.preps:
        if obj is None or word.dep_ == "agent" or word.lower_ in _WHEN:
            continue
        word_is = word.lower_
        (candidates if word_is in towards else places if word_is in _WHERE else others).append(obj)
    found: list[Token] = []
    for candidate in candidates + others + places:
        # "on Thursday" dates the event; it is never its target.
        if (
            candidate.i not in taken
            and candidate.pos_ in _NOMINAL
            and candidate.ent_type_ not in ("DATE", "TIME")
            and candidate not in found
        ):
            found.append(candidate)
    return found


def pairs(
    sources: list[Token], targets: list[Token], passive: bool = False
) -> Iterator[tuple[Token | None, Token | None]]:
    """Each source with each target, conjuncts spelled out. Conjoined subjects with no
    target act on one another ("Qatar and Egypt renewed ties": each with the other); a
    passive's conjoined agents do not ("the talks were attended by X and Y")."""
    heads = list(with_conjuncts(sources))
    if not targets and len(heads) > 1 and not passive:
        for source in heads:
            for target in heads:
                if source is not target:
                    yield source, target
        return
    for source in heads:
        for target in with_conjuncts(targets):
            yield source, target


def with_conjuncts(tokens: list[Token]) -> Iterator[Token | None]:
    """Each head with its conjuncts ("Iran and Iraq"); one None when there is none."""
    if not tokens:
        yield None
        return
    for token in tokens:
        yield token
        yield from token.conjuncts
        # "Mordor, the Shire, Arnor and Bree" parsed as an apposition with conjuncts: a
        # list of names, not one name explained by another.
        for child in token.children:
            if child.dep_ == "appos" and child.i > token.i and child.conjuncts:
                yield child
                yield from child.conjuncts


def code_span(span: Span | Doc, dictionary: VerbDictionary | None = None) -> list[VerbEvent]:
    """Every event the verbs of a sentence or document code, in text order."""
    dictionary = dictionary or verb_dictionary()
    return [event for token in span for event in code_verb(token, dictionary)]
