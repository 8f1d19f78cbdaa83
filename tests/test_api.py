"""The Python API: `presswatch.load`, `analyze_text` and `analyze`, with known actors and
reference facts given as objects; the README's example runs as it is written."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from pydantic import BaseModel

import presswatch
from presswatch.errors import PresswatchError
from presswatch.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
TEXT = (
    "TEHRAN – The Leader of the Islamic Revolution, Ayatollah Ali Khamenei, received a Hamas "
    "delegation this morning. “You have overcome the Zionist regime,” Khamenei said. Strikes "
    "have killed 90,000 people in the war."
)


def test_load_gives_a_spacy_pipeline_with_the_presswatch_components() -> None:
    nlp = presswatch.load()
    assert nlp.pipe_names[-5:] == [
        "presswatch_actors",
        "presswatch_quotes",
        "presswatch_events",
        "presswatch_claims",
        "presswatch_framing",
    ]
    doc = nlp(TEXT)
    assert [q.text for q in doc._.pw_quotes] == ["You have overcome the Zionist regime,"]
    assert presswatch.load() is not nlp  # each caller gets a pipeline of its own


def test_analyze_text_is_the_record_of_one_text() -> None:
    record = presswatch.analyze_text(TEXT, outlet="Tehran Times", published="8 February 2025")
    [document] = record.documents
    assert (document.outlet, document.published, document.place) == (
        "Tehran Times",
        "2025-02-08",
        "Tehran",
    )
    [meeting] = [e for e in record.events if e.type == "host"]
    assert meeting.date is not None and meeting.date.start == "2025-02-08"
    names = {a.id: a.name for a in record.actors}
    assert [names[q.speaker] for q in record.quotes if q.speaker] == ["Ali Khamenei"]


def test_analyze_text_names_metadata_it_does_not_know() -> None:
    with pytest.raises(PresswatchError, match=r"unknown metadata publisher \(known: source,"):
        presswatch.analyze_text(TEXT, publisher="Tehran Times")
    with pytest.raises(PresswatchError, match=r"published: not a date \('soon'\)"):
        presswatch.analyze_text(TEXT, published="soon")


class Fact(BaseModel):
    subject: str
    group: str
    value: str
    date: date
    source: str


def test_known_actors_and_facts_given_as_objects_link_as_their_files_do() -> None:
    known = [
        {
            "name": "Ali Khamenei",
            "aliases": ["Sayyed Ali Khamenei"],
            "roles": ["Leader of the Islamic Revolution"],
            "wikidata": "Q57336",
        }
    ]
    facts = [
        Fact(
            subject="Palestinians killed",
            group="deaths",
            value="47,400",
            date=date(2025, 2, 1),
            source="Gaza health ministry",
        )
    ]
    record = presswatch.analyze_text(
        TEXT, published="2025-02-09", settings=Settings(known_actors=known, facts=facts)
    )
    leader = next(a for a in record.actors if a.name == "Ali Khamenei")
    assert leader.wikidata == "Q57336"
    [contradiction] = [f for f in record.findings if f.reference]
    assert contradiction.reference is not None
    assert contradiction.reference["source"] == "Gaza health ministry"


def test_a_known_actor_object_with_no_name_is_a_one_line_error() -> None:
    with pytest.raises(PresswatchError, match=r"\(1 known actors given in Python\): entry 1"):
        presswatch.analyze_text(TEXT, settings=Settings(known_actors=[{"kind": "person"}]))


def readme_python_examples() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Python API\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, flags=re.S)


def test_the_readme_python_example_runs_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    [example] = readme_python_examples()
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    monkeypatch.chdir(tmp_path)  # the store it writes lands here
    exec(compile(example, "README.md", "exec"), {})
    printed = capsys.readouterr().out
    assert "direct You have overcome the Zionist regime" in printed
    assert re.search(r"^10 reports, \d+ findings$", printed, flags=re.M)
    assert "We will rebuild every school" in printed
    assert (tmp_path / "presswatch.db").exists()
