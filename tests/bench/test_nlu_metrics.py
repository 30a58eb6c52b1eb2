"""bench/nlu scoring (`make bench-nlu`): threshold tuning on validation, the
FallbackClassifier rule, one prediction pass per dataset, subsampling. Pure Python, fast."""

from __future__ import annotations

import pytest

from bench.nlu.data import Dataset, subsample
from bench.nlu.metrics import PUBLISHED, is_oos, oos_figures, score, table, tune_threshold


def test_threshold_maximises_accuracy_plus_recall_on_validation() -> None:
    val = [("a", 0.9, 0.0), ("b", 0.8, 0.0), ("c", 0.7, 0.0), ("x", 0.5, 0.0)]
    gold = ["a", "b", "c", "d"]
    oos = [("a", 0.3, 0.0), ("b", 0.6, 0.0)]
    # t=0.7: 3/4 in-scope kept and right, 2/2 out-of-scope below t -> 1.75 (the maximum)
    assert tune_threshold(val, gold, oos) == 0.7


def test_threshold_can_reject_everything_or_nothing() -> None:
    assert tune_threshold([("a", 0.2, 0.0)], ["b"], [("a", 0.9, 0.0)]) > 0.9  # all oos
    assert tune_threshold([("a", 0.9, 0.0)], ["a"], [("a", 0.95, 0.0)]) == 0.9  # none
    with pytest.raises(ValueError):
        tune_threshold([], [], [("a", 0.5, 0.0)])


def test_fallback_rule_threshold_and_ambiguity() -> None:
    assert is_oos(("a", 0.39, 0.1), 0.4)
    assert not is_oos(("a", 0.4, 0.35), 0.4)  # FallbackClassifier: oos iff c < t
    assert is_oos(("a", 0.45, 0.36), 0.4, 0.1)  # top two within 0.1
    figures = oos_figures([("a", 0.9, 0.0), ("b", 0.3, 0.0)], ["a", "b"],
                          [("a", 0.2, 0.0), ("a", 0.8, 0.0)], 0.4)
    assert figures == {"in_scope_accuracy": 50.0, "oos_recall": 50.0}


def test_score_predicts_every_text_once_and_tunes_on_validation_only() -> None:
    ds = Dataset("CLINC150", train=[("hi", "a")], val=[("v1", "a"), ("v2", "b")],
                 test=[("t1", "a"), ("t2", "b")], oos_val=["ov"], oos_test=["o1", "o2"],
                 train_full=1)
    conf = {"v1": 0.9, "v2": 0.8, "ov": 0.5, "t1": 0.95, "t2": 0.6, "o1": 0.4, "o2": 0.85}
    calls: list[list[str]] = []

    def predict(texts: list[str]) -> list[tuple[str, float, float]]:
        calls.append(texts)
        return [({"t2": "b", "v2": "b"}.get(t, "a"), conf[t], 0.0) for t in texts]

    result = score(ds, predict, config_threshold=0.4, config_ambiguity=0.1)
    assert len(calls) == 1 and sorted(calls[0]) == sorted(conf)
    assert result["threshold"] == 0.5  # just above "ov" (0.5), shown rounded: rejects it
    assert result["at_val_recall_half"]["threshold"] == 0.5  # one text: the same t
    assert result["in_scope_accuracy"] == 100.0  # t2 (0.6) kept
    assert result["oos_recall"] == 50.0  # o1 (0.4) rejected, o2 (0.85) accepted
    best_sum = result["at_max_acc_plus_recall_on_val"]
    assert best_sum["threshold"] == 0.8  # lowest t with both val texts kept and "ov" rejected
    assert best_sum["in_scope_accuracy"] == 50.0  # t2 (0.6) rejected
    assert result["in_scope_accuracy_no_threshold"] == 100.0
    assert result["at_config_threshold"]["oos_recall"] == 0.0  # 0.4 is not < 0.4


def test_accuracy_only_without_out_of_scope_data() -> None:
    ds = Dataset("BANKING77", [], [], [("x", "a"), ("y", "b")], [], [], 0)
    assert score(ds, lambda ts: [("a", 1.0, 0.0) for _ in ts]) == {"accuracy": 50.0}


def test_subsample_caps_per_intent_deterministically_and_zero_means_full() -> None:
    pairs = [(f"{i}-{n}", i) for i in "ab" for n in range(5)]
    assert subsample(pairs, 0) == pairs
    two = subsample(pairs, 2)
    assert [i for _, i in two] == ["a", "a", "b", "b"] and two == subsample(pairs, 2)


def test_table_lists_our_rows_and_the_published_figures() -> None:
    row = {"dataset": "BANKING77", "system": "tfidf_svc", "train_examples": 10,
           "train_full": 10003, "accuracy": 80.0, "train_seconds": 1.0, "peak_memory_mb": 9}
    text = table({"results": [row], "published": PUBLISHED, "notes": "n", "machine": "m",
                  "date": "d"})
    assert "| BANKING77 | tfidf_svc | 10/10003 | 80.0 |" in text
    assert "published: BERT (Larson 2019) | full | 96.9 | 40.3" in text


def test_threshold_for_recall_is_the_lowest_rejecting_half() -> None:
    from bench.nlu.metrics import threshold_for_recall

    oos = [("a", c, 0.0) for c in (0.1, 0.2, 0.3, 0.4)]
    t = threshold_for_recall(oos, 0.5)
    assert 0.2 < t <= 0.3
    assert sum(c < t for _, c, _ in oos) == 2
    assert sum(c < threshold_for_recall(oos, 1.0) for _, c, _ in oos) == 4
    with pytest.raises(ValueError):
        threshold_for_recall([], 0.5)


def test_threshold_for_recall_with_confidence_asks_more_than_half() -> None:
    from bench.nlu.metrics import CONFIDENCE_Z, threshold_for_recall, wilson_lower

    # 100 validation texts: 58 rejected are not enough for 50 % at 95 % confidence, 59 are
    assert wilson_lower(58, 100, CONFIDENCE_Z) < 0.5 <= wilson_lower(59, 100, CONFIDENCE_Z)
    oos = [("a", c / 100, 0.0) for c in range(100)]
    t = threshold_for_recall(oos, 0.5, CONFIDENCE_Z)
    assert sum(c < t for _, c, _ in oos) == 59
    assert sum(c < threshold_for_recall(oos, 0.5) for _, c, _ in oos) == 50
    # too few texts to be that sure: everything is rejected
    few = [("a", 0.1, 0.0), ("a", 0.2, 0.0)]
    assert sum(c < threshold_for_recall(few, 0.5, CONFIDENCE_Z) for _, c, _ in few) == 2
