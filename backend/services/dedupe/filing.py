"""Filing a report: opening an incident with it, or attaching it to an open one."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from backend.adapters.orm import Conversation, Equipment, Incident, IncidentReport
from backend.domain.incident import raised_priority
from backend.services.dedupe import analyses
from backend.services.dedupe import texts as t
from backend.services.incidents import records
from backend.services.incidents.records import NewIncident, event
from backend.services.incidents.subscriptions import subscribe_conversation
from backend.services.platform.uow import UnitOfWork
from backend.services.platform.views import incident_view


@dataclass(frozen=True)
class Filing:
    """What ReportProblem files: the report and the incident fields it would open."""

    conversation: Conversation
    symptom: str
    priority: str
    service_type: str
    equipment: Equipment | None
    equipment_ids: Iterable[str]
    at: datetime


def _report(filing: Filing, incident_id: str, decision: str, score: float | None
            ) -> IncidentReport:
    c = filing.conversation
    return IncidentReport(
        incident_id=incident_id, conversation_id=c.id, channel=c.channel, address=c.address,
        text=filing.symptom, at=filing.at, equipment_ids=sorted(filing.equipment_ids),
        decision=decision, score=score, analysis=analyses.stored(filing.symptom),
    )


async def open_incident(uow: UnitOfWork, filing: Filing, decision: str = "new",
                        score: float | None = None) -> tuple[Incident, IncidentReport]:
    """A new incident opened by the report; its sender follows it."""
    c = filing.conversation
    incident = await records.open_incident(uow, NewIncident(
        customer_code=c.customer_code, symptom=filing.symptom, priority=filing.priority,
        service_type=filing.service_type, channel=c.channel, actor=f"conversation:{c.id}",
        equipment=filing.equipment, conversation_id=c.id, at=filing.at))
    report = _report(filing, incident.id, decision, score)
    uow.session.add(report)
    await subscribe_conversation(uow, incident.id, c)
    await uow.flush()
    return incident, report


async def attach(uow: UnitOfWork, incident: Incident, filing: Filing, decision: str,
                 score: float | None) -> IncidentReport:
    """The report joins the incident; its sender follows the incident from now on."""
    report = _report(filing, incident.id, decision, score)
    uow.session.add(report)
    if incident.equipment_id is None and filing.equipment is not None:
        incident.equipment_id = filing.equipment.id
        incident.site_id = filing.equipment.site_id
        incident.equipment = filing.equipment
    incident.updated_at = max(incident.updated_at, filing.at)
    c = filing.conversation
    event(uow, incident.id, "report_merged", f"conversation:{c.id}",
          note=f"{c.channel} {decision} score={score}")
    higher = raised_priority(incident.priority, filing.priority)
    if higher is not None:  # the new report says it is worse now ("it has stopped")
        event(uow, incident.id, "priority_raised", f"conversation:{c.id}",
              note=f"priority {incident.priority}→{higher} ({c.channel} report)")
        incident.priority = higher
    await subscribe_conversation(uow, incident.id, c)
    await uow.flush()
    return report


async def first_report(uow: UnitOfWork, incident_id: str) -> IncidentReport | None:
    result = await uow.session.execute(
        select(IncidentReport).where(IncidentReport.incident_id == incident_id)
        .order_by(IncidentReport.at, IncidentReport.id).limit(1)
    )
    return result.scalar_one_or_none()


def report_brief(report: IncidentReport | None, now: datetime) -> dict[str, Any] | None:
    if report is None:
        return None
    return {"channel": report.channel, "channel_name": t.channel_names(report.channel),
            "at": report.at.isoformat(), "local_time": t.local_time(report.at, now)}


async def described(uow: UnitOfWork, incident: Incident) -> dict[str, Any]:
    """The incident JSON with its first report and a short summary, for the bot to say
    "INC-00457 — compressor not starting, reported by e-mail at 09:14"."""
    first = await first_report(uow, incident.id)
    return {**incident_view(incident),
            "summary": t.summary(first.text if first else incident.symptom),
            "first_report": report_brief(first, uow.clock())}
