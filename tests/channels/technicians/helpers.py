"""Seeding technicians and the price list into the provider stack, and waiting for the
gateway's outbox delivery to reach a fake provider."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from backend.adapters.orm import Technician
from backend.services.billing.prices import store_document
from backend.services.dispatch.technicians import issue_link_code
from tests.channels.provider_stack import Stack
from tests.fakes.telegram_api import callback_update, text_update

T01_CHAT = 3100111001
T02_PHONE = "+34600222333"
CUSTOMER_PHONE = "+34976123456"
ALL_DAY = {"timezone": "Europe/Madrid", "schedule": "24x7"}


async def seed_technicians(stack: Stack) -> None:
    prices = yaml.safe_load((Path(__file__).parents[3] / "data" / "price_list.yml").read_text())
    async with stack.uows() as uow:
        uow.session.add_all([
            Technician(id="T-01", name="Javier Royo", zone="aragon", skills=["compressor"],
                       category="senior", phone="+34600111222", email="javier@avisa.example",
                       shift=ALL_DAY),
            Technician(id="T-02", name="Laura Gimeno", zone="aragon", skills=["compressor"],
                       category="senior", phone=T02_PHONE, email=None, shift=ALL_DAY),
            Technician(id="T-03", name="Ana Copier", zone="aragon", skills=["copier"],
                       category="junior", phone="+34600333444", shift=ALL_DAY),
        ])
        await store_document(uow.session, prices, uow.clock())
        await uow.commit()


async def link_t01(stack: Stack) -> None:
    code = (await issue_link_code(stack.uows, "T-01"))["code"]
    assert await stack.telegram.deliver(text_update(T01_CHAT, f"/start {code}")) == 200
    await until(lambda: any("enlazado" in m.get("text", "") for m in to_chat(stack, T01_CHAT)))


def to_chat(stack: Stack, chat: int) -> list[dict[str, Any]]:
    return [p for p in stack.telegram.sent() if int(p["chat_id"]) == chat]


async def press(stack: Stack, data: str) -> None:
    assert await stack.telegram.deliver(callback_update(T01_CHAT, data)) == 200


async def say(stack: Stack, text: str) -> None:
    assert await stack.telegram.deliver(text_update(T01_CHAT, text)) == 200


async def sms_from(stack: Stack, sender: str, body: str) -> None:
    url = stack.gateway_url + "/webhooks/twilio/sms"
    status, _ = await stack.twilio.deliver_sms(url, stack.twilio.inbound_form(sender, body))
    assert status == 200


async def until(check: Callable[[], Any], seconds: float = 10.0) -> Any:
    """Wait for the gateway's outbox loop (real I/O, not the business clock)."""
    for _ in range(int(seconds / 0.05)):
        result = check()
        if result:
            return result
        await asyncio.sleep(0.05)
    raise AssertionError("condition not met in time")


def buttons_of(message: dict[str, Any]) -> list[str]:
    markup = message.get("reply_markup") or {}
    return [b["callback_data"] for row in markup.get("inline_keyboard", []) for b in row]


async def report_fault(stack: Stack) -> str:
    """The customer's SMS conversation (known phone: verified) reports a fault, as the
    bot's action would; the agent records the customer's consent to a billable visit."""
    status, stored = await stack.api("POST", "/api/messages/inbound", "gateway", {
        "channel": "sms", "address": CUSTOMER_PHONE, "text": "el compresor no arranca"})
    assert status == 200 and stored["verified"], stored
    cid = stored["conversation_id"]
    status, incident = await stack.api("POST", f"/api/conversations/{cid}/incidents", "actions", {
        "equipment_id": "EQ-0001", "symptom": "el compresor no arranca", "priority": "high",
        "service_type": "corrective"})
    assert status == 201, incident
    status, routing = await stack.api("GET", f"/api/incidents/{incident['id']}/routing")
    assert routing["decisions"][-1]["held"] == "consent_required"  # billable: asked first
    status, body = await stack.api("POST", f"/api/incidents/{incident['id']}/consent", "agents",
                                   {"accepted": True})
    assert status == 200, body
    return str(incident["id"])
