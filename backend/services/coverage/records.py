"""A CoverageDecision stored on an incident (`coverage_decisions`) and read back."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from backend.adapters.orm import CoverageRecord
from backend.domain.coverage import (
    Billable,
    ContractType,
    CoverageDecision,
    CoverageSource,
    HoursSplit,
    Outcome,
    Priority,
    Reason,
    ReasonCode,
    SlaDeadlines,
    SourceKind,
)


def billable_json(billable: Billable) -> dict[str, Any]:
    hours = billable.hours
    return {"labour": billable.labour, "parts": billable.parts, "travel": billable.travel,
            "out_of_hours_surcharge": billable.out_of_hours_surcharge,
            "hours": None if hours is None else {"covered": str(hours.covered),
                                                 "billable": str(hours.billable),
                                                 "surcharged": str(hours.surcharged)}}


def record_of(incident_id: str, stage: str, decision: CoverageDecision, priority: str,
              incident_type: str | None, now: datetime) -> CoverageRecord:
    source, sla = decision.applies, decision.sla
    return CoverageRecord(
        incident_id=incident_id, stage=stage, incident_type=incident_type,
        outcome=decision.outcome.value,
        source_kind=source.kind.value if source else None, source_id=source.id if source else None,
        contract_type=source.contract_type.value if source else None,
        valid_from=source.valid_from if source else None,
        reasons=[{"code": r.code.value, "params": dict(r.params)} for r in decision.reasons],
        billable=billable_json(decision.billable), priority=priority,
        response_due=sla.response_due if sla else None,
        resolution_due=sla.resolution_due if sla else None, decided_at=now)


def reasons_of(record: CoverageRecord) -> tuple[Reason, ...]:
    return tuple(Reason.of(ReasonCode(r["code"]), **r["params"]) for r in record.reasons)


def decision_of(record: CoverageRecord) -> CoverageDecision:
    """The stored decision as the domain object (for rendering and billing)."""
    raw = record.billable
    hours = raw.get("hours")
    billable = Billable(raw["labour"], raw["parts"], raw["travel"], raw["out_of_hours_surcharge"],
                        None if hours is None else HoursSplit(*(Decimal(hours[k]) for k in (
                            "covered", "billable", "surcharged"))))
    source = None
    if record.source_kind and record.source_id and record.contract_type:
        source = CoverageSource(SourceKind(record.source_kind), record.source_id,
                                ContractType(record.contract_type), record.valid_from)
    sla = None
    if record.response_due and record.resolution_due:
        sla = SlaDeadlines(Priority(record.priority), record.response_due, record.resolution_due)
    return CoverageDecision(Outcome(record.outcome), source, reasons_of(record), billable, sla)


async def latest(session: AsyncSession, incident_id: str, stage: str | None = None
                 ) -> CoverageRecord | None:
    query = select(CoverageRecord).where(CoverageRecord.incident_id == incident_id)
    if stage is not None:
        query = query.where(CoverageRecord.stage == stage)
    result = await session.execute(query.order_by(CoverageRecord.id.desc()).limit(1))
    return result.scalar_one_or_none()


def is_billable(record: CoverageRecord) -> bool:
    return record.outcome != Outcome.COVERED.value
