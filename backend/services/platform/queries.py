"""Read-only views for agents and admins."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from backend.adapters import repositories as repo
from backend.adapters.orm import Customer, Incident, Message, Technician
from backend.domain.errors import NotFound
from backend.domain.ids import normalise_incident_id
from backend.services.platform.uow import UnitOfWorkFactory
from backend.services.platform.views import (
    customer_view,
    equipment_view,
    incident_view,
    message_view,
    technician_view,
)


async def incidents(uows: UnitOfWorkFactory, customer: str | None, state: str | None
                    ) -> dict[str, Any]:
    async with uows() as uow:
        query = select(Incident).order_by(Incident.created_at.desc(), Incident.id.desc())
        if customer:
            query = query.where(Incident.customer_code == customer)
        if state:
            query = query.where(Incident.state == state)
        result = await uow.session.execute(query)
        return {"incidents": [incident_view(i) for i in result.scalars()]}


async def incident(uows: UnitOfWorkFactory, raw_id: str) -> dict[str, Any]:
    async with uows() as uow:
        return incident_view(await repo.get_incident(uow.session, normalise_incident_id(raw_id)))


async def customers(uows: UnitOfWorkFactory) -> dict[str, Any]:
    async with uows() as uow:
        result = await uow.session.execute(
            select(Customer)
            .order_by(Customer.code)
            .options(selectinload(Customer.contacts), selectinload(Customer.sites))
        )
        return {"customers": [customer_view(c) for c in result.scalars()]}


async def customer(uows: UnitOfWorkFactory, code: str) -> dict[str, Any]:
    async with uows() as uow:
        found = await repo.get_customer(uow.session, code)
        if found is None:
            raise NotFound(f"customer {code} not found", id=code)
        return customer_view(found)


async def customer_equipment(uows: UnitOfWorkFactory, code: str) -> dict[str, Any]:
    async with uows() as uow:
        if await uow.session.get(Customer, code) is None:
            raise NotFound(f"customer {code} not found", id=code)
        rows = await repo.customer_equipment(uow.session, code)
        return {"equipment": [equipment_view(eq) for eq in rows]}


async def conversation_messages(uows: UnitOfWorkFactory, cid: str) -> dict[str, Any]:
    async with uows() as uow:
        conversation = await repo.get_conversation(uow.session, cid)
        result = await uow.session.execute(
            select(Message).where(Message.conversation_id == cid).order_by(Message.seq)
        )
        return {
            "conversation": {
                "id": conversation.id,
                "channel": conversation.channel,
                "address": conversation.address,
                "customer_code": conversation.customer_code,
                "verified": conversation.verified,
                "handled_by": conversation.handled_by,
                "language": conversation.language,
            },
            "messages": [message_view(m) for m in result.scalars()],
        }


async def technicians(uows: UnitOfWorkFactory) -> dict[str, Any]:
    async with uows() as uow:
        result = await uow.session.execute(select(Technician).order_by(Technician.id))
        return {"technicians": [technician_view(t) for t in result.scalars()]}
