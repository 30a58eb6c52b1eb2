"""Linking a Telegram account by verification, one customer across channels, polling mode,
and Telegram being down."""

from __future__ import annotations

import asyncio
import re
from typing import Any

from tests.channels.helpers import eventually
from tests.channels.provider_stack import AiohttpServer, Stack, start_gateway
from tests.channels.sms.helpers import MARTA, bodies, text_in
from tests.channels.telegram.helpers import deliver, sent_to, update


async def verify_on_telegram(live: Stack, user_id: int) -> str:
    """Play the action server: ask for C-1001's code, read it from the outbox, check it."""
    await deliver(live, update("message_start_es.json", user_id=user_id, text="hola"))
    await sent_to(live, user_id)
    conversation = await live.conversation("telegram", str(user_id))
    assert conversation is not None and not conversation.verified
    cid = str(conversation.id)
    status, _ = await live.api("POST", f"/api/conversations/{cid}/verification",
                               role="actions", body={"customer_code": "C-1001"})
    assert status == 200
    code = await eventually(lambda: _code_in_outbox(live))
    status, body = await live.api("POST", f"/api/conversations/{cid}/verification/check",
                                  role="actions", body={"code": code})
    assert status == 200 and body["verified"], body
    return cid


async def _code_in_outbox(live: Stack) -> str | None:
    """The code went to the e-mail on file (a dev-outbox row in these tests)."""
    _, listing = await live.api("GET", "/api/outbox?limit=50", role="gateway")
    for row in listing["items"]:
        match = re.search(r"\b(\d{6})\b", row["text"])
        if row["kind"] == "otp" and match:
            assert row["channel"] == "email" and row["address"] == "marta@talleresebro.es"
            return match.group(1)
    return None


async def test_verification_links_the_telegram_account_to_the_contact(live: Stack) -> None:
    await verify_on_telegram(live, 700)
    status, customer = await live.api("GET", "/api/customers/C-1001")
    assert status == 200
    assert [c["telegram_id"] for c in customer["contacts"]] == ["700"]
    status, by_address = await live.api("GET", "/api/customers/C-2001")
    assert [c["telegram_id"] for c in by_address["contacts"]] == [None]


async def test_one_customer_across_channels_status_and_transcript(live: Stack) -> None:
    cid = await verify_on_telegram(live, 701)
    status, incident = await live.api(
        "POST", f"/api/conversations/{cid}/incidents", role="actions",
        body={"equipment_id": "EQ-0001", "symptom": "el compresor pierde aceite",
              "priority": "high", "service_type": "corrective"})
    assert status in (200, 201), incident
    incident_id = incident.get("id") or incident["incident"]["id"]
    await text_in(live, MARTA, "¿cómo va lo del compresor?")
    await bodies(live, MARTA)
    sms = await live.conversation("sms", MARTA)
    assert sms is not None and sms.customer_code == "C-1001"
    status, listing = await live.api("GET", f"/api/conversations/{sms.id}/incidents",
                                     role="actions")
    assert status == 200 and incident_id in [i["id"] for i in listing["incidents"]]
    status, one = await live.api("GET", f"/api/conversations/{sms.id}/incidents/{incident_id}",
                                 role="actions")
    assert status == 200 and one["channel"] == "telegram"
    status, transcript = await live.api("GET", "/api/customers/C-1001/messages")
    assert status == 200
    assert {c["channel"] for c in transcript["conversations"]} == {"telegram", "sms"}
    texts = [m["text"] for m in transcript["messages"]]
    assert "hola" in texts and "¿cómo va lo del compresor?" in texts
    status, _ = await live.api("GET", "/api/customers/C-9999/messages")
    assert status == 404


async def test_polling_mode_without_public_url(aiohttp_server: AiohttpServer,
                                               stack: Stack) -> None:
    live = await start_gateway(aiohttp_server, stack, public_url=None)
    raw = update("message_text_en.json", user_id=702)
    live.telegram.push_update(raw)
    live.telegram.push_update(raw)  # Telegram may hand the same update out twice
    sent = await sent_to(live, 702)
    assert sent[0]["text"].startswith("echo: Hi")
    assert live.telegram.sent("deleteWebhook") and live.telegram.webhook_url is None
    await eventually(lambda: _v(live.telegram.pending_updates == []))  # offset confirmed
    await asyncio.sleep(0.3)
    assert len(live.telegram.sent()) == 1 and len(live.rasa.requests) == 1


async def test_telegram_down_delays_the_reply_and_loses_nothing(live: Stack) -> None:
    await deliver(live, update("message_start_es.json", user_id=703, text="hola"))
    live.telegram.fail_next = 2

    async def attempts() -> Any:
        _, listing = await live.api("GET", "/api/outbox?limit=50", role="gateway")
        return [r for r in listing["items"] if r["attempts"] >= 1]

    await eventually(attempts)
    for _ in range(3):
        live.clock.advance(3600)
        await asyncio.sleep(0.3)
    sent = await sent_to(live, 703)
    await asyncio.sleep(0.2)
    assert [p["text"] for p in live.telegram.sent() if int(p["chat_id"]) == 703] == [
        "echo: hola"] == [s["text"] for s in sent]


async def _v(value: Any) -> Any:
    return value
