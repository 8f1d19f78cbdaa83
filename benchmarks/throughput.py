"""Throughput of presswatch against bare spaCy, as ratios measured in one run.

    .venv/bin/python benchmarks/throughput.py [--words 100000] [--model NAME] [--runs 2]
        [--polnear N]

The texts are examples/ repeated until they reach --words (or, with --polnear N, the
first N PolNeAR train articles read in place from ../shared/data). Bare spaCy is
`nlp.pipe` over them with the model as spaCy loads it. Ours is, in one run:

- the per-document stage (`presswatch.pipeline.analyse_batch`: language check, parse,
  every registered extractor) in one process;
- a whole run (`run_analysis` over the texts written as files, with a store: ingest,
  analyse, store, link) with one worker and with two.

Then where the time goes: each spaCy component alone (as spaCy ships it, and our lookup
attribute rules), each extractor alone on parsed documents, and the parts of a whole run
(ingest, language check, analyse, pickling analyses to and from a worker, store, link).
The two-worker speed-up is also estimated from CPU times (`RunTimes.idle_estimate`), which
load on a shared machine hardly changes; the wall-time ratio is the measure when the
machine is idle. The last lines are the issue 17 "Done when" figures. Absolute speed depends on the
machine and its load (printed); the ratios are what docs/PERFORMANCE.md records.
"""

from __future__ import annotations

import argparse
import os
import pickle
import resource
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import spacy

from presswatch import pipeline
from presswatch.extract import document_doc, extraction_pipes
from presswatch.ingest import read_inputs
from presswatch.ingest.language import detect_language
from presswatch.link import link_context, member_names
from presswatch.model import Document, document_id
from presswatch.nlp import build_pipeline, load_pipeline
from presswatch.pipeline import RunObserver, analyse_batch, run_analysis
from presswatch.settings import Settings
from presswatch.store import Store

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
DATA = ROOT.parent / "shared" / "data"


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


def polnear(count: int, data: Path) -> list[Document]:
    """The first `count` PolNeAR train articles, read where they are (never copied)."""
    documents = []
    for path in sorted((data / "polnear" / "train" / "text").glob("*.txt"))[:count]:
        text = path.read_text(encoding="utf-8")
        documents.append(Document(id=document_id(text), source=path.name, text=text))
    return documents


