"""POST /api/messages/inbound and /outbound: storage, identification, idempotency."""

import asyncio
import re

import pytest

from tests.backend.helpers import call, inbound


@pytest.mark.parametrize(("channel", "address"), [
    ("sms", "+34976123456"),
    ("whatsapp", "whatsapp:+34976123456"),
    ("email", "MARTA.Lazaro@TalleresEbro.es"),
    ("telegram", "100200301"),
])
async def test_known_sender_is_verified_on_first_message(client, channel, address):
    body = await inbound(client, channel, address)
    assert body["verified"] is True
    assert body["customer_code"] == "C-1001"
    assert re.fullmatch(r"CONV-00001-[0-9A-HJKMNP-TV-Z]{9}", body["conversation_id"])
    assert body["handled_by"] == "bot"
    assert body["duplicate"] is False
    assert body["offered_payloads"] == []


@pytest.mark.parametrize("channel", ["web", "rest"])
async def test_web_and_rest_are_never_auto_verified(client, channel):
    body = await inbound(client, channel, "marta.lazaro@talleresebro.es")
    assert body["verified"] is False
    assert body["customer_code"] is None


async def test_unknown_sender_is_not_verified(client):
    body = await inbound(client, "sms", "+34600000000")
    assert body["verified"] is False and body["customer_code"] is None


async def test_same_address_continues_the_conversation(client):
    first = await inbound(client, "telegram", "555", "hola")
    second = await inbound(client, "telegram", "555", "sigo aquí")
    other = await inbound(client, "telegram", "556", "otro")
    assert first["conversation_id"] == second["conversation_id"] != other["conversation_id"]
    assert first["message_id"] != second["message_id"]


async def test_repeated_provider_message_is_stored_once(client):
    first = await inbound(client, "telegram", "555", "hola", provider_message_id="tg-1")
    again = await inbound(client, "telegram", "555", "hola", provider_message_id="tg-1")
    assert again["duplicate"] is True
    assert again["message_id"] == first["message_id"]
    other_channel = await inbound(client, "sms", "+34600000000", "x", provider_message_id="tg-1")
    assert other_channel["duplicate"] is False
    cid = first["conversation_id"]
    status, body = await call(client, "GET", f"/api/conversations/{cid}/messages")
    assert status == 200
    assert [m["text"] for m in body["messages"]] == ["hola"]


async def test_concurrent_first_messages_share_one_conversation(client):
    results = await asyncio.gather(*[
        inbound(client, "sms", "+34611111111", f"m{i}", provider_message_id=f"sm-{i}")
        for i in range(6)
    ])
    assert len({r["conversation_id"] for r in results}) == 1
    assert len({r["message_id"] for r in results}) == 6


async def test_concurrent_repeats_store_one_message(client):
    results = await asyncio.gather(*[
        inbound(client, "sms", "+34611111112", "same", provider_message_id="dup-1")
        for _ in range(5)
    ])
    assert len({r["message_id"] for r in results}) == 1
    assert sorted(r["duplicate"] for r in results) == [False, True, True, True, True]


async def test_outbound_buttons_become_offered_payloads(client):
    conv = (await inbound(client, "web", "sess-1"))["conversation_id"]
    buttons = [{"title": "Sí", "payload": "/affirm"}, {"title": "No", "payload": "/deny"}]
    status, body = await call(
        client, "POST", "/api/messages/outbound", "gateway",
        json={"conversation_id": conv, "text": "¿Seguro?", "buttons": buttons})
    assert status == 201
    assert body["message_id"].startswith("MSG-")
    again = await inbound(client, "web", "sess-1", "/affirm")
    assert again["offered_payloads"] == ["/affirm", "/deny"]
    await call(client, "POST", "/api/messages/outbound", "gateway",
               json={"conversation_id": conv, "text": "Vale"})
    assert (await inbound(client, "web", "sess-1", "x"))["offered_payloads"] == []
    _, history = await call(client, "GET", f"/api/conversations/{conv}/messages", "agents")
    assert [(m["direction"], m["text"]) for m in history["messages"]] == [
        ("in", "hola"), ("out", "¿Seguro?"), ("in", "/affirm"), ("out", "Vale"), ("in", "x")]
    assert history["messages"][1]["payload"] == {"buttons": buttons}


async def test_outbound_to_unknown_conversation_is_404(client):
    status, body = await call(client, "POST", "/api/messages/outbound", "gateway",
                              json={"conversation_id": "CONV-09999", "text": "x"})
    assert status == 404 and body["error"]["code"] == "not_found"


@pytest.mark.parametrize(("payload", "field"), [
    ({"channel": "fax", "address": "1", "text": "x"}, "body.channel"),
    ({"channel": "sms", "text": "x"}, "body.address"),
    ({"channel": "sms", "address": "  ", "text": "x"}, "body.address"),
    ({"channel": "sms", "address": "1", "text": 5}, "body.text"),
    ({"channel": "sms", "address": "1", "text": "x", "metadata": []}, "body.metadata"),
])
async def test_bad_inbound_is_400_and_stores_nothing(client, payload, field):
    status, body = await call(client, "POST", "/api/messages/inbound", "gateway", json=payload)
    assert status == 400
    assert body["error"]["code"] == "invalid_request"
    assert body["error"]["field"] == field
    first = await inbound(client, "sms", "+34600000001")
    assert first["conversation_id"].startswith("CONV-00001-")
