"""CloseServiceOrder: the real work re-applies coverage, and what is not covered becomes a
draft delivery note (ALB-00001) with priced lines and VAT per line. Nothing billable: no note.

Uncovered labour outside the price list's normal hours carries the out-of-hours surcharge
(the share of the job's time outside them); under a contract, its own covered hours decide.

A free-text part without a price (typed by a technician, ``price_later``) is not lost: it is
kept on the service order with ``needs_price``, put on the note at 0.00 marked "price
pending" (a note is made for it even when nothing else is billable), and the incident gets
a ``parts_need_price`` event naming it, for an agent to price.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal
from typing import Any

from backend.adapters.orm import ServiceOrder, Technician
from backend.domain import billing as b
from backend.domain import coverage as c
from backend.domain.errors import InvalidRequest, InvalidTransition
from backend.domain.language import pick
from backend.services.billing.documents import add_document, full_view
from backend.services.billing.prices import Prices, load_prices
from backend.services.billing.wording import job_lines
from backend.services.coverage.access import own_incident
from backend.services.coverage.decision import decide_for_incident, language_of
from backend.services.coverage.views import coverage_view
from backend.services.dispatch.service_orders import get_order, order_view
from backend.services.incidents import satisfaction as survey
from backend.services.incidents.records import event
from backend.services.platform.uow import UnitOfWork, UnitOfWorkFactory


@dataclass(frozen=True)
class PartLine:
    quantity: Decimal
    part_number: str | None = None       # from the price list…
    description: str | None = None       # …or typed free text with its unit price
    unit_price: Decimal | None = None
    unit: str | None = None              # m, l, kg… of a typed quantity
    price_later: bool = False            # no price: kept and flagged for an agent


PENDING = {"es": "precio pendiente", "en": "price pending"}


@dataclass(frozen=True)
class CloseServiceOrder:
    order_id: str
    labour_hours: Decimal
    started_at: datetime
    ended_at: datetime
    travel_km: Decimal = Decimal(0)
    parts: tuple[PartLine, ...] = ()
    notes: str | None = None
    remote: bool = False
    incident_type: str | None = None
    technician_id: str | None = None
    category: str | None = None
    actor: str = "admin"


def _free_part(part: PartLine, i: int, language: str) -> b.PartPrice:
    text = part.description or part.part_number or ""
    if part.unit:
        text = f"{text} ({part.unit})"
    if part.unit_price is None:
        return b.PartPrice(f"PENDING-{i}", f"{text} — {pick(PENDING, language)}",
                           b.money("0.00"))
    return b.PartPrice(part.part_number or f"FREE-{i}", text, b.money(str(part.unit_price)))


def priced_parts(cmd: CloseServiceOrder, prices: Prices, language: str = "en"
                 ) -> tuple[b.PriceList, tuple[c.PartUsed, ...]]:
    """The price list with the typed parts added, and what was used (PENDING-n: no price)."""
    extra: dict[str, b.PartPrice] = {}
    used = []
    for i, part in enumerate(cmd.parts, start=1):
        number = part.part_number
        if number is None or (number not in prices.prices.parts and (
                part.unit_price is not None or part.price_later)):
            if not (part.description or number) or (part.unit_price is None
                                                     and not part.price_later):
                raise InvalidRequest("a part needs a part_number from the price list, or a "
                                     "description and a unit_price", field=f"parts[{i - 1}]")
            free = _free_part(part, i, language)
            number = free.number
            extra[number] = free
        used.append(c.PartUsed(number, part.quantity))
    table = replace(prices.prices, parts={**prices.prices.parts, **extra})
    for item in used:
        table.part(item.number)  # UnknownPart (400) before anything is stored
    return table, tuple(used)


def part_rows(cmd: CloseServiceOrder, parts: tuple[c.PartUsed, ...], table: b.PriceList
              ) -> list[dict[str, Any]]:
    """What the service order keeps of each part (typed ones with their own words)."""
    rows = []
    for typed, used in zip(cmd.parts, parts, strict=True):
        price = table.part(used.number)
        known = used.number == typed.part_number
        row: dict[str, Any] = {"part_number": used.number if known else None,
                               "quantity": str(used.quantity),
                               "description": price.description if known else
                               typed.description or typed.part_number,
                               "unit_price": str(price.unit_price)}
        if not known:
            row |= {"typed": True, "unit": typed.unit}
            if typed.unit_price is None:
                row |= {"unit_price": None, "needs_price": True}
        rows.append(row)
    return rows


def surcharge_uncovered(decision: c.CoverageDecision, work: c.ClosedWork, start: datetime,
                        end: datetime, normal: c.CoveredHours) -> c.CoverageDecision:
    if decision.applies is not None:
        return decision
    span = (end - start).total_seconds()
    if span <= 0:
        share = Decimal(0 if normal.is_open(start) else 1)
    else:
        inside = Decimal(str(normal.between(start, end).total_seconds()))
        share = (Decimal(str(span)) - inside) / Decimal(str(span))
    surcharged = b.to_cents(work.labour_hours * share)
    hours = c.HoursSplit(Decimal(0), work.labour_hours, surcharged)
    return replace(decision, billable=replace(decision.billable, hours=hours,
                                              out_of_hours_surcharge=surcharged > 0))


async def _job(uow: UnitOfWork, so: ServiceOrder, cmd: CloseServiceOrder, zone: str | None
               ) -> tuple[str, str]:
    tech = await uow.session.get(Technician, cmd.technician_id or so.technician_id or "")
    category = cmd.category or (tech.category if tech else "senior")
    return category, zone or (tech.zone if tech else "")


async def close_order(uows: UnitOfWorkFactory, cmd: CloseServiceOrder) -> dict[str, Any]:
    if cmd.ended_at < cmd.started_at or cmd.labour_hours < 0 or cmd.travel_km < 0:
        raise InvalidRequest("the job must end after it starts, with no negative hours or km")
    async with uows() as uow:
        so = await get_order(uow.session, cmd.order_id)
        if so.state != "open":
            raise InvalidTransition(f"{so.id} is {so.state}", state=so.state, target="closed")
        incident = await own_incident(uow, None, so.incident_id)
        language = await language_of(uow, incident.customer_code, None)
        prices = await load_prices(uow.session, language)
        table, parts = priced_parts(cmd, prices, language)
        work = c.ClosedWork(cmd.labour_hours, parts, cmd.started_at, travel=not cmd.remote)
        decision, record = await decide_for_incident(
            uow, incident, stage="closed", work=work, incident_type=cmd.incident_type,
            exclude_order=so.id)
        decision = surcharge_uncovered(decision, work, cmd.started_at, cmd.ended_at,
                                       prices.normal_hours)
        site = incident.equipment.site if incident.equipment else None
        category, zone = await _job(uow, so, cmd, site.zone if site else None)
        job = b.JobContext(incident.id, incident.customer_code, category, zone, cmd.travel_km)
        note = b.build_delivery_note(work, decision, table, job)
        source = decision.applies.id if decision.applies else "-"
        note = replace(note, lines=job_lines(note.lines, language, category=category, zone=zone,
                                             km=cmd.travel_km, source=source,
                                             pct=table.out_of_hours_surcharge_pct))
        applies = decision.applies
        under_contract = applies is not None and applies.kind is c.SourceKind.CONTRACT
        hours = decision.billable.hours
        so.state, so.closed_at, so.started_at, so.ended_at = "closed", uow.clock(), \
            cmd.started_at, cmd.ended_at
        so.labour_hours, so.travel_km, so.remote, so.notes = cmd.labour_hours, cmd.travel_km, \
            cmd.remote, cmd.notes
        so.parts = part_rows(cmd, parts, table)
        pending = [p["description"] for p in so.parts if p.get("needs_price")]
        so.category, so.technician_id = category, cmd.technician_id or so.technician_id
        so.contract_id = applies.id if under_contract and applies else None
        so.covered_hours = hours.covered if under_contract and hours else Decimal(0)
        document = None
        if note.billable or (pending and decision.billable.parts):
            document = await add_document(uow, note, language=language, incident_id=incident.id,
                                          service_order_id=so.id)
        event(uow, incident.id, "service_order_closed", cmd.actor,
              note=f"{so.id}" + (f" → {document.id}" if document else ""))
        if pending and decision.billable.parts:
            event(uow, incident.id, "parts_need_price", cmd.actor,
                  note=f"{document.id if document else so.id}: " + "; ".join(pending))
        if not cmd.actor.startswith("technician:"):  # the technician's close asks after
            await survey.ask(uow, incident, so.id, so.technician_id)  # "job done" (finish.py)
        await uow.flush()
        result = {"service_order": order_view(so), "coverage": coverage_view(record, language),
                  "delivery_note": await full_view(uow.session, document) if document else None}
        await uow.commit()
        return result
