"""What the duplicate check reads from the database, as the domain's plain views.

Blocking happens in SQL first (one customer, states, a time window wide enough for
`find_candidates`), then exactly in the domain (`decide` → `find_candidates`): an
incident's `updated_at` is never earlier than its last report or its resolution,
so the SQL window only ever keeps too many, never too few.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta

from sqlalchemy import and_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from backend.adapters.orm import Equipment, Incident, IncidentEvent, IncidentReport
from backend.domain.dedupe import DedupeConfig, IncidentStatus, IncidentView, Machine
from backend.domain.dedupe.families import FAMILIES, family_of
from backend.domain.incident import State

OPEN_STATES = (State.NEW, State.ASSIGNED, State.ACKNOWLEDGED, State.IN_PROGRESS)
# Only faults are checked for duplicates: a maintenance request repeats nothing.
CHECKED_SERVICE_TYPES = ("corrective",)
DONE_STATES = (State.RESOLVED, State.CLOSED)


def machine_label(eq: Equipment) -> str:
    """Description and model; the family word too when they do not already name it."""
    text = " ".join(part for part in (eq.description, eq.model) if part)
    if eq.family in FAMILIES and family_of(text) != eq.family:
        text = f"{text} {eq.family.replace('_', ' ')}".strip()
    return text


def machine(eq: Equipment) -> Machine:
    site = eq.site.name if eq.site is not None else None
    return Machine(id=eq.id, label=machine_label(eq), serial=eq.serial or None, site=site)


async def fleet(session: AsyncSession, customer: str) -> list[Machine]:
    result = await session.execute(
        select(Equipment).where(Equipment.customer_code == customer).order_by(Equipment.id)
    )
    return [machine(eq) for eq in result.scalars()]


def fold_equipment(reports: Iterable[IncidentReport], known: str | None) -> frozenset[str]:
    """The machines an incident may be about: narrowed by each report that names some
    (as the in-memory sink does), or the machine set on the incident."""
    current: frozenset[str] = frozenset()
    for report in reports:
        mine = frozenset(report.equipment_ids or ())
        narrowed = current & mine if current and mine else frozenset()
        current = narrowed or current or mine
    return current or (frozenset({known}) if known else frozenset())


def view(incident: Incident, reports: Sequence[IncidentReport],
         resolved_at: datetime | None) -> IncidentView:
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
    )


async def reports_of(session: AsyncSession, ids: Sequence[str]) -> dict[str, list[IncidentReport]]:
    out: dict[str, list[IncidentReport]] = {i: [] for i in ids}
    if ids:
        result = await session.execute(
            select(IncidentReport)
            .where(IncidentReport.incident_id.in_(ids))
            .order_by(IncidentReport.at, IncidentReport.id)
        )
        for report in result.scalars():
            out[report.incident_id].append(report)
    return out


async def _resolution_times(session: AsyncSession, ids: Sequence[str]) -> dict[str, datetime]:
    if not ids:
        return {}
    result = await session.execute(
        select(IncidentEvent.incident_id, IncidentEvent.at)
        .where(IncidentEvent.incident_id.in_(ids),
               IncidentEvent.to_state.in_([s.value for s in DONE_STATES]))
        .order_by(IncidentEvent.at)
    )
    first: dict[str, datetime] = {}
    for incident_id, at in result.all():
        first.setdefault(incident_id, at)
    return first


async def candidate_views(session: AsyncSession, customer: str, at: datetime,
                          config: DedupeConfig) -> list[IncidentView]:
    """The customer's open incidents heard of within the open window and those resolved
    within the recurrence window (a superset the domain narrows exactly)."""
    open_since = at - timedelta(hours=config.open_window_hours)
    done_since = at - timedelta(hours=config.recurrence_window_hours)
    result = await session.execute(
        select(Incident).where(
            Incident.customer_code == customer,
            Incident.service_type.in_(CHECKED_SERVICE_TYPES),
            or_(
                and_(Incident.state.in_([s.value for s in OPEN_STATES]),
                     Incident.updated_at >= open_since),
                and_(Incident.state.in_([s.value for s in DONE_STATES]),
                     Incident.updated_at >= done_since),
            ),
        )
    )
    incidents = list(result.unique().scalars())
    ids = [i.id for i in incidents]
    reports = await reports_of(session, ids)
    resolved = await _resolution_times(
        session, [i.id for i in incidents if i.state in DONE_STATES]
    )
    return [view(i, reports[i.id], resolved.get(i.id)) for i in incidents]
