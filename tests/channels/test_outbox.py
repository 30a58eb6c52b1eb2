"""The outbox delivery loop, its senders and the dev outbox pages, against the real backend."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp.test_utils import TestClient

from channels.core.backend_client import BackendClient
from channels.outbox.loop import OutboxWorker
from channels.outbox.senders import SenderTable
from channels.web.hub import WebHub
from channels.web.send import web_senders
from tests.channels.backends import GATEWAY, BackendHarness, outbox_row, start_backend
from tests.channels.conftest import AiohttpServer, GatewayFactory
from tests.channels.helpers import eventually, next_event
from tests.helpers.widget import authenticate
from tools.stack_launch import free_port

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
    async with gateway.ws_connect("/ws") as ws:
        await authenticate(ws, token)
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


async def test_loop_survives_backend_downtime(
    aiohttp_server: AiohttpServer,
    tmp_path: Path,
    backend_template: Path | None,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Nobody listens on the backend's port at first; then the real backend starts there."""
    if backend_template is None:
        pytest.skip("the real backend is not installed")
    port = free_port()
    caplog.set_level(logging.WARNING, logger="channels.outbox.loop")

    async def refused_three_times() -> bool:
        return sum("backend unavailable" in r.getMessage() for r in caplog.records) >= 3

    async with aiohttp.ClientSession() as http:
        client = BackendClient(http, f"http://127.0.0.1:{port}", GATEWAY, timeout=2)
        worker = OutboxWorker(client, SenderTable(web_senders(WebHub()), demo=True), 0.01, 5)
        task = asyncio.create_task(worker.run_forever())
        try:
            await eventually(refused_three_times)
            assert not task.done()  # the backend was unreachable three times; the loop lives on
            backend = await start_backend(aiohttp_server, tmp_path, backend_template, port=port)
            item = await backend.add_outbox("sms", "+34600111222", "code 123456")

            async def delivered() -> Any:
                row = await outbox_row(backend, item)
                return row if row and row.get("status") == "delivered" else None

            row = await eventually(delivered)
        finally:
            task.cancel()
    assert row["via"] == "dev-outbox" and row["attempts"] == 0


async def test_outbox_polls_are_not_access_logged_but_errors_are(
    backend: BackendHarness, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="aiohttp.access")
    async with aiohttp.ClientSession() as http:
        for token in (GATEWAY, GATEWAY, "wrong-token"):
            async with http.post(f"{backend.url}/api/outbox/claim", json={"limit": 5},
                                 headers={"Authorization": f"Bearer {token}"}) as response:
                await response.read()
        async with http.get(f"{backend.url}/api/outbox?limit=5",
                            headers={"Authorization": f"Bearer {GATEWAY}"}) as response:
            assert response.status == 200

    def access(request_line: str) -> list[str]:
        return [r.getMessage() for r in caplog.records
                if r.name == "aiohttp.access" and r.levelno >= logging.INFO
                and request_line in r.getMessage()]

    claims = access("POST /api/outbox/claim ")
    assert len(claims) == 1 and '" 401 ' in claims[0]  # the refused poll, not the two good ones
    assert len(access("GET /api/outbox?limit=5 ")) == 1  # other requests are logged as before
