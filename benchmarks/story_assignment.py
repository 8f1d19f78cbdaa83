"""What placing new reports in a stored corpus's stories costs, against regrouping it all.

    .venv/bin/python benchmarks/story_assignment.py --db STORE [--add 10]

STORE is a linked corpus (e.g. one benchmarks/scaling.py built under /tmp/pw-scale); it is
copied first and never written. The `--add` latest reports are taken out of their stories
and placed again, three ways, each timed on the same loaded record:

  1. new reports, whole corpus: `StoryBuilder.build(kept)` — stored stories kept, only the
     new reports placed, every stored report profiled (what the `stories` linker does when
     the record holds stored stories);
  2. new reports, neighbourhood: the same on the record cut to the new reports and the
     stored stories whose reports name one of their actors (what a store lookup such as
     `Store.stories_near` hands the linker): cost bound by the neighbourhood, not the corpus;
  3. full regroup: every report placed anew (`presswatch regroup`), each scored against
     the placed reports its candidate index retrieves (data/story_retrieval.json);
  4. with `--exhaustive`, the same regroup scoring every report of every open story (the
     quadratic reference), and how far the two partitions agree (B³ F1 of one against
     the other, 100 when they are the same).

It prints the table docs/PERFORMANCE.md records and checks that no stored story lost a
report or changed its id in 1 and 2.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import TypeVar

from presswatch.evaluate.coref_metrics import b_cubed
from presswatch.link.stories import StoryBuilder, StoryClusterer, chronological
from presswatch.model import Record, Story
from presswatch.store import Store

T = TypeVar("T")


def timed(run: Callable[[], T]) -> tuple[T, str]:
    """The result and "wall s (CPU s)": CPU time is what counts on a shared machine."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = run()
    return result, f"{time.perf_counter() - wall:.2f} ({time.process_time() - cpu:.2f})"


def neighbourhood(record: Record, new: set[str], kept: list[Story]) -> tuple[Record, list[Story]]:
    """The record cut to the new reports and the kept stories sharing an actor with them."""
    actors_of: dict[str, set[str]] = {}
    for actor in record.actors:
        if actor.kind == "place":
            continue
        for mention in actor.mentions:
            actors_of.setdefault(mention.doc, set()).add(actor.id)
    wanted = set().union(*(actors_of.get(d, set()) for d in new))
    near = [s for s in kept if any(actors_of.get(d, set()) & wanted for d in s.documents)]
    docs = new | {d for s in near for d in s.documents}
    cut = record.model_copy(
        update={
            "documents": [d for d in record.documents if d.id in docs],
            "events": [e for e in record.events if e.mentions and e.mentions[0].doc in docs],
            "stories": [],
        }
    )
    return cut, near


def unchanged(before: list[Story], after: list[Story]) -> bool:
    grown = {s.id: set(s.documents) for s in after}
    return all(s.id in grown and set(s.documents) <= grown[s.id] for s in before)


def agreement(first: list[Story], second: list[Story]) -> float:
    """B³ F1 of one partition of the reports against the other (100: the same stories)."""

    def clustering(stories: list[Story]) -> dict[Hashable, Hashable]:
        return {d: s.id for s in stories for d in s.documents}

    return 100 * b_cubed(clustering(first), clustering(second)).f1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--add", type=int, default=10)
    parser.add_argument(
        "--exhaustive", action="store_true", help="Also regroup scoring every open story."
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        copy = Path(work) / "corpus.db"
        shutil.copy(args.db, copy)
        with Store.open(copy, create=False) as store:
            record, load_seconds = timed(store.load_record)
    new = {d.id for d in chronological(record.documents)[-args.add :]}
    kept = [
        s.model_copy(update={"documents": [d for d in s.documents if d not in new]})
        for s in record.stories
    ]
    kept = [s for s in kept if s.documents]
    whole, whole_seconds = timed(lambda: StoryBuilder(record).build(kept))
    cut, near = neighbourhood(record, new, kept)
    local, local_seconds = timed(lambda: StoryBuilder(cut).build(near))
    full, full_seconds = timed(lambda: StoryBuilder(record).build())
    print(f"{len(record.documents)} reports, {len(kept)} stored stories, {len(new)} new")
    print(f"load the stored record: {load_seconds} s")
    print("| placing | reports profiled | seconds (CPU) | stored stories unchanged |")
    print("|---|---|---|---|")
    print(
        f"| {len(new)} new, whole corpus | {len(record.documents)} | {whole_seconds} "
        f"| {unchanged(kept, whole)} |"
    )
    print(
        f"| {len(new)} new, neighbourhood ({len(near)} stories) | {len(cut.documents)} "
        f"| {local_seconds} | {unchanged(near, local)} |"
    )
    print(f"| all, full regroup | {len(record.documents)} | {full_seconds} | – |")
    print(f"full regroup made {len(full)} stories")
    if args.exhaustive:
        builder = StoryBuilder(record)
        clusterer = StoryClusterer(builder, builder.weights, exhaustive=True)
        every, every_seconds = timed(clusterer.build)
        print(f"| all, exhaustive regroup | {len(record.documents)} | {every_seconds} | – |")
        print(
            f"exhaustive regroup made {len(every)} stories; B³ F1 of the candidate regroup "
            f"against it: {agreement(full, every):.1f}"
        )


if __name__ == "__main__":
    main()
