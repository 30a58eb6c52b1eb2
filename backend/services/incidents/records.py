"""The one way an incident is opened and the one way an event is recorded on it.

Every path that creates an incident — a customer's report (ReportProblem), a machine's alarm,
a maintenance plan's visit, an agent's split — builds a `NewIncident` and calls
`open_incident`; every state change or note in an incident's history is `event`. Both take
an open unit of work (the caller owns the transaction).
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
    ``alert:<source>``, ``plan:<id>``, ``split``), ``note`` goes on its "created" event."""

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


def event(uow: UnitOfWork, incident_id: str, kind: str, actor: str, *,
          from_state: str | None = None, to_state: str | None = None,
          note: str | None = None, at: datetime | None = None) -> None:
    """One line of an incident's history (audit trail), at ``at`` or now."""
    uow.session.add(IncidentEvent(incident_id=incident_id, kind=kind, from_state=from_state,
                                  to_state=to_state, actor=actor, note=note,
                                  at=at or uow.clock()))


async def open_incident(uow: UnitOfWork, new: NewIncident) -> Incident:
    """A NEW incident with the next readable id (INC-00001) and its "created" event."""
    incident_id, _ = await uow.next_id("incident")
    at = new.at or uow.clock()
    eq = new.equipment
    incident = Incident(
        id=incident_id, customer_code=new.customer_code, equipment_id=eq.id if eq else None,
        site_id=eq.site_id if eq else None, symptom=new.symptom, priority=new.priority,
        service_type=new.service_type, state=State.NEW.value, channel=new.channel,
        conversation_id=new.conversation_id, created_at=at, updated_at=at,
    )
    uow.session.add(incident)
    await uow.session.flush()
    event(uow, incident_id, "created", new.actor, to_state=State.NEW.value, note=new.note)
    incident.equipment = eq
    return incident
