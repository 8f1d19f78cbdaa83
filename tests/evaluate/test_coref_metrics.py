"""The coreference metrics on small cases worked out by hand."""

from __future__ import annotations

import pytest

from presswatch.evaluate.coref_metrics import b_cubed, ceaf_e, conll_f1, muc

KEY = {"a": 1, "b": 1, "c": 1, "d": 2, "e": 2}
RESPONSE = {"a": "x", "b": "x", "c": "y", "d": "y", "e": "y"}


def test_identical_clusterings_score_one() -> None:
    for metric in (muc, b_cubed, ceaf_e):
        score = metric(KEY, KEY)
        assert score.precision == pytest.approx(1.0) and score.recall == pytest.approx(1.0)
    assert conll_f1(KEY, KEY) == pytest.approx(1.0)


def test_muc_counts_links() -> None:
    score = muc(KEY, RESPONSE)
    # key needs 3 links; response keeps a-b and d-e: recall 2/3; response's 3 links, 2 right.
    assert score.recall == pytest.approx(2 / 3) and score.precision == pytest.approx(2 / 3)


def test_b_cubed_averages_per_mention() -> None:
    score = b_cubed(KEY, RESPONSE)
    assert score.recall == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1 + 1) / 5)
    assert score.precision == pytest.approx((1 + 1 + 1 / 3 + 2 / 3 + 2 / 3) / 5)


def test_ceaf_e_aligns_entities_one_to_one() -> None:
    score = ceaf_e(KEY, RESPONSE)
    # {a,b,c}~{a,b}: 0.8; {d,e}~{c,d,e}: 0.8 → 1.6 over 2 entities each side.
    assert score.precision == pytest.approx(0.8) and score.recall == pytest.approx(0.8)


def test_all_singletons_have_zero_muc_recall() -> None:
    singletons = {m: m for m in KEY}
    assert muc(KEY, singletons).recall == 0.0
    assert b_cubed(KEY, singletons).precision == pytest.approx(1.0)


def test_scores_agree_with_the_scorch_scorer_when_it_is_installed() -> None:
    scores = pytest.importorskip("scorch.scores")
    key = {"a": 1, "b": 1, "c": 1, "d": 2, "e": 2, "f": 2, "g": 2, "h": 3, "i": 4}
    response = {"a": 1, "b": 1, "c": 2, "d": 2, "e": 5, "f": 3, "g": 3, "h": 3, "i": 3}

    def as_sets(assignment: dict[str, int]) -> list[set[str]]:
        grouped: dict[int, set[str]] = {}
        for mention, label in assignment.items():
            grouped.setdefault(label, set()).add(mention)
        return list(grouped.values())

    # scorch returns (recall, precision, F1).
    for ours, theirs in ((muc, scores.muc), (b_cubed, scores.b_cubed), (ceaf_e, scores.ceaf_e)):
        recall, precision, _ = theirs(as_sets(key), as_sets(response))
        score = ours(key, response)
        assert score.recall == pytest.approx(float(recall))
        assert score.precision == pytest.approx(float(precision))
    assert conll_f1(key, response) == pytest.approx(
        float(scores.conll2012(as_sets(key), as_sets(response)))
    )
