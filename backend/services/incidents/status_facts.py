"""What is true about an incident, for the customer's status question (issue 13 §6): its
state, the technician and whether they accepted, the booked visit window, the parts ordered
and the next step. Only recorded facts: an offer nobody accepted is said to be one, and an
incident waiting for the customer's consent to a billable visit says it waits on them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select

from backend.adapters.orm import CoverageRecord, Incident, IncidentPart, IncidentVisit, Technician
from backend.adapters.orm.dispatch import Dispatch
from backend.domain.coverage.vocabulary import Outcome
from backend.domain.incident import State
from backend.services.dedupe.texts import DISPLAY_TIMEZONE, short_name
from backend.services.dispatch.maintenance_slots import booked_slot
from backend.services.platform.uow import UnitOfWork

ACTIVE = ("offered", "accepted", "on_the_way", "arrived")
ACCEPTED = ("accepted", "on_the_way", "arrived", "finished", "follow_up")
PENDING_PARTS = ("ordered",)


async def status_facts(uow: UnitOfWork, incident: Incident) -> dict[str, Any]:
    technician = await _technician(uow, incident.id)
    visit = await _visit(uow, incident.id)
    parts = list((await uow.session.execute(select(IncidentPart).where(
        IncidentPart.incident_id == incident.id, IncidentPart.state != "cancelled")
        .order_by(IncidentPart.id))).scalars())
    return {
        "state": incident.state,
        "technician": technician,
        "visit": visit,
        "parts": [{"part_number": p.part_number, "description": p.description,
                   "quantity": f"{p.quantity.normalize():f}", "state": p.state,
                   "expected_on": p.expected_on.isoformat() if p.expected_on else None}
                  for p in parts],
        "next_step": next_step(incident.state, technician, visit,
                               any(p.state in PENDING_PARTS for p in parts),
                               await _waits_for_consent(uow, incident.id)),
    }


def next_step(state: str, technician: dict[str, Any] | None, visit: dict[str, Any] | None,
              parts_pending: bool, consent_pending: bool = False) -> str | None:
    """consent | assign | acceptance | parts | visit | book_visit | work | confirm, or None
    (over). ``consent``: nobody is sent before the customer accepts the paid terms."""
    if state in (State.CLOSED, State.CANCELLED):
        return None
    if consent_pending and technician is None and state == State.NEW:
        return "consent"
    if state == State.RESOLVED:
        return "confirm"
    if state == State.IN_PROGRESS:
        return "work"
    if technician is None:
        return "assign"
    if not technician["accepted"]:
        return "acceptance"
    if visit is not None:
        return "visit"
    return "parts" if parts_pending else "book_visit"


async def _waits_for_consent(uow: UnitOfWork, incident_id: str) -> bool:
    """The latest decision at report time is billable and the customer has not answered."""
    record = await uow.session.scalar(select(CoverageRecord).where(
        CoverageRecord.incident_id == incident_id, CoverageRecord.stage == "reported")
        .order_by(CoverageRecord.id.desc()).limit(1))
    return (record is not None and record.outcome != Outcome.COVERED.value
            and record.consent is None)


async def _technician(uow: UnitOfWork, incident_id: str) -> dict[str, Any] | None:
    offers = list((await uow.session.execute(select(Dispatch).where(
        Dispatch.incident_id == incident_id).order_by(Dispatch.offered_at.desc(),
                                                      Dispatch.id.desc()))).scalars())
    current = next((d for d in offers if d.state in ACTIVE), None) or next(
        (d for d in offers if d.state in ACCEPTED), None)
    if current is None:
        return None
    tech = await uow.session.get(Technician, current.technician_id)
    return {"name": short_name(tech.name) if tech else current.technician_id,
            "accepted": current.state in ACCEPTED}


async def _visit(uow: UnitOfWork, incident_id: str) -> dict[str, Any] | None:
    """The next booked visit (else the latest one); else a maintenance slot booked."""
    visits = list((await uow.session.execute(select(IncidentVisit).where(
        IncidentVisit.incident_id == incident_id, IncidentVisit.state == "booked")
        .order_by(IncidentVisit.starts_at))).scalars())
    now = uow.clock()
    chosen = next((v for v in visits if v.ends_at >= now), visits[-1] if visits else None)
    if chosen is not None:
        return window(chosen.starts_at, chosen.ends_at)
    slot = await booked_slot(uow, incident_id)
    if slot is None:
        return None
    day, _, hours = slot.partition(" ")
    start, _, end = hours.partition("-")
    return {"date": day, "from": start, "to": end}


def window(start: datetime, end: datetime) -> dict[str, str]:
    """A window in the service desk's local time: date (YYYY-MM-DD), from and to (HH:MM)."""
    a, b = start.astimezone(DISPLAY_TIMEZONE), end.astimezone(DISPLAY_TIMEZONE)
    return {"date": a.date().isoformat(), "from": a.strftime("%H:%M"), "to": b.strftime("%H:%M")}
