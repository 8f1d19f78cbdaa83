"""Person and organisation names: honorifics apart, kunyas apart, keys across spellings.

`name_key("Mohammed Ismail Dervish") == name_key("Muhammad Ismail Darwish")`: the key is
built by the transliteration rules of data/transliteration.yaml, never by a list of people.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from presswatch.lang.data import HONORIFICS, ROLE_NOUNS, TRANSLITERATION

_BRACKETED = re.compile(r"\s*[\[(]([^\])]{1,40})[\])]\s*")
_POSSESSIVE = re.compile(r"['’]s?$")
_SPACE = re.compile(r"\s+")
# A regnal or family ordinal after a name ("Leo XIV", "John XXIII", "Henry VIII"): two
# or more capital Roman numerals (one letter is an initial: "Malcolm X").
_ORDINAL = re.compile(r"(?=[IVXLC]{2,}$)C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")


@dataclass(frozen=True)
class Honorific:
    words: tuple[str, ...]
    gender: str | None
    role: bool


@dataclass
class ParsedName:
    """A surface name taken apart: what stays the name, and what only dresses it."""

    surface: str
    core: list[str] = field(default_factory=list)
    honorifics: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    kunya: str | None = None
    bracketed: list[str] = field(default_factory=list)
    gender: str | None = None

    @property
    def name(self) -> str:
        return " ".join(self.core)


@lru_cache(maxsize=1)
def honorifics() -> list[tuple[tuple[str, ...], Honorific]]:
    """Honorifics as token tuples, longest first so "grand ayatollah" beats "ayatollah"."""
    found: list[tuple[tuple[str, ...], Honorific]] = []
    for entry in HONORIFICS.load():
        for words in entry.words:
            tokens = tuple(words.lower().split())
            found.append((tokens, Honorific(tokens, entry.gender, entry.role)))
    return sorted(found, key=lambda item: -len(item[0]))


@lru_cache(maxsize=1)
def _rules() -> tuple[list[re.Pattern[str]], list[tuple[re.Pattern[str], str]], set[str], str]:
    data = TRANSLITERATION.load()
    prefixes = [re.compile(p) for p in data.prefixes]
    rules = [(re.compile(pattern), replacement) for pattern, replacement in data.rules]
    return prefixes, rules, set(data.particles), data.drop_vowels


@lru_cache(maxsize=1)
def title_words() -> frozenset[str]:
    """Offices and occupations that open a name the tagger took whole ("Comedian Ellen
    DeGeneres", "Quarterback Peyton Manning"): the role of the person, not a given name."""
    data = ROLE_NOUNS.load()
    return frozenset(w.lower() for w in [*data.person, *data.occupations])


def fold_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# Names repeat within and across reports; the rules run once per distinct token.
@lru_cache(maxsize=65536)
def token_key(token: str) -> str:
    """One name token reduced to its transliteration key ("" for a particle like "al")."""
    prefixes, rules, particles, vowels = _rules()
    text = fold_accents(token).lower().strip(".,;:")
    text = _POSSESSIVE.sub("", text)
    if text in particles:
        return ""
    for prefix in prefixes:
        text = prefix.sub("", text)
    for pattern, replacement in rules:
        text = pattern.sub(replacement, text)
    text = re.sub(r"[^a-z]", "", text)
    if not text:
        return ""
    text = re.sub(r"(.)\1+", r"\1", text)
    key = text[0] + "".join(c for c in text[1:] if c not in vowels)
    return re.sub(r"(.)\1+", r"\1", key)


def name_key(name: str) -> tuple[str, ...]:
    """Keys of the tokens of a name, particles and ordinals left out: "Leo XIV" is the
    "Pope Leo" of a report, as "Charles III" is its "King Charles"."""
    return tuple(k for k in (token_key(t) for t in without_ordinals(split_name(name))) if k)


def without_ordinals(tokens: list[str]) -> list[str]:
    """A name's tokens but an ordinal after a word ("XIV" in "Leo XIV"); a name written in
    capitals ("PRESIDENT XI JINPING") has none."""
    return [
        t
        for n, t in enumerate(tokens)
        if not (n and _ORDINAL.fullmatch(t) is not None and not tokens[n - 1].isupper())
    ]


def wraps(longer: tuple[str, ...], name: tuple[str, ...]) -> bool:
    """Whether a key is a full name with headline words after it ("Esther Williams
    Dies", "Tara Reid Finally"): only a headline or a tagger's overreach writes those.
    Words before a full name are not dropped: "Mohammad Ismail Darwish" is not "Ismail
    Darwish", who may be his father."""
    return len(longer) > len(name) and longer[: len(name)] == name


def better_key(current: tuple[str, ...], new: tuple[str, ...]) -> tuple[str, ...]:
    """The key an actor goes by once it is also called `new`: the longest, except that a
    full name wins over itself wrapped in headline words (see `wraps`)."""
    if len(new) >= 2 and wraps(current, new):
        return new
    if len(current) >= 2 and wraps(new, current):
        return current
    return new if len(new) > len(current) else current


def split_name(name: str) -> list[str]:
    return [t for t in _SPACE.split(name.replace("’", "'").strip()) if t]


def parse_name(surface: str, person: bool = False) -> ParsedName:
    """Split "Ayatollah Seyyed Ali Khamenei", "Abu Ibrahim [Yahya] Sinwar" into parts.

    `person`: the surface is known to name a person, so words that cannot open a
    person's name are dropped from its front (see below)."""
    parsed = ParsedName(surface=surface)
    text = surface
    for match in _BRACKETED.finditer(surface):
        parsed.bracketed.append(match.group(1).strip())
    # A bracketed clarification is part of the name ("[Yahya]"), the brackets are not.
    text = _BRACKETED.sub(lambda m: f" {m.group(1)} ", text)
    tokens = split_name(text)
    if tokens and tokens[0].lower() == "the":
        tokens = tokens[1:]
    lowered = [t.lower() for t in tokens]
    position = 0
    while position < len(tokens):
        for words, honorific in honorifics():
            if tuple(lowered[position : position + len(words)]) == words and len(
                tokens
            ) > position + len(words):
                text_words = " ".join(tokens[position : position + len(words)])
                parsed.honorifics.append(text_words)
                if honorific.role:
                    parsed.roles.append(text_words)
                if honorific.gender and parsed.gender is None:
                    parsed.gender = honorific.gender
                position += len(words)
                break
        else:
            break
    rest = tokens[position:]
    # Leading words that cannot open a name: a lowercase fragment the tagger swept in
    # ("html Ellen DeGeneres" after a URL) and offices or occupations ("Comedian Ellen
    # DeGeneres"), which are the person's role. Particles ("al-", "van") stay.
    particles = _rules()[2]
    while (
        person
        and len(rest) > 1
        and (
            (not rest[0][:1].isupper() and rest[0].lower() not in particles and "-" not in rest[0])
            or rest[0].lower() in title_words()
        )
    ):
        if rest[0].lower() in title_words():
            parsed.roles.append(rest[0])
        rest = rest[1:]
    # A kunya ("Abu Ibrahim", "Umm Khaled") at the front is an alias, not the name,
    # when a name follows it.
    if len(rest) >= 3 and rest[0].lower() in ("abu", "abou", "umm", "um"):
        parsed.kunya = f"{rest[0]} {rest[1]}"
        rest = rest[2:]
    if rest:
        rest[-1] = _POSSESSIVE.sub("", rest[-1]) or rest[-1]
    parsed.core = rest
    return parsed


def is_kunya(text: str) -> bool:
    tokens = split_name(text)
    return len(tokens) == 2 and tokens[0].lower() in ("abu", "abou", "umm", "um")


def compatible_names(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether two name keys can be one person: same surname, given names not in conflict.

    "Muhammad Darwish" fits "Mohammad Ismail Darwish" (given names a subset); "Ismail
    Haniyeh" does not (surname differs); "Darwish" alone fits any Darwish.
    """
    if not a or not b:
        return False
    shorter_key, longer_key = (a, b) if len(a) <= len(b) else (b, a)
    if len(shorter_key) >= 2 and wraps(longer_key, shorter_key):
        return True
    if a[-1] != b[-1]:
        return False
    # An initial ("W. Mark Felt", "Frederick C. LaRue") neither adds nor conflicts.
    given_a = [k for k in a[:-1] if len(k) > 1]
    given_b = [k for k in b[:-1] if len(k) > 1]
    shorter, longer = (given_a, given_b) if len(given_a) <= len(given_b) else (given_b, given_a)
    if not shorter:
        return True
    if not same_given_name(shorter[0], longer[0]):
        return False
    return all(any(same_given_name(s, g) for g in longer) for s in shorter)


def same_given_name(a: str, b: str) -> bool:
    """Keys of one given name: equal, or one the short form of the other ("Fred" of
    "Frederick", "Abd" of "Abdullah") — a prefix of at least three key letters."""
    if a == b:
        return True
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return len(short) >= 3 and long.startswith(short)


# An unnamed person's key opens with a character no name key holds (name keys are
# lowercase letters), so it never equals, nor is compatible with, a person's name.
UNNAMED_PREFIX = "~"


def unnamed_key(head: str) -> str:
    """The key of a person the report describes but never names ("a gunman" → "~gunman")."""
    return f"{UNNAMED_PREFIX}{head}"


def is_unnamed_key(key: str | None) -> bool:
    """Whether an actor's key is an unnamed person's (see `unnamed_key`)."""
    return bool(key) and str(key).startswith(UNNAMED_PREFIX)
