"""Scoping: only a customer's own incidents (`own_incident`). The verified check is
`backend.services.conversations.lookup.verified`; incident events are
`backend.services.incidents.records.event`."""

from __future__ import annotations

from backend.adapters.orm import Incident
from backend.domain.errors import NotFound
from backend.domain.ids import normalise_incident_id
from backend.services.platform.uow import UnitOfWork


async def own_incident(uow: UnitOfWork, customer: str | None, raw_id: str) -> Incident:
    """The incident; with `customer`, only when it is theirs (else 404, as if unknown)."""
    incident_id = normalise_incident_id(raw_id)
    incident = await uow.session.get(Incident, incident_id)
    if incident is None or (customer is not None and incident.customer_code != customer):
        raise NotFound(f"incident {incident_id} not found", id=incident_id)
    return incident


