"""SLA timers of an 8x5 contract (mon-fri 09:00-17:00 Madrid, national holidays): warnings
and breaches fall in covered hours, across nights, weekends and holidays."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from backend.domain import sla as s
from backend.domain.coverage import ES_NATIONAL, CoveredHours

MADRID = ZoneInfo("Europe/Madrid")
EIGHT_BY_FIVE = CoveredHours.parse("Europe/Madrid", "mon-fri 09:00-17:00", ES_NATIONAL)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=MADRID)


CASES = [
    # reported, hours, warn at (75 %), due
    ("overnight", "2026-06-02 16:00", 4, "2026-06-03 11:00", "2026-06-03 12:00"),
    ("friday into monday", "2026-06-05 15:00", 4, "2026-06-08 10:00", "2026-06-08 11:00"),
    ("reported on saturday", "2026-06-06 11:00", 8, "2026-06-08 15:00", "2026-06-08 17:00"),
    ("reported at night", "2026-06-02 23:30", 2, "2026-06-03 10:30", "2026-06-03 11:00"),
    ("over a holiday (8 Dec)", "2026-12-07 16:00", 4, "2026-12-09 11:00", "2026-12-09 12:00"),
    ("two covered days", "2026-06-04 09:00", 16, "2026-06-05 13:00", "2026-06-05 17:00"),
]


@pytest.mark.parametrize(("name", "start", "hours", "warn", "due"), CASES,
                         ids=[c[0] for c in CASES])
def test_deadlines_in_covered_hours(name: str, start: str, hours: int, warn: str,
                                    due: str) -> None:
    timer = s.plan(s.Kind.RESPONSE, at(start), Decimal(hours), EIGHT_BY_FIVE)
    assert timer.warn_at == at(warn)
    assert timer.due == at(due)
    again = s.plan_to(s.Kind.RESPONSE, at(start), timer.due, EIGHT_BY_FIVE)
    assert again.warn_at == timer.warn_at


def test_weekend_is_quiet_then_warn_then_breach() -> None:
    timer = s.plan(s.Kind.RESPONSE, at("2026-06-05 15:00"), Decimal(4), EIGHT_BY_FIVE)
    for quiet in ("2026-06-05 17:00", "2026-06-06 12:00", "2026-06-07 23:59",
                  "2026-06-08 09:59"):
        assert s.actions(timer, at(quiet)) == (), quiet
    assert s.actions(timer, at("2026-06-08 10:00")) == (s.Action.WARN,)
    warned = s.Timer(timer.kind, timer.start, timer.due, timer.warn_at, warned=True)
    assert s.actions(warned, at("2026-06-08 10:30")) == ()
    assert s.actions(warned, at("2026-06-08 11:00")) == (s.Action.BREACH,)
    breached = s.Timer(timer.kind, timer.start, timer.due, timer.warn_at, True, True)
    assert s.actions(breached, at("2026-06-09 11:00")) == ()


def test_late_tick_breaches_without_a_stale_warning() -> None:
    timer = s.plan(s.Kind.RESOLUTION, at("2026-06-05 15:00"), Decimal(4), EIGHT_BY_FIVE)
    assert s.actions(timer, at("2026-06-09 09:00")) == (s.Action.BREACH,)


def test_met_timer_never_fires() -> None:
    timer = s.plan(s.Kind.RESPONSE, at("2026-06-05 15:00"), Decimal(4), EIGHT_BY_FIVE)
    met = s.Timer(timer.kind, timer.start, timer.due, timer.warn_at,
                  met_at=datetime(2026, 6, 5, 14, tzinfo=UTC))
    assert s.actions(met, at("2026-06-10 09:00")) == ()
