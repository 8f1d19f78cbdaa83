"""Per-document extraction: a registry of extractors, each one job, run in a set order.

An extractor is a function of a `DocumentContext` that returns records of one kind; it
reads what earlier extractors produced (quotes read the resolved actors) and nothing else.
Modules register themselves with `@extractor("name")`; `Settings.extractors` names the
order. No I/O happens here: this stage is pure and runs in worker processes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from presswatch.extract.mentions import MentionIndex
from presswatch.model import Actor, Claim, Document, DocumentAnalysis, Event, FramingSpan, Quote
from presswatch.registry import import_members


@dataclass
class DocumentContext:
    """Everything an extractor may read: the document, its parse, and earlier results."""

    document: Document
    doc: Doc
    actors: list[Actor] = field(default_factory=list)
    mentions: MentionIndex = field(default_factory=MentionIndex)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    framing: list[FramingSpan] = field(default_factory=list)
    scratch: dict[str, Any] = field(default_factory=dict)


Extractor = Callable[[DocumentContext], Sequence[Any]]
EXTRACTORS: dict[str, Extractor] = {}

# Modules that hold extractors; importing one registers what it defines.
EXTRACTOR_MODULES = ("actors", "quotes", "events", "claims", "framing")


def extractor(name: str) -> Callable[[Extractor], Extractor]:
    """Register a function as the extractor filling `DocumentContext.<name>`."""

    def register(function: Extractor) -> Extractor:
        EXTRACTORS[name] = function
        return function

    return register


def load_extractors() -> dict[str, Extractor]:
    import_members(__name__, EXTRACTOR_MODULES)
    return EXTRACTORS


def analyse_document(document: Document, doc: Doc, names: Sequence[str]) -> DocumentAnalysis:
    """Run the named extractors in order over one parsed document."""
    registry = load_extractors()
    context = DocumentContext(document=document, doc=doc)
    for name in names:
        if name not in registry:
            continue  # an extractor not installed in this build is skipped, not faked
        produced = registry[name](context)
        target = getattr(context, name)
        if produced is not target:
            target.extend(produced)
    return DocumentAnalysis(
        document=document,
        actors=context.actors,
        quotes=context.quotes,
        events=context.events,
        claims=context.claims,
        framing=context.framing,
        pipeline=extractor_version(),
    )


@lru_cache(maxsize=1)
def extractor_version() -> str:
    """A digest of the extraction code and data: a stored analysis made by other code is redone."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for folder in ("extract", "lang", "data"):
        for path in sorted((package / folder).rglob("*")):
            if path.is_file() and path.suffix in {".py", ".yaml", ".yml", ".tsv", ".txt", ".json"}:
                digest.update(path.relative_to(package).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
