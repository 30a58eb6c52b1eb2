"""Admin look-ups for the CLI."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from backend.adapters.db import create_engine, session_factory
from backend.adapters.orm import Incident, IncidentEvent
from backend.domain.ids import normalise_incident_id
from backend.services.platform.views import event_view, incident_view


async def show_incident(database_url: str, raw_id: str) -> dict[str, Any]:
    incident_id = normalise_incident_id(raw_id)
    engine = create_engine(database_url)
    try:
        async with session_factory(engine)() as session:
            incident = await session.get(Incident, incident_id)
            if incident is None:
                raise LookupError(f"incident {incident_id} not found")
            events = await session.execute(
                select(IncidentEvent)
                .where(IncidentEvent.incident_id == incident_id)
                .order_by(IncidentEvent.id)
            )
            detail = incident_view(incident)
            detail["events"] = [event_view(e) for e in events.scalars()]
            return detail
    finally:
        await engine.dispose()
