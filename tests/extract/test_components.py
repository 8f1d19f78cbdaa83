"""The extractors are spaCy components: any pipeline adds them by name and reads the records
they hang on the Doc; the document's metadata reaches them through the Doc as well."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from presswatch.extract import document_doc
from presswatch.model import Document, document_id
from presswatch.nlp import build_pipeline
from presswatch.pipeline import run_analysis
from presswatch.settings import Settings

TEXT = (
    "TEHRAN – The Leader of the Islamic Revolution, Ayatollah Ali Khamenei, received a "
    "Hamas delegation this morning. “You have overcome the Zionist regime,” Khamenei said."
)


@pytest.fixture(scope="module")
def own_pipeline() -> Language:
    """A user's own pipeline: the small English model with two presswatch components."""
    nlp = spacy.load(Settings().model)
    nlp.add_pipe("presswatch_actors")
    nlp.add_pipe("presswatch_quotes")
    return nlp


def test_a_users_own_pipeline_adds_the_quotes_component_by_name(own_pipeline: Language) -> None:
    doc = own_pipeline(TEXT)
    [quote] = doc._.pw_quotes
    assert quote.text == "You have overcome the Zionist regime,"
    [speaker] = [a for a in doc._.pw_actors if a.id == quote.speaker]
    assert speaker.name == "Ali Khamenei"


def test_a_bare_text_is_its_own_document(own_pipeline: Language) -> None:
    doc = own_pipeline(TEXT)
    assert doc._.pw_document.id == document_id(TEXT)
    assert all(q.id.startswith(f"{document_id(TEXT)}.q") for q in doc._.pw_quotes)


def test_the_document_set_before_the_pipe_gives_ids_and_dates() -> None:
    nlp = build_pipeline(Settings().model, ("actors", "quotes", "events"))
    document = Document(id="d-given", source="report.txt", published="2025-02-08", text=TEXT)
    doc = nlp(document_doc(nlp, document))
    event = doc._.pw_events[0]
    assert event.id == "d-given.e1" and event.type == "host"
    assert event.date is not None and event.date.start == "2025-02-08"
    assert event.place == "Tehran"


def test_the_components_declare_what_they_read_and_write(own_pipeline: Language) -> None:
    assigns = {name: own_pipeline.get_pipe_meta(name).assigns for name in own_pipeline.pipe_names}
    assert assigns["presswatch_actors"] == ["doc._.pw_actors", "doc._.pw_mentions"]
    assert assigns["presswatch_quotes"] == ["doc._.pw_quotes"]
    assert "doc._.pw_actors" in own_pipeline.get_pipe_meta("presswatch_quotes").requires


def test_an_unknown_extractor_is_spacys_error_not_a_silent_skip(tmp_path: Path) -> None:
    (tmp_path / "report.txt").write_text(TEXT, encoding="utf-8")
    with pytest.raises(ValueError, match="presswatch_qoutes"):
        run_analysis([str(tmp_path)], settings=Settings(extractors=("actors", "qoutes")))


def test_spacy_finds_the_components_through_the_entry_point() -> None:
    # A fresh interpreter that never imports presswatch itself.
    script = (
        "import spacy, sys\n"
        f"nlp = spacy.load({Settings().model!r})\n"
        "nlp.add_pipe('presswatch_actors')\n"
        "nlp.add_pipe('presswatch_quotes')\n"
        f"doc = nlp({TEXT!r})\n"
        "print(len(doc._.pw_quotes))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "1"
