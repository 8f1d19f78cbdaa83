"""Streaming: inputs are read lazily and at most `in_flight` batches wait for a worker."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import Future
from typing import Any

import pytest

from presswatch import pipeline
from presswatch.model import Document, DocumentAnalysis
from presswatch.pipeline import bounded, in_flight
from presswatch.settings import Settings


class CountingExecutor:
    """Runs nothing until a result is asked for; records the most batches outstanding."""

    def __init__(self) -> None:
        self.outstanding = 0
        self.most = 0

    def submit(self, fn: Callable[..., Any], /, *args: Any) -> Future[Any]:
        self.outstanding += 1
        self.most = max(self.most, self.outstanding)
        future: Future[Any] = Future()
        original = future.result

        def result(timeout: float | None = None) -> Any:
            if not future.done():
                self.outstanding -= 1
                future.set_result(fn(*args))
            return original(timeout)

        future.result = result  # type: ignore[method-assign]
        return future


def documents(count: int, read: list[int]) -> Iterator[list[Document]]:
    for number in range(count):
        read.append(number)
        yield [Document(id=f"d{number}", source=f"s{number}", text=f"text {number}")]


def fake_batch(
    batch: list[Document], settings: Settings, version: str
) -> tuple[list[DocumentAnalysis], list[str]]:
    return [DocumentAnalysis(document=d, pipeline=version) for d in batch], []


@pytest.mark.parametrize("workers", [2, 3])
def test_no_more_than_in_flight_batches_are_submitted_and_inputs_are_read_lazily(
    workers: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "analyse_batch", fake_batch)
    settings = Settings(workers=workers)
    executor = CountingExecutor()
    read: list[int] = []
    results = bounded(executor, documents(40, read), settings, "v")
    first, _ = next(results)
    assert first[0].document.id == "d0"
    # Reading stays no further ahead of the results than the batches in flight.
    assert len(read) == in_flight(settings) == 2 * workers
    rest = [analyses[0].document.id for analyses, _ in results]
    assert rest == [f"d{n}" for n in range(1, 40)]  # input order
    assert executor.most == in_flight(settings)
