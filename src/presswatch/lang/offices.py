"""Offices and their holders on a date (data/office_holders.yaml): "the Leader of the
Islamic Revolution" in a report of 2025 is Ali Khamenei, in one of 1985 Ruhollah Khomeini.

`office_titles(text)` finds the phrases that denote one office: a title with its place
("Iran's president", "the president of Iran", "the Iranian president", "US President")
or a title that denotes the office alone ("the Pope"). A title with a word before it that
makes it someone else ("the former US president", "ex-President", "Vice President of the
United States", "a US president") or after it ("president-elect"), or standing alone in
quotation marks (the self-styled "president"), denotes no holder and is not returned.
`holder_on(office, day)` is who held the office that day, and whether the file was
checked up to it; a report dated more than `grace_days` after the file's `checked` date
resolves to nobody (a wrong name is worse than none).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from presswatch.lang.data import OFFICE_HOLDERS, QUOTE_MARKS, ROLE_NOUNS, Office

# The last word before a title, through a hyphen ("then-President", "ex-US president").
_WORD_BEFORE = re.compile(r"([\w'’]+)[\s-]*$")
# "the 16th president of the United States" is one holder in the office's history.
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")
_WORD_AFTER = re.compile(r"^[\s-]*([^\W\d_][\w'’]*)")
# How far before and after a title its modifiers are looked for.
_CONTEXT = 40


@dataclass(frozen=True)
class OfficeTitle:
    """A phrase of a text that denotes one office."""

    start: int
    end: int
    office: Office
    # The title word the phrase is headed by ("president", "pope"), lower case.
    head: str


@dataclass(frozen=True)
class Holding:
    """The holder of an office on a day; `checked` is False past the file's checked date."""

    office: str
    name: str
    checked: bool


def _words(phrase: str) -> str:
    """A title as a pattern: its words in any case, joined by spaces or hyphens."""
    return r"[\s-]+".join(re.escape(w) for w in re.split(r"[\s-]+", phrase.strip()))


def _any_of(phrases: list[str]) -> str:
    # Longest first, so "United States of America" wins over "United States".
    return "|".join(re.escape(p) for p in sorted(set(phrases), key=len, reverse=True))


def _normal(phrase: str) -> str:
    return " ".join(re.split(r"[\s-]+", phrase.strip().lower()))


@dataclass(frozen=True)
class TitleTable:
    """Every title of the file in one pattern (one pass over a text), and what each
    denotes: an office alone, or offices whose place must stand before or after it."""

    pattern: re.Pattern[str]
    alone: dict[str, Office]
    placed: dict[str, list[Office]]
    # Per place: its name or adjective ending the text before a title ("Iran's ", "US ",
    # "Iranian "), and "of (the) <name>" opening the text after one.
    before: dict[str, re.Pattern[str]]
    after: dict[str, re.Pattern[str]]


@lru_cache(maxsize=1)
def title_table() -> TitleTable:
    data = OFFICE_HOLDERS.load()
    alone: dict[str, Office] = {}
    placed: dict[str, list[Office]] = {}
    for office in data.offices:
        for title in office.alone:
            alone[_normal(title)] = office
        for title in office.titles:
            placed.setdefault(_normal(title), []).append(office)
    # Longest first: "Leader of the Islamic Revolution" before "leader".
    titles = sorted({*alone, *placed}, key=len, reverse=True)
    pattern = re.compile(rf"(?<![\w-])(?i:{'|'.join(_words(t) for t in titles)})(?![\w])")
    before: dict[str, re.Pattern[str]] = {}
    after: dict[str, re.Pattern[str]] = {}
    for key, place in data.places.items():
        # Place names as written, capitalised: "US" is a country, "us" is not.
        names = _any_of(place.names)
        either = _any_of([*place.names, *place.adjectives])
        before[key] = re.compile(rf"(?<![\w.])(?:(?:{names})['’]s|(?:{either}))\s+$")
        after[key] = re.compile(rf"^\s+of\s+(?:the\s+)?(?:{names})(?![\w])")
    return TitleTable(pattern, alone, placed, before, after)


