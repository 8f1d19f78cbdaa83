"""Cost per character of one long document, from 10k to 1M characters: flat means linear.

    .venv/bin/python benchmarks/long_documents.py [--sizes 10000,100000,1000000]

Each document is the example reports joined (each copy marked apart) and cut to the size
on a paragraph break. Bare spaCy is `nlp(text)`; ours is `analyse_batch` (language check,
parse and every extractor) on that one document, with no time budget. The table gives
microseconds per character for both, and their ratio; docs/PERFORMANCE.md records it.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from presswatch.ingest import read_inputs
from presswatch.model import Document, document_id
from presswatch.nlp import load_pipeline
from presswatch.pipeline import analyse_batch
from presswatch.settings import Settings

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def long_text(characters: int) -> str:
    """Example reports joined until `characters`, cut on a paragraph break."""
    bodies = [d.text for d in read_inputs([str(EXAMPLES)], Settings()) if isinstance(d, Document)]
    parts: list[str] = []
    total, copy = 0, 0
    while total < characters:
        for body in bodies:
            part = f"{body}\n\n(Part {copy}.)"
            parts.append(part)
            total += len(part) + 2
        copy += 1
    text = "\n\n".join(parts)[:characters]
    return text[: text.rfind("\n\n")] if "\n\n" in text else text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10000,30000,100000,300000,1000000")
    parser.add_argument("--model", default=Settings().model)
    options = parser.parse_args()
    settings = Settings(model=options.model, doc_timeout=0)
    nlp = load_pipeline(options.model)
    analyse_batch([Document(id="warm", source="warm", text=long_text(3000))], settings, "b")
    print(f"model {options.model}")
    print("characters   bare µs/char   ours µs/char   ours/bare   extraction µs/char")
    for size in (int(s) for s in options.sizes.split(",")):
        text = long_text(size)
        document = Document(id=document_id(text), source=f"long-{size}", text=text)
        start = time.perf_counter()
        nlp(text)
        bare = time.perf_counter() - start
        start = time.perf_counter()
        _, warnings = analyse_batch([document], settings, "bench")
        ours = time.perf_counter() - start
        assert not warnings, warnings
        per = 1e6 / len(text)
        print(
            f"{len(text):>10}   {bare * per:12.1f}   {ours * per:12.1f}   {ours / bare:9.2f}"
            f"   {(ours - bare) * per:18.1f}"
        )


if __name__ == "__main__":
    sys.exit(main())
