"""End to end over the web widget's WebSocket and SMS (fake Twilio): the customer asks for
a person, an agent takes the conversation and replies on the customer's channel, the bot
stays silent while the agent holds it, and after hand-back the bot answers again."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from tests.backend.handoff.desk_stack import agent_session, desk_with_gateway
from tests.channels.helpers import eventually, next_event
from tests.channels.provider_stack import AiohttpServer, Stack
from tests.channels.sms.helpers import MARTA, text_in
from tests.helpers.widget import authenticate


@pytest.fixture
async def desk_stack(aiohttp_server: AiohttpServer, tmp_path: Path,
                     sqlite_template: Path) -> AsyncIterator[Stack]:
    async with desk_with_gateway(aiohttp_server, tmp_path, sqlite_template) as stack:
        yield stack


class Agent:
    def __init__(self, stack: Stack, http: aiohttp.ClientSession, csrf: str) -> None:
        self.stack, self.http, self.csrf = stack, http, csrf

    async def call(self, method: str, path: str, body: Any = None) -> Any:
        async with self.http.request(method, self.stack.backend_url + "/console/api" + path,
                                     json=body, headers={"X-CSRF-Token": self.csrf}) as resp:
            data = await resp.json()
            assert resp.status < 300, data
            return data

    async def waiting(self) -> dict[str, Any]:
        async def one() -> Any:
            items = (await self.call("GET", "/queue"))["items"]
            return next((i for i in items if i["state"] == "waiting"), None)

        found: dict[str, Any] = await eventually(one)
        return found


async def live_queue_push(stack: Stack, http: aiohttp.ClientSession) -> dict[str, Any]:
    """The console's WebSocket pushes the queue (no reload): wait for a waiting item."""
    async with http.ws_connect(stack.backend_url.replace("http", "ws") + "/console/ws") as ws:
        async with asyncio.timeout(10):
            while True:
                event = await ws.receive_json()
                waiting = [i for i in event.get("items", []) if i["state"] == "waiting"]
                if event["type"] == "queue" and waiting:
                    return waiting[0]


async def test_web_widget_handoff_round_trip(desk_stack: Stack) -> None:
    stack = desk_stack
    http, csrf = await agent_session(stack)
    agent = Agent(stack, http, csrf)
    try:
        async with aiohttp.ClientSession() as browser:
            async with browser.post(stack.gateway_url + "/session", json={}) as resp:
                token = (await resp.json())["token"]
            async with browser.ws_connect(f"{stack.gateway_url}/ws") as ws:
                await authenticate(ws, token)
                await next_event(ws, "ready")
                await ws.send_json({"type": "message", "text": "quiero hablar con una persona"})
                said = await next_event(ws, "bot")
                assert "persona" in said["text"]
                item = await live_queue_push(stack, http)
                assert item["channel"] == "web" and item["summary"] == "no imprime"
                await agent.call("POST", f"/handoffs/{item['id']}/take")
                assert "se ha unido" in (await next_event(ws, "bot"))["text"]
                calls = len(stack.rasa.requests)
                await ws.send_json({"type": "message", "text": "sigo esperando", "id": "m2"})
                await next_event(ws, "ack")
                await agent.call("POST", f"/handoffs/{item['id']}/reply",
                                 {"text": "Hola, soy Ana. ¿Qué modelo es?"})
                assert (await next_event(ws, "bot"))["text"] == "Hola, soy Ana. ¿Qué modelo es?"
                assert len(stack.rasa.requests) == calls  # the bot said nothing meanwhile
                detail = await agent.call("GET", f"/conversations/{item['conversation_id']}")
                assert "sigo esperando" in [m["text"] for m in detail["transcript"]["messages"]]
                await agent.call("POST", f"/handoffs/{item['id']}/release",
                                 {"slots": {"serial_number": "SN-48213"}})
                await next_event(ws, "bot")  # "you are back with the assistant"
                await ws.send_json({"type": "message", "text": "gracias", "id": "m3"})
                assert (await next_event(ws, "bot"))["text"] == "bot: gracias"
        cid, events = stack.rasa.events[0]
        assert cid == item["conversation_id"] and events[0] == {"event": "resume"}
        assert {"event": "slot", "name": "serial_number", "value": "SN-48213"} in events
        assert stack.rasa.messages[-1] == "gracias"
    finally:
        await http.close()


async def test_sms_handoff_round_trip(desk_stack: Stack) -> None:
    stack = desk_stack
    http, csrf = await agent_session(stack)
    agent = Agent(stack, http, csrf)
    try:
        assert (await text_in(stack, MARTA, "Quiero hablar con una persona"))[0] == 200

        async def texts(n: int) -> list[str]:
            found = stack.twilio.bodies_to(MARTA)
            return found if len(found) >= n else []

        assert "persona" in (await eventually(lambda: texts(1)))[0]
        item = await agent.waiting()
        assert item["channel"] == "sms" and item["customer"]["code"] == "C-1001"
        await agent.call("POST", f"/handoffs/{item['id']}/take")
        calls = len(stack.rasa.requests)
        await text_in(stack, MARTA, "Es la fotocopiadora de la planta 2")
        await agent.call("POST", f"/handoffs/{item['id']}/reply",
                         {"text": "Gracias Marta, enviamos un técnico hoy."})
        bodies = await eventually(lambda: texts(3))
        assert bodies[-1] == "Gracias Marta, enviamos un técnico hoy."
        assert len(stack.rasa.requests) == calls  # nothing reached Rasa while the agent held it
        await agent.call("POST", f"/handoffs/{item['id']}/release", {"slots": {}})
        await eventually(lambda: texts(4))
        await text_in(stack, MARTA, "otra cosa")

        async def bot_answer() -> list[str]:
            found = stack.twilio.bodies_to(MARTA)
            return found if found[-1] == "bot: otra cosa" else []

        await eventually(bot_answer)
        assert stack.rasa.events and stack.rasa.events[0][1][0] == {"event": "resume"}
    finally:
        await http.close()
