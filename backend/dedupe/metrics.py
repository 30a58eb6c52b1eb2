"""Clustering figures: pairwise precision/recall/F1 and B-cubed, over report ids.

A clustering maps each report id to a cluster label; clusters never span cases
(labels are compared within one case at a time).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations


@dataclass(frozen=True)
class Figures:
    precision: float
    recall: float
    f1: float


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def pairwise(groups: Sequence[tuple[Mapping[str, str], Mapping[str, str]]]) -> Figures:
    """`groups`: one (truth, predicted) pair of clusterings per case. Pairs counted over all
    cases; with no positive pair on a side its figure is 1 (nothing to get wrong)."""
    tp = fp = fn = 0
    for truth, predicted in groups:
        for a, b in combinations(sorted(truth), 2):
            same_truth, same_pred = truth[a] == truth[b], predicted[a] == predicted[b]
            tp += same_truth and same_pred
            fp += same_pred and not same_truth
            fn += same_truth and not same_pred
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return Figures(precision, recall, _f1(precision, recall))


def bcubed(groups: Sequence[tuple[Mapping[str, str], Mapping[str, str]]]) -> Figures:
    """Mean over reports of |own predicted ∩ own true cluster| / |predicted| (precision)
    and / |true| (recall)."""
    p_sum = r_sum = 0.0
    count = 0
    for truth, predicted in groups:
        both = Counter((truth[i], predicted[i]) for i in truth)
        true_size, pred_size = Counter(truth.values()), Counter(predicted.values())
        for i in truth:
            shared = both[(truth[i], predicted[i])]
            p_sum += shared / pred_size[predicted[i]]
            r_sum += shared / true_size[truth[i]]
            count += 1
    precision = p_sum / count if count else 1.0
    recall = r_sum / count if count else 1.0
    return Figures(precision, recall, _f1(precision, recall))
