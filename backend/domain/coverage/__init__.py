"""Contract coverage (pure domain): does a warranty or contract cover an incident, and why.

Entry point: `decide_coverage(...) -> CoverageDecision`. Errors: see `coverage.errors`.
"""

from backend.domain.coverage.business_time import CoveredHours
from backend.domain.coverage.calendars import CALENDARS, ES_NATIONAL, calendar_from
from backend.domain.coverage.decide import decide_coverage
from backend.domain.coverage.decision import (
    Billable,
    CoverageDecision,
    CoverageSource,
    HoursSplit,
    SlaDeadlines,
)
from backend.domain.coverage.errors import (
    CoverageError,
    NaiveDateTimeError,
    ScheduleError,
    TermsError,
    UnknownTimeZone,
)
from backend.domain.coverage.holidays import NO_HOLIDAYS, HolidayCalendar, public_holidays
from backend.domain.coverage.messages import render, render_all
from backend.domain.coverage.reasons import Reason, ReasonCode
from backend.domain.coverage.schedule import WeeklySchedule, parse_schedule
from backend.domain.coverage.terms import (
    Allowance,
    Contract,
    ContractTerms,
    ContractVersion,
    Equipment,
)
from backend.domain.coverage.vocabulary import (
    ContractState,
    ContractType,
    IncidentType,
    Language,
    Outcome,
    OutOfHours,
    PastAllowance,
    Priority,
    ServiceType,
    SourceKind,
)
from backend.domain.coverage.warranty import DEFAULT_WARRANTY_TERMS
from backend.domain.coverage.work import ClosedWork, PartUsed, Usage, contract_year

__all__ = [
    "CALENDARS", "DEFAULT_WARRANTY_TERMS", "ES_NATIONAL", "NO_HOLIDAYS", "Allowance", "Billable",
    "ClosedWork", "Contract", "ContractState", "ContractTerms", "ContractType",
    "ContractVersion", "CoverageDecision", "CoverageError", "CoverageSource", "CoveredHours",
    "Equipment", "HolidayCalendar", "HoursSplit", "IncidentType", "Language",
    "NaiveDateTimeError", "OutOfHours", "Outcome", "PartUsed", "PastAllowance", "Priority",
    "Reason", "ReasonCode", "ScheduleError", "ServiceType", "SlaDeadlines", "SourceKind",
    "TermsError", "UnknownTimeZone", "Usage", "WeeklySchedule", "calendar_from", "contract_year",
    "decide_coverage", "parse_schedule", "public_holidays", "render", "render_all",
]
