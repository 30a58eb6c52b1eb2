"""What the duplicate check reads from the database, as the domain's plain views.

Blocking happens in SQL first (one customer, states, a time window wide enough for
`find_candidates`), then exactly in the domain (`decide` → `find_candidates`): an
incident's `updated_at` is never earlier than its last report or its resolution,
so the SQL window only ever keeps too many, never too few.

The reads select the columns the views need, not ORM objects (an incident would join its
machine and the machine's site): per candidate row that is most of the cost.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any, NamedTuple

from sqlalchemy import Row, and_, case, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from backend.adapters.orm import Equipment, Incident, IncidentEvent, IncidentReport, Site
from backend.domain.dedupe import DedupeConfig, IncidentStatus, IncidentView, Machine
from backend.domain.dedupe.families import FAMILIES, family_of
from backend.domain.incident import State
from backend.services.dedupe import analyses

OPEN_STATES = (State.NEW, State.ASSIGNED, State.ACKNOWLEDGED, State.IN_PROGRESS)
# Only faults are checked for duplicates: a maintenance request repeats nothing.
CHECKED_SERVICE_TYPES = ("corrective",)
DONE_STATES = (State.RESOLVED, State.CLOSED)


def machine_label(description: str | None, model: str | None, family: str) -> str:
    """Description and model; the family word too when they do not already name it."""
    text = " ".join(part for part in (description, model) if part)
    if family in FAMILIES and family_of(text) != family:
        text = f"{text} {family.replace('_', ' ')}".strip()
    return text


async def fleet(session: AsyncSession, customer: str) -> list[Machine]:
    result = await session.execute(
        select(Equipment.id, Equipment.description, Equipment.model, Equipment.family,
               Equipment.serial, Site.name)
        .outerjoin(Site, Equipment.site_id == Site.id)
        .where(Equipment.customer_code == customer)
        .order_by(Equipment.id)
    )
    return [Machine(id=eid, label=machine_label(description, model, family),
                    serial=serial or None, site=site)
            for eid, description, model, family, serial, site in result.all()]


def fold_equipment(reports: Iterable[StoredReport], known: str | None) -> frozenset[str]:
    """The machines an incident may be about: narrowed by each report that names some
    (as the in-memory sink does), or the machine set on the incident."""
    current: frozenset[str] = frozenset()
    for report in reports:
        mine = frozenset(report.equipment_ids or ())
        narrowed = current & mine if current and mine else frozenset()
        current = narrowed or current or mine
    return current or (frozenset({known}) if known else frozenset())


def view(incident: Row[Any], reports: Sequence[StoredReport],
         resolved_at: datetime | None) -> IncidentView:
    """`incident`: the columns of `_INCIDENT`; `reports`: those of `_REPORT`."""
    done = incident.state in DONE_STATES
    first = reports[0].at if reports else incident.created_at
    last = max((r.at for r in reports), default=incident.created_at)
    return IncidentView(
        id=incident.id,
        customer=incident.customer_code,
        status=IncidentStatus.RESOLVED if done else IncidentStatus.OPEN,
        texts=tuple(r.text for r in reports) or (incident.symptom,),
        equipment_ids=fold_equipment(reports, incident.equipment_id),
        opened_at=first,
        last_report_at=last,
        channel=incident.channel,
        resolved_at=(resolved_at or incident.updated_at) if done else None,
        senders=frozenset(r.address.strip().lower() for r in reports if r.address),
        analyses=tuple(analyses.parsed(r.analysis) for r in reports),
    )


_INCIDENT = (Incident.id, Incident.customer_code, Incident.state, Incident.symptom,
             Incident.equipment_id, Incident.channel, Incident.created_at, Incident.updated_at)
_REPORT = (IncidentReport.text, IncidentReport.at, IncidentReport.address,
           IncidentReport.equipment_ids, IncidentReport.analysis)


class StoredReport(NamedTuple):
    """The columns of `_REPORT` of one of an incident's reports."""

    text: str
    at: datetime
    address: str
    equipment_ids: list[str] | None
    analysis: Any


# when a resolved incident was first resolved (its events by incident), read in the same
# query as the incidents
_RESOLVED_AT = (
    select(func.min(IncidentEvent.at))
    .where(IncidentEvent.incident_id == Incident.id,
           IncidentEvent.to_state.in_([s.value for s in DONE_STATES]))
    .correlate(Incident)
    .scalar_subquery()
)


async def candidate_views(session: AsyncSession, customer: str, at: datetime,
                          config: DedupeConfig) -> list[IncidentView]:
    """The customer's open incidents heard of within the open window and those resolved
    within the recurrence window (a superset the domain narrows exactly), read with their
    reports in one query (a row per report, or one for an incident without reports)."""
    open_since = at - timedelta(hours=config.open_window_hours)
    done_since = at - timedelta(hours=config.recurrence_window_hours)
    result = await session.execute(
        select(*_INCIDENT, case((Incident.state.in_([s.value for s in DONE_STATES]),
                                 _RESOLVED_AT)).label("resolved_at"),
               *(c.label(f"report_{c.key}") for c in _REPORT))
        .outerjoin(IncidentReport, IncidentReport.incident_id == Incident.id)
        .where(
            Incident.customer_code == customer,
            Incident.service_type.in_(CHECKED_SERVICE_TYPES),
            or_(
                and_(Incident.state.in_([s.value for s in OPEN_STATES]),
                     Incident.updated_at >= open_since),
                and_(Incident.state.in_([s.value for s in DONE_STATES]),
                     Incident.updated_at >= done_since),
            ),
        )
        .order_by(Incident.id, IncidentReport.at, IncidentReport.id)
    )
    incidents: dict[str, tuple[Row[Any], list[StoredReport]]] = {}
    for row in result.all():
        _, reports = incidents.setdefault(row.id, (row, []))
        if row.report_at is not None:
            reports.append(StoredReport(row.report_text, row.report_at, row.report_address,
                                        row.report_equipment_ids, row.report_analysis))
    return [view(i, reports, i.resolved_at) for i, reports in incidents.values()]
