"""`presswatch events`: the record's events as event-data rows (TSV, CSV, JSON lines)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from presswatch.cli import app
from presswatch.model import (
    Actor,
    Document,
    Event,
    EventDate,
    Participant,
    Record,
    Span,
)
from presswatch.render.event_data import COLUMNS, GOLDSTEIN, event_rows, write_events

TEXT = "Iranian Foreign Minister Abbas Araghchi met Sergey Lavrov and Wang Yi in Moscow."


def record() -> Record:
    document = Document(
        id="d000000000001",
        source="x.txt",
        language="en",
        text=TEXT,
        url="https://example.org/a",
        published="2025-02-09",
    )
    actors = [
        Actor(id="a1", name="Abbas Araghchi", kind="person"),
        Actor(id="a2", name="Sergey Lavrov", kind="person"),
        Actor(id="a3", name="Wang Yi", kind="person"),
    ]
    meeting = Event(
        id="d000000000001.e1",
        type="meet",
        cameo="040",
        label="Consult",
        root="04",
        participants=[
            Participant(actor="a1", role="source", code="IRNGOV"),
            Participant(actor="a2", role="target", code="RUSGOV"),
            Participant(actor="a3", role="target", code="CHNGOV"),
        ],
        date=EventDate(start="2025-02-08", end="2025-02-08", text="Saturday", precision="day"),
        place="Moscow",
        mentions=[Span(doc=document.id, start=0, end=len(TEXT), text=TEXT)],
        claimed_by="a2",
    )
    denied = Event(
        id="d000000000001.e2",
        type="assault",
        cameo="1951",
        label="Employ aerial weapons",
        root="19",
        participants=[Participant(actor="a3", role="target", code=None)],
        negated=True,
        mentions=[Span(doc=document.id, start=0, end=10)],
    )
    return Record(documents=[document], actors=actors, events=[meeting, denied])


def test_one_row_per_source_target_pair_with_codes_and_scales() -> None:
    rows = list(event_rows(record()))
    assert [(r["source"], r["target"]) for r in rows] == [
        ("Abbas Araghchi", "Sergey Lavrov"),
        ("Abbas Araghchi", "Wang Yi"),
        (None, "Wang Yi"),
    ]
    first = rows[0]
    assert (first["source_code"], first["target_code"]) == ("IRNGOV", "RUSGOV")
    assert (first["cameo"], first["root_code"], first["quad_class"]) == ("040", "04", 1)
    assert first["goldstein"] == 1.0
    assert (first["date"], first["date_precision"], first["url"]) == (
        "2025-02-08",
        "day",
        "https://example.org/a",
    )
    assert (first["sentence_start"], first["sentence_end"]) == (0, len(TEXT))
    assert first["claimed_by"] == "Sergey Lavrov" and first["negated"] is False
    # A four-digit code takes its parent's value; material conflict is quad class 4.
    assert (rows[2]["goldstein"], rows[2]["quad_class"], rows[2]["negated"]) == (-10.0, 4, True)


@pytest.mark.parametrize(("form", "delimiter"), [("tsv", "\t"), ("csv", ",")])
def test_tables_have_a_header_and_empty_cells_for_missing_values(form: str, delimiter: str) -> None:
    out = io.StringIO()
    assert write_events(record(), out, form) == 3
    lines = list(csv.reader(io.StringIO(out.getvalue()), delimiter=delimiter))
    assert tuple(lines[0]) == COLUMNS
    last = dict(zip(COLUMNS, lines[3], strict=True))
    assert (last["source"], last["date"], last["negated"], last["cameo"]) == (
        "",
        "",
        "true",
        "1951",
    )


def test_json_lines_keep_types() -> None:
    out = io.StringIO()
    write_events(record(), out, "jsonl")
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(rows) == 3 and rows[0]["goldstein"] == 1.0 and rows[2]["source"] is None


def test_an_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="not one of"):
        write_events(record(), io.StringIO(), "xml")


def test_every_root_has_a_goldstein_value_and_a_quad_class() -> None:
    table = GOLDSTEIN.load()
    for root in range(1, 21):
        code = f"{root:02d}"
        assert table.goldstein(code + "0") is not None
        assert table.quad_class(code) in (1, 2, 3, 4)
    assert table.goldstein("057") == 8.0 and table.goldstein("190") == -10.0


def test_the_command_exports_a_stored_corpus(tmp_path: Path) -> None:
    runner = CliRunner()
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "date 2025-02-09\nTitle: Talks\nLanguage: en\n\nIranian Foreign Minister Abbas "
        "Araghchi met Russian Foreign Minister Sergey Lavrov in Moscow on Saturday.\n",
        encoding="utf-8",
    )
    db = tmp_path / "p.db"
    assert runner.invoke(app, ["analyze", str(folder), "--db", str(db)]).exit_code == 0
    out = tmp_path / "events.csv"
    result = runner.invoke(app, ["events", "--db", str(db), "--format", "csv", "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    meeting = [r for r in rows if r["root_code"] == "04"]
    assert meeting and meeting[0]["source_code"] == "IRNGOV"
    assert meeting[0]["target_code"] == "RUSGOV" and meeting[0]["date"] == "2025-02-08"
    refused = runner.invoke(app, ["events", "--db", str(db), "--format", "xml"])
    assert refused.exit_code != 0
