"""ChooseSlot: the customer's answer to a maintenance plan's "choose a slot" message (the
button payload `/choose_slot{"incident_id": …, "time_slot": "YYYY-MM-DD HH:MM-HH:MM"}`,
through the bot). Only the verified customer's own visit, only a slot that was offered for
its due date and has not started, only while the visit is open; the first choice wins
(a concurrent one loses the incident's version check and is told the slot booked). A
booked visit is then dispatched (preventive work waits for the slot).

Errors: NotVerified (403), NotFound (404: not the customer's), SlotGone (409
invalid_transition: not offered, past, or the visit is closed)."""

from __future__ import annotations

import logging
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm.attributes import flag_modified

from backend.adapters.orm import Incident, IncidentEvent
from backend.adapters.orm.dispatch import MaintenanceRun
from backend.domain.errors import AvisaError, Conflict, InvalidTransition
from backend.domain.incident import FINAL_STATES, State
from backend.domain.routing.errors import RoutingError
from backend.domain.routing.plans import Plan
from backend.services.conversations.lookup import verified
from backend.services.coverage.access import own_incident
from backend.services.dedupe.texts import DISPLAY_TIMEZONE
from backend.services.dispatch.maintenance import PLANS_FILE, load_plans
from backend.services.incidents.records import event
from backend.services.platform.uow import UnitOfWork, UnitOfWorkFactory

log = logging.getLogger(__name__)
BOOKED = "slot_booked"
CLOSED = FINAL_STATES | {State.RESOLVED}


class SlotGone(InvalidTransition):
    """The slot cannot be booked: not offered for this visit, already begun, or the visit
    is no longer open."""


def slot_text(day: date, window: str) -> str:
    """How a slot travels in payloads: "2026-06-10 09:00-11:00"."""
    return f"{day.isoformat()} {window}"


def _parse(slot: str) -> tuple[date, str, datetime]:
    try:
        day_text, window = slot.strip().split(" ", 1)
        day = date.fromisoformat(day_text)
        start = datetime.combine(day, time.fromisoformat(window.split("-")[0].strip()),
                                 DISPLAY_TIMEZONE)
    except ValueError as exc:
        raise SlotGone(f"{slot!r} is not a slot", slot=slot) from exc
    return day, window.strip(), start


def _offered(plan_id: str, plans_text: str | None) -> tuple[str, ...]:
    try:
        text = plans_text if plans_text is not None else PLANS_FILE.read_text(encoding="utf-8")
        plans = {plan.id: plan for plan, _ in load_plans(text)}
    except (OSError, RoutingError) as exc:
        log.error("maintenance plans: %s", exc)
        plans = {}
    return plans[plan_id].slots if plan_id in plans else Plan.slots


async def booked_slot(uow: UnitOfWork, incident_id: str) -> str | None:
    return (await uow.session.execute(select(IncidentEvent.note).where(
        IncidentEvent.incident_id == incident_id, IncidentEvent.kind == BOOKED)
        .order_by(IncidentEvent.id.desc()).limit(1))).scalar_one_or_none()


def _view(incident: Incident, slot: str, outcome: str) -> dict[str, Any]:
    day, window, _ = _parse(slot)
    eq = incident.equipment
    return {"outcome": outcome, "incident_id": incident.id, "slot": slot,
            "day": day.strftime("%d/%m/%Y"), "window": window,
            "equipment": {"id": eq.id, "serial": eq.serial, "model": eq.model,
                          "family": eq.family} if eq else None}


async def _book(uows: UnitOfWorkFactory, cid: str, raw_id: str, slot: str,
                plans_text: str | None) -> dict[str, Any]:
    async with uows() as uow:
        _, customer = await verified(uow, cid)
        incident = await own_incident(uow, customer, raw_id)
        already = await booked_slot(uow, incident.id)
        if already is not None:
            return _view(incident, already, "already_booked")
        run = (await uow.session.execute(select(MaintenanceRun).where(
            MaintenanceRun.incident_id == incident.id))).scalar_one_or_none()
        if run is None or State(incident.state) in CLOSED:
            raise SlotGone(f"{incident.id} is not a maintenance visit open for booking",
                           id=incident.id)
        day, window, start = _parse(slot)
        if day != run.due_on or window not in _offered(run.plan_id, plans_text):
            raise SlotGone(f"{slot} is not a slot offered for {incident.id}", id=incident.id)
        if start <= uow.clock():
            raise SlotGone(f"the slot {slot} has already begun", id=incident.id)
        incident.updated_at = uow.clock()
        flag_modified(incident, "updated_at")  # a new version, even at the same instant:
        # of two choices at once, the version check lets the first win
        event(uow, incident.id, BOOKED, f"conversation:{cid}", note=slot_text(day, window))
        result = _view(incident, slot_text(day, window), "booked")
        await uow.commit()
        return result


async def choose_slot(uows: UnitOfWorkFactory, cid: str, raw_id: str, slot: str,
                      plans_text: str | None = None) -> dict[str, Any]:
    from backend.services.dispatch.offers import dispatch_incident

    try:
        result = await _book(uows, cid, raw_id, slot, plans_text)
    except Conflict:  # someone booked this visit meanwhile: tell which slot it got
        result = await _book(uows, cid, raw_id, slot, plans_text)
    if result["outcome"] == "booked":
        try:
            await dispatch_incident(uows, result["incident_id"], f"conversation:{cid}")
        except AvisaError as exc:  # the sweep or an agent takes it from here
            log.warning("dispatch of %s after booking deferred: %s", result["incident_id"],
                        exc.message)
    return result
