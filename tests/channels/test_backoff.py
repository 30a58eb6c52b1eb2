"""channels.core.backoff: exponential ceilings with full jitter, and ``retrying``."""

from __future__ import annotations

import pytest

from channels.core.backoff import Backoff, retrying


def test_waits_are_the_drawn_share_of_a_doubling_ceiling_capped() -> None:
    draws = iter([1.0, 0.5, 0.0, 1.0, 1.0, 0.25])
    backoff = Backoff(0.5, 3.0, rand=lambda: next(draws))
    assert [backoff.next() for _ in range(6)] == [0.5, 0.5, 0.0, 3.0, 3.0, 0.75]


def test_reset_starts_again_from_the_first_ceiling() -> None:
    backoff = Backoff(1.0, 60.0, rand=lambda: 1.0)
    assert [backoff.next() for _ in range(3)] == [1.0, 2.0, 4.0]
    backoff.reset()
    assert backoff.next() == 1.0


def test_real_draws_stay_within_the_ceiling_and_vary() -> None:
    backoff = Backoff(1.0, 8.0)
    for _ in range(5):
        backoff.next()
    waits = [Backoff(1.0, 8.0).next() for _ in range(200)]
    assert all(0.0 <= wait <= 1.0 for wait in waits)
    assert len(set(waits)) > 1  # jitter: replicas do not all wait the same
    assert backoff.ceiling() == 8.0


def test_many_failures_do_not_overflow() -> None:
    backoff = Backoff(0.5, 30.0, rand=lambda: 1.0)
    for _ in range(5000):
        backoff.next()
    assert backoff.next() == 30.0


@pytest.mark.parametrize(("first", "cap"), [(0.0, 1.0), (-1.0, 1.0), (2.0, 1.0)])
def test_nonsense_bounds_are_refused(first: float, cap: float) -> None:
    with pytest.raises(ValueError):
        Backoff(first, cap)


async def test_retrying_retries_only_the_named_errors_and_gives_up_after_the_tries() -> None:
    calls: list[int] = []

    async def flaky() -> str:
        calls.append(1)
        if len(calls) < 3:
            raise ConnectionError("down")
        return "ok"

    no_wait = Backoff(1.0, 1.0, rand=lambda: 0.0)
    assert await retrying(flaky, tries=3, backoff=no_wait, retry_on=ConnectionError,
                          what="call") == "ok"
    assert len(calls) == 3

    calls.clear()
    with pytest.raises(ConnectionError):
        await retrying(flaky, tries=2, backoff=no_wait, retry_on=ConnectionError, what="call")
    assert len(calls) == 2

    async def broken() -> str:
        calls.append(1)
        raise KeyError("not retried")

    calls.clear()
    with pytest.raises(KeyError):
        await retrying(broken, tries=3, backoff=no_wait, retry_on=ConnectionError, what="call")
    assert calls == [1]
