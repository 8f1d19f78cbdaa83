"""How serious a finding is: the one order every listing of findings follows.

Render (the report and the comparison page) and link read it from here, so neither has to
import the other to agree on what comes first.
"""

from __future__ import annotations

from presswatch.model import FindingKind

FINDING_ORDER: tuple[FindingKind, ...] = (
    "contradiction",
    "divergence",
    "quote_drift",
    "alias_conflict",
    "single_source",
    # What one report of a story names or quotes and another leaves out: many, and read
    # as a list to scan, after every claim-level finding.
    "coverage",
    "corroboration",
)


def severity(kind: str) -> int:
    """Rank of a finding's kind: contradictions first, unknown kinds last."""
    return FINDING_ORDER.index(kind) if kind in FINDING_ORDER else len(FINDING_ORDER)
