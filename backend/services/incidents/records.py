"""The one way an incident is opened and the one way an event is recorded on it.

Every path that creates an incident — a customer's report (ReportProblem), a machine's alarm,
a maintenance plan's visit, an agent's split, a row of another system's import — builds a
`NewIncident` and calls `open_incident`; every state change or note in an incident's history
is `event`. Both take an open unit of work (the caller owns the transaction).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from backend.adapters.orm import Equipment, Incident, IncidentEvent
from backend.domain.incident import State
from backend.services.platform.uow import UnitOfWork


@dataclass(frozen=True)
class NewIncident:
    """What an incident is opened with; ``actor`` says who opened it (``conversation:…``,
    ``alert:<source>``, ``plan:<id>``, ``split``, ``import``), ``note`` goes on its first
    event. An imported incident comes in its own state, under its number in the other system
    (``reference``), at a site that may not be its machine's, and opens as "imported"."""

    customer_code: str | None
    symptom: str
    priority: str
    service_type: str
    channel: str
    actor: str
    equipment: Equipment | None = None
    conversation_id: str | None = None
    at: datetime | None = None
    note: str | None = None
    state: str = State.NEW.value
    reference: str | None = None
    site_id: str | None = None  # else the machine's
    opened_as: str = "created"  # the first event's kind


def event(uow: UnitOfWork, incident_id: str, kind: str, actor: str, *,
          from_state: str | None = None, to_state: str | None = None,
          note: str | None = None, at: datetime | None = None) -> None:
    """One line of an incident's history (audit trail), at ``at`` or now."""
    uow.session.add(IncidentEvent(incident_id=incident_id, kind=kind, from_state=from_state,
                                  to_state=to_state, actor=actor, note=note,
                                  at=at or uow.clock()))


async def open_incident(uow: UnitOfWork, new: NewIncident) -> Incident:
    """An incident (NEW unless imported) with the next readable id (INC-00001) and its first
    event."""
    incident_id, _ = await uow.next_id("incident")
    at = new.at or uow.clock()
    eq = new.equipment
    incident = Incident(
        id=incident_id, customer_code=new.customer_code, equipment_id=eq.id if eq else None,
        site_id=new.site_id or (eq.site_id if eq else None), symptom=new.symptom,
        priority=new.priority, service_type=new.service_type, state=new.state,
        channel=new.channel, conversation_id=new.conversation_id, reference=new.reference,
        created_at=at, updated_at=at,
    )
    uow.session.add(incident)
    await uow.session.flush()
    event(uow, incident_id, new.opened_as, new.actor, to_state=new.state, note=new.note)
    incident.equipment = eq
    return incident
