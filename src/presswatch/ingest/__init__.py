"""Ingest: sources (files, directories, URLs, feeds, JSON/JSONL) → `Document`s.

`read_inputs` yields documents in input order and yields, never raises, an `InputError`
for each input it cannot read, so one bad file never stops a batch. `sources` decides
which reader handles a source; each source kind is one module (`text`, `html`, `feeds`,
`jsonl`), URL fetching is `fetch`, and every reader builds documents through `documents`.
"""

from __future__ import annotations

from presswatch.ingest.sources import read_inputs

__all__ = ["read_inputs"]
