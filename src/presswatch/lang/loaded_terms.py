"""Loaded terms (`data/loaded_terms.yaml`): the words an outlet chooses for a referent
when a plainer word exists, each with its category, the neutral wording and the referent.
The framing extractor matches them in a parse; the comparison page groups by referent.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from presswatch.lang.data import LOADED_TERMS
from presswatch.model import FramingCategory, FramingSpan


@dataclass(frozen=True)
class LoadedTerm:
    category: FramingCategory
    neutral: str | None
    referent: str | None


@lru_cache(maxsize=1)
def loaded_terms() -> tuple[LoadedTerm, ...]:
    return tuple(LoadedTerm(e.category, e.neutral, e.referent) for e in LOADED_TERMS.load())


def term_words(phrase: str) -> list[str]:
    """A phrase's words as spaCy's English tokenizer splits them (hyphens, possessives)."""
    words: list[str] = []
    for word in phrase.split():
        if word.endswith("'s"):
            words.extend([word[:-2], "'s"])
        elif "-" in word.strip("-"):
            parts = word.split("-")
            for i, part in enumerate(parts):
                if i:
                    words.append("-")
                words.append(part)
        else:
            words.append(word)
    return words


def referent_of(span: FramingSpan) -> str | None:
    """The referent a framing span names, looked up again from the data (not stored)."""
    folded = " ".join(term_words(span.text.lower()))
    for entry in LOADED_TERMS.load():
        for term in entry.terms:
            words = " ".join(term_words(term.lower()))
            if folded == words or folded.rstrip("s") == words.rstrip("s"):
                return entry.referent or None
    return None
