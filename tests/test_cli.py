"""The command line, driven through typer's runner and as a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
from typer.testing import CliRunner

from presswatch.cli import app
from presswatch.model import record_json_schema
from presswatch.store import Store

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
PRESSWATCH = [sys.executable, "-m", "presswatch.cli"]
runner = CliRunner()

ARTICLES = {
    "muscat.txt": (
        "Outlet: Times of Oman\nDate: 2025-03-02\n\nOmani Foreign Minister Badr Albusaidi "
        'received Iran\'s Abbas Araghchi in Muscat on Sunday. "The talks were useful," '
        "Araghchi told reporters."
    ),
    "doha.txt": (
        "Outlet: Gulf Observer\nDate: 2025-03-03\n\nQatar's prime minister said in Doha that "
        'mediators were cautiously optimistic. "We expect the next round within days," '
        "he said."
    ),
    "cairo.txt": (
        "Outlet: Nile Daily\nDate: 2025-03-03\n\nEgypt's foreign minister Badr Abdelatty said "
        'Cairo would host a reconstruction conference. "Gaza will be rebuilt," he said.'
    ),
}


def write_articles(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_analyze_writes_a_record_that_validates_against_the_schema(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    result = runner.invoke(
        app,
        [
            "analyze",
            str(write_articles(tmp_path / "in")),
            "--db",
            str(tmp_path / "p.db"),
            "--json",
            str(out),
            "--html",
            str(tmp_path / "r.html"),
        ],
    )
    assert result.exit_code == 0, result.output
    record = json.loads(out.read_text())
    jsonschema.validate(record, record_json_schema())
    assert len(record["documents"]) == 3
    assert "<!DOCTYPE html>" in (tmp_path / "r.html").read_text()


def test_bad_inputs_get_one_line_each_the_rest_is_stored_and_exit_is_one(tmp_path: Path) -> None:
    folder = write_articles(tmp_path / "in")
    (folder / "scan.txt").write_bytes(b"%PDF-1.5 binary")
    db = tmp_path / "p.db"
    result = subprocess.run(
        [*PRESSWATCH, "analyze", str(folder), str(tmp_path / "missing.txt"), "--db", str(db)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == [
        f"error: {folder / 'scan.txt'}: binary file (application/pdf)",
        f"error: {tmp_path / 'missing.txt'}: no such file or directory",
    ]
    shown = subprocess.run(
        [*PRESSWATCH, "show", "--db", str(db)], capture_output=True, text=True, check=True
    )
    assert len(json.loads(shown.stdout)["documents"]) == 3


def test_running_twice_stores_nothing_new(tmp_path: Path) -> None:
    folder = write_articles(tmp_path / "in")
    db = tmp_path / "p.db"
    first = runner.invoke(app, ["analyze", str(folder), "--db", str(db)])
    size_rows = _row_counts(db)
    second = runner.invoke(app, ["analyze", str(folder), "--db", str(db)])
    assert first.exit_code == second.exit_code == 0
    assert _row_counts(db) == size_rows
    assert "already stored │     3" in second.output


def test_search_and_show_read_the_store(tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    runner.invoke(app, ["analyze", str(write_articles(tmp_path / "in")), "--db", str(db)])
    found = runner.invoke(app, ["search", "rebuilt", "--db", str(db)])
    assert found.exit_code == 0
    assert "quote\t" in found.stdout and "Nile Daily" in found.stdout
    html = tmp_path / "corpus.html"
    shown = runner.invoke(app, ["show", "--db", str(db), "--html", str(html)])
    assert shown.exit_code == 0 and "Gaza will be rebuilt" in html.read_text()


def test_commands_on_a_missing_store_fail_with_one_line(tmp_path: Path) -> None:
    result = runner.invoke(app, ["search", "x", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2
    assert "none.db: no such store" in result.output


def test_duplicate_text_is_stored_once_and_reported(tmp_path: Path) -> None:
    folder = write_articles(tmp_path / "in")
    (folder / "copy.txt").write_text(ARTICLES["doha.txt"])
    result = subprocess.run(
        [*PRESSWATCH, "analyze", str(folder), "--db", str(tmp_path / "p.db")],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "COLUMNS": "120"},
    )
    assert result.returncode == 0
    assert "copy.txt: duplicate of" in result.stderr or "doha.txt: duplicate of" in result.stderr
    assert _row_counts(tmp_path / "p.db")["documents"] == 3


def _row_counts(db: Path) -> dict[str, int]:
    from presswatch.store import Store

    with Store.open(db, create=False) as store:
        return store.counts()


def test_installed_console_script_analyses_and_searches(tmp_path: Path) -> None:
    script = Path(sys.executable).parent / "presswatch"
    db = tmp_path / "p.db"
    analysed = subprocess.run(
        [str(script), "analyze", str(write_articles(tmp_path / "in")), "--db", str(db)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "COLUMNS": "120"},
    )
    assert analysed.returncode == 0, analysed.stderr
    assert "documents" in analysed.stderr and analysed.stdout == ""
    found = subprocess.run(
        [str(script), "search", "Doha", "--db", str(db)], capture_output=True, text=True, check=True
    )
    assert found.stdout.startswith("document\t") and "Gulf Observer" in found.stdout


def test_show_json_writes_the_stored_record(tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    runner.invoke(app, ["analyze", str(write_articles(tmp_path / "in")), "--db", str(db)])
    out = tmp_path / "corpus.json"
    assert runner.invoke(app, ["show", "--db", str(db), "--json", str(out)]).exit_code == 0
    record = json.loads(out.read_text())
    jsonschema.validate(record, record_json_schema())
    assert sorted(d["outlet"] for d in record["documents"]) == [
        "Gulf Observer",
        "Nile Daily",
        "Times of Oman",
    ]
    # Streamed from the store, not loaded: the loaded record's JSON byte for byte, to the
    # file and to stdout alike.
    with Store.open(db, create=False) as store:
        expected = store.load_record().to_json() + "\n"
    assert out.read_text(encoding="utf-8") == expected
    assert runner.invoke(app, ["show", "--db", str(db)]).stdout == expected


def test_serve_refuses_a_missing_store_with_one_line(tmp_path: Path) -> None:
    result = runner.invoke(app, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2 and "none.db: no such store" in result.output


def test_quotes_lists_a_speakers_words_and_stances_apart(tmp_path: Path) -> None:
    folder = write_articles(tmp_path / "in")
    (folder / "rome.txt").write_text(
        "Outlet: Tiber Post\nDate: 2025-03-04\n\nAbbas Araghchi wants to reopen the talks"
        " before the summer.",
        encoding="utf-8",
    )
    db = tmp_path / "p.db"
    runner.invoke(app, ["analyze", str(folder), "--db", str(db)])
    said = runner.invoke(app, ["quotes", "--db", str(db), "--speaker", "Araghchi"])
    assert said.exit_code == 0
    rows = [line.split("\t") for line in said.stdout.splitlines()]
    assert [(r[0], r[1], r[2], r[-1]) for r in rows] == [
        ("Abbas Araghchi", "direct", "Times of Oman", "The talks were useful,"),
        ("Abbas Araghchi", "stance", "Tiber Post", "to reopen the talks before the summer"),
    ]
    stances = runner.invoke(app, ["quotes", "--db", str(db), "--act", "stance"])
    assert [line.split("\t")[-1] for line in stances.stdout.splitlines()] == [
        "to reopen the talks before the summer"
    ]
