"""The report reads from the top: contradictions first and each once, coverage folded, evidence
in one pair of quote marks, actor cards without duplicates, fragments or bad plurals."""

from __future__ import annotations

import re

from presswatch.model import Actor, Document, Finding, Mention, Quote, Record, Span
from presswatch.render.compare import render_comparison
from presswatch.render.html import render_report
from presswatch.render.page import quoted

TEXT = '"Our people will not leave," said Khalil al-Hayya. The Gaza Courier reported it.'


def record() -> Record:
    document = Document(id="d1", source="a.txt", outlet="Gaza Courier", text=TEXT)
    evidence = Span(doc="d1", start=0, end=29, text='"Our people will not leave,"')
    contradiction = Finding(
        id="f1", kind="contradiction", summary="50,000 vs 48,000", claims=["c1", "c2"]
    )
    return Record(
        documents=[document],
        actors=[
            Actor(
                id="a1",
                name="Khalil al-Hayya",
                kind="person",
                aliases=["khalil al-hayya", "Hamas chief in Gaza", "Hamas chief", "the head"],
                mentions=[Mention(doc="d1", start=35, end=50, text="Khalil al-Hayya")],
            ),
            # The outlet's own name read as an organisation: no card.
            Actor(
                id="a2",
                name="Gaza Courier",
                kind="organization",
                mentions=[Mention(doc="d1", start=55, end=67, text="Gaza Courier", kind="name")],
            ),
        ],
        quotes=[Quote(id="q1", doc="d1", start=1, end=27, text="Our people will not leave,")],
        findings=[
            Finding(id="f3", kind="coverage", summary="named by 1 of 2", evidence=[evidence]),
            Finding(id="f4", kind="corroboration", summary="agreed by 2"),
            contradiction,
            # The same contradiction again, placed in a story: shown once.
            contradiction.model_copy(update={"id": "f2", "story": "s1"}),
        ],
    )


def test_contradictions_come_first_each_once_and_coverage_is_folded() -> None:
    page = render_report(record())
    findings = page[page.index('<section id="findings">') :]
    findings = findings[: findings.index("</section>")]
    kinds = re.findall(r'<details class="kind (\w+)" id="kind-\w+"( open)?>', findings)
    assert kinds == [("contradiction", " open"), ("coverage", ""), ("corroboration", "")]
    assert findings.count("50,000 vs 48,000") == 1
    assert 'id="f2"' in findings  # the copy placed in a story is the one kept


def test_evidence_shows_one_pair_of_quote_marks() -> None:
    page = render_report(record())
    assert "“Our people will not leave,”" in page
    assert "“&quot;" not in page and '“"' not in page
    assert quoted('  "He said ‘no’  today."  ') == "“He said ‘no’  today.”".replace("  ", " ")
    assert quoted("the Palestinians'") == "“the Palestinians&#x27;”"


def test_actor_cards_have_clean_aliases_and_plurals() -> None:
    page = render_report(record())
    actors = page[page.index('<section id="actors">') :]
    actors = actors[: actors.index("</section>")]
    assert "1 mention<" in actors and "1 mentions" not in actors
    assert "Also: Hamas chief in Gaza; the head<" in actors  # no case duplicate, no fragment
    assert "Gaza Courier</b>" not in actors


def test_the_comparison_page_folds_findings_the_same_way() -> None:
    page = render_comparison(record())
    assert page.count("50,000 vs 48,000") == 1
    assert page.index('id="kind-contradiction" open') < page.index('id="kind-coverage"')
    assert "Findings (3)" in page
