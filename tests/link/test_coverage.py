from __future__ import annotations

from presswatch.link.coverage import coverage_findings
from presswatch.model import Actor, Mention, QuoteGroup, Story
from tests.link.quote_records import corpus


def three_reports() -> object:
    record = corpus(
        [
            ("office", "2025-02-08", "Gaza has shown the meaning of patience to the world."),
            ("daily", "2025-02-08", "Gaza has shown the meaning of patience to the world."),
            ("tv", "2025-02-09", "The resistance will rebuild every home that was destroyed."),
        ],
        stories=[Story(id="s1", documents=["d1", "d2", "d3"])],
    )
    record.quote_groups = [
        QuoteGroup(id="g1", story="s1", speaker="a1", quotes=["q1", "q2"], first="q1")
    ]
    darwish = Actor(id="a3", name="Mohammad Ismail Darwish", kind="person")
    darwish.mentions = [
        Mention(
            doc="d1", start=0, end=3, text="the head of the Hamas leadership council", kind="role"
        ),
        Mention(doc="d2", start=0, end=3, text="the chairman of the Shura Council", kind="title"),
        Mention(doc="d2", start=0, end=3, text="Darwish", kind="name"),
    ]
    jabarin = Actor(id="a4", name="Zaher Jabarin", kind="person")
    jabarin.mentions = [
        Mention(doc="d1", start=0, end=3, text="Zaher Jabarin", kind="name"),
        Mention(doc="d2", start=0, end=3, text="Jabarin", kind="name"),
    ]
    record.actors += [darwish, jabarin]
    return record


def test_a_participant_named_by_some_reports_and_not_others_is_a_finding() -> None:
    findings = coverage_findings(three_reports())  # type: ignore[arg-type]
    (missing,) = [f for f in findings if f.actors == ["a4"]]
    assert missing.kind == "coverage" and missing.basis == "omitted_actor"
    assert "2 of 3" in missing.summary and "tv" in missing.summary
    assert {s.doc for s in missing.evidence} == {"d1", "d2"}


def test_different_titles_for_one_person_across_outlets_are_a_finding() -> None:
    findings = coverage_findings(three_reports())  # type: ignore[arg-type]
    (titles,) = [f for f in findings if "titled differently" in f.summary]
    assert "head of the Hamas leadership council" in titles.summary
    assert "chairman of the Shura Council" in titles.summary


def test_a_quote_only_one_outlet_carries_is_a_coverage_finding() -> None:
    findings = coverage_findings(three_reports())  # type: ignore[arg-type]
    only = [f for f in findings if f.quotes]
    assert [f.quotes for f in only] == [["q3"]]
    assert only[0].summary.startswith("Only tv quotes Ali Khamenei")
    assert only[0].evidence[0].doc == "d3"
