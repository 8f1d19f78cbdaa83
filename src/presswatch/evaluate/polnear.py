"""`presswatch eval polnear`: attribution (source, cue, content) on PolNeAR.

PolNeAR annotates every attribution in US political news — direct, indirect and mixed —
as brat Source/Cue/Content spans. We run our quote extraction on each article's text and
score each element separately: exact match (same span after trimming quotation marks,
whitespace, edge punctuation and a leading "that") and overlap (any shared character).
Where an article has several annotators, the first annotation file is the gold.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from presswatch.evaluate import DEFAULT_DATA, data_path, eval_app
from presswatch.extract import analyse_documents
from presswatch.model import Document, Quote, document_id
from presswatch.nlp import load_pipeline
from presswatch.settings import DEFAULT_MODEL

ELEMENTS = ("source", "cue", "content")
PUBLISHED: dict[str, dict[str, float | None]] = {
    "CofeNet (Wang et al. 2022), test, exact": {"source": 83.2, "cue": 75.3, "content": 72.9},
    "CoreNLP quote annotator, exact": {"source": 13.9, "cue": None, "content": 17.5},
}
_TRIM = "\"“”«»„‘’' \n\t.,;:—–-"

Spans = dict[str, list[tuple[int, int]]]


@dataclass
class Article:
    name: str
    text: str
    gold: Spans


@dataclass
class Score:
    predicted: int = 0
    gold: int = 0
    matched_predicted: int = 0
    matched_gold: int = 0

    def add(self, other: Score) -> None:
        self.predicted += other.predicted
        self.gold += other.gold
        self.matched_predicted += other.matched_predicted
        self.matched_gold += other.matched_gold

    @property
    def precision(self) -> float:
        return 100 * self.matched_predicted / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return 100 * self.matched_gold / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Result:
    exact: dict[str, Score] = field(default_factory=lambda: {e: Score() for e in ELEMENTS})
    overlap: dict[str, Score] = field(default_factory=lambda: {e: Score() for e in ELEMENTS})
    articles: int = 0


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets of a span without edge marks, punctuation and a leading "that"."""
    while start < end and (text[start] in _TRIM or text[start].isspace()):
        start += 1
    while end > start and (text[end - 1] in _TRIM or text[end - 1].isspace()):
        end -= 1
    # "that" opening a reported clause is the complementiser, not what was reported;
    # annotators include it or not, so neither side keeps it.
    if text[start : start + 4].lower() == "that" and start + 4 < end:
        following = text[start + 4]
        if not following.isalnum() and following not in "'’-":
            start += 4
            while start < end and (text[start] in _TRIM or text[start].isspace()):
                start += 1
    return start, end


def read_ann(path: Path, text: str) -> Spans:
    gold: Spans = {e: [] for e in ELEMENTS}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 2 or not parts[0].startswith("T"):
            continue
        label, _, offsets = parts[1].partition(" ")
        element = label.lower()
        if element not in gold:
            continue
        pieces = [tuple(int(n) for n in piece.split()) for piece in offsets.split(";")]
        start, end = pieces[0][0], pieces[-1][-1]
        gold[element].append(trim(text, start, end))
    return gold


def load_articles(folder: Path, limit: int | None = None) -> list[Article]:
    articles = []
    seen: set[str] = set()
    for ann in sorted((folder / "attributions").glob("*.ann")):
        name = re.sub(r"_[0-9a-f]{4}$", "", ann.stem)
        if name in seen:
            continue
        text_file = folder / "text" / f"{name}.txt"
        if not text_file.exists():
            continue
        seen.add(name)
        text = text_file.read_text(encoding="utf-8")
        articles.append(Article(name, text, read_ann(ann, text)))
        if limit is not None and len(articles) >= limit:
            break
    return articles


def predicted_spans(text: str, quotes: Iterable[Quote]) -> Spans:
    found: Spans = {e: [] for e in ELEMENTS}
    for quote in quotes:
        if quote.speaker_text is None and quote.cue is None and quote.kind == "mixed":
            continue  # a scare quote: words in quotation marks that nobody is said to say
        # A partial quote's content is the whole phrase its cue reports, as PolNeAR marks it.
        found["content"].append(trim(text, *quote.reported))
        if quote.speaker_start is not None and quote.speaker_end is not None:
            found["source"].append(trim(text, quote.speaker_start, quote.speaker_end))
        if quote.cue_start is not None and quote.cue_end is not None:
            found["cue"].append(trim(text, quote.cue_start, quote.cue_end))
    return {e: list(dict.fromkeys(spans)) for e, spans in found.items()}


