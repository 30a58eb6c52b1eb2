"""Conversation scoping for the coverage routes: only a verified customer, only their own
incidents and equipment (kept here so coverage does not depend on the incident services)."""

from __future__ import annotations

from backend.adapters import repositories as repo
from backend.adapters.orm import Conversation, Incident, IncidentEvent
from backend.domain.errors import NotFound, NotVerified
from backend.domain.ids import normalise_incident_id
from backend.services.platform.uow import UnitOfWork


async def verified(uow: UnitOfWork, cid: str) -> tuple[Conversation, str]:
    conversation = await repo.get_conversation(uow.session, cid)
    if not conversation.verified or conversation.customer_code is None:
        raise NotVerified("the customer of this conversation is not verified yet")
    return conversation, conversation.customer_code


async def own_incident(uow: UnitOfWork, customer: str | None, raw_id: str) -> Incident:
    """The incident; with `customer`, only when it is theirs (else 404, as if unknown)."""
    incident_id = normalise_incident_id(raw_id)
    incident = await uow.session.get(Incident, incident_id)
    if incident is None or (customer is not None and incident.customer_code != customer):
        raise NotFound(f"incident {incident_id} not found", id=incident_id)
    return incident


def event(uow: UnitOfWork, incident_id: str, kind: str, actor: str, *, from_state: str | None = None,
          to_state: str | None = None, note: str | None = None) -> None:
    uow.session.add(IncidentEvent(incident_id=incident_id, kind=kind, from_state=from_state,
                                  to_state=to_state, actor=actor, note=note, at=uow.clock()))
