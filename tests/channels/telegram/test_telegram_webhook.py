"""Telegram webhook: secret token, idempotent retries, commands, language, ignored updates."""

from __future__ import annotations

import asyncio

import aiohttp

from backend.adapters.orm import Conversation, Message
from tests.channels.helpers import eventually
from tests.channels.provider_stack import TELEGRAM_SECRET, Stack
from tests.channels.telegram.helpers import deliver, sent_to, update, webhook_ready


async def test_gateway_registers_its_public_webhook_with_the_secret(live: Stack) -> None:
    await webhook_ready(live)
    assert live.telegram.webhook_url == live.gateway_url + "/webhooks/telegram"
    assert live.telegram.webhook_secret == TELEGRAM_SECRET
    call = live.telegram.sent("setWebhook")[0]
    assert set(call["allowed_updates"]) == {"message", "callback_query"}


async def test_forged_or_missing_secret_is_rejected_and_nothing_is_stored(live: Stack) -> None:
    await webhook_ready(live)
    raw = update("message_text_en.json")
    assert await deliver(live, raw, secret="not-the-secret") == 403
    async with aiohttp.ClientSession() as http:  # no header at all
        response = await http.post(live.gateway_url + "/webhooks/telegram", json=raw)
        assert response.status == 401
    await asyncio.sleep(0.2)
    assert await live.count(Message) == 0 and await live.count(Conversation) == 0
    assert live.rasa.requests == [] and live.telegram.sent() == []


async def test_delivery_retried_five_times_stores_one_message_and_replies_once(
    live: Stack,
) -> None:
    raw = update("message_text_en.json", user_id=4242)
    statuses = [await deliver(live, raw) for _ in range(5)]
    assert statuses == [200] * 5
    sent = await sent_to(live, 4242)
    await asyncio.sleep(0.3)  # room for a wrong second reply to show up
    assert len([p for p in live.telegram.sent() if int(p["chat_id"]) == 4242]) == 1
    assert sent[0]["text"] == "echo: Hi, the compressor at our Malpica plant keeps tripping"
    conversation = await live.conversation("telegram", "4242")
    assert conversation is not None and conversation.language == "en"  # from language_code
    inbound = [m for m in await live.messages(conversation.id) if m["direction"] == "in"]
    assert len(inbound) == 1 and inbound[0]["provider_message_id"] == str(raw["update_id"])


async def test_start_help_cancel_reach_the_bot_as_words_in_the_users_language(
    live: Stack,
) -> None:
    for user_id, lang in ((501, "es"), (502, "en")):
        for command in ("/start", "/help@avisa_demo_bot", "/cancel"):
            raw = update("message_start_es.json", user_id=user_id, text=command)
            raw["message"]["from"]["language_code"] = lang
            assert await deliver(live, raw) == 200
    await eventually(lambda: _at_least(live, 6))
    by_sender = {s: [b["message"] for b in live.rasa.requests if b["sender"] == s]
                 for s in {b["sender"] for b in live.rasa.requests}}
    assert sorted(by_sender.values()) == [["hello", "help", "cancel"],
                                          ["hola", "ayuda", "cancelar"]]
    assert not any(m.startswith("/") for m in live.rasa.messages)


async def test_unknown_command_never_reaches_the_bot_with_its_slash(live: Stack) -> None:
    assert await deliver(live, update("message_start_es.json", user_id=503,
                                      text="/restart")) == 200
    await eventually(lambda: _at_least(live, 1))
    assert live.rasa.messages == ["restart"]


async def test_photo_without_its_file_is_kept_as_text_and_the_customer_told(
        live: Stack) -> None:
    """getFile fails (the fake holds no such file): the message is still stored, the
    customer is asked to send it again, nothing reaches the bot."""
    assert await deliver(live, update("message_photo.json", user_id=504)) == 200
    sent = await sent_to(live, 504)
    assert "No hemos podido recibir" in sent[0]["text"] and "couldn't receive" in sent[0]["text"]
    assert live.rasa.requests == []
    conversation = await live.conversation("telegram", "504")
    assert conversation is not None
    assert next(m["text"] for m in await live.messages(conversation.id)) == "[photo]"


async def test_group_chats_and_edits_are_acknowledged_but_not_stored(live: Stack) -> None:
    for name in ("message_group.json", "edited_message.json"):
        assert await deliver(live, update(name)) == 200
    assert await live.count(Message) == 0


async def test_malformed_update_gets_a_clear_400(live: Stack) -> None:
    await webhook_ready(live)
    headers = {"X-Telegram-Bot-Api-Secret-Token": TELEGRAM_SECRET}
    async with aiohttp.ClientSession() as http:
        response = await http.post(live.gateway_url + "/webhooks/telegram",
                                   data="{not json", headers=headers)
        assert response.status == 400
        response = await http.post(live.gateway_url + "/webhooks/telegram",
                                   json={"message": {}}, headers=headers)
        assert response.status == 400
        assert "update_id" in (await response.json())["error"]["message"]


async def _at_least(stack: Stack, n: int) -> bool:
    return len(stack.rasa.requests) >= n
