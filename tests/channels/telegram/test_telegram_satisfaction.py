"""Satisfaction on Telegram (issue 20 §4), through the gateway, the real backend and the
Telegram fake: the question comes with five inline buttons; pressing one records its score
and is thanked by the backend (Rasa never sees it)."""

from __future__ import annotations

from tests.channels.provider_stack import Stack
from tests.channels.sms.test_sms_satisfaction import job_closed, survey_of
from tests.channels.telegram.helpers import deliver, sent_to, update
from tests.channels.telegram.test_telegram_buttons import pressed


async def test_a_pressed_rating_button_is_recorded_and_thanked(live: Stack) -> None:
    await deliver(live, update("message_start_es.json", user_id=611, text="hola"))
    await sent_to(live, 611)
    conversation = await live.conversation("telegram", "611")
    assert conversation is not None
    await job_closed(live, conversation.id, "telegram", "611")
    question = (await sent_to(live, 611, count=2))[-1]
    assert "SO-00001" in question["text"]
    keyboard = question["reply_markup"]
    titles = [row[0]["text"] for row in keyboard["inline_keyboard"]]
    assert titles == ["5 ⭐⭐⭐⭐⭐", "4 ⭐⭐⭐⭐", "3 ⭐⭐⭐", "2 ⭐⭐", "1 ⭐"]
    data = keyboard["inline_keyboard"][1][0]["callback_data"]
    assert await deliver(live, pressed(611, data, keyboard)) == 200
    thanks = (await sent_to(live, 611, count=3))[-1]
    assert "4 de 5" in thanks["text"]
    assert live.rasa.messages == ["hola"]
    assert (await survey_of(live))["score"] == 4
