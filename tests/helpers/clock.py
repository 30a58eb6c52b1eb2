"""The tests' clocks and the moments they start from.

Every test runs on a clock it chose, never on the wall clock, so that it gives the same
result at any hour and on any day of the week: by default :data:`WORKING_DAY` (a Wednesday
10:00 in Madrid, inside an 8x5 contract's hours, the moment the end-to-end stack starts at
too); a test about nights, weekends or surcharges says so with :data:`SUNDAY_NIGHT` or its
own moment.

- :class:`SettableClock` stands still until the test moves it (``advance``, ``set``);
- :class:`RunningClock` runs on in real time from its start, for code that waits on
  real timers while the product compares times (it can be moved forward too).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from tools.stack_launch import WORKING_DAY

__all__ = ["MADRID", "SUNDAY_NIGHT", "WORKING_DAY", "RunningClock", "SettableClock"]

MADRID = ZoneInfo("Europe/Madrid")
# Outside every contract's hours but a 24x7 one's: a Sunday 03:00 in Madrid.
SUNDAY_NIGHT = datetime(2026, 12, 13, 3, 0, tzinfo=MADRID)


class SettableClock:
    """A clock that stands still: ``clock.advance(minutes=11)``, ``clock.advance(30)``."""

    def __init__(self, now: datetime = WORKING_DAY) -> None:
        self.now = _utc(now)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float = 0.0, **delta: float) -> None:
        self.now += timedelta(seconds=seconds, **delta)

    def set(self, moment: datetime) -> None:
        self.now = _utc(moment)


class RunningClock:
    """Real time, shifted so that it read ``start`` when the clock was made."""

    def __init__(self, start: datetime = WORKING_DAY) -> None:
        self.offset = _utc(start) - datetime.now(UTC)

    def __call__(self) -> datetime:
        return datetime.now(UTC) + self.offset

    def advance(self, seconds: float = 0.0, **delta: float) -> None:
        self.offset += timedelta(seconds=seconds, **delta)


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError(f"a test clock needs a timezone-aware moment, got {moment}")
    return moment.astimezone(UTC)
