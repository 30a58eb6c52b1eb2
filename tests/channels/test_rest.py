"""The REST channel and, through it, the shared pipeline."""

from __future__ import annotations

from typing import Any

import aiohttp
import pytest
from aiohttp.test_utils import TestClient

from backend.domain.texts import TEXTS as BACKEND_TEXTS
from channels.core.texts import TEXTS
from tests.channels.backends import BackendHarness, transcript
from tests.channels.conftest import REST_TOKEN, GatewayFactory, closed_port_url
from tests.channels.fakes import FakeRasa, buttons_reply

AUTH = {"Authorization": f"Bearer {REST_TOKEN}"}
Client = TestClient[Any, Any]


WAITING = BACKEND_TEXTS["handoff_waiting"]


async def say(
    gateway: Client, text: str, sender: str = "ana", metadata: dict[str, Any] | None = None
) -> Any:
    body: dict[str, Any] = {"sender": sender, "message": text}
    if metadata is not None:
        body["metadata"] = metadata
    response = await gateway.post("/webhooks/rest/webhook", json=body, headers=AUTH)
    assert response.status == 200, await response.text()
    return await response.json()


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {REST_TOKEN}"}],
)
async def test_rest_requires_the_rest_token(
    gateway: Client, rasa: FakeRasa, headers: dict[str, str]
) -> None:
    body = {"sender": "ana", "message": "hola"}
    response = await gateway.post("/webhooks/rest/webhook", json=body, headers=headers)
    assert response.status == 401
    assert (await response.json())["error"]["code"] == "unauthorized"
    assert rasa.requests == []


async def test_rest_round_trip_stores_both_ways(
    gateway: Client, rasa: FakeRasa, backend: BackendHarness
) -> None:
    answer = await say(gateway, "la copiadora no imprime")
    assert answer == [{"recipient_id": "ana", "text": "echo: la copiadora no imprime"}]
    [request] = rasa.requests
    conversation_id = request["sender"]
    assert conversation_id.startswith("CONV-")
    assert request["input_channel"] == "rest"
    assert request["metadata"] == {
        "channel": "rest",
        "address": "ana",
        "conversation_id": conversation_id,
    }
    stored = await transcript(backend, conversation_id)
    assert [(m["direction"], m["text"]) for m in stored] == [
        ("in", "la copiadora no imprime"),
        ("out", "echo: la copiadora no imprime"),
    ]


async def test_user_typed_slash_command_is_stripped(gateway: Client, rasa: FakeRasa) -> None:
    await say(gateway, "/restart")
    assert rasa.messages == ["restart"]


async def test_offered_payload_passes_unchanged(
    gateway: Client, rasa: FakeRasa, backend: BackendHarness
) -> None:
    rasa.script = buttons_reply("/affirm", "/deny")
    answer = await say(gateway, "hola")
    assert answer[0]["buttons"] == [
        {"title": "Affirm", "payload": "/affirm"},
        {"title": "Deny", "payload": "/deny"},
    ]
    stored = await transcript(backend, rasa.requests[0]["sender"])
    assert [b["payload"] for b in _buttons(stored[-1])] == ["/affirm", "/deny"]
    await say(gateway, "/affirm")
    await say(gateway, "/restart")  # offered list is still affirm/deny
    assert rasa.messages == ["hola", "/affirm", "restart"]


def _buttons(message: dict[str, Any]) -> list[dict[str, Any]]:
    buttons = message.get("buttons") or (message.get("payload") or {}).get("buttons") or []
    return list(buttons)


async def test_rasa_down_still_stores_and_answers_politely(
    make_gateway: GatewayFactory, backend: BackendHarness
) -> None:
    gateway = await make_gateway(rasa_url=closed_port_url())
    answer = await say(gateway, "se ha roto el compresor", sender="bea")
    assert answer == [{"recipient_id": "bea", "text": TEXTS["rasa_down"]}]
    assert "saved" in TEXTS["rasa_down"] and "guardado" in TEXTS["rasa_down"]
    conversation_id = await _probe(backend, "bea")  # stores "probe" after it
    stored = await transcript(backend, conversation_id)
    assert [m["text"] for m in stored if m["direction"] == "in"] == [
        "se ha roto el compresor",
        "probe",
    ]
    assert [m["text"] for m in stored if m["direction"] == "out"] == [TEXTS["rasa_down"]]


