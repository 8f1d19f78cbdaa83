"""Adding a report to a stored corpus by lookup never drops a finding between stories.

A report joins a story; that story's findings are rebuilt. A finding that also cites
another story's claims (the toll of one war, reported in two stories) is rebuilt only if
that other story is linked too, so the lookup takes in every story such findings tie to
its neighbourhood.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from presswatch.link import incremental
from presswatch.model import (
    Document,
    DocumentAnalysis,
    Finding,
    FindingKind,
    Record,
    Span,
    Story,
)
from presswatch.pipeline import run_analysis
from presswatch.settings import Settings
from presswatch.store import Store

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
REPORTS = ROOT / "tests" / "data" / "claims"

JOINING = (
    "Title: Gaza toll estimates diverge again\nDate: 2025-02-06\nOutlet: Harbour Wire\n\n"
    "The United Nations and the health ministry in Gaza published differing estimates of "
    "the death toll in Gaza this week, researchers said, and a medical journal's estimate "
    "of deaths attributable to the war drew new criticism.\n"
)


def cross_story(record: Record) -> dict[str, set[str]]:
    """Findings on claims whose claims lie in more than one story: id → stories."""
    story_of = {d: s.id for s in record.stories for d in s.documents}
    doc_of = {c.id: c.doc for c in record.claims}
    found = {}
    for finding in record.findings:
        stories = {story_of.get(doc_of.get(c, ""), "") for c in finding.claims}
        if len(stories - {""}) > 1:
            found[finding.id] = stories
    return found


def test_a_report_joining_a_story_keeps_the_findings_between_it_and_other_stories(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # One story looked up by actors: the story the findings tie it to is not among them.
    monkeypatch.setattr(incremental, "NEIGHBOUR_STORIES", 1)
    db = tmp_path / "corpus.db"
    run_analysis([str(EXAMPLES), str(REPORTS)], settings=Settings(), db=db)
    with Store.open(db) as store:
        before = store.load_record()
    assert cross_story(before), "no finding spans two stories: the test would prove nothing"
    (tmp_path / "joining.txt").write_text(JOINING, encoding="utf-8")
    run_analysis([str(tmp_path / "joining.txt")], settings=Settings(), db=db)
    with Store.open(db) as store:
        after = store.load_record()
    assert len(after.documents) == len(before.documents) + 1
    assert set(cross_story(before)) <= {f.id for f in after.findings}


COUNTING = (
    "Title: Ministry raises its count\nDate: 2025-02-06\nOutlet: Harbour Wire\n\n"
    "The Israeli offensive has killed more than 61,000 Palestinians in Gaza, according to "
    "the health ministry in the enclave.\n"
)


def test_a_new_reports_figures_are_compared_with_other_stories_figures(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # No story looked up by actors: only what the new claims count brings stories in.
    monkeypatch.setattr(incremental, "NEIGHBOUR_STORIES", 0)
    db = tmp_path / "corpus.db"
    run_analysis([str(EXAMPLES), str(REPORTS)], settings=Settings(), db=db)
    (tmp_path / "counting.txt").write_text(COUNTING, encoding="utf-8")
    run_analysis([str(tmp_path / "counting.txt")], settings=Settings(), db=db)
    with Store.open(db) as store:
        after = store.load_record()
    new = next(d.id for d in after.documents if d.outlet == "Harbour Wire")
    doc_of = {c.id: c.doc for c in after.claims}
    compared = [
        f
        for f in after.findings
        if f.kind in ("contradiction", "divergence")
        and new in {doc_of.get(c) for c in f.claims}
        and len({doc_of.get(c) for c in f.claims}) > 1
    ]
    assert compared


def test_an_alias_conflict_ties_no_story_into_the_neighbourhood(tmp_path: Path) -> None:
    # An alias conflict is kept as stored when reports are added (the actors linker wrote
    # it), so the story of its other report need not be rebuilt; a contradiction is rebuilt.
    def finding(id: str, kind: FindingKind, docs: tuple[str, str]) -> Finding:
        evidence = [Span(doc=d, start=0, end=4) for d in docs]
        return Finding(id=id, kind=kind, summary=kind, evidence=evidence)

    record = Record(
        documents=[
            Document(id=d, source=f"{d}.txt", text=f"Text {d}.") for d in ("d1", "d2", "d3")
        ],
        stories=[Story(id=f"s{n}", documents=[f"d{n}"]) for n in (1, 2, 3)],
        findings=[
            finding("f1", "alias_conflict", ("d1", "d2")),
            finding("f2", "contradiction", ("d1", "d3")),
        ],
    )
    with Store.open(tmp_path / "tied.db") as store:
        store.save_analyses([DocumentAnalysis(document=d, pipeline="t") for d in record.documents])
        store.save_corpus(record)
        assert store.stories_tied_by_findings(["s1"]) == ["s2", "s3"]
        assert store.stories_tied_by_findings(["s1"], incremental.ACTOR_FINDINGS) == ["s3"]
