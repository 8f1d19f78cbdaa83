"""The CAMEO scorer: recall and precision by root and code, actor codes of paired events."""

from __future__ import annotations

from presswatch.evaluate.cameo import GoldRecord, Result, in_split, score
from presswatch.model import Document, DocumentAnalysis, Event, Participant


def event(code: str, source: str | None, target: str | None, negated: bool = False) -> Event:
    participants = [Participant(actor="a1", role="source", code=source)] if source else []
    participants += [Participant(actor="a2", role="target", code=target)] if target else []
    return Event(
        id=f"e{code}",
        type="meet",
        cameo=code,
        label="",
        participants=participants,
        negated=negated,
    )


def analysis(*events: Event) -> DocumentAnalysis:
    document = Document(id="d", source="r", text="x")
    return DocumentAnalysis(document=document, events=list(events))


def test_codes_and_actor_codes_are_scored_and_negated_events_left_out() -> None:
    result = Result("test")
    gold = GoldRecord("r1", "", "x", [("042", "ARN", "GON"), ("043", "GON", "ARN")])
    score(
        result,
        gold,
        analysis(
            event("042", "ARN", "DAG"),
            event("040", "GON", "ARN"),
            event("043", "GON", "ARN", negated=True),
        ),
    )
    assert (result.root.gold, result.root.predicted, result.root.matched) == (2, 2, 2)
    assert (result.code.matched, result.code.recall, result.code.precision) == (1, 50.0, 50.0)
    assert (result.paired, result.source_right, result.target_right) == (1, 1, 0)


def test_train_and_dev_split_the_records_once_and_for_all() -> None:
    records = [GoldRecord(f"DEMO-{n:02d}", "", "text", []) for n in range(200)]
    train = [r.id for r in records if in_split(r, "train")]
    dev = [r.id for r in records if in_split(r, "dev")]
    assert not set(train) & set(dev) and len(train) + len(dev) == 200
    assert 30 <= len(dev) <= 70  # about a quarter
    assert dev == [r.id for r in records if in_split(r, "dev")]  # the same every run
    assert all(in_split(r, "all") for r in records)
