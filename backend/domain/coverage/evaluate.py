"""Evaluate the terms of one warranty or contract version against a request (pure)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal

from backend.domain.coverage.business_time import CoveredHours
from backend.domain.coverage.candidate import Candidate, CoverageRequest, rejected
from backend.domain.coverage.decision import Billable, CoverageSource, HoursSplit, SlaDeadlines
from backend.domain.coverage.reasons import Reason, ReasonCode
from backend.domain.coverage.schedule import parse_schedule
from backend.domain.coverage.terms import ContractTerms
from backend.domain.coverage.type_rules import TYPE_RULES, TypeRule
from backend.domain.coverage.vocabulary import OutOfHours, PastAllowance, ServiceType
from backend.domain.coverage.work import Usage

R = ReasonCode
FAULT_SERVICES = frozenset({ServiceType.CORRECTIVE, ServiceType.INDUCTIVE})
_ALL_DAY = parse_schedule("24x7")


@dataclass(frozen=True)
class _OutOfHoursEffect:
    code: ReasonCode
    labour: bool
    covers: bool


OUT_OF_HOURS_EFFECTS: Mapping[OutOfHours, _OutOfHoursEffect] = {
    OutOfHours.SURCHARGE: _OutOfHoursEffect(R.OUT_OF_HOURS_SURCHARGE, labour=False, covers=True),
    OutOfHours.LABOUR_BILLABLE: _OutOfHoursEffect(
        R.OUT_OF_HOURS_LABOUR_BILLABLE, labour=True, covers=True),
    OutOfHours.NOT_COVERED: _OutOfHoursEffect(
        R.OUT_OF_HOURS_NOT_COVERED, labour=True, covers=False),
}

_NOT_INCLUDED: tuple[tuple[str, ReasonCode], ...] = (
    ("labour", R.LABOUR_NOT_COVERED),
    ("parts", R.PARTS_NOT_COVERED),
    ("travel", R.TRAVEL_NOT_COVERED),
)


def sla_hours(terms: ContractTerms, rule: TypeRule) -> CoveredHours:
    """The calendar SLA deadlines run on: 24x7 for round-the-clock contract types."""
    if rule.around_the_clock:
        return CoveredHours(tz=terms.covered_hours.tz, schedule=_ALL_DAY)
    return terms.covered_hours


def evaluate_terms(
    source: CoverageSource, terms: ContractTerms, request: CoverageRequest, usage: Usage,
    lead: Reason,
) -> Candidate:
    rule = TYPE_RULES[terms.contract_type]
    reasons = [lead]
    name = source.id
    calendar = sla_hours(terms, rule)
    deadlines = SlaDeadlines(
        priority=request.priority,
        response_due=calendar.add(request.moment, terms.response_hours[request.priority]),
        resolution_due=calendar.add(request.moment, terms.resolution_hours[request.priority]),
    )
    covered = Candidate(source, (), Billable(False, False, False, False), deadlines)
    if rule.always_covered:
        reasons.append(Reason.of(R.CONTINUOUS_SERVICE, contract=name))
        return _finish(covered, reasons, request, usage_split=None)
    if request.service_type not in rule.services:
        return rejected(*reasons, Reason.of(
            R.SERVICE_TYPE_NOT_COVERED, contract=name, service=request.service_type))
    incident = request.incident_type
    if request.service_type in FAULT_SERVICES and incident and incident not in terms.incident_types:
        return rejected(*reasons, Reason.of(
            R.INCIDENT_TYPE_NOT_COVERED, contract=name, incident=incident))
    if request.service_type is ServiceType.PREVENTIVE:
        reasons.append(Reason.of(R.PREVENTIVE_COVERED, contract=name))
    labour, parts, travel = not rule.labour, not rule.parts, not rule.travel
    surcharge = False
    not_included = {"labour": labour, "parts": parts, "travel": travel}
    reasons += [
        Reason.of(code, contract=name) for item, code in _NOT_INCLUDED if not_included[item]
    ]

    work = request.work
    moment = work.performed_at if work and work.performed_at else request.moment
    if rule.around_the_clock:
        reasons.append(Reason.of(R.COVERED_24X7, contract=name))
    elif not terms.covered_hours.is_open(moment):
        effect = OUT_OF_HOURS_EFFECTS[terms.out_of_hours]
        reasons += _out_of_hours_reasons(terms.covered_hours, moment)
        reasons.append(Reason.of(effect.code, contract=name))
        if not effect.covers:
            return rejected(*reasons)
        labour, surcharge = labour or effect.labour, True

    split: Decimal | None = None
    if not labour:
        past, split = _allowance(terms, usage, request, reasons)
        if past and terms.past_allowance is PastAllowance.NOT_COVERED:
            return rejected(*reasons, Reason.of(R.PAST_ALLOWANCE_NOT_COVERED, contract=name))
        labour, travel = bool(past) or split is not None, travel or past == "visits"
    limited = terms.allowance.hours is not None or terms.allowance.visits is not None
    billable = Billable(labour=labour, parts=parts, travel=travel, out_of_hours_surcharge=surcharge)
    candidate = replace(covered, billable=billable, uses_allowance=limited)
    return _finish(candidate, reasons, request, usage_split=split)


def _out_of_hours_reasons(hours: CoveredHours, moment: datetime) -> list[Reason]:
    local = moment.astimezone(hours.tz)
    found = [Reason.of(R.OUTSIDE_COVERED_HOURS, moment=local.strftime("%Y-%m-%d %H:%M"),
                       schedule=hours.schedule.text)]
    if hours.is_holiday(moment):
        found.append(Reason.of(R.HOLIDAY, date=local.date(), calendar=hours.holidays.name))
    return found


def _allowance(
    terms: ContractTerms, usage: Usage, request: CoverageRequest, reasons: list[Reason]
) -> tuple[str, Decimal | None]:
    """('visits'|'hours'|'', covered hours when the allowance runs out mid-job)."""
    visits, hours = terms.allowance.visits, terms.allowance.hours
    if visits is not None and usage.visits >= visits:
        reasons.append(Reason.of(R.VISITS_EXHAUSTED, allowance=visits, used=usage.visits))
        return "visits", None
    if hours is not None and usage.hours >= hours:
        reasons.append(Reason.of(R.HOURS_EXHAUSTED, allowance=hours, used=usage.hours))
        return "hours", None
    work = request.work
    if hours is not None and work is not None and usage.hours + work.labour_hours > hours:
        left = hours - usage.hours
        reasons.append(Reason.of(R.HOURS_EXHAUSTED_MID_JOB, allowance=hours, remaining=left,
                                 covered=left, billable=work.labour_hours - left))
        return "", left
    return "", None


def _finish(
    candidate: Candidate, reasons: list[Reason], request: CoverageRequest,
    usage_split: Decimal | None,
) -> Candidate:
    """With closed work, only what was actually used can be billable (no parts, no bill)."""
    work, billable = request.work, candidate.billable
    if work is not None:
        total = work.labour_hours
        covered = usage_split if usage_split is not None else (
            Decimal(0) if billable.labour else total)
        surcharged = total if billable.out_of_hours_surcharge else Decimal(0)
        billable = Billable(
            labour=total > covered,
            parts=billable.parts and bool(work.parts),
            travel=billable.travel and work.travel,
            out_of_hours_surcharge=surcharged > 0,
            hours=HoursSplit(covered, total - covered, surcharged),
        )
    return replace(candidate, reasons=tuple(reasons), billable=billable)
