"""Throughput of the per-document stage against bare spaCy, as ratios measured in one run.

    .venv/bin/python benchmarks/throughput.py [--words 100000] [--model NAME]

The texts are examples/ repeated until they reach --words. Bare spaCy is `nlp.pipe` over
them; ours is `presswatch.pipeline.analyse_batch` (language check, parse, every registered
extractor) in one process, then `run_analysis` with two worker processes. Each registered
extractor is also timed alone on the already-parsed documents, as a share of parse time.
Absolute speed depends on the machine; the ratios are what docs/PERFORMANCE.md records.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from presswatch.extract import document_doc, extraction_pipes
from presswatch.ingest import read_inputs
from presswatch.model import Document, document_id
from presswatch.nlp import load_pipeline
from presswatch.pipeline import analyse_batch, run_analysis
from presswatch.settings import Settings

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def corpus(words: int) -> list[Document]:
    """Example documents repeated (each copy made distinct) until `words` is reached."""
    originals = [d for d in read_inputs([str(EXAMPLES)], Settings()) if isinstance(d, Document)]
    documents: list[Document] = []
    total = 0
    copy = 0
    while total < words:
        for original in originals:
            text = f"{original.text}\n\n(Copy {copy}.)"
            documents.append(original.model_copy(update={"id": document_id(text), "text": text}))
            total += len(text.split())
        copy += 1
    return documents


def best_of(runs: int, work: object) -> float:
    assert callable(work)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--words", type=int, default=100_000)
    parser.add_argument("--model", default=Settings().model)
    parser.add_argument("--runs", type=int, default=2)
    options = parser.parse_args()
    settings = Settings(model=options.model)
    nlp = load_pipeline(options.model)
    documents = corpus(options.words)
    words = sum(len(d.text.split()) for d in documents)
    texts = [d.text for d in documents]
    # Warm both paths once so that lazy loading is not measured.
    list(nlp.pipe(texts[:4]))
    analyse_batch(documents[:4], settings, "bench")

    bare = best_of(options.runs, lambda: list(nlp.pipe(texts, batch_size=settings.batch_size)))
    ours = best_of(options.runs, lambda: analyse_batch(documents, settings, "bench"))

    full = load_pipeline(options.model, settings.extractors)
    pipes = extraction_pipes(full)
    parsed = list(
        full.pipe(
            (document_doc(full, d) for d in documents),
            batch_size=settings.batch_size,
            disable=pipes,
        )
    )
    shares: dict[str, float] = {}
    for position, name in enumerate(pipes):
        # Later components read earlier results: hang those on the Docs, time only this one.
        for doc in parsed:
            for earlier in pipes[:position]:
                full.get_pipe(earlier)(doc)
        component = full.get_pipe(name)
        start = time.perf_counter()
        for doc in parsed:
            component(doc)
        shares[name.removeprefix("presswatch_")] = time.perf_counter() - start

    with tempfile.TemporaryDirectory() as folder:
        for number, document in enumerate(documents):
            (Path(folder) / f"{number:05d}.txt").write_text(document.text, encoding="utf-8")
        two = best_of(
            1,
            lambda: run_analysis([folder], settings=Settings(model=options.model, workers=2)),
        )
        one_full = best_of(
            1, lambda: run_analysis([folder], settings=Settings(model=options.model))
        )

    print(f"corpus: {len(documents)} documents, {words} words, model {options.model}")
    print(f"bare nlp.pipe:            {words / bare:8.0f} words/s")
    ratio = ours / bare
    print(f"per-document stage:       {words / ours:8.0f} words/s   ours/bare time {ratio:.2f}")
    print(f"whole run, 1 worker:      {words / one_full:8.0f} words/s (ingest+analyse+link)")
    print(f"whole run, 2 workers:     {words / two:8.0f} words/s   speed-up {one_full / two:.2f}x")
    print("extractor time (each alone on parsed documents):")
    for name, seconds in shares.items():
        print(
            f"  {name:<10} {100 * seconds / bare:5.1f}% of bare parse time, "
            f"{100 * seconds / ours:5.1f}% of per-document stage time"
        )
    print(f"  median doc words: {statistics.median(len(t.split()) for t in texts):.0f}")


if __name__ == "__main__":
    sys.exit(main())
