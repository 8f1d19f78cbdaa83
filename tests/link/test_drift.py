from __future__ import annotations

import re

from presswatch.link.quotes import align_statements, find_drift, meaning_changes, word_diff
from tests.link.quote_records import corpus


def drift_of(first: str, second: str) -> list[str]:
    record = corpus([("office", "2025-02-08", first), ("daily", "2025-02-09", second)])
    return [f.summary for f in find_drift(record, align_statements(record))]


def test_a_changed_unit_next_to_a_number_is_drift_with_a_word_diff() -> None:
    record = corpus(
        [
            (
                "office",
                "2025-02-08",
                (
                    "Fifteen months of resistance by the people of Gaza showed "
                    "that a nation relying on God cannot be defeated."
                ),
            ),
            (
                "tv",
                "2025-02-09",
                (
                    "Fifteen years of resistance by Gaza's people proved that a "
                    "nation trusting in God is invincible,"
                ),
            ),
        ]
    )
    (finding,) = find_drift(record, align_statements(record))
    assert finding.kind == "quote_drift" and finding.basis == "quote_rendering"
    assert re.fullmatch(r"f[0-9a-f]{10}", finding.id)
    assert finding.quotes == ["q1", "q2"]
    assert "[-months-] {+years+}" in (finding.diff or "")
    assert {s.text for s in finding.evidence} >= {"months", "years"}


def test_a_changed_figure_is_drift() -> None:
    assert drift_of(
        "We lost 50,000 martyrs in this war of aggression.",
        "We lost 15,000 martyrs in this war of aggression.",
    )


def test_a_dropped_negation_is_drift() -> None:
    assert drift_of(
        "The enemy did not achieve its goals in Gaza.", "The enemy did achieve its goals in Gaza."
    )


def test_a_changed_quantifier_is_drift() -> None:
    assert drift_of(
        "The enemy did not achieve any of its goals in Gaza.",
        "The enemy did not achieve all of its goals in Gaza.",
    )


def test_rewording_without_changing_meaning_is_not_drift() -> None:
    assert not drift_of(
        "You overcame the Zionist regime and, in fact, the United States.",
        "You defeated the Zionist regime and, in fact, the United States.",
    )


def test_a_trimmed_rendering_is_not_drift() -> None:
    assert not drift_of(
        "The enemy did not achieve any of its goals in Gaza, not one.",
        "did not achieve any of its goals in Gaza",
    )


def test_a_different_named_actor_is_drift_when_both_are_known() -> None:
    names = {"netanyahu": "a2", "trump": "a3"}
    changes = meaning_changes(
        "We will never trust Netanyahu again, whatever happens",
        "We will never trust Trump again, whatever happens",
        names,
    )
    assert [c.reason for c in changes] == ["actor"]


def test_word_diff_marks_removed_and_added_words() -> None:
    assert (
        word_diff("fifteen months of war", "fifteen years of war")
        == "fifteen [-months-] {+years+} of war"
    )


def test_the_word_diff_leaves_out_words_the_rendering_did_not_quote() -> None:
    assert word_diff(
        "I welcome you. They did not achieve any goals", "did not achieve all goals"
    ) == ("did not achieve [-any-] {+all+} goals")
