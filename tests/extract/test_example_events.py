"""The Khamenei–Hamas meeting in examples/: every report of it codes a meeting event
(CAMEO 04x) with both sides coded, placed in Tehran and dated 8 February 2025."""

from __future__ import annotations

from pathlib import Path

import pytest

from presswatch.model import Event, Record

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
MEETING_REPORTS = (
    "khamenei.ir",
    "Tehran Times",
    "Press TV",
    "Al Mayadeen English",
    "The Jerusalem Desk",
    "Gulf Observer",
)


@pytest.fixture(scope="module")
def record(examples_record: Record) -> Record:
    return examples_record


def meeting_events(record: Record, outlet: str) -> list[Event]:
    names = {a.id: a.name for a in record.actors}
    documents = {
        d.id
        for d in record.documents
        if d.outlet == outlet and "Hamas" in (d.title or "") + d.text[:600] and "Khamenei" in d.text
    }
    assert documents, outlet
    return [
        e
        for e in record.events
        if e.mentions[0].doc in documents
        and e.root == "04"
        and {"Ali Khamenei", "Hamas"} <= {names.get(p.actor, "") for p in e.participants}
    ]


@pytest.mark.parametrize("outlet", MEETING_REPORTS)
def test_every_report_of_the_meeting_codes_it(record: Record, outlet: str) -> None:
    found = meeting_events(record, outlet)
    assert found, outlet
    complete = [
        e
        for e in found
        if {p.role for p in e.participants if p.code} == {"source", "target"}
        and e.place == "Tehran"
        and e.date is not None
        and e.date.start == "2025-02-08" == e.date.end
    ]
    assert complete, [(e.cameo, e.participants, e.place, e.date) for e in found]
    codes = {p.code for e in complete for p in e.participants}
    assert "PSEREBHMS" in codes and any(c and c.startswith("IRN") for c in codes)
