"""Issue #5, acceptance 2, through the four real processes and the fake Telegram Bot API.

A customer of Gráficas Moncayo (C-1002) talks to the bot over the web widget (a session
from ``POST /session``, then the widget's WebSocket protocol), verifies with the one-time
code, and reports a fault on the bizhub C458 KM-C458-00912 (EQ-0007). Its contract
CT-0003 covers parts only: labour and travel are billable, so the bot asks for consent
and the customer says yes. The copier is in Zaragoza (zone aragon): the ``office`` rule
sends it to the ``oficina`` queue, where Laura Gimeno (T-02) is the only technician of
the zone with the copier skill. She was linked to a Telegram chat beforehand the real
way (``/start CODE`` with a code from the link-code API), gets the job card, and presses
Accept, On my way, Arrived and Finished on the fake API, answers 2.5 hours, 25 km, one part
from the price list's buttons and a note, and confirms. The service order is closed,
the incident resolved, the widget received "assigned", "on the way" and "done", and the
closed work left a draft delivery note (ALB-…) with the billable labour on it.
"""

from __future__ import annotations

import asyncio
import itertools
import re
import threading
import time
from collections.abc import Coroutine
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any, TypeVar

import aiohttp
import pytest

from tests.e2e.clients import (
    CODE,
    QUIET,
    REPLY_TIMEOUT,
    Person,
    TelegramUser,
    api,
    one_time_code,
    wait_until,
)
from tests.e2e.conftest import Stack
from tests.helpers.widget import authenticate

pytestmark = pytest.mark.e2e

T = TypeVar("T")
CUSTOMER, CONTACT = "C-1002", "pilar.gracia@graficasmoncayo.es"
EQUIPMENT, SERIAL = "EQ-0007", "KM-C458-00912"
TECHNICIAN, TECH_CHAT = "T-02", 3100427999
PART = "KM-A797R71200"  # fusing unit bizhub C458, a copier part of data/price_list.yml


@dataclass
class WidgetUser(Person):
    """A browser tab with the widget: one session token, one WebSocket kept open for the
    whole test (proactive messages only reach open sockets), served from its own loop."""

    token: str = ""
    events: list[dict[str, Any]] = field(default_factory=list)
    last_buttons: list[dict[str, Any]] = field(default_factory=list)
    seen: int = 0  # bot events already read
    _ids: Any = field(default_factory=lambda: itertools.count(1))

    def __post_init__(self) -> None:
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="widget",
                                        daemon=True)
        self._thread.start()
        self._ready = threading.Event()
        self._run(self._open())
        self._reader = asyncio.run_coroutine_threadsafe(self._read(), self._loop)
        assert self._ready.wait(20), "the widget socket never said ready"

    def _run(self, coro: Coroutine[Any, Any, T], timeout: float = 60) -> T:
        return asyncio.run_coroutine_threadsafe(coro, self._loop).result(timeout)

    async def _open(self) -> None:
        self._http = aiohttp.ClientSession()
        async with self._http.post(f"{self.stack.gateway}/session", json={}) as response:
            assert response.status in (200, 201), response.status
            self.token = str((await response.json())["token"])
        self._ws = await self._http.ws_connect(f"{self.stack.gateway}/ws")
        await authenticate(self._ws, self.token)

    async def _read(self) -> None:
        async for frame in self._ws:
            if frame.type == aiohttp.WSMsgType.TEXT:
                event = frame.json()
                if event.get("type") == "ready":
                    self._ready.set()
                self.events.append(event)

    def close(self) -> None:
        async def shut() -> None:
            await self._ws.close()
            await self._http.close()
        self._run(shut())
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)

    def bot_texts(self) -> list[str]:
        return [str(e.get("text", "")) for e in self.events if e.get("type") == "bot"]

    def _send(self, frame: dict[str, Any], shown: str) -> list[str]:
        frame["id"] = f"e2e-{next(self._ids)}"
        self._run(self._ws.send_json(frame))
        self.said.append(shown)
        wait_until(f"the ack of {shown!r}:\n{self.transcript()}",
                   lambda: any(e.get("id") == frame["id"] and e["type"] in ("ack", "error")
                               for e in self.events), timeout=REPLY_TIMEOUT)
        errors = [e for e in self.events if e.get("id") == frame["id"] and e["type"] == "error"]
        assert not errors, (errors, self.transcript())
        return self.replies()

    def replies(self) -> list[str]:
        """Bot events since the last call (at least one), once the socket is quiet."""
        wait_until(f"a widget reply:\n{self.transcript()}",
                   lambda: len(self.bot_events()) > self.seen, timeout=REPLY_TIMEOUT)
        count = len(self.events)
        while True:
            time.sleep(QUIET)
            if len(self.events) == count:
                break
            count = len(self.events)
        new = self.bot_events()[self.seen:]
        self.seen += len(new)
        texts = [str(e.get("text", "")) for e in new]
        self.heard.extend(texts)
        buttons = [b for e in new for b in e.get("buttons") or []]
        if buttons:
            self.last_buttons = buttons
        return texts

    def bot_events(self) -> list[dict[str, Any]]:
        return [e for e in self.events if e.get("type") == "bot"]

    def say(self, text: str) -> list[str]:
        return self._send({"type": "message", "text": text}, text)

    def titles(self, replies: list[str]) -> list[str]:
        return [str(b["title"]) for b in self.last_buttons]

    def choose(self, replies: list[str], title_part: str) -> list[str]:
        chosen = [b for b in self.last_buttons if title_part in str(b["title"])]
        assert chosen, f"no button {title_part!r} in {self.last_buttons}\n{self.transcript()}"
        return self._send({"type": "button", "payload": chosen[0]["payload"],
                           "title": chosen[0]["title"]}, f"[{chosen[0]['title']}]")


