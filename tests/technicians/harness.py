"""Driving one technician scenario through the gateway (real backend in-process, the local
Telegram Bot API and Twilio fakes): a fault reported by the customer's SMS, the job
offered to the scenario's technician, brought to its starting state with the real
buttons / numbered choices, then every turn sent as the technician would — a tapped
button, a numbered SMS reply, or words — and every reply collected."""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import update

from backend.adapters.orm import Equipment, Site, Technician
from backend.domain.routing.texts import button
from backend.domain.technician_text.fold import gsm_safe
from backend.services.billing.prices import store_document
from backend.services.dispatch.technicians import issue_link_code, set_profile
from tests.channels.provider_stack import Stack
from tests.channels.technicians.helpers import until
from tests.fakes.telegram_api import callback_update, text_update

ROOT = Path(__file__).parents[2]
WEDNESDAY_9 = datetime(2026, 12, 9, 8, 0, tzinfo=UTC)  # 09:00 in Madrid, a Wednesday
CHAT = 3100222001
TECH_PHONE = "+34600222333"
ALL_DAY = {"timezone": "Europe/Madrid", "schedule": "24x7"}
CUSTOMERS = {"es": ("C-1001", "EQ-0001", "+34976123456"),
             "en": ("C-2001", "EQ-2001", "+447700900123")}
BUTTON = re.compile(r"^\[button:\s*(.+?)\s*\]$", re.IGNORECASE)
KINDS = {"accept": ("accept", "acc"), "decline": ("decline", "dec"),
         "on my way": ("on_the_way", "way"), "arrived": ("arrived", "arr"),
         "finished": ("finish", "fin")}
START_STEPS = {"offered": (), "accepted": ("accept",), "on_the_way": ("accept", "on my way"),
               "arrived": ("accept", "on my way", "arrived")}


@dataclass
class Run:
    stack: Stack
    scenario: dict[str, Any]
    incident: str = ""
    replies: list[list[str]] = field(default_factory=list)
    customer_before: int = 0

    @property
    def channel(self) -> str:
        return str(self.scenario["channel"])

    @property
    def language(self) -> str:
        return str(self.scenario.get("language") or "es")

    @property
    def tech(self) -> str:
        return "T-01" if self.channel == "telegram" else "T-02"

    @property
    def customer_phone(self) -> str:
        return CUSTOMERS[self.language][2]

    def outbound(self) -> list[dict[str, Any]]:
        """Messages the technician received: {"text", "buttons"}."""
        if self.channel == "telegram":
            out = []
            for m in self.stack.telegram.sent():
                if int(m["chat_id"]) != CHAT:
                    continue
                markup = m.get("reply_markup") or {}
                out.append({"text": m.get("text", ""), "buttons": [
                    (b["text"], b["callback_data"]) for row in markup.get("inline_keyboard", [])
                    for b in row]})
            return out
        return [{"text": b, "buttons": []} for b in self.stack.twilio.bodies_to(TECH_PHONE)]

    async def send(self, turn: str) -> list[str]:
        before = len(self.outbound())
        tap = BUTTON.match(turn.strip())
        if tap:
            await self._tap(tap[1].lower())
        elif self.channel == "telegram":
            assert await self.stack.telegram.deliver(text_update(CHAT, turn)) == 200
        else:
            await self._sms(turn)
        try:
            await until(lambda: len(self.outbound()) > before, seconds=8)
            await self._settle()  # a reply may come in several messages (SMS parts)
        except AssertionError:
            return []
        return [m["text"] for m in self.outbound()[before:]]

    async def _settle(self, quiet: float = 0.6, longest: float = 6.0) -> None:
        """Wait until no more messages arrive for ``quiet`` seconds (real I/O time)."""
        waited, seen = 0.0, len(self.outbound())
        while waited < longest:
            await asyncio.sleep(quiet)
            waited += quiet
            if len(self.outbound()) == seen:
                return
            seen = len(self.outbound())

    async def _sms(self, body: str) -> None:
        url = self.stack.gateway_url + "/webhooks/twilio/sms"
        form = self.stack.twilio.inbound_form(TECH_PHONE, body)
        status, _ = await self.stack.twilio.deliver_sms(url, form)
        assert status == 200

    async def _tap(self, name: str) -> None:
        kind, action = KINDS[name]
        if self.channel == "telegram":
            found = [data for m in self.outbound() for _, data in m["buttons"]
                     if data.startswith(f"t:{action}:")]
            data = found[-1] if found else f"t:{action}:none"
            assert await self.stack.telegram.deliver(callback_update(CHAT, data)) == 200
            return
        title = gsm_safe(button(kind, self.language))
        for m in reversed(self.outbound()):
            hit = re.search(rf"^(\d+)\. {re.escape(title)}\b", m["text"], re.MULTILINE)
            if hit:
                await self._sms(hit[1])
                return
        await self._sms(title)  # no numbered choice on offer: the word itself


