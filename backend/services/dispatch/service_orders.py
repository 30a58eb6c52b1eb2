"""Service orders (SO-00001), one per visit: create for an incident, read.

A billable incident needs the customer's consent (accepted) before a visit is booked.
Closing is in `service_orders_close`.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from backend.adapters.counters import next_number
from backend.adapters.orm import ServiceOrder, Technician
from backend.adapters.repositories import get_row
from backend.domain.errors import InvalidTransition, NotFound
from backend.domain.incident import FINAL_STATES, State
from backend.services.billing.errors import ConsentRequired
from backend.services.coverage.access import own_incident
from backend.services.coverage.decision import reported_record
from backend.services.coverage.records import is_billable
from backend.services.incidents.records import event
from backend.services.platform.uow import UnitOfWorkFactory


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def _num(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def order_view(so: ServiceOrder) -> dict[str, Any]:
    return {"id": so.id, "incident_id": so.incident_id, "technician_id": so.technician_id,
            "state": so.state, "created_at": _iso(so.created_at), "started_at": _iso(so.started_at),
            "ended_at": _iso(so.ended_at), "closed_at": _iso(so.closed_at),
            "labour_hours": _num(so.labour_hours), "travel_km": _num(so.travel_km),
            "remote": so.remote, "parts": so.parts, "notes": so.notes, "category": so.category,
            "contract_id": so.contract_id, "covered_hours": _num(so.covered_hours)}


async def get_order(session: AsyncSession, raw_id: str) -> ServiceOrder:
    return await get_row(session, ServiceOrder, raw_id.strip().upper(), "service order", raw_id)


async def create_order(uows: UnitOfWorkFactory, raw_incident: str, technician_id: str | None,
                       actor: str) -> dict[str, Any]:
    async with uows() as uow:
        incident = await own_incident(uow, None, raw_incident)
        if State(incident.state) in FINAL_STATES:
            raise InvalidTransition(f"incident {incident.id} is {incident.state}",
                                    state=incident.state)
        if technician_id and await uow.session.get(Technician, technician_id) is None:
            raise NotFound(f"technician {technician_id} not found", id=technician_id)
        record = await reported_record(uow, incident)
        if is_billable(record) and record.consent != "accepted":
            raise ConsentRequired(
                f"{incident.id} is {record.outcome}: the customer must accept the price basis "
                "before a visit is booked", outcome=record.outcome, consent=record.consent)
        so_id = f"SO-{await next_number(uow.session, 'service_order'):05d}"
        so = ServiceOrder(id=so_id, incident_id=incident.id, technician_id=technician_id,
                          state="open", created_at=uow.clock(), parts=[], remote=False)
        uow.session.add(so)
        event(uow, incident.id, "service_order_created", actor, note=so_id)
        await uow.commit()
        return order_view(so)


async def show_order(uows: UnitOfWorkFactory, raw_id: str) -> dict[str, Any]:
    async with uows() as uow:
        return order_view(await get_order(uow.session, raw_id))
