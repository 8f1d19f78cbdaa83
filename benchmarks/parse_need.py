"""How many sentences would need the dependency parser under selective parsing (issue 17).

    .venv/bin/python benchmarks/parse_need.py [--polnear 100] [--data ../shared/data]

Selective parsing would parse only the sentences the extractors read a parse in: those
with a quote mark (quote_marks.yaml), a reporting cue (reporting_verbs.txt, the verbs of
cue_patterns.yaml's object_reports, cameo_patterns.yaml's verbs and nouns, by lemma), a
form of a CAMEO dictionary verb tagged as a verb (cameo_verbs.json, which the events
extractor codes every verb through), or a figure (a number or number word). This prints
the share of sentences and of tokens each criterion selects on PolNeAR train articles
(read in place) and examples/. The parser's share of bare spaCy time is in
benchmarks/throughput.py's split: what selective parsing could save is at most that
share times the share of tokens left unselected.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from spacy.tokens import Span

from presswatch.extract.cameo_verbs import verb_dictionary
from presswatch.lang.data import CAMEO_PATTERNS, CUE_PATTERNS, QUOTE_MARKS, REPORTING_VERBS
from presswatch.nlp import load_pipeline

ROOT = Path(__file__).resolve().parents[1]


def criteria() -> dict[str, Callable[[Span], bool]]:
    marks = QUOTE_MARKS.load()
    quote_marks = {
        m for kind in (marks.double, marks.single) for m in (*kind.open, *kind.close, *kind.either)
    }
    patterns = CAMEO_PATTERNS.load()
    cues = (
        set(REPORTING_VERBS.load())
        | {p[0] for p in CUE_PATTERNS.load().object_reports}
        | set(patterns.verbs)
        | set(patterns.nouns)
    )
    forms = set(verb_dictionary().verbs)
    return {
        "quote mark": lambda s: any(ch in quote_marks for t in s for ch in t.text),
        "reporting cue or hand-listed event word": lambda s: any(
            t.lemma_.lower() in cues for t in s
        ),
        "CAMEO dictionary verb": lambda s: any(
            t.lower_ in forms and t.tag_.startswith("VB") for t in s
        ),
        "figure": lambda s: any(t.like_num for t in s),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--polnear", type=int, default=100)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    options = parser.parse_args()
    folders = {
        "PolNeAR train": sorted((options.data / "polnear" / "train" / "text").glob("*.txt"))[
            : options.polnear
        ],
        "examples/": sorted((ROOT / "examples").rglob("*.txt")),
    }
    tests = criteria()
    nlp = load_pipeline()
    for corpus, paths in folders.items():
        texts = [p.read_text(encoding="utf-8") for p in paths]
        sentences = tokens = 0
        hits = dict.fromkeys([*tests, "any"], 0)
        selected_tokens = 0
        for doc in nlp.pipe(texts, batch_size=16):
            for sentence in doc.sents:
                sentences += 1
                tokens += len(sentence)
                found = {name: test(sentence) for name, test in tests.items()}
                for name, hit in found.items():
                    hits[name] += hit
                if any(found.values()):
                    hits["any"] += 1
                    selected_tokens += len(sentence)
        print(f"{corpus}: {len(texts)} documents, {sentences} sentences, {tokens} tokens")
        for name, count in hits.items():
            print(f"  {name:<42} {100 * count / max(1, sentences):5.1f}% of sentences")
        print(
            f"  {'tokens in selected sentences':<42} {100 * selected_tokens / max(1, tokens):5.1f}%"
        )


if __name__ == "__main__":
    sys.exit(main())