async def seed(stack: Stack, language: str, channel: str) -> None:
    prices = yaml.safe_load((ROOT / "data" / "price_list.yml").read_text(encoding="utf-8"))
    async with stack.uows() as uow:
        uow.session.add_all([
            Technician(id="T-01", name="Javier Royo", zone="aragon", skills=["compressor"],
                       category="senior", phone="+34600111222", shift=ALL_DAY),
            Technician(id="T-02", name="Laura Gimeno", zone="aragon", skills=["compressor"],
                       category="senior", phone=TECH_PHONE, shift=ALL_DAY),
            Site(id="S-2001-1", customer_code="C-2001", name="Thames Works",
                 address="Unit 4, Riverside Way", city="Reading", zone="aragon"),
        ])
        await uow.session.flush()
        uow.session.add(Equipment(id="EQ-2001", serial="GA37-2201", customer_code="C-2001",
                                  site_id="S-2001-1", family="compressor",
                                  model="Atlas Copco GA 37", description="air compressor"))
        await uow.session.execute(update(Site).where(Site.id == "S-1001-1").values(
            address="Calle Mayor 12, Polígono Malpica", zone="aragon"))
        await store_document(uow.session, prices, uow.clock())
        await uow.commit()
    tech = "T-01" if channel == "telegram" else "T-02"
    await set_profile(stack.uows, tech, {"language": language})  # as PUT …/profile (admin)
    if channel == "telegram":
        code = (await issue_link_code(stack.uows, "T-01"))["code"]
        assert await stack.telegram.deliver(text_update(CHAT, f"/start {code}")) == 200
        await until(lambda: any(int(m["chat_id"]) == CHAT for m in stack.telegram.sent()))


async def start(stack: Stack, scenario: dict[str, Any]) -> Run:
    stack.clock.now = WEDNESDAY_9
    run = Run(stack, scenario)
    await seed(stack, run.language, run.channel)
    _, equipment, phone = CUSTOMERS[run.language]
    status, stored = await stack.api("POST", "/api/messages/inbound", "gateway", {
        "channel": "sms", "address": phone, "text": "compressor down / compresor parado"})
    assert status == 200 and stored["verified"], stored
    status, incident = await stack.api(
        "POST", f"/api/conversations/{stored['conversation_id']}/incidents", "actions",
        {"equipment_id": equipment, "symptom": "compressor stopped", "priority": "medium",
         "service_type": "corrective"})
    assert status == 201, incident
    run.incident = incident["id"]
    await stack.api("POST", f"/api/incidents/{run.incident}/consent", "agents",
                    {"accepted": True})
    status, body = await stack.api("POST", f"/api/incidents/{run.incident}/dispatch", "agents",
                                   {"technician_id": run.tech})
    assert status == 200, body
    await until(lambda: any(run.incident in m["text"] for m in run.outbound()))
    for step in START_STEPS[str(scenario["start"])]:
        assert await run.send(f"[button: {step}]"), f"no reply to {step}"
    run.customer_before = len(stack.twilio.bodies_to(phone))
    return run


def load(path: Path) -> list[dict[str, Any]]:
    return list(yaml.safe_load(path.read_text(encoding="utf-8")))
