"""Handoff policy: when agents answer, which queue, when a person takes over, console
sessions. Pure; built from the environment by `backend.handoff_settings` (defaults work for
the demo)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from backend.domain.coverage.business_time import CoveredHours
from backend.domain.handoff import DEFAULT_RULES, Rule

LOOKAHEAD_DAYS = 8


@dataclass(frozen=True)
class HandoffPolicy:
    hours: str = "mon-fri 08:00-20:00"
    timezone: str = "Europe/Madrid"
    default_queue: str = "general"
    rules: tuple[Rule, ...] = DEFAULT_RULES
    complain_turns: int = 3
    fallbacks: int = 2
    minutes_each: int = 5
    answer_minutes: int = 10  # the target: a waiting conversation taken within this
    auto_assign: bool = False
    session_ttl: timedelta = timedelta(hours=8)
    idle_ttl: timedelta = timedelta(minutes=60)
    secure_cookie: bool = False
    _calendar: list[CoveredHours] = field(default_factory=list, compare=False, repr=False)

    def calendar(self) -> CoveredHours:
        if not self._calendar:
            self._calendar.append(CoveredHours.parse(self.timezone, self.hours))
        return self._calendar[0]

    def is_open(self, moment: datetime) -> bool:
        return self.calendar().is_open(moment)

    def next_opening(self, moment: datetime) -> datetime | None:
        """The next moment agents start answering (None with no hours in a week)."""
        calendar = self.calendar()
        day = calendar.local_date(moment)
        for offset in range(LOOKAHEAD_DAYS):
            for start, _end in calendar.windows_on(day + timedelta(days=offset)):
                if start > moment:
                    return start
        return None
