from __future__ import annotations

import json
from pathlib import Path

from presswatch.link.quotes import align_statements, find_drift
from presswatch.model import Record, Story
from presswatch.render.compare import (
    comparison_json,
    marked_words,
    render_comparison,
    story_comparisons,
    write_comparison,
)
from tests.link.quote_records import corpus


def drifted() -> Record:
    record = corpus(
        [
            (
                "khamenei.ir",
                "2025-02-08",
                "Fifteen months of resistance showed Gaza cannot be defeated.",
            ),
            (
                "Press TV <b>",
                "2025-02-09",
                "Fifteen years of resistance showed Gaza cannot be defeated.",
            ),
        ],
        stories=[Story(id="s1", documents=["d1", "d2"], label="Leader receives <delegation>")],
    )
    aligned = align_statements(record)
    record.quote_groups = [g for g, _ in aligned]
    record.findings = find_drift(record, aligned)
    return record


def test_the_page_shows_findings_groups_in_columns_and_the_changed_word() -> None:
    page = render_comparison(drifted())
    assert page.index('id="findings"') < page.index('id="quotes"') < page.index('id="reports"')
    assert "<del>months</del>" in page and "<ins>years</ins>" in page
    assert "<th>khamenei.ir</th>" in page


def test_article_text_and_outlet_names_are_escaped() -> None:
    page = render_comparison(drifted())
    assert "Press TV <b>" not in page and "Press TV &lt;b&gt;" in page


def test_a_trimmed_rendering_marks_no_missing_words() -> None:
    assert "<del>" not in marked_words(
        "a nation relying on God cannot be defeated", "cannot be defeated"
    )


def test_the_story_section_for_the_main_report_names_each_story() -> None:
    section = story_comparisons(drifted())
    assert section.startswith('<section id="story-comparison">')
    assert "Leader receives &lt;delegation&gt;" in section and "<ins>years</ins>" in section


def test_json_output_holds_the_record_and_framing_counts(tmp_path: Path) -> None:
    out = tmp_path / "c.json"
    write_comparison(drifted(), json_path=out)
    payload = json.loads(out.read_text(encoding="utf-8"))
    assert payload["quote_groups"][0]["first"] == "q1"
    assert "framing_counts" in payload and comparison_json(drifted())["findings"]


def test_framing_counts_tell_the_outlets_own_voice_from_a_quoted_speaker() -> None:
    from presswatch.model import FramingSpan
    from presswatch.render.compare import framing_counts

    record = drifted()
    quote = record.quotes[0]
    record.framing = [
        FramingSpan(
            doc="d1", start=quote.start, end=quote.start + 7, text="Fifteen", category="euphemism"
        ),
        FramingSpan(doc="d1", start=0, end=3, text="The", category="euphemism"),
    ]
    counts = framing_counts(record)["euphemism"]["d1"]
    assert counts == {"fifteen (in a quote)": 1, "the": 1}
