"""The PolNeAR scorer: brat spans read, trimmed alike, matched exactly or by overlap."""

from __future__ import annotations

from pathlib import Path

from presswatch.evaluate.polnear import load_articles, score, trim


def write_article(folder: Path, name: str, text: str, ann: str) -> None:
    (folder / "text").mkdir(parents=True, exist_ok=True)
    (folder / "attributions").mkdir(parents=True, exist_ok=True)
    (folder / "text" / f"{name}.txt").write_text(text, encoding="utf-8")
    (folder / "attributions" / f"{name}_ab12.ann").write_text(ann, encoding="utf-8")


def test_brat_spans_are_read_with_discontinuous_content_joined(tmp_path: Path) -> None:
    text = '"We will win," the mayor said, "and soon."'
    ann = (
        "T1\tSource 15 24\tthe mayor\n"
        "T2\tCue 25 29\tsaid\n"
        'T3\tContent 0 14;30 42\t"We will win," "and soon."\n'
        "R1\tHAS_SOURCE Arg1:T3 Arg2:T1\n"
    )
    write_article(tmp_path, "a1", text, ann)
    (article,) = load_articles(tmp_path)
    assert [text[s:e] for s, e in article.gold["source"]] == ["the mayor"]
    assert [text[s:e] for s, e in article.gold["content"]] == [
        'We will win," the mayor said, "and soon'
    ]


def test_one_annotator_per_article_is_scored(tmp_path: Path) -> None:
    write_article(tmp_path, "a1", "Lee said so.", "T1\tSource 0 3\tLee\n")
    (tmp_path / "attributions" / "a1_cd34.ann").write_text("T1\tSource 0 3\tLee\n")
    assert len(load_articles(tmp_path)) == 1


def test_trim_drops_marks_edge_punctuation_spaces_and_leading_that() -> None:
    text = "He said that\u00a0the plan works.\u00a0"
    start, end = trim(text, 8, len(text))
    assert text[start:end] == "the plan works"


def test_exact_and_overlap_matching() -> None:
    gold = [(0, 10), (20, 30)]
    exact = score([(0, 10), (21, 30)], gold, exact=True)
    overlap = score([(0, 10), (21, 30)], gold, exact=False)
    assert (exact.matched_predicted, exact.matched_gold) == (1, 1)
    assert (overlap.matched_predicted, overlap.matched_gold) == (2, 2)
    assert overlap.f1 == 100.0
