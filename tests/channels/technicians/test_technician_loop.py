"""End to end through the gateway: a fault is dispatched to the right technician, who
works it from Telegram (callbacks on the fake Bot API) to the closed service order and its
delivery note; a job not acknowledged in time moves to the runner-up; an SMS-only
technician accepts by replying "1"."""

from __future__ import annotations

import io
from typing import Any

from pypdf import PdfReader
from sqlalchemy import select

from backend.adapters.orm.billing import BillingLineRow
from backend.adapters.pdf import render_pdf
from backend.services.billing.documents import show_document
from backend.services.platform.scheduler import tick
from tests.backend.attachments.files import photo
from tests.channels.provider_stack import Stack
from tests.channels.technicians.helpers import (
    CUSTOMER_PHONE,
    T01_CHAT,
    T02_PHONE,
    buttons_of,
    link_t01,
    press,
    report_fault,
    say,
    seed_technicians,
    sms_from,
    to_chat,
    until,
)
from tests.channels.telegram.helpers import update

ISSUER = {"name": "Avisa Servicios S.L.", "tax_id": "B00000000", "address": "Calle Mayor 1",
          "postal_code": "50001", "city": "Zaragoza", "email": "admin@avisa.example"}


def card_for(stack: Stack, incident: str) -> dict[str, Any]:
    cards = [m for m in to_chat(stack, T01_CHAT) if incident in m.get("text", "")
             and any(b.startswith("t:acc:") for b in buttons_of(m))]
    return cards[-1] if cards else {}


async def test_fault_dispatched_worked_and_closed_from_telegram(live: Stack) -> None:
    stack = live
    await seed_technicians(stack)
    await link_t01(stack)
    incident = await report_fault(stack)
    result = await tick(stack.uows, stack.clock(), maintenance=False)  # consent given: go
    assert result["dispatched"] == 1
    card = await until(lambda: card_for(stack, incident))
    assert "Talleres Ebro" in card["text"] and "CMP-2291-X" in card["text"]
    accept, decline = buttons_of(card)
    assert decline.startswith("t:dec:")
    _, routing = await stack.api("GET", f"/api/incidents/{incident}/routing")
    decision = routing["decisions"][-1]
    assert decision["chosen"] == "T-01" and decision["queue"] == "frio"
    assert [c["technician_id"] for c in decision["runners_up"]] == ["T-02", "T-03"]
    assert "skill_missing" in [r["code"] for r in decision["runners_up"][1]["reasons"]]

    await press(stack, accept)
    way = await until(lambda: [b for m in to_chat(stack, T01_CHAT) for b in buttons_of(m)
                               if b.startswith("t:way:")])
    await press(stack, way[-1])
    arrive = await until(lambda: [b for m in to_chat(stack, T01_CHAT) for b in buttons_of(m)
                                  if b.startswith("t:arr:")])
    await press(stack, arrive[-1])
    finish = await until(lambda: [b for m in to_chat(stack, T01_CHAT) for b in buttons_of(m)
                                  if b.startswith("t:fin:")])
    await press(stack, finish[-1])
    await until(lambda: any("horas" in m.get("text", "") for m in to_chat(stack, T01_CHAT)))
    # a photo of the work, sent while closing: kept on the incident, the dialogue goes on
    stack.telegram.add_file("AgACAgQAAxkBAAIBQ2Y", photo((20, 120, 60)))
    assert await stack.telegram.deliver(update("message_photo.json", user_id=T01_CHAT)) == 200
    await until(lambda: any(f"Foto añadida a {incident}" in m.get("text", "")
                            for m in to_chat(stack, T01_CHAT)))
    await say(stack, "2,5")
    await until(lambda: any("km" in m.get("text", "") for m in to_chat(stack, T01_CHAT)))
    await say(stack, "treinta y cinco kms")
    await until(lambda: any("piezas" in m.get("text", "") for m in to_chat(stack, T01_CHAT)))
    await say(stack, "Cambiado el filtro de aire")
    yes = await until(lambda: [b for m in to_chat(stack, T01_CHAT) for b in buttons_of(m)
                               if b.startswith("t:yes:")])
    await press(stack, yes[-1])
    closed = await until(lambda: [m["text"] for m in to_chat(stack, T01_CHAT)
                                  if "cerrado" in m.get("text", "")])
    assert "ALB-" in closed[-1]  # uncovered work: a delivery note was made
    note = await show_document(stack.uows, closed[-1].split("→ ")[1][:9])
    assert [p["mime"] for p in note["annex"]] == ["image/jpeg"], note["annex"]  # its annex
    pdf = PdfReader(io.BytesIO(render_pdf(note, ISSUER)))
    printed = " ".join(page.extract_text() for page in pdf.pages)
    assert "Anexo: fotos" in printed and note["annex"][0]["id"] in printed, printed
    _, files = await stack.api("GET", f"/api/incidents/{incident}/attachments")
    assert [(f["kind"], f["id"]) for f in files["attachments"]] == [
        ("technician", note["annex"][0]["id"])]  # the console's incident panel lists it

    _, routing = await stack.api("GET", f"/api/incidents/{incident}/routing")
    order_id = routing["dispatches"][-1]["service_order_id"]
    _, order = await stack.api("GET", f"/api/service-orders/{order_id}")
    assert order["state"] == "closed" and order["labour_hours"] == "2.50"
    assert order["technician_id"] == "T-01" and len(order["parts"]) == 1
    assert order["parts"][0]["part_number"] == "KS-6.4149.0"  # matched on the price list
    assert order["travel_km"] == "35.00"  # the km reported reach the order and the note
    async with stack.uows() as uow:
        lines = (await uow.session.execute(select(BillingLineRow).where(
            BillingLineRow.document_id == closed[-1].split("→ ")[1][:9]))).scalars().all()
        assert any("35" in line.description and line.kind != "part" for line in lines), [
            (line.kind, line.description) for line in lines]

    _status, body = await stack.api("GET", f"/api/incidents/{incident}")
    assert body["state"] == "resolved"
    texts = await until(lambda: (b := stack.twilio.bodies_to(CUSTOMER_PHONE)) and len(b) >= 3
                        and b)
    assert any("asignado" in t for t in texts)
    assert any("de camino" in t for t in texts)
    assert any("terminado" in t for t in texts)
    assert not [r for r in stack.rasa.requests if str(T01_CHAT) in str(r)]  # never to Rasa


