"""Framing: the loaded terms a report chooses, each with the plainer word beside it.

Terms live in `data/loaded_terms.yaml` (both sides' vocabulary, with neutral wording);
this module only matches them. A phrase in quotation marks that no one says (a scare
quote, found by the quotes extractor) is framing too.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from spacy.attrs import LEMMA, LOWER
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from presswatch.extract import RecordsComponent, document_of, quotes_of
from presswatch.lang.data import LOADED_TERMS
from presswatch.lang.loaded_terms import loaded_terms, term_words
from presswatch.model import FramingSpan

# The quotes extractor marks scare quotes as unattributed "mixed" quotes of a few words.
SCARE_QUOTE_MAX_WORDS = 4


def token_patterns(phrase: str) -> list[list[dict[str, Any]]]:
    """Two patterns per phrase: on lower-case forms, and with the last word by lemma.

    Lemmas catch inflection ("martyrs" for "martyr"); the lower-case pattern keeps a match
    when the small tagger lemmatises a capitalised word as a proper noun.
    """
    words = [w.lower() for w in term_words(phrase)]
    exact: list[dict[str, Any]] = [{"LOWER": w} for w in words]
    by_lemma: list[dict[str, Any]] = [
        *exact[:-1],
        {"LEMMA": {"IN": [words[-1], words[-1].capitalize()]}},
    ]
    return [exact, by_lemma]


# The token attributes the patterns read, in the column order of `Doc.to_array`.
PATTERN_ATTRIBUTES = ("LOWER", "LEMMA")
# One token of a pattern: the column it reads and the values (string ids) it accepts.
TokenTest = tuple[int, frozenset[int]]


class TermMatcher:
    """spaCy's Matcher over `token_patterns`, run by lookup: the same matches in the same
    order. The Matcher starts every pattern at every token (162 patterns: about a fifth
    of the extractors' time); here a token's lower-case form and lemma pick the few
    patterns that can start there, and only those read on."""

    def __init__(self, patterns: Sequence[tuple[int, list[dict[str, Any]]]]) -> None:
        # First token's (column, value) → (pattern's key, the tests of its other tokens).
        self.starting: dict[tuple[int, int], list[tuple[int, list[TokenTest]]]] = {}
        for key, pattern in patterns:
            (column, values), *rest = [token_test(token) for token in pattern]
            for value in values:
                self.starting.setdefault((column, value), []).append((key, rest))

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        """(key, start, end) of every match, ordered as the Matcher orders them: by end,
        then start, then the order the patterns were added in; each match once."""
        rows: list[list[int]] = doc.to_array([LOWER, LEMMA]).tolist()
        found: set[tuple[int, int, int]] = set()
        for start, row in enumerate(rows):
            for column, value in enumerate(row):
                for key, rest in self.starting.get((column, value), ()):
                    end = start + 1 + len(rest)
                    if end <= len(rows) and all(
                        rows[start + 1 + offset][tested] in values
                        for offset, (tested, values) in enumerate(rest)
                    ):
                        found.add((key, start, end))
        return sorted(found, key=lambda match: (match[2], match[1], match[0]))


def token_test(token: dict[str, Any]) -> TokenTest:
    """A pattern token ({"LOWER": w} or {"LEMMA": {"IN": [...]}}) as a column and values."""
    [(attribute, wanted)] = token.items()
    values = wanted["IN"] if isinstance(wanted, dict) else [wanted]
    return PATTERN_ATTRIBUTES.index(attribute), frozenset(get_string_id(v) for v in values)


@lru_cache(maxsize=1)
def term_matcher() -> TermMatcher:
    """Built once per process; a match's key is the entry's index in the data."""
    return TermMatcher(
        [
            (index, pattern)
            for index, entry in enumerate(LOADED_TERMS.load())
            for term in entry.terms
            for pattern in token_patterns(term)
        ]
    )


def find_loaded_terms(doc: Doc, doc_id: str) -> list[FramingSpan]:
    """Every loaded term in the text, longest match first where two overlap."""
    terms = loaded_terms()
    spans = [
        Span(doc, start, end, label=f"loaded-{key}") for key, start, end in term_matcher()(doc)
    ]
    found = []
    for span in filter_spans(spans):
        term = terms[int(span.label_.split("-")[1])]
        found.append(
            FramingSpan(
                doc=doc_id,
                start=span.start_char,
                end=span.end_char,
                text=span.text,
                category=term.category,
                neutral=term.neutral,
            )
        )
    return found


def extract_framing(doc: Doc) -> list[FramingSpan]:
    """Loaded terms, and scare quotes that hold none, in text order."""
    doc_id = document_of(doc).id
    found = find_loaded_terms(doc, doc_id)
    taken = [(f.start, f.end) for f in found]
    for quote in quotes_of(doc):
        if quote.speaker is not None or quote.kind != "mixed" or quote.confidence > 0.3:
            continue
        if len(quote.text.split()) > SCARE_QUOTE_MAX_WORDS:
            continue
        if any(s < quote.end and quote.start < e for s, e in taken):
            # The loaded term inside the scare quote is already marked; keep one span.
            continue
        found.append(
            FramingSpan(
                doc=doc_id,
                start=quote.start,
                end=quote.end,
                text=quote.text,
                category="scare_quote",
                neutral=None,
            )
        )
    found.sort(key=lambda f: (f.start, f.end))
    return found


@Language.factory(
    "presswatch_framing",
    requires=["token.lemma", "doc._.pw_quotes"],
    assigns=["doc._.pw_framing"],
)
def make_framing(nlp: Language, name: str) -> RecordsComponent:
    return RecordsComponent("pw_framing", extract_framing)
