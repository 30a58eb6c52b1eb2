"""The backend's one backoff rule (backend/domain/backoff.py): exponential ceiling, jitter
within [ceiling * (1 - spread), ceiling], draws pinned through the injected `rand`."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest

from backend.domain.backoff import ceiling, jittered
from backend.domain.outbox import MAX_BACKOFF, backoff


def test_ceiling_doubles_up_to_the_cap() -> None:
    assert [ceiling(n, 1.0, 10.0) for n in range(6)] == [1.0, 2.0, 4.0, 8.0, 10.0, 10.0]
    assert ceiling(10_000, 1.0, 10.0) == 10.0  # no overflow
    assert ceiling(-3, 1.0, 10.0) == 1.0


def test_full_jitter_spans_zero_to_the_ceiling() -> None:
    assert jittered(3, 1.0, 60.0, rand=lambda: 0.0) == 8.0
    assert jittered(3, 1.0, 60.0, rand=lambda: 0.5) == 4.0
    assert jittered(3, 1.0, 60.0, rand=lambda: 0.75) == 2.0


def test_spread_keeps_a_floor() -> None:
    assert jittered(2, 1.0, 60.0, spread=0.5, rand=lambda: 0.5) == 3.0
    assert jittered(2, 1.0, 60.0, spread=0.0, rand=lambda: 0.9) == 4.0


def test_replicas_that_failed_together_retry_apart() -> None:
    draws = [jittered(4, 1.0, 60.0, rand=random.Random(seed).random) for seed in range(20)]
    assert all(0.0 < d <= 16.0 for d in draws)
    assert len({round(d, 6) for d in draws}) == 20  # no two replicas in lockstep


def test_outbox_delay_is_jittered_within_half_and_all() -> None:
    rng = random.Random(7)
    delays = [backoff(3, rng.random) for _ in range(50)]
    assert all(timedelta(seconds=60) <= d <= timedelta(seconds=120) for d in delays)
    assert len(set(delays)) > 40
    assert backoff(99, lambda: 0.0) == MAX_BACKOFF


@pytest.mark.parametrize(("first", "cap", "spread"), [(0.0, 1.0, 1.0), (2.0, 1.0, 1.0),
                                                      (1.0, 2.0, 1.5), (1.0, 2.0, -0.1)])
def test_nonsense_is_refused(first: float, cap: float, spread: float) -> None:
    with pytest.raises(ValueError):
        jittered(1, first, cap, spread=spread)
