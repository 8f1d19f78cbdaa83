"""Framing: the loaded terms a report chooses, each with the plainer word beside it.

Terms live in `data/loaded_terms.yaml` (both sides' vocabulary, with neutral wording);
this module only matches them. A phrase in quotation marks that no one says (a scare
quote, found by the quotes extractor) is framing too.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.util import filter_spans
from spacy.vocab import Vocab

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


@lru_cache(maxsize=8)
def term_matcher(vocab: Vocab) -> Matcher:
    """Built once per process (per vocabulary); the match id is the entry's index."""
    matcher = Matcher(vocab)
    for index, entry in enumerate(LOADED_TERMS.load()):
        patterns = [p for term in entry.terms for p in token_patterns(term)]
        matcher.add(f"loaded-{index}", patterns)
    return matcher


def find_loaded_terms(doc: Doc, doc_id: str) -> list[FramingSpan]:
    """Every loaded term in the text, longest match first where two overlap."""
    matcher = term_matcher(doc.vocab)
    terms = loaded_terms()
    spans = []
    for match_id, start, end in matcher(doc):
        span = doc[start:end]
        span.label_ = doc.vocab.strings[match_id]
        spans.append(span)
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
