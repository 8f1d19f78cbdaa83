"""Per-document lookups computed once, so extraction stays linear in the document's length.

spaCy builds `Doc.text` anew from every token on each access and walks `Doc.sents` from
the first token; called once per quote or event, each costs the whole document, and a
long report becomes quadratic. These indexes live in `doc.user_data` for the document's
lifetime.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from itertools import islice
from typing import Generic, TypeVar

from spacy.tokens import Doc, Span

T = TypeVar("T")

_TEXT = "presswatch.text"
_SENTENCES = "presswatch.sentences"
_ENTITIES = "presswatch.entities"
_NOUN_CHUNKS = "presswatch.noun_chunks"


def doc_text(doc: Doc) -> str:
    """The document's text, built once (or given by `made_from`)."""
    text = doc.user_data.get(_TEXT)
    if not isinstance(text, str):
        text = doc.user_data[_TEXT] = doc.text
    return text


def made_from(doc: Doc, text: str) -> Doc:
    """Keep the text a Doc was just made from (`nlp.make_doc(text)`) as its text: spaCy's
    tokenizer keeps every character, so it is what `Doc.text` would join from every
    token, a pass that costs about as much as an extractor's pass over the tokens."""
    doc.user_data[_TEXT] = text
    return doc


def noun_chunks(doc: Doc) -> list[Span]:
    """The document's noun chunks, found once (spaCy walks the parse on every access;
    two extractors read them)."""
    found = doc.user_data.get(_NOUN_CHUNKS)
    if not isinstance(found, list):
        found = doc.user_data[_NOUN_CHUNKS] = list(doc.noun_chunks)
    return found


class Sentences:
    """The document's sentences in order, found by token index in O(log n)."""

    def __init__(self, doc: Doc) -> None:
        self.spans: list[Span] = list(doc.sents)
        self.starts = [sentence.start for sentence in self.spans]

    def number_of(self, token_index: int) -> int:
        """The position of the sentence holding the token."""
        return max(0, bisect_right(self.starts, token_index) - 1)

    def from_token(self, token_index: int) -> list[Span]:
        """The sentences from the one holding the token to the document's end (a view)."""
        return self.spans[self.number_of(token_index) :]


def sentences(doc: Doc) -> Sentences:
    """The sentence index of the document, built once."""
    index = doc.user_data.get(_SENTENCES)
    if not isinstance(index, Sentences):
        index = doc.user_data[_SENTENCES] = Sentences(doc)
    return index


class Entities:
    """The document's named entities in order, found by token position in O(log n).

    `Span.ents` walks every entity of the document; so does a search of `Doc.ents`.
    """

    def __init__(self, doc: Doc) -> None:
        self.spans: list[Span] = list(doc.ents)
        self.starts = [entity.start for entity in self.spans]

    def at(self, token_index: int) -> Span | None:
        """The entity holding the token, if any (entities never overlap)."""
        found = bisect_right(self.starts, token_index) - 1
        if found >= 0 and token_index < self.spans[found].end:
            return self.spans[found]
        return None

    def within(self, start: int, end: int) -> list[Span]:
        """The entities lying wholly inside tokens [start, end)."""
        found = []
        for entity in islice(self.spans, bisect_left(self.starts, start), None):
            if entity.start >= end:
                break
            if entity.end <= end:
                found.append(entity)
        return found


def entities(doc: Doc) -> Entities:
    """The entity index of the document, built once."""
    index = doc.user_data.get(_ENTITIES)
    if not isinstance(index, Entities):
        index = doc.user_data[_ENTITIES] = Entities(doc)
    return index


class Holders(Generic[T]):
    """Character ranges with a value each, asked "which first range holds [start, end)?".

    "First" is the order the ranges were given in. The longest range bounds how far back
    a holder can start, so a lookup reads the neighbours of `start`, not every range.
    """

    def __init__(self, ranges: Iterable[tuple[int, int, T]]) -> None:
        ranked = sorted(
            (start, end, rank, value) for rank, (start, end, value) in enumerate(ranges)
        )
        self.starts = [start for start, _, _, _ in ranked]
        self.ranked = ranked
        self.longest = max((end - start for start, end, _, _ in ranked), default=0)

    def first_holding(self, start: int, end: int) -> T | None:
        best: tuple[int, T] | None = None
        first = bisect_left(self.starts, start - self.longest)
        for at in range(first, bisect_right(self.starts, start)):
            _, holder_end, rank, value = self.ranked[at]
            if end <= holder_end and (best is None or rank < best[0]):
                best = (rank, value)
        return best[1] if best else None
