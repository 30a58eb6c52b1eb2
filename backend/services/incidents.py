"""ReportProblem, CancelIncident and the customer's own incident views."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from backend.adapters import repositories as repo
from backend.adapters.orm import Conversation, Incident, IncidentEvent
from backend.domain.errors import NotFound, NotVerified, UnknownEquipment
from backend.domain.ids import normalise_incident_id
from backend.domain.incident import FINAL_STATES, State, transition
from backend.services.commands import CancelIncident, ReportProblem
from backend.services.uow import UnitOfWork, UnitOfWorkFactory
from backend.services.views import equipment_view, incident_view


async def verified_conversation(uow: UnitOfWork, cid: str) -> tuple[Conversation, str]:
    conversation = await repo.get_conversation(uow.session, cid)
    if not conversation.verified or conversation.customer_code is None:
        raise NotVerified("the customer of this conversation is not verified yet")
    return conversation, conversation.customer_code


async def list_equipment(uows: UnitOfWorkFactory, cid: str) -> dict[str, Any]:
    async with uows() as uow:
        _, customer = await verified_conversation(uow, cid)
        rows = await repo.customer_equipment(uow.session, customer)
        return {"equipment": [equipment_view(eq) for eq in rows]}


async def report_problem(uows: UnitOfWorkFactory, cmd: ReportProblem) -> dict[str, Any]:
    async with uows() as uow:
        conversation, customer = await verified_conversation(uow, cmd.conversation_id)
        equipment = None
        if cmd.equipment_id or cmd.serial:
            equipment = await repo.find_customer_equipment(
                uow.session, customer, cmd.equipment_id, cmd.serial
            )
            if equipment is None:
                wanted = cmd.equipment_id or cmd.serial
                raise UnknownEquipment(f"no equipment {wanted!r} among this customer's equipment")
        incident_id, _ = await uow.next_id("incident")
        now = uow.clock()
        incident = Incident(
            id=incident_id,
            customer_code=customer,
            equipment_id=equipment.id if equipment else None,
            site_id=equipment.site_id if equipment else None,
            symptom=cmd.symptom,
            priority=cmd.priority,
            service_type=cmd.service_type,
            state=State.NEW.value,
            channel=conversation.channel,
            conversation_id=conversation.id,
            created_at=now,
            updated_at=now,
        )
        uow.session.add(incident)
        add_event(uow, incident_id, "created", None, State.NEW, f"conversation:{conversation.id}")
        await uow.commit()
        incident.equipment = equipment
        return incident_view(incident)


def add_event(
    uow: UnitOfWork,
    incident_id: str,
    kind: str,
    from_state: str | None,
    to_state: str | None,
    actor: str,
    note: str | None = None,
) -> None:
    uow.session.add(
        IncidentEvent(
            incident_id=incident_id,
            kind=kind,
            from_state=from_state,
            to_state=to_state,
            actor=actor,
            note=note,
            at=uow.clock(),
        )
    )


async def open_incidents(uows: UnitOfWorkFactory, cid: str) -> dict[str, Any]:
    async with uows() as uow:
        _, customer = await verified_conversation(uow, cid)
        result = await uow.session.execute(
            select(Incident)
            .where(Incident.customer_code == customer, Incident.state.not_in(FINAL_STATES))
            .order_by(Incident.created_at.desc(), Incident.id.desc())
        )
        return {"incidents": [incident_view(i) for i in result.scalars()]}


async def _own_incident(uow: UnitOfWork, customer: str, raw_id: str) -> Incident:
    incident_id = normalise_incident_id(raw_id)
    incident = await uow.session.get(Incident, incident_id)
    if incident is None or incident.customer_code != customer:
        raise NotFound(f"incident {incident_id} not found", id=incident_id)
    return incident


async def own_incident(uows: UnitOfWorkFactory, cid: str, raw_id: str) -> dict[str, Any]:
    async with uows() as uow:
        _, customer = await verified_conversation(uow, cid)
        return incident_view(await _own_incident(uow, customer, raw_id))


async def cancel_incident(uows: UnitOfWorkFactory, cmd: CancelIncident) -> dict[str, Any]:
    async with uows() as uow:
        conversation, customer = await verified_conversation(uow, cmd.conversation_id)
        incident = await _own_incident(uow, customer, cmd.incident_id)
        previous = incident.state
        incident.state = transition(State(previous), State.CANCELLED).value
        incident.updated_at = uow.clock()
        add_event(uow, incident.id, "cancelled", previous, incident.state,
                  f"conversation:{conversation.id}", cmd.reason)
        await uow.flush()
        await uow.commit()
        return incident_view(incident)
