"""SMS replies: one message each (Twilio concatenates), in GSM-7 where the text allows,
numbered choices in both languages, numbers back to payloads, STOP/START, and surviving
Twilio being down."""

from __future__ import annotations

import asyncio
from typing import Any

from channels.sms import gsm
from tests.channels.helpers import eventually
from tests.channels.provider_stack import Stack
from tests.channels.sms.helpers import JOHN, MARTA, bodies, text_in

LONG_ES = ("El técnico Javier Royo está asignado a su incidencia INC-00457. Llegará mañana "
           "entre las 9:00 y las 11:00. Si necesita cambiar la cita, responda a este mensaje "
           "y le llamaremos.")
LONG_EN = ("Javier Royo is assigned to your incident INC-00457. He will arrive tomorrow "
           "between 9:00 and 11:00. If you need to change the appointment, reply to this "
           "message and we will call you back as soon as we can.")
PAYLOADS = ["/affirm", "/deny", "/request_human"]


def says(text: str) -> Any:
    return lambda body: [{"recipient_id": body["sender"], "text": text}]


def choices(body: dict[str, Any]) -> list[dict[str, Any]]:
    if body["message"].startswith("/"):
        return [{"recipient_id": body["sender"], "text": f"ok {body['message']}"}]
    titles = ("Sí", "No", "Persona") if body["message"] == "hola" else ("Yes", "No", "Agent")
    return [{"recipient_id": body["sender"], "text": "¿Es el compresor?" if titles[0] == "Sí"
             else "Is it the compressor?",
             "buttons": [{"title": t, "payload": p}
                         for t, p in zip(titles, PAYLOADS, strict=True)]}]


async def test_a_long_reply_goes_as_one_message_in_gsm7(live: Stack) -> None:
    """Twilio concatenates up to 1,600 characters: a reply is one message (no "(1/3)"), and
    a Spanish one is written in GSM-7, 153 characters a segment instead of 67."""
    for number, text in ((MARTA, LONG_ES), (JOHN, LONG_EN)):
        live.rasa.script = says(text)
        await text_in(live, number, "hola")
        await bodies(live, number, count=1)
        await asyncio.sleep(0.2)
        parts = live.twilio.bodies_to(number)
        assert parts == [gsm.smart(text)], parts
        assert gsm.encoding(parts[0]) == "gsm7" and gsm.segments(parts[0]) == 2
        assert gsm.encoding(text) == ("ucs2" if number == MARTA else "gsm7")
    assert live.twilio.bodies_to(MARTA)[0].startswith("El técnico Javier Royo esta asignado")


async def test_buttons_become_numbered_choices_in_the_conversation_language(
    live: Stack,
) -> None:
    live.rasa.script = choices
    await text_in(live, MARTA, "hola")
    await text_in(live, JOHN, "hello")
    es = " ".join(await bodies(live, MARTA))
    en = " ".join(await bodies(live, JOHN))
    await asyncio.sleep(0.2)
    es = "\n".join(live.twilio.bodies_to(MARTA))
    en = "\n".join(live.twilio.bodies_to(JOHN))
    assert "1. Si" in es and "3. Persona" in es  # "Sí" in GSM-7 and "Responda 1, 2 o 3" in es
    assert "1. Yes" in en and "3. Agent" in en and "Reply 1, 2 or 3" in en


async def test_numeric_reply_is_the_offered_buttons_payload(live: Stack) -> None:
    live.rasa.script = choices
    for turn, (answer, payload) in enumerate(
        (("2", "/deny"), ("opción 3", "/request_human"), ("1.", "/affirm")), start=1
    ):
        await text_in(live, MARTA, "hola")  # the bot offers the three buttons
        await bodies(live, MARTA, count=2 * turn - 1)
        await text_in(live, MARTA, answer)
        await bodies(live, MARTA, count=2 * turn)
        assert live.rasa.messages[-1] == payload
    inbound = [m["text"] for m in await live.messages(
        await _cid(live, MARTA)) if m["direction"] == "in"]
    assert inbound == ["hola", "2", "hola", "opción 3", "hola", "1."]  # as typed


async def test_number_out_of_range_or_without_buttons_is_plain_text(live: Stack) -> None:
    await text_in(live, JOHN, "7")
    await eventually(lambda: _v(live.rasa.messages == ["7"]))


async def test_stop_silences_the_number_and_start_resumes(live: Stack) -> None:
    await text_in(live, MARTA, "hola")
    await bodies(live, MARTA)
    assert (await text_in(live, MARTA, "STOP"))[0] == 200
    conversation = await live.conversation("sms", MARTA)
    assert conversation is not None and conversation.opted_out_at is not None
    assert live.rasa.messages == ["hola"]  # the keyword never reaches the bot
    status, body = await live.api("POST", f"/api/conversations/{conversation.id}/verification",
                                  role="actions", body={"customer_code": "C-1001"})
    assert status == 200, body  # a code for the phone on file: must not go out

    async def dropped() -> list[dict[str, Any]]:
        _, listing = await live.api("GET", "/api/outbox?limit=50", role="gateway")
        return [r for r in listing["items"] if r["status"] == "dropped"]

    rows = await eventually(dropped)
    assert rows[0]["last_error"] == "opted_out" and rows[0]["address"] == MARTA
    assert len(live.twilio.bodies_to(MARTA)) == 1
    await text_in(live, MARTA, "START")
    conversation = await live.conversation("sms", MARTA)
    assert conversation is not None and conversation.opted_out_at is None
    await text_in(live, MARTA, "vuelvo")
    assert (await bodies(live, MARTA, count=2))[-1] == "echo: vuelvo"


async def test_spanish_baja_and_alta_opt_out_and_back_in(live: Stack) -> None:
    await text_in(live, JOHN, "Baja")
    conversation = await live.conversation("sms", JOHN)
    assert conversation is not None and conversation.opted_out_at is not None
    await text_in(live, JOHN, "alta.")
    conversation = await live.conversation("sms", JOHN)
    assert conversation is not None and conversation.opted_out_at is None
    assert live.rasa.requests == []


async def test_twilio_down_delays_the_reply_and_loses_nothing(live: Stack) -> None:
    live.twilio.fail_next = 2
    await text_in(live, MARTA, "hola")

    async def failed_once() -> Any:
        _, listing = await live.api("GET", "/api/outbox?limit=50", role="gateway")
        return [r for r in listing["items"] if r["attempts"] >= 1 and r["status"] == "pending"]

    await eventually(failed_once)
    assert live.twilio.bodies_to(MARTA) == []
    for _ in range(3):  # each retry comes after the backend's backoff
        live.clock.advance(3600)
        await asyncio.sleep(0.3)
    assert await bodies(live, MARTA) == ["echo: hola"]
    await asyncio.sleep(0.2)
    assert live.twilio.bodies_to(MARTA) == ["echo: hola"]


async def _cid(stack: Stack, number: str) -> str:
    conversation = await stack.conversation("sms", number)
    assert conversation is not None
    return str(conversation.id)


async def _v(value: Any) -> Any:
    return value
