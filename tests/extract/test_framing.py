from __future__ import annotations

from tests.conftest import Analyse


def framing(analyse: Analyse, text: str) -> list[tuple[str, str, str | None]]:
    return [(f.text, f.category, f.neutral) for f in analyse(text).framing]


def test_loaded_labels_from_one_side_carry_their_neutral_wording(analyse: Analyse) -> None:
    found = framing(
        analyse, "The Zionist regime bombed Gaza, and the martyrs were buried on Friday."
    )
    assert ("Zionist regime", "loaded_label", "Israel") in found
    assert ("martyrs", "honorific_glorifying", "killed") in found


def test_loaded_labels_from_the_other_side_are_marked_too(analyse: Analyse) -> None:
    found = framing(
        analyse, "Israel said the terror group and Iran's proxies were behind the massacre."
    )
    assert ("terror group", "loaded_label", "militants") in found
    assert ("Iran's proxies", "loaded_label", "Iran-allied groups") in found
    assert ("massacre", "dysphemism", "killing") in found


def test_a_plain_report_has_no_loaded_terms(analyse: Analyse) -> None:
    assert framing(analyse, "Israel and Hamas agreed a ceasefire on Sunday, officials said.") == []


def test_inflected_forms_match_by_lemma(analyse: Analyse) -> None:
    found = framing(analyse, "He honoured the martyr and the Zionist regimes' victims.")
    assert ("martyr", "honorific_glorifying", "killed") in found


def test_offsets_point_at_the_term_in_the_text(analyse: Analyse) -> None:
    text = "Officials called it genocide."
    (span,) = analyse(text).framing
    assert text[span.start : span.end] == "genocide" and span.category == "contested_legal"
