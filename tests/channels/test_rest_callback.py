"""A REST-channel client registered with a callback URL receives the agent's messages,
signed with its secret (issue 22, acceptance 5): the real backend and gateway, a fake Rasa
that asks for a person, an agent replying from the console API, and a local receiver that
checks the HMAC of the body as a client would."""

from __future__ import annotations

import hashlib
import hmac
import json
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web

from channels.core.errors import ConfigError
from channels.rest.callback import RestCallback
from tests.backend.handoff.desk_stack import agent_session, start_desk
from tests.channels.helpers import eventually
from tests.channels.provider_stack import AiohttpServer, start_gateway

SECRET = "client-secret-0123456789"
REST_TOKEN = "rest-client-token"


class Receiver:
    """The client's endpoint: keeps each request's raw body and headers; answers 500 to
    the first ``fail`` requests."""

    def __init__(self, fail: int = 0) -> None:
        self.calls: list[tuple[bytes, dict[str, str]]] = []
        self.fail = fail

    async def handle(self, request: web.Request) -> web.Response:
        self.calls.append((await request.read(), dict(request.headers)))
        if self.fail:
            self.fail -= 1
            return web.Response(status=500)
        return web.Response(status=204)

    def verified(self) -> list[dict[str, Any]]:
        """The bodies whose signature the client's own check accepts."""
        out = []
        for body, headers in self.calls:
            expected = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
            if hmac.compare_digest(headers.get("X-Avisa-Signature", ""), expected):
                out.append(json.loads(body))
        return out


async def test_the_agents_reply_reaches_the_callback_signed(
        aiohttp_server: AiohttpServer, tmp_path: Path, sqlite_template: Path) -> None:
    receiver = Receiver(fail=1)  # the first delivery fails: the outbox retries it
    app = web.Application()
    app.router.add_post("/avisa/inbox", receiver.handle)
    client_server = await aiohttp_server(app)
    stack = await start_desk(aiohttp_server, tmp_path, sqlite_template)
    callback = RestCallback(str(client_server.make_url("/avisa/inbox")), SECRET)
    await start_gateway(aiohttp_server, stack, token_rest=REST_TOKEN, rest_callback=callback)
    try:
        http, csrf = await agent_session(stack)
        async with http.post(stack.gateway_url + "/webhooks/rest/webhook",
                             json={"sender": "client-42", "message": "quiero una persona"},
                             headers={"Authorization": f"Bearer {REST_TOKEN}"}) as resp:
            assert resp.status == 200
            assert "Te paso con una persona" in (await resp.json())[0]["text"]
        console = stack.backend_url + "/console/api"
        async with http.get(console + "/queue") as resp:
            [item] = (await resp.json())["items"]
        hid = item["id"]
        for path, body in ((f"/handoffs/{hid}/take", {}),
                           (f"/handoffs/{hid}/reply", {"text": "Hola, soy Ana. ¿Qué pasa?"})):
            async with http.post(console + path, json=body,
                                 headers={"X-CSRF-Token": csrf}) as resp:
                assert resp.status in (200, 201), await resp.text()

        async def delivered() -> list[dict[str, Any]]:
            got = receiver.verified()
            return got if any(m["kind"] == "agent_reply" for m in got) else []

        messages = await eventually(delivered, timeout=15)
        reply = next(m for m in messages if m["kind"] == "agent_reply")
        assert reply["text"] == "Hola, soy Ana. ¿Qué pasa?"
        assert reply["recipient_id"] == "client-42"
        assert receiver.calls[1][1]["X-Avisa-Delivery"] == reply["id"]
        # the first row (the agent joined) got a 500: retried later with the same id
        joined = json.loads(receiver.calls[0][0])
        assert joined["kind"] == "agent_joined"
        stack.clock.advance(minutes=30)

        async def retried() -> bool:
            return len(receiver.calls) >= 3

        await eventually(retried, timeout=15)
        assert json.loads(receiver.calls[2][0]) == joined
        # at least once: every request signed, the ids tell the client what it already has
        assert len(receiver.verified()) == len(receiver.calls)
        assert {m["id"] for m in receiver.verified()} == {joined["id"], reply["id"]}
        forged = receiver.calls[2][0].replace(b"Ana", b"Eve")
        expected = "sha256=" + hmac.new(SECRET.encode(), forged, hashlib.sha256).hexdigest()
        assert receiver.calls[2][1]["X-Avisa-Signature"] != expected  # the body is signed
        await http.close()
    finally:
        await stack.telegram.stop()
        await stack.twilio.stop()


def test_a_callback_needs_an_http_url_and_a_long_secret() -> None:
    assert RestCallback.from_env({}) is None
    with pytest.raises(ConfigError, match="at least 16"):
        RestCallback.from_env({"AVISA_REST_CALLBACK_URL": "https://c.example/in",
                               "AVISA_REST_CALLBACK_SECRET": "short"})
    with pytest.raises(ConfigError, match="http"):
        RestCallback.from_env({"AVISA_REST_CALLBACK_URL": "ftp://c.example/in",
                               "AVISA_REST_CALLBACK_SECRET": SECRET})
    assert RestCallback.from_env({"AVISA_REST_CALLBACK_URL": "https://c.example/in",
                                  "AVISA_REST_CALLBACK_SECRET": SECRET}) == RestCallback(
        "https://c.example/in", SECRET)
