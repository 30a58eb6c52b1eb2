"""A technician's steps on a job: accept, decline, on my way, arrived — each checked
against the dispatch's and the incident's versions (a concurrent change wins or loses
as a whole; the loser is told). Finishing is the dialogue in `dispatch_finish`."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from backend.adapters.orm import ServiceOrder, Technician
from backend.adapters.orm.dispatch import Dispatch, TechnicianProfile
from backend.domain import sla as s
from backend.domain.incident import State, transition
from backend.services.coverage import sla
from backend.services.coverage.access import own_incident
from backend.services.dispatch.offers import next_after
from backend.services.dispatch.replies import customer, to_technician
from backend.services.incidents.records import event
from backend.services.platform.uow import UnitOfWork

Step = Callable[[UnitOfWork, Dispatch, Technician, TechnicianProfile, str], Awaitable[None]]

# dispatch state needed → (new dispatch state, incident state to reach or None)
MOVES: dict[str, tuple[str, str, State | None]] = {
    "acc": ("offered", "accepted", State.ACKNOWLEDGED),
    "way": ("accepted", "on_the_way", State.IN_PROGRESS),
    "arr": ("on_the_way", "arrived", None),
}


async def _move(uow: UnitOfWork, d: Dispatch, action: str) -> bool:
    need, new, target = MOVES[action]
    if d.state != need:
        await to_technician(uow, d, "too_late", why=d.state)
        return False
    incident = await own_incident(uow, None, d.incident_id)
    # a job reassigned while under way keeps its incident in progress
    reassigned = target is State.ACKNOWLEDGED and incident.state == State.IN_PROGRESS
    if target is not None and incident.state != target and not reassigned:
        incident.state = transition(State(incident.state), target).value
    incident.updated_at = uow.clock()
    d.state = new
    event(uow, incident.id, f"technician_{new}", f"technician:{d.technician_id}", note=d.id)
    return True


async def accept(uow: UnitOfWork, d: Dispatch, tech: Technician, prof: TechnicianProfile,
                 arg: str) -> None:
    if not await _move(uow, d, "acc"):
        return
    d.responded_at = uow.clock()
    if d.service_order_id:
        so = await uow.session.get(ServiceOrder, d.service_order_id)
        if so is not None:
            so.technician_id = tech.id
    await sla.met(uow, d.incident_id, s.Kind.RESPONSE)
    await to_technician(uow, d, "accepted", step="accepted", order=d.service_order_id or "-")
    incident = await own_incident(uow, None, d.incident_id)
    await customer(uow, incident, "incident_assigned", tech)


async def decline(uow: UnitOfWork, d: Dispatch, tech: Technician, prof: TechnicianProfile,
                  arg: str) -> None:
    if d.state != "offered":
        await to_technician(uow, d, "too_late", why=d.state)
        return
    d.state, d.responded_at = "declined", uow.clock()
    d.reason = arg.strip() or None
    event(uow, d.incident_id, "offer_declined", f"technician:{tech.id}", note=d.reason or "-")
    if d.reason:
        prof.dialog = None
        await to_technician(uow, d, "declined_reason", reason=d.reason)
    else:  # asked; the next message is kept as the reason (the job moves on meanwhile)
        await to_technician(uow, d, "ask_reason")
        prof.dialog = {"dispatch": d.id, "step": "reason"}
    await next_after(uow, d, None)


async def on_the_way(uow: UnitOfWork, d: Dispatch, tech: Technician, prof: TechnicianProfile,
                     arg: str) -> None:
    if await _move(uow, d, "way"):
        await to_technician(uow, d, "on_the_way", step="on_the_way")
        incident = await own_incident(uow, None, d.incident_id)
        await customer(uow, incident, "customer_on_the_way", tech)


async def arrived(uow: UnitOfWork, d: Dispatch, tech: Technician, prof: TechnicianProfile,
                  arg: str) -> None:
    if await _move(uow, d, "arr"):
        d.arrived_at = uow.clock()
        await to_technician(uow, d, "arrived", step="arrived")


STEPS: dict[str, Step] = {"acc": accept, "dec": decline, "way": on_the_way, "arr": arrived}