def buttons(tech: TelegramUser) -> list[tuple[str, str]]:
    """(text, callback_data) of every inline button sent to the technician's chat."""
    return [(str(b.get("text")), str(b.get("callback_data"))) for m in tech.messages()
            for row in (m.get("reply_markup") or {}).get("inline_keyboard", []) for b in row]


def press(tech: TelegramUser, data: str) -> list[str]:
    """Presses the button whose callback_data is ``data``, as Telegram would send it."""
    found = wait_until(f"button {data} on Telegram:\n{tech.transcript()}",
                       lambda: [b for b in buttons(tech) if b[1] == data])
    tech.last_markup = [{"text": text, "callback_data": cb} for text, cb in found]
    return tech.choose([], found[0][0])


def link(stack: Stack, tech: TelegramUser) -> None:
    issued = api(stack, "POST", f"/api/technicians/{TECHNICIAN}/link-code", {})
    assert issued["telegram"] == f"/start {issued['code']}", issued
    tech.say(issued["telegram"])
    tech.wait_for("enlazado|linked")


def mailed_code(stack: Stack, address: str, since: datetime, before: int) -> str:
    """The one-time code e-mailed to ``address``: on the stack's SMTP server when it has
    one (mail after the first ``before`` ones), else wherever clients.one_time_code looks."""
    mail = getattr(stack, "mail", None)
    if mail is None:
        return one_time_code(stack, address, since)

    def probe() -> str | None:
        for received in mail.smtp.inbox.to(address)[before:]:
            body = received.message.get_body(preferencelist=("plain",))
            found = CODE.search(body.get_content() if body is not None else "")
            if found:
                return found.group(1)
        return None
    code: str = wait_until(f"a one-time code mailed to {address}", probe, timeout=30)
    return code


def report_and_consent(stack: Stack, customer: WidgetUser) -> str:
    customer.say("Hola, la fotocopiadora KM-C458-00912 no enciende y pita al arrancar")
    mail = getattr(stack, "mail", None)
    before = len(mail.smtp.inbox.to(CONTACT)) if mail is not None else 0
    since = stack.now()
    customer.say(CUSTOMER)
    customer.say("envíame el código")  # a one-time code only when asked for
    replies = customer.say(mailed_code(stack, CONTACT, since, before))
    replies = customer.answer_form(replies, SERIAL)
    incident = customer.incident_id()
    assert incident, customer.transcript()
    body = api(stack, "GET", f"/api/incidents/{incident}")
    assert (body["customer_code"], body["equipment"]["id"]) == (CUSTOMER, EQUIPMENT), body
    assert body["channel"] == "web", body
    if not any(t.startswith("Sí") for t in customer.titles(replies)):
        replies = customer.replies()  # the consent question may come on its own
    assert any(t.startswith("Sí") for t in customer.titles(replies)), customer.transcript()
    customer.choose(replies, "Sí")
    return incident


