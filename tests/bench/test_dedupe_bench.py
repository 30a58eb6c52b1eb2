"""The duplicate-search bench measures each size from the same start: texts told apart,
the detector's caches emptied, CPU medians beside the wall-clock ones."""

import random

from backend.domain.dedupe.profile import profile_text
from bench.dedupe import _cold_caches, _incoming, _stats, render


def test_each_size_gets_the_same_customers_with_texts_of_its_own() -> None:
    small, large = _incoming(random.Random(7), 50, 1_000), _incoming(random.Random(7), 50, 100_000)
    assert [c for c, _ in small] == [c for c, _ in large]
    texts = [t for _, t in small + large]
    assert len(set(texts)) == len(texts)


def test_caches_are_emptied_before_a_size() -> None:
    profile_text("el compresor no arranca")
    assert profile_text.cache_info().currsize > 0
    _cold_caches()
    assert profile_text.cache_info().currsize == 0


def test_figures_give_cpu_beside_wall_clock() -> None:
    stats = _stats([0.001 * n for n in range(1, 101)], [0.0005] * 100)
    assert stats["median_ms"] == 50.5 and stats["p99_ms"] == 99.0
    assert stats["cpu_median_ms"] == 0.5
    size = {"ours": stats, "naive": {**stats, "cpu_median_ms": 10.0},
            "naive_over_ours_median": 1.0, "naive_over_ours_cpu_median": 20.0}
    text = render({"customers": 5, "closed": 10, "reports": 100, "sizes": {"1000": size},
                   "median_largest_over_smallest": 1.0, "cpu_median_largest_over_smallest": 1.0})
    assert "(20.0×)" in text and "CPU 1.00" in text
