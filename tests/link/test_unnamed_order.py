"""An unnamed person merged across one story's reports keeps one id, whatever order the
reports are linked in: the survivor is the person as first reported (earliest report by
publication date, then document id, then offset)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from presswatch import pipeline
from presswatch.lang.names import is_unnamed_key
from presswatch.link.staged import relink_store
from presswatch.model import Record
from presswatch.pipeline import run_analysis
from presswatch.settings import LinkSettings, Settings
from presswatch.store import Store

# Three reports of one shooting, published on three days, none naming the gunman.
REPORTS = {
    "first.txt": (
        "2025-03-02",
        "A gunman opened fire at a shopping centre in Lyon on Sunday, killing two people. "
        "The gunman fled on foot, police said. The shopping centre was closed and police "
        "searched the area around the shopping centre in Lyon for the gunman.",
    ),
    "second.txt": (
        "2025-03-03",
        "Police in Lyon were still searching on Monday for the gunman who killed two people "
        "at a shopping centre. The gunman was seen on cameras leaving the shopping centre, "
        "police said. The shopping centre in Lyon will reopen on Friday.",
    ),
    "third.txt": (
        "2025-03-04",
        "The gunman who killed two people at a shopping centre in Lyon on Sunday was "
        "arrested on Tuesday, police said. The gunman was held at a flat near the shopping "
        "centre, and the shopping centre in Lyon will reopen on Friday.",
    ),
}


def unnamed_people(record: Record) -> dict[str, frozenset[tuple[str, int]]]:
    """Each unnamed person's id → its mentions, by the source file and offset."""
    source = {d.id: Path(d.source).name for d in record.documents}
    return {
        a.id: frozenset((source[m.doc], m.start) for m in a.mentions)
        for a in record.actors
        if is_unnamed_key(a.key) and a.kind == "person"
    }


def write_reports(folder: Path) -> list[str]:
    paths = []
    for name, (published, text) in REPORTS.items():
        path = folder / name
        path.write_text(f"Title: Shooting in Lyon\nDate: {published}\n\n{text}\n", "utf-8")
        paths.append(str(path))
    return paths


def test_unnamed_survivor_is_the_same_in_any_order_and_when_added_one_by_one(
    tmp_path: Path, link: Callable[..., Record]
) -> None:
    paths = write_reports(tmp_path)
    forward = run_analysis(paths, settings=Settings(), db=tmp_path / "forward.db")[0]
    backward = run_analysis(paths[::-1], settings=Settings(), db=tmp_path / "backward.db")[0]
    assert forward is not None and backward is not None
    people = unnamed_people(forward)
    # The three reports' gunmen are one person, mentioned in all three reports.
    merged = [p for p, mentions in people.items() if len({f for f, _ in mentions}) == 3]
    assert len(merged) == 1
    assert unnamed_people(backward) == people
    # Added one report per run, latest first: each run links by lookup or falls back to
    # a full relink where a new, earlier report's person takes over; the ids agree.
    db = tmp_path / "one-by-one.db"
    for path in paths[::-1]:
        run_analysis([path], settings=Settings(), db=db)
    with Store.open(db) as store:
        assert unnamed_people(store.load_record()) == people
    # The survivor is the first report's person (its id is the first report's).
    first = link(
        *((text, {"published": day, "source": name}) for name, (day, text) in REPORTS.items())
    )
    [survivor] = [a for a in first.actors if is_unnamed_key(a.key) and a.id == merged[0]]
    assert min(survivor.mentions, key=lambda m: m.start).doc == first.documents[0].id


def test_an_earlier_report_added_later_takes_over_by_lookup_as_a_full_relink_would(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Latest first, one report per run: each new report's gunman is first reported, so the
    # stored one merges into it and is removed, by lookup (before, a full relink), and the
    # record is the one a full relink of the same stories gives.
    paths = write_reports(tmp_path)
    db = tmp_path / "one-by-one.db"
    monkeypatch.setattr(pipeline, "relink_whole_store", refuse_relink)
    for path in paths[::-1]:
        run_analysis([path], settings=Settings(), db=db)
    relinked = tmp_path / "relinked.db"
    shutil.copy(db, relinked)
    with Store.open(relinked) as store:
        relink_store(store, Settings(), store.link_settings() or LinkSettings(), keep_stories=True)
        full = store.load_record()
    with Store.open(db) as store:
        added = store.load_record()
    for kind in ("documents", "quotes", "events", "claims", "findings", "stories"):
        assert getattr(added, kind) == getattr(full, kind), kind
    assert sorted(a.model_dump_json() for a in added.actors) == sorted(
        a.model_dump_json() for a in full.actors
    )
    assert unnamed_people(added) == unnamed_people(full)


def refuse_relink(*_: object, **__: object) -> None:
    raise AssertionError("a full relink, where reports are linked by lookup")
