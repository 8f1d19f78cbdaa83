"""Ground truth from examples/README.md: the meeting's quote groups, drift and coverage."""

from __future__ import annotations

from pathlib import Path

import pytest

from presswatch.link.coverage import COVERAGE_BASES
from presswatch.model import Record
from presswatch.pipeline import analyze
from presswatch.settings import Settings

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def record() -> Record:
    if not EXAMPLES.is_dir():
        pytest.skip("examples/ not present")
    return analyze([EXAMPLES], settings=Settings())


def outlets(record: Record, quote_ids: list[str]) -> list[str]:
    documents = {d.id: d.outlet for d in record.documents}
    quotes = {q.id: q for q in record.quotes}
    return [documents[quotes[q].doc] or "" for q in quote_ids]


def test_the_overcame_remark_is_one_group_first_published_by_the_leaders_office(
    record: Record,
) -> None:
    quotes = {q.id: q for q in record.quotes}
    (group,) = [
        g for g in record.quote_groups if any("overcame" in quotes[q].text for q in g.quotes)
    ]
    assert outlets(record, [group.first or ""]) == ["khamenei.ir"]
    assert {"Tehran Times", "Press TV", "Gulf Observer", "The Jerusalem Desk"} <= set(
        outlets(record, group.quotes)
    )
    assert not any("humiliated" in quotes[q].text for q in group.quotes)


def test_press_tv_fifteen_years_is_quote_drift_against_the_transcript(record: Record) -> None:
    drift = [f for f in record.findings if f.kind == "quote_drift"]
    assert len(drift) == 1
    assert outlets(record, drift[0].quotes) == ["khamenei.ir", "Press TV"]
    assert "[-months-] {+years+}" in (drift[0].diff or "")


def test_the_trimmed_goals_quote_is_not_drift(record: Record) -> None:
    quotes = {q.id: q for q in record.quotes}
    for finding in record.findings:
        if finding.kind == "quote_drift":
            assert not any("achieve any" in quotes[q].text[:40] for q in finding.quotes[1:])


def test_coverage_names_the_members_some_reports_omit_and_darwishs_titles(
    record: Record,
) -> None:
    coverage = [f for f in record.findings if f.basis in COVERAGE_BASES]
    summaries = " | ".join(f.summary for f in coverage)
    assert "Zaher Jabarin is named by" in summaries
    assert "Nizar Awadallah is named by" in summaries
    titled = [f for f in coverage if "Darwish is titled differently" in f.summary]
    assert titled and "Shura Council" in titled[0].summary
    assert all(f.kind == "coverage" and f.evidence for f in coverage)
