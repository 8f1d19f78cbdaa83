"""Findings are shown in one order, most serious first, and every kind has a rank."""

from __future__ import annotations

from typing import get_args

from presswatch.model import FindingKind
from presswatch.severity import FINDING_ORDER, severity


def test_every_kind_of_finding_has_one_rank() -> None:
    assert sorted(FINDING_ORDER) == sorted(get_args(FindingKind))


def test_contradictions_come_first_and_an_unknown_kind_last() -> None:
    assert severity("contradiction") == 0
    assert severity("corroboration") < severity("no_such_kind")