async def test_rasa_error_answer_gives_the_polite_reply(gateway: Client, rasa: FakeRasa) -> None:
    rasa.fail_status = 500
    assert await say(gateway, "hola") == [{"recipient_id": "ana", "text": TEXTS["rasa_down"]}]
    assert rasa.messages == ["hola"]


async def _probe(backend: BackendHarness, sender: str) -> str:
    """Find the conversation of a REST sender by storing one more message."""
    body = {"channel": "rest", "address": sender, "text": "probe"}
    headers = {"Authorization": f"Bearer {backend.gateway_token}"}
    async with (
        aiohttp.ClientSession() as http,
        http.post(f"{backend.url}/api/messages/inbound", json=body, headers=headers) as response,
    ):
        return str((await response.json())["conversation_id"])


async def test_backend_down_is_503_and_rasa_is_not_called(
    make_gateway: GatewayFactory, rasa: FakeRasa
) -> None:
    gateway = await make_gateway(backend_url=closed_port_url())
    body = {"sender": "ana", "message": "hola"}
    response = await gateway.post("/webhooks/rest/webhook", json=body, headers=AUTH)
    assert response.status == 503
    assert rasa.requests == []


async def test_duplicate_provider_id_is_not_forwarded_again(
    gateway: Client, rasa: FakeRasa
) -> None:
    meta = {"message_id": "m-1"}
    assert await say(gateway, "hola", metadata=meta)
    assert await say(gateway, "hola", metadata=meta) == []
    assert rasa.messages == ["hola"]


async def test_a_replayed_message_is_answered_again_and_its_reply_stored_once(
    make_gateway: GatewayFactory, rasa: FakeRasa, backend: BackendHarness
) -> None:
    """Replicas (AVISA_RASA_REPLAY): a customer's retry of a message whose gateway died after
    storing the reply is answered again, and the transcript keeps that reply once (the
    failover test's "7 replies stored, 6 received")."""
    gateway = await make_gateway(rasa_replay=True)
    meta = {"message_id": "m-1"}
    first = await say(gateway, "hola", metadata=meta)
    assert await say(gateway, "hola", metadata=meta) == first == [
        {"recipient_id": "ana", "text": "echo: hola"}]
    stored = await transcript(backend, rasa.requests[0]["sender"])
    assert [(m["direction"], m["text"]) for m in stored] == [("in", "hola"),
                                                             ("out", "echo: hola")]


async def test_conversation_with_an_agent_is_not_forwarded_but_acknowledged(
    gateway: Client, rasa: FakeRasa, backend: BackendHarness
) -> None:
    """Nobody has taken the conversation yet: the customer is told a person will answer
    (the backend's notice, kept in the transcript), and Rasa is not asked."""
    await say(gateway, "hola")
    cid = rasa.requests[0]["sender"]
    await backend.hand_to_agent(cid)
    [reply] = await say(gateway, "quiero hablar con alguien")
    assert reply["recipient_id"] == "ana" and reply["text"] in WAITING.values()
    assert rasa.messages == ["hola"]
    assert (await transcript(backend, cid))[-1]["text"] == reply["text"]


@pytest.mark.parametrize(
    "body",
    [
        {"message": "hola"},
        {"sender": "", "message": "x"},
        {"sender": "a", "message": 3},
        {"sender": "a", "message": "x", "metadata": []},
        {"sender": "a", "message": "   "},
        {"sender": "a", "message": "x" * 4001},
    ],
)
async def test_bad_rest_input_is_400(gateway: Client, rasa: FakeRasa, body: Any) -> None:
    response = await gateway.post("/webhooks/rest/webhook", json=body, headers=AUTH)
    assert response.status == 400
    assert (await response.json())["error"]["code"]
    assert rasa.requests == []
