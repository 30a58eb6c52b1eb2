"""The product's one time source: a `Clock` is built where dependencies are built
(``bootstrap``, the CLI) and passed down; nothing else reads the wall clock for a
business decision (coverage hours, SLA, dispatch timeouts, billing dates).

``AVISA_CLOCK_START`` / ``AVISA_CLOCK_OFFSET`` (read by ``backend.config``) shift it:
the product's now is the real now plus a fixed offset, so time still runs forward.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

Clock = Callable[[], datetime]


def utcnow() -> datetime:
    return datetime.now(UTC)


def offset_clock(offset: timedelta, real: Clock = utcnow) -> Clock:
    """``real`` moved by ``offset`` (``real`` itself when the offset is zero)."""
    if not offset:
        return real

    def now() -> datetime:
        return real() + offset

    return now


def offset_to(start: datetime, real: Clock = utcnow) -> timedelta:
    """The offset that makes a clock read ``start`` now (``start`` must be timezone-aware)."""
    if start.tzinfo is None:
        raise ValueError(f"a clock start needs a UTC offset, got {start.isoformat()}")
    return start - real()
