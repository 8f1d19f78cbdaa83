"""2,000 hostile texts through ingest, extraction and linking: no crash, no lost document.

The texts mix what real feeds carry and what breaks naive code: lone surrogates, control
characters, right-to-left scripts and direction marks, unbalanced and nested quote marks
of every style, combining marks, emoji, digits and dates. They are generated from a fixed
seed, so a failure names a text that can be reproduced.
"""

from __future__ import annotations

import random

from presswatch.errors import InputError
from presswatch.ingest.sources import Payload, read_payload
from presswatch.link import link_corpus
from presswatch.model import Document
from presswatch.pipeline import analyse_batch
from presswatch.settings import Settings

TEXTS = 2000
WORDS = [
    "the",
    "minister",
    "said",
    "talks",
    "would",
    "resume",
    "in",
    "Tehran",
    "on",
    "Monday",
    "officials",
    "told",
    "reporters",
    "Hamas",
    "Israel",
    "Gaza",
    "ceasefire",
    "prisoners",
    "1,200",
    "47,400",
    "half",
    "a",
    "million",
    "October",
    "7",
    "2023",
    "Ayatollah",
    "Ali",
    "Khamenei",
    "Muhammad",
    "Ismail",
    "Darwish",
    "he",
    "she",
    "they",
    "according",
    "to",
    "claimed",
]
RTL = ["غزة", "طهران", "قال", "الوزير", "ירושלים", "אמר", "\u200f", "\u200e", "\u202e", "\u202c"]
QUOTES = ['"', "\u201c", "\u201d", "'", "\u2018", "\u2019", "\u00ab", "\u00bb", "\u201e", "''"]
ODD = [
    "\ud800",
    "\udfff",
    "\ud83d",
    "\x00",
    "\x07",
    "\x1b[31m",
    "\x85",
    "\u2028",
    "\u2029",
    "\ufeff",
    "\u00ad",
    "e\u0301",
    "\U0001f600",
    "\u00a0",
    "\t",
    "\r",
    "\n\n",
    "—",
    "…",
    "<script>alert(1)</script>",
    "&#55357;&#56832;",
    "x" * 300,
]


def hostile_text(rng: random.Random) -> str:
    pieces: list[str] = []
    for _ in range(rng.randint(1, 60)):
        roll = rng.random()
        if roll < 0.55:
            pieces.append(rng.choice(WORDS))
        elif roll < 0.7:
            pieces.append(rng.choice(RTL))
        elif roll < 0.85:
            pieces.append(rng.choice(QUOTES))
        else:
            pieces.append(rng.choice(ODD))
        if rng.random() < 0.1:
            pieces.append(rng.choice([".", ",", ":", "?", "!"]))
    return " ".join(pieces) if rng.random() < 0.8 else "".join(pieces)


def as_payload(number: int, text: str, rng: random.Random) -> Payload:
    """The text as a file would hold it: UTF-8 (surrogates kept as bytes), UTF-16, cp1252."""
    encoding = rng.choice(["utf-8", "utf-8", "utf-16", "cp1252", "jsonl"])
    name = f"fuzz-{number:04d}"
    if encoding == "jsonl":
        body = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        raw = ('{"text": "' + body + '"}\n').encode("utf-8", "surrogatepass")
        return Payload(f"{name}.jsonl", raw, suffix=".jsonl")
    raw = text.encode(encoding, "surrogatepass" if encoding.startswith("utf") else "replace")
    return Payload(f"{name}.txt", raw, suffix=".txt")


def test_two_thousand_hostile_texts_never_crash_the_pipeline() -> None:
    rng = random.Random(20261125)
    settings = Settings()
    documents: list[Document] = []
    refused = 0
    for number in range(TEXTS):
        for item in read_payload(as_payload(number, hostile_text(rng), rng), settings):
            if isinstance(item, InputError):
                refused += 1
                assert "\n" not in str(item), str(item)  # errors are one line
            else:
                documents.append(item.model_copy(update={"language": "en"}))
    # Most texts hold words; only the ones left empty after cleaning may be refused.
    assert refused < TEXTS * 0.02
    analyses = []
    for start in range(0, len(documents), 64):
        batch, warnings = analyse_batch(documents[start : start + 64], settings, "fuzz")
        assert not [w for w in warnings if "extraction failed" in w], warnings
        analyses.extend(batch)
    assert len(analyses) == len(documents)
    for start in range(0, len(analyses), 200):
        record = link_corpus(analyses[start : start + 200], settings)
        assert len(record.documents) == len(analyses[start : start + 200])
