"""Shared fixtures: one spaCy pipeline per test session, a way to analyse a short text, and
the linked record of examples/ (analysed once per session)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from spacy.language import Language

from presswatch.extract import analysis_of, document_doc
from presswatch.link import link_corpus
from presswatch.model import Document, DocumentAnalysis, Record, document_id
from presswatch.nlp import load_pipeline
from presswatch.settings import Settings
from presswatch.store import Store

Analyse = Callable[..., DocumentAnalysis]
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_pipeline(Settings().model)


def make_document(text: str, **meta: str) -> Document:
    return Document(
        id=document_id(text),
        source=meta.pop("source", "test.txt"),
        language=meta.pop("language", "en"),
        text=text,
        **meta,
    )


@pytest.fixture(scope="session")
def analyse() -> Analyse:
    """Run the per-document stage over one text: `analyse(text, outlet=..., published=...)`."""

    def run(
        text: str, extractors: Sequence[str] = Settings().extractors, **meta: str
    ) -> DocumentAnalysis:
        pipeline = load_pipeline(Settings().model, tuple(extractors))
        return analysis_of(pipeline(document_doc(pipeline, make_document(text, **meta))))

    return run


@pytest.fixture(scope="session")
def link(analyse: Analyse) -> Callable[..., Record]:
    """Analyse several (text, metadata) pairs and link them into one corpus record."""

    def run(*documents: tuple[str, dict[str, str]], settings: Settings | None = None) -> Record:
        analyses = [analyse(text, **meta) for text, meta in documents]
        return link_corpus(analyses, settings or Settings())

    return run


def save_linked(db: Path, analyses: Sequence[DocumentAnalysis]) -> Record:
    """Link the analyses and store them and their record at `db`, as `analyze` does."""
    record = link_corpus(analyses, Settings())
    with Store.open(db) as store:
        store.save_analyses(analyses)
        store.save_corpus(record)
    return record


@pytest.fixture(scope="session")
def examples_analysed() -> Record:
    """examples/ analysed and linked once per session; use `examples_record`."""
    from presswatch.pipeline import run_analysis

    found, summary = run_analysis([str(EXAMPLES)], settings=Settings())
    assert summary.failures == []
    return found


@pytest.fixture(scope="module")
def examples_record(examples_analysed: Record) -> Record:
    """The linked record of examples/, a copy of its own for each test module."""
    return examples_analysed.model_copy(deep=True)
