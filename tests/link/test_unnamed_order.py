"""An unnamed person merged across one story's reports keeps one id, whatever order the
reports are linked in: the survivor is the person as first reported (earliest report by
publication date, then document id, then offset)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from presswatch.lang.names import is_unnamed_key
from presswatch.model import Record
from presswatch.pipeline import run_analysis
from presswatch.settings import Settings
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
