"""Time the read commands, the web API and the workbench's pages on a store of many reports.

    .venv/bin/python benchmarks/store_reads.py [--reports 3000] [--runs 3] [--db FILE] [--browser]

Analysing 3,000 reports takes too long for a benchmark, so the store is built from
examples/: they are analysed once, then their analyses and linked record are written again
and again through the store's own save methods, each copy with its own ids and a distinct
line appended to every text (so each copy is a distinct document with its own content
hash). Every command runs as a fresh process, as a user runs it; the time is the best of
--runs. `--db FILE` keeps the store (or reuses it when it exists). `--browser` also
times the workbench's search and story pages in headless Chromium, from navigation to the
load event.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any

import presswatch
from presswatch.model import DocumentAnalysis, Record, document_id
from presswatch.store import Store

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
CLI = [sys.executable, "-m", "presswatch.cli"]
# What a user asks of the store; each is timed on its own. {db} is the store.
COMMANDS = [
    ["--help"],
    ["quotes", "--help"],
    ["eval", "--help"],
    ["actors", "--db", "{db}"],
    ["actors", "--db", "{db}", "--json"],
    ["actors", "--db", "{db}", "--kind", "person", "--name", "Khamenei"],
    ["quotes", "--db", "{db}"],
    ["quotes", "--db", "{db}", "--speaker", "Khamenei"],
    ["claims", "--db", "{db}"],
    ["claims", "--db", "{db}", "--subject", "prisoners"],
    ["findings", "--db", "{db}"],
    ["findings", "--db", "{db}", "--kind", "contradiction"],
    ["search", "Khamenei", "--db", "{db}"],
]
# The record's lists whose items have ids other records point to (documents apart).
ID_LISTS = ("actors", "quotes", "events", "claims", "findings", "stories", "quote_groups")


def renamed(value: Any, names: dict[str, str]) -> Any:
    """`value` (JSON data) with every string that is an id in `names` replaced."""
    if isinstance(value, str):
        return names.get(value, value)
    if isinstance(value, list):
        return [renamed(item, names) for item in value]
    if isinstance(value, dict):
        return {key: renamed(item, names) for key, item in value.items()}
    return value


def copy_names(record: Record, texts: dict[str, str], copy: int) -> dict[str, str]:
    """New ids for one copy: documents by their new text, every other id suffixed."""
    names = {doc_id: document_id(text) for doc_id, text in texts.items()}
    for kind in ID_LISTS:
        for item in getattr(record, kind):
            names[item.id] = f"{item.id}-{copy}"
    return names


def build_store(db: Path, reports: int) -> None:
    """A store of at least `reports` documents, copies of the analysed examples."""
    with tempfile.TemporaryDirectory() as folder:
        seed_db = Path(folder) / "seed.db"
        seed = presswatch.analyze([str(EXAMPLES)], db=seed_db)
        with Store.open(seed_db) as store:
            analyses = store.load_analyses([d.id for d in seed.documents])
    copies = -(-reports // len(seed.documents))
    corpus: dict[str, list[Any]] = {kind: [] for kind in Record.model_fields if kind != "schema_"}
    with Store.open(db) as store:
        for copy in range(copies):
            texts = {
                d.id: d.text if copy == 0 else f"{d.text}\n\n(Copy {copy}.)" for d in seed.documents
            }
            names = copy_names(seed, texts, copy) if copy else {}
            batch = []
            for analysis in analyses:
                data = renamed(analysis.model_dump(), names)
                data["document"]["text"] = texts[analysis.document.id]
                batch.append(DocumentAnalysis.model_validate(data))
            store.save_analyses(batch)
            data = renamed(seed.model_dump(), names)
            for original, document in zip(seed.documents, data["documents"], strict=True):
                document["text"] = texts[original.id]
            for kind, items in data.items():
                if kind in corpus:
                    corpus[kind].extend(items)
        store.save_corpus(Record.model_validate(corpus))


def best_of(runs: int, command: list[str], output: Path | None) -> tuple[float, int]:
    """Seconds of the fastest of `runs` runs, and the lines it printed (kept in `output`)."""
    times, printed = [], b""
    for _ in range(runs):
        start = time.perf_counter()
        printed = subprocess.run(command, capture_output=True, check=True).stdout
        times.append(time.perf_counter() - start)
    if output is not None:
        output.write_bytes(printed)
    return min(times), printed.count(b"\n")


def time_api(db: Path, runs: int, output: Path | None) -> list[tuple[str, float, int]]:
    """Seconds per request of the serve API and the workbench's pages (in this process,
    each request opens the store, as the server does)."""
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

    from presswatch.web.app import create_app

    with Store.read(db) as store:
        documents = store.document_ids()
        doc_id = documents[len(documents) // 2]
        stories = store.connection.execute(
            "SELECT id FROM stories WHERE json_array_length(json, '$.documents') > 1"
        ).fetchall()
        story = stories[len(stories) // 2][0]
        speaker = store.connection.execute(
            "SELECT speaker FROM quotes WHERE speaker IS NOT NULL GROUP BY speaker"
            " ORDER BY count(*) DESC LIMIT 1"
        ).fetchone()[0]
    client = TestClient(create_app(db), base_url="http://127.0.0.1:8000")
    rows = []
    paths = (
        f"/api/documents/{doc_id}",
        "/api/search?q=Khamenei",
        "/search?q=Khamenei",
        "/search?q=Darwish&kind=quote&outlet=Press+TV",
        "/search?q=ceasefire&since=2025-02-01&until=2025-02-28&page=3",
        "/stories",
        f"/stories/{story}",
        f"/actors/{speaker}",
        f"/documents/{doc_id}",
        "/findings?kind=contradiction",
    )
    for path in paths:
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            response = client.get(path)
            times.append(time.perf_counter() - start)
            response.raise_for_status()
        if output is not None:
            output.joinpath(f"api-{len(rows)}.out").write_bytes(response.content)
        rows.append((f"GET {path}", min(times), len(response.content)))
    return rows


def time_in_browser(db: Path, runs: int) -> list[tuple[str, float]]:
    """Milliseconds from navigation start to the load event of the search and story pages
    in headless Chromium, served by `presswatch serve` (the test's DevTools driver)."""
    import shutil
    import signal
    import socket

    sys.path.insert(0, str(EXAMPLES.parent))
    from tests.web.cdp import Browser

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("chromium is not installed: no browser timings", file=sys.stderr)
        return []
    with Store.read(db) as store:
        story = store.connection.execute(
            "SELECT id FROM stories WHERE json_array_length(json, '$.documents') > 1"
            " ORDER BY rowid LIMIT 1 OFFSET 100"
        ).fetchone()[0]
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [*CLI, "serve", "--db", str(db), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    rows = []
    try:
        assert server.stdout is not None
        printed = re.search(r"http://\S+/", server.stdout.readline())
        assert printed is not None, "serve printed no URL"
        base = printed.group(0)
        with tempfile.TemporaryDirectory() as profile:
            browser = Browser(chromium, Path(profile))
            try:
                for page in ("search?q=Khamenei", "search?q=Darwish", f"stories/{story}"):
                    times = []
                    for _ in range(runs):
                        browser.load(base + page)
                        times.append(
                            browser.evaluate(
                                "performance.getEntriesByType('navigation')[0].loadEventEnd"
                            )
                        )
                    rows.append((f"browser: /{page}", min(times)))
            finally:
                browser.close()
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reports", type=int, default=3000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--db", type=Path, help="Keep the store here (reused if it exists).")
    parser.add_argument(
        "--browser", action="store_true", help="Also time page loads in headless Chromium."
    )
    parser.add_argument(
        "--outputs", type=Path, help="Write what each command prints to a file in this folder."
    )
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = options.db or Path(folder) / "bench.db"
        if not db.exists():
            start = time.perf_counter()
            build_store(db, options.reports)
            print(f"built {db} in {time.perf_counter() - start:.1f} s", file=sys.stderr)
        with Store.read(db) as store:
            counts = store.counts()
        print(
            f"store: {counts['record_documents']} documents, {counts['actors']} actors, "
            f"{counts['quotes']} quotes, {counts['claims']} claims, "
            f"{counts['findings']} findings; best of {options.runs} runs\n"
        )
        print("| command | seconds | lines out |\n|---|---:|---:|")
        if options.outputs:
            options.outputs.mkdir(parents=True, exist_ok=True)
        for number, command in enumerate(COMMANDS):
            output = options.outputs / f"{number:02d}.out" if options.outputs else None
            arguments = CLI + [a.format(db=db) for a in command]
            seconds, lines = best_of(options.runs, arguments, output)
            shown = " ".join(a.replace("{db}", "FILE") for a in command)
            print(f"| `presswatch {shown}` | {seconds:.2f} | {lines:,} |")
        for what, seconds, size in time_api(db, options.runs, options.outputs):
            print(f"| `{what}` | {seconds:.3f} | {size:,} bytes |")
        if options.browser:
            for what, milliseconds in time_in_browser(db, options.runs):
                print(f"| {what} (load event) | {milliseconds / 1000:.3f} | |")


if __name__ == "__main__":
    sys.exit(main())
