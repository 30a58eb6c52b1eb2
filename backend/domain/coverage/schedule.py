"""Weekly covered-hours schedules: "24x7", "mon-fri 08:00-18:00", "mon-fri 08:00-14:00,15:00-18:00".

Grammar (case-insensitive, spaces around separators allowed):

    schedule := "24x7" | group (";" group)*
    group    := days " " ranges
    days     := dayspec ("," dayspec)*         dayspec := day | day "-" day | "daily"
    ranges   := range ("," range)*             range   := HH:MM "-" HH:MM   (end may be 24:00)

A range whose end is not after its start runs past midnight ("mon-fri 22:00-06:00"):
it is split into the evening piece and the next day's early piece.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from backend.domain.coverage.errors import ScheduleError

DAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_DAY_INDEX = {name: i for i, name in enumerate(DAYS)}
MINUTES_PER_DAY = 24 * 60
_RANGE_RE = re.compile(r"^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$")
AROUND_THE_CLOCK = "24x7"


@dataclass(frozen=True, order=True)
class Window:
    """Covered minutes [start, end) of one weekday (0 = Monday)."""

    weekday: int
    start: int
    end: int


@dataclass(frozen=True)
class WeeklySchedule:
    text: str
    windows: tuple[Window, ...]
    around_the_clock: bool = False

    def on(self, weekday: int) -> tuple[Window, ...]:
        return tuple(w for w in self.windows if w.weekday == weekday)


def parse_schedule(text: str) -> WeeklySchedule:
    """Parse a schedule; raise `ScheduleError` on anything else."""
    clean = " ".join(text.lower().split())
    if clean == AROUND_THE_CLOCK:
        windows = tuple(Window(day, 0, MINUTES_PER_DAY) for day in range(7))
        return WeeklySchedule(text=text, windows=windows, around_the_clock=True)
    pieces: list[Window] = []
    for group in clean.split(";"):
        days_text, _, ranges_text = group.strip().partition(" ")
        if not ranges_text:
            raise ScheduleError(f"schedule group without hours: {group.strip()!r}")
        for day in _parse_days(days_text):
            for start, end in _parse_ranges(ranges_text):
                pieces.extend(_windows(day, start, end))
    if not pieces:
        raise ScheduleError(f"empty schedule: {text!r}")
    return WeeklySchedule(text=text, windows=_merge(pieces))


def _parse_days(text: str) -> list[int]:
    days: list[int] = []
    for spec in text.replace(" ", "").split(","):
        if spec == "daily":
            days.extend(range(7))
            continue
        first, _, last = spec.partition("-")
        if first not in _DAY_INDEX or (last and last not in _DAY_INDEX):
            raise ScheduleError(f"unknown day in schedule: {spec!r}")
        a, b = _DAY_INDEX[first], _DAY_INDEX[last or first]
        days.extend((a + i) % 7 for i in range((b - a) % 7 + 1))
    return days


def _parse_ranges(text: str) -> list[tuple[int, int]]:
    ranges: list[tuple[int, int]] = []
    for spec in text.replace(" ", "").split(","):
        match = _RANGE_RE.match(spec)
        if match is None:
            raise ScheduleError(f"bad time range in schedule: {spec!r}")
        h1, m1, h2, m2 = (int(g) for g in match.groups())
        start, end = h1 * 60 + m1, h2 * 60 + m2
        if m1 > 59 or m2 > 59 or start >= MINUTES_PER_DAY or end > MINUTES_PER_DAY:
            raise ScheduleError(f"time out of range in schedule: {spec!r}")
        if start == end:
            raise ScheduleError(f"empty time range in schedule: {spec!r}")
        ranges.append((start, end))
    return ranges


def _windows(day: int, start: int, end: int) -> list[Window]:
    if end > start:
        return [Window(day, start, end)]
    pieces = [Window(day, start, MINUTES_PER_DAY)]
    if end > 0:
        pieces.append(Window((day + 1) % 7, 0, end))
    return pieces


def _merge(pieces: list[Window]) -> tuple[Window, ...]:
    """Join overlapping or touching windows of the same weekday, so no minute counts twice."""
    merged: list[Window] = []
    for window in sorted(pieces):
        last = merged[-1] if merged else None
        if last is not None and last.weekday == window.weekday and window.start <= last.end:
            merged[-1] = Window(last.weekday, last.start, max(last.end, window.end))
        else:
            merged.append(window)
    return tuple(merged)
