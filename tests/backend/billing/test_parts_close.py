"""Typed parts through the technician's Finish dialogue to the closed service order and its
delivery note, on the full demo data (Tuesday 24 November 2026, 10:00 in Madrid; the
fixtures of tests/backend/billing/conftest.py).

The Linde forklift FL-3391-B of C-1001 has no contract and no warranty left: everything
is billable. Its technician (T-03, by SMS) finishes with one price-list part, one typed
part with quantity and price, and one typed part with no price: the priced ones are
billed, the unpriced one is kept on the order and on the note at 0.00 marked "precio
pendiente", and the incident says which part an agent must price. On a machine whose
contract covers parts, an unpriced part needs no pricing and makes no note by itself."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import select

from backend.adapters.orm import IncidentEvent, ServiceOrder
from backend.adapters.orm.outbox import OutboxItem
from backend.services.dispatch.inbound import technician_message
from backend.services.dispatch.offers import dispatch_incident
from backend.services.dispatch.service_orders import order_view
from backend.services.platform.uow import UnitOfWorkFactory
from tests.backend.helpers import call, inbound, report_incident
from tests.conftest import FakeClock

T03_PHONE = "+34622375019"  # Daniel Aznar (forklift, aragon), on SMS in this test


async def job(api: Any, uows: UnitOfWorkFactory, serial: str) -> tuple[str, str]:
    """A consented incident on ``serial`` offered to T-03: (incident, dispatch)."""
    cid = (await inbound(api, "sms", "+34976123456"))["conversation_id"]  # Marta, C-1001
    incident = await report_incident(
        api, cid, {"serial": serial, "symptom": "no arranca", "priority": "medium"})
    status, body = await call(api, "POST", f"/api/incidents/{incident['id']}/consent", "agents",
                              json={"accepted": True})
    assert status == 200, body
    offered = await dispatch_incident(uows, incident["id"], "agent:test", technician_id="T-03")
    assert offered["dispatch"]["technician_id"] == "T-03", offered
    return str(incident["id"]), str(offered["dispatch"]["id"])


async def tech(uows: UnitOfWorkFactory, text: str) -> dict[str, Any]:
    return await technician_message(uows, "sms", T03_PHONE, text)


async def last_sms(uows: UnitOfWorkFactory) -> str:
    async with uows() as uow:
        rows = (await uow.session.execute(select(OutboxItem).where(
            OutboxItem.address == T03_PHONE).order_by(OutboxItem.seq))).scalars().all()
        return rows[-1].text


async def finish(uows: UnitOfWorkFactory, clock: FakeClock, dsp: str, parts: str) -> str:
    """Accept → on my way → arrived → (two hours) → finished: 2,5 h, 12 km, ``parts``, a
    note added at the summary; returns the summary to confirm."""
    for step in ("acc", "way", "arr"):
        assert (await tech(uows, f"t:{step}:{dsp}"))["action"] == step
    clock.advance(hours=2)
    await tech(uows, f"t:fin:{dsp}")
    await tech(uows, "2,5 h")
    await tech(uows, "12 km")
    await tech(uows, parts)
    assert "Notas: -" in await last_sms(uows)
    await tech(uows, "Revisado todo el circuito")
    summary = await last_sms(uows)
    assert "Notas: Revisado todo el circuito" in summary, summary
    return summary


async def order_of(uows: UnitOfWorkFactory, incident: str) -> dict[str, Any]:
    async with uows() as uow:
        return order_view((await uow.session.execute(select(ServiceOrder).where(
            ServiceOrder.incident_id == incident))).scalar_one())


async def events_of(uows: UnitOfWorkFactory, incident: str, kind: str) -> list[str]:
    async with uows() as uow:
        rows = (await uow.session.execute(select(IncidentEvent).where(
            IncidentEvent.incident_id == incident, IncidentEvent.kind == kind))).scalars()
        return [row.note or "" for row in rows]


async def test_typed_parts_are_kept_billed_or_flagged_for_pricing(
        api: Any, uows: UnitOfWorkFactory, clock: FakeClock) -> None:
    incident, dsp = await job(api, uows, "FL-3391-B")
    confirm = await finish(uows, clock, dsp, "LN-0009424520\n2 x filtro hidráulico 35,50\n"
                                             "correa dentada")
    assert "Horas: 2.5" in confirm and "Km: 12" in confirm, confirm
    assert "LN-0009424520 x1" in confirm, confirm
    assert "filtro hidraulico x2 - 35.50 €" in confirm, confirm
    assert "correa dentada x1 - sin precio" in confirm, confirm
    await tech(uows, f"t:yes:{dsp}")
    closed = await last_sms(uows)
    assert "cerrado" in closed and "ALB-" in closed, closed

    order = await order_of(uows, incident)
    assert order["state"] == "closed" and Decimal(order["labour_hours"]) == Decimal("2.5")
    assert Decimal(order["travel_km"]) == 12
    listed, typed, pending = order["parts"]
    assert (listed["part_number"], listed["quantity"], listed["unit_price"]) == \
        ("LN-0009424520", "1", "245.00")
    assert (typed["part_number"], typed["description"], typed["quantity"],
            typed["unit_price"], typed.get("needs_price")) == \
        (None, "filtro hidráulico", "2", "35.50", None)
    assert (pending["description"], pending["unit_price"], pending["needs_price"]) == \
        ("correa dentada", None, True)

    note_id = closed.split("-> ")[1].split(".")[0]  # "→" said in GSM characters on SMS
    status, note = await call(api, "GET", f"/api/billing/documents/{note_id}", "admin")
    assert status == 200 and note["service_order_id"] == order["id"], note
    parts = [(ln["description"], ln["quantity"], ln["unit_price"], ln["net"])
             for ln in note["lines"] if ln["kind"] == "part"]
    assert parts[0][1:] == ("1", "245.00", "245.00"), parts
    assert parts[1:] == [("filtro hidráulico", "2", "35.50", "71.00"),
                         ("correa dentada — precio pendiente", "1", "0.00", "0.00")]
    flagged = await events_of(uows, incident, "parts_need_price")
    assert flagged == [f"{note_id}: correa dentada"]


async def test_unpriced_part_under_a_parts_contract_needs_no_pricing(
        api: Any, uows: UnitOfWorkFactory, clock: FakeClock) -> None:
    # CMP-2291-X: C-1001's compressor under CT-0001 (full maintenance, parts included);
    # T-03 has the compressor skill too.
    incident, dsp = await job(api, uows, "CMP-2291-X")
    await finish(uows, clock, dsp, "junta rara")
    await tech(uows, f"t:yes:{dsp}")
    closed = await last_sms(uows)
    assert "cerrado" in closed and "ALB-" not in closed, closed
    (part,) = (await order_of(uows, incident))["parts"]
    assert (part["description"], part["needs_price"]) == ("junta rara", True)
    assert await events_of(uows, incident, "parts_need_price") == []


async def test_unreadable_parts_are_asked_again(api: Any, uows: UnitOfWorkFactory,
                                                clock: FakeClock) -> None:
    _, dsp = await job(api, uows, "FL-3391-B")
    for step in ("acc", "way", "arr", "fin"):
        await tech(uows, f"t:{step}:{dsp}")
    await tech(uows, "2,5")
    await tech(uows, "0")  # km
    await tech(uows, "2 x")
    assert "¿qué piezas uso?" in await last_sms(uows)  # nothing read: asked again
    await tech(uows, "0")
    assert "Piezas: -" in await last_sms(uows)


async def test_sms_technician_picks_a_listed_part_and_confirms_by_number(
        api: Any, uows: UnitOfWorkFactory, clock: FakeClock) -> None:
    """On SMS the part buttons are numbered: a bare "1" picks the first listed part (a
    number with more text is a typed part), and "1" at the confirmation closes."""
    import re

    incident, dsp = await job(api, uows, "FL-3391-B")
    for step in ("acc", "way", "arr", "fin"):
        await tech(uows, f"t:{step}:{dsp}")
    await tech(uows, "2")  # the hours step offers no choices: 2 hours
    await tech(uows, "30")  # nor the km step: 30 km
    async with uows() as uow:
        asked = (await uow.session.execute(select(OutboxItem).where(
            OutboxItem.address == T03_PHONE).order_by(OutboxItem.seq.desc()))).scalars().first()
        assert asked is not None and asked.buttons, asked
        first = re.match(r"([A-Z]{2}-\d+)", asked.buttons[0]["title"])
    assert first is not None
    await tech(uows, "1")
    confirm = await last_sms(uows)
    assert "Horas: 2" in confirm and f"{first.group(1)} x1" in confirm, confirm
    await tech(uows, "1")
    order = await order_of(uows, incident)
    assert order["state"] == "closed" and Decimal(order["labour_hours"]) == Decimal(2)
    assert Decimal(order["travel_km"]) == 30
    assert [p["part_number"] for p in order["parts"]] == [first.group(1)]