def test_web_fault_dispatched_worked_from_telegram_closed_and_billed(stack: Stack) -> None:
    tech = TelegramUser(stack, user_id=TECH_CHAT, language_code="es", first_name="Laura")
    link(stack, tech)
    customer = WidgetUser(stack)
    try:
        incident = report_and_consent(stack, customer)
        api(stack, "POST", "/api/scheduler/tick", {})  # the sweep dispatches it (consent given)
        routing = wait_until("a dispatch", lambda: (r := api(
            stack, "GET", f"/api/incidents/{incident}/routing", role="AGENTS"))["dispatches"]
            and r)
        decision = next(d for d in reversed(routing["decisions"]) if d["held"] is None)
        assert (decision["queue"], decision["chosen"]) == ("oficina", TECHNICIAN), decision
        offer = routing["dispatches"][-1]
        assert offer["technician_id"] == TECHNICIAN, routing["dispatches"]
        dsp = offer["id"]

        card = tech.wait_for(incident)
        assert "Gráficas Moncayo" in card and SERIAL in card, card
        press(tech, f"t:acc:{dsp}")
        press(tech, f"t:way:{dsp}")
        press(tech, f"t:arr:{dsp}")
        press(tech, f"t:fin:{dsp}")
        tech.wait_for("horas")
        tech.say("2.5")
        tech.wait_for("km")
        tech.say("veinticinco km")
        tech.wait_for("piezas")
        press(tech, f"t:part:{PART}")
        tech.wait_for(r"Km: 25\n• Piezas: " + PART)
        tech.say("Probada con el cliente, imprime bien")  # a note, added to the summary
        tech.wait_for(r"Horas: 2\.5(.|\n)*Piezas: " + PART + r"(.|\n)*Notas: Probada")
        press(tech, f"t:yes:{dsp}")
        closed = tech.wait_for(f"{incident} cerrado")
        billed = re.search(r"ALB-\d{5,}", closed)  # uncovered work: a delivery note
        assert billed, tech.transcript()

        order = api(stack, "GET", f"/api/service-orders/{offer['service_order_id']}",
                    role="AGENTS")
        assert order["state"] == "closed" and order["technician_id"] == TECHNICIAN, order
        assert Decimal(order["labour_hours"]) == Decimal("2.5"), order
        assert Decimal(order["travel_km"]) == 25, order  # the km reported, on the note too
        assert [(p["part_number"], Decimal(p["quantity"])) for p in order["parts"]] == \
            [(PART, Decimal(1))], order
        assert api(stack, "GET", f"/api/incidents/{incident}")["state"] == "resolved"

        for pattern in ("asignado", "de camino", "terminado"):
            wait_until(f"{pattern!r} on the widget:\n{customer.transcript()}",
                       lambda p=pattern: [t for t in customer.bot_texts()
                                          if p in t and incident in t])

        note = api(stack, "GET", f"/api/billing/documents/{billed.group(0)}")
        assert (note["kind"], note["state"], note["incident_id"], note["service_order_id"]) \
            == ("delivery_note", "draft", incident, order["id"]), note
        assert note["customer"]["code"] == CUSTOMER, note
        shown = "\n".join(str(line) for line in note["lines"])
        labour = [ln for ln in note["lines"] if ln["kind"] == "labour" and not ln["covered"]]
        assert [(Decimal(ln["quantity"]), ln["unit_price"]) for ln in labour] == \
            [(Decimal("2.5"), "52.00")], shown  # T-02 is senior; CT-0003 covers parts only
        part = [ln for ln in note["lines"] if ln["reference"] == PART]
        assert len(part) == 1 and part[0]["covered"], shown  # the contract pays the part
        assert Decimal(note["totals"]["net"]) >= Decimal("130.00"), note["totals"]
    finally:
        customer.close()
