"""Personal data at rest (issue 19, acceptance 6): after conversations on the widget (its
session token in the WebSocket URL) and the REST channel (a one-time code sent), every
file of the stack that holds personal data — the backend's SQLite database, Rasa's
tracker store, the tokens file, the log — is private (0600), and no token appears in a
log line (tools/private_files.py, also run by hand: ``python tools/private_files.py``)."""

from __future__ import annotations

import asyncio

import aiohttp

from tests.e2e.conftest import Stack
from tests.e2e.test_rest_channel import Customer
from tests.helpers.widget import authenticate
from tools.private_files import private_files, problems


def widget_round_trip(stack: Stack) -> None:
    async def chat() -> None:
        async with aiohttp.ClientSession() as session:
            async with session.post(f"{stack.gateway}/session", json={}) as resp:
                token = (await resp.json())["token"]
            async with session.ws_connect(f"{stack.gateway}/ws") as ws:
                await authenticate(ws, token)
                assert (await ws.receive_json(timeout=60))["type"] == "ready"
                await ws.send_json({"type": "message", "text": "hola", "id": "p1"})
                while (await ws.receive_json(timeout=120))["type"] != "bot":
                    pass
    asyncio.run(chat())


def test_private_files_are_private_and_logs_hold_no_token(stack: Stack) -> None:
    widget_round_trip(stack)
    customer = Customer(stack)
    customer.say("Hola, el compresor pierde aceite")
    customer.say("C-1001")  # a one-time code is written to the outbox and mailed
    work = stack.log.parent
    names = {p.name for p in private_files([work])}
    assert {"avisa.db", "rasa-trackers.db", "tokens.env", "stack.log"} <= names, names
    assert problems([work], stack.tokens.values()) == []
