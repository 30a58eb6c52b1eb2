"""SLA timers (pure): a response and a resolution deadline counted in the contract's covered
hours; a warning when a share of the covered time is spent; a breach at the deadline.

    plan(kind, start, hours, calendar) -> Timer     (due and warn_at in covered hours)
    actions(timer, now)                -> (Action...) still to take at `now`
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from backend.domain.coverage.business_time import CoveredHours

WARN_SHARE = Decimal("0.75")  # warn when three quarters of the covered time is spent


class Kind(StrEnum):
    RESPONSE = "response"
    RESOLUTION = "resolution"


class Action(StrEnum):
    WARN = "warn"
    BREACH = "breach"


@dataclass(frozen=True)
class Timer:
    kind: Kind
    start: datetime
    due: datetime
    warn_at: datetime
    warned: bool = False
    breached: bool = False
    met_at: datetime | None = None


def plan(kind: Kind, start: datetime, hours: Decimal, calendar: CoveredHours,
         share: Decimal = WARN_SHARE) -> Timer:
    return Timer(kind, start, calendar.add(start, hours), calendar.add(start, hours * share))


def plan_to(kind: Kind, start: datetime, due: datetime, calendar: CoveredHours,
            share: Decimal = WARN_SHARE) -> Timer:
    """A timer whose deadline is already known (the coverage decision computed it)."""
    covered = Decimal(str(calendar.between(start, due).total_seconds())) / 3600
    return Timer(kind, start, due, calendar.add(start, covered * share))


def actions(timer: Timer, now: datetime) -> tuple[Action, ...]:
    """What the scheduler must still do for `timer` at `now` (nothing once it was met)."""
    if timer.met_at is not None:
        return ()
    todo = []
    if not timer.warned and now >= timer.warn_at and now < timer.due:
        todo.append(Action.WARN)
    if not timer.breached and now >= timer.due:
        todo.append(Action.BREACH)
    return tuple(todo)