def best_of(runs: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def timed(work: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = work()
    return time.perf_counter() - start, result


def load() -> str:
    return "load average " + " ".join(f"{n:.2f}" for n in os.getloadavg())


@dataclass
class RunTimes:
    """A whole run's wall time and the CPU time behind it: this process's, the part of it
    after the last batch was stored (linking, storing the record: nothing runs beside
    it), and the worker processes' (reaped when the pool shuts down)."""

    wall: float
    cpu: float
    tail: float
    workers_cpu: float

    def idle_estimate(self, cores: int) -> float:
        """Seconds the run would take with `cores` free cores, from CPU times: what runs
        beside the workers shares the cores evenly, the tail runs alone. Load on a
        shared machine stretches wall time but hardly CPU time; an uneven split of the
        batches between workers is not counted."""
        if not self.workers_cpu:
            return self.cpu
        return (self.workers_cpu + self.cpu - self.tail) / cores + self.tail


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def whole_run(folder: str, model: str, workers: int, store: bool) -> RunTimes:
    """A whole run into a new store (or none): ingest, analyse, store, link."""
    stored: list[float] = []
    observer = RunObserver(on_advance=lambda count: stored.append(time.process_time()))
    with tempfile.TemporaryDirectory() as scratch:
        settings = Settings(model=model, workers=workers)
        db = Path(scratch) / "bench.db" if store else None
        cpu, children = time.process_time(), children_cpu()
        seconds, _ = timed(
            lambda: run_analysis([folder], settings=settings, db=db, observer=observer)
        )
        end = time.process_time()
    return RunTimes(seconds, end - cpu, end - stored[-1], children_cpu() - children)


def component_split(documents: list[Document], model: str, settings: Settings) -> dict[str, float]:
    """Seconds of each spaCy component alone (batched as nlp.pipe batches them) and of
    each extractor alone on the parsed documents (earlier extractors run first, untimed)."""
    shares: dict[str, float] = {}
    bare = spacy.load(model)
    ours = load_pipeline(model, settings.extractors)
    texts = [d.text for d in documents]
    # Two passes, the faster of each kept: the first fills the lemmatizer's cache, as the
    # pipeline's own cache is full after the first documents of a long run.
    for _ in range(2):
        seconds, docs = timed(lambda: [bare.make_doc(t) for t in texts])
        shares["tokenizer"] = min(seconds, shares.get("tokenizer", seconds))
        for name, component in bare.pipeline:
            start = time.perf_counter()
            docs = list(component.pipe(docs, batch_size=settings.batch_size))
            seconds = time.perf_counter() - start
            shares[name] = min(seconds, shares.get(name, seconds))
    # Our attribute rules on the same input as spaCy's ruler had (tagged and parsed).
    with bare.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        tagged = list(bare.pipe(texts, batch_size=settings.batch_size))
    rules = ours.get_pipe("attribute_ruler")
    shares["attribute rules by lookup (ours)"], _ = timed(lambda: [rules(d) for d in tagged])
    pipes = extraction_pipes(ours)
    parsed = list(
        ours.pipe(
            (document_doc(ours, d) for d in documents),
            batch_size=settings.batch_size,
            disable=pipes,
        )
    )
    for position, name in enumerate(pipes):
        for doc in parsed:
            for earlier in pipes[:position]:
                ours.get_pipe(earlier)(doc)
        component = ours.get_pipe(name)
        shares[name.removeprefix("presswatch_")], _ = timed(
            lambda c=component: [c(doc) for doc in parsed]
        )
    return shares


def stage_with(nlp: Any, documents: list[Document], settings: Settings) -> float:
    """`analyse_batch` time with `nlp` as the process's pipeline."""
    own = pipeline.load_pipeline
    pipeline.load_pipeline = lambda *args: nlp  # type: ignore[assignment]
    try:
        seconds, _ = timed(lambda: analyse_batch(documents, settings, "bench"))
    finally:
        pipeline.load_pipeline = own
    return seconds


def run_split(folder: str, documents: list[Document], settings: Settings) -> dict[str, float]:
    """Seconds of the parts of a whole run, each timed on its own."""
    parts: dict[str, float] = {}
    parts["ingest (read, clean, hash)"], _ = timed(lambda: list(read_inputs([folder], settings)))
    parts["language check"], _ = timed(lambda: [detect_language(d.text) for d in documents])
    parts["analyse (parse + extract)"], (analyses, _) = timed(
        lambda: analyse_batch(documents, settings, "bench")
    )
    parts["pickle analyses to/from a worker"], _ = timed(
        lambda: pickle.loads(pickle.dumps(analyses))
    )
    with tempfile.TemporaryDirectory() as scratch, Store.open(Path(scratch) / "s.db") as store:
        size = settings.batch_size
        parts["store analyses"], _ = timed(
            lambda: [
                store.save_analyses(analyses[i : i + size]) for i in range(0, len(analyses), size)
            ]
        )

        parts["link"], context = timed(lambda: link_context(analyses, settings))
        names = member_names(analyses, context.scratch.get("actor_ids", {}))
        try:
            parts["store the record"], _ = timed(lambda: store.save_corpus(context.record, names))
        except sqlite3.Error as error:  # reported, so the other figures still print
            print(f"  storing the record failed: {error}")
    return parts


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--words", type=int, default=100_000)
    parser.add_argument("--polnear", type=int, default=0, help="N PolNeAR train articles")
    parser.add_argument("--data", type=Path, default=DATA, help="the folder holding polnear/")
    parser.add_argument(
        "--no-store", action="store_true", help="whole runs without a store (link only)"
    )
    parser.add_argument("--model", default=Settings().model)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--no-split", action="store_true", help="only the Done-when figures")
    options = parser.parse_args()
    settings = Settings(model=options.model)
    documents = polnear(options.polnear, options.data) if options.polnear else corpus(options.words)
    # The bare run reads the text as it is; ours reads what ingest makes of the files.
    words = sum(len(d.text.split()) for d in documents)
    texts = [d.text for d in documents]
    print(f"corpus: {len(documents)} documents, {words} words, model {options.model}")
    print(f"  median doc words: {statistics.median(len(t.split()) for t in texts):.0f}")
    print(f"  at start: {load()}")
    bare_nlp = spacy.load(options.model)  # as spaCy ships it
    load_pipeline(options.model, settings.extractors)
    # Warm both paths once so that lazy loading is not measured.
    list(bare_nlp.pipe(texts[:4]))
    analyse_batch(documents[:4], settings, "bench")

    with tempfile.TemporaryDirectory() as folder:
        for number, document in enumerate(documents):
            (Path(folder) / f"{number:05d}.txt").write_text(document.text, encoding="utf-8")
        bare = bare_cpu = float("inf")
        for _ in range(options.runs):
            cpu = time.process_time()
            seconds, _ = timed(lambda: list(bare_nlp.pipe(texts, batch_size=settings.batch_size)))
            bare, bare_cpu = min(bare, seconds), min(bare_cpu, time.process_time() - cpu)
        # Ours against the same stage with spaCy's attribute_ruler, taken in
        # turns so that a change in the machine's load falls on both.
        plain = build_pipeline(options.model, settings.extractors, lookup_rules=False)
        stage_with(plain, documents[:4], settings)
        ours = with_spacys = float("inf")
        for _ in range(options.runs):
            ours = min(ours, best_of(1, lambda: analyse_batch(documents, settings, "bench")))
            with_spacys = min(with_spacys, stage_with(plain, documents, settings))
        one_run = whole_run(folder, options.model, 1, not options.no_store)
        two_run = whole_run(folder, options.model, 2, not options.no_store)
        one, two = one_run.wall, two_run.wall
        print(f"  after the whole runs: {load()}")
        split = {} if options.no_split else run_split(folder, documents, settings)
    shares = {} if options.no_split else component_split(documents, options.model, settings)

    print(f"bare nlp.pipe:            {words / bare:8.0f} words/s")
    print(
        f"per-document stage:       {words / ours:8.0f} words/s   ours/bare time {ours / bare:.2f}"
    )
    print(
        f"  with spaCy's attr. ruler: {words / with_spacys:5.0f} words/s   ours/bare time "
        f"{with_spacys / bare:.2f} (its attribute_ruler as spaCy ships it)"
    )
    print(f"whole run, 1 worker:      {words / one:8.0f} words/s   ours/bare time {one / bare:.2f}")
    print(
        f"  in CPU time: {one_run.cpu:.1f} s against bare {bare_cpu:.1f} s, "
        f"ours/bare {one_run.cpu / bare_cpu:.2f}"
    )
    print(f"whole run, 2 workers:     {words / two:8.0f} words/s   speed-up {one / two:.2f}x")
    print(
        f"  from CPU times (2 free cores, even split): speed-up "
        f"{one_run.idle_estimate(2) / two_run.idle_estimate(2):.2f}x "
        f"(1 worker: {one_run.cpu:.1f} s CPU, {one_run.tail:.1f} s after the last batch; "
        f"2 workers: {two_run.workers_cpu:.1f} s in workers, {two_run.cpu:.1f} s here, "
        f"{two_run.tail:.1f} s after the last batch)"
    )
    if shares:
        print("components alone, % of bare nlp.pipe time:")
        for name, seconds in shares.items():
            print(f"  {name:<34} {seconds:7.2f} s  {100 * seconds / bare:5.1f}%")
    if split:
        print("parts of a whole run (1 worker), each alone, % of bare nlp.pipe time:")
        for name, seconds in split.items():
            print(f"  {name:<34} {seconds:7.2f} s  {100 * seconds / bare:5.1f}%")
    print(f"at end: {load()}")
    print("Done when (issue 17):")
    print(
        f"  whole run, 1 worker, vs bare words/s: {bare / one:.2f}x "
        f"({'met' if one <= bare else 'not met'}: needs >= 1.00x; "
        f"in CPU time {bare_cpu / one_run.cpu:.2f}x)"
    )
    print(
        f"  whole run, 2 workers over 1:          {one / two:.2f}x "
        f"({'met' if one / two >= 1.8 else 'not met'}: needs >= 1.80x; "
        f"from CPU times {one_run.idle_estimate(2) / two_run.idle_estimate(2):.2f}x)"
    )


if __name__ == "__main__":
    sys.exit(main())
