"""User mistakes at the command line: one line naming the input and the reason, exit code 2
(1 for a speaker nobody matches), no traceback, and the store keeps everything it held."""

from __future__ import annotations

import errno
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from presswatch.cli import app
from presswatch.settings import Settings
from presswatch.store import Store
from tests.test_cli import write_articles
from tests.unwritable import unwritable

runner = CliRunner()


@pytest.fixture(scope="module")
def analysed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding the three test articles, analysed once for the module."""
    folder = tmp_path_factory.mktemp("analysed")
    db = folder / "p.db"
    result = runner.invoke(app, ["analyze", str(write_articles(folder / "in")), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture
def db(analysed: Path, tmp_path: Path) -> Path:
    """This test's own copy of the analysed store, alone in its folder."""
    (tmp_path / "store").mkdir()
    return Path(shutil.copy(analysed, tmp_path / "store" / "p.db"))


def documents_in(db: Path) -> int:
    with Store.read(db) as store:
        return store.counts()["documents"]


def message(result: Result) -> str:
    """The output as one line: typer draws its errors in a box that wraps at the width."""
    return " ".join(re.sub(r"[│╭╮╰╯─]", " ", result.output).split())


def errors(result: Result) -> list[str]:
    return [line for line in result.output.splitlines() if line.startswith("error:")]


def refuse_work(monkeypatch: pytest.MonkeyPatch) -> None:
    def started(*args: object, **kwargs: object) -> Any:
        raise AssertionError("the analysis started")

    monkeypatch.setattr("presswatch.cli.run_analysis", started)


# -- 1. stores nobody may write ------------------------------------------------------------

READ_COMMANDS = [
    ["show"],
    ["actors"],
    ["quotes"],
    ["claims"],
    ["findings"],
    ["search", "rebuilt"],
    ["compare", "STORY"],  # the first stored story: its id is a hash
]


@pytest.mark.parametrize("command", READ_COMMANDS, ids=lambda c: c[0])
def test_read_commands_read_a_store_in_a_folder_nobody_may_write(
    analysed: Path, db: Path, command: list[str]
) -> None:
    with Store.read(analysed) as store:  # not the copy: reading it writes -wal and -shm
        story = store.story_ids()[0]
    command = [story if word == "STORY" else word for word in command]
    with unwritable(db, db.parent):
        result = runner.invoke(app, [*command, "--db", str(db)])
        assert [p.name for p in db.parent.iterdir()] == ["p.db"]
    assert result.exit_code == 0, result.output
    assert "not a presswatch store" not in result.output
    assert documents_in(db) == 3


