"""The spaCy pipeline, loaded once per process."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from presswatch.errors import ModelNotFound
from presswatch.settings import DEFAULT_MODEL


@lru_cache(maxsize=4)
def load_pipeline(name: str = DEFAULT_MODEL) -> Language:
    """Load an installed spaCy pipeline by package name; any md/lg/trf works the same way."""
    try:
        nlp = spacy.load(name)
    except OSError as error:
        raise ModelNotFound(name) from error
    # Long reports exceed spaCy's default guard; our own size cap applies earlier.
    nlp.max_length = max(nlp.max_length, 2_000_000)
    return nlp


def pipeline_key(model: str) -> str:
    """Identifies the model build, so a stored analysis is redone when the model changes."""
    nlp = load_pipeline(model)
    return f"{nlp.meta.get('name', model)}-{nlp.meta.get('version', '?')}"
