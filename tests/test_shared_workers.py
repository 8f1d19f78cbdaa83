"""Several workers: N pool processes analyse every batch; this process warms the
extractors up before they fork, then only stores what they return, in input order."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from typing import Any, ClassVar

import pytest

from presswatch import pipeline
from presswatch.model import Document, DocumentAnalysis
from presswatch.pipeline import RunObserver, RunSummary, in_flight
from presswatch.settings import Settings
from tests.test_streaming import CountingExecutor


class RecordingPool(CountingExecutor):
    """Stands in for ProcessPoolExecutor: records its size and the batches it was given."""

    made: ClassVar[list[RecordingPool]] = []

    def __init__(self, max_workers: int, **_: Any) -> None:
        super().__init__()
        self.max_workers = max_workers
        self.submitted: list[str] = []
        RecordingPool.made.append(self)

    def submit(self, fn: Callable[..., Any], /, *args: Any) -> Any:
        self.submitted.append(args[0][0].id)
        return super().submit(fn, *args)

    def __enter__(self) -> RecordingPool:
        return self

    def __exit__(self, *_: object) -> None:
        return None


@pytest.mark.parametrize("workers", [2, 3])
def test_every_batch_goes_to_a_pool_of_n_processes_after_a_warm_up_in_input_order(
    workers: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    analysed: list[list[str]] = []

    def analyse(
        batch: list[Document], settings: Settings, version: str
    ) -> tuple[list[DocumentAnalysis], list[str]]:
        analysed.append([d.text for d in batch])
        return [DocumentAnalysis(document=d, pipeline=version) for d in batch], []

    monkeypatch.setattr(pipeline, "analyse_batch", analyse)
    monkeypatch.setattr(pipeline, "ProcessPoolExecutor", RecordingPool)
    RecordingPool.made.clear()
    long_text = "word " * pipeline.WARM_UP_CHARACTERS
    documents = [
        Document(id=f"d{n}", source=f"s{n}", text=long_text if n == 0 else f"text {n}")
        for n in range(30)
    ]
    settings = Settings(workers=workers, batch_size=1)
    results = pipeline._analyse_in_batches(
        iter(documents), settings, "v", RunSummary(), RunObserver()
    )
    order = [batch[0].document.id for batch in results]
    assert order == [f"d{n}" for n in range(30)]
    [pool] = RecordingPool.made
    assert pool.max_workers == workers
    assert pool.submitted == order
    assert pool.most <= in_flight(settings)
    # The warm-up: the first document's opening, analysed here once before the pool.
    assert analysed[0] == [long_text[: pipeline.WARM_UP_CHARACTERS]]
    assert len(analysed) == 31


def test_the_last_documents_go_to_the_pool_in_ever_smaller_batches() -> None:
    read: list[int] = []

    def documents(count: int) -> Iterator[Document]:
        for n in range(count):
            read.append(n)
            yield Document(id=f"d{n}", source=f"s{n}", text=f"text {n}")

    batches = pipeline._tapering_batches(documents(150), 16, 2)
    first = next(batches)
    assert len(first) == 16
    assert len(read) == 16  # a batch for each worker goes out as soon as it is read
    second = next(batches)
    assert len(read) == 32
    third = next(batches)
    assert len(read) == 48 + 16 * 2  # then a batch per worker ahead, no further
    rest = [second, third, *batches]
    sizes = [16, *(len(b) for b in rest)]
    assert [d.id for b in [first, *rest] for d in b] == [f"d{n}" for n in range(150)]
    # Full batches while the input lasts, then smaller and smaller ones down to one.
    full = sizes.index(next(s for s in sizes if s < 16))
    assert full >= 6 and all(s == 16 for s in sizes[:full])
    assert sizes[full:] == sorted(sizes[full:], reverse=True) and sizes[-1] == 1
    assert sum(sizes[full:]) >= 32
    # Fewer documents than a batch per worker: small batches from the start.
    assert [len(b) for b in pipeline._tapering_batches(documents(5), 16, 2)] == [2, 1, 1, 1]


@pytest.mark.parametrize("workers", [1, 2])
def test_the_loaded_heap_is_frozen_while_batches_are_analysed_and_put_back_after(
    workers: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # In this process after the first batch (which loads what the extractors read); with a
    # pool from the fork on, after the warm-up, so the workers inherit it.
    frozen: list[bool] = []

    def analyse(
        batch: list[Document], settings: Settings, version: str
    ) -> tuple[list[DocumentAnalysis], list[str]]:
        frozen.append(gc.get_freeze_count() > 0)
        return [DocumentAnalysis(document=d, pipeline=version) for d in batch], []

    monkeypatch.setattr(pipeline, "analyse_batch", analyse)
    monkeypatch.setattr(pipeline, "ProcessPoolExecutor", RecordingPool)
    documents = [Document(id=f"d{n}", source=f"s{n}", text=f"text {n}") for n in range(6)]
    settings = Settings(workers=workers, batch_size=2)
    results = pipeline._analyse_in_batches(
        iter(documents), settings, "v", RunSummary(), RunObserver()
    )
    assert [a.document.id for batch in results for a in batch] == [d.id for d in documents]
    # One worker: three batches, the first unfrozen. Two: the warm-up, then the pool's.
    assert frozen[0] is False
    assert all(frozen[1:])
    assert len(frozen) >= 3
    assert gc.get_freeze_count() == 0
