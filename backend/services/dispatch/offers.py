"""DispatchIncident and the offers that follow: route, open the service order, offer the
job to the best technician; declined → the next candidate at once; not acknowledged in
time → the next candidate and the queue's supervisors are told.

Dispatch starts from `on_incident_created` (after ReportProblem), from the scheduler's
sweep, or from POST /api/incidents/{id}/dispatch (an agent may name the technician).
A billable incident waits (held: consent_required) until the customer accepts the price
basis; the sweep picks it up then."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm.exc import StaleDataError

from backend.adapters.counters import next_number
from backend.adapters.orm import Incident, ServiceOrder, Technician
from backend.adapters.orm.dispatch import Dispatch, RoutingDecision
from backend.domain.errors import AvisaError, Conflict, InvalidTransition, NotFound
from backend.domain.incident import FINAL_STATES, State, transition
from backend.domain.routing import Queue
from backend.services.billing.errors import ConsentRequired
from backend.services.coverage import sla
from backend.services.coverage.access import own_incident
from backend.services.coverage.records import latest
from backend.services.dispatch.outbox import alert_supervisors, send_offer
from backend.services.dispatch.replies import too_late
from backend.services.dispatch.routing import (
    BUSY,
    current_rules,
    dispatch_view,
    latest_decision,
    route,
)
from backend.services.dispatch.service_orders import create_order
from backend.services.dispatch.technicians import profile, reach
from backend.services.incidents.records import event
from backend.services.platform.uow import UnitOfWork, UnitOfWorkFactory

log = logging.getLogger(__name__)
AUTO_SERVICES = ("corrective", "inductive")  # preventive work waits for the customer's slot
DEADLOCK = "40P01"  # PostgreSQL's SQLSTATE for a transaction aborted to break a deadlock


def deadlocked(exc: DBAPIError) -> bool:
    """Two concurrent changes locked each other's rows; PostgreSQL aborted this one (a
    lost race, like a failed version check)."""
    return getattr(exc.orig, "pgcode", None) == DEADLOCK


async def on_incident_created(uows: UnitOfWorkFactory, result: dict[str, Any]) -> dict[str, Any]:
    """Hook after ReportProblem: a created incident is dispatched; a failure is logged (the
    scheduler's sweep retries) and never undoes the report."""
    if result.get("outcome") == "created" and result.get("service_type") in AUTO_SERVICES:
        try:
            await dispatch_incident(uows, str(result["id"]), "dispatch")
        except AvisaError as exc:
            log.warning("dispatch of %s deferred: %s", result.get("id"), exc.message)
    return result


async def active_dispatch(uow: UnitOfWork, incident_id: str) -> Dispatch | None:
    return (await uow.session.execute(select(Dispatch).where(
        Dispatch.incident_id == incident_id, Dispatch.state.in_(BUSY))
        .order_by(Dispatch.offered_at.desc()).limit(1))).scalar_one_or_none()


async def _order(uows: UnitOfWorkFactory, incident_id: str, actor: str) -> str | None:
    async with uows() as uow:
        found = (await uow.session.execute(select(ServiceOrder.id).where(
            ServiceOrder.incident_id == incident_id, ServiceOrder.state == "open"))).first()
    if found is not None:
        return str(found[0])
    try:
        return str((await create_order(uows, incident_id, None, actor))["id"])
    except ConsentRequired:
        async with uows() as uow:
            last = await latest_decision(uow, incident_id)
            if last is None or last.held != "consent_required":
                uow.session.add(RoutingDecision(
                    incident_id=incident_id, queue="-", facts={}, candidates=[],
                    held="consent_required", decided_at=uow.clock()))
                await uow.commit()
        return None


async def dispatch_incident(uows: UnitOfWorkFactory, raw_id: str, actor: str,
                            technician_id: str | None = None) -> dict[str, Any]:
    async with uows() as uow:
        incident = await own_incident(uow, None, raw_id)
        if State(incident.state) in FINAL_STATES | {State.RESOLVED}:
            raise InvalidTransition(f"{incident.id} is {incident.state}", state=incident.state)
        active = await active_dispatch(uow, incident.id)
        if active is not None and technician_id is None:
            return {"incident_id": incident.id, "dispatch": dispatch_view(active), "held": None}
        await sla.ensure_timers(uow, incident)
        await uow.commit()
        incident_id = incident.id
    so_id = await _order(uows, incident_id, actor)
    if so_id is None:
        return {"incident_id": incident_id, "dispatch": None, "held": "consent_required"}
    try:
        return await _offer(uows, incident_id, so_id, actor, technician_id)
    except (Conflict, StaleDataError, DBAPIError) as exc:
        if isinstance(exc, DBAPIError) and not deadlocked(exc):
            raise
        raise Conflict(f"{incident_id} was changed by someone else meanwhile (a technician "
                       "answered, or another agent); nothing was changed: reload it and try "
                       "again", id=incident_id) from exc


async def _offer(uows: UnitOfWorkFactory, incident_id: str, so_id: str, actor: str,
                 technician_id: str | None) -> dict[str, Any]:
    async with uows() as uow:
        incident = await own_incident(uow, None, incident_id)
        record = await latest(uow.session, incident.id, "reported")
        active = await active_dispatch(uow, incident.id)
        if active is not None:
            # the offer first, then the incident: the order of a technician's step, so
            # that of two concurrent changes one waits for the other's row lock and then
            # loses the version check (409 conflict) rather than deadlocking
            await withdraw(uow, active, f"reassigned by {actor}")
            await uow.flush()
        decision, queue = await route(uow, incident, record)
        if technician_id is not None:
            if await uow.session.get(Technician, technician_id) is None:
                raise NotFound(f"technician {technician_id} not found", id=technician_id)
            decision.chosen_id, decision.held = technician_id, None
        d = await offer_next(uow, incident, decision, queue, so_id, forced=technician_id)
        await uow.flush()
        result = {"incident_id": incident.id, "dispatch": dispatch_view(d) if d else None,
                  "held": decision.held}
        await uow.commit()
        return result


async def withdraw(uow: UnitOfWork, d: Dispatch, why: str) -> None:
    d.state, d.reason, d.responded_at = "withdrawn", why, uow.clock()
    await too_late(uow, d, "withdrawn")  # the technician reads it in words, not who did it


async def tried(uow: UnitOfWork, incident_id: str) -> set[str]:
    rows = await uow.session.execute(select(Dispatch.technician_id).where(
        Dispatch.incident_id == incident_id))
    return {row[0] for row in rows}


async def offer_next(uow: UnitOfWork, incident: Incident, decision: RoutingDecision,
                     queue: Queue | None, so_id: str | None,
                     forced: str | None = None) -> Dispatch | None:
    done = await tried(uow, incident.id) if forced is None else set()
    order = [forced] if forced else [c["technician_id"] for c in decision.candidates
                                     if c["eligible"] and c["technician_id"] not in done]
    for rank, tech_id in enumerate(order, start=1):
        tech = await uow.session.get(Technician, tech_id)
        prof = await profile(uow, tech_id) if tech else None
        to = reach(tech, prof) if tech and prof else None
        if tech is None or prof is None or to is None:
            continue
        number = await next_number(uow.session, "dispatch")
        minutes = queue.ack_minutes if queue else 15
        d = Dispatch(id=f"DSP-{number:05d}", incident_id=incident.id, technician_id=tech.id,
                     routing_id=decision.id, rank=rank, state="offered", channel=to.channel,
                     service_order_id=so_id, offered_at=uow.clock(),
                     ack_due_at=uow.clock() + timedelta(minutes=minutes))
        uow.session.add(d)
        if incident.state == State.NEW:
            incident.state = transition(State.NEW, State.ASSIGNED).value
        incident.updated_at = uow.clock()
        event(uow, incident.id, "offered", "dispatch", note=f"{d.id} → {tech.id}")
        await uow.flush()
        await send_offer(uow, incident, await latest(uow.session, incident.id, "reported"),
                         d, tech, prof)
        return d
    decision.held = "nobody"
    await alert_supervisors(uow, queue, "supervisor_nobody", incident=incident.id)
    return None


async def queue_of(uow: UnitOfWork, incident_id: str) -> tuple[RoutingDecision | None,
                                                                Queue | None]:
    decision = await latest_decision(uow, incident_id)
    rules = await current_rules(uow)
    name = decision.queue if decision else rules.default_queue
    return decision, rules.queues.get(name) or rules.queues[rules.default_queue]


async def next_after(uow: UnitOfWork, d: Dispatch, alert: str | None) -> Dispatch | None:
    """Offer `d`'s job to the next candidate; tell the supervisors with `alert`."""
    incident = await own_incident(uow, None, d.incident_id)
    decision, queue = await queue_of(uow, d.incident_id)
    following = None
    if decision is not None:
        following = await offer_next(uow, incident, decision, queue, d.service_order_id)
    if alert is not None and following is not None:
        await alert_supervisors(uow, queue, alert, technician=d.technician_id,
                                incident=d.incident_id, next=following.technician_id,
                                reason=d.reason or "-")
    return following


async def expire_offers(uows: UnitOfWorkFactory, now: datetime) -> int:
    """Offers past their acknowledgement time go to the next candidate (one per unit of
    work: a conflict on one offer does not stop the others)."""
    async with uows() as uow:
        due = list((await uow.session.execute(select(Dispatch.id).where(
            Dispatch.state == "offered", Dispatch.ack_due_at <= now))).scalars())
    moved = 0
    for dispatch_id in due:
        try:
            async with uows() as uow:
                d = await uow.session.get(Dispatch, dispatch_id)
                if d is None or d.state != "offered":
                    continue
                d.state, d.responded_at = "expired", now
                d.reason = "not acknowledged in time / sin confirmar a tiempo"
                event(uow, d.incident_id, "offer_expired", "scheduler", note=d.id)
                await too_late(uow, d, "expired")  # told at once, not when they next write
                await next_after(uow, d, "supervisor_unacked")
                await uow.commit()
                moved += 1
        except AvisaError as exc:
            log.warning("expiring %s: %s", dispatch_id, exc.message)
    return moved


async def sweep_new(uows: UnitOfWorkFactory, now: datetime) -> int:
    """Corrective and inductive incidents still new (missed hook, consent given since)."""
    async with uows() as uow:
        ids = list((await uow.session.execute(select(Incident.id).where(
            Incident.state == State.NEW.value, Incident.service_type.in_(AUTO_SERVICES),
            Incident.created_at >= now - timedelta(days=7)))).scalars())
    started = 0
    for incident_id in ids:
        async with uows() as uow:
            last = await latest_decision(uow, incident_id)
            held = last.held if last is not None else None
        if held == "nobody":
            continue  # supervisors were told; an agent assigns by hand
        try:
            result = await dispatch_incident(uows, incident_id, "scheduler")
            started += result["dispatch"] is not None
        except AvisaError as exc:
            log.warning("sweep of %s: %s", incident_id, exc.message)
    return started
