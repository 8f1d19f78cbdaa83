"""Language identification with py3langid (a maintained fork of langid.py)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

EXTRACTION_LANGUAGES = frozenset({"en"})
# Below this many letters a guess is noise; such snippets are taken as English (the
# language every extractor here serves) only if they are mostly ASCII letters.
_MIN_LETTERS = 20


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when it cannot be told."""
    sample = text[:5000]
    letters = [c for c in sample if c.isalpha()]
    if len(letters) < _MIN_LETTERS:
        if letters and sum(c.isascii() for c in letters) / len(letters) > 0.9:
            return "en"
        return None
    language, probability = _identifier().classify(sample)
    return str(language) if probability >= 0.5 else None
