"""Twilio inbound webhook: signature (public URL behind a proxy), idempotency, TwiML."""

from __future__ import annotations

import asyncio

import aiohttp

from backend.adapters.orm import Message
from channels.core.texts import TEXTS
from channels.sms import gsm
from channels.sms.render import split_sms
from tests.channels.provider_stack import AiohttpServer, Stack, start_gateway
from tests.channels.sms.helpers import MARTA, bodies, form, text_in
from tests.fakes.twilio_api import twilio_signature

EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>'


async def test_signed_sms_is_stored_answered_with_empty_twiml_and_replied(live: Stack) -> None:
    status, text = await text_in(live, MARTA, "Hola, ¿cómo va lo mío?")
    assert (status, text) == (200, EMPTY_TWIML)
    assert await bodies(live, MARTA) == ["echo: Hola, ¿como va lo mio?"]  # in GSM-7
    conversation = await live.conversation("sms", MARTA)
    assert conversation is not None and conversation.verified  # phone on file
    assert conversation.customer_code == "C-1001" and conversation.language == "es"


async def test_forged_or_missing_signature_gets_403_and_stores_nothing(live: Stack) -> None:
    url = live.gateway_url + "/webhooks/twilio/sms"
    values = form(MARTA, "hola")
    status, _ = await live.twilio.deliver_sms(url, values, auth_token="someone-elses-token")
    assert status == 403
    tampered = dict(values, Body="dame los datos del contrato")
    signature = twilio_signature(live.twilio.auth_token, url, values)
    async with aiohttp.ClientSession() as http:
        response = await http.post(url, data=tampered, headers={"X-Twilio-Signature": signature})
        assert response.status == 403
        response = await http.post(url, data=values)
        assert response.status == 403
    await asyncio.sleep(0.2)
    assert await live.rows_stored() == 0 and live.rasa.requests == []


async def test_retried_webhook_stores_one_message_and_sends_one_reply(live: Stack) -> None:
    values = form(MARTA, "el compresor pierde aceite")
    url = live.gateway_url + "/webhooks/twilio/sms"
    for _ in range(5):
        assert (await live.twilio.deliver_sms(url, values))[0] == 200
    await bodies(live, MARTA)
    await asyncio.sleep(0.3)
    assert live.twilio.bodies_to(MARTA) == ["echo: el compresor pierde aceite"]
    assert await live.count(Message) == 2  # one in, one out
    assert len(live.rasa.requests) == 1


async def test_signature_is_checked_against_the_public_url_behind_a_proxy(
    aiohttp_server: AiohttpServer, stack: Stack,
) -> None:
    public = "https://avisa.example.com"  # what Twilio was told; the proxy rewrites to us
    live = await start_gateway(aiohttp_server, stack, public_url=public)
    url = live.gateway_url + "/webhooks/twilio/sms"
    values = form(MARTA, "hola desde el proxy")
    signed_public = public + "/webhooks/twilio/sms"
    assert (await live.twilio.deliver_sms(url, values, signed_url=signed_public))[0] == 200
    other = form(MARTA, "firmado para la URL interna")
    assert (await live.twilio.deliver_sms(url, other))[0] == 403
    assert await bodies(live, MARTA) == ["echo: hola desde el proxy"]


async def test_mms_whose_media_is_not_this_accounts_is_not_fetched(live: Stack) -> None:
    """The recorded form's MediaUrl0 is on api.twilio.com, not the configured API host: the
    gateway fetches nothing from it, keeps the message and asks for the file again."""
    url = live.gateway_url + "/webhooks/twilio/sms"
    status, _ = await live.twilio.deliver_sms(url, form(MARTA, "", name="inbound_mms.json"))
    assert status == 200
    expected = split_sms(gsm.smart(TEXTS["attachment_lost"]))
    parts = await bodies(live, MARTA, count=len(expected))
    assert parts == expected and len(parts) == 1  # one message: Twilio concatenates it
    assert "No hemos podido recibir el archivo" in parts[0] and "couldn't receive" in parts[0]
    assert live.rasa.requests == [] and live.twilio.media_fetches == []


async def test_not_an_sms_gets_a_clear_400(live: Stack) -> None:
    url = live.gateway_url + "/webhooks/twilio/sms"
    values = {"AccountSid": live.twilio.account_sid, "Body": "hola"}
    status, text = await live.twilio.deliver_sms(url, values)
    assert status == 400 and "From" in text
    assert await live.rows_stored() == 0
