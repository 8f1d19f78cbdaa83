"""`presswatch eval ptc`: our loaded-term spans against the propaganda corpus of SemEval-2020
Task 11 (PTC), gold = its Loaded_Language and Name_Calling,Labeling spans.

Scored with the task's span metric (Da San Martino et al. 2019): each predicted span earns
the share of its characters inside gold spans (precision), each gold span the share of
its characters covered (recall). Our lexicon targets conflict-news vocabulary; PTC is
mostly US and world political opinion, so this measures how far a fixed term list reaches
on someone else's definition of loaded language.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from presswatch.evaluate import DEFAULT_DATA, data_path, eval_app
from presswatch.extract.framing import find_loaded_terms
from presswatch.nlp import load_pipeline
from presswatch.settings import DEFAULT_MODEL

GOLD_TECHNIQUES = frozenset({"Loaded_Language", "Name_Calling,Labeling"})
# Published best span F1 on the full SemEval-2020 Task 11 SI task (all techniques).
PUBLISHED_BEST_SI_F1 = 0.52

Spans = dict[str, list[tuple[int, int]]]


def read_gold(path: Path) -> Spans:
    gold: Spans = defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        article, technique, start, end = line.split("\t")
        if technique in GOLD_TECHNIQUES:
            gold[article].append((int(start), int(end)))
    return gold


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def span_scores(predicted: Spans, gold: Spans) -> dict[str, float]:
    """SemEval-2020 Task 11 SI precision/recall/F1 with partial-overlap credit."""
    precision_sum = recall_sum = 0.0
    n_predicted = sum(len(v) for v in predicted.values())
    n_gold = sum(len(v) for v in gold.values())
    for article in set(predicted) | set(gold):
        for s in predicted.get(article, []):
            covered = sum(overlap(s, t) for t in gold.get(article, []))
            precision_sum += min(covered, s[1] - s[0]) / max(1, s[1] - s[0])
        for t in gold.get(article, []):
            covered = sum(overlap(s, t) for s in predicted.get(article, []))
            recall_sum += min(covered, t[1] - t[0]) / max(1, t[1] - t[0])
    precision = precision_sum / n_predicted if n_predicted else 0.0
    recall = recall_sum / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "predicted": n_predicted,
        "gold": n_gold,
        "precision": precision,
        "recall": recall,
        "f1": f1,
    }


@eval_app.command("ptc")
def ptc(
    data: Annotated[Path, typer.Option(help="Folder holding ptc/.")] = DEFAULT_DATA,
    model: Annotated[str, typer.Option(help="Installed spaCy pipeline.")] = DEFAULT_MODEL,
    json_out: Annotated[Path | None, typer.Option("--json", help="Write scores here.")] = None,
) -> None:
    """Loaded-term spans vs PTC Loaded_Language + Name_Calling spans (span P/R/F1).

    Example: presswatch eval ptc --data ../shared/data
    """
    gold = read_gold(data_path(data, "ptc", "task2-TC.labels"))
    articles = sorted(data_path(data, "ptc", "articles").glob("article*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in articles]
    ids = [p.stem.removeprefix("article") for p in articles]
    # Lemmas need the tagger; the parser and entities are not used by the term matcher.
    nlp = load_pipeline(model)
    predicted: Spans = defaultdict(list)
    with nlp.select_pipes(disable=[p for p in ("parser", "ner") if p in nlp.pipe_names]):
        for article, doc in zip(ids, nlp.pipe(texts, batch_size=16), strict=True):
            predicted[article] = [(f.start, f.end) for f in find_loaded_terms(doc, article)]
    scores = span_scores(predicted, gold)
    table = Table(title=f"PTC loaded language ({len(articles)} articles)")
    for column in ("system", "spans", "P", "R", "F1"):
        table.add_column(column)
    table.add_row(
        "presswatch loaded_terms.yaml",
        str(int(scores["predicted"])),
        f"{scores['precision']:.3f}",
        f"{scores['recall']:.3f}",
        f"{scores['f1']:.3f}",
    )
    table.add_row(
        "published best (full SI task, all techniques)", "", "", "", f"{PUBLISHED_BEST_SI_F1:.2f}"
    )
    Console().print(table)
    if json_out is not None:
        json_out.write_text(json.dumps(scores, indent=2), encoding="utf-8")
