"""Offsets to markup: any set of overlapping annotations yields balanced, escaped HTML."""

from __future__ import annotations

import re
from html import unescape

from hypothesis import given
from hypothesis import strategies as st

from presswatch.render.highlight import Annotation, highlight
from tests.render.test_html_report import TagBalance


@st.composite
def annotated_texts(draw: st.DrawFn) -> tuple[str, list[Annotation]]:
    text = draw(st.text(alphabet="ab <>&\"'\n", min_size=1, max_size=40))
    annotations = []
    for number in range(draw(st.integers(0, 6))):
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, len(text)))
        tag = draw(st.sampled_from(["q", "mark"]))
        annotations.append(Annotation(start, end, tag, (("id", f"x{number}"),)))
    return text, annotations


@given(annotated_texts())
def test_any_overlap_nests_and_keeps_the_text(case: tuple[str, list[Annotation]]) -> None:
    text, annotations = case
    markup = highlight(text, annotations)
    parser = TagBalance()
    parser.feed(markup)
    assert parser.stack == []
    assert unescape(re.sub(r"<[^>]+>", "", markup.replace("<br>\n", "\n"))) == text
    for annotation in annotations:
        assert markup.count(f'id="{annotation.attributes[0][1]}"') == 1


def test_identical_spans_nest_rather_than_cross() -> None:
    markup = highlight("Darwish", [Annotation(0, 7, "q"), Annotation(0, 7, "mark")])
    assert markup in ("<q><mark>Darwish</mark></q>", "<mark><q>Darwish</q></mark>")


def test_attribute_values_are_quoted_and_escaped() -> None:
    markup = highlight("x", [Annotation(0, 1, "q", (("data-speaker", '"><script>'),))])
    assert markup == '<q data-speaker="&quot;&gt;&lt;script&gt;">x</q>'


def test_out_of_range_annotations_are_ignored() -> None:
    assert highlight("abc", [Annotation(2, 9, "q"), Annotation(-1, 1, "q")]) == "abc"
