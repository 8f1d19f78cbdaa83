"""ecb-entities scores, by default, only the sentences ECB+ lists as annotated."""

from __future__ import annotations

from pathlib import Path

from presswatch.evaluate.ecb_entities import read_topics, selected_sentences, topic_numbers

DOCUMENT = """<Document doc_name="1_1ecb.xml">
<token t_id="1" sentence="0" number="0">Fred</token>
<token t_id="2" sentence="0" number="1">LaRue</token>
<token t_id="3" sentence="1" number="0">LaRue</token>
<token t_id="4" sentence="1" number="1">died</token>
<Markables>
<HUMAN_PART_PER m_id="1"><token_anchor t_id="1"/><token_anchor t_id="2"/></HUMAN_PART_PER>
<HUMAN_PART_PER m_id="2"><token_anchor t_id="3"/></HUMAN_PART_PER>
</Markables>
<Relations>
<CROSS_DOC_COREF r_id="9" note="HUM1"><source m_id="1"/><target m_id="99"/></CROSS_DOC_COREF>
</Relations>
</Document>
"""


def test_topic_numbers() -> None:
    assert topic_numbers("1-3,7") == {1, 2, 3, 7}


def test_only_selected_sentences_are_scored(tmp_path: Path) -> None:
    (tmp_path / "1").mkdir()
    (tmp_path / "1" / "1_1ecb.xml").write_text(DOCUMENT)
    (tmp_path / "ECBplus_coreference_sentences.csv").write_text(
        "Topic,File,Sentence Number\n1,1ecb,0\n"
    )
    every = read_topics(tmp_path, None)["1"][0].mentions
    assert [(m.text, m.sentence) for m in every] == [("Fred LaRue", 0), ("LaRue", 1)]
    selected = read_topics(tmp_path, None, {1}, selected_sentences(tmp_path))["1"][0]
    assert [m.text for m in selected.mentions] == ["Fred LaRue"]
    assert read_topics(tmp_path, None, {2}) == {}