def test_serve_reads_a_store_in_a_folder_nobody_may_write(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    served: list[TestClient] = []
    monkeypatch.setattr(
        "uvicorn.run",
        lambda web, **options: served.append(TestClient(web, base_url="http://127.0.0.1:8000")),
    )
    with unwritable(db, db.parent):
        result = runner.invoke(app, ["serve", "--db", str(db)])
        assert result.exit_code == 0, result.output
        assert len(served[0].get("/api/record").json()["documents"]) == 3
        assert [p.name for p in db.parent.iterdir()] == ["p.db"]


def test_analyze_into_a_read_only_store_fails_in_one_line_before_any_work(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    refuse_work(monkeypatch)
    monkeypatch.chdir(db.parent)
    db.rename(db.parent / "presswatch.db")
    with unwritable(db.parent / "presswatch.db"):
        result = runner.invoke(app, ["analyze", "new.txt"])
    assert result.exit_code == 2
    assert errors(result) == ["error: presswatch.db: store is read-only"]
    assert documents_in(db.parent / "presswatch.db") == 3


# -- 2. output files ------------------------------------------------------------------------


@pytest.mark.parametrize("option", ["--json", "--html"])
@pytest.mark.parametrize("command", ["analyze", "show"])
def test_an_output_in_a_missing_folder_fails_in_one_line_before_any_work(
    db: Path, monkeypatch: pytest.MonkeyPatch, command: str, option: str
) -> None:
    refuse_work(monkeypatch)
    out = db.parent / "absent" / "out"
    inputs = ["new.txt"] if command == "analyze" else []
    result = runner.invoke(app, [command, *inputs, "--db", str(db), option, str(out)])
    assert result.exit_code == 2
    assert errors(result) == [f"error: {out}: folder {out.parent} does not exist"]
    assert documents_in(db) == 3


@pytest.mark.parametrize("option", ["--json", "--html"])
def test_an_output_that_is_a_directory_fails_in_one_line_before_any_work(
    db: Path, monkeypatch: pytest.MonkeyPatch, option: str
) -> None:
    refuse_work(monkeypatch)
    result = runner.invoke(app, ["analyze", "new.txt", "--db", str(db), option, str(db.parent)])
    assert result.exit_code == 2
    assert errors(result) == [f"error: {db.parent}: is a directory, not a file"]
    assert documents_in(db) == 3


def test_an_output_in_a_folder_nobody_may_write_fails_in_one_line_before_any_work(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    refuse_work(monkeypatch)
    locked = tmp_path / "locked"
    locked.mkdir()
    with unwritable(locked):
        result = runner.invoke(
            app, ["analyze", "new.txt", "--db", str(db), "--json", str(locked / "out.json")]
        )
    assert result.exit_code == 2
    assert errors(result) == [
        f"error: {locked / 'out.json'}: cannot be written (permission denied)"
    ]
    assert documents_in(db) == 3


def test_a_full_disk_when_writing_the_record_is_one_line_and_the_analysis_stays_stored(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(record: object, path: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("presswatch.render.json.write_record", disk_full)
    report = tmp_path / "rome.txt"
    report.write_text("Outlet: Tiber Post\n\nAbbas Araghchi arrived in Rome on Monday.")
    out = tmp_path / "out.json"
    result = runner.invoke(app, ["analyze", str(report), "--db", str(db), "--json", str(out)])
    assert result.exit_code == 2
    assert errors(result) == [
        f"error: {out}: not written (No space left on device); the store is intact"
    ]
    assert "Traceback" not in result.output
    assert documents_in(db) == 4


# -- 3. option values -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("option", "reason"),
    [
        (
            ["--timeout", "-1"],
            "Invalid value for '--timeout': -1 is not a number of seconds above 0",
        ),
        (["--timeout", "0"], "Invalid value for '--timeout': 0 is not a number of seconds above 0"),
        (
            ["--doc-timeout", "0"],
            "Invalid value for '--doc-timeout': 0 is not a number of seconds above 0",
        ),
        (["--max-bytes", "-5"], "Invalid value for '--max-bytes': Input should be greater than"),
        (["--workers", "0"], "Invalid value for '--workers': Input should be greater than"),
        (["--batch-size", "0"], "Invalid value for '--batch-size': Input should be greater than"),
        (
            ["--quote-alignment", "bogus"],
            "Invalid value for '--quote-alignment': 'bogus' is not one of lexical, embedding",
        ),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, list) else "",
)
def test_a_bad_option_value_is_refused_naming_the_option_and_why(
    db: Path, monkeypatch: pytest.MonkeyPatch, option: list[str], reason: str
) -> None:
    refuse_work(monkeypatch)
    result = runner.invoke(app, ["analyze", "new.txt", "--db", str(db), *option])
    assert result.exit_code == 2
    assert reason in message(result)
    assert "Traceback" not in result.output
    assert documents_in(db) == 3


def test_doc_timeout_reaches_the_settings_and_defaults_to_them(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[Settings] = []

    def run(inputs: object, *, settings: Settings, **rest: object) -> Any:
        seen.append(settings)
        raise KeyboardInterrupt

    monkeypatch.setattr("presswatch.cli.run_analysis", run)
    runner.invoke(app, ["analyze", "new.txt", "--db", str(db), "--doc-timeout", "2.5"])
    runner.invoke(app, ["analyze", "new.txt", "--db", str(db)])
    assert [s.doc_timeout for s in seen] == [2.5, Settings().doc_timeout]


# -- 6. values that match nothing -----------------------------------------------------------


@pytest.mark.parametrize(
    ("command", "reason"),
    [
        (
            ["actors", "--kind", "robot"],
            "Invalid value for '--kind': 'robot' is not one of person, organization, place, group",
        ),
        (
            ["quotes", "--kind", "verbatim"],
            "Invalid value for '--kind': 'verbatim' is not one of direct, indirect, mixed",
        ),
        (
            ["quotes", "--act", "shout"],
            "Invalid value for '--act': 'shout' is not one of speech, stance",
        ),
        (
            ["findings", "--kind", "lie"],
            "Invalid value for '--kind': 'lie' is not one of contradiction, corroboration, "
            "single_source, alias_conflict, quote_drift, coverage",
        ),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, list) else "",
)
def test_an_unknown_kind_is_refused_listing_the_valid_ones(
    db: Path, command: list[str], reason: str
) -> None:
    result = runner.invoke(app, [*command, "--db", str(db)])
    assert result.exit_code == 2
    assert reason in message(result)
    assert documents_in(db) == 3


def test_a_speaker_nobody_matches_is_said_so_with_exit_one(db: Path) -> None:
    result = runner.invoke(app, ["quotes", "--speaker", "Darwish", "--db", str(db)])
    assert result.exit_code == 1
    assert errors(result) == ["error: no speaker matches 'Darwish'"]
    assert result.stdout == ""
    assert documents_in(db) == 3


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ("Darwish AND", 'fts5: syntax error near ""'),
        ('"unbalanced', "unterminated string"),
        ("NEAR(", 'fts5: syntax error near ""'),
    ],
)
def test_a_search_fts5_cannot_parse_is_one_line_with_fts5s_reason(
    db: Path, query: str, reason: str
) -> None:
    result = runner.invoke(app, ["search", query, "--db", str(db)])
    assert result.exit_code == 2
    assert errors(result) == [f"error: search {query!r}: {reason}"]
    assert documents_in(db) == 3


@pytest.mark.parametrize(("target", "what"), [("s99", "story"), ("d0123456789ab", "document")])
def test_compare_of_an_unknown_stored_id_says_so_and_names_some_known_ones(
    db: Path, target: str, what: str
) -> None:
    with Store.read(db) as store:
        known = store.story_ids() if what == "story" else store.document_ids()
    result = runner.invoke(app, ["compare", target, "--db", str(db)])
    assert result.exit_code == 2
    assert errors(result) == [
        f"error: {target}: no such {what} in {db} (stored: {', '.join(known[:5])})"
    ]
    assert documents_in(db) == 3


# -- 5. serve -------------------------------------------------------------------------------


def test_serve_prints_its_url_and_serves_only_requests_naming_it(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr("uvicorn.run", lambda web, **options: calls.append({"app": web, **options}))
    result = runner.invoke(app, ["serve", "--db", str(db), "--port", "8123"])
    assert result.exit_code == 0
    assert "at http://127.0.0.1:8123/" in message(result)
    call = calls[0]
    assert (call["host"], call["port"]) == ("127.0.0.1", 8123)
    web = TestClient(call["app"], base_url="http://localhost:8123")
    assert web.get("/api/record").status_code == 200
    assert web.get("/api/record", headers={"host": "rebound.example:8123"}).status_code == 400
