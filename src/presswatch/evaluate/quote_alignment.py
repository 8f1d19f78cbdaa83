"""`presswatch eval quote-alignment`: precision and recall of deciding that two renderings
are the same statement, per method, on the project's hand-written pairs
(`data/quote_alignment_pairs.yaml`: verbatim, trimmed and re-translated renderings against
different statements by the same speaker that share topic words)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from presswatch.evaluate import eval_app
from presswatch.lang.data import QUOTE_ALIGNMENT_PAIRS, AlignmentPair
from presswatch.link.quotes import same_statement, sentence_embedder


def score_method(pairs: list[AlignmentPair], method: str) -> dict[str, float]:
    """Precision, recall, F1 of `same_statement` under one method over labelled pairs."""
    vectors: dict[str, list[float]] = {}
    if method == "embedding":
        embed = sentence_embedder()
        if embed is None:
            raise typer.BadParameter("embedding: the `embeddings` extra is not installed")
        texts = sorted({text for p in pairs for text in (p.a, p.b)})
        vectors = dict(zip(texts, embed(texts), strict=True))
    tp = fp = fn = 0
    for pair in pairs:
        predicted = same_statement(pair.a, pair.b, method, vectors) is not None
        tp += predicted and pair.same
        fp += predicted and not pair.same
        fn += (not predicted) and pair.same
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "pairs": len(pairs),
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": precision,
        "recall": recall,
        "f1": f1,
    }


@eval_app.command("quote-alignment")
def quote_alignment(
    method: Annotated[
        list[str] | None,
        typer.Option(help="lexical and/or embedding (default: both if installed)."),
    ] = None,
    json_out: Annotated[Path | None, typer.Option("--json", help="Write scores here.")] = None,
) -> None:
    """Precision/recall of quote alignment per method on the hand-written rendering pairs.

    Example: presswatch eval quote-alignment --method lexical
    """
    pairs = QUOTE_ALIGNMENT_PAIRS.load()
    methods = method or (["lexical", "embedding"] if sentence_embedder() else ["lexical"])
    scores = {name: score_method(pairs, name) for name in methods}
    table = Table(title=f"quote alignment ({len(pairs)} pairs)")
    for column in ("method", "P", "R", "F1", "tp", "fp", "fn"):
        table.add_column(column)
    for name, s in scores.items():
        table.add_row(
            name,
            f"{s['precision']:.2f}",
            f"{s['recall']:.2f}",
            f"{s['f1']:.2f}",
            str(s["tp"]),
            str(s["fp"]),
            str(s["fn"]),
        )
    Console().print(table)
    if json_out is not None:
        json_out.write_text(json.dumps(scores, indent=2), encoding="utf-8")
