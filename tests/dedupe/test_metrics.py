import pytest

from backend.dedupe.metrics import bcubed, pairwise


def test_pairwise_and_bcubed_by_hand() -> None:
    # truth {1,2,3} {4}; predicted {1,2} {3,4}
    truth = {"r1": "A", "r2": "A", "r3": "A", "r4": "B"}
    predicted = {"r1": "x", "r2": "x", "r3": "y", "r4": "y"}
    p = pairwise([(truth, predicted)])
    # true pairs 12 13 23; predicted pairs 12 34 → TP 1, FP 1, FN 2
    assert p.precision == pytest.approx(1 / 2)
    assert p.recall == pytest.approx(1 / 3)
    assert p.f1 == pytest.approx(0.4)
    b = bcubed([(truth, predicted)])
    # precision: r1 1, r2 1, r3 1/2, r4 1/2 → 3/4; recall: r1 2/3, r2 2/3, r3 1/3, r4 1 → 2/3
    assert b.precision == pytest.approx(0.75)
    assert b.recall == pytest.approx(2 / 3)
    assert b.f1 == pytest.approx(2 * 0.75 * (2 / 3) / (0.75 + 2 / 3))


def test_perfect_clustering() -> None:
    truth = {"a": "A", "b": "A", "c": "B"}
    assert pairwise([(truth, truth)]).f1 == 1.0
    assert bcubed([(truth, truth)]).f1 == 1.0
