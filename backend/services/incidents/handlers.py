"""ReportProblem (with its duplicate check), CancelIncident, ChangeEquipment,
AssignTechnician and the customer's own incident views."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select

from backend.adapters import repositories as repo
from backend.adapters.orm import Equipment, Incident, IncidentReport, Technician
from backend.domain.dedupe import DedupeConfig
from backend.domain.dedupe.extract import compact
from backend.domain.display_codes import with_codes
from backend.domain.errors import InvalidTransition, NotFound, UnknownEquipment
from backend.domain.ids import normalise_incident_id
from backend.domain.incident import FINAL_STATES, State, transition
from backend.domain.texts import say
from backend.services.conversations.lookup import verified
from backend.services.dedupe import report as dedupe_report
from backend.services.dedupe.commands import AnswerPendingReport, AssignTechnician
from backend.services.dedupe.filing import Filing
from backend.services.dedupe.report import default_config
from backend.services.dedupe.texts import short_name
from backend.services.dispatch import offers as dispatch
from backend.services.incidents.records import event
from backend.services.incidents.status_facts import status_facts
from backend.services.incidents.subscriptions import notify
from backend.services.platform.commands import CancelIncident, ChangeEquipment, ReportProblem
from backend.services.platform.uow import UnitOfWork, UnitOfWorkFactory
from backend.services.platform.views import equipment_view, incident_view

SAME_TALK = timedelta(hours=1)


async def list_equipment(uows: UnitOfWorkFactory, cid: str) -> dict[str, Any]:
    async with uows() as uow:
        _, customer = await verified(uow, cid)
        rows = await repo.customer_equipment(uow.session, customer)
        return {"equipment": [equipment_view(eq) for eq in rows]}


async def _equipment(uow: UnitOfWork, customer: str, cmd: ReportProblem) -> Equipment | None:
    """The machine the bot names by id, or by the serial the customer typed. A typed serial
    matches in any form (`sn50331` is SN-50331); one that is none of the customer's
    machines leaves the machine unknown (the duplicate check still reads it): a
    customer's message never fails on it. Only an unknown equipment id (the bot's own
    choice) is an error."""
    if cmd.equipment_id:
        found = await repo.find_customer_equipment(uow.session, customer, cmd.equipment_id, None)
        if found is not None or cmd.serial:
            return found or await _typed_serial(uow, customer, cmd.serial or "")
        raise UnknownEquipment(
            f"no equipment {cmd.equipment_id!r} among this customer's equipment")
    return await _typed_serial(uow, customer, cmd.serial) if cmd.serial else None


async def _more_equipment(uow: UnitOfWork, customer: str, cmd: ReportProblem,
                          first: Equipment | None) -> tuple[str, ...]:
    """The request's machines (the first one too), each one of the customer's own."""
    if not cmd.equipment_ids:
        return ()
    own = {eq.id for eq in await repo.customer_equipment(uow.session, customer)}
    unknown = sorted(set(cmd.equipment_ids) - own)
    if unknown:
        raise UnknownEquipment(f"no equipment {', '.join(unknown)} among this customer's "
                               "equipment")
    wanted = ([first.id] if first else []) + list(cmd.equipment_ids)
    return tuple(dict.fromkeys(wanted))


async def _typed_serial(uow: UnitOfWork, customer: str, serial: str) -> Equipment | None:
    wanted = compact(serial)
    rows = await repo.customer_equipment(uow.session, customer)
    return next((eq for eq in rows if eq.serial and compact(eq.serial) == wanted), None)


async def report_problem(
    uows: UnitOfWorkFactory, cmd: ReportProblem, config: DedupeConfig | None = None
) -> dict[str, Any]:
    """Duplicate check first (docs/duplicates.md): "created", "merged" or "ask"."""
    async with uows() as uow:
        conversation, customer = await verified(uow, cmd.conversation_id)
        equipment = await _equipment(uow, customer, cmd)
        symptom = with_codes(cmd.symptom, cmd.error_codes)
        filing = Filing(conversation, symptom, cmd.priority, cmd.service_type, equipment,
                        await _more_equipment(uow, customer, cmd, equipment), uow.clock())
        typed = cmd.serial if equipment is None else None
        ours = await _reported_here(uow, conversation.id, equipment, cmd.service_type)
        filed = (await dedupe_report.merged(uow, ours, filing, "conversation", None)
                 if ours is not None  # more about the fault this conversation reported on it
                 else await dedupe_report.file_report(uow, filing, config or default_config(),
                                                      serial=typed))
        return await dispatch.on_incident_created(uows, filed)


async def _reported_here(uow: UnitOfWork, conversation_id: str, equipment: Equipment | None,
                         service_type: str) -> Incident | None:
    """The open fault this conversation reported on ``equipment`` within the last
    SAME_TALK: a later report on the same machine as they go on writing ("y ahora además
    huele a quemado por detrás") adds to it (and may raise its priority) instead of opening
    another; days later, the duplicate check decides as for anyone."""
    if equipment is None or service_type != "corrective":
        return None
    since = uow.clock() - SAME_TALK
    found = await uow.session.scalars(
        select(Incident).join(IncidentReport, IncidentReport.incident_id == Incident.id)
        .where(IncidentReport.conversation_id == conversation_id, IncidentReport.at >= since,
               Incident.equipment_id == equipment.id, Incident.service_type == "corrective",
               Incident.state.not_in(FINAL_STATES))
        .order_by(Incident.created_at.desc(), Incident.id.desc()).limit(1))
    return found.first()


async def answer_pending_report(uows: UnitOfWorkFactory, cmd: AnswerPendingReport
                                ) -> dict[str, Any]:
    """The customer's yes (the incident) or no (None) to "is this about INC-…?"."""
    async with uows() as uow:
        conversation, _ = await verified(uow, cmd.conversation_id)
        return await dedupe_report.answer(uow, conversation, cmd.token, cmd.duplicate_of)


async def open_incidents(uows: UnitOfWorkFactory, cid: str) -> dict[str, Any]:
    async with uows() as uow:
        _, customer = await verified(uow, cid)
        result = await uow.session.execute(
            select(Incident)
            .where(Incident.customer_code == customer, Incident.state.not_in(FINAL_STATES))
            .order_by(Incident.created_at.desc(), Incident.id.desc())
        )
        return {"incidents": [{**incident_view(i), "status": await status_facts(uow, i)}
                              for i in result.scalars()]}


async def _own_incident(uow: UnitOfWork, customer: str, raw_id: str) -> Incident:
    """By INC id, or by the number it had in the system it was imported from."""
    imported = (await uow.session.execute(select(Incident).where(
        Incident.reference == raw_id.strip(), Incident.customer_code == customer))).scalars()
    found = imported.first()
    if found is not None:
        return found
    incident_id = normalise_incident_id(raw_id)
    incident = await uow.session.get(Incident, incident_id)
    if incident is None or incident.customer_code != customer:
        raise NotFound(f"incident {incident_id} not found", id=incident_id)
    return incident


async def own_incident(uows: UnitOfWorkFactory, cid: str, raw_id: str) -> dict[str, Any]:
    async with uows() as uow:
        _, customer = await verified(uow, cid)
        incident = await _own_incident(uow, customer, raw_id)
        return {**incident_view(incident), "status": await status_facts(uow, incident)}


async def cancel_incident(uows: UnitOfWorkFactory, cmd: CancelIncident) -> dict[str, Any]:
    async with uows() as uow:
        conversation, customer = await verified(uow, cmd.conversation_id)
        incident = await _own_incident(uow, customer, cmd.incident_id)
        previous = incident.state
        incident.state = transition(State(previous), State.CANCELLED).value
        incident.updated_at = uow.clock()
        event(uow, incident.id, "cancelled", f"conversation:{conversation.id}",
              from_state=previous, to_state=incident.state, note=cmd.reason)
        await uow.flush()
        await uow.commit()
        return incident_view(incident)


async def change_equipment(uows: UnitOfWorkFactory, cmd: ChangeEquipment) -> dict[str, Any]:
    """The customer's correction of which machine ("perdon error mio, es el del A08"): while
    no technician has taken the incident (new, or only offered to one) it moves to the
    machine now named, one of the customer's own, with an ``equipment_changed`` event (from
    → to); a pending offer is withdrawn and the job routed again for that machine. Once a
    technician has accepted it is an agent's change (409 ``invalid_transition``)."""
    async with uows() as uow:
        conversation, customer = await verified(uow, cmd.conversation_id)
        incident = await _own_incident(uow, customer, cmd.incident_id)
        offer = await dispatch.active_dispatch(uow, incident.id)
        if not (incident.state == State.NEW.value or (
                incident.state == State.ASSIGNED.value and offer is not None
                and offer.state == "offered")):
            raise InvalidTransition(f"{incident.id} is {incident.state}: its machine is "
                                    "changed by an agent now", state=incident.state)
        found = await repo.find_customer_equipment(uow.session, customer, cmd.equipment_id,
                                                   None)
        if found is None:
            raise UnknownEquipment(
                f"no equipment {cmd.equipment_id!r} among this customer's equipment")
        previous = incident.equipment_id
        if previous == found.id:
            return incident_view(incident)
        incident.equipment_id, incident.site_id = found.id, found.site_id
        incident.equipment = found
        incident.updated_at = uow.clock()
        event(uow, incident.id, "equipment_changed", f"conversation:{conversation.id}",
              note=f"{previous or '-'} → {found.id}")
        if offer is not None:
            await dispatch.withdraw(uow, offer, "the customer corrected the machine")
        await uow.flush()
        view = incident_view(incident)
        await uow.commit()
    if offer is not None:
        await dispatch.on_incident_created(uows, {**view, "outcome": "created"})
    return view


async def assign_technician(uows: UnitOfWorkFactory, cmd: AssignTechnician) -> dict[str, Any]:
    """Assign by hand (routing comes later); every subscriber hears it on their channel."""
    async with uows() as uow:
        incident = await repo.get_incident(uow.session, normalise_incident_id(cmd.incident_id))
        tech = await uow.session.get(Technician, cmd.technician_id)
        if tech is None:
            raise NotFound(f"technician {cmd.technician_id} not found", id=cmd.technician_id)
        previous = incident.state
        if previous != State.ASSIGNED:
            incident.state = transition(State(previous), State.ASSIGNED).value
        incident.updated_at = uow.clock()
        event(uow, incident.id, "assigned", cmd.actor,
              from_state=previous, to_state=incident.state, note=tech.id)
        name = short_name(tech.name)
        notified = await notify(
            uow, incident.id, incident.customer_code, "incident_assigned",
            lambda lang: say("incident_assigned", lang, technician=name, incident=incident.id),
        )
        await uow.flush()
        await uow.commit()
        return {**incident_view(incident), "technician": {"id": tech.id, "name": tech.name},
                "notified": notified}
