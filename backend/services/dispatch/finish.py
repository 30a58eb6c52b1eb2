"""Finishing a job from the chat: labour hours → parts (price list buttons, or typed as
`backend.domain.parts` reads them: "REF x 2", "2 x filtro hidráulico 35,50", "belt 12.90",
or none) → notes → confirm; then the colleague's CloseServiceOrder closes the service order
(coverage is checked again and a delivery note made for uncovered work), the incident is
resolved and the customer told. A typed part without a price is kept and flagged for an
agent to price."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from backend.adapters.orm import Technician
from backend.adapters.orm.dispatch import Dispatch, TechnicianProfile
from backend.domain import sla as s
from backend.domain.errors import AvisaError
from backend.domain.incident import State, transition
from backend.domain.parts import NONE_WORDS, TypedPart, UnreadablePart, parse_number, parse_parts
from backend.domain.routing.texts import lang, say
from backend.services.billing.prices import load_prices
from backend.services.coverage import sla
from backend.services.coverage.access import event, own_incident
from backend.services.dispatch.close_order import CloseServiceOrder, PartLine, close_order
from backend.services.dispatch.outbox import buttons, payload, tell
from backend.services.dispatch.replies import customer
from backend.services.dispatch.technicians import reach
from backend.services.platform.uow import UnitOfWork, UnitOfWorkFactory

HOURS = re.compile(r"\s*(?:h|hrs?|horas?|hours?)\.?\s*$", re.IGNORECASE)
MAX_PART_BUTTONS = 5


async def _say(uow: UnitOfWork, tech: Technician, prof: TechnicianProfile, kind: str,
               choices: list[dict[str, Any]] | None = None, **values: object) -> None:
    to = reach(tech, prof)
    if to is not None:
        await tell(uow, to, say(kind, lang(prof.language), **values), lang(prof.language),
                   choices, prof)


async def start(uow: UnitOfWork, d: Dispatch, tech: Technician, prof: TechnicianProfile,
                arg: str) -> None:
    if d.state not in ("on_the_way", "arrived"):
        await _say(uow, tech, prof, "too_late", incident=d.incident_id, why=d.state)
        return
    prof.dialog = {"dispatch": d.id, "step": "hours"}
    await _say(uow, tech, prof, "ask_hours", incident=d.incident_id)


async def _part_buttons(uow: UnitOfWork, d: Dispatch, language: str) -> list[dict[str, Any]]:
    incident = await own_incident(uow, None, d.incident_id)
    family = incident.equipment.family if incident.equipment else None
    prices = await load_prices(uow.session, language)
    items = [i for i in prices.document.get("parts") or [] if i.get("family") == family]
    choices = [{"title": f"{i['part_number']} · {prices.prices.parts[i['part_number']].description}"[:60],
                "payload": payload("part", i["part_number"])} for i in items[:MAX_PART_BUTTONS]]
    return [*choices, *buttons(language, ("none", payload("none", d.id)))]


def _stored(part: TypedPart) -> dict[str, str | None]:
    """A part as the dialogue keeps it (JSON) until the closure."""
    return {"part_number": part.part_number, "description": part.description,
            "quantity": str(part.quantity), "unit": part.unit,
            "unit_price": None if part.unit_price is None else str(part.unit_price)}


def _listed(parts: list[dict[str, str | None]], language: str) -> str:
    def one(p: dict[str, str | None]) -> str:
        name = p.get("part_number") or p.get("description") or "?"
        unit = f" {p['unit']}" if p.get("unit") else ""
        if p.get("part_number"):
            return f"{name} x{p['quantity']}{unit}"
        price = f"{p['unit_price']} €" if p.get("unit_price") else say("part_price_pending",
                                                                       language)
        return f"{name} x{p['quantity']}{unit} · {price}"
    return ", ".join(one(p) for p in parts) or "-"


def _hours(text: str) -> Decimal:
    try:
        return parse_number(HOURS.sub("", text))
    except UnreadablePart:
        return Decimal(-1)


async def answer(uow: UnitOfWork, d: Dispatch, tech: Technician, prof: TechnicianProfile,
                 text: str) -> bool:
    """One answer inside the dialogue; True when the technician confirmed the closure."""
    dialog, language = dict(prof.dialog or {}), lang(prof.language)
    step = dialog.get("step")
    if step == "hours":
        hours = _hours(text)
        if not Decimal(0) < hours <= Decimal(24):
            await _say(uow, tech, prof, "bad_hours")
            return False
        dialog |= {"hours": str(hours), "step": "parts"}
        prof.dialog = dialog
        await _say(uow, tech, prof, "ask_parts", await _part_buttons(uow, d, language))
    elif step == "parts":
        known = (await load_prices(uow.session, language)).prices.parts
        try:
            parts = [_stored(p) for p in parse_parts(text, known, language)]
        except UnreadablePart as exc:
            await _say(uow, tech, prof, "bad_part", part=exc.extra().get("piece") or text.strip())
            return False
        prof.dialog = dialog | {"parts": parts, "step": "notes"}
        await _say(uow, tech, prof, "ask_notes")
    elif step == "notes":
        notes = "" if text.strip().lower() in NONE_WORDS else text.strip()
        prof.dialog = dialog = dialog | {"notes": notes, "step": "confirm"}
        listed = _listed(dialog["parts"], language)
        await _say(uow, tech, prof, "confirm", buttons(language, ("yes", payload("yes", d.id)),
                                                       ("no", payload("no", d.id))),
                   incident=d.incident_id, hours=dialog["hours"], parts=listed,
                   notes=notes or "-")
    elif step == "confirm":
        if text in ("yes", "1", "si", "sí"):
            return True
        prof.dialog = {"dispatch": d.id, "step": "hours"}
        await _say(uow, tech, prof, "ask_hours", incident=d.incident_id)
    return False


def _part_line(p: dict[str, str | None]) -> PartLine:
    price = p.get("unit_price")
    return PartLine(Decimal(p["quantity"] or "1"), part_number=p.get("part_number"),
                    description=p.get("description"), unit=p.get("unit"),
                    unit_price=None if price is None else Decimal(price), price_later=True)


async def close_job(uows: UnitOfWorkFactory, tech_id: str, dispatch_id: str) -> None:
    async with uows() as uow:
        d = await uow.session.get(Dispatch, dispatch_id)
        prof = await uow.session.get(TechnicianProfile, tech_id)
        assert d is not None and prof is not None and prof.dialog is not None
        dialog, now = prof.dialog, uow.clock()
        cmd = CloseServiceOrder(
            order_id=d.service_order_id or "", labour_hours=Decimal(dialog["hours"]),
            started_at=d.arrived_at or d.responded_at or d.offered_at, ended_at=now,
            parts=tuple(_part_line(p) for p in dialog["parts"]),
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
        await uow.commit()
