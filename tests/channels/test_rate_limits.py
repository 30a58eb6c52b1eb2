"""Anonymous traffic limited per client (issue 19, acceptance 3).

A bounded burst on loopback against the real gateway (real backend, fake Rasa): one
client (127.0.0.1) opens widget sessions, REST conversations and widget messages past
its budget and gets 429s (the widget an error event) with a clear body; another client
(127.0.0.2, a second loopback address) is served throughout. The bucket arithmetic is
checked with an injected clock."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from typing import Any

import aiohttp
import pytest
from aiohttp.test_utils import TestServer

from channels.app import create_app
from channels.config import Settings
from channels.core.ratelimit import Buckets, Budget, RateLimits
from channels.core.texts import TEXTS
from tests.channels.conftest import REST_TOKEN, AiohttpServer
from tests.helpers.widget import authenticate

AUTH = {"Authorization": f"Bearer {REST_TOKEN}"}
LIMITS = RateLimits(session=Budget(per_minute=6, burst=5),
                    message=Budget(per_minute=12, burst=10))


@pytest.fixture
async def server(aiohttp_server: AiohttpServer, settings: Settings) -> TestServer:
    return await aiohttp_server(create_app(replace(settings), LIMITS), host="127.0.0.1")


@pytest.fixture
async def clients(server: TestServer) -> AsyncIterator[tuple[aiohttp.ClientSession, ...]]:
    sessions = [aiohttp.ClientSession(
        base_url=str(server.make_url("/")),
        connector=aiohttp.TCPConnector(local_addr=(address, 0), force_close=True))
        for address in ("127.0.0.1", "127.0.0.2")]
    yield tuple(sessions)
    for session in sessions:
        await session.close()


def assert_refused(status: int, body: Any, headers: Any) -> None:
    assert status == 429
    assert body["error"]["code"] == "rate_limited"
    assert body["error"]["message"] == TEXTS["rate_limited"]
    assert int(headers["Retry-After"]) == body["error"]["retry_after"] >= 1


async def test_a_burst_of_sessions_is_limited_for_that_client_only(
        clients: tuple[aiohttp.ClientSession, ...]) -> None:
    loud, quiet = clients
    statuses = []
    for _ in range(12):
        async with loud.post("/session", json={}) as resp:
            statuses.append(resp.status)
            if resp.status == 429:
                assert_refused(resp.status, await resp.json(), resp.headers)
    assert statuses[:5] == [201] * 5 and statuses.count(429) >= 6
    for _ in range(5):
        async with quiet.post("/session", json={}) as resp:
            assert resp.status == 201


async def test_new_rest_conversations_and_messages_are_limited_per_client(
        clients: tuple[aiohttp.ClientSession, ...]) -> None:
    loud, quiet = clients
    statuses = []
    for n in range(8):  # a new sender id each time: a new conversation
        async with loud.post("/webhooks/rest/webhook", headers=AUTH,
                             json={"sender": f"bot-{n}", "message": "hola"}) as resp:
            statuses.append(resp.status)
            if resp.status == 429:
                assert_refused(resp.status, await resp.json(), resp.headers)
    assert statuses[:5] == [200] * 5 and set(statuses[5:]) == {429}
    # the same client's known senders may go on talking, up to the message budget
    more = []
    for _ in range(8):
        async with loud.post("/webhooks/rest/webhook", headers=AUTH,
                             json={"sender": "bot-0", "message": "¿y ahora?"}) as resp:
            more.append(resp.status)
    assert 200 in more and 429 in more
    for n in range(4):
        async with quiet.post("/webhooks/rest/webhook", headers=AUTH,
                              json={"sender": f"person-{n}", "message": "hola"}) as resp:
            assert resp.status == 200


async def test_widget_messages_past_the_budget_get_an_error_event(
        clients: tuple[aiohttp.ClientSession, ...]) -> None:
    loud, _ = clients
    async with loud.post("/session", json={}) as resp:
        token = (await resp.json())["token"]
    events: list[dict[str, Any]] = []
    async with loud.ws_connect("/ws") as ws:
        await authenticate(ws, token)
        for n in range(14):
            await ws.send_json({"type": "message", "text": f"m{n}", "id": f"c{n}"})
        while sum(e.get("type") in ("ack", "error") for e in events) < 14:
            events.append(await ws.receive_json(timeout=10))
    acks = [e for e in events if e["type"] == "ack"]
    refused = [e for e in events if e["type"] == "error"]
    assert len(acks) == 10 and len(refused) == 4
    assert {e["code"] for e in refused} == {"rate_limited"}


def test_buckets_refill_at_their_rate() -> None:
    now = [0.0]
    buckets = Buckets(Budget(per_minute=60, burst=2), clock=lambda: now[0])
    assert [buckets.take("a"), buckets.take("a")] == [0.0, 0.0]
    assert buckets.take("a") == pytest.approx(1.0)
    assert buckets.take("b") == 0.0  # another client has its own bucket
    now[0] = 1.5
    assert buckets.take("a") == 0.0
    off = Buckets(Budget(per_minute=0, burst=0), clock=lambda: now[0])
    assert all(off.take("a") == 0.0 for _ in range(100))


def test_limits_from_the_environment() -> None:
    limits = RateLimits.from_env({"AVISA_LIMIT_SESSIONS_PER_MINUTE": "0",
                                  "AVISA_LIMIT_MESSAGES_BURST": "5",
                                  "AVISA_TRUSTED_PROXIES": "127.0.0.1, ::1"})
    assert not limits.session.on and limits.message == Budget(120, 5)
    assert limits.trusted_proxies == {"127.0.0.1", "::1"}
    assert RateLimits.from_env({}) == RateLimits()
