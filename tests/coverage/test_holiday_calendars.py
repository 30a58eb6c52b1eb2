"""Holiday calendars from the `holidays` package (data/calendars.yml) in 2027 and 2028:
SLA deadlines and coverage decisions in Madrid, England and New York, and the company's
own closing days. The expected dates are written out by hand (not asked of the package)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from backend.domain.coverage import (
    CALENDARS,
    ContractState,
    ContractVersion,
    CoveredHours,
    IncidentType,
    Outcome,
    ReasonCode,
    TermsError,
    calendar_from,
    decide_coverage,
)
from backend.services.contracts.terms import coverage_terms
from tests.coverage.factories import BARE_MACHINE, contract, terms

ZONES = {"es-madrid": "Europe/Madrid", "gb-england": "Europe/London",
         "us-new-york": "America/New_York", "es-cataluna": "Europe/Madrid"}

# calendar, start (local), covered hours to add, due (local) — 8x5 mon-fri 09:00-17:00
SLA_CASES = [
    ("es-madrid", "2027-03-24 16:00", "2", "2027-03-29 10:00"),   # Jueves + Viernes Santo
    ("es-madrid", "2027-05-03 08:00", "1", "2027-05-04 10:00"),   # Madrid Day moved to Monday
    ("es-madrid", "2028-04-28 16:00", "2", "2028-05-03 10:00"),   # 1 May + 2 May (Madrid Day)
    ("es-cataluna", "2028-09-08 16:00", "2", "2028-09-12 10:00"),  # Diada, Monday 11 Sept
    ("gb-england", "2027-12-23 16:00", "2", "2027-12-29 10:00"),  # closing 24th + 25-28 observed
    ("gb-england", "2028-04-13 16:00", "2", "2028-04-18 10:00"),  # Good Friday + Easter Monday
    ("us-new-york", "2027-11-24 16:00", "2", "2027-11-26 10:00"),  # Thanksgiving
    ("us-new-york", "2028-07-03 16:00", "2", "2028-07-05 10:00"),  # Independence Day
    ("es-madrid", "2028-08-11 16:00", "2", "2028-08-16 10:00"),   # closing 14 Aug + 15 Aug
]


def local(calendar: str, text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=ZoneInfo(ZONES[calendar]))


def office(calendar: str) -> CoveredHours:
    return CoveredHours.parse(ZONES[calendar], "mon-fri 09:00-17:00", CALENDARS[calendar])


@pytest.mark.parametrize(("calendar", "start", "hours", "due"), SLA_CASES,
                         ids=[f"{c[0]} {c[1][:10]}" for c in SLA_CASES])
def test_sla_deadline_skips_the_calendars_holidays(calendar: str, start: str, hours: str,
                                                   due: str) -> None:
    assert office(calendar).add(local(calendar, start), Decimal(hours)) == local(calendar, due)


def test_a_regional_holiday_is_not_national() -> None:
    madrid_day = date(2028, 5, 2)
    assert madrid_day in CALENDARS["es-madrid"]
    assert madrid_day not in CALENDARS["es-national"]
    assert madrid_day not in CALENDARS["es-cataluna"]
    assert date(2028, 9, 11) in CALENDARS["es-cataluna"]
    assert date(2028, 9, 11) not in CALENDARS["es-madrid"]


def test_company_closing_day_is_data_not_a_public_holiday() -> None:
    closing = date(2028, 8, 14)
    for name in ("es-madrid", "gb-england", "us-new-york"):
        assert closing in CALENDARS[name]
        assert CALENDARS[name].name_of(closing) == "closing day"
    without = calendar_from("plain", {"country": "ES", "subdiv": "MD"})
    assert closing not in without
    hours = CoveredHours.parse("Europe/Madrid", "mon-fri 09:00-17:00", without)
    assert hours.add(local("es-madrid", "2028-08-11 16:00"), 2) == local(
        "es-madrid", "2028-08-14 10:00")


def test_holidays_are_known_for_years_no_table_listed() -> None:
    england = CALENDARS["gb-england"]
    assert england.name_of(date(2027, 12, 27)) == "Christmas Day (observed)"
    assert date(2031, 12, 25) in england and date(2031, 12, 24) not in england


def _contract_in(calendar: str):  # type: ignore[no-untyped-def]
    hours = CoveredHours.parse(ZONES[calendar], "mon-fri 08:00-18:00", CALENDARS[calendar])
    start = date(2027, 1, 1)
    return contract(start=start, end=date(2028, 12, 31), versions=(
        ContractVersion(valid_from=start, terms=terms(covered_hours=hours)),),
        state=ContractState.ACTIVE)


@pytest.mark.parametrize(("calendar", "holiday", "working_day"), [
    ("es-madrid", "2027-03-25 10:00", "2027-03-24 10:00"),
    ("gb-england", "2028-05-01 10:00", "2028-05-02 10:00"),
    ("us-new-york", "2028-11-23 10:00", "2028-11-22 10:00"),
    ("es-madrid", "2027-12-24 10:00", "2027-12-23 10:00"),  # company closing day
])
def test_coverage_decision_on_a_holiday(calendar: str, holiday: str, working_day: str) -> None:
    deal = _contract_in(calendar)

    def decide(moment: str) -> tuple[Outcome, tuple[ReasonCode, ...]]:
        d = decide_coverage(BARE_MACHINE, incident_type=IncidentType.MECHANICAL,
                            moment=local(calendar, moment), contracts=(deal,))
        return d.outcome, d.reason_codes

    off, off_reasons = decide(holiday)
    on, on_reasons = decide(working_day)
    assert ReasonCode.HOLIDAY in off_reasons and ReasonCode.HOLIDAY not in on_reasons
    assert on is Outcome.COVERED and off is Outcome.PARTLY_COVERED


PRIORITIES = ("critical", "high", "medium", "low")


def _stored_terms(holidays: object) -> dict[str, object]:
    return {"type": "full_maintenance", "incident_types": ["mechanical"],
            "covered_hours": {"timezone": "America/New_York", "schedule": "mon-fri 09:00-17:00",
                              "holidays": holidays},
            "response_hours": dict.fromkeys(PRIORITIES, 4),
            "resolution_hours": dict.fromkeys(PRIORITIES, 16)}


def test_stored_contract_terms_name_a_calendar_or_a_region() -> None:
    named = coverage_terms(_stored_terms("us-new-york")).covered_hours.holidays
    inline = coverage_terms(_stored_terms({"country": "US", "subdiv": "CA"})).covered_hours.holidays
    assert date(2028, 2, 11) in named and date(2028, 2, 11) not in inline  # Lincoln's (NY only)
    assert date(2028, 11, 24) in inline and date(2028, 11, 24) not in named  # day after (CA)


def test_unknown_calendar_or_region_is_refused() -> None:
    with pytest.raises(TermsError):
        calendar_from("mars", {"country": "ES", "subdiv": "XX"})
    with pytest.raises(Exception, match="unknown holiday calendar"):
        coverage_terms(_stored_terms("es-atlantis"))
