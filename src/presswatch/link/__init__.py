"""Corpus-level linking: merge actors, group stories, align quotes, check claims.

Linkers run once over all per-document analyses, in the order `Settings.linkers` names.
Each linker is one module that registers itself with `@linker("name")` and edits the
`CorpusContext` it is given: the record under construction plus the run's settings.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from presswatch.model import DocumentAnalysis, Record
from presswatch.registry import import_members
from presswatch.settings import Settings


@dataclass
class CorpusContext:
    record: Record
    settings: Settings
    scratch: dict[str, Any] = field(default_factory=dict)


Linker = Callable[[CorpusContext], None]
LINKERS: dict[str, Linker] = {}
LINKER_MODULES = ("actors", "stories", "quotes", "claims", "coverage")


def linker(name: str) -> Callable[[Linker], Linker]:
    def register(function: Linker) -> Linker:
        LINKERS[name] = function
        return function

    return register


def load_linkers() -> dict[str, Linker]:
    import_members(__name__, LINKER_MODULES)
    return LINKERS


def merge_analyses(analyses: Sequence[DocumentAnalysis]) -> Record:
    """Concatenate per-document records in document order, actor ids still local."""
    record = Record()
    for analysis in analyses:
        record.documents.append(analysis.document)
        record.actors.extend(analysis.actors)
        record.quotes.extend(analysis.quotes)
        record.events.extend(analysis.events)
        record.claims.extend(analysis.claims)
        record.framing.extend(analysis.framing)
    return record


def link_corpus(analyses: Sequence[DocumentAnalysis], settings: Settings) -> Record:
    """Build the corpus record from per-document analyses."""
    context = CorpusContext(record=merge_analyses(analyses), settings=settings)
    registry = load_linkers()
    for name in settings.linkers:
        if name in registry:
            registry[name](context)
    return context.record
