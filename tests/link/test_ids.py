"""Ids are content, not positions: a citation stays valid when the corpus grows."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from presswatch.cli import app
from presswatch.link.ids import assign_ids, content_id
from presswatch.model import Story

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
runner = CliRunner()
KINDS = ("actors", "stories", "quote_groups", "findings")

EARLIER = (
    "Outlet: Times of Oman\nDate: 2025-03-02\n\nOmani Foreign Minister Badr Albusaidi "
    'received Iran\'s Abbas Araghchi in Muscat on Sunday. "The talks were useful," '
    "Araghchi told reporters."
)
UNRELATED = (
    "Outlet: Bergen Courier\nDate: 2025-03-04\n\nThe Bergen city council approved a new "
    'harbour library on Tuesday. "Reading belongs by the sea," mayor Marte Mjøs Persen '
    "told the council, and work starts in the spring."
)


def analyze(*arguments: str) -> None:
    result = runner.invoke(app, ["analyze", *arguments])
    assert result.exit_code == 0, result.output


def show(db: Path) -> dict[str, Any]:
    result = runner.invoke(app, ["show", "--db", str(db)])
    assert result.exit_code == 0, result.output
    loaded: dict[str, Any] = json.loads(result.stdout)
    return loaded


def by_id(record: dict[str, Any], kind: str) -> dict[str, dict[str, Any]]:
    return {item["id"]: item for item in record[kind]}


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """A store holding one earlier report, then the examples (with --json), then one
    unrelated report: the record after each step."""
    folder = tmp_path_factory.mktemp("ids")
    db = folder / "p.db"
    (folder / "earlier.txt").write_text(EARLIER, encoding="utf-8")
    (folder / "unrelated.txt").write_text(UNRELATED, encoding="utf-8")
    analyze(str(folder / "earlier.txt"), "--db", str(db))
    analyze(str(EXAMPLES), "--db", str(db), "--json", str(folder / "examples.json"))
    stored = show(db)
    # Listed first, the new report is read first: positions would shift, content ids not.
    analyze(
        str(folder / "unrelated.txt"), str(folder / "earlier.txt"), str(EXAMPLES), "--db", str(db)
    )
    return {
        "json": json.loads((folder / "examples.json").read_text(encoding="utf-8")),
        "stored": stored,
        "grown": show(db),
    }


def test_adding_an_unrelated_report_changes_no_existing_id(
    runs: dict[str, dict[str, Any]],
) -> None:
    before, after = runs["stored"], runs["grown"]
    assert len(after["documents"]) == len(before["documents"]) + 1
    for kind in KINDS:
        old, new = by_id(before, kind), by_id(after, kind)
        assert old, f"the examples give no {kind}: the test would prove nothing"
        assert old.keys() <= new.keys(), kind
        assert all(new[i] == item for i, item in old.items()), kind


def test_analyze_json_and_the_stored_record_agree_on_ids(
    runs: dict[str, dict[str, Any]],
) -> None:
    # The --json record links this run's reports; the store links them with the earlier one.
    written, stored = runs["json"], runs["stored"]
    names = {a["id"]: a["name"] for a in stored["actors"]}
    assert {a["id"]: a["name"] for a in written["actors"]}.items() <= names.items()
    khamenei = [a["id"] for a in written["actors"] if a["name"] == "Ali Khamenei"]
    assert khamenei and names[khamenei[0]] == "Ali Khamenei"
    for kind in ("stories", "quote_groups", "findings"):
        assert by_id(written, kind).keys() <= by_id(stored, kind).keys(), kind


def test_ids_name_their_kind_and_a_hash() -> None:
    assert re.fullmatch(r"s[0-9a-f]{10}", content_id("s", "d1\x1fd1.e1"))
    assert content_id("s", "x") == content_id("s", "x") != content_id("s", "y")


def test_two_things_with_one_key_get_a_deterministic_suffix() -> None:
    stories = [Story(id="", documents=[]) for _ in range(3)]
    assign_ids(stories, "s", ["same", "other", "same"], order=["b", "c", "a"])
    base = content_id("s", "same")
    assert [s.id for s in stories] == [f"{base}-2", content_id("s", "other"), base]


def test_an_id_already_taken_is_not_given_again() -> None:
    (story,) = stories = [Story(id="", documents=[])]
    taken = {content_id("s", "key")}
    assign_ids(stories, "s", ["key"], taken=taken)
    assert story.id not in taken and story.id.startswith(content_id("s", "key"))
