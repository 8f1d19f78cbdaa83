"""`compare`: the reports named (document ids, sources, a story id, or new inputs), linked
on their own so every group and finding is about exactly these reports."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from presswatch.errors import PresswatchError
from presswatch.link import link_corpus
from presswatch.model import DocumentAnalysis, Record
from presswatch.pipeline import RunObserver, run_analysis
from presswatch.settings import Settings
from presswatch.store import Store


def resolve_stored(store: Store, targets: Sequence[str]) -> tuple[list[str], list[str]]:
    """(document ids found in the store, targets that still need analysing)."""
    record = store.load_record()
    known = {d.id for d in record.documents}
    stories = {s.id: s.documents for s in record.stories}
    found: list[str] = []
    pending: list[str] = []
    for target in targets:
        if target in known:
            found.append(target)
        elif target in stories:
            found.extend(stories[target])
        elif (doc := store.document_for_source(target)) is not None:
            found.append(doc)
        else:
            pending.append(target)
    return list(dict.fromkeys(found)), pending


def compare_reports(
    targets: Sequence[str],
    *,
    settings: Settings,
    db: str | Path | None = None,
    observer: RunObserver | None = None,
) -> Record:
    """The corpus record of just these reports, analysing any not stored yet."""
    if db is None or not Path(db).exists():
        record, _ = run_analysis(targets, settings=settings, db=db, observer=observer)
        if not record.documents:
            raise PresswatchError("compare: none of the inputs could be read")
        return record
    with Store.read(db) as store:
        found, pending = resolve_stored(store, targets)
    if pending:
        analysed, _ = run_analysis(pending, settings=settings, db=db, observer=observer)
        found.extend(d.id for d in analysed.documents if d.id not in found)
    with Store.read(db) as store:
        analyses: list[DocumentAnalysis] = store.load_analyses(found)
        # Linked as the stored corpus is, so actors keep the ids the store gives them.
        link = store.link_settings()
    if not analyses:
        raise PresswatchError("compare: none of the inputs could be read")
    return link_corpus(analyses, settings, link)
