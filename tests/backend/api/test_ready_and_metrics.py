"""/api/health/ready names the dependency that does not answer (503); /metrics speaks the
Prometheus text format, needs a token and labels latency by route template."""

from __future__ import annotations

import socket
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer

from backend.api.observe import ACTION_SERVER_URL
from backend.bootstrap import create_app
from backend.config import Settings
from tests.backend.helpers import h
from tests.conftest import FakeClock


def dead_url() -> str:
    """A loopback port nothing listens on (bound, then closed)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{s.getsockname()[1]}"


async def _alive(request: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


@pytest.fixture
async def live_deps() -> Any:
    """Stand-ins answering Rasa's ``/`` and the action server's ``/health`` over HTTP."""
    app = web.Application()
    app.router.add_get("/", _alive)
    app.router.add_get("/health", _alive)
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    yield str(server.make_url("")).rstrip("/")
    await server.close()


async def test_ready_when_every_dependency_answers(
    aiohttp_client: Any, db_url: str, tokens: dict[str, str], live_deps: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(ACTION_SERVER_URL, live_deps)
    settings = Settings(database_url=db_url, tokens=tokens, rasa_url=live_deps)
    client = await aiohttp_client(create_app(settings, clock=FakeClock()))
    resp = await client.get("/api/health/ready")
    assert resp.status == 200
    body = await resp.json()
    assert body == {"status": "ready", "failed": [],
                    "checks": {"database": "ok", "rasa": "ok", "action_server": "ok"}}


async def test_ready_is_503_naming_a_dead_rasa(
    aiohttp_client: Any, db_url: str, tokens: dict[str, str], live_deps: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(ACTION_SERVER_URL, live_deps)
    settings = Settings(database_url=db_url, tokens=tokens, rasa_url=dead_url())
    client = await aiohttp_client(create_app(settings, clock=FakeClock()))
    resp = await client.get("/api/health/ready")
    assert resp.status == 503
    body = await resp.json()
    assert body["failed"] == ["rasa"]
    assert body["checks"]["database"] == "ok" and body["checks"]["action_server"] == "ok"
    assert (await client.get("/api/health")).status == 200  # alive, just not ready


async def test_ready_is_503_naming_a_dead_action_server(
    aiohttp_client: Any, db_url: str, tokens: dict[str, str], live_deps: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(ACTION_SERVER_URL, dead_url())
    settings = Settings(database_url=db_url, tokens=tokens, rasa_url=live_deps)
    client = await aiohttp_client(create_app(settings, clock=FakeClock()))
    resp = await client.get("/api/health/ready")
    assert resp.status == 503
    assert (await resp.json())["failed"] == ["action_server"]


def _sample(text: str, name: str, **labels: str) -> float:
    want = ",".join(f'{k}="{v}"' for k, v in sorted(labels.items()))
    for line in text.splitlines():
        if line.startswith((name + "{", name + " ")):
            head, _, value = line.rpartition(" ")
            got = head[len(name):].strip("{}")
            if ",".join(sorted(got.split(","))) == want or (not want and not got):
                return float(value)
    return 0.0


async def test_metrics_need_a_token_and_count_by_route_template(client: Any) -> None:
    assert (await client.get("/metrics")).status == 401
    before = await (await client.get("/metrics", headers=h("admin"))).text()
    inbound = {"channel": "sms", "address": "+34976123456", "text": "hola"}
    stored = await client.post("/api/messages/inbound", json=inbound, headers=h("gateway"))
    assert stored.status == 200
    await client.get("/api/incidents/INC-999999/sla", headers=h("admin"))
    resp = await client.get("/metrics", headers=h("admin"))
    assert resp.status == 200 and resp.content_type == "text/plain"
    after = await resp.text()
    name = "avisa_backend_inbound_messages_total"
    assert _sample(after, name, channel="sms") == _sample(before, name, channel="sms") + 1
    hist = "avisa_backend_http_request_duration_seconds_count"
    labels = {"method": "GET", "route": "/api/incidents/{id}/sla", "status": "2xx"}
    assert _sample(after, hist, **labels) >= _sample(before, hist, **labels) + 1
    assert "INC-999999" not in after  # route templates, never raw paths
    assert "avisa_outbox_depth" in after
