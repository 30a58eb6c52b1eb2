"""One possible source of coverage (a warranty or a contract) once evaluated, and its ranking."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from backend.domain.coverage.decision import (
    EVERYTHING_BILLABLE,
    Billable,
    CoverageSource,
    SlaDeadlines,
)
from backend.domain.coverage.reasons import Reason
from backend.domain.coverage.terms import Equipment
from backend.domain.coverage.vocabulary import IncidentType, Outcome, Priority, ServiceType
from backend.domain.coverage.work import ClosedWork

OUTCOME_RANK = {Outcome.NOT_COVERED: 0, Outcome.PARTLY_COVERED: 1, Outcome.COVERED: 2}


@dataclass(frozen=True)
class CoverageRequest:
    equipment: Equipment
    incident_type: IncidentType | None
    service_type: ServiceType
    moment: datetime
    priority: Priority
    work: ClosedWork | None


@dataclass(frozen=True)
class Candidate:
    source: CoverageSource | None
    reasons: tuple[Reason, ...]
    billable: Billable
    sla: SlaDeadlines | None
    uses_allowance: bool = False

    @property
    def outcome(self) -> Outcome:
        if self.source is None or not self.billable.covers_something:
            return Outcome.NOT_COVERED
        hours_billable = self.billable.hours is not None and self.billable.hours.billable > 0
        if self.billable.count == 0 and not hours_billable:
            return Outcome.COVERED
        return Outcome.PARTLY_COVERED

    def ranking(self) -> tuple[int, int, Decimal, bool, float]:
        """Bigger is more favourable to the customer."""
        covered_hours = self.billable.hours.covered if self.billable.hours else Decimal(0)
        response = self.sla.response_due.timestamp() if self.sla else float("inf")
        return (
            OUTCOME_RANK[self.outcome],
            -self.billable.count,
            covered_hours,
            not self.uses_allowance,
            -response,
        )


def rejected(*reasons: Reason) -> Candidate:
    return Candidate(source=None, reasons=reasons, billable=EVERYTHING_BILLABLE, sla=None)


def most_favourable(candidates: list[Candidate]) -> Candidate:
    """The best candidate; ties go to the first one given (warranty, then contracts by id)."""
    best = candidates[0]
    for candidate in candidates[1:]:
        if candidate.ranking() > best.ranking():
            best = candidate
    return best
