"""Finding quotations in text: marks paired by a scanner, not by one regular expression.

Apostrophes (don't, Gaza's, the Palestinians' cause, '90s), primes (5'10") and stray
marks never open a quotation; single quotes open only inside a double-quoted one (a
verse in a speech) or where no apostrophe reading fits; ''doubled apostrophes'' are
double marks. A paragraph that opens a
quotation without closing it continues into the next paragraph when that paragraph
opens with a mark, as newspapers print long quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from presswatch.lang.data import QUOTE_MARKS

_PARAGRAPH = re.compile(r"\n\s*\n|\n(?=\s*[\"“«„‘])")


@dataclass
class Quotation:
    """Content spans (without marks) of one quotation, and those nested inside it."""

    spans: list[tuple[int, int]]
    nested: list[tuple[int, int]] = field(default_factory=list)
    unclosed: bool = False

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[-1][1]


@dataclass(frozen=True)
class Marks:
    double_open: frozenset[str]
    double_close: frozenset[str]
    double_either: frozenset[str]
    single_open: frozenset[str]
    single_close: frozenset[str]
    single_either: frozenset[str]

    @cached_property
    def all(self) -> frozenset[str]:
        return (
            self.double_open
            | self.double_close
            | self.double_either
            | self.single_open
            | self.single_close
            | self.single_either
        )


@lru_cache(maxsize=1)
def marks() -> Marks:
    data = QUOTE_MARKS.load()
    return Marks(
        frozenset(data.double.open),
        frozenset(data.double.close),
        frozenset(data.double.either),
        frozenset(data.single.open),
        frozenset(data.single.close),
        frozenset(data.single.either),
    )


@lru_cache(maxsize=1)
def any_mark() -> re.Pattern[str]:
    """Any quotation mark: a scan reads the marks of a paragraph, not every character."""
    return re.compile("[" + re.escape("".join(sorted(marks().all))) + "]")


@lru_cache(maxsize=1)
def quote_characters() -> str:
    """Every quotation mark of data/quote_marks.yaml, for stripping marks off spans."""
    return "".join(sorted(marks().all))


def _before(text: str, i: int) -> str:
    return text[i - 1] if i > 0 else " "


def _after(text: str, i: int) -> str:
    return text[i + 1] if i + 1 < len(text) else " "


def _opens(text: str, i: int) -> bool:
    """A non-directional mark opens when it follows a space/bracket and precedes a word."""
    before, after = _before(text, i), _after(text, i)
    # A single mark right after a double one opens a quotation inside it: "'Sir, …' …"
    opener = before in "([{—–-/:;," or before in marks().double_open | marks().double_either
    return (before.isspace() or opener) and not after.isspace()


def _closes(text: str, i: int) -> bool:
    before, after = _before(text, i), _after(text, i)
    return not before.isspace() and (after.isspace() or not after.isalnum())


def _is_apostrophe(text: str, i: int) -> bool:
    before, after = _before(text, i), _after(text, i)
    if before.isalnum() and after.isalnum():
        return True  # don't, Gaza's, Al-Qur'an
    if before.isdigit() or (after.isdigit() and not before.isalnum()):
        return True  # 5'10", '90s
    # the Palestinians' cause, the movement's: a possessive after s
    return (
        before.lower() == "s"
        and (after.isspace() or after in ",.;:")
        and text[i - 2 : i - 1].isalpha()
    )


_DOUBLED_APOSTROPHES = re.compile(r"(?<!')'''?(?!')")


def _doubled_apostrophes_as_marks(text: str) -> str:
    """''Like this,'' as some archives print quotation marks: each pair becomes one
    straight double mark, padded with a space on the side away from the quoted words
    so that offsets stay those of `text` and the content excludes both apostrophes."""
    if "''" not in text:
        return text

    def mark(match: re.Match[str]) -> str:
        before = _before(text, match.start())
        opening = before.isspace() or before in "([{—–-/:;"
        if len(match.group()) == 3:
            # Three apostrophes: a single-quoted inner quotation opening or closing
            # together with the outer one.
            return " \"'" if opening else "'\" "
        return ' "' if opening else '" '

    return _DOUBLED_APOSTROPHES.sub(mark, text)


def find_quotations(text: str) -> list[Quotation]:
    """Every quotation in `text`, in order, with nested single-quoted parts."""
    text = _doubled_apostrophes_as_marks(text)
    found: list[Quotation] = []
    pending: Quotation | None = None  # an unclosed quotation waiting for a continuation
    for paragraph_start, paragraph_end in _paragraphs(text):
        quotations, unclosed = _scan_paragraph(text, paragraph_start, paragraph_end)
        if pending is not None:
            first = quotations[0] if quotations else unclosed
            if first is not None and first.start <= _first_content(text, paragraph_start) + 1:
                # The previous paragraph's quotation goes on here.
                pending.spans.extend(first.spans)
                pending.nested.extend(first.nested)
                if quotations and first is quotations[0]:
                    quotations.pop(0)
                    pending.unclosed = False
                    found.append(pending)
                    pending = None
                else:
                    unclosed = None
            else:
                pending = None  # an unbalanced mark: drop, never swallow the text after it
        if pending is None and quotations is not None:
            found.extend(quotations)
        if unclosed is not None and pending is None:
            pending = unclosed
    return sorted(found, key=lambda q: q.start)


def _first_content(text: str, start: int) -> int:
    while start < len(text) and text[start].isspace():
        start += 1
    return start


def _paragraphs(text: str) -> list[tuple[int, int]]:
    bounds = []
    start = 0
    for match in _PARAGRAPH.finditer(text):
        bounds.append((start, match.start()))
        start = match.end()
    bounds.append((start, len(text)))
    return [(s, e) for s, e in bounds if e > s]


def _scan_paragraph(text: str, start: int, end: int) -> tuple[list[Quotation], Quotation | None]:
    m = marks()
    quotations: list[Quotation] = []
    open_double: int | None = None
    open_single: int | None = None
    nested: list[tuple[int, int]] = []
    for found in any_mark().finditer(text, start, end):
        i = found.start()
        char = text[i]
        if open_double is None:
            if char in m.double_open or (char in m.double_either and _opens(text, i)):
                open_double, nested, open_single = i, [], None
            elif (
                char in m.single_open | m.single_either
                and _opens(text, i)
                and not _is_apostrophe(text, i)
            ):
                # A single-quoted quotation at the top level, as some outlets print them.
                open_double, nested, open_single = i, [], None
            continue
        # Inside a quotation.
        single_top = text[open_double] in m.single_open | m.single_either
        if char in m.single_either | m.single_open | m.single_close and not single_top:
            if char in m.single_either | m.single_close and _is_apostrophe(text, i):
                continue
            if open_single is None and (char in m.single_open or _opens(text, i)):
                open_single = i
            elif open_single is not None and (char in m.single_close or _closes(text, i)):
                if i - open_single > 1:
                    nested.append((open_single + 1, i))
                open_single = None
            continue
        closes_single_top = single_top and char in m.single_close | m.single_either
        if closes_single_top and _is_apostrophe(text, i):
            continue
        if single_top and not closes_single_top:
            continue  # double marks inside a single-quoted quotation are its content
        # „ is closed by “ (German and Balkan print) as well as by ”.
        low_opening = text[open_double] == "„" and char in m.double_open
        closes = (
            closes_single_top
            or low_opening
            or char in m.double_close
            or (char in m.double_either and (_closes(text, i) or not _opens(text, i)))
        )
        if closes and (char not in m.double_open or char in m.double_close or low_opening):
            if i - open_double > 1 and any(c.isalnum() for c in text[open_double + 1 : i]):
                quotations.append(Quotation(spans=[(open_double + 1, i)], nested=nested))
            open_double, open_single = None, None
        elif char in m.double_open:
            open_double, nested = i, []  # two openings: the first was stray
    unclosed = None
    if open_double is not None:
        stop = end
        while stop > open_double + 1 and text[stop - 1].isspace():
            stop -= 1
        if stop > open_double + 1:
            unclosed = Quotation(spans=[(open_double + 1, stop)], nested=nested, unclosed=True)
    return quotations, unclosed