def _placed_span(
    text: str, start: int, end: int, offices: list[Office], table: TitleTable
) -> tuple[int, int, Office] | None:
    """The title with its place around it, and the office of that place; None when no
    office's place stands next to it."""
    preceding = text[max(0, start - _CONTEXT) : start]
    following = text[end : end + _CONTEXT]
    for office in offices:
        if office.place is None:
            continue
        found = table.before[office.place].search(preceding)
        if found:
            return start - (len(preceding) - found.start()), end, office
        found = table.after[office.place].match(following)
        if found:
            return start, end + found.end(), office
    return None


@lru_cache(maxsize=1)
def _office_nouns() -> frozenset[str]:
    roles = ROLE_NOUNS.load()
    return frozenset([*roles.person, *roles.occupations])


@lru_cache(maxsize=1)
def _quote_marks() -> frozenset[str]:
    marks = QUOTE_MARKS.load()
    return frozenset(
        m for s in (marks.double, marks.single) for m in (*s.open, *s.close, *s.either)
    )


@lru_cache(maxsize=1)
def not_holder_words() -> frozenset[str]:
    """Words before a title that make it someone else than the holder on the day."""
    return frozenset(OFFICE_HOLDERS.load().not_holder_before)


def _denotes_holder(text: str, start: int, end: int) -> bool:
    data = OFFICE_HOLDERS.load()
    before = _WORD_BEFORE.search(text[max(0, start - _CONTEXT) : start])
    if before and (
        before.group(1).lower() in not_holder_words() or _ORDINAL.fullmatch(before.group(1))
    ):
        return False
    after = _WORD_AFTER.match(text[end : end + _CONTEXT])
    if after and after.group(1).lower() in data.not_holder_after:
        return False
    # 'the self-styled "president"': a title in quotation marks is the speaker's word.
    marks = _quote_marks()
    return not (start > 0 and text[start - 1] in marks and text[end : end + 1] in marks)


def _head_of(phrase: str) -> str:
    """The office word a title is headed by, as `extract.actors` finds it in a bound role:
    its last office noun ("leader" of "Leader of the Islamic Revolution"), else its last
    word ("pope")."""
    words = [w.lower() for w in re.split(r"[\s'’-]+", phrase) if w]
    return next((w for w in reversed(words) if w in _office_nouns()), words[-1])


def office_titles(text: str) -> list[OfficeTitle]:
    """Every phrase of `text` that denotes one office's holder, in text order; of two
    overlapping phrases the longer ("the President of the European Commission", not
    "President of France" inside something longer)."""
    table = title_table()
    found: list[OfficeTitle] = []
    for match in table.pattern.finditer(text):
        words = _normal(match.group())
        office = table.alone.get(words)
        span = (match.start(), match.end(), office) if office is not None else None
        if span is None and words in table.placed:
            span = _placed_span(text, match.start(), match.end(), table.placed[words], table)
        if span is None:
            continue
        start, end, office = span
        if _denotes_holder(text, start, end):
            found.append(OfficeTitle(start, end, office, _head_of(match.group())))
    found.sort(key=lambda t: (t.start, -(t.end - t.start)))
    kept: list[OfficeTitle] = []
    for title in found:
        if kept and title.start < kept[-1].end:
            continue
        kept.append(title)
    return kept


def holder_on(office: Office, day: date) -> Holding | None:
    """Who held `office` on `day`; None for a day no holder of the file covers (before
    the first, in a gap, after an office ended) or past `checked` by more than
    `grace_days`."""
    data = OFFICE_HOLDERS.load()
    if day > data.checked + timedelta(days=data.grace_days):
        return None
    for holder in office.holders:
        if holder.holds_on(day):
            return Holding(office.id, holder.name, checked=day <= data.checked)
    return None


def place_words(office: Office) -> frozenset[str]:
    """The names and adjectives of the office's place, as written ("Iran", "Iranian")."""
    if office.place is None:
        return frozenset()
    place = OFFICE_HOLDERS.load().places[office.place]
    return frozenset([*place.names, *place.adjectives])
