"""The whole-corpus pass over a store (`link.staged`: the reports' own actors merged
before the rest is read, every analysis read compacted) saves the record `link_corpus`
builds from the same analyses held at once: on examples/, as a first run and as
`presswatch relink`."""

from __future__ import annotations

import gc
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from presswatch import pipeline
from presswatch.errors import PresswatchError
from presswatch.lang.actor_codes import actor_codebook
from presswatch.link import LINKERS, CorpusContext, link_corpus
from presswatch.link.staged import (
    AnalysisActors,
    AnalysisCited,
    AnalysisEvents,
    frozen_heap,
    relink_in_own_process,
)
from presswatch.model import DocumentAnalysis
from presswatch.settings import LinkSettings, Settings
from presswatch.store import Store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
Analyse = Callable[..., DocumentAnalysis]


def test_the_staged_pass_saves_the_record_link_corpus_builds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "examples.db"
    returned, _ = pipeline.run_analysis([str(EXAMPLES)], settings=Settings(), db=db)
    with Store.open(db) as store:
        order = {d: n for n, d in enumerate(store.document_ids())}
        rows = store.connection.execute("SELECT document, json FROM analyses").fetchall()
        raw = [DocumentAnalysis.model_validate_json(payload) for _, payload in rows]
        raw.sort(key=lambda a: order[a.document.id])
        saved = store.load_record()
    expected = link_corpus(raw, Settings()).model_dump_json()
    assert saved.stories and saved.findings and saved.quote_groups
    assert saved.model_dump_json() == expected == returned.model_dump_json()
    pipeline.relink(db)
    with Store.open(db) as store:
        assert store.load_record().model_dump_json() == expected
    # Story placement (its index of every report's words) runs before the quotes and
    # claims are read, with the same record.
    place = LINKERS.get("stories")
    held: list[tuple[int, int, int]] = []

    def placing(context: CorpusContext) -> None:
        record = context.record
        held.append((len(record.events), len(record.quotes), len(record.claims)))
        place(context)

    monkeypatch.setitem(LINKERS.entries, "stories", placing)
    pipeline.relink(db)
    with Store.open(db) as store:
        assert store.load_record().model_dump_json() == expected
    assert held == [(len(saved.events), 0, 0)] and saved.quotes and saved.claims


def test_a_speaker_named_by_a_role_is_resolved_once_the_quotes_are_read(
    analyse: Analyse, tmp_path: Path
) -> None:
    # The actors linker runs before quotes are read: who holds "the prime minister" is
    # learnt from the first report's actors, the quote of the second is given to him after.
    db = tmp_path / "roles.db"
    analyses = [
        analyse(
            "The prime minister, Keir Starmer, said on Monday that the talks would go on.",
            outlet="Wire",
            published="2025-03-03",
        ),
        analyse(
            '"We will not give up on peace," the prime minister said on Tuesday in London.',
            outlet="Daily",
            published="2025-03-04",
        ),
    ]
    assert analyses[1].quotes[0].speaker is None
    with Store.open(db) as store:
        store.save_analyses(analyses)
    pipeline.relink(db)
    with Store.open(db) as store:
        saved = store.load_record()
    expected = link_corpus(analyses, Settings())
    starmer = next(a.id for a in saved.actors if a.name == "Keir Starmer")
    assert [q.speaker for q in saved.quotes] == [starmer, starmer]
    assert saved.model_dump_json() == expected.model_dump_json()


def test_each_read_builds_fields_of_an_analysis_as_the_analysis_declares_them() -> None:
    # The two reads validate only what they keep; every field but the pipeline version is
    # kept by one of them, with the analysis's own type and default.
    whole = DocumentAnalysis.model_fields
    for part in (AnalysisActors, AnalysisEvents, AnalysisCited):
        for name, field in part.model_fields.items():
            assert field.annotation == whole[name].annotation
            assert field.get_default(call_default_factory=True) == whole[name].get_default(
                call_default_factory=True
            )
    kept = {
        name
        for part in (AnalysisActors, AnalysisEvents, AnalysisCited)
        for name in part.model_fields
    }
    assert kept == set(whole) - {"pipeline"}


def test_the_frozen_heap_is_put_back_and_a_callers_freeze_is_left_alone() -> None:
    assert gc.get_freeze_count() == 0
    with frozen_heap():
        frozen = gc.get_freeze_count()
        assert frozen > 0
        with frozen_heap():
            assert gc.get_freeze_count() == frozen
        assert gc.get_freeze_count() == frozen
    assert gc.get_freeze_count() == 0


def test_presswatch_relink_loads_no_spacy_and_keeps_no_actor_dictionaries(
    analyse: Analyse, tmp_path: Path
) -> None:
    # The pass needs no pipeline (spaCy cost a relink process about 70 MB), and the actor
    # dictionaries the actors linker loads for itself are dropped after it.
    db = tmp_path / "relink.db"
    with Store.open(db) as store:
        store.save_analyses([analyse("Keir Starmer met Emmanuel Macron in Paris on Monday.")])
    script = (
        "import sys\n"
        "from presswatch.cli import app\n"
        "from presswatch.lang.actor_codes import actor_codebook\n"
        f"sys.argv = ['presswatch', 'relink', '--db', {str(db)!r}]\n"
        "try:\n    app()\nexcept SystemExit as end:\n    assert not end.code, end.code\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('spacy', 'thinc')))\n"
        "print(actor_codebook.cache_info().currsize)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["[]", "0"]
    with Store.open(db) as store:
        assert store.counts()["record_documents"] == 1 and store.counts()["actors"] > 1
    # A process that had loaded them (to extract events) keeps them.
    actor_codebook()
    held = actor_codebook.cache_info().currsize
    pipeline.relink(db)
    assert actor_codebook.cache_info().currsize == held > 0


def test_a_large_run_s_pass_runs_in_its_own_process_and_saves_the_same_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """From `APART_FROM` stored reports a run's whole-corpus pass runs in a new process
    (this one holds the spaCy pipeline): the same record is saved. Here the threshold is
    every run, and this process's `relink_store` fails, so the record can only come from
    the other process."""
    here = tmp_path / "here.db"
    pipeline.run_analysis([str(EXAMPLES)], settings=Settings(), db=here, keep_record=False)

    def not_here(*args: object, **kwargs: object) -> None:
        raise AssertionError("the pass ran in this process")

    monkeypatch.setattr(pipeline, "APART_FROM", 0)
    monkeypatch.setattr(pipeline, "relink_store", not_here)
    apart = tmp_path / "apart.db"
    pipeline.run_analysis([str(EXAMPLES)], settings=Settings(), db=apart, keep_record=False)
    with Store.open(here) as one, Store.open(apart) as other:
        assert other.load_record().stories
        assert other.load_record().model_dump_json() == one.load_record().model_dump_json()


def test_a_pass_failing_in_its_own_process_is_a_one_line_error_here(tmp_path: Path) -> None:
    gone = tmp_path / "gone.db"
    with pytest.raises(PresswatchError) as raised:
        relink_in_own_process(gone, Settings(), LinkSettings(), keep_stories=False)
    message = str(raised.value)
    assert "\n" not in message
    assert message.startswith(f"{gone}: the whole-corpus pass failed (")
    assert "no such store" in message
