"""The result of `decide_coverage`: outcome, what applies, why, SLA deadlines, what is billable."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from backend.domain.coverage.messages import render_all
from backend.domain.coverage.reasons import Reason, ReasonCode
from backend.domain.coverage.vocabulary import ContractType, Language, Outcome, Priority, SourceKind


@dataclass(frozen=True)
class CoverageSource:
    """The warranty or contract (and version of its terms) that applies."""

    kind: SourceKind
    id: str                      # contract id, or the equipment id for its warranty
    contract_type: ContractType  # warranty is evaluated as warranty_extension terms
    valid_from: date | None = None


@dataclass(frozen=True)
class HoursSplit:
    """Labour hours of closed work: covered by the contract, billable, and surcharged."""

    covered: Decimal
    billable: Decimal
    surcharged: Decimal


@dataclass(frozen=True)
class Billable:
    """What will be billed to the customer (True = billable)."""

    labour: bool
    parts: bool
    travel: bool
    out_of_hours_surcharge: bool
    hours: HoursSplit | None = None  # only when closed work was given

    @property
    def count(self) -> int:
        return sum((self.labour, self.parts, self.travel, self.out_of_hours_surcharge))

    @property
    def covers_something(self) -> bool:
        hours_covered = self.hours is not None and self.hours.covered > 0
        return not (self.labour and self.parts and self.travel) or hours_covered


EVERYTHING_BILLABLE = Billable(labour=True, parts=True, travel=True, out_of_hours_surcharge=False)


@dataclass(frozen=True)
class SlaDeadlines:
    priority: Priority
    response_due: datetime
    resolution_due: datetime


@dataclass(frozen=True)
class CoverageDecision:
    outcome: Outcome
    applies: CoverageSource | None
    reasons: tuple[Reason, ...]
    billable: Billable
    sla: SlaDeadlines | None

    @property
    def reason_codes(self) -> tuple[ReasonCode, ...]:
        return tuple(reason.code for reason in self.reasons)

    def explain(self, language: Language | str) -> tuple[str, ...]:
        """The reasons in plain words, in `es` or `en`."""
        return render_all(self.reasons, language)
