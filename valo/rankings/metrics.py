"""Pairwise and B-cubed precision, recall and F1 of a clustering, from contingency counts in one pass
(reference/harmonization.md §6): no pair is materialised."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Scores:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def evaluate(gold: Mapping[str, str], predicted: Mapping[str, str]) -> dict[str, Scores]:
    """`gold` and `predicted` map each mention id to its cluster (the same mention ids)."""
    joint = Counter((gold[m], predicted[m]) for m in gold)
    gold_sizes = Counter(gold.values())
    predicted_sizes = Counter(predicted[m] for m in gold)
    true_pairs = sum(_pairs(n) for n in joint.values())
    predicted_pairs = sum(_pairs(n) for n in predicted_sizes.values())
    gold_pairs = sum(_pairs(n) for n in gold_sizes.values())
    count = len(gold)
    return {
        "pairwise": Scores(
            true_pairs / predicted_pairs if predicted_pairs else 1.0,
            true_pairs / gold_pairs if gold_pairs else 1.0,
        ),
        "b3": Scores(
            sum(n * n / predicted_sizes[p] for (_g, p), n in joint.items()) / count,
            sum(n * n / gold_sizes[g] for (g, _p), n in joint.items()) / count,
        ),
    }
