"""How presswatch grows with the corpus: runs of 1,000, 3,000 (and 10,000) reports.

    .venv/bin/python benchmarks/scaling.py [--sizes 1000 3000] [--work /tmp/pw-scale]
        [--workers 1] [--data ../shared/data] [--add 10]

Reports are generated from PolNeAR paragraphs, read in place from the data folder: report
n takes a run of consecutive paragraphs of one article, chosen by a seeded draw, and one
paragraph of another, under its first article's outlet and date; report n is the same at
every size, so the stores nest. Reports go to --work (never the repository).

For each size, in fresh processes so peak RSS is the stage's own:
  1. `analyze`: the per-document stage, streamed into a new store (linking apart);
  2. `relink`: the full-corpus linking of that store (what `presswatch relink` does);
  3. `add`: 10 new reports analysed into a copy of the linked store and linked to it
     incrementally (what `presswatch analyze NEW --db STORE` does).
`--stage grow LINKED ANALYSED 1` (by hand) links the analyses a larger store holds into a
copy of a smaller linked one, 64 reports at a time, as `analyze` adds reports: how the
3,000-report store was linked when its full relink could not finish on shared cores.
A store already built under --work is reused (delete it to measure again). The table is
printed and written to --work/scaling.json; docs/PERFORMANCE.md records it.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
# A PolNeAR file name: outlet_YYYY-MM-DD_slug.txt
_NAME = re.compile(r"^(?P<outlet>[a-z-]+)_(?P<date>\d{4}-\d{2}-\d{2})_(?P<slug>.+)\.txt$")
PARAGRAPHS = 6
# The 10 added reports are drawn from another seed range, so they are new documents.
ADDED_SEED = 10_000_000


def articles(data: Path) -> list[tuple[str, str, list[str]]]:
    """(outlet, date, paragraphs) of every PolNeAR article, train then dev, by file name."""
    found = []
    for split in ("train", "dev"):
        for path in sorted((data / "polnear" / split / "text").glob("*.txt")):
            match = _NAME.match(path.name)
            if match is None:
                continue
            text = path.read_text(encoding="utf-8")
            paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
            if len(paragraphs) >= 2:
                found.append((match["outlet"], match["date"], paragraphs))
    if not found:
        raise SystemExit(f"no PolNeAR articles under {data / 'polnear'}")
    return found


def report(number: int, pool: list[tuple[str, str, list[str]]]) -> str:
    """Report `number`: a title paragraph, a run of paragraphs of one article and one
    paragraph of another, with the first article's outlet and date."""
    draw = random.Random(number)
    outlet, date, paragraphs = draw.choice(pool)
    start = draw.randrange(max(1, len(paragraphs) - PARAGRAPHS))
    body = paragraphs[start : start + PARAGRAPHS]
    _, _, other = draw.choice(pool)
    body.append(draw.choice(other))
    title = paragraphs[0][:120]
    return f"Title: {title}\nOutlet: {outlet}\nDate: {date}\n\n" + "\n\n".join(body) + "\n"


def write_reports(folder: Path, numbers: range, pool: list[tuple[str, str, list[str]]]) -> int:
    """Write the reports (once) and return their word count."""
    folder.mkdir(parents=True, exist_ok=True)
    words = 0
    for number in numbers:
        path = folder / f"report-{number:08d}.txt"
        if not path.exists():
            path.write_text(report(number, pool), encoding="utf-8")
        words += len(path.read_text(encoding="utf-8").split())
    return words


