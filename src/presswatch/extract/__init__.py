"""Per-document extraction: spaCy components that read a parse and hang records on the Doc.

Each extractor module declares one component with `@Language.factory("presswatch_<name>",
requires=…, assigns=["doc._.pw_<name>"])`, also exposed through the `spacy_factories`
entry point, so any pipeline can `nlp.add_pipe("presswatch_quotes")`. Components read and
write only Doc extensions:

- `doc._.pw_document`: the `Document` (id, published date, dateline place), set before the
  pipe runs (`document_doc`); without it the text alone is the document;
- `doc._.pw_actors` and `doc._.pw_mentions`: the actors and the index of their mentions,
  which later components resolve speakers and participants through;
- `doc._.pw_quotes`, `doc._.pw_events`, `doc._.pw_claims`, `doc._.pw_framing`: the records.

`Settings.extractors` names the components in order (`quotes` is `presswatch_quotes`); a
name no factory has is spaCy's error. No I/O happens here: this stage is pure and runs in
worker processes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from presswatch.extract.doc_index import doc_text, made_from
from presswatch.extract.mentions import MentionIndex
from presswatch.model import (
    Actor,
    Claim,
    Document,
    DocumentAnalysis,
    Event,
    FramingSpan,
    Quote,
    document_id,
)
from presswatch.registry import import_members

# Modules that declare the components; importing one registers its factory with spaCy.
EXTRACTOR_MODULES = ("actors", "quotes", "events", "claims", "framing")
FACTORY_PREFIX = "presswatch_"
EXTENSIONS = (
    "pw_document",
    "pw_actors",
    "pw_mentions",
    "pw_quotes",
    "pw_events",
    "pw_claims",
    "pw_framing",
)
for _extension in EXTENSIONS:
    if not Doc.has_extension(_extension):
        Doc.set_extension(_extension, default=None)


def factory_name(extractor: str) -> str:
    """The spaCy factory of an extractor named in `Settings.extractors`."""
    return f"{FACTORY_PREFIX}{extractor}"


def add_extractors(nlp: Language, extractors: Sequence[str]) -> Language:
    """Add the named presswatch components to a pipeline, in order; an unknown name is
    spaCy's error naming the factories there are."""
    import_members(__name__, EXTRACTOR_MODULES)  # the factories, with or without entry points
    for extractor in extractors:
        nlp.add_pipe(factory_name(extractor))
    return nlp


def extraction_pipes(nlp: Language) -> list[str]:
    """The pipeline's presswatch components, in order."""
    return [
        name
        for name in nlp.pipe_names
        if nlp.get_pipe_meta(name).factory.startswith(FACTORY_PREFIX)
    ]


def run_extractors(nlp: Language, doc: Doc) -> Doc:
    """The pipeline's presswatch components over a Doc its other components have parsed."""
    for name in extraction_pipes(nlp):
        doc = nlp.get_pipe(name)(doc)
    return doc


class RecordsComponent:
    """A component hanging one extractor's records on the Doc, as `doc._.<extension>`."""

    def __init__(self, extension: str, extract: Callable[[Doc], list[Any]]) -> None:
        self.extension = extension
        self.extract = extract

    def __call__(self, doc: Doc) -> Doc:
        setattr(doc._, self.extension, self.extract(doc))
        return doc


def document_doc(nlp: Language, document: Document) -> Doc:
    """The document's text as a Doc that carries the document, ready for the pipeline."""
    doc = made_from(nlp.make_doc(document.text), document.text)
    doc._.pw_document = document
    return doc


def analyse_documents(
    nlp: Language, documents: Iterable[Document], batch_size: int | None = None
) -> Iterator[DocumentAnalysis]:
    """Each document through the whole pipeline, its analysis in input order."""
    docs = (document_doc(nlp, document) for document in documents)
    for doc in nlp.pipe(docs, batch_size=batch_size):
        yield analysis_of(doc)


def document_of(doc: Doc) -> Document:
    """The document a Doc carries; a Doc made from bare text gets one from its text."""
    document = doc._.pw_document
    if not isinstance(document, Document):
        text = doc_text(doc)
        document = Document(id=document_id(text), source="text", text=text)
        doc._.pw_document = document
    return document


def actors_of(doc: Doc) -> list[Actor]:
    found: list[Actor] | None = doc._.pw_actors
    return found if found is not None else []


def mentions_of(doc: Doc) -> MentionIndex:
    found: MentionIndex | None = doc._.pw_mentions
    return found if found is not None else MentionIndex()


def quotes_of(doc: Doc) -> list[Quote]:
    found: list[Quote] | None = doc._.pw_quotes
    return found if found is not None else []


def analysis_of(doc: Doc) -> DocumentAnalysis:
    """The records the components hung on a Doc, as one document's analysis."""
    events: list[Event] = doc._.pw_events or []
    claims: list[Claim] = doc._.pw_claims or []
    framing: list[FramingSpan] = doc._.pw_framing or []
    return DocumentAnalysis(
        document=document_of(doc),
        actors=actors_of(doc),
        quotes=quotes_of(doc),
        events=events,
        claims=claims,
        framing=framing,
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
