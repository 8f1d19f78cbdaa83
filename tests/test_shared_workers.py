"""Several workers: N pool processes analyse every batch; this process warms the
extractors up before they fork, then only stores what they return, in input order."""

from __future__ import annotations

from collections.abc import Callable
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
