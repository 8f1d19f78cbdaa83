"""The main job end to end: resume after a kill, worker processes, languages, the API."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from spacy.tokens import Doc

import presswatch
from presswatch.nlp import load_pipeline
from presswatch.pipeline import run_analysis
from presswatch.settings import Settings
from presswatch.store import Store

PRESSWATCH = [sys.executable, "-m", "presswatch.cli"]
CITIES = ["Tehran", "Doha", "Cairo", "Muscat", "Ankara", "Amman", "Beirut", "Baghdad"]
NAMES = ["Leila Haddad", "Omar Nasser", "Sara Karimi", "Yusuf Demir", "Hana Saleh"]


def write_corpus(folder: Path, count: int, paragraphs: int = 40) -> Path:
    """Distinct, article-like documents long enough that a run takes several seconds."""
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        city = CITIES[number % len(CITIES)]
        name = NAMES[number % len(NAMES)]
        body = "\n\n".join(
            f"{name} said in {city} on day {number}-{p} that the talks would continue. "
            f'"We expect {number * 7 + p} delegates next week," {name.split()[1]} told '
            f"reporters, adding that officials from {CITIES[(number + p) % len(CITIES)]} "
            "had asked for more time to study the proposal."
            for p in range(paragraphs)
        )
        (folder / f"report-{number:03d}.txt").write_text(
            f"Title: Report {number}\nOutlet: Wire {number % 3}\n"
            f"Date: 2025-03-{number % 28 + 1:02d}\n\n{body}\n",
            encoding="utf-8",
        )
    return folder


def analysed_count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(db, timeout=1) as connection:
            return int(connection.execute("SELECT count(*) FROM analyses").fetchone()[0])
    except sqlite3.OperationalError:
        return 0


@pytest.mark.slow
@pytest.mark.parametrize("stop", [signal.SIGKILL, signal.SIGINT], ids=["SIGKILL", "SIGINT"])
def test_killed_run_leaves_a_consistent_store_and_a_rerun_resumes(
    tmp_path: Path, stop: signal.Signals
) -> None:
    total = 60
    corpus = write_corpus(tmp_path / "in", total, paragraphs=3)
    for attempt in range(3):
        db = tmp_path / f"p{attempt}.db"
        # Batches of two: many commits in a short run, so the kill lands between batches.
        command = [*PRESSWATCH, "analyze", str(corpus), "--db", str(db), "--batch-size", "2"]
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 60
        while analysed_count(db) < 4 and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert process.poll() is None, "the run finished before it could be interrupted"
        process.send_signal(stop)
        _, stderr = process.communicate(timeout=60)
        # On a loaded machine the run can end between the poll and the signal, which then
        # reaches no process: that attempt tested nothing, so it is made again.
        if not (process.returncode == 0 and analysed_count(db) == total):
            break
    if stop == signal.SIGINT:
        assert process.returncode == 130, stderr.decode(errors="replace")[-2000:]
        assert b"interrupted: finished batches are stored" in stderr
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    stored = analysed_count(db)
    assert 4 <= stored < total
    rerun = subprocess.run(
        command, capture_output=True, text=True, check=True, env={**os.environ, "COLUMNS": "120"}
    )
    assert f"already stored │ {stored:>5}" in rerun.stderr
    assert f"analysed now   │ {total - stored:>5}" in rerun.stderr
    clean = tmp_path / "clean.db"
    run_analysis([str(corpus)], settings=Settings(), db=clean)
    with Store.open(db) as resumed, Store.open(clean) as fresh:
        assert resumed.counts() == fresh.counts()
        assert resumed.load_record() == fresh.load_record()


def test_two_worker_processes_give_the_same_record_as_one(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in", 6, paragraphs=3)
    one, _ = run_analysis([str(corpus)], settings=Settings(batch_size=2))
    two, summary = run_analysis([str(corpus)], settings=Settings(batch_size=2, workers=2))
    assert summary.analysed == 6
    assert one == two


def test_non_english_document_is_stored_with_a_warning_and_no_extraction(tmp_path: Path) -> None:
    (tmp_path / "fa.txt").write_text(
        "رهبر انقلاب اسلامی صبح امروز در دیدار هیئتی از رهبران جنبش حماس سخن گفتند و "
        "از مقاومت مردم غزه تجلیل کردند.",
        encoding="utf-8",
    )
    record, summary = run_analysis([str(tmp_path)], settings=Settings(), db=tmp_path / "p.db")
    [document] = record.documents
    assert document.language == "fa"
    assert record.quotes == [] and record.actors == []
    assert summary.warnings == [
        f"{tmp_path / 'fa.txt'}: language fa: stored without extraction (English only)"
    ]
    with Store.open(tmp_path / "p.db") as store:
        assert store.counts()["documents"] == 1


def test_python_api_analyzes_a_folder(tmp_path: Path) -> None:
    record = presswatch.analyze([write_corpus(tmp_path / "in", 2, paragraphs=2)])
    assert len(record.documents) == 2
    assert any(q.speaker for q in record.quotes)


def test_an_extractor_error_is_a_warning_and_the_batch_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(doc: object) -> list[object]:
        raise IndexError("span index out of range")

    corpus = write_corpus(tmp_path / "in", 2, paragraphs=2)
    events = load_pipeline(Settings().model, Settings().extractors).get_pipe("presswatch_events")
    monkeypatch.setattr(events, "extract", broken)
    record, summary = run_analysis([str(corpus)], settings=Settings())
    assert len(record.documents) == 2 and record.events == []
    assert len(summary.warnings) == 2
    assert all(
        "extraction failed (IndexError: span index out of range)" in w for w in summary.warnings
    )


def test_a_document_over_its_time_budget_is_stored_without_records_and_the_run_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    component = load_pipeline(Settings().model, Settings().extractors).get_pipe("presswatch_quotes")
    quotes = component.extract

    def runaway_on_report_0(doc: Doc) -> object:
        if "day 0-" in doc.text:
            while True:  # a pathological text: extraction never ends on its own
                time.sleep(0.01)
        return quotes(doc)

    corpus = write_corpus(tmp_path / "in", 2, paragraphs=2)
    monkeypatch.setattr(component, "extract", runaway_on_report_0)
    db = tmp_path / "pw.db"
    record, summary = run_analysis([str(corpus)], settings=Settings(doc_timeout=0.5), db=db)
    assert summary.warnings == [
        f"{corpus / 'report-000.txt'}: extraction stopped after 0.5 s (--doc-timeout); "
        "stored without records"
    ]
    assert len(record.documents) == 2 and analysed_count(db) == 2
    stuck = next(d.id for d in record.documents if "day 0-" in d.text)
    assert not [q for q in record.quotes if q.doc == stuck]
    assert [q for q in record.quotes if q.doc != stuck]  # the other report kept its quotes
