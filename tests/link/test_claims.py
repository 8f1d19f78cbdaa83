"""Claim checks across reports: contradictions with evidence, agreement, single sources."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from presswatch.errors import PresswatchError
from presswatch.lang.quantities import agree
from presswatch.link.claims import UnmatchedFactWarning, check_claims, load_facts
from presswatch.model import Claim, ClaimValue, Document, Finding, Record, Story
from presswatch.settings import Settings

Link = Callable[..., Record]
# Stories are another linker's job; these tests fix the corpus as one story.
CLAIMS_ONLY = Settings(linkers=("actors", "claims"))


def findings(record: Record, kind: str) -> list[Finding]:
    return [f for f in record.findings if f.kind == kind and f.basis in ("claims", "reference")]


def texts(record: Record, finding: Finding) -> set[str]:
    claims = {c.id: c for c in record.claims}
    return {claims[c].text for c in finding.claims}


def test_death_tolls_that_cannot_both_hold_are_a_contradiction_with_evidence(
    link: Link,
) -> None:
    record = link(
        ("The war has killed nearly 48,000 people, officials said.", {"outlet": "Desk A"}),
        ("The aggression has left more than 600,000 martyrs.", {"outlet": "Outlet B"}),
        settings=CLAIMS_ONLY,
    )
    found = findings(record, "contradiction")
    assert len(found) == 1
    assert texts(record, found[0]) == {"nearly 48,000", "more than 600,000"}
    assert "cannot both hold" in found[0].summary
    assert "Desk A" in found[0].summary and "Outlet B" in found[0].summary
    documents = {d.id: d.text for d in record.documents}
    assert len(found[0].evidence) == 2
    for span in found[0].evidence:
        assert documents[span.doc][span.start : span.end] == span.text
        assert any(t in (span.text or "") for t in ("48,000", "600,000"))


def test_over_fifty_thousand_and_fifty_two_thousand_are_compatible(link: Link) -> None:
    record = link(
        ("The war has left over 50,000 martyrs.", {"outlet": "Outlet A"}),
        ("Israeli strikes have killed 52,000 people in the war.", {"outlet": "Outlet B"}),
        settings=CLAIMS_ONLY,
    )
    assert findings(record, "contradiction") == []


def test_killed_and_wounded_are_never_compared(link: Link) -> None:
    record = link(
        ("The strikes killed 400 people.", {"outlet": "Outlet A"}),
        ("The strikes wounded 3,000 people.", {"outlet": "Outlet B"}),
        settings=CLAIMS_ONLY,
    )
    assert findings(record, "contradiction") == []
    assert findings(record, "corroboration") == []


def test_palestinian_prisoners_and_israeli_captives_are_never_compared(link: Link) -> None:
    record = link(
        ("The deal frees 1,904 Palestinian prisoners in the first phase.", {"outlet": "A"}),
        ("The deal frees 33 Israeli hostages in the first phase.", {"outlet": "B"}),
        settings=CLAIMS_ONLY,
    )
    assert findings(record, "contradiction") == []


def test_homes_and_buildings_are_different_quantities(link: Link) -> None:
    record = link(
        ("Around 60% of homes in the city were damaged.", {"outlet": "A"}),
        ("Roughly 45 percent of all buildings were damaged.", {"outlet": "B"}),
        settings=CLAIMS_ONLY,
    )
    assert findings(record, "contradiction") == []


def test_dates_of_one_attack_a_day_apart_contradict(link: Link) -> None:
    record = link(
        ("The war began after the attack on October 7, 2023.", {"outlet": "A"}),
        ("The fighters launched the attack on October 6, 2023.", {"outlet": "B"}),
        settings=CLAIMS_ONLY,
    )
    found = findings(record, "contradiction")
    assert len(found) == 1
    assert texts(record, found[0]) == {"October 7, 2023", "October 6, 2023"}


def test_war_lengths_beyond_tolerance_contradict_and_within_it_agree(link: Link) -> None:
    record = link(
        ("The war lasted 15 months.", {"outlet": "A"}),
        ("Residents endured 471 days of war.", {"outlet": "B"}),
        ("The fighters fought for a year and a half.", {"outlet": "C"}),
        settings=CLAIMS_ONLY,
    )
    # One disagreement, one finding: 15 months and 471 days agree, and together they
    # disagree with a year and a half.
    contradictions = [texts(record, f) for f in findings(record, "contradiction")]
    assert contradictions == [{"15 months", "471 days", "a year and a half"}]
    assert "cannot both hold" in findings(record, "contradiction")[0].summary
    agreed = [texts(record, f) for f in findings(record, "corroboration")]
    assert {"15 months", "471 days"} in agreed


def test_contradiction_within_one_report_is_found(link: Link) -> None:
    record = link(
        (
            "The strikes killed 300 people on Monday, the mayor said. "
            "Later the army said the strikes killed 120 people on Monday.",
            {"outlet": "A"},
        ),
        settings=CLAIMS_ONLY,
    )
    found = findings(record, "contradiction")
    assert len(found) == 1
    assert len({e.doc for e in found[0].evidence}) == 1


def test_independent_outlets_agreeing_is_a_corroboration(link: Link) -> None:
    record = link(
        (
            "Under the deal, 33 Israeli hostages are to be freed in the first phase.",
            {"outlet": "A"},
        ),
        ("In the first phase, 33 Israeli captives will be released.", {"outlet": "B"}),
        settings=CLAIMS_ONLY,
    )
    found = findings(record, "corroboration")
    assert len(found) == 1
    assert "2 outlets" in found[0].summary


def test_the_same_outlet_twice_is_not_a_corroboration(link: Link) -> None:
    record = link(
        ("The war lasted 15 months.", {"outlet": "A"}),
        ("After 15 months of war the guns fell silent.", {"outlet": "A"}),
        settings=CLAIMS_ONLY,
    )
    assert findings(record, "corroboration") == []


def test_a_figure_only_one_outlet_gives_is_single_source(link: Link) -> None:
    record = link(
        ("Officials said 250 homes were destroyed.", {"outlet": "A"}),
        ("The war lasted 15 months.", {"outlet": "B"}),
        ("The war lasted 15 months, the ministry said.", {"outlet": "C"}),
        settings=CLAIMS_ONLY,
    )
    single = findings(record, "single_source")
    assert any("Homes" in f.summary and "only A" in f.summary for f in single)
    assert not any("15 months" in f.summary for f in single)


def test_claims_in_different_stories_are_not_compared(link: Link) -> None:
    documents = [
        Document(id="d1", source="a", outlet="A", text="The strikes killed 300 people."),
        Document(id="d2", source="b", outlet="B", text="The strikes killed 120 people."),
    ]
    value = ClaimValue(type="quantity", amount=300, qualifier="=")
    claims = [
        Claim(
            id="d1.c1",
            doc="d1",
            start=19,
            end=22,
            text="300",
            subject="people",
            value=value,
            group="deaths",
            facets={"action": "kill"},
        ),
        Claim(
            id="d2.c1",
            doc="d2",
            start=19,
            end=22,
            text="120",
            subject="people",
            value=value.model_copy(update={"amount": 120}),
            group="deaths",
            facets={"action": "kill"},
        ),
    ]
    apart = Record(
        documents=documents,
        claims=claims,
        stories=[Story(id="s1", documents=["d1"]), Story(id="s2", documents=["d2"])],
    )
    assert not [f for f in check_claims(apart) if f.kind == "contradiction"]
    together = Record(
        documents=documents, claims=claims, stories=[Story(id="s1", documents=["d1", "d2"])]
    )
    assert [f.kind for f in check_claims(together)].count("contradiction") == 1


def test_a_claim_against_a_reference_fact_cites_the_reference(link: Link, tmp_path: Path) -> None:
    facts = tmp_path / "facts.yaml"
    facts.write_text(
        "- subject: Palestinians killed\n"
        "  group: deaths\n"
        "  value: 47,400\n"
        "  date: 2025-02-01\n"
        "  source: Gaza health ministry\n"
        "- subject: the attack\n"
        "  group: attack\n"
        "  value: 2023-10-07\n"
        "  source: wire archive\n",
        encoding="utf-8",
    )
    record = link(
        (
            "Strikes have killed 90,000 people in the war.",
            {"outlet": "A", "published": "2025-02-09"},
        ),
        ("The fighters launched the attack on October 6, 2023.", {"outlet": "B"}),
        settings=Settings(linkers=("actors", "claims"), facts=str(facts)),
    )
    found = [f for f in findings(record, "contradiction") if f.reference]
    assert len(found) == 2
    sources = {f.reference["source"] for f in found if f.reference}
    assert sources == {"Gaza health ministry", "wire archive"}
    assert all(f.evidence for f in found)


def test_a_fact_far_from_the_report_date_is_not_applied(link: Link, tmp_path: Path) -> None:
    facts = tmp_path / "facts.yaml"
    facts.write_text(
        "- {subject: people killed, group: deaths, value: 1000, date: 2020-01-01, source: X}\n",
        encoding="utf-8",
    )
    with pytest.warns(UnmatchedFactWarning, match="'people killed'"):
        record = link(
            ("Strikes have killed 90,000 people.", {"outlet": "A", "published": "2025-02-09"}),
            settings=Settings(linkers=("actors", "claims"), facts=str(facts)),
        )
    assert findings(record, "contradiction") == []


def test_malformed_facts_file_is_a_one_line_error(tmp_path: Path) -> None:
    facts = tmp_path / "facts.yaml"
    facts.write_text("subject: not a list\n", encoding="utf-8")
    with pytest.raises(PresswatchError, match=r"facts\.yaml: facts must be a list"):
        load_facts(facts)


EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def pairs(record: Record, kind: str) -> list[set[tuple[str, str]]]:
    """Each finding of a kind as {(outlet, claim text)}."""
    outlets = {d.id: d.outlet or "" for d in record.documents}
    claims = {c.id: c for c in record.claims}
    return [
        {(outlets[claims[c].doc], claims[c].text) for c in f.claims} for f in findings(record, kind)
    ]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (("The Jerusalem Desk", "nearly 48,000"), ("Tehran Times", "over 50,000")),
        (("The Jerusalem Desk", "nearly 48,000"), ("Press TV", "more than 600,000")),
        (("Press TV", "October 6, 2023"), ("Tehran Times", "October 7, 2023")),
        (("Press TV", "October 6, 2023"), ("The Jerusalem Desk", "October 7, 2023")),
        (("Tehran Times", "15 months"), ("Press TV", "a year and a half")),
        (("Al Mayadeen English", "471 days"), ("Press TV", "a year and a half")),
        (("Gulf Observer", "1,500"), ("Levant Wire Service", "1,904")),
        (("Gulf Observer", "1,500"), ("The Jerusalem Desk", "nearly 2,000")),
        (("The Jerusalem Desk", "nearly 48,000"), ("Gulf Observer", "52,000")),
        (("Gulf Observer", "52,000"), ("Press TV", "more than 600,000")),
        (("The Jerusalem Desk", "nearly 48,000"), ("Al Mayadeen English", "over 50,000")),
    ],
)
def test_examples_disagreements_are_found_once_with_evidence(
    examples_record: Record, first: tuple[str, str], second: tuple[str, str]
) -> None:
    holding = [
        f
        for f, p in zip(
            findings(examples_record, "contradiction"),
            pairs(examples_record, "contradiction"),
            strict=True,
        )
        if {first, second} <= p and not f.reference
    ]
    assert len(holding) == 1, [f.summary for f in holding]
    evidence = " ".join(e.text or "" for e in holding[0].evidence)
    assert first[1] in evidence and second[1] in evidence


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("over 50,000", "more than 600,000"),
        ("over 50,000", "52,000"),
        ("1,904", "nearly 2,000"),
        ("15 months", "471 days"),
        ("33", "1,904"),
        ("Around 60%", "Roughly 60 percent"),
        ("some 1,200", "nearly 48,000"),
        ("251", "33"),
    ],
)
def test_examples_compatible_or_unrelated_figures_are_not_contradictions(
    examples_record: Record, first: str, second: str
) -> None:
    # Claims that agree may stand together on one side of a contradiction (15 months and
    # 471 days against a year and a half); never on opposite sides.
    by_text = {c.text: c.value for c in examples_record.claims}
    for found in pairs(examples_record, "contradiction"):
        if {first, second} <= {text for _, text in found}:
            assert agree(by_text[first], by_text[second])


def test_examples_israeli_captives_are_corroborated(examples_record: Record) -> None:
    assert {("Levant Wire Service", "33"), ("The Jerusalem Desk", "33")} in pairs(
        examples_record, "corroboration"
    )


def test_claims_and_findings_commands_list_from_the_store(tmp_path: Path) -> None:
    import json

    from typer.testing import CliRunner

    from presswatch.cli import app

    runner = CliRunner()
    db = tmp_path / "store.db"
    assert runner.invoke(app, ["analyze", str(EXAMPLES), "--db", str(db)]).exit_code == 0
    listed = runner.invoke(app, ["claims", "--db", str(db), "--subject", "prisoners", "--json"])
    assert listed.exit_code == 0
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    assert rows and all("prisoners" in row["subject"].casefold() for row in rows)
    found = runner.invoke(app, ["findings", "--db", str(db), "--kind", "contradiction"])
    assert found.exit_code == 0
    lines = [line for line in found.stdout.splitlines() if not line.startswith("\t")]
    assert lines and all("\tcontradiction\t" in line for line in lines)
    assert any(line.startswith("\t") for line in found.stdout.splitlines())  # evidence