async def test_unacknowledged_job_moves_to_the_runner_up_who_accepts_by_sms(live: Stack) -> None:
    stack = live
    await seed_technicians(stack)
    await link_t01(stack)
    incident = await report_fault(stack)
    await tick(stack.uows, stack.clock(), maintenance=False)
    await until(lambda: card_for(stack, incident))
    stack.clock.advance(14 * 60)
    assert (await tick(stack.uows, stack.clock(), maintenance=False))["expired"] == 0
    stack.clock.advance(2 * 60)  # past the queue's 15 minutes
    assert (await tick(stack.uows, stack.clock(), maintenance=False))["expired"] == 1
    await until(lambda: any("caducado" in m.get("text", "") and incident in m.get("text", "")
                            for m in to_chat(stack, T01_CHAT)))  # told at once, in words
    await until(lambda: [b for b in stack.twilio.bodies_to(T02_PHONE) if incident in b])
    offer = await until(lambda: (text := " ".join(stack.twilio.bodies_to(T02_PHONE)))
                        and "rechazar" in text and text)
    assert "Responda 1 para aceptar, 2 para rechazar" in offer
    supervisor = await until(lambda: [m for m in stack.telegram.sent()
                                      if "no confirmó" in m.get("text", "")])
    assert "T-02" in supervisor[0]["text"]
    await sms_from(stack, T02_PHONE, "1")
    await until(lambda: any("aceptado" in b for b in stack.twilio.bodies_to(T02_PHONE)))
    mms = stack.twilio.inbound_form(T02_PHONE, "", media=(photo((90, 90, 20)),))
    status, _ = await stack.twilio.deliver_sms(stack.gateway_url + "/webhooks/twilio/sms", mms)
    assert status == 200  # a photo from the job's phone: kept on the job's incident
    await until(lambda: any(f"Foto añadida a {incident}" in b
                            for b in stack.twilio.bodies_to(T02_PHONE)))
    _, files = await stack.api("GET", f"/api/incidents/{incident}/attachments")
    assert [f["kind"] for f in files["attachments"]] == ["technician"]
    _status, routing = await stack.api("GET", f"/api/incidents/{incident}/routing")
    states = [(d["technician_id"], d["state"]) for d in routing["dispatches"]]
    assert states == [("T-01", "expired"), ("T-02", "accepted")]
    await press(stack, card_for(stack, incident) and buttons_of(card_for(stack, incident))[0])
    await until(lambda: any("ya no está" in m.get("text", "") for m in to_chat(stack, T01_CHAT)))
