"""A title resolved to its holder in one report is the person other reports name, in a
full link and when the reports are added one by one."""

from __future__ import annotations

from pathlib import Path

from presswatch.model import Record
from presswatch.pipeline import run_analysis
from presswatch.settings import Settings
from presswatch.store import Store
from tests.link.test_incremental import canonical

REPORTS = {
    "title.txt": (
        "2025-03-02",
        "TEHRAN – The Leader of the Islamic Revolution received a group of teachers in "
        'Tehran on Sunday.\n\n"Teaching is the most honourable of professions," the '
        "Leader said at the meeting.",
    ),
    "name.txt": (
        "2025-03-03",
        "Ayatollah Seyyed Ali Khamenei received a group of teachers in Tehran on Sunday. "
        '"Teaching is the most honourable of professions," Khamenei said at the meeting '
        "with teachers in Tehran.",
    ),
    "other-title.txt": (
        "2025-03-04",
        "Iran's Supreme Leader told teachers in Tehran on Sunday that teaching is "
        "honourable. The meeting with teachers in Tehran was held at his office.",
    ),
}


def record_of(db: Path) -> Record:
    with Store.open(db) as store:
        return store.load_record()


def test_a_resolved_title_and_the_named_holder_are_one_actor_in_any_run(tmp_path: Path) -> None:
    paths = []
    for name, (published, text) in REPORTS.items():
        path = tmp_path / name
        path.write_text(f"Title: Leader meets teachers\nDate: {published}\n\n{text}\n", "utf-8")
        paths.append(str(path))
    run_analysis(paths, settings=Settings(), db=tmp_path / "full.db")
    for path in paths:
        run_analysis([path], settings=Settings(), db=tmp_path / "added.db")
    full = record_of(tmp_path / "full.db")
    [leader] = [a for a in full.actors if a.name == "Ali Khamenei"]
    assert {m.doc for m in leader.mentions} == {d.id for d in full.documents}
    assert {m.office for m in leader.mentions if m.kind == "title"} == {"IRN.supreme_leader"}
    assert {q.speaker for q in full.quotes} == {leader.id}
    assert canonical(record_of(tmp_path / "added.db")) == canonical(full)
