from __future__ import annotations

from spacy.language import Language
from spacy.matcher import Matcher

from presswatch.extract import document_doc
from presswatch.extract.doc_index import doc_text, noun_chunks
from presswatch.extract.framing import term_matcher, token_patterns
from presswatch.lang.data import LOADED_TERMS
from tests.conftest import EXAMPLES, Analyse, make_document


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


def test_term_matcher_finds_what_spacys_matcher_finds_in_its_order(nlp: Language) -> None:
    """The lookup matcher stands in for spaCy's Matcher over the same patterns: on the
    examples (and an inflected, capitalised and overlapping text) it must give the same
    (key, start, end) list, in the Matcher's order, which decides overlaps."""
    matcher = Matcher(nlp.vocab)
    keys = {}
    for index, entry in enumerate(LOADED_TERMS.load()):
        matcher.add(f"loaded-{index}", [p for t in entry.terms for p in token_patterns(t)])
        keys[nlp.vocab.strings[f"loaded-{index}"]] = index
    texts = [path.read_text(encoding="utf-8") for path in sorted(EXAMPLES.glob("*.txt"))]
    texts.append("Martyrs and the Martyr's family; the Zionist regime's terror group's massacre.")
    found = 0
    for doc in nlp.pipe(texts):
        expected = [(keys[key], start, end) for key, start, end in matcher(doc)]
        assert term_matcher()(doc) == expected
        found += len(expected)
    assert found > 10


def test_doc_text_and_noun_chunks_are_spacys(nlp: Language) -> None:
    text = (EXAMPLES / "wire-ceasefire-prisoner-exchange.txt").read_text(encoding="utf-8")
    doc = nlp(text)
    made = nlp(document_doc(nlp, make_document(text)))
    assert doc_text(doc) == doc_text(made) == made.text == doc.text
    assert noun_chunks(doc) == list(doc.noun_chunks)
