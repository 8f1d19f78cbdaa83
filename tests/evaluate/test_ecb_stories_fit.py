"""The story-weight fit: a logistic regression that finds which signals tell one event."""

from __future__ import annotations

import random

from presswatch.evaluate.ecb_stories import FIXED, fit_logistic, topic_range
from presswatch.link.stories import SIGNALS


def test_the_fit_weighs_a_telling_signal_up_and_noise_near_zero() -> None:
    rng = random.Random(7)
    rows: list[dict[str, float]] = []
    same: list[bool] = []
    for _ in range(600):
        together = rng.random() < 0.5
        row = {name: rng.uniform(-1, 1) for name in SIGNALS}
        # Words tell pairs apart (with noise); every other signal is noise.
        row["lexical"] = rng.gauss(0.6 if together else 0.1, 0.15)
        rows.append(row)
        same.append(together)
    weights, bias = fit_logistic(rows, same)
    assert set(weights) == set(SIGNALS) - set(FIXED)
    assert weights["lexical"] > 5
    assert all(abs(w) < 1 for name, w in weights.items() if name != "lexical")
    assert bias < 0


def test_a_topic_range_reads_one_topic_or_a_span() -> None:
    assert topic_range("26-35") == (26, 35)
    assert topic_range("7") == (7, 7)
    assert topic_range(None) is None
