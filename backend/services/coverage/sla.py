"""SLA timers of an incident (response, resolution) from its coverage decision: the
deadlines the decision computed in the contract's covered hours, a warning when three
quarters of that covered time is spent, a breach at the deadline. Response is met when a
technician accepts the job; resolution when the work is finished."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import select

from backend.adapters.orm import CoverageRecord, Incident
from backend.adapters.orm.dispatch import SlaTimerRow
from backend.domain import sla as s
from backend.domain.coverage import CoveredHours
from backend.domain.coverage.evaluate import sla_hours
from backend.domain.coverage.type_rules import TYPE_RULES
from backend.services.contracts.terms import ContractData, coverage_terms
from backend.services.contracts.versions import contracts_of_equipment
from backend.services.coverage.decision import reported_record
from backend.services.platform.uow import UnitOfWork, UnitOfWorkFactory

ALL_DAY = "24x7"


async def calendar_for(uow: UnitOfWork, incident: Incident, record: CoverageRecord
                       ) -> CoveredHours:
    """The calendar the decision's deadlines ran on: the applying contract's covered hours
    (24x7 for round-the-clock types); 24x7 in Madrid time without a contract."""
    if record.source_kind == "contract" and record.source_id and incident.equipment_id:
        for data in await contracts_of_equipment(uow.session, incident.equipment_id,
                                                 uow.clock()):
            if data.id == record.source_id:
                return contract_calendar(data, incident.created_at.date())
    return CoveredHours.parse("Europe/Madrid", ALL_DAY)


def contract_calendar(data: ContractData | None, day: date) -> CoveredHours:
    """The calendar a contract's SLA runs on, on `day` (the version then in force); 24x7 in
    Madrid time without a contract."""
    if data is None:
        return CoveredHours.parse("Europe/Madrid", ALL_DAY)
    terms = coverage_terms(data.version_on(day).terms)
    return sla_hours(terms, TYPE_RULES[terms.contract_type])


async def ensure_timers(uow: UnitOfWork, incident: Incident) -> list[SlaTimerRow]:
    existing = list((await uow.session.execute(select(SlaTimerRow).where(
        SlaTimerRow.incident_id == incident.id))).scalars())
    if existing:
        return existing
    record = await reported_record(uow, incident)
    if record.response_due is None or record.resolution_due is None:
        return []
    calendar = await calendar_for(uow, incident, record)
    rows = []
    for kind, due in ((s.Kind.RESPONSE, record.response_due),
                      (s.Kind.RESOLUTION, record.resolution_due)):
        timer = s.plan_to(kind, incident.created_at, due, calendar)
        rows.append(SlaTimerRow(incident_id=incident.id, kind=kind.value,
                                contract_id=record.source_id, start=timer.start,
                                due_at=timer.due, warn_at=timer.warn_at))
    uow.session.add_all(rows)
    await uow.flush()
    return rows


async def met(uow: UnitOfWork, incident_id: str, kind: s.Kind) -> None:
    row = (await uow.session.execute(select(SlaTimerRow).where(
        SlaTimerRow.incident_id == incident_id, SlaTimerRow.kind == kind.value))
    ).scalar_one_or_none()
    if row is not None and row.met_at is None:
        row.met_at = uow.clock()


def timer_of(row: SlaTimerRow) -> s.Timer:
    return s.Timer(s.Kind(row.kind), row.start, row.due_at, row.warn_at,
                   warned=row.warned_at is not None, breached=row.breached_at is not None,
                   met_at=row.met_at)


def timer_view(row: SlaTimerRow) -> dict[str, Any]:
    def iso(v: datetime | None) -> str | None:
        return v.isoformat() if v else None
    return {"incident_id": row.incident_id, "kind": row.kind, "contract_id": row.contract_id,
            "start": iso(row.start), "due_at": iso(row.due_at), "warn_at": iso(row.warn_at),
            "warned_at": iso(row.warned_at), "breached_at": iso(row.breached_at),
            "met_at": iso(row.met_at)}


async def breaches(uows: UnitOfWorkFactory, limit: int = 200) -> dict[str, Any]:
    async with uows() as uow:
        rows = (await uow.session.execute(select(SlaTimerRow).where(
            SlaTimerRow.breached_at.is_not(None)).order_by(SlaTimerRow.breached_at.desc())
            .limit(limit))).scalars()
        return {"breaches": [timer_view(r) for r in rows]}


async def incident_timers(uows: UnitOfWorkFactory, incident_id: str) -> dict[str, Any]:
    async with uows() as uow:
        rows = (await uow.session.execute(select(SlaTimerRow).where(
            SlaTimerRow.incident_id == incident_id).order_by(SlaTimerRow.id))).scalars()
        return {"incident_id": incident_id, "timers": [timer_view(r) for r in rows]}

