"""Agents' view of an incident's reports, subscribers, merge/split audit and history."""

from __future__ import annotations

from typing import Any

from sqlalchemy import or_, select

from backend.adapters import repositories as repo
from backend.adapters.orm import IncidentEvent, IncidentMerge, IncidentReport
from backend.domain.ids import normalise_incident_id
from backend.services.incidents.subscriptions import subscribers
from backend.services.platform.uow import UnitOfWorkFactory
from backend.services.platform.views import event_view


def report_view(r: IncidentReport) -> dict[str, Any]:
    return {"id": r.id, "incident_id": r.incident_id, "channel": r.channel, "address": r.address,
            "conversation_id": r.conversation_id, "text": r.text, "at": r.at.isoformat(),
            "decision": r.decision, "score": r.score, "equipment_ids": r.equipment_ids}


def merge_view(m: IncidentMerge) -> dict[str, Any]:
    return {"audit_id": m.id, "kind": m.kind, "source": m.source_id, "target": m.target_id,
            "reports": m.report_ids, "actor": m.actor, "note": m.note, "at": m.at.isoformat(),
            "undone_at": m.undone_at.isoformat() if m.undone_at else None,
            "undone_by": m.undone_by}


async def incident_reports(uows: UnitOfWorkFactory, raw_id: str) -> dict[str, Any]:
    async with uows() as uow:
        incident = await repo.get_incident(uow.session, normalise_incident_id(raw_id))
        found = await uow.session.execute(
            select(IncidentReport).where(IncidentReport.incident_id == incident.id)
            .order_by(IncidentReport.at, IncidentReport.id)
        )
        audits = await uow.session.execute(
            select(IncidentMerge)
            .where(or_(IncidentMerge.source_id == incident.id,
                       IncidentMerge.target_id == incident.id))
            .order_by(IncidentMerge.id)
        )
        events = await uow.session.scalars(
            select(IncidentEvent).where(IncidentEvent.incident_id == incident.id)
            .order_by(IncidentEvent.id))
        subs = await subscribers(uow, incident.id)
        return {
            "incident_id": incident.id,
            "reports": [report_view(r) for r in found.scalars()],
            "subscriptions": [{"channel": s.channel, "address": s.address,
                               "conversation_id": s.conversation_id} for s in subs],
            "merges": [merge_view(m) for m in audits.scalars()],
            "events": [event_view(e) for e in events],
        }
