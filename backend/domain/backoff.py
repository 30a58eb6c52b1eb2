"""Waiting before trying again, the one way the backend does it: exponential backoff with
jitter (the gateway's twin is channels/core/backoff.py).

The ceiling of the n-th wait (n from 0) is ``min(cap, first * 2**n)``; the wait is drawn
uniformly from ``[ceiling * (1 - spread), ceiling]``. ``spread=1`` is "full jitter" (from 0);
``spread=0.5`` keeps at least half the ceiling (a failed outbox row never comes back at
once). Replicas that failed together therefore retry apart, not in lockstep. ``rand``
(uniform in [0, 1)) is injectable, so a test can pin the draw.
"""

from __future__ import annotations

import random
from collections.abc import Callable

Rand = Callable[[], float]
_MAX_DOUBLINGS = 64  # 2**64 * any sensible ``first`` is past every cap; no float overflow


def ceiling(attempt: int, first: float, cap: float) -> float:
    """The longest the wait after ``attempt`` earlier failures (from 0) can be."""
    if first <= 0 or cap < first:
        raise ValueError(f"backoff needs 0 < first <= cap, got {first} and {cap}")
    return min(cap, first * 2.0 ** min(max(attempt, 0), _MAX_DOUBLINGS))


def jittered(attempt: int, first: float, cap: float, *, spread: float = 1.0,
             rand: Rand = random.random) -> float:
    """The wait in seconds after ``attempt`` earlier failures, jittered by ``spread``."""
    if not 0.0 <= spread <= 1.0:
        raise ValueError(f"spread must be within [0, 1], got {spread}")
    top = ceiling(attempt, first, cap)
    return top * (1.0 - spread * rand())
