"""Covered-hours arithmetic: is a moment covered, and when does an SLA of N covered hours end.

Windows are built on local calendar days of the schedule's time zone and compared in UTC,
so nights, weekends, holidays and daylight-saving changes all count as real elapsed time:
four covered hours on a 24x7 schedule across the spring change are four real hours.
Holidays close every schedule except "24x7".
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from backend.domain.coverage.errors import NaiveDateTimeError, ScheduleError, UnknownTimeZone
from backend.domain.coverage.holidays import NO_HOLIDAYS, HolidayCalendar
from backend.domain.coverage.schedule import WeeklySchedule, parse_schedule

MAX_SEARCH_DAYS = 3 * 366  # a schedule with no window that long is a data error


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise UnknownTimeZone(f"unknown time zone: {name!r}") from exc


def require_aware(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise NaiveDateTimeError(f"moment without time zone: {moment.isoformat()}")
    return moment


def hours_delta(hours: Decimal | int) -> timedelta:
    return timedelta(seconds=int((Decimal(hours) * 3600).to_integral_value()))


@dataclass(frozen=True)
class CoveredHours:
    tz: ZoneInfo
    schedule: WeeklySchedule
    holidays: HolidayCalendar = NO_HOLIDAYS

    @classmethod
    def parse(
        cls, timezone: str, schedule: str, holidays: HolidayCalendar = NO_HOLIDAYS
    ) -> CoveredHours:
        return cls(tz=zone(timezone), schedule=parse_schedule(schedule), holidays=holidays)

    def local_date(self, moment: datetime) -> date:
        return require_aware(moment).astimezone(self.tz).date()

    def is_holiday(self, moment: datetime) -> bool:
        return self.local_date(moment) in self.holidays

    def windows_on(self, day: date) -> tuple[tuple[datetime, datetime], ...]:
        """The covered intervals of one local day, as UTC datetimes."""
        if day in self.holidays and not self.schedule.around_the_clock:
            return ()
        return tuple(
            (self._utc(day, w.start), self._utc(day, w.end))
            for w in self.schedule.on(day.weekday())
        )

    def is_open(self, moment: datetime) -> bool:
        instant = require_aware(moment).astimezone(UTC)
        day = instant.astimezone(self.tz).date()
        return any(start <= instant < end for start, end in self.windows_on(day))

    def add(self, start: datetime, hours: Decimal | int) -> datetime:
        """The moment when `hours` covered hours have run from `start` (in the local zone)."""
        left = hours_delta(hours)
        instant = require_aware(start).astimezone(UTC)
        for window_start, window_end in self._windows_from(instant):
            begin = max(window_start, instant)
            if begin >= window_end:
                continue
            if begin + left <= window_end:
                return (begin + left).astimezone(self.tz)
            left -= window_end - begin
        raise ScheduleError(f"no covered hours within {MAX_SEARCH_DAYS} days")

    def between(self, start: datetime, end: datetime) -> timedelta:
        """Covered time between two moments (zero when `end` is not after `start`)."""
        first = require_aware(start).astimezone(UTC)
        last = require_aware(end).astimezone(UTC)
        total = timedelta(0)
        if last <= first:
            return total
        for window_start, window_end in self._windows_from(first):
            if window_start >= last:
                break
            overlap = min(window_end, last) - max(window_start, first)
            total += max(overlap, timedelta(0))
        return total

    def _windows_from(self, instant: datetime) -> Iterator[tuple[datetime, datetime]]:
        day = instant.astimezone(self.tz).date() - timedelta(days=1)
        for offset in range(MAX_SEARCH_DAYS):
            yield from self.windows_on(day + timedelta(days=offset))

    def _utc(self, day: date, minute: int) -> datetime:
        local_day = day + timedelta(days=minute // 1440)
        clock = time(minute % 1440 // 60, minute % 60)
        return datetime.combine(local_day, clock, tzinfo=self.tz).astimezone(UTC)
