"""The spaCy pipeline with the presswatch components, loaded once per process."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import spacy
from spacy.language import Language

from presswatch.attribute_rules import compile_attribute_ruler
from presswatch.errors import ModelNotFound
from presswatch.extract import add_extractors
from presswatch.settings import DEFAULT_MODEL


def build_pipeline(
    name: str = DEFAULT_MODEL, extractors: Sequence[str] = (), *, lookup_rules: bool = True
) -> Language:
    """An installed spaCy pipeline by package name (any md/lg/trf works the same way), with
    the named presswatch components added after its own; a new object on every call.
    `lookup_rules`: the model's attribute_ruler runs by lookup (attribute_rules.py: the
    same output in a fraction of the time; False keeps spaCy's, to compare)."""
    try:
        nlp = spacy.load(name)
    except OSError as error:
        raise ModelNotFound(name) from error
    # Long reports exceed spaCy's default guard; our own size cap applies earlier.
    nlp.max_length = max(nlp.max_length, 2_000_000)
    if lookup_rules:
        compile_attribute_ruler(nlp)
    return add_extractors(nlp, extractors)


@lru_cache(maxsize=4)
def load_pipeline(name: str = DEFAULT_MODEL, extractors: tuple[str, ...] = ()) -> Language:
    """`build_pipeline`, shared within the process: callers must not change it."""
    return build_pipeline(name, extractors)


def pipeline_key(model: str, extractors: tuple[str, ...] = ()) -> str:
    """Identifies the model build, so a stored analysis is redone when the model changes."""
    nlp = load_pipeline(model, extractors)
    return f"{nlp.meta.get('name', model)}-{nlp.meta.get('version', '?')}"
