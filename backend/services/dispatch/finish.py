"""Closing the service order once the technician confirmed the summary of the closing
dialogue (`closing`): hours, travel km and parts as reported go to the colleague's
CloseServiceOrder (coverage is checked again and a delivery note made for uncovered work,
with the km reported), the incident is resolved and the customer told. A part that is not
on the price list is kept with the technician's words and flagged for an agent to price."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from backend.adapters.orm import Technician
from backend.adapters.orm.dispatch import Dispatch, TechnicianProfile
from backend.domain import sla as s
from backend.domain.errors import AvisaError
from backend.domain.incident import State, transition
from backend.domain.routing.texts import lang, say
from backend.services.coverage import sla
from backend.services.coverage.access import own_incident
from backend.services.dispatch.close_order import CloseServiceOrder, PartLine, close_order
from backend.services.dispatch.outbox import tell
from backend.services.dispatch.replies import customer
from backend.services.dispatch.technicians import reach
from backend.services.incidents import satisfaction as survey
from backend.services.incidents.records import event
from backend.services.platform.uow import UnitOfWork, UnitOfWorkFactory


async def _say(uow: UnitOfWork, tech: Technician, prof: TechnicianProfile, kind: str,
               choices: list[dict[str, Any]] | None = None, **values: object) -> None:
    to = reach(tech, prof)
    if to is not None:
        await tell(uow, to, say(kind, lang(prof.language), **values), lang(prof.language),
                   choices, prof)


def _part_line(p: dict[str, Any]) -> PartLine:
    quantity = Decimal(str(p.get("quantity") or "1"))
    if p.get("part_number"):
        return PartLine(quantity, part_number=str(p["part_number"]))
    price = p.get("unit_price")
    return PartLine(quantity, description=str(p.get("words") or "?"), unit=p.get("unit"),
                    unit_price=None if price is None else Decimal(str(price)), price_later=True)


async def close_job(uows: UnitOfWorkFactory, tech_id: str, dispatch_id: str) -> None:
    async with uows() as uow:
        d = await uow.session.get(Dispatch, dispatch_id)
        prof = await uow.session.get(TechnicianProfile, tech_id)
        assert d is not None and prof is not None and prof.dialog is not None
        dialog, now = prof.dialog, uow.clock()
        cmd = CloseServiceOrder(
            order_id=d.service_order_id or "", labour_hours=Decimal(dialog["hours"]),
            travel_km=Decimal(str(dialog.get("km") or 0)),
            started_at=d.arrived_at or d.responded_at or d.offered_at, ended_at=now,
            parts=tuple(_part_line(p) for p in dialog.get("parts") or []),
            notes=dialog.get("notes") or None, technician_id=tech_id,
            actor=f"technician:{tech_id}")
    try:
        result = await close_order(uows, cmd)
        note = result.get("delivery_note")
        suffix = f" → {note['id']}" if note else ""
    except AvisaError as exc:
        async with uows() as uow:
            tech, prof = await uow.session.get(Technician, tech_id), await uow.session.get(
                TechnicianProfile, tech_id)
            assert tech is not None and prof is not None
            await _say(uow, tech, prof, "too_late", incident=dispatch_id, why=exc.message)
            await uow.commit()
        return
    async with uows() as uow:
        d, tech = await uow.session.get(Dispatch, dispatch_id), await uow.session.get(
            Technician, tech_id)
        prof = await uow.session.get(TechnicianProfile, tech_id)
        assert d is not None and tech is not None and prof is not None
        d.outcome, d.report = "finished", {k: (prof.dialog or {}).get(k)
                                           for k in ("hours", "km", "parts", "notes")}
        d.state, d.finished_at, prof.dialog = "finished", uow.clock(), None
        incident = await own_incident(uow, None, d.incident_id)
        if incident.state == State.ACKNOWLEDGED:
            incident.state = State.IN_PROGRESS.value
        incident.state = transition(State(incident.state), State.RESOLVED).value
        incident.updated_at = uow.clock()
        event(uow, incident.id, "technician_finished", f"technician:{tech_id}", note=d.id)
        await sla.met(uow, incident.id, s.Kind.RESOLUTION)
        await _say(uow, tech, prof, "closed", incident=incident.id,
                   order=d.service_order_id or "-", note=suffix)
        await customer(uow, incident, "customer_done", tech)
        await survey.ask(uow, incident, d.service_order_id or "", tech_id)
        await uow.commit()
