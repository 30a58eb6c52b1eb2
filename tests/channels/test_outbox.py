"""The outbox delivery loop, its senders and the dev outbox pages."""

from __future__ import annotations

import asyncio
from typing import Any

import aiohttp
from aiohttp.test_utils import TestClient

from channels.backend_client import BackendClient
from channels.outbox.loop import OutboxWorker
from channels.outbox.senders import SenderTable, default_senders
from channels.web.hub import WebHub
from tests.channels.backends import BackendHarness, outbox_row
from tests.channels.conftest import AiohttpServer, GatewayFactory
from tests.channels.fake_backend import GATEWAY, FakeBackend
from tests.channels.helpers import eventually, next_event

Client = TestClient[Any, Any]


async def test_non_web_rows_go_to_the_dev_outbox(gateway: Client, backend: BackendHarness) -> None:
    item = await backend.add_outbox("email", "marta@example.es", "Tu código: <b>482913</b>")

    async def delivered() -> Any:
        row = await outbox_row(backend, item)
        return row if row and row.get("via") else None

    row = await eventually(delivered)
    assert row["via"] == "dev-outbox"
    listing = await (await gateway.get("/dev/outbox.json")).json()
    assert [r["text"] for r in listing["items"] if r["id"] == item] == ["Tu código: <b>482913</b>"]
    page = await gateway.get("/dev/outbox")
    html = await page.text()
    assert page.status == 200 and "&lt;b&gt;482913&lt;/b&gt;" in html and "<b>482913" not in html


async def test_web_rows_are_pushed_to_the_connected_socket(
    gateway: Client, backend: BackendHarness
) -> None:
    token = (await (await gateway.post("/session")).json())["token"]
    address = token.split(".")[0]
    async with gateway.ws_connect(f"/ws?token={token}") as ws:
        await next_event(ws, "ready")
        item = await backend.add_outbox("web", address, "Técnico asignado: Javier")
        event = await next_event(ws, "bot")
        assert event == {"type": "bot", "text": "Técnico asignado: Javier", "buttons": []}

    async def recorded() -> Any:
        row = await outbox_row(backend, item)
        return row if row and row.get("via") else None

    assert (await eventually(recorded))["via"] == "web"


async def test_web_row_without_a_socket_is_reported_failed(
    gateway: Client, backend: BackendHarness
) -> None:
    item = await backend.add_outbox("web", "w-" + "x" * 32, "nobody is listening")

    async def failed() -> Any:
        row = await outbox_row(backend, item)
        return row if row and row.get("last_error") else None

    row = await eventually(failed)
    assert row.get("via") is None and "no open widget socket" in row["last_error"]


async def test_dev_outbox_is_not_served_outside_demo_mode(make_gateway: GatewayFactory) -> None:
    gateway = await make_gateway(demo=False)
    assert (await gateway.get("/dev/outbox")).status == 404
    assert (await gateway.get("/dev/outbox.json")).status == 404
    assert await (await gateway.get("/health")).json() == {"status": "ok"}


async def test_loop_survives_backend_downtime(aiohttp_server: AiohttpServer) -> None:
    fake = FakeBackend(down=True)
    server = await aiohttp_server(fake.app())
    item = fake.add_outbox("sms", "+34600111222", "code 123456")
    async with aiohttp.ClientSession() as http:
        client = BackendClient(http, str(server.make_url("")), GATEWAY, timeout=2)
        worker = OutboxWorker(client, SenderTable(default_senders(WebHub()), demo=True), 0.01, 5)
        task = asyncio.create_task(worker.run_forever())
        await eventually(lambda: _async(fake.calls >= 3))
        assert not task.done()  # the backend answered 503 three times; the loop lives on
        fake.down = False
        await eventually(lambda: _async(fake.outbox[item]["status"] == "delivered"))
        task.cancel()
    assert fake.outbox[item]["via"] == "dev-outbox"


async def _async(value: bool) -> bool:
    return value
