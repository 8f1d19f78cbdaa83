"""The model's attribute rules by lookup give spaCy's attribute_ruler's output, token for
token, on the examples and on the rules' odd cases (two-token rules, REGEX, NOT_IN, DEP)."""

from __future__ import annotations

from pathlib import Path

import numpy
import pytest
import spacy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG
from spacy.language import Language

from presswatch.attribute_rules import FACTORY, AttributeRules
from presswatch.nlp import build_pipeline, load_pipeline
from presswatch.settings import Settings

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
ODD = [
    "Y'all gonna love it, ain't nothin' wrong. Let's go, c'mon! Gotta run.",
    "There is a cat and there were two dogs. I gave it to you and you gave it to me.",
    "Did he do it? He did, and he has had enough. That which remains is what I'd keep.",
    "Whether or not they agree, the minister didn't say.  \n\n  He is n't here; it 's late.",
]
ATTRS = [POS, TAG, LEMMA, MORPH, DEP, HEAD]


@pytest.fixture(scope="module")
def spacys() -> Language:
    return build_pipeline(Settings().model, lookup_rules=False)


def texts() -> list[str]:
    return ODD + [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.rglob("*.txt"))]


def test_the_pipeline_runs_the_rules_by_lookup_under_the_ruler_s_name() -> None:
    nlp = load_pipeline(Settings().model)
    assert "attribute_ruler" in nlp.pipe_names
    assert nlp.get_pipe_meta("attribute_ruler").factory == FACTORY
    rules = nlp.get_pipe("attribute_ruler")
    assert isinstance(rules, AttributeRules)
    # Most rules are looked up; only those a lookup cannot run are left to a Matcher.
    assert len(rules.matcher) < 10 < sum(len(s.rules) for s in rules.shapes.values())


@pytest.mark.parametrize("parsed", [True, False], ids=["parsed", "without-parser"])
def test_lookup_gives_the_attribute_ruler_s_output_token_for_token(
    spacys: Language, parsed: bool
) -> None:
    ours = load_pipeline(Settings().model)
    off = [] if parsed else ["parser"]
    with spacys.select_pipes(disable=off), ours.select_pipes(disable=off):
        theirs = list(spacys.pipe(texts()))
        mine = list(ours.pipe(texts()))
    assert sum(len(d) for d in mine) > 2000
    for a, b in zip(theirs, mine, strict=True):
        assert numpy.array_equal(a.to_array(ATTRS), b.to_array(ATTRS)), a.text[:60]
    # The odd cases do reach the rules that are not one fixed-value token.
    odd = mine[0]
    assert [t.lemma_ for t in odd[1:3]] == ["go", "to"]  # "gonna"
    assert any(t.lower_ == "nothin'" and t.lemma_ == "nothing" for t in odd)


def test_a_pipeline_without_an_attribute_ruler_is_left_as_it_is() -> None:
    from presswatch.attribute_rules import compile_attribute_ruler

    blank = spacy.blank("en")
    assert compile_attribute_ruler(blank).pipe_names == []
