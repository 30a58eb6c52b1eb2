"""SLA deadlines counted in covered hours: nights, weekends, holidays and DST changes."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backend.domain.coverage import (
    ES_NATIONAL,
    ContractType,
    CoveredHours,
    IncidentType,
    Priority,
    decide_coverage,
)
from tests.coverage.factories import BARE_MACHINE, MADRID, at, contract

EIGHT_FIVE = CoveredHours.parse("Europe/Madrid", "mon-fri 08:00-18:00", ES_NATIONAL)
ALL_DAY = CoveredHours.parse("Europe/Madrid", "24x7", ES_NATIONAL)

ADD_CASES = [
    ("within the day", "2026-03-10 10:00", "4", "2026-03-10 14:00"),
    ("across the night", "2026-03-10 16:00", "4", "2026-03-11 10:00"),
    ("across the weekend", "2026-03-13 16:00", "4", "2026-03-16 10:00"),
    ("starting on Saturday", "2026-03-14 11:00", "4", "2026-03-16 12:00"),
    ("starting before opening", "2026-03-10 03:00", "10", "2026-03-10 18:00"),
    ("starting after closing", "2026-03-10 19:30", "1", "2026-03-11 09:00"),
    ("over Good Friday", "2026-04-02 16:00", "4", "2026-04-06 10:00"),
    ("over 8 December", "2026-12-07 17:00", "4", "2026-12-09 11:00"),
    ("over Christmas and a weekend", "2026-12-24 17:00", "8", "2026-12-28 15:00"),
    ("a week of 8x5", "2026-03-09 08:00", "50", "2026-03-13 18:00"),
    ("half an hour", "2026-03-10 17:45", "0.5", "2026-03-11 08:15"),
    ("DST week: Friday to Monday summer time", "2026-03-27 17:00", "2", "2026-03-30 09:00"),
    ("DST autumn: Friday to Monday winter time", "2026-10-23 17:00", "2", "2026-10-26 09:00"),
]


@pytest.mark.parametrize(("name", "start", "hours", "due"), ADD_CASES,
                         ids=[c[0] for c in ADD_CASES])
def test_deadline_on_8x5(name: str, start: str, hours: str, due: str) -> None:
    result = EIGHT_FIVE.add(at(start), Decimal(hours))
    assert result == at(due)
    assert EIGHT_FIVE.between(at(start), result) == timedelta(seconds=int(Decimal(hours) * 3600))


def test_summer_time_offset_is_kept_in_the_deadline() -> None:
    due = EIGHT_FIVE.add(at("2026-03-27 17:00"), 2)
    assert due.utcoffset() == timedelta(hours=2)
    assert due.isoformat() == "2026-03-30T09:00:00+02:00"


def test_24x7_counts_real_hours_across_the_spring_change() -> None:
    due = ALL_DAY.add(at("2026-03-28 23:00"), 4)
    assert due.isoformat() == "2026-03-29T04:00:00+02:00"  # 4 real hours, 5 on the wall clock


def test_24x7_counts_real_hours_across_the_autumn_change() -> None:
    due = ALL_DAY.add(at("2026-10-25 00:00"), 4)
    assert due.isoformat() == "2026-10-25T03:00:00+01:00"  # 4 real hours, 3 on the wall clock


def test_24x7_ignores_holidays() -> None:
    assert ALL_DAY.add(at("2026-12-24 20:00"), 24) == at("2026-12-25 20:00")


def test_covered_time_between_a_friday_and_a_monday() -> None:
    assert EIGHT_FIVE.between(at("2026-03-13 16:00"), at("2026-03-16 10:00")) == timedelta(hours=4)
    assert EIGHT_FIVE.between(at("2026-03-16 10:00"), at("2026-03-13 16:00")) == timedelta(0)


def test_decision_deadlines_follow_priority_and_calendar() -> None:
    decision = decide_coverage(BARE_MACHINE, incident_type=IncidentType.ELECTRICAL,
                               moment=at("2026-04-02 16:00"), contracts=[contract()],
                               priority=Priority.CRITICAL)
    assert decision.sla is not None
    assert decision.sla.priority is Priority.CRITICAL
    assert decision.sla.response_due == at("2026-04-06 10:00")       # 4 h over Good Friday
    assert decision.sla.resolution_due == at("2026-04-08 10:00")     # 24 h: 2 + 10 + 10 + 2


def test_onsite_24h_deadlines_run_around_the_clock() -> None:
    decision = decide_coverage(BARE_MACHINE, incident_type=IncidentType.ELECTRICAL,
                               moment=at("2026-03-14 23:00"), priority=Priority.HIGH,
                               contracts=[contract(contract_type=ContractType.ONSITE_24H)])
    assert decision.sla is not None
    assert decision.sla.response_due == at("2026-03-15 07:00")
    assert decision.sla.resolution_due == at("2026-03-16 23:00")


@settings(max_examples=60, deadline=None)
@given(start=st.datetimes(datetime(2025, 1, 1), datetime(2026, 12, 1), timezones=st.just(MADRID)),
       quarters=st.integers(0, 800))
def test_deadline_is_exactly_that_many_covered_hours_later(start: datetime, quarters: int) -> None:
    hours = Decimal(quarters) / 4
    due = EIGHT_FIVE.add(start, hours)
    assert due >= start
    assert EIGHT_FIVE.between(start, due) == timedelta(minutes=15 * quarters)
    if quarters:
        assert EIGHT_FIVE.is_open(due - timedelta(seconds=1))
