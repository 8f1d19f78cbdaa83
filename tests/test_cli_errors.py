"""User mistakes at the command line: one line naming the input and the reason, exit code 2
(1 for a speaker nobody matches), no traceback, and the store keeps everything it held."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from presswatch.cli import app
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
    ["compare", "s1"],
]


@pytest.mark.parametrize("command", READ_COMMANDS, ids=lambda c: c[0])
def test_read_commands_read_a_store_in_a_folder_nobody_may_write(
    db: Path, command: list[str]
) -> None:
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
