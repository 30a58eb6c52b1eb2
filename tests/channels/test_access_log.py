"""The gateway's access log holds no widget session token (issue 19): the widget sends it
in the WebSocket's first frame, and a token put in a URL anyway is logged by its path only."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer

from channels.app import create_app
from channels.config import Settings
from channels.core.access_log import PathOnlyAccessLogger
from tests.helpers.widget import authenticate


async def test_the_session_token_never_reaches_the_access_log(
        settings: Settings, caplog: pytest.LogCaptureFixture) -> None:
    server = TestServer(create_app(settings))
    await server.start_server(access_log_class=PathOnlyAccessLogger)  # as python -m channels
    async with TestClient(server) as client:
        caplog.set_level(logging.INFO, logger="aiohttp.access")
        resp = await client.post("/session", json={})
        token = (await resp.json())["token"]
        async with client.ws_connect("/ws") as ws:
            await authenticate(ws, token)
            ready: Any = await ws.receive_json(timeout=10)
            assert ready == {"type": "ready"}
        await client.get(f"/health?token={token}")
    lines = [r.getMessage() for r in caplog.records if r.name == "aiohttp.access"]
    assert any('"GET /ws HTTP/1.1" 101' in line for line in lines), lines
    assert any('"GET /health HTTP/1.1" 200' in line for line in lines), lines
    assert not [line for line in lines if token in line or "token=" in line]
