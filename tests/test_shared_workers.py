"""Several workers: this process analyses batches too, beside N - 1 pool processes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import Future
from typing import Any

import pytest

from presswatch import pipeline
from presswatch.model import Document, DocumentAnalysis
from presswatch.pipeline import in_flight, sharing
from presswatch.settings import Settings
from tests.test_streaming import CountingExecutor


class IdlePool(CountingExecutor):
    """A pool whose batches finish only when their result is asked for."""

    def __init__(self) -> None:
        super().__init__()
        self.submitted: list[str] = []

    def submit(self, fn: Callable[..., Any], /, *args: Any) -> Future[Any]:
        self.submitted.append(args[0][0].id)
        return super().submit(fn, *args)


def batches(count: int, read: list[int]) -> Iterator[list[Document]]:
    for number in range(count):
        read.append(number)
        yield [Document(id=f"d{number}", source=f"s{number}", text=f"text {number}")]


def by_whom(
    here: list[str],
) -> Callable[[list[Document], Settings, str], tuple[list[DocumentAnalysis], list[str]]]:
    def analyse(
        batch: list[Document], settings: Settings, version: str
    ) -> tuple[list[DocumentAnalysis], list[str]]:
        here.append(batch[0].id)
        return [DocumentAnalysis(document=d, pipeline=version) for d in batch], []

    return analyse


@pytest.mark.parametrize("workers", [2, 3])
def test_a_busy_pool_leaves_batches_to_this_process_in_input_order_and_bounded(
    workers: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    ran: list[str] = []
    monkeypatch.setattr(pipeline, "analyse_batch", by_whom(ran))
    settings = Settings(workers=workers)
    pool = IdlePool()
    read: list[int] = []
    results = sharing(pool, workers - 1, batches(30, read), settings, "v")
    first, _ = next(results)
    assert first[0].document.id == "d0"
    assert len(read) <= in_flight(settings)
    rest = [analyses[0].document.id for analyses, _ in results]
    assert rest == [f"d{n}" for n in range(1, 30)]
    # The pool takes two batches per process while it is busy; this process the others.
    assert pool.submitted[: 2 * (workers - 1)] == [f"d{n}" for n in range(2 * (workers - 1))]
    assert 0 < len(pool.submitted) < 30
    assert sorted(ran, key=lambda i: int(i[1:])) == [f"d{n}" for n in range(30)]
