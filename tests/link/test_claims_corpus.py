"""Claims compared across the corpus: who was counted, where, and when decide what meets.

Runs the whole pipeline on examples/ and on two reports written for these tests
(tests/data/claims/: a Northern Ledger and a Coastal Monitor piece giving the Israeli, Gaza,
West Bank and Lebanese tolls side by side), and checks that no finding sets counts of
different groups against each other.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from presswatch.cli import app
from presswatch.lang.claim_subjects import canonical_place, side_of
from presswatch.link.claims import (
    UnmatchedFactWarning,
    candidate_pairs,
    check_claims,
    checked_claims,
)
from presswatch.model import Claim, ClaimValue, Document, Finding, Record, Story
from presswatch.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
REPORTS = ROOT / "tests" / "data" / "claims"
Link = Callable[..., Record]


@pytest.fixture(scope="module")
def corpus() -> Record:
    from presswatch.pipeline import run_analysis

    record, summary = run_analysis([str(EXAMPLES), str(REPORTS)], settings=Settings())
    assert summary.failures == []
    return record


def compared(record: Record) -> list[Finding]:
    return [
        f
        for f in record.findings
        if f.kind in ("contradiction", "divergence") and f.basis == "claims"
    ]


def members(record: Record, finding: Finding) -> list[Claim]:
    claims = {c.id: c for c in record.claims}
    return [claims[c] for c in finding.claims]


def outlet_texts(record: Record, finding: Finding) -> set[tuple[str, str]]:
    outlets = {d.id: d.outlet or "" for d in record.documents}
    return {(outlets[c.doc], c.text) for c in members(record, finding)}


def test_no_finding_sets_different_counted_groups_against_each_other(corpus: Record) -> None:
    for finding in compared(corpus):
        claims = members(corpus, finding)
        assert len({c.group for c in claims}) == 1, finding.summary
        if claims[0].value.type == "quantity":
            assert len({c.value.unit for c in claims}) == 1, finding.summary
        sides = {side_of(c.subject, c.facets.get("place")) for c in claims} - {None}
        assert len(sides) <= 1, finding.summary
        places = {canonical_place(c.facets.get("place")) for c in claims} - {None}
        assert len(places) <= 1, finding.summary


def test_the_israeli_toll_of_7_october_never_meets_the_gaza_toll(corpus: Record) -> None:
    israeli = {("Northern Ledger", "about 1,200"), ("Coastal Monitor", "1,139")}
    israeli |= {("The Jerusalem Desk", "some 1,200")}
    gaza = {
        ("Northern Ledger", "more than 47,000"),
        ("Coastal Monitor", "nearly 40,000"),
        ("The Jerusalem Desk", "nearly 48,000"),
        ("Gulf Observer", "52,000"),
    }
    for finding in corpus.findings:
        held = outlet_texts(corpus, finding)
        assert not (held & israeli and held & gaza), finding.summary


def test_lebanon_and_the_west_bank_are_not_compared_with_gaza(corpus: Record) -> None:
    elsewhere = {
        ("Coastal Monitor", "4,047"),
        ("Northern Ledger", "more than 4,000"),
        ("Coastal Monitor", "at least 870"),
    }
    for finding in compared(corpus):
        assert not outlet_texts(corpus, finding) & elsewhere, finding.summary


def test_two_stories_disagreeing_on_one_toll_are_compared(corpus: Record) -> None:
    found = [
        f
        for f in compared(corpus)
        if f.kind == "contradiction"
        and {("Coastal Monitor", "nearly 40,000"), ("Northern Ledger", "more than 47,000")}
        <= outlet_texts(corpus, f)
    ]
    assert len(found) == 1
    assert "cannot both hold" in found[0].summary


def test_a_far_larger_compatible_figure_is_a_divergence_with_its_ratio(corpus: Record) -> None:
    found = [
        f
        for f in compared(corpus)
        if f.kind == "divergence"
        and {("Coastal Monitor", "about 186,000"), ("Northern Ledger", "more than 47,000")}
        <= outlet_texts(corpus, f)
    ]
    assert len(found) == 1
    assert "× apart" in found[0].summary
    assert "Coastal Monitor" in found[0].summary and "Northern Ledger" in found[0].summary
    assert len(found[0].evidence) >= 2


def test_hostages_taken_and_hostages_remaining_are_different_counts(corpus: Record) -> None:
    for finding in compared(corpus):
        assert not {("Northern Ledger", "Some 251"), ("Northern Ledger", "76")} <= outlet_texts(
            corpus, finding
        )


def test_each_disagreement_is_one_finding(corpus: Record) -> None:
    seen: set[frozenset[str]] = set()
    for finding in compared(corpus):
        key = frozenset(finding.claims)
        assert key not in seen
        seen.add(key)
    pairs = [
        frozenset({a, b})
        for f in compared(corpus)
        if f.kind == "contradiction"
        for a in f.claims
        for b in f.claims
        if a < b
    ]
    # A pair of claims is never in two contradictions under two labels.
    assert len(pairs) == len(set(pairs))


def _dated(n: int, group: str, day: int, amount: float) -> tuple[Document, Claim]:
    text = f"Officials said {amount:.0f} people were killed."
    document = Document(
        id=f"d{n}",
        source=f"{n}.txt",
        outlet=f"Outlet {n % 7}",
        text=text,
        published=f"2025-{1 + day // 28:02d}-{1 + day % 28:02d}",
    )
    claim = Claim(
        id=f"d{n}.c1",
        doc=f"d{n}",
        start=15,
        end=15 + len(f"{amount:.0f}"),
        text=f"{amount:.0f}",
        subject="people",
        group=group,
        value=ClaimValue(type="quantity", amount=amount, qualifier="="),
        facets={"action": "kill"},
    )
    return document, claim


def test_candidate_pairs_are_indexed_by_group_and_time_frame_not_all_pairs() -> None:
    documents: list[Document] = []
    claims: list[Claim] = []
    groups = ("deaths", "wounded", "prisoners", "captives")
    for n in range(800):
        document, claim = _dated(n, groups[n % 4], day=(n * 7) % 300, amount=100 + n)
        documents.append(document)
        claims.append(claim)
    stories = [Story(id=f"s{n}", documents=[d.id]) for n, d in enumerate(documents)]
    record = Record(documents=documents, claims=claims, stories=stories)
    items = checked_claims(record)
    pairs = list(candidate_pairs(items))
    everything = len(items) * (len(items) - 1) // 2
    assert 0 < len(pairs) < everything / 10
    for i, j in pairs:
        assert items[i].key.group == items[j].key.group
        assert abs((items[i].as_of or 0) - (items[j].as_of or 0)) <= 2 * 14
    check_claims(record)  # runs over the index without comparing every pair


def test_counts_far_apart_in_time_across_stories_do_not_compare() -> None:
    early, late = _dated(1, "deaths", 0, 100), _dated(2, "deaths", 200, 5000)
    record = Record(
        documents=[early[0], late[0]],
        claims=[early[1], late[1]],
        stories=[Story(id="s1", documents=["d1"]), Story(id="s2", documents=["d2"])],
    )
    assert [f.kind for f in check_claims(record)].count("contradiction") == 0
    near = _dated(3, "deaths", 3, 5000)
    record = Record(
        documents=[early[0], near[0]],
        claims=[early[1], near[1]],
        stories=[Story(id="s1", documents=["d1"]), Story(id="s3", documents=["d3"])],
    )
    assert [f.kind for f in check_claims(record)].count("contradiction") == 1


def test_the_readme_facts_example_finds_what_contradicts_it(tmp_path: Path) -> None:
    from presswatch.pipeline import run_analysis

    facts = tmp_path / "facts.yaml"
    facts.write_text(
        "- subject: Palestinians killed in Gaza\n"
        "  group: deaths\n"
        "  value: 47,400\n"
        "  date: 2025-02-01\n"
        "  source: Gaza health ministry\n",
        encoding="utf-8",
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error", UnmatchedFactWarning)
        record, _ = run_analysis([str(EXAMPLES)], settings=Settings(facts=str(facts)))
    found = [f for f in record.findings if f.basis == "reference"]
    assert found
    texts = {t for f in found for _, t in outlet_texts(record, f)}
    assert "more than 600,000" in texts and "52,000" in texts
    assert "some 1,200" not in texts  # the Israeli toll of 7 October is another count
    assert all(f.reference and f.reference["source"] == "Gaza health ministry" for f in found)


def test_a_martyrs_fact_never_meets_the_israeli_toll(tmp_path: Path) -> None:
    from presswatch.pipeline import run_analysis

    facts = tmp_path / "facts.yaml"
    facts.write_text(
        "- {subject: martyrs, value: 47400, date: 2025-02-01, source: ministry}\n",
        encoding="utf-8",
    )
    record, _ = run_analysis([str(EXAMPLES)], settings=Settings(facts=str(facts)))
    for finding in (f for f in record.findings if f.basis == "reference"):
        assert "some 1,200" not in {t for _, t in outlet_texts(record, finding)}


def test_a_fact_that_matches_no_claim_warns_with_its_subject(link: Link, tmp_path: Path) -> None:
    facts = tmp_path / "facts.yaml"
    facts.write_text(
        "- {subject: journalists killed in Lebanon, value: 12, date: 2025-02-01, source: X}\n",
        encoding="utf-8",
    )
    with pytest.warns(UnmatchedFactWarning, match="journalists killed in Lebanon"):
        link(
            ("Strikes killed 90 people in Gaza.", {"outlet": "A", "published": "2025-02-02"}),
            settings=Settings(linkers=("actors", "claims"), facts=str(facts)),
        )


@pytest.mark.parametrize("word", ["killed", "martyrs", "deaths", "death toll", "dead"])
def test_claims_subject_finds_every_synonym_of_the_group(tmp_path: Path, word: str) -> None:
    db = tmp_path / "store.db"
    runner = CliRunner()
    source = tmp_path / "report.txt"
    source.write_text(
        "Date: 2025-02-02\nOutlet: A\n\nThe strikes killed 90 people. Over 50,000 martyrs have "
        "fallen. 1,904 Palestinian prisoners were freed.\n",
        encoding="utf-8",
    )
    assert runner.invoke(app, ["analyze", str(source), "--db", str(db)]).exit_code == 0
    result = runner.invoke(app, ["claims", "--db", str(db), "--subject", word, "--json"])
    assert result.exit_code == 0, result.output
    listed = [json.loads(line) for line in result.output.splitlines() if line.strip()]
    assert {c["text"] for c in listed} == {"90", "Over 50,000"}


def test_examples_lower_bounds_twelve_fold_apart_are_a_divergence(corpus: Record) -> None:
    found = [
        f
        for f in compared(corpus)
        if f.kind == "divergence"
        and {("Press TV", "more than 600,000"), ("Tehran Times", "over 50,000")}
        <= outlet_texts(corpus, f)
    ]
    assert len(found) == 1
    assert "12.0× apart" in found[0].summary
