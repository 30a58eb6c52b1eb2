"""The web widget: page, script, sessions and the WebSocket."""

from __future__ import annotations

from typing import Any

import aiohttp
import pytest
from aiohttp.test_utils import TestClient

from tests.channels.backends import BackendHarness, transcript
from tests.channels.conftest import GatewayFactory, closed_port_url
from tests.channels.fakes import FakeRasa, buttons_reply
from tests.channels.helpers import next_event
from tests.helpers.widget import authenticate

Client = TestClient[Any, Any]


async def new_token(gateway: Client, body: Any = None) -> str:
    response = await gateway.post("/session", json=body or {})
    assert response.status in (200, 201)
    token: str = (await response.json())["token"]
    return token


async def test_page_and_script_are_served(gateway: Client) -> None:
    page = await gateway.get("/")
    html = await page.text()
    assert page.status == 200 and 'src="/widget.js"' in html
    assert "frame-ancestors 'none'" in page.headers["Content-Security-Policy"]
    script = await gateway.get("/widget.js")
    assert script.status == 200 and script.content_type == "application/javascript"
    source = await script.text()
    assert "Escribe tu mensaje" in source and "Type your message" in source
    assert "innerHTML" not in source  # bot text is never parsed as HTML
    css = await gateway.get("/widget.css")
    assert css.status == 200 and css.content_type == "text/css"


async def test_session_is_kept_when_valid_and_replaced_when_not(gateway: Client) -> None:
    token = await new_token(gateway)
    assert await new_token(gateway, {"token": token}) == token
    session_id, issued_at, _ = token.split(".")
    forged = f"{session_id}.{issued_at}.AAAA"
    renewed = await new_token(gateway, {"token": forged})
    assert renewed != forged and renewed.split(".")[0] != session_id
    preflight = await gateway.options("/session")
    assert preflight.status == 204


@pytest.mark.parametrize(
    "mangle", ["other-id", "altered-signature", "empty", "not-auth", "in-the-url-only"])
async def test_forged_or_missing_tokens_close_the_socket(
        gateway: Client, rasa: FakeRasa, mangle: str) -> None:
    token = await new_token(gateway)
    victim = (await new_token(gateway)).split(".")[0]
    _, issued_at, signature = token.split(".")
    url, first = {
        "other-id": ("/ws", {"type": "auth", "token": f"{victim}.{issued_at}.{signature}"}),
        "altered-signature": ("/ws", {"type": "auth",
                                      "token": token[:-1] + ("A" if token[-1] != "A" else "B")}),
        "empty": ("/ws", {"type": "auth", "token": ""}),
        "not-auth": ("/ws", {"type": "message", "text": "hola"}),
        "in-the-url-only": (f"/ws?token={token}", {"type": "message", "text": "hola"}),
    }[mangle]
    async with gateway.ws_connect(url) as ws:
        await ws.send_json(first)
        closed = await ws.receive(timeout=10)
    assert closed.type == aiohttp.WSMsgType.CLOSE and ws.close_code == 4401, closed
    assert rasa.requests == []  # nothing reached the bot


async def test_ws_round_trip_with_buttons(
    gateway: Client, rasa: FakeRasa, backend: BackendHarness
) -> None:
    token = await new_token(gateway)
    rasa.script = buttons_reply("/affirm", "/deny")
    async with gateway.ws_connect("/ws") as ws:
        await authenticate(ws, token)
        await next_event(ws, "ready")
        await ws.send_json({"type": "message", "text": "/restart", "id": "c1"})
        await next_event(ws, "typing")
        assert await next_event(ws, "ack") == {"type": "ack", "id": "c1"}
        bot = await next_event(ws, "bot")
        assert bot["text"] == "Choose"
        assert [b["payload"] for b in bot["buttons"]] == ["/affirm", "/deny"]
        await ws.send_json({"type": "button", "payload": "/affirm", "title": "Sí", "id": "c2"})
        await next_event(ws, "bot")
    assert rasa.messages == ["restart", "/affirm"]
    request = rasa.requests[0]
    assert request["input_channel"] == "web"
    assert request["metadata"]["address"] == token.split(".")[0]
    stored = await transcript(backend, request["sender"])
    assert [m["text"] for m in stored if m["direction"] == "in"] == ["/restart", "Sí"]


async def test_ws_resend_with_same_id_is_not_forwarded_twice(
    gateway: Client, rasa: FakeRasa
) -> None:
    token = await new_token(gateway)
    for _ in range(2):  # e.g. the browser reconnected before it saw the ack
        async with gateway.ws_connect("/ws") as ws:
            await authenticate(ws, token)
            await ws.send_json({"type": "message", "text": "hola", "id": "same"})
            assert (await next_event(ws, "ack"))["id"] == "same"
    assert rasa.messages == ["hola"]


@pytest.mark.parametrize(
    ("frame", "code"),
    [
        ("not json", "bad_request"),
        ('{"type": "shout", "text": "x"}', "bad_request"),
        ('{"type": "message"}', "bad_request"),
        ('{"type": "message", "text": "   "}', "empty"),
    ],
)
async def test_ws_bad_input_gets_a_clear_error(
    gateway: Client, rasa: FakeRasa, frame: str, code: str
) -> None:
    token = await new_token(gateway)
    async with gateway.ws_connect("/ws") as ws:
        await authenticate(ws, token)
        await ws.send_str(frame)
        error = await next_event(ws, "error")
        assert error["code"] == code and "\n" in error["text"]  # both languages
        await ws.send_json({"type": "message", "text": "sigo aquí"})
        await next_event(ws, "bot")  # the socket survived
    assert rasa.messages == ["sigo aquí"]


async def test_ws_backend_down_is_reported_and_rasa_not_called(
    make_gateway: GatewayFactory, rasa: FakeRasa
) -> None:
    gateway = await make_gateway(backend_url=closed_port_url())
    token = await new_token(gateway)
    async with gateway.ws_connect("/ws") as ws:
        await authenticate(ws, token)
        await ws.send_json({"type": "message", "text": "hola", "id": "c9"})
        error = await next_event(ws, "error")
    assert (error["code"], error["id"]) == ("unavailable", "c9")  # the widget will resend
    assert rasa.requests == []