def peak_rss_mb() -> float:
    """Peak resident memory of this process and its (waited-for) worker processes."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return round(max(own, children) / 1024, 1)


def stage(kind: str, folder: str, db: str, workers: int) -> dict[str, Any]:
    """One stage, in this (fresh) process: time and peak RSS."""
    from presswatch.settings import Settings
    from presswatch.store import Store

    settings = Settings(workers=workers)
    start = time.perf_counter()
    if kind == "relink":
        # As `presswatch relink` runs it: link.staged imports no spaCy (pipeline does).
        from presswatch.link.staged import relink_store

        with Store.open(db) as store:
            link = store.link_settings() or _link(settings)
            relink_store(store, settings, link)
            # As `presswatch relink` does: without them, adding reports relinks in full.
            store.save_link_settings(link)
        return {"seconds": round(time.perf_counter() - start, 1), "peak_rss_mb": peak_rss_mb()}
    from presswatch import pipeline

    if kind == "analyze":
        # Linking is measured as its own stage.
        for name in ("relink_store", "relink_in_own_process"):
            setattr(pipeline, name, lambda *args, **kwargs: None)
        _, summary = pipeline.run_analysis([folder], settings=settings, db=db, keep_record=False)
        done = {"analysed": summary.analysed, "reused": summary.reused}
    elif kind == "grow":
        # `folder` is a linked smaller store of the same reports: the analyses it lacks
        # are copied in from `db` (analysed, not linked) and linked to it by lookup.
        done = grow(Path(folder), Path(db), settings)
    else:
        _, summary = pipeline.run_analysis([folder], settings=settings, db=db, keep_record=False)
        done = {"analysed": summary.analysed}
    return {"seconds": round(time.perf_counter() - start, 1), "peak_rss_mb": peak_rss_mb(), **done}


def grow(linked: Path, analysed: Path, settings: Any) -> dict[str, Any]:
    """Link the analyses `analysed` holds and `linked` lacks into `linked`, a step of
    `INCREMENT_SIZE` reports at a time, as `analyze` adds reports to a stored corpus."""
    from presswatch import pipeline
    from presswatch.link.incremental import link_increment
    from presswatch.store import Store

    with Store.open(linked) as store:
        connection = store.connection
        connection.execute("ATTACH DATABASE ? AS big", (str(analysed),))
        connection.execute("BEGIN IMMEDIATE")
        for table in ("documents", "document_sources", "analyses"):
            connection.execute(f"INSERT OR IGNORE INTO {table} SELECT * FROM big.{table}")
        connection.execute(
            "INSERT INTO documents_fts(document, title, text) SELECT f.document, f.title, f.text"
            " FROM big.documents_fts f WHERE f.document NOT IN (SELECT document FROM documents_fts)"
        )
        connection.execute("COMMIT")
        connection.execute("DETACH DATABASE big")
        link = store.link_settings()
        assert link is not None
        pending = store.unlinked_document_ids()
        start = time.perf_counter()
        for first in range(0, len(pending), pipeline.INCREMENT_SIZE):
            chunk = store.load_analyses(pending[first : first + pipeline.INCREMENT_SIZE])
            if link_increment(store, chunk, settings, link) is None:
                raise SystemExit("a step needed a full relink")
        return {"linked": len(pending), "link_s": round(time.perf_counter() - start, 1)}


def _link(settings: Any) -> Any:
    from presswatch.settings import LinkSettings

    return LinkSettings.read(settings)


def run_stage(kind: str, folder: Path, db: Path, workers: int) -> dict[str, Any]:
    command = [sys.executable, __file__, "--stage", kind, str(folder), str(db), str(workers)]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{kind} failed:\n{done.stderr[-3000:]}")
    output = done.stdout
    result: dict[str, Any] = json.loads(output.strip().splitlines()[-1])
    print(f"  {kind}: {result}", file=sys.stderr, flush=True)
    return result


def measure(size: int, work: Path, workers: int, add: int, pool: Any) -> dict[str, Any]:
    folder = work / f"reports-{size}"
    words = write_reports(folder, range(size), pool)
    db = work / f"store-{size}.db"
    row: dict[str, Any] = {"reports": size, "words": words}
    built = work / f"store-{size}.json"
    if db.exists() and built.exists():
        row.update(json.loads(built.read_text()))
    else:
        db.unlink(missing_ok=True)
        analysed = run_stage("analyze", folder, db, workers)
        linked = run_stage("relink", folder, db, workers)
        row.update(
            analyze_s=analysed["seconds"],
            analyze_rss_mb=analysed["peak_rss_mb"],
            relink_s=linked["seconds"],
            relink_rss_mb=linked["peak_rss_mb"],
        )
        built.write_text(json.dumps({k: v for k, v in row.items() if k not in ("reports",)}))
    row["words_per_s"] = round(words / row["analyze_s"])
    row["store_mb"] = round(db.stat().st_size / 2**20, 1)
    added = work / f"added-{size}"
    write_reports(added, range(ADDED_SEED + size, ADDED_SEED + size + add), pool)
    copy = work / f"store-{size}-add.db"
    shutil.copyfile(db, copy)
    result = run_stage("add", added, copy, 1)
    copy.unlink()
    row.update(add_s=result["seconds"], add_rss_mb=result["peak_rss_mb"])
    # A whole run's peak: the analysis stage and the whole-corpus pass run one after the
    # other (here each in its own process), so the larger of the two (the issue asks that
    # at 10,000 reports within 1.3x of that at 1,000; see `main`).
    row["run_rss_mb"] = max(row["analyze_rss_mb"], row["relink_rss_mb"])
    # What adding reports costs against building the corpus (the issue asks under 5 %).
    row["add_share_pct"] = round(100 * row["add_s"] / (row["analyze_s"] + row["relink_s"]), 2)
    return row


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--stage":
        kind, folder, db, workers = sys.argv[2:6]
        print(json.dumps(stage(kind, folder, db, int(workers))))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 3000])
    parser.add_argument("--work", type=Path, default=Path("/tmp/pw-scale"))
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--add", type=int, default=10)
    options = parser.parse_args()
    options.work.mkdir(parents=True, exist_ok=True)
    pool = articles(options.data)
    rows = []
    for size in options.sizes:
        print(f"{size} reports", file=sys.stderr, flush=True)
        rows.append(measure(size, options.work, options.workers, options.add, pool))
    for row in rows:
        row["run_rss_vs_first"] = round(row["run_rss_mb"] / rows[0]["run_rss_mb"], 2)
    (options.work / "scaling.json").write_text(json.dumps(rows, indent=2))
    columns = list(rows[0])
    print(" | ".join(columns))
    for row in rows:
        print(" | ".join(str(row.get(c, "")) for c in columns))


if __name__ == "__main__":
    main()
