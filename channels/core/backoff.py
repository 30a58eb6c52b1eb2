"""Waiting before trying again: exponential backoff with full jitter, the one way the
gateway does it (pollers, the outbox loop, retried backend calls).

The n-th wait (n from 0) is drawn uniformly from ``[0, min(cap, first * 2**n)]`` — "full
jitter": gateway replicas that failed together (a backend restart) do not all come back
in the same instant. ``reset()`` after a success starts again from ``first``. ``rand``
(uniform in [0, 1)) is injectable, so a test can pin the draw.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable
from typing import TypeVar

T = TypeVar("T")
log = logging.getLogger(__name__)
_MAX_DOUBLINGS = 64  # 2**64 * any sensible ``first`` is past every cap; no float overflow


class Backoff:
    def __init__(
        self, first: float, cap: float, rand: Callable[[], float] = random.random
    ) -> None:
        if first <= 0 or cap < first:
            raise ValueError(f"backoff needs 0 < first <= cap, got {first} and {cap}")
        self._first = first
        self._cap = cap
        self._rand = rand
        self.failures = 0  # waits handed out since the last reset

    def ceiling(self) -> float:
        """The longest the next wait can be."""
        return min(self._cap, self._first * 2.0 ** min(self.failures, _MAX_DOUBLINGS))

    def next(self) -> float:
        """The next wait, in seconds; each call doubles the ceiling up to ``cap``."""
        wait = self._rand() * self.ceiling()
        self.failures += 1
        return wait

    def reset(self) -> None:
        self.failures = 0


async def retrying(
    call: Callable[[], Awaitable[T]],
    *,
    tries: int,
    backoff: Backoff,
    retry_on: type[Exception] | tuple[type[Exception], ...],
    what: str,
) -> T:
    """Await ``call()`` up to ``tries`` times, waiting ``backoff.next()`` after each
    ``retry_on`` error; the last error is raised as it is."""
    for attempt in range(1, tries + 1):
        try:
            return await call()
        except retry_on as exc:
            if attempt == tries:
                raise
            wait = backoff.next()
            log.warning("%s failed (%s); try %d of %d in %.2fs", what, exc, attempt + 1,
                        tries, wait)
            await asyncio.sleep(wait)
    raise ValueError(f"tries must be at least 1, got {tries}")