def score(predicted: list[tuple[int, int]], gold: list[tuple[int, int]], exact: bool) -> Score:
    def match(a: tuple[int, int], b: tuple[int, int]) -> bool:
        return a == b if exact else a[0] < b[1] and b[0] < a[1]

    gold_set = list(dict.fromkeys(gold))
    return Score(
        predicted=len(predicted),
        gold=len(gold_set),
        matched_predicted=sum(any(match(p, g) for g in gold_set) for p in predicted),
        matched_gold=sum(any(match(p, g) for p in predicted) for g in gold_set),
    )


def evaluate(articles: list[Article], model: str = DEFAULT_MODEL) -> Result:
    nlp = load_pipeline(model, ("actors", "quotes"))
    result = Result()
    documents = [
        Document(id=document_id(a.text), source=a.name, language="en", text=a.text)
        for a in articles
    ]
    analyses = analyse_documents(nlp, documents, batch_size=16)
    for article, analysis in zip(articles, analyses, strict=True):
        predicted = predicted_spans(article.text, analysis.quotes)
        for element in ELEMENTS:
            result.exact[element].add(score(predicted[element], article.gold[element], True))
            result.overlap[element].add(score(predicted[element], article.gold[element], False))
        result.articles += 1
    return result


def evaluate_peer(articles: list[Article], predictions: dict[str, Any]) -> tuple[Result, int]:
    """Score another tool's spans (see benchmarks/peer_textacy_polnear.py); count its failures."""
    result = Result()
    failures = 0
    for article in articles:
        entry = predictions.get(article.name, {})
        if "error" in entry:
            failures += 1
        predicted: Spans = {e: [] for e in ELEMENTS}
        for quote in entry.get("quotes", []):
            for element in ELEMENTS:
                if quote.get(element):
                    start, end = quote[element]
                    predicted[element].append(trim(article.text, start, end))
        for element in ELEMENTS:
            result.exact[element].add(score(predicted[element], article.gold[element], True))
            result.overlap[element].add(score(predicted[element], article.gold[element], False))
        result.articles += 1
    return result, failures


def result_table(result: Result, split: str, peer: tuple[str, Result] | None = None) -> Table:
    table = Table(title=f"PolNeAR {split}: {result.articles} articles")
    table.add_column("system")
    for element in ELEMENTS:
        table.add_column(f"{element} P/R/F1", justify="right")
    for label, scores in (
        ("presswatch, exact", result.exact),
        ("presswatch, overlap", result.overlap),
    ):
        table.add_row(
            label, *(f"{s.precision:.1f} / {s.recall:.1f} / {s.f1:.1f}" for s in scores.values())
        )
    if peer is not None:
        name, peer_result = peer
        for label, scores in (
            (f"{name}, exact", peer_result.exact),
            (f"{name}, overlap", peer_result.overlap),
        ):
            table.add_row(
                label,
                *(f"{s.precision:.1f} / {s.recall:.1f} / {s.f1:.1f}" for s in scores.values()),
            )
    for label, figures in PUBLISHED.items():
        table.add_row(
            label, *(f"F1 {figures[e]}" if figures[e] is not None else "—" for e in ELEMENTS)
        )
    return table


@eval_app.command("polnear")
def polnear(
    split: Annotated[str, typer.Option(help="dev or train")] = "dev",
    data: Annotated[Path, typer.Option(help="Folder holding polnear/.")] = DEFAULT_DATA,
    limit: Annotated[int | None, typer.Option(help="Only the first N articles.")] = None,
    model: Annotated[str, typer.Option(help="spaCy pipeline.")] = DEFAULT_MODEL,
    json_out: Annotated[Path | None, typer.Option("--json", help="Write scores here.")] = None,
    peer: Annotated[
        Path | None, typer.Option(help="Another tool's spans (benchmarks/peer_*.py output).")
    ] = None,
) -> None:
    """Score quote attribution on PolNeAR (source, cue, content; exact and overlap).

    Example: presswatch eval polnear --split dev
    """
    folder = data_path(data, "polnear", split, "attributions").parent
    articles = load_articles(folder, limit)
    result = evaluate(articles, model)
    peer_result = None
    if peer is not None:
        peer_result, failures = evaluate_peer(articles, json.loads(peer.read_text()))
        Console().print(f"{peer.stem}: raised on {failures} of {len(articles)} articles")
    Console().print(
        result_table(result, split, (peer.stem, peer_result) if peer and peer_result else None)
    )
    if json_out is not None:
        payload = {
            kind: {
                e: {"precision": s.precision, "recall": s.recall, "f1": s.f1}
                for e, s in scores.items()
            }
            for kind, scores in (("exact", result.exact), ("overlap", result.overlap))
        }
        json_out.write_text(json.dumps({"articles": result.articles, **payload}, indent=2))
