"""Coreference metrics over clusterings of the same mentions: MUC, B³, CEAF-e, CoNLL F1.

Each clustering is a mapping mention → cluster label. Definitions follow Vilain et al.
(1995), Bagga and Baldwin (1998) and Luo (2005); CoNLL F1 is the mean of the three F1s.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Mapping
from dataclasses import dataclass

from presswatch.errors import PresswatchError

Clustering = Mapping[Hashable, Hashable]


@dataclass(frozen=True)
class PRF:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def clusters(assignment: Clustering) -> list[set[Hashable]]:
    grouped: dict[Hashable, set[Hashable]] = defaultdict(set)
    for mention, label in assignment.items():
        grouped[label].add(mention)
    return list(grouped.values())


def muc(key: Clustering, response: Clustering) -> PRF:
    def score(a: list[set[Hashable]], b: Clustering) -> float:
        numerator = denominator = 0
        for cluster in a:
            partitions = {b.get(m, ("singleton", m)) for m in cluster}
            numerator += len(cluster) - len(partitions)
            denominator += len(cluster) - 1
        return numerator / denominator if denominator else 0.0

    return PRF(precision=score(clusters(response), key), recall=score(clusters(key), response))


def b_cubed(key: Clustering, response: Clustering) -> PRF:
    key_sets = {m: c for c in clusters(key) for m in c}
    response_sets = {m: c for c in clusters(response) for m in c}

    def score(a: dict[Hashable, set[Hashable]], b: dict[Hashable, set[Hashable]]) -> float:
        if not a:
            return 0.0
        return sum(len(a[m] & b.get(m, {m})) / len(a[m]) for m in a) / len(a)

    return PRF(precision=score(response_sets, key_sets), recall=score(key_sets, response_sets))


def ceaf_e(key: Clustering, response: Clustering) -> PRF:
    key_clusters, response_clusters = clusters(key), clusters(response)
    if not key_clusters or not response_clusters:
        return PRF(0.0, 0.0)
    similarity = [
        [2 * len(k & r) / (len(k) + len(r)) for r in response_clusters] for k in key_clusters
    ]
    # scipy is in the `eval` extra: imported here, so a plain install never needs it.
    try:
        from scipy.optimize import linear_sum_assignment
    except ImportError as error:
        raise PresswatchError("CEAF-e needs scipy: pip install 'presswatch[eval]'") from error

    rows, columns = linear_sum_assignment([[-s for s in row] for row in similarity])
    best = sum(similarity[r][c] for r, c in zip(rows, columns, strict=True))
    return PRF(precision=best / len(response_clusters), recall=best / len(key_clusters))


def conll_f1(key: Clustering, response: Clustering) -> float:
    return (muc(key, response).f1 + b_cubed(key, response).f1 + ceaf_e(key, response).f1) / 3
