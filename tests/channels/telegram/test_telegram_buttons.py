"""Inline keyboards: index callback_data, callback → payload, answered callback queries."""

from __future__ import annotations

import asyncio
from typing import Any

from channels.telegram.parse import callback_data
from tests.channels.helpers import eventually
from tests.channels.provider_stack import Stack
from tests.channels.telegram.helpers import deliver, sent_to, update

LONG = "/inform" + '{"equipment_id":"EQ-0001","serial":"CMP-2291-X","site":"S-1001-1"}'
PAYLOADS = ["/affirm", LONG, "/request_human"]


def offer(body: dict[str, Any]) -> list[dict[str, Any]]:
    if body["message"] in PAYLOADS:
        return [{"recipient_id": body["sender"], "text": f"got {body['message']}"}]
    titles = ("Sí", "El compresor de Malpica", "Una persona")
    buttons = [{"title": t, "payload": p} for t, p in zip(titles, PAYLOADS, strict=True)]
    return [{"recipient_id": body["sender"], "text": "¿Cuál de sus equipos?",
             "buttons": buttons}]


def pressed(user_id: int, data: str, keyboard: dict[str, Any]) -> dict[str, Any]:
    raw = update("callback_query.json", user_id=user_id)
    raw["callback_query"]["data"] = data
    raw["callback_query"]["message"]["reply_markup"] = keyboard
    return raw


async def test_buttons_render_as_an_inline_keyboard_within_64_bytes(live: Stack) -> None:
    live.rasa.script = offer
    await deliver(live, update("message_start_es.json", user_id=601, text="hola"))
    sent = (await sent_to(live, 601))[0]
    rows = sent["reply_markup"]["inline_keyboard"]
    assert [row[0]["text"] for row in rows] == ["Sí", "El compresor de Malpica", "Una persona"]
    assert all(len(row) == 1 for row in rows)
    datas = [row[0]["callback_data"] for row in rows]
    assert datas == [callback_data(i, PAYLOADS) for i in range(3)]
    assert len(LONG.encode()) > 64 and all(len(d.encode()) <= 64 for d in datas)


async def test_pressing_a_button_sends_its_payload_and_answers_the_callback(live: Stack) -> None:
    live.rasa.script = offer
    await deliver(live, update("message_start_es.json", user_id=602, text="hola"))
    keyboard = (await sent_to(live, 602))[0]["reply_markup"]
    data = keyboard["inline_keyboard"][1][0]["callback_data"]
    raw = pressed(602, data, keyboard)
    assert await deliver(live, raw) == 200
    await sent_to(live, 602, count=2)
    assert live.rasa.messages == ["hola", LONG]
    answers = live.telegram.sent("answerCallbackQuery")
    assert [a["callback_query_id"] for a in answers] == [raw["callback_query"]["id"]]
    assert not answers[0].get("text")
    conversation = await live.conversation("telegram", "602")
    assert conversation is not None
    stored = [m for m in await live.messages(conversation.id) if m["direction"] == "in"][-1]
    assert stored["text"] == "El compresor de Malpica"  # what the person saw and pressed


async def test_a_button_from_an_older_message_goes_as_its_title(live: Stack) -> None:
    live.rasa.script = offer
    await deliver(live, update("message_start_es.json", user_id=603, text="hola"))
    keyboard = (await sent_to(live, 603))[0]["reply_markup"]
    old = keyboard["inline_keyboard"][0][0]["callback_data"]
    live.rasa.script = lambda body: [{"recipient_id": body["sender"], "text": "Otra cosa",
                                      "buttons": [{"title": "Vale", "payload": "/thank"}]}]
    await deliver(live, update("message_start_es.json", user_id=603, text="otra"))
    await sent_to(live, 603, count=2)
    assert await deliver(live, pressed(603, old, keyboard)) == 200
    await eventually(lambda: _asyncv(len(live.rasa.requests) >= 3))
    assert live.rasa.messages[-1] == "Sí"  # not the stale "/affirm"
    assert "ya no está activa" in live.telegram.sent("answerCallbackQuery")[0]["text"]


async def test_retried_callback_is_answered_but_forwarded_once(live: Stack) -> None:
    live.rasa.script = offer
    await deliver(live, update("message_start_es.json", user_id=604, text="hola"))
    keyboard = (await sent_to(live, 604))[0]["reply_markup"]
    raw = pressed(604, keyboard["inline_keyboard"][2][0]["callback_data"], keyboard)
    for _ in range(3):
        assert await deliver(live, raw) == 200
    await sent_to(live, 604, count=2)
    await asyncio.sleep(0.3)
    assert live.rasa.messages == ["hola", "/request_human"]


async def _asyncv(value: Any) -> Any:
    return value
