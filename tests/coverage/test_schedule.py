"""Covered-hours schedule parsing and opening checks."""

from __future__ import annotations

import pytest

from backend.domain.coverage import CoveredHours, ScheduleError, parse_schedule
from backend.domain.coverage.schedule import Window
from tests.coverage.factories import at


def test_eight_by_five() -> None:
    schedule = parse_schedule("mon-fri 08:00-18:00")
    assert schedule.windows == tuple(Window(day, 480, 1080) for day in range(5))
    assert not schedule.around_the_clock


def test_several_ranges_and_groups() -> None:
    schedule = parse_schedule("mon-fri 08:00-14:00,15:00-18:00; sat 09:00-13:00")
    assert schedule.on(0) == (Window(0, 480, 840), Window(0, 900, 1080))
    assert schedule.on(5) == (Window(5, 540, 780),)
    assert schedule.on(6) == ()


def test_overlapping_ranges_are_merged() -> None:
    assert parse_schedule("mon 08:00-14:00,12:00-18:00").on(0) == (Window(0, 480, 1080),)


def test_range_past_midnight_is_split() -> None:
    schedule = parse_schedule("fri 22:00-06:00")
    assert schedule.on(4) == (Window(4, 1320, 1440),)
    assert schedule.on(5) == (Window(5, 0, 360),)


def test_24x7_and_day_lists() -> None:
    assert parse_schedule(" 24X7 ").around_the_clock
    assert len(parse_schedule("daily 00:00-24:00").windows) == 7
    assert [w.weekday for w in parse_schedule("mon,wed,fri 09:00-10:00").windows] == [0, 2, 4]
    assert [w.weekday for w in parse_schedule("sat-mon 09:00-10:00").windows] == [0, 5, 6]


@pytest.mark.parametrize("text", ["", "mon-fri", "xyz 08:00-18:00", "mon-fri 8-18",
                                  "mon-fri 08:00-25:00", "mon-fri 08:61-09:00",
                                  "mon-fri 08:00-08:00"])
def test_bad_schedules_raise(text: str) -> None:
    with pytest.raises(ScheduleError):
        parse_schedule(text)


@pytest.mark.parametrize(("moment", "is_open"), [
    ("2026-03-10 07:59", False), ("2026-03-10 08:00", True), ("2026-03-10 13:59", True),
    ("2026-03-10 14:00", False), ("2026-03-10 15:00", True), ("2026-03-10 18:00", False),
    ("2026-03-14 10:00", False),
])
def test_is_open_with_a_lunch_break(moment: str, is_open: bool) -> None:
    hours = CoveredHours.parse("Europe/Madrid", "mon-fri 08:00-14:00,15:00-18:00")
    assert hours.is_open(at(moment)) is is_open


def test_is_open_uses_the_schedule_time_zone() -> None:
    canary = CoveredHours.parse("Atlantic/Canary", "mon-fri 08:00-18:00")
    assert not canary.is_open(at("2026-03-10 08:30"))  # 07:30 in Las Palmas
    assert canary.is_open(at("2026-03-10 09:30"))
